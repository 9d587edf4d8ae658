// A catalog composed of several files of one's own, each with its own header (names, order)
// and delimiter: one enum, every row kept, an exact duplicate merged, aliases from the
// second file; and one's own table with the bundled API gateway's added.
mod dns {
    kms_errors::kms_errors!(
        path = [
            "tests/ui/catalogs/compose_dns.csv",
            "tests/ui/catalogs/compose_extra.csv",
        ],
        error = DnsError,
        code = DnsCode
    );
}

mod iam {
    // The gateway in front of IAM answers with its own codes: one enum for both.
    kms_errors::kms_errors!(
        path = "tests/ui/catalogs/iam_like.csv",
        bundled = "gateway",
        error = IamError,
        code = IamCode
    );
}

use dns::{DnsCode, DnsError};
use iam::{IamCode, IamError};
use kms_errors::{code, ErrorKind};

fn main() {
    // Codes in first-appearance order across the files.
    assert_eq!(
        DnsCode::ALL,
        [DnsCode::Dns0101, DnsCode::Dns0102, DnsCode::Dns0103, DnsCode::Dns0104]
    );
    // DNS.0101: its row from each file, the duplicate of the first merged.
    let rows: Vec<(u16, &str)> = DnsCode::Dns0101.rows().map(|r| (r.status(), r.message())).collect();
    assert_eq!(rows, [(404, "The zone does not exist."), (410, "The zone was deleted.")]);
    assert_eq!(DnsCode::Dns0101.measure(), "Create the zone first.");
    let gone = DnsError::from((410, "DNS-0101"));
    assert_eq!((gone.code(), gone.code_str()), (DnsCode::Dns0101, "DNS-0101"));
    assert!(gone.is_documented() && gone.is_not_found());
    assert_eq!(gone.message(), "The zone was deleted.");
    // Aliases, several in one cell; `FromStr` and `code!` take them too.
    assert_eq!(DnsCode::from_code("dns.0104"), Some(DnsCode::Dns0104));
    assert_eq!("DNS.104".parse::<DnsCode>(), Ok(DnsCode::Dns0104));
    assert_eq!(code!(DnsCode, "DNS.104"), DnsCode::Dns0104);
    assert!(DnsError::from((429, "dns.0104")).is_throttled());
    assert_eq!(DnsCode::Dns0104.kind(), ErrorKind::ResourceExhausted);
    assert_eq!(DnsCode::from_code("DNS-0102"), None);

    // One's own codes first, then the gateway's, in both spellings.
    assert_eq!(IamCode::ALL.len(), 3 + 64);
    assert_eq!(IamCode::ALL[0], IamCode::E1100);
    let wrong_endpoint = IamError::from((404, "APIGW.0101"));
    assert_eq!(wrong_endpoint.code(), IamCode::Apig0101);
    assert!(!wrong_endpoint.is_not_found());
    assert_eq!(wrong_endpoint.kind(), ErrorKind::Unimplemented);
    assert_eq!(
        IamError::from((401, "APIG.0301")).message(),
        "Incorrect IAM authentication information."
    );
    assert_eq!(
        IamCode::Apig0301.doc_url(),
        Some("https://docs.otc.t-systems.com/api-gateway/umn/published_api_calling/error_codes.html")
    );
    // One's own rows have no link (no `docs` argument).
    assert_eq!(IamCode::E1100.doc_url(), None);
    assert_eq!(code!(IamCode, "APIGW.0308"), IamCode::Apig0308);
}
