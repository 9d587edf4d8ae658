// Hygiene: the macro invoked inside function bodies (and a nested block): each invocation
// defines its own local types, which work like module-level ones.
// Also built under editions 2018, 2021 and 2024 and with clippy by `tests/hygiene.rs`.
#![deny(warnings)]

fn first() -> (u16, &'static str) {
    kms_errors::kms_errors!(path = "tests/ui/catalogs/hygiene.csv");
    let err = KmsError::from((404, "HYG.0002"));
    assert_eq!(err.code(), ErrorCode::Hyg0002);
    assert_eq!(ErrorCode::ALL.len(), 13);
    (err.status(), err.message())
}

fn second() -> &'static str {
    {
        kms_errors::kms_errors!(
            path = "tests/ui/catalogs/hygiene_other.csv",
            error = OtherError,
            code = OtherCode
        );
        let code: OtherCode = "OTHER.0001".parse().unwrap();
        assert_eq!(code.status(), 409);
        assert!("Result".parse::<OtherCode>().is_err());
        OtherError::new(400, "HYG.0001").message()
    }
}

pub(crate) fn main() {
    kms_errors::kms_errors!(path = "tests/ui/catalogs/hygiene_other.csv");
    assert_eq!(first(), (404, "The resource does not exist."));
    assert_eq!(second(), "Another catalog's message for the same code.");
    let err = KmsError::from((400, "Result"));
    assert_eq!(err.code(), ErrorCode::Unknown);
    assert_eq!(err.to_string(), "Result (HTTP 400): unknown error code");
}
