// One code on several rows: the row for the received status wins, else the first row.
use kms_errors::kms_errors;

kms_errors!("tests/ui/catalogs/many_rows.csv");

fn main() {
    let code = ErrorCode::Net1801;
    // Five rows in the file; two are exact duplicates of the first and are merged.
    let tuple = |r: kms_errors::Row| (r.status(), r.message(), r.description(), r.measure());
    assert_eq!(
        code.rows().map(tuple).collect::<Vec<_>>(),
        [
            (
                400,
                "The subnet ID is invalid.",
                "Bad subnet.",
                "Check the subnet ID."
            ),
            (
                500,
                "Failed to query the subnet.",
                "Internal error.",
                "Try again later."
            ),
            (
                409,
                "The subnet is in use.",
                "Conflict.",
                "Delete the ports first."
            ),
        ]
    );
    assert_eq!(code.status(), 400);
    assert_eq!(code.message(), "The subnet ID is invalid.");

    let err = KmsError::from((500, "NET.1801"));
    assert!(err.is_documented());
    assert_eq!(err.message(), "Failed to query the subnet.");
    assert_eq!(err.description(), "Internal error.");
    assert_eq!(err.measure(), "Try again later.");
    assert_eq!(
        err.to_string(),
        "NET.1801 (HTTP 500): Failed to query the subnet."
    );

    let err = KmsError::from((409, "NET.1801"));
    assert_eq!(err.message(), "The subnet is in use.");

    // A status the catalog does not document for this code: the first row's text.
    let err = KmsError::from((502, "NET.1801"));
    assert!(!err.is_documented());
    assert_eq!(err.status(), 502);
    assert_eq!(err.message(), "The subnet ID is invalid.");
    assert_eq!(err.measure(), "Check the subnet ID.");

    // Same code and status twice with different messages: both rows kept, the first wins.
    let denied = ErrorCode::AccessDenied;
    assert_eq!(denied.rows().len(), 2);
    assert_eq!(denied.rows().next().unwrap().message(), "Access denied.");
    assert_eq!(
        denied.rows().nth(1).unwrap().message(),
        "The bucket policy denies this request."
    );
    assert_eq!(
        denied.rows().nth(1).unwrap().measure(),
        "Check the bucket policy."
    );
    let err = KmsError::from((403, "AccessDenied"));
    assert_eq!(err.message(), "Access denied.");
    assert_eq!(err.measure(), "Check your permissions.");

    // Distinct codes in order of first appearance.
    assert_eq!(
        ErrorCode::ALL,
        &[
            ErrorCode::Net1801,
            ErrorCode::AccessDenied,
            ErrorCode::Net0001
        ]
    );
    assert_eq!(ErrorCode::Net0001.rows().len(), 1);

    // Unknown codes keep their text and have no rows.
    let err = KmsError::from((404, "NET.9999"));
    assert_eq!(err.code(), ErrorCode::Unknown);
    assert_eq!(err.code_str(), "NET.9999");
    assert_eq!(err.message(), "");
    assert!(!err.is_documented());
    assert_eq!(ErrorCode::Unknown.rows().len(), 0);
    assert_eq!(ErrorCode::Unknown.status(), 0);
    assert_eq!(ErrorCode::Unknown.as_str(), "unknown");
    assert_eq!(ErrorCode::Unknown.to_string(), "unknown");
    assert_eq!(err.to_string(), "NET.9999 (HTTP 404): unknown error code");
}
