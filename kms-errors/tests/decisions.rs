//! The decisions clients act on, over every row of both bundled tables (the KMS and CSMS
//! table and the API gateway's, each row received with its documented status), pinned as
//! expected sets: the kind of every row, "not found" (a Terraform-like tool drops the
//! resource from its state), "conflict" (it adopts the existing one), quota, throttling and
//! the retry advice; the status rules for codes the catalog does not have; and that the
//! inherent methods and the `CatalogError` trait agree. These tests live in `kms-errors` so
//! that mutation testing of its runtime counts them.
//!
//! A row is named by its code, or `CODE@STATUS` for a code documented with several statuses
//! (among the bundled codes only `APIG.0201`).

use kms_errors::{code, CatalogError, ErrorCode, ErrorKind, KmsError, Retry};
use std::collections::BTreeSet;

/// The rows of both bundled tables: 185 KMS and CSMS rows, 71 gateway rows.
const ROWS: usize = 256;

/// The kind of every row, as the `kind` columns declare them (filled by reading every row:
/// the README's "Classification" and "Gateway codes").
const KINDS: &[(ErrorKind, &str)] = &[
    (
        ErrorKind::AlreadyExists,
        "CSMS.0101 CSMS.0102 CSMS.0104 KMS.0318 KMS.1104",
    ),
    (ErrorKind::DeadlineExceeded, "APIG.0201@504 APIG.0203"),
    (
        ErrorKind::FailedPrecondition,
        "APIG.0103 APIG.0104 APIG.0105 APIG.0310 APIG.0502 APIG.0605 APIG.0609 \
         APIG.0611 APIG.0612 APIG.0615 APIG.2102 CSMS.0103 CSMS.0105 CSMS.0107 \
         CSMS.0108 CSMS.0109 CSMS.0401 KMS.0106 KMS.0209 KMS.0210 KMS.0211 KMS.0310 \
         KMS.0313 KMS.0317 KMS.0320 KMS.0328 KMS.1201 KMS.1301 KMS.1402 KMS.1404 \
         KMS.1501 KMS.2304 KMS.2305 KMS.2601 KMS.2701 KMS.2702 KMS.2901 KMS.3802 \
         KMS.3803",
    ),
    (
        ErrorKind::Internal,
        "APIG.0107 APIG.0201@500 APIG.0601 APIG.0606 APIG.0608 APIG.0705 CSMS.0001 \
         CSMS.0006 KMS.0100 KMS.0101 KMS.0102 KMS.0103 KMS.0105 KMS.1108 KMS.1109 \
         KMS.2403 KMS.3201 KMS.3202 KMS.3801 KMS.3805 KMS.3806 KMS.5021",
    ),
    (
        ErrorKind::InvalidArgument,
        "APIG.0106 APIG.0201@400 APIG.0204 APIG.0602 APIG.0607 APIG.2204 APIG.2206 \
         APIG.2209 APIG.2210 APIG.2211 APIG.2212 APIG.2213 CSMS.0002 CSMS.0003 \
         CSMS.0004 KMS.0201 KMS.0202 KMS.0203 KMS.0204 KMS.0206 KMS.0208 KMS.0212 \
         KMS.0214 KMS.0308 KMS.0309 KMS.0311 KMS.0312 KMS.0315 KMS.0324 KMS.0325 \
         KMS.0329 KMS.0331 KMS.0332 KMS.0334 KMS.0335 KMS.0338 KMS.0339 KMS.0341 \
         KMS.0401 KMS.0402 KMS.0403 KMS.0404 KMS.0405 KMS.0406 KMS.0407 KMS.0408 \
         KMS.0410 KMS.0411 KMS.0412 KMS.0413 KMS.0414 KMS.0415 KMS.0417 KMS.0418 \
         KMS.1101 KMS.1102 KMS.1103 KMS.1110 KMS.1114 KMS.1115 KMS.1601 KMS.1603 \
         KMS.1801 KMS.1802 KMS.1902 KMS.1903 KMS.2001 KMS.2101 KMS.2102 KMS.2103 \
         KMS.2104 KMS.2105 KMS.2106 KMS.2201 KMS.2202 KMS.2203 KMS.2204 KMS.2302 \
         KMS.2303 KMS.2401 KMS.2402 KMS.2502 KMS.2602 KMS.2603 KMS.2604 KMS.2605 \
         KMS.2606 KMS.2608 KMS.2609 KMS.2610 KMS.2801 KMS.3001 KMS.3103 KMS.3702 \
         KMS.3804 KMS.3902 KMS.3903 KMS.4001 KMS.4002 KMS.5022 KMS.5023",
    ),
    (
        ErrorKind::NotFound,
        "CSMS.0005 CSMS.0106 CSMS.0205 CSMS.0206 CSMS.0207 KMS.0205 KMS.0207 KMS.0316 \
         KMS.0416 KMS.2501 KMS.3901",
    ),
    (
        ErrorKind::OutOfRange,
        "APIG.0201@413 APIG.0201@414 APIG.0201@494 APIG.2208 KMS.1401 KMS.1602 KMS.1901 \
         KMS.1904 KMS.2108 KMS.2301",
    ),
    (
        ErrorKind::PermissionDenied,
        "APIG.0302 APIG.0304 APIG.0306 APIG.0314 APIG.0401 APIG.0402 APIG.0404 \
         APIG.0405 APIG.0802 CSMS.0302 KMS.0304 KMS.0306 KMS.0307 KMS.0314 KMS.0321 \
         KMS.0322 KMS.0326 KMS.0327 KMS.0330 KMS.2406",
    ),
    (
        ErrorKind::ResourceExhausted,
        "APIG.0308 APIG.0501 CSMS.0201 CSMS.0202 CSMS.0203 CSMS.0204 KMS.0409 KMS.1105 \
         KMS.2404 KMS.2405",
    ),
    (
        ErrorKind::Unauthenticated,
        "APIG.0205 APIG.0301 APIG.0303 APIG.0305 APIG.0307 APIG.0311 APIG.0312 \
         APIG.0313 APIG.1001 APIG.1002 APIG.1003 APIG.1004 APIG.1009 APIG.2201 \
         APIG.2202 APIG.2203 APIG.2205 CSMS.0301 KMS.0301 KMS.0302 KMS.0303 KMS.0305",
    ),
    (
        ErrorKind::Unavailable,
        "APIG.0201@502 APIG.0202 APIG.0610 APIG.0613 APIG.0616 APIG.0617 KMS.0104 \
         KMS.0323 KMS.5012",
    ),
    (
        ErrorKind::Unimplemented,
        "APIG.0101 KMS.0215 KMS.0319 KMS.0340",
    ),
];

