// Columns are found by name, whatever their order.
kms_errors::kms_errors!("tests/ui/catalogs/reordered.csv");

fn main() {
    let err = KmsError::from((404, "KMS.0207"));
    assert_eq!(err.code(), ErrorCode::Kms0207);
    assert!(err.is_documented());
    assert_eq!(err.message(), "The key does not exist.");
    assert_eq!(
        err.description(),
        "The key ID is wrong or the key was deleted."
    );
    assert_eq!(err.measure(), "Check the key ID.");
    assert_eq!(
        ErrorCode::Kms0001.rows().map(|r| (r.status(), r.message(), r.description(), r.measure())).collect::<Vec<_>>(),
        [(
            500,
            "The system is busy.",
            "Internal error.",
            "Try again later."
        )]
    );
    assert_eq!(ErrorCode::ALL, &[ErrorCode::Kms0207, ErrorCode::Kms0001]);
}
