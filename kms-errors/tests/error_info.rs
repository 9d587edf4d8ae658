//! The error value's own behaviour, beyond the decisions pinned in `decisions.rs`: which
//! catalog row the text accessors read, the text of unknown codes, equality (an equivalence,
//! with `Hash` agreeing), comparisons with codes through `code()`, and `Debug`. These tests
//! live in `kms-errors` so that mutation testing of its runtime (`src/error.rs`) counts them.
//!
//! The mutants of `src/error.rs` that no test can catch, because they change nothing
//! observable (`cargo mutants -p kms-errors --file '**/error.rs'` reports them as missed):
//!
//! - `replace < with <= in ErrorInfo<C>::code_str`: the spelling index of a catalog code is
//!   always a position in `SPELLINGS` (from the lookup, or the code's own in `of_code`), so
//!   the bounds check never sees it equal to the length.
//! - `replace | with ^ in inline`, twice: bytes 0..8 and 8..16 of a long code have no bit in
//!   common, and so do bytes 0 and `n / 2` of a code of 2 or 3 bytes; for a one-byte code,
//!   `(a ^ a) | a == a`. Either way `^` gives what `|` gives. (The search of a code's rows
//!   and the kind's fallback moved to `kms_errors_core::table::Catalog::row_for` and
//!   `error_kind`, tested in that crate.)

use kms_errors::{code, CatalogError, ErrorCode, KmsError};
use proptest::prelude::*;
use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hash};

/// `(message, description, measure)` of an error.
fn texts(e: &KmsError) -> (&'static str, &'static str, &'static str) {
    (e.message(), e.description(), e.measure())
}

/// `APIG.0201`'s rows in `gateway.csv`, one per status, read by hand.
const APIG_0201: &[(u16, &str, &str, &str)] = &[
    (
        400,
        "API request error.",
        "Invalid request parameters.",
        "Set valid request parameters.",
    ),
    (
        413,
        "Request entity too large.",
        "The request body exceeds 12 MB.",
        "Reduce the size of the request body.",
    ),
    (
        414,
        "Request URI too large.",
        "The request URI exceeds 32 KB.",
        "Reduce the size of the request URI.",
    ),
    (
        494,
        "Request headers too large.",
        "The request headers are too large because one of them exceeds 32 KB or the total \
         length exceeds 128 KB.",
        "Reduce the size of the request headers.",
    ),
    (
        502,
        "Backend unavailable.",
        "The backend service is unavailable.",
        "Check whether the backend address configured for the API is accessible.",
    ),
    (
        504,
        "Backend timeout.",
        "The backend service has timed out.",
        "Increase the timeout duration of the backend service or shorten the processing time.",
    ),
    (
        500,
        "An unexpected error occurred",
        "An internal error occurred.",
        "Contact technical support.",
    ),
];

#[test]
fn text_accessors_read_the_row_documented_for_the_received_status() {
    // One code, seven rows with seven statuses: each status reads its own row, in either
    // spelling of the code.
    for code in ["APIG.0201", "APIGW.0201"] {
        for &(status, message, description, measure) in APIG_0201 {
            let e = KmsError::from((status, code));
            assert!(e.is_documented(), "{code} {status}");
            assert_eq!(
                texts(&e),
                (message, description, measure),
                "{code} {status}"
            );
            // The trait reads the same row.
            assert_eq!(CatalogError::description(&e), description);
            assert_eq!(CatalogError::measure(&e), measure);
        }
    }
    let e = KmsError::from((404, "KMS.0207"));
    assert_eq!(
        texts(&e),
        (
            "The key does not exist.",
            "The key does not exist.",
            "Choose a valid key or create a key."
        )
    );
}

