//! An error in a chain prints each piece once (thiserror's convention: a piece's `Display`
//! does not repeat what its `source()` returns): `{:#}` through anyhow, a manual walk of
//! `source()`, and miette's report.

use kms_errors::{ErrorCode, KmsError};
use std::error::Error;

/// No piece of a chain repeats a later one.
fn assert_each_piece_once(pieces: &[String]) {
    for (i, outer) in pieces.iter().enumerate() {
        for inner in &pieces[i + 1..] {
            assert!(
                !outer.contains(inner.as_str()),
                "{outer:?} repeats its source {inner:?}"
            );
        }
    }
}

#[test]
fn a_typed_error_is_one_piece() {
    let e = KmsError::from((404, "KMS.0207"));
    assert!(e.source().is_none());
    assert_eq!(
        format!("{:#}", anyhow::Error::from(e)),
        "KMS.0207 (HTTP 404): The key does not exist."
    );
}

#[test]
fn a_typed_error_wrapped_by_the_application_prints_once() {
    let e = KmsError::from(ErrorCode::Kms1105);
    let wrapped = anyhow::Error::from(e).context("creating key `backup`");
    assert_eq!(
        format!("{wrapped:#}"),
        "creating key `backup`: KMS.1105 (HTTP 400): Too many keys."
    );
    let pieces: Vec<String> = wrapped.chain().map(ToString::to_string).collect();
    assert_each_piece_once(&pieces);
}

#[cfg(feature = "json")]
mod responses {
    use super::*;
    use kms_errors::ErrorResponse;

    /// Every piece of `err`'s chain, outermost first, as `Display` writes it.
    fn chain(err: &(dyn Error + 'static)) -> Vec<String> {
        let mut pieces = vec![err.to_string()];
        let mut next = err.source();
        while let Some(e) = next {
            pieces.push(e.to_string());
            next = e.source();
        }
        pieces
    }

    fn parsed() -> ErrorResponse {
        ErrorResponse::parse(
            404,
            br#"{"error":{"error_code":"KMS.0207","error_msg":"key 1234 not found"}}"#,
            Some("req-42"),
        )
    }

    const SHOWN: &str =
        "KMS.0207 (HTTP 404): The key does not exist. (server: key 1234 not found) [request req-42]";

    #[test]
    fn through_anyhow() {
        let e = anyhow::Error::from(parsed());
        assert_eq!(format!("{e:#}"), SHOWN);
        assert_eq!(format!("{e}"), SHOWN);
        let e = e.context("reading the key");
        assert_eq!(format!("{e:#}"), format!("reading the key: {SHOWN}"));
        assert_eq!(e.chain().count(), 2);
        // The typed error is still there to decide with.
        let resp = e.downcast_ref::<ErrorResponse>().unwrap();
        assert!(resp.error().is_not_found());
    }

    #[test]
    fn through_a_manual_source_walk() {
        let resp = parsed();
        let pieces = chain(&resp);
        assert_eq!(pieces, [SHOWN]);
        assert_each_piece_once(&pieces);
        // A code-less response too.
        let resp: ErrorResponse = ErrorResponse::parse(502, b"<html>Bad Gateway</html>", None);
        assert_eq!(
            chain(&resp),
            ["HTTP 502 without an error code (server: <html>Bad Gateway</html>)"]
        );
    }

    #[cfg(feature = "miette")]
    #[test]
    fn through_miette() {
        let mut out = String::new();
        miette::NarratableReportHandler::new()
            .render_report(&mut out, &parsed())
            .unwrap();
        assert_eq!(out.matches("The key does not exist.").count(), 1, "{out}");
        assert_eq!(out.matches("key 1234 not found").count(), 1, "{out}");
        // Wrapped by the application: the report walks the chain, each piece once.
        let report = miette::Report::new(parsed()).wrap_err("reading the key");
        let mut out = String::new();
        miette::NarratableReportHandler::new()
            .render_report(&mut out, report.as_ref())
            .unwrap();
        assert!(out.contains("reading the key"), "{out}");
        assert_eq!(out.matches("The key does not exist.").count(), 1, "{out}");
    }
}