/// Kind `not_found`: only named resources that do not exist. Not `APIG.0101`: a call to an
/// API that does not exist (a wrong endpoint, region or version segment) is not a missing key.
const NOT_FOUND: &str = "CSMS.0005 CSMS.0106 CSMS.0205 CSMS.0206 CSMS.0207 KMS.0205 KMS.0207 \
                         KMS.0316 KMS.0416 KMS.2501 KMS.3901";

/// Kind `already_exists` (or HTTP 409): "Duplicate key aliases.", the partition name, the
/// three CSMS 409 rows.
const CONFLICT: &str = "CSMS.0101 CSMS.0102 CSMS.0104 KMS.0318 KMS.1104";

/// Quotas (kind `resource_exhausted` at a status other than 429): too many keys, grants,
/// tags, secrets; `CSMS.0201` arrives as 500; the gateway's used-up app quota as 405.
const QUOTA: &str = "APIG.0501 CSMS.0201 CSMS.0202 CSMS.0203 CSMS.0204 KMS.0409 KMS.1105 \
                     KMS.2404 KMS.2405";

/// HTTP 429: the gateway's throttling threshold.
const THROTTLED: &str = "APIG.0308";

/// Retried when the request is idempotent: throttling; kind `unavailable` (the request did
/// not reach the backend, or "try again later"); kind `deadline_exceeded` (the gateway's
/// backend timeout, 504: it may have run); kind `internal` documented with HTTP 500.
const RETRYABLE: &str = "APIG.0107 APIG.0201@500 APIG.0201@502 APIG.0201@504 APIG.0202 \
                         APIG.0203 APIG.0308 APIG.0601 APIG.0606 APIG.0608 APIG.0610 APIG.0613 \
                         APIG.0616 APIG.0617 APIG.0705 CSMS.0001 CSMS.0006 KMS.0100 KMS.0101 \
                         KMS.0102 KMS.0103 KMS.0104 KMS.0323 KMS.3805 KMS.3806 KMS.5012 KMS.5021";

