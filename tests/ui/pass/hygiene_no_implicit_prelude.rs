// Hygiene: the expansion names everything by absolute path, so it compiles (without a
// warning) where the prelude is not in scope, at the crate root and in a nested module.
// Also built under editions 2018, 2021 and 2024 and with clippy by `tests/hygiene.rs`.
#![no_implicit_prelude]
#![deny(warnings)]

::kms_errors::kms_errors!(path = "tests/ui/catalogs/hygiene.csv");

mod nested {
    #![no_implicit_prelude]
    ::kms_errors::kms_errors!(
        path = "tests/ui/catalogs/hygiene_other.csv",
        error = OtherError,
        code = OtherCode
    );
}

pub(crate) fn main() {
    let err: KmsError = ::std::convert::From::from((404, "HYG.0002"));
    ::std::assert_eq!(err.code(), ErrorCode::Hyg0002);
    ::std::assert_eq!(err.message(), "The resource does not exist.");
    ::std::assert!(err.is_documented());
    ::std::assert_eq!(
        ::std::string::ToString::to_string(&err),
        "HYG.0002 (HTTP 404): The resource does not exist."
    );
    ::std::assert_eq!(
        ErrorCode::from_code("Option"),
        ::std::option::Option::Some(ErrorCode::Option)
    );
    ::std::assert_eq!(ErrorCode::ALL.len(), 13);

    let other = nested::OtherError::new(409, "OTHER.0001");
    ::std::assert_eq!(other.code(), nested::OtherCode::Other0001);
    ::std::assert_eq!(
        nested::OtherError::new(400, "HYG.0001").message(),
        "Another catalog's message for the same code."
    );
    let parsed: ::std::result::Result<nested::OtherCode, nested::UnknownOtherCode> =
        ::std::str::FromStr::from_str("Result");
    ::std::assert_eq!(
        parsed.map_err(|e| ::std::string::ToString::to_string(&e)),
        ::std::result::Result::Err(::std::borrow::ToOwned::to_owned(
            "unknown error code `Result`"
        ))
    );
}
