//! The code enum's own behaviour (`src/code.rs`): its names and `Debug`, the statuses it is
//! documented with, the `CatalogCode` trait (the same answers as the inherent methods, for
//! code generic over catalogs), and the parse error, `UnknownErrorCode`. The workspace's
//! `tests/runtime.rs` covers more of the generated API; these tests live in `kms-errors` so
//! that mutation testing of its runtime counts them.
//!
//! The mutants of `src/code.rs` that no test can catch, because they change nothing
//! observable (`cargo mutants -p kms-errors --file '**/code.rs'` reports them as missed):
//!
//! - `replace < with <= in CodeInfo<C>::first_text`, `in CodeInfo<C>::status`, `in
//!   CodeInfo<C>::kind` and `in CodeInfo<C>::doc_url`: each differs only when the code has
//!   no rows, i.e. `Unknown` (every catalog code has a row); its row range starts at the end
//!   of the row table, and the words past the end read as zero: no text, status `0`, no
//!   declared kind (so the kind of status `0`, `Unknown`), no link (so the catalog's),
//!   exactly what the unmutated code returns for `Unknown`.
//!
//! And of `src/private.rs`, the lookup of a code by its string:
//!
//! - `replace < with <= in code_of` (`j - n < C::ALIAS_OF.len()`): `j` is a position in
//!   `SPELLINGS`, found by the lookup, which lists the `n` codes and then the aliases, one
//!   `ALIAS_OF` entry each; so `j - n` is always below the number of aliases and the branch
//!   after it is never taken.

use kms_errors::{CatalogCode, ErrorCode, ErrorKind, UnknownErrorCode};

mod dns {
    // tests/catalogs/one_alias.csv: two codes, one of them with an alias.
    kms_errors::kms_errors!(
        path = "tests/catalogs/one_alias.csv",
        error = DnsError,
        code = DnsCode
    );
}
use dns::{DnsCode, DnsError};
use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hash};

fn hash_of<T: Hash>(value: &T) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

/// Every code and `Unknown`.
fn every_code() -> impl Iterator<Item = ErrorCode> {
    ErrorCode::ALL.iter().copied().chain([ErrorCode::Unknown])
}

/// The variant-name rule for the bundled `PREFIX.DIGITS` codes: the prefix capitalised,
/// then the digits (`KMS.0207` → `Kms0207`).
fn expected_name(code: &str) -> String {
    let (prefix, digits) = code.split_once('.').expect("PREFIX.DIGITS");
    let mut name = prefix[..1].to_ascii_uppercase();
    name.push_str(&prefix[1..].to_ascii_lowercase());
    name.push_str(digits);
    name
}

#[test]
fn every_code_is_named_after_its_string_and_debug_prints_the_name() {
    assert_eq!(ErrorCode::Kms0207.name(), "Kms0207");
    assert_eq!(ErrorCode::Csms0101.name(), "Csms0101");
    assert_eq!(ErrorCode::Apig0301.name(), "Apig0301");
    assert_eq!(ErrorCode::Unknown.name(), "Unknown");
    for &c in ErrorCode::ALL {
        assert_eq!(c.name(), expected_name(c.as_str()));
    }
    for c in every_code() {
        assert_eq!(format!("{c:?}"), c.name());
    }
    assert_eq!(format!("{:?}", Some(ErrorCode::Kms0207)), "Some(Kms0207)");
}

#[test]
fn a_code_has_the_statuses_of_its_rows_and_no_other() {
    assert!(ErrorCode::Kms0207.has_status(404));
    assert!(!ErrorCode::Kms0207.has_status(400));
    assert!(ErrorCode::Csms0101.has_status(409));
    for &c in ErrorCode::ALL {
        let statuses: HashSet<u16> = c.rows().map(|r| r.status()).collect();
        for status in 0..=999 {
            assert_eq!(
                c.has_status(status),
                statuses.contains(&status),
                "{c} {status}"
            );
        }
    }
    // `APIG.0201` is documented with seven statuses.
    for status in [400, 413, 414, 494, 500, 502, 504] {
        assert!(ErrorCode::Apig0201.has_status(status), "{status}");
    }
    assert!(!ErrorCode::Apig0201.has_status(503));
    // `Unknown` with none.
    assert!((0..=999).all(|s| !ErrorCode::Unknown.has_status(s)));
}