#[test]
fn an_undocumented_status_reads_the_codes_first_row() {
    // A status the catalog does not document for the code: the code's first row.
    let (_, message, description, measure) = APIG_0201[0];
    for code in ["APIG.0201", "APIGW.0201"] {
        for status in [0, 200, 401, 404, 503, 599, 999] {
            let e = KmsError::from((status, code));
            assert!(!e.is_documented(), "{code} {status}");
            assert_eq!(
                texts(&e),
                (message, description, measure),
                "{code} {status}"
            );
        }
    }
    for status in [400, 500, 503] {
        let e = KmsError::from((status, "KMS.0207"));
        assert_eq!(
            texts(&e),
            (
                "The key does not exist.",
                "The key does not exist.",
                "Choose a valid key or create a key."
            ),
            "{status}"
        );
        assert_eq!(
            e.to_string(),
            format!("KMS.0207 (HTTP {status}): The key does not exist.")
        );
    }
    let e = KmsError::from((403, "KMS.1105"));
    assert_eq!(
        texts(&e),
        (
            "Too many keys.",
            "Too many keys.",
            "Increase key quota or delete unnecessary keys."
        )
    );
}

#[test]
fn every_row_of_both_tables_reads_its_own_text() {
    // Every code, received with each of its documented statuses, reads the first of its rows
    // with that status (`APIG.0101` has two rows at 404: the first); received with a status
    // it does not have, its first row, which is also what the code's own accessors give.
    for &code in ErrorCode::ALL {
        let rows: Vec<_> = code.rows().collect();
        assert!(!rows.is_empty(), "{code}");
        for status in rows.iter().map(|r| r.status()) {
            let r = rows.iter().find(|r| r.status() == status).unwrap();
            let e = KmsError::from((status, code.as_str()));
            assert_eq!(
                texts(&e),
                (r.message(), r.description(), r.measure()),
                "{code} {status}"
            );
            assert_eq!(
                (e.kind(), e.doc_url()),
                (r.kind(), r.doc_url()),
                "{code} {status}"
            );
        }
        let e = KmsError::from((999, code.as_str()));
        let (m, d, x) = (rows[0].message(), rows[0].description(), rows[0].measure());
        assert_eq!(texts(&e), (m, d, x), "{code}");
        assert_eq!(
            texts(&e),
            (code.message(), code.description(), code.measure()),
            "{code}"
        );
        // The error as the service sends it: its first row.
        assert_eq!(texts(&KmsError::from(code)), (m, d, x), "{code}");
    }
    let e = KmsError::from((404, "APIGW.0101"));
    assert_eq!(
        e.message(),
        "The API does not exist or has not been published in the environment."
    );
}

#[test]
fn unknown_codes_have_no_catalog_text() {
    for code in [
        "KMS.9999",
        "",
        "a-code-longer-than-twenty-bytes",
        "kms.0207",
    ] {
        for status in [400, 404, 418, 500] {
            let e = KmsError::from((status, code));
            assert_eq!(e.code(), ErrorCode::Unknown);
            assert_eq!(texts(&e), ("", "", ""), "{code:?} {status}");
            let display = match code {
                "" => format!("HTTP {status} without an error code"),
                _ => format!("{code} (HTTP {status}): unknown error code"),
            };
            assert_eq!(e.to_string(), display);
        }
    }
    assert_eq!(texts(&KmsError::from(ErrorCode::Unknown)), ("", "", ""));
}

fn hash_of<T: Hash>(value: &T) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

/// A code longer than the 20 bytes stored inline.
const LONG: &str = "a-code-longer-than-twenty-bytes";

/// Errors that differ in what was received: the status, the code, the spelling of the code
/// (`APIGW.0301` is received as such), unknown codes of each length.
fn distinct_errors() -> Vec<KmsError> {
    let mut out = Vec::new();
    for &c in ErrorCode::ALL {
        out.push(KmsError::from(c));
        out.push(KmsError::from((599, c.as_str())));
    }
    for (status, code) in [
        (401, "APIGW.0301"),
        (599, "APIGW.0301"),
        (404, "APIGW.0101"),
        (404, "KMS.9999"),
        (404, "KMS.9998"),
        (500, "KMS.9999"),
        (404, ""),
        (500, ""),
        (404, LONG),
        (500, LONG),
        (404, "a-code-longer-than-twenty-bytez"),
        (404, "exactly-twenty-bytes"),
        (404, "exactly-twenty-byteZ"),
    ] {
        out.push(KmsError::from((status, code)));
    }
    out
}

