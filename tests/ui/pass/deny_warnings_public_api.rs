// The generated items are documented and lint-clean when exported from a public module of
// a crate that denies warnings and missing docs.
#![deny(warnings, missing_docs, missing_debug_implementations)]
//! A crate exporting generated errors.

/// Errors of a documented service.
pub mod service {
    kms_errors::kms_errors!(
        path = "tests/ui/catalogs/docs_lint.csv",
        error = ServiceError,
        code = ServiceCode
    );
}

/// The bundled catalog, re-generated here.
pub mod bundled {
    kms_errors::kms_errors!();
}

pub use service::{ServiceCode, ServiceError, UnknownServiceCode};

fn main() {
    let err = ServiceError::from((500, "LINT.0003"));
    assert_eq!(err.code(), ServiceCode::Lint0003);
    assert_eq!(err.message(), "Third row");
    assert_eq!(ServiceCode::Lint0002.message(), "");
    assert_eq!(
        ServiceCode::Lint0001.description(),
        "**Bold** and `code` and _emphasis_." // a cell is text, as written
    );
    assert!("nope".parse::<ServiceCode>().is_err());
    assert_eq!(bundled::ErrorCode::ALL.len(), 185 + 64);
}