/// Retried when it is not: only where the request surely did not take effect (throttled,
/// unavailable), never on a backend timeout (504) or a system error.
const RETRYABLE_NOT_IDEMPOTENT: &str = "APIG.0201@502 APIG.0202 APIG.0308 APIG.0610 \
                                        APIG.0613 APIG.0616 APIG.0617 KMS.0104 KMS.0323 \
                                        KMS.5012";

fn set(words: &str) -> BTreeSet<String> {
    words.split_whitespace().map(str::to_owned).collect()
}

/// Every row of both tables as `(name, status, code)`, read from the generated code.
fn rows() -> Vec<(String, u16, &'static str)> {
    let mut out = Vec::new();
    for &code in ErrorCode::ALL {
        let several = code.rows().any(|r| r.status() != code.status());
        for status in code.rows().map(|r| r.status()) {
            let name = if several {
                format!("{}@{status}", code.as_str())
            } else {
                code.as_str().to_owned()
            };
            out.push((name, status, code.as_str()));
        }
    }
    assert_eq!(out.len(), ROWS);
    out
}

/// The rows for which `pred` holds on the error as received.
fn rows_where(pred: impl Fn(&KmsError) -> bool) -> BTreeSet<String> {
    rows()
        .into_iter()
        .filter(|(_, status, code)| pred(&KmsError::from((*status, *code))))
        .map(|(name, ..)| name)
        .collect()
}

#[test]
fn the_kind_of_every_row() {
    let mut named = BTreeSet::new();
    for (kind, names) in KINDS {
        for name in names.split_whitespace() {
            assert!(named.insert(name), "{name} listed twice");
        }
        assert_eq!(&rows_where(|e| e.kind() == *kind), &set(names), "{kind:?}");
    }
    let all: BTreeSet<String> = rows().into_iter().map(|(n, ..)| n).collect();
    assert_eq!(named.len(), all.len(), "every row has one kind");
}

#[test]
fn not_found_rows() {
    assert_eq!(rows_where(KmsError::is_not_found), set(NOT_FOUND));
    // A call to an API that does not exist, in either spelling: a wrong endpoint, not a
    // missing resource.
    for code in ["APIG.0101", "APIGW.0101"] {
        let e = KmsError::from((404, code));
        assert!(
            !e.is_not_found() && e.kind() == ErrorKind::Unimplemented,
            "{code}"
        );
        assert!(e.is_documented() && !e.is_retryable(), "{code}");
    }
    // "Invalid key ID." arrives as 400 and means not found.
    assert!(KmsError::from((400, "KMS.0205")).is_not_found());
}

#[test]
fn conflict_rows() {
    assert_eq!(rows_where(KmsError::is_conflict), set(CONFLICT));
}

#[test]
fn quota_rows_are_never_retried() {
    assert_eq!(rows_where(KmsError::is_quota_exceeded), set(QUOTA));
    for code in set(QUOTA) {
        let code: ErrorCode = code.parse().unwrap();
        assert_eq!(code.kind(), ErrorKind::ResourceExhausted);
        // Whatever status it arrives with, but 429.
        for status in [400, 403, 405, 500, 503] {
            let e = KmsError::from((status, code.as_str()));
            assert!(e.is_quota_exceeded(), "{code} {status}");
            assert!(
                !e.is_retryable() && !e.is_retryable_for(true),
                "{code} {status}"
            );
        }
        let e = KmsError::from((429, code.as_str()));
        assert!(e.is_throttled() && !e.is_quota_exceeded() && e.is_retryable());
    }
}

