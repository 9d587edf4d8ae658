// Status cells with a reason or several statuses, and codes that are not identifiers.
kms_errors::kms_errors!("tests/ui/catalogs/quirks.csv");

fn check(code: ErrorCode, text: &str, name: &str, status: u16) {
    assert_eq!(code.as_str(), text);
    assert_eq!(code.name(), name);
    assert_eq!(format!("{code:?}"), name);
    assert_eq!(code.to_string(), text);
    assert_eq!(code.status(), status);
    assert_eq!(text.parse::<ErrorCode>(), Ok(code));
    assert_eq!(ErrorCode::from_code(text), Some(code));
    let err = KmsError::from((status, text));
    assert_eq!(err.code(), code);
    assert_eq!(err.code_str(), text);
    assert!(err.is_documented(), "{text}");
}

fn main() {
    // `400 Bad Request`, `409 ObjectNotAppendable`: the reason is dropped.
    check(ErrorCode::BadDigest, "BadDigest", "BadDigest", 400);
    check(
        ErrorCode::ObjectNotAppendable,
        "ObjectNotAppendable",
        "ObjectNotAppendable",
        409,
    );
    assert_eq!(ErrorCode::BadDigest.rows().len(), 1);

    // `400/404/500`: one row that applies to each status.
    let gw = ErrorCode::Gw0500;
    assert_eq!(gw.status(), 400);
    assert_eq!(gw.rows().len(), 3);
    for status in [400, 404, 500] {
        assert!(gw.has_status(status));
        let err = KmsError::from((status, "GW.0500"));
        assert!(err.is_documented(), "{status}");
        assert_eq!(err.message(), "The gateway failed.");
        assert_eq!(err.description(), "The upstream answered with an error.");
        assert_eq!(err.measure(), "Check the upstream service.");
        assert_eq!(
            err.to_string(),
            format!("GW.0500 (HTTP {status}): The gateway failed.")
        );
    }
    assert_eq!(gw.rows().map(|r| r.status()).collect::<Vec<_>>(), [400, 404, 500]);
    assert!(!gw.has_status(401));
    assert!(!KmsError::from((401, "GW.0500")).is_documented());
    // A 2xx status inside an error table is accepted.
    check(ErrorCode::Gw0000, "GW.0000", "Gw0000", 204);

    // Codes that are all digits get an `E` prefix.
    check(ErrorCode::E1100, "1100", "E1100", 400);
    check(ErrorCode::E111400002, "111400002", "E111400002", 400);
    // Spaces, lower case, mixed case.
    check(ErrorCode::Dcs4855, "DCS. 4855", "Dcs4855", 500);
    check(ErrorCode::Ces0001, "ces.0001", "Ces0001", 400);
    check(ErrorCode::BadRequest, "badRequest", "BadRequest", 400);
    check(
        ErrorCode::KmsDisabledException,
        "KMS.DisabledException",
        "KmsDisabledException",
        400,
    );
    // Varying widths in one table are distinct codes.
    check(ErrorCode::Smn0029, "SMN.0029", "Smn0029", 403);
    check(ErrorCode::Smn00290, "SMN.00290", "Smn00290", 403);
    assert_ne!(ErrorCode::Smn0029, ErrorCode::Smn00290);
    assert_eq!(
        KmsError::from((403, "SMN.00290")).message(),
        "The subscription does not belong to you."
    );
    // Words separated by `-` and spaces, in the code and in the status reason.
    check(
        ErrorCode::RequestUriTooLarge,
        "Request-URI Too Large",
        "RequestUriTooLarge",
        414,
    );

    // Lookups are exact: no trimming, no case folding.
    assert_eq!(ErrorCode::from_code("CES.0001"), None);
    assert_eq!(ErrorCode::from_code("DCS.4855"), None);
    assert_eq!(ErrorCode::from_code(" 1100"), None);
    let err = "BadRequest".parse::<ErrorCode>().unwrap_err();
    assert_eq!(err.code(), "BadRequest");
    assert_eq!(err.to_string(), "unknown error code `BadRequest`");

    // Catalog order, and one-byte codes.
    assert_eq!(ErrorCode::ALL.len(), 13);
    assert_eq!(ErrorCode::ALL[0], ErrorCode::BadDigest);
    assert_eq!(ErrorCode::ALL[12], ErrorCode::RequestUriTooLarge);
    assert_eq!(std::mem::size_of::<ErrorCode>(), 1);
}
