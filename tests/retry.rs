//! The retry advice over every row of the bundled catalog, pinned (as `tests/catalog.rs`
//! pins the kinds): quota exhaustion is never retried, whatever its status; throttling is;
//! a request that is not idempotent is retried only when it surely did not take effect.
//! And the status rules for codes the catalog does not have.

use kms_errors::{CatalogError, ErrorCode, ErrorKind, KmsError};
use std::collections::BTreeSet;

/// Quotas (kind `resource_exhausted`): "Too many keys", "Too many tags", the secret and
/// stage limits; `CSMS.0201` arrives as HTTP 500.
const QUOTA: [&str; 8] = [
    "CSMS.0201",
    "CSMS.0202",
    "CSMS.0203",
    "CSMS.0204",
    "KMS.0409",
    "KMS.1105",
    "KMS.2404",
    "KMS.2405",
];

/// Kind `unavailable` ("try again later"; 503): retried, also when not idempotent.
const UNAVAILABLE: [&str; 3] = ["KMS.0104", "KMS.0323", "KMS.5012"];

/// Kind `internal` documented with HTTP 500: retried when idempotent (a create may have
/// taken effect).
const INTERNAL_500: [&str; 9] = [
    "CSMS.0001",
    "CSMS.0006",
    "KMS.0100",
    "KMS.0101",
    "KMS.0102",
    "KMS.0103",
    "KMS.3805",
    "KMS.3806",
    "KMS.5021",
];

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

/// The codes of the catalog's rows (each received with its documented status) for which
/// `pred` holds.
fn rows_where(pred: impl Fn(&KmsError) -> bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rows = 0;
    for &code in ErrorCode::ALL {
        for (status, ..) in code.rows() {
            rows += 1;
            let e = KmsError::from((status, code.as_str()));
            if pred(&e) {
                out.insert(code.as_str().to_owned());
            }
        }
    }
    assert_eq!(rows, 185);
    out
}

#[test]
fn quota_rows_are_never_retried() {
    assert_eq!(rows_where(KmsError::is_quota_exceeded), set(&QUOTA));
    for code in QUOTA {
        let code: ErrorCode = code.parse().unwrap();
        assert_eq!(code.kind(), ErrorKind::ResourceExhausted);
        // Whatever status it arrives with, but 429.
        for status in [400, 403, 500, 503] {
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
fn no_catalog_row_is_throttled() {
    assert!(rows_where(KmsError::is_throttled).is_empty());
}

#[test]
fn retryable_rows_when_idempotent() {
    let mut want = set(&UNAVAILABLE);
    want.extend(set(&INTERNAL_500));
    assert_eq!(rows_where(KmsError::is_retryable), want);
    assert_eq!(rows_where(|e| e.is_retryable_for(true)), want);
}

#[test]
fn retryable_rows_when_not_idempotent() {
    assert_eq!(rows_where(|e| e.is_retryable_for(false)), set(&UNAVAILABLE));
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
fn unknown_codes_follow_the_status() {
    for (status, idempotent, not_idempotent, throttled) in [
        (429, true, true, true),
        (500, true, false, false),
        (502, true, false, false),
        (503, true, true, false),
        (504, true, false, false),
        (501, false, false, false),
        (505, false, false, false),
        (400, false, false, false),
        (401, false, false, false),
        (403, false, false, false),
        (404, false, false, false),
        (409, false, false, false),
        (200, false, false, false),
    ] {
        let e = KmsError::from((status, "KMS.9999"));
        assert_eq!(e.is_retryable_for(true), idempotent, "{status}");
        assert_eq!(e.is_retryable(), idempotent, "{status}");
        assert_eq!(e.is_retryable_for(false), not_idempotent, "{status}");
        assert_eq!(e.is_throttled(), throttled, "{status}");
        assert!(!e.is_quota_exceeded(), "{status}");
    }
}

#[test]
fn the_trait_gives_the_same_advice() {
    fn advice<E: CatalogError>(e: &E) -> (bool, bool, bool, bool) {
        (
            e.is_retryable(),
            e.is_retryable_for(false),
            e.is_throttled(),
            e.is_quota_exceeded(),
        )
    }
    for (status, code) in [
        (400, "KMS.1105"),
        (503, "KMS.0104"),
        (500, "KMS.0101"),
        (429, "X"),
    ] {
        let e = KmsError::from((status, code));
        let inherent = (
            e.is_retryable(),
            e.is_retryable_for(false),
            e.is_throttled(),
            e.is_quota_exceeded(),
        );
        assert_eq!(advice(&e), inherent, "{code}");
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
}

#[test]
fn documentation_links() {
    const PAGE: &str =
        "https://docs.otc.t-systems.com/key-management-service/api-ref/appendix/error_code.html";
    assert_eq!(ErrorCode::Kms0207.doc_url(), Some(PAGE));
    assert_eq!(ErrorCode::Unknown.doc_url(), Some(PAGE));
    assert_eq!(KmsError::from((404, "KMS.0207")).doc_url(), Some(PAGE));
    assert_eq!(KmsError::from((418, "NOPE")).doc_url(), Some(PAGE));
}