#[test]
fn throttled_rows() {
    assert_eq!(rows_where(KmsError::is_throttled), set(THROTTLED));
    let e = KmsError::from((429, "APIGW.0308"));
    assert!(e.is_throttled() && e.is_retryable_for(false) && !e.is_quota_exceeded());
    assert_eq!(e.kind(), ErrorKind::ResourceExhausted);
}

#[test]
fn retryable_rows_when_idempotent() {
    assert_eq!(rows_where(KmsError::is_retryable), set(RETRYABLE));
    assert_eq!(rows_where(|e| e.is_retryable_for(true)), set(RETRYABLE));
}

#[test]
fn retryable_rows_when_not_idempotent() {
    assert_eq!(
        rows_where(|e| e.is_retryable_for(false)),
        set(RETRYABLE_NOT_IDEMPOTENT)
    );
    // The gateway: a backend that is unavailable (502, the request did not reach it) is
    // retried; a backend timeout (504, it may have run) only for an idempotent request.
    let unavailable = KmsError::from((502, "APIG.0201"));
    let timeout = KmsError::from((504, "APIGW.0201"));
    assert_eq!(unavailable.kind(), ErrorKind::Unavailable);
    assert_eq!(timeout.kind(), ErrorKind::DeadlineExceeded);
    assert!(unavailable.is_retryable_for(false) && unavailable.is_retryable_for(true));
    assert!(!timeout.is_retryable_for(false) && timeout.is_retryable_for(true));
}

#[test]
fn client_and_server_errors_follow_the_status() {
    for (_, status, code) in rows() {
        let e = KmsError::from((status, code));
        assert_eq!(
            e.is_client_error(),
            (400..500).contains(&status),
            "{code} {status}"
        );
        assert_eq!(
            e.is_server_error(),
            (500..600).contains(&status),
            "{code} {status}"
        );
    }
    // Every row is one or the other (255 names: `APIG.0101` has two rows at 404).
    let (client, server) = (
        rows_where(KmsError::is_client_error),
        rows_where(KmsError::is_server_error),
    );
    assert_eq!((client.len(), server.len()), (221, 34));
    assert!(client.is_disjoint(&server));
    for (status, client, server) in [
        (100, false, false),
        (200, false, false),
        (399, false, false),
        (400, true, false),
        (499, true, false),
        (500, false, true),
        (599, false, true),
        (600, false, false),
    ] {
        let e = KmsError::from((status, "NOPE.0001"));
        assert_eq!(
            (e.is_client_error(), e.is_server_error()),
            (client, server),
            "{status}"
        );
    }
}

#[test]
fn internal_rows_documented_as_400_are_not_retried() {
    // "A system exception occurred. Contact technical support." arrives as 400 too: the
    // service says it will not go away by itself.
    for code in ["KMS.0105", "KMS.1108", "KMS.2403", "KMS.3202"] {
        let e = KmsError::from((400, code));
        assert_eq!(e.kind(), ErrorKind::Internal);
        assert!(!e.is_retryable(), "{code}");
    }
}

#[test]
fn a_known_code_with_another_status_keeps_its_declared_kind() {
    // Received with a status the catalog does not document for it: the kind its first row
    // declares, not the status's.
    let e = KmsError::from((500, "KMS.0207"));
    assert!(!e.is_documented());
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert!(e.is_not_found() && e.is_server_error() && !e.is_retryable());
    let e = KmsError::from((409, "KMS.0207"));
    assert!(e.is_not_found() && e.is_conflict());
    // `APIG.0201`'s rows differ in kind: a documented status picks its row...
    assert_eq!(
        KmsError::from((413, "APIG.0201")).kind(),
        ErrorKind::OutOfRange
    );
    // ... another status takes the first row's.
    assert_eq!(
        KmsError::from((503, "APIG.0201")).kind(),
        ErrorKind::InvalidArgument
    );
}

