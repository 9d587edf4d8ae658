//! The optional features: `serde`, `http` (and `json`, tested in `src/response.rs`).
//!
//! The mutant of the features' code that no test can catch, because it changes nothing
//! observable (`cargo mutants -p kms-errors --all-features --file 'kms-errors/src/response/**'`
//! reports it as missed):
//!
//! - `replace <impl miette::Diagnostic for ErrorResponse<E>>::severity -> Option<miette::Severity>
//!   with Some(Default::default())`: miette's default severity is `Severity::Error`, the one
//!   written.

#[cfg(feature = "serde")]
mod serde {
    use kms_errors::{ErrorCode, KmsError};

    #[test]
    fn codes_serialize_as_their_strings() {
        assert_eq!(
            serde_json::to_string(&ErrorCode::Kms0207).unwrap(),
            r#""KMS.0207""#
        );
        // `Unknown` is `unknown` in serde as in `as_str` and `Display`, and round-trips.
        assert_eq!(
            serde_json::to_string(&ErrorCode::Unknown).unwrap(),
            r#""unknown""#
        );
        assert_eq!(ErrorCode::Unknown.as_str(), "unknown");
        assert_eq!(ErrorCode::Unknown.to_string(), "unknown");
        assert_eq!(ErrorCode::Unknown.status(), 0);
        let u: ErrorCode = serde_json::from_str(r#""unknown""#).unwrap();
        assert_eq!(u, ErrorCode::Unknown);
        let c: ErrorCode = serde_json::from_str(r#""CSMS.0101""#).unwrap();
        assert_eq!(c, ErrorCode::Csms0101);
        let c: ErrorCode = serde_json::from_str(r#""KMS.9999""#).unwrap();
        assert_eq!(c, ErrorCode::Unknown);
        assert!(serde_json::from_str::<ErrorCode>("42").is_err());
        for &c in ErrorCode::ALL.iter().chain([&ErrorCode::Unknown]) {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), c);
        }
    }

    #[test]
    fn aliases_deserialize_to_their_code_and_errors_keep_the_spelling() {
        let c: ErrorCode = serde_json::from_str(r#""APIGW.0301""#).unwrap();
        assert_eq!(c, ErrorCode::Apig0301);
        // A code serializes as the catalog writes it.
        assert_eq!(serde_json::to_string(&c).unwrap(), r#""APIG.0301""#);
        // An error keeps what was received.
        let e: KmsError = serde_json::from_str(r#"{"status":401,"code":"APIGW.0301"}"#).unwrap();
        assert_eq!(
            (e.code(), e.code_str()),
            (ErrorCode::Apig0301, "APIGW.0301")
        );
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"status":401,"code":"APIGW.0301"}"#
        );
    }

    #[test]
    fn errors_round_trip_unknown_codes_included() {
        for (status, code) in [
            (404, "KMS.0207"),
            (418, "KMS.9999"),
            (500, ""),
            (400, "a-code-longer-than-twenty-bytes"),
        ] {
            let e = KmsError::from((status, code));
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(json, format!(r#"{{"status":{status},"code":{code:?}}}"#));
            let back: KmsError = serde_json::from_str(&json).unwrap();
            assert_eq!(back, e);
            assert_eq!((back.status(), back.code_str()), (status, code));
        }
        let e: KmsError = serde_json::from_str(r#"[409, "CSMS.0101"]"#).unwrap();
        assert_eq!(e.code(), ErrorCode::Csms0101);
        let e: KmsError =
            serde_json::from_str(r#"{"code":"KMS.0207","extra":[1],"status":404}"#).unwrap();
        assert_eq!((e.status(), e.code()), (404, ErrorCode::Kms0207));
    }

    #[test]
    fn malformed_errors_are_rejected_with_a_reason() {
        let err = |s: &str| serde_json::from_str::<KmsError>(s).unwrap_err().to_string();
        assert!(err(r#"{"code":"KMS.0207"}"#).contains("missing field `status`"));
        assert!(err(r#"{"status":404}"#).contains("missing field `code`"));
        assert!(
            err(r#"{"status":404,"status":500,"code":"x"}"#).contains("duplicate field `status`")
        );
        assert!(err(r#"{"status":70000,"code":"x"}"#).contains("70000"));
        assert!(err(r#"[404]"#).contains("invalid length 1"));
        assert!(err(r#"{"status":404,"code":"KMS.0207","code":"KMS.0205"}"#)
            .contains("duplicate field `code`"));
        // What was expected, in serde's words.
        assert!(
            err(r#""KMS.0207""#)
                .contains(r#"expected an error as {"status": u16, "code": string}"#),
            "{}",
            err(r#""KMS.0207""#)
        );
        let code_err = serde_json::from_str::<ErrorCode>("42").unwrap_err();
        assert!(
            code_err
                .to_string()
                .contains("invalid type: integer `42`, expected an error code string"),
            "{code_err}"
        );
    }
}

#[cfg(feature = "http")]
mod http {
    use kms_errors::{ErrorCode, KmsError};

    #[test]
    fn from_status_code_and_code() {
        let e = KmsError::from((http::StatusCode::NOT_FOUND, "KMS.0207"));
        assert_eq!((e.status(), e.code()), (404, ErrorCode::Kms0207));
        let e = KmsError::from((http::StatusCode::IM_A_TEAPOT, "TEA.0001"));
        assert_eq!((e.status(), e.code_str()), (418, "TEA.0001"));
    }
}

#[cfg(feature = "miette")]
mod miette_reports {
    use kms_errors::{ErrorCode, KmsError};
    use miette::{Diagnostic, NarratableReportHandler, Report, Severity};

    const KMS_PAGE: &str =
        "https://docs.otc.t-systems.com/key-management-service/api-ref/appendix/error_code.html";

    #[test]
    fn every_error_is_a_diagnostic() {
        let e = KmsError::from((404, "KMS.0207"));
        // The inherent `code()` (the typed code) is not shadowed by the trait's.
        assert_eq!(e.code(), ErrorCode::Kms0207);
        assert_eq!(Diagnostic::code(&e).unwrap().to_string(), "KMS.0207");
        assert_eq!(
            e.help().unwrap().to_string(),
            "Choose a valid key or create a key."
        );
        assert_eq!(e.url().unwrap().to_string(), KMS_PAGE);
        assert_eq!(e.severity(), Some(Severity::Error));
        // An unknown code: still its code and the catalog's page, no help.
        let e = KmsError::from((418, "TEA.0001"));
        assert_eq!(Diagnostic::code(&e).unwrap().to_string(), "TEA.0001");
        assert!(e.help().is_none());
        assert_eq!(e.url().unwrap().to_string(), KMS_PAGE);
        assert!(Diagnostic::code(&KmsError::from((500, ""))).is_none());
        assert_eq!(
            Diagnostic::code(&KmsError::from(ErrorCode::Csms0101))
                .unwrap()
                .to_string(),
            "CSMS.0101"
        );
    }

    #[test]
    fn a_report_shows_code_message_help_and_url() {
        let report = Report::new(KmsError::from((404, "KMS.0207")));
        let mut out = String::new();
        NarratableReportHandler::new()
            .render_report(&mut out, report.as_ref())
            .unwrap();
        for part in [
            "KMS.0207 (HTTP 404): The key does not exist.",
            "diagnostic code: KMS.0207",
            "Choose a valid key or create a key.",
            KMS_PAGE,
        ] {
            assert!(out.contains(part), "{part:?} not in:\n{out}");
        }
        // The default hook (without miette's `fancy` feature) shows the same facts.
        let debug = format!("{report:?}");
        for part in [
            "KMS.0207",
            "The key does not exist.",
            "Choose a valid key",
            KMS_PAGE,
        ] {
            assert!(debug.contains(part), "{part:?} not in:\n{debug}");
        }
    }

    #[cfg(feature = "json")]
    #[test]
    fn error_responses_are_diagnostics_too() {
        use kms_errors::ErrorResponse;
        let r: ErrorResponse = ErrorResponse::parse(
            400,
            br#"{"error":{"error_code":"KMS.1105","error_msg":"quota"}}"#,
            Some("req-7"),
        );
        let mut out = String::new();
        NarratableReportHandler::new()
            .render_report(&mut out, &r)
            .unwrap();
        for part in [
            "KMS.1105",
            "(server: quota) [request req-7]",
            "Increase key quota",
            KMS_PAGE,
        ] {
            assert!(out.contains(part), "{part:?} not in:\n{out}");
        }
        // The same diagnostic as its typed error's.
        assert_eq!(Diagnostic::code(&r).unwrap().to_string(), "KMS.1105");
        assert_eq!(r.severity(), Some(Severity::Error));
        assert_eq!(
            r.help().unwrap().to_string(),
            "Increase key quota or delete unnecessary keys."
        );
        assert_eq!(r.url().unwrap().to_string(), KMS_PAGE);
        // A gateway's page: no code, no help, the catalog's page.
        let r: ErrorResponse = ErrorResponse::parse(502, b"<html>Bad Gateway</html>", None);
        assert!(Diagnostic::code(&r).is_none() && r.help().is_none());
        assert_eq!(r.severity(), Some(Severity::Error));
        assert_eq!(r.url().unwrap().to_string(), KMS_PAGE);
    }
}

#[cfg(all(feature = "http", feature = "json"))]
mod http_responses {
    use kms_errors::{ErrorCode, ErrorResponse, KmsError};
    use std::time::Duration;

    #[test]
    fn from_http_takes_status_body_request_id_and_retry_after() {
        let resp = http::Response::builder()
            .status(429)
            .header("X-Request-Id", "abc-123")
            .header("Retry-After", "2")
            .body(br#"{"error_code":"APIGW.0308","error_msg":"throttled"}"#.to_vec())
            .unwrap();
        let r: ErrorResponse = ErrorResponse::from_http(&resp);
        assert_eq!(
            (r.error().status(), r.error().code_str()),
            (429, "APIGW.0308")
        );
        assert_eq!(r.request_id(), Some("abc-123"));
        assert_eq!(r.retry_after(), Some(Duration::from_secs(2)));
        assert!(r.error().is_throttled() && r.error().is_retryable_for(false));
        // A body borrowed as `&str` works as well as owned bytes; no headers is fine.
        let resp = http::Response::builder().status(404).body("{}").unwrap();
        let r: ErrorResponse = ErrorResponse::from_http(&resp);
        assert_eq!((r.request_id(), r.retry_after()), (None, None));
        // A Retry-After that is not one is ignored.
        let resp = http::Response::builder()
            .status(503)
            .header("Retry-After", "later")
            .body(Vec::new())
            .unwrap();
        assert_eq!(
            ErrorResponse::<KmsError>::from_http(&resp).retry_after(),
            None
        );
    }

    #[test]
    fn to_http_round_trips() {
        let fake = ErrorResponse::new(KmsError::from(ErrorCode::Kms0207))
            .with_request_id("req-9")
            .with_retry_after(Duration::from_millis(1500));
        let resp = fake.to_http();
        assert_eq!(resp.status(), 404);
        assert_eq!(resp.headers()["content-type"], "application/json");
        assert_eq!(resp.headers()["x-request-id"], "req-9");
        assert_eq!(resp.headers()["retry-after"], "2");
        let back: ErrorResponse = ErrorResponse::from_http(&resp);
        assert_eq!(back.retry_after(), Some(Duration::from_secs(2)));
        assert_eq!(back.with_retry_after(Duration::from_millis(1500)), fake);
        // The 0 status of `Unknown` cannot be sent: 500.
        let unknown = ErrorResponse::new(KmsError::from(ErrorCode::Unknown));
        assert_eq!(unknown.to_http().status(), 500);
        // Whole seconds are sent as they are, a fraction rounds up.
        for (delay, header) in [
            (Duration::from_secs(3), "3"),
            (Duration::ZERO, "0"),
            (Duration::from_nanos(1), "1"),
            (Duration::from_millis(3001), "4"),
        ] {
            let resp = fake.clone().with_retry_after(delay).to_http();
            assert_eq!(resp.headers()["retry-after"], header, "{delay:?}");
        }
        // No delay, no request id: no such headers.
        let resp = ErrorResponse::new(KmsError::from(ErrorCode::Kms0207)).to_http();
        assert!(resp.headers().get("retry-after").is_none());
        assert!(resp.headers().get("x-request-id").is_none());
    }
}