#[test]
fn errors_are_equal_when_status_and_code_as_received_are() {
    let e = KmsError::from((404, "KMS.0207"));
    assert_eq!(e, e.clone());
    assert_eq!(e, KmsError::new(404, "KMS.0207"));
    assert_eq!(e, KmsError::from((404, String::from("KMS.0207"))));
    // The error as the service sends it is the one received from it.
    assert_eq!(KmsError::from(ErrorCode::Kms0207), e);
    assert_ne!(e, KmsError::from((400, "KMS.0207")));
    assert_ne!(e, KmsError::from((404, "KMS.0205")));
    assert_ne!(e, KmsError::from((404, "KMS.9999")));
    // Unknown codes keep their text, and compare by it, inline or not.
    for code in ["KMS.9999", "", "exactly-twenty-bytes", LONG] {
        let u = KmsError::from((418, code));
        assert_eq!(u, KmsError::from((418, code.to_owned())), "{code:?}");
        assert_eq!(u.clone(), u, "{code:?}");
        assert_ne!(u, KmsError::from((419, code)), "{code:?}");
    }
    // Nothing received is lost, the spelling included: one code, two errors.
    let (a, b) = (
        KmsError::from((401, "APIG.0301")),
        KmsError::from((401, "APIGW.0301")),
    );
    assert_eq!(a.code(), b.code());
    assert_ne!(a, b);
    // Errors that differ in anything received are all different.
    let all = distinct_errors();
    for (i, x) in all.iter().enumerate() {
        for (j, y) in all.iter().enumerate() {
            assert_eq!(x == y, i == j, "{x:?} vs {y:?}");
        }
    }
}

#[test]
fn an_error_compares_with_codes_through_its_code() {
    // There is no `KmsError == ErrorCode`: it could not be transitive (two errors with one
    // code and different statuses would both equal the code, and not each other).
    let e = KmsError::from((404, "KMS.0207"));
    assert_eq!(e.code(), ErrorCode::Kms0207);
    assert_ne!(e.code(), ErrorCode::Kms0205);
    // Whatever the status, and in either spelling.
    assert_eq!(KmsError::from((500, "KMS.0207")).code(), ErrorCode::Kms0207);
    assert_eq!(
        KmsError::from((401, "APIGW.0301")).code(),
        code!("APIG.0301")
    );
    for code in ["KMS.9999", "", LONG] {
        assert_eq!(
            KmsError::from((418, code)).code(),
            ErrorCode::Unknown,
            "{code:?}"
        );
    }
    for &c in ErrorCode::ALL {
        assert_eq!(KmsError::from(c).code(), c, "{c:?}");
    }
}