#[test]
fn unknown_codes_follow_the_status() {
    // (status, kind, retry if idempotent, if not, throttled, not found, conflict)
    for (status, kind, idempotent, not_idempotent, throttled, not_found, conflict) in [
        (
            429,
            ErrorKind::ResourceExhausted,
            true,
            true,
            true,
            false,
            false,
        ),
        (500, ErrorKind::Internal, true, false, false, false, false),
        (502, ErrorKind::Internal, true, false, false, false, false),
        (503, ErrorKind::Unavailable, true, true, false, false, false),
        (504, ErrorKind::Internal, true, false, false, false, false),
        (501, ErrorKind::Internal, false, false, false, false, false),
        (505, ErrorKind::Internal, false, false, false, false, false),
        (
            400,
            ErrorKind::InvalidArgument,
            false,
            false,
            false,
            false,
            false,
        ),
        (
            401,
            ErrorKind::Unauthenticated,
            false,
            false,
            false,
            false,
            false,
        ),
        (
            403,
            ErrorKind::PermissionDenied,
            false,
            false,
            false,
            false,
            false,
        ),
        (404, ErrorKind::NotFound, false, false, false, true, false),
        (
            409,
            ErrorKind::AlreadyExists,
            false,
            false,
            false,
            false,
            true,
        ),
        (200, ErrorKind::Unknown, false, false, false, false, false),
    ] {
        for code in ["KMS.9999", "", "a-code-longer-than-twenty-bytes"] {
            let e = KmsError::from((status, code));
            assert_eq!(e.code(), ErrorCode::Unknown);
            assert_eq!(e.kind(), kind, "{status}");
            assert_eq!(e.is_retryable_for(true), idempotent, "{status}");
            assert_eq!(e.is_retryable(), idempotent, "{status}");
            assert_eq!(e.is_retryable_for(false), not_idempotent, "{status}");
            assert_eq!(e.is_throttled(), throttled, "{status}");
            assert_eq!(e.is_not_found(), not_found, "{status}");
            assert_eq!(e.is_conflict(), conflict, "{status}");
            assert!(!e.is_quota_exceeded() && !e.is_documented(), "{status}");
        }
    }
}

/// The retry rule for a code the catalog does not have, at every status 100..=599, written
/// out from the documented table (the README's "Handling errors in a client"), not from
/// `Retry::of`: only the status decides.
#[test]
fn the_retry_rule_for_unknown_codes_at_every_status() {
    for status in 100..=599u16 {
        let want = match status {
            429 => Retry::Throttled,
            503 => Retry::Yes,
            500 | 502 | 504 => Retry::IfIdempotent,
            _ => Retry::No,
        };
        for code in ["KMS.9999", "", "a-code-longer-than-twenty-bytes"] {
            let e = KmsError::from((status, code));
            assert_eq!(e.retry(), want, "{status} {code:?}");
            assert_eq!(CatalogError::retry(&e), want, "{status} {code:?}");
            assert_eq!(Retry::for_status(status), want, "{status}");
            assert_eq!(e.is_retryable(), want != Retry::No, "{status}");
            let anyway = matches!(want, Retry::Yes | Retry::Throttled);
            assert_eq!(e.is_retryable_for(false), anyway, "{status}");
            assert_eq!(e.is_throttled(), want == Retry::Throttled, "{status}");
            assert!(!e.is_quota_exceeded(), "{status}");
        }
    }
}

