//! Fuzz target `conversion`: `KmsError::from((status, code))` on arbitrary input.
//!
//! Input layout: the first two bytes are the HTTP status (`u16`, little-endian), the rest is
//! the code (UTF-8; invalid bytes are replaced, lossily, by U+FFFD). Every invariant the
//! README promises is checked; a violation panics, which libFuzzer reports as a crash.

#![no_main]
#![forbid(unsafe_code)]

use kms_errors::{CatalogError, ErrorCode, KmsError};
use libfuzzer_sys::fuzz_target;
use std::str::FromStr;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]);
    let code = String::from_utf8_lossy(&data[2..]);
    check(status, &code);
});

fn check(s: u16, c: &str) {
    let e = KmsError::from((s, c));

    // Nothing the server sent is lost.
    assert_eq!(e.status(), s);
    assert_eq!(e.code_str(), c);

    // The typed code is a catalog variant exactly when the catalog has the string.
    let found = ErrorCode::from_code(c);
    match found {
        Some(k) => {
            assert_ne!(k, ErrorCode::Unknown, "from_code({c:?}) gave Unknown");
            assert_eq!(e.code(), k);
            assert_eq!(k.as_str(), c);
            assert_eq!(k.to_string(), c);
            assert!(ErrorCode::ALL.contains(&k));
            assert_ne!(k.rows().len(), 0, "{c:?} has no rows");
            assert!(!k.name().is_empty());
        }
        None => {
            assert_eq!(e.code(), ErrorCode::Unknown, "{c:?} is not in the catalog");
            // A code the lookup misses must really be absent (the perfect hash must not
            // miss a catalog code). Cheap enough: 185 comparisons.
            assert!(
                ErrorCode::ALL.iter().all(|k| k.as_str() != c),
                "from_code({c:?}) missed a catalog code"
            );
        }
    }
    assert_eq!(e.clone(), e);

    // `FromStr` agrees with `from_code`, and its error keeps the string.
    match ErrorCode::from_str(c) {
        Ok(k) => assert_eq!(Some(k), found),
        Err(err) => {
            assert_eq!(found, None);
            assert_eq!(err.code(), c);
            let _ = err.to_string();
        }
    }

    // Documented iff the code has a row with this status.
    let documented = e.code().has_status(s);
    assert_eq!(e.is_documented(), documented);
    assert_eq!(e.code().rows().any(|r| r.status() == s), documented);
    if documented {
        assert_ne!(e.code(), ErrorCode::Unknown);
        let row = e.code().rows().find(|r| r.status() == s).unwrap();
        assert_eq!(
            (e.message(), e.description(), e.measure()),
            (row.message(), row.description(), row.measure())
        );
    } else {
        let k = e.code();
        assert_eq!(
            (e.message(), e.description(), e.measure()),
            (k.message(), k.description(), k.measure())
        );
    }

    // Display starts with the code as received, in the documented shape
    // `KMS.0207 (HTTP 404)...` (also for an empty code).
    let shown = e.to_string();
    assert!(shown.starts_with(c), "{shown:?} does not start with {c:?}");
    assert!(
        shown.starts_with(&format!("{c} (HTTP {s})")),
        "{shown:?} is not `{c} (HTTP {s})...`"
    );
    let _ = format!("{e:?}");

    // Classification never panics and follows the documented rules.
    let _kind = e.kind();
    let _ = e.code().kind();
    assert_eq!(e.is_client_error(), (400..500).contains(&s));
    assert_eq!(e.is_server_error(), (500..600).contains(&s));
    let _ = (e.is_retryable(), e.is_not_found(), e.is_conflict());
    assert_eq!(CatalogError::kind(&e), e.kind());

    // Clone, and the `String` conversion, give equal values.
    let copy = e.clone();
    assert!(copy == e);
    assert_eq!(
        (copy.status(), copy.code_str(), copy.code()),
        (s, c, e.code())
    );
    let owned = KmsError::from((s, c.to_owned()));
    assert!(owned == e);
    assert_eq!(KmsError::new(s, c), e);
}
