// Hygiene: the expansion is clean under strict crate lints: every warning, missing docs and
// clippy's pedantic group denied, unsafe code forbidden, and a few allow-by-default rustc
// lints that strict crates turn on. trybuild runs rustc only; `tests/hygiene.rs` runs clippy
// (`-D warnings -D clippy::pedantic`) on this file under editions 2018, 2021 and 2024.
#![deny(warnings, missing_docs, clippy::pedantic)]
#![forbid(unsafe_code)]
#![deny(
    missing_debug_implementations,
    rust_2018_idioms,
    trivial_casts,
    trivial_numeric_casts,
    unused_extern_crates,
    unused_import_braces,
    unused_lifetimes,
    unused_qualifications,
    unused_results,
    single_use_lifetimes,
    variant_size_differences
)]
//! A crate with strict lints that exports generated errors.

/// The generated errors, public.
pub mod errors {
    kms_errors::kms_errors!(path = "tests/ui/catalogs/hygiene.csv");
}

pub(crate) fn main() {
    use errors::{ErrorCode, KmsError, UnknownErrorCode};

    let err = KmsError::from((400, "HYG.0001"));
    assert_eq!(err.code(), ErrorCode::Hyg0001);
    assert_eq!(err.description(), "A parameter is missing.");
    assert_eq!(err.measure(), "Send every parameter.");
    assert!(err.is_documented());
    let unknown = KmsError::from((418, String::from("HYG.9999")));
    assert_eq!(unknown.code(), ErrorCode::Unknown);
    assert_eq!(unknown.code_str(), "HYG.9999");
    assert!(!unknown.is_documented());
    let e: UnknownErrorCode = "hyg.0001".parse::<ErrorCode>().unwrap_err();
    assert_eq!(e.code(), "hyg.0001");
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(err.clone());
    assert_eq!(
        boxed.to_string(),
        "HYG.0001 (HTTP 400): The request is invalid."
    );
    // `400/404` in the status cell: documented for both.
    assert!(ErrorCode::Result.has_status(404));
    assert!(KmsError::from((404, "Result")).is_documented());
}