/// The retry rule for every row of both tables: `retry()` says what the pinned sets say, the
/// row's own `Row::retry()` agrees with the error received as it documents it, and the
/// boolean accessors read `retry()`.
#[test]
fn the_retry_rule_for_every_row() {
    let (retryable, anyway) = (set(RETRYABLE), set(RETRYABLE_NOT_IDEMPOTENT));
    let throttled = rows_where(KmsError::is_throttled);
    let mut seen = 0;
    for (name, status, code) in rows() {
        let e = KmsError::from((status, code));
        let want = if throttled.contains(&name) {
            Retry::Throttled
        } else if anyway.contains(&name) {
            Retry::Yes
        } else if retryable.contains(&name) {
            Retry::IfIdempotent
        } else {
            Retry::No
        };
        assert_eq!(e.retry(), want, "{name}");
        let row = e.code().rows().find(|r| r.status() == status).unwrap();
        assert_eq!(row.retry(), want, "{name}");
        assert_eq!(e.is_retryable(), want.allows(true), "{name}");
        assert_eq!(e.is_retryable_for(false), want.allows(false), "{name}");
        seen += 1;
    }
    assert_eq!(seen, ROWS);
    assert_eq!(throttled, set("APIG.0308"));
}

#[test]
fn the_trait_gives_the_same_answers() {
    // One list of questions: on a concrete `KmsError` the calls are its inherent methods, in
    // a function generic over `CatalogError` the trait's.
    macro_rules! answers {
        ($e:expr) => {
            [
                $e.is_retryable(),
                $e.is_retryable_for(false),
                $e.is_retryable_for(true),
                $e.is_throttled(),
                $e.is_quota_exceeded(),
                $e.is_not_found(),
                $e.is_conflict(),
                $e.is_client_error(),
                $e.is_server_error(),
                $e.is_documented(),
            ]
        };
    }
    fn answers<E: CatalogError>(e: &E) -> [bool; 10] {
        answers!(e)
    }
    for (_, status, code) in rows() {
        let e = KmsError::from((status, code));
        let inherent = answers!(e);
        assert_eq!(answers(&e), inherent, "{code}");
        assert_eq!(CatalogError::kind(&e), e.kind());
        assert_eq!(CatalogError::message(&e), e.message());
        assert_eq!(CatalogError::doc_url(&e), e.doc_url());
    }
    // Errors the catalog does not document: a code with another status, unknown codes.
    for (status, code) in [
        (999, "KMS.0207"),
        (429, "KMS.0207"),
        (404, "KMS.9999"),
        (500, ""),
    ] {
        let e = KmsError::from((status, code));
        assert!(!CatalogError::is_documented(&e), "{code} {status}");
        assert_eq!(answers(&e), answers!(e), "{code} {status}");
    }
}

#[test]
fn from_code_sends_the_first_documented_status() {
    for &code in ErrorCode::ALL {
        let e = KmsError::from(code);
        assert_eq!(
            (e.status(), e.code(), e.code_str()),
            (code.status(), code, code.as_str())
        );
        assert!(e.is_documented());
    }
    let e = KmsError::from(ErrorCode::Unknown);
    assert_eq!(
        (e.status(), e.code(), e.code_str()),
        (0, ErrorCode::Unknown, "")
    );
    assert_eq!(KmsError::from(code!("APIGW.0301")).code_str(), "APIG.0301");
}

#[test]
fn documentation_links() {
    const KMS: &str =
        "https://docs.otc.t-systems.com/key-management-service/api-ref/appendix/error_code.html";
    const GATEWAY: &str =
        "https://docs.otc.t-systems.com/api-gateway/umn/published_api_calling/error_codes.html";
    assert_eq!(ErrorCode::Kms0207.doc_url(), Some(KMS));
    assert_eq!(ErrorCode::Unknown.doc_url(), Some(KMS));
    assert_eq!(KmsError::from((404, "KMS.0207")).doc_url(), Some(KMS));
    assert_eq!(KmsError::from((418, "NOPE")).doc_url(), Some(KMS));
    assert_eq!(ErrorCode::Apig0301.doc_url(), Some(GATEWAY));
    assert_eq!(KmsError::from((401, "APIGW.0301")).doc_url(), Some(GATEWAY));
}