/// Statuses and spellings that collide often: a code under both spellings, several
/// statuses, unknown codes (inline and long).
fn received() -> impl Strategy<Value = (u16, &'static str)> {
    (
        prop::sample::select(vec![0u16, 400, 401, 404, 429, 500]),
        prop::sample::select(vec![
            "KMS.0207",
            "APIG.0301",
            "APIGW.0301",
            "KMS.9999",
            "",
            LONG,
            "kms.0207",
        ]),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// `==` among errors is an equivalence (reflexive, symmetric, transitive), it is equality
    /// of what was received, and `Hash` agrees with it.
    #[test]
    fn equality_is_an_equivalence_and_hash_agrees(a in received(), b in received(), c in received()) {
        let (x, y, z) = (KmsError::from(a), KmsError::from(b), KmsError::from(c));
        prop_assert!(x == x.clone());
        prop_assert_eq!(x == y, y == x);
        if x == y && y == z {
            prop_assert!(x == z, "{:?} {:?} {:?}", x, y, z);
        }
        prop_assert_eq!(x == y, a == b, "{:?} {:?}", x, y);
        if x == y {
            prop_assert_eq!(hash_of(&x), hash_of(&y));
        }
        // Rows: equal rows hash alike too.
        let (rx, ry) = (x.code().rows().next(), y.code().rows().next());
        if let (Some(rx), Some(ry)) = (rx, ry) {
            prop_assert_eq!(rx == ry, x.code() == y.code());
        }
    }
}

#[test]
fn hashing_agrees_with_equality_and_tells_errors_apart() {
    // Equal errors hash alike ...
    let e = KmsError::from((404, "KMS.0207"));
    for same in [
        e.clone(),
        KmsError::new(404, "KMS.0207"),
        KmsError::from(ErrorCode::Kms0207),
    ] {
        assert_eq!(same, e);
        assert_eq!(hash_of(&same), hash_of(&e));
    }
    for code in ["KMS.9999", "", LONG] {
        assert_eq!(
            hash_of(&KmsError::from((418, code))),
            hash_of(&KmsError::from((418, code.to_owned())))
        );
    }
    // ... and the hash covers what equality does (the status, the code, its spelling, the
    // text of unknown codes), so that errors spread over a `HashMap`'s buckets.
    let all = distinct_errors();
    let hashes: HashSet<u64> = all.iter().map(hash_of).collect();
    assert_eq!(hashes.len(), all.len());
    let set: HashSet<KmsError> = all.iter().chain(&all).cloned().collect();
    assert_eq!(set.len(), all.len());
    assert!(set.contains(&KmsError::from((404, "KMS.9999"))));
    assert!(!set.contains(&KmsError::from((404, "KMS.9997"))));
}

#[test]
fn debug_shows_the_status_and_the_code_as_received() {
    for (status, code, debug) in [
        (
            404,
            "KMS.0207",
            r#"KmsError { status: 404, code: "KMS.0207" }"#,
        ),
        (
            401,
            "APIGW.0301",
            r#"KmsError { status: 401, code: "APIGW.0301" }"#,
        ),
        (
            418,
            "KMS.9999",
            r#"KmsError { status: 418, code: "KMS.9999" }"#,
        ),
        (500, "", r#"KmsError { status: 500, code: "" }"#),
        (
            400,
            LONG,
            r#"KmsError { status: 400, code: "a-code-longer-than-twenty-bytes" }"#,
        ),
        (
            400,
            "say \"hi\"",
            r#"KmsError { status: 400, code: "say \"hi\"" }"#,
        ),
    ] {
        assert_eq!(format!("{:?}", KmsError::from((status, code))), debug);
    }
    assert_eq!(
        format!("{:?}", KmsError::from(ErrorCode::Csms0101)),
        r#"KmsError { status: 409, code: "CSMS.0101" }"#
    );
    assert_eq!(
        format!("{:#?}", KmsError::from((404, "KMS.0207"))),
        "KmsError {\n    status: 404,\n    code: \"KMS.0207\",\n}"
    );
}

#[test]
fn unknown_codes_of_every_length_are_kept() {
    // Nothing received is lost: an unknown code of any length (inline up to 20 bytes, on the
    // heap beyond) gives back its exact text, ASCII or not.
    let ascii: String = ('A'..='Z').chain('a'..='z').collect();
    for n in 0..=ascii.len() {
        let code = &ascii[..n];
        let e = KmsError::from((418, code));
        assert_eq!(e.code(), ErrorCode::Unknown, "{code:?}");
        assert_eq!((e.status(), e.code_str()), (418, code), "{n}");
        let display = match code {
            "" => "HTTP 418 without an error code".to_owned(),
            _ => format!("{code} (HTTP 418): unknown error code"),
        };
        assert_eq!(e.to_string(), display);
        assert_eq!(e, KmsError::from((418, code.to_owned())), "{n}");
        if n > 0 {
            // A text one byte shorter, or with its last byte changed, is another error.
            assert_ne!(e, KmsError::from((418, &code[..n - 1])), "{n}");
            let changed = format!("{}{}", &code[..n - 1], '0');
            assert_ne!(e, KmsError::from((418, changed.as_str())), "{n}");
        }
    }
    // Multi-byte characters, across the 20-byte boundary.
    for code in [
        "é",
        "ключ",
        "错误🔑",
        "КЛЮЧ.0207-éé",
        "🔑🔑🔑🔑🔑",
        "ééééééééééé",
        "\u{0}\n\"`",
    ] {
        let e = KmsError::from((400, code));
        assert_eq!((e.code(), e.code_str()), (ErrorCode::Unknown, code));
    }
}
