// The macro reached through the facade crate by its full path, with no `use` and no direct
// dependency on `kms-errors-macro`: the expansion names only `core` and `std`.
mod generated {
    kms_errors::kms_errors!(path = "tests/ui/catalogs/iam_like.csv");
}

fn main() {
    let err = generated::KmsError::new(400, "1100");
    assert_eq!(err.code(), generated::ErrorCode::E1100);
    assert_eq!(err.message(), "Mandatory parameters are not specified.");
    let e: generated::UnknownErrorCode = "x".parse::<generated::ErrorCode>().unwrap_err();
    assert_eq!(e.code(), "x");
    // Distinct from the facade's own types for the bundled catalog.
    assert_eq!(
        kms_errors::KmsError::from((400, "1100")).code(),
        kms_errors::ErrorCode::Unknown
    );
    // The error types are usable as `std::error::Error`.
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert_eq!(
        boxed.to_string(),
        "1100 (HTTP 400): Mandatory parameters are not specified."
    );
}