#[test]
fn the_trait_gives_the_same_answers() {
    // One list of questions: on a concrete `ErrorCode` the calls are its inherent methods,
    // in a function generic over `CatalogCode` the trait's.
    macro_rules! answers {
        ($c:expr) => {
            (
                $c.as_str(),
                $c.name(),
                $c.status(),
                [400, 404, 409, 500, 502].map(|s| $c.has_status(s)),
                $c.kind(),
                ($c.message(), $c.description(), $c.measure()),
                $c.doc_url(),
                $c.rows().map(|r| r.status()).collect::<Vec<_>>(),
            )
        };
    }
    #[allow(clippy::type_complexity)]
    fn answers<C: CatalogCode>(
        c: C,
    ) -> (
        &'static str,
        &'static str,
        u16,
        [bool; 5],
        ErrorKind,
        (&'static str, &'static str, &'static str),
        Option<&'static str>,
        Vec<u16>,
    ) {
        answers!(c)
    }
    for c in every_code() {
        assert_eq!(answers(c), answers!(c), "{c:?}");
        assert_eq!(
            <ErrorCode as CatalogCode>::from_code(c.as_str()),
            ErrorCode::from_code(c.as_str())
        );
    }
    // The answers themselves, for a code with a row of each kind of text, and `Unknown`.
    const KMS: &str =
        "https://docs.otc.t-systems.com/key-management-service/api-ref/appendix/error_code.html";
    assert_eq!(
        answers(ErrorCode::Kms0207),
        (
            "KMS.0207",
            "Kms0207",
            404,
            [false, true, false, false, false],
            ErrorKind::NotFound,
            (
                "The key does not exist.",
                "The key does not exist.",
                "Choose a valid key or create a key."
            ),
            Some(KMS),
            vec![404],
        )
    );
    assert_eq!(
        answers(ErrorCode::Unknown),
        (
            "unknown",
            "Unknown",
            0,
            [false; 5],
            ErrorKind::Unknown,
            ("", "", ""),
            Some(KMS),
            vec![],
        )
    );
    assert_eq!(
        answers(ErrorCode::Apig0201).7,
        [400, 413, 414, 494, 502, 504, 500]
    );
}

/// The parse error of `s`.
fn unknown(s: &str) -> UnknownErrorCode {
    s.parse::<ErrorCode>().unwrap_err()
}

#[test]
fn the_parse_error_keeps_the_string_and_says_it() {
    for s in ["kms.0207", "", "KMS.9999", " KMS.0207", "错误🔑\u{0}\n\"`"] {
        let e = unknown(s);
        assert_eq!(e.code(), s);
        assert_eq!(e.to_string(), format!("unknown error code `{s}`"));
        assert_eq!(
            format!("{e:?}"),
            format!("UnknownErrorCode {{ code: {s:?} }}")
        );
    }
    assert_eq!(
        format!("{:#?}", unknown("kms.0207")),
        "UnknownErrorCode {\n    code: \"kms.0207\",\n}"
    );
    // A std error, usable with `?` into `Box<dyn Error>`.
    fn parse(s: &str) -> Result<ErrorCode, Box<dyn std::error::Error + Send + Sync>> {
        Ok(s.parse::<ErrorCode>()?)
    }
    assert_eq!(parse("KMS.0207").unwrap(), ErrorCode::Kms0207);
    assert_eq!(
        parse("nope").unwrap_err().to_string(),
        "unknown error code `nope`"
    );
}

#[test]
fn parse_errors_are_equal_when_their_strings_are_and_hash_alike() {
    let strings = ["kms.0207", "", "KMS.9999", "KMS.9998", "KMS.99999"];
    for (i, a) in strings.iter().enumerate() {
        let e = unknown(a);
        assert_eq!(e, e.clone());
        assert_eq!(e.clone().code(), *a);
        // Each parse error holds its own copy of the string.
        assert_eq!(e, unknown(a));
        assert_eq!(hash_of(&e), hash_of(&unknown(a)));
        for (j, b) in strings.iter().enumerate() {
            assert_eq!(e == unknown(b), i == j, "{a:?} {b:?}");
        }
    }
    // The hash covers the string: different strings, different hashes.
    let hashes: HashSet<u64> = strings.iter().map(|s| hash_of(&unknown(s))).collect();
    assert_eq!(hashes.len(), strings.len());
    let set: HashSet<UnknownErrorCode> = strings.iter().map(|s| unknown(s)).collect();
    assert!(set.contains(&unknown("KMS.9999")) && !set.contains(&unknown("KMS.9997")));
}

#[test]
fn an_alias_names_its_code_in_a_catalog_with_one_alias() {
    assert_eq!(DnsCode::from_code("DNSGW.0001"), Some(DnsCode::Dns0001));
    assert_eq!(DnsCode::from_code("DNS.0001"), Some(DnsCode::Dns0001));
    assert_eq!(DnsCode::from_code("DNS.0002"), Some(DnsCode::Dns0002));
    assert_eq!(DnsCode::from_code("DNSGW.0002"), None);
    assert_eq!("DNSGW.0001".parse(), Ok(DnsCode::Dns0001));
    let e = DnsError::from((404, "DNSGW.0001"));
    assert_eq!((e.code(), e.code_str()), (DnsCode::Dns0001, "DNSGW.0001"));
    assert_eq!(
        e.to_string(),
        "DNSGW.0001 (HTTP 404): The zone does not exist."
    );
    assert_eq!(DnsCode::ALL, [DnsCode::Dns0001, DnsCode::Dns0002]);
}
