//! The optional features: `serde`, `http` (and `json`, tested in `src/response.rs`).

#[cfg(feature = "serde")]
mod serde {
    use kms_errors::{ErrorCode, KmsError};

    #[test]
    fn codes_serialize_as_their_strings() {
        assert_eq!(
            serde_json::to_string(&ErrorCode::Kms0207).unwrap(),
            r#""KMS.0207""#
        );
        assert_eq!(serde_json::to_string(&ErrorCode::Unknown).unwrap(), r#""""#);
        let c: ErrorCode = serde_json::from_str(r#""CSMS.0101""#).unwrap();
        assert_eq!(c, ErrorCode::Csms0101);
        let c: ErrorCode = serde_json::from_str(r#""KMS.9999""#).unwrap();
        assert_eq!(c, ErrorCode::Unknown);
        assert!(serde_json::from_str::<ErrorCode>("42").is_err());
        for &c in ErrorCode::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), c);
        }
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
        assert_eq!(e, ErrorCode::Csms0101);
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
