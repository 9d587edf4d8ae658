// Hygiene of the const accessors and of `code!`: used where the prelude is not in scope, in
// a crate with strict lints, for the bundled catalog and one's own, in `const` and `static`
// items, as match patterns, and as paths. `code!` names nothing of the caller's but the
// enum it is given. Also built under editions 2018, 2021 and 2024 and with clippy
// (`-D warnings -D clippy::pedantic`) by `tests/hygiene.rs`.
#![no_implicit_prelude]
#![deny(warnings, missing_docs, unused_qualifications, unused_results)]
//! Const accessors and code literals where nothing is imported.

/// One's own catalog, its types public.
pub mod own {
    #![no_implicit_prelude]
    ::kms_errors::kms_errors!(
        path = "tests/ui/catalogs/hygiene.csv",
        error = HygError,
        code = HygCode
    );
}

/// Codes named like prelude items, checked at compile time.
pub const PRELUDE_NAMED: [own::HygCode; 3] = [
    ::kms_errors::code!(own::HygCode, "Option"),
    ::kms_errors::code!(own::HygCode, "Result"),
    ::kms_errors::code!(own::HygCode, "core"),
];
/// A bundled code, checked at compile time.
pub static KEY_NOT_FOUND: ::kms_errors::ErrorCode = ::kms_errors::code!("KMS.0207");
/// A status read by the compiler.
pub const STATUS: u16 = own::HygCode::Hyg0002.status();
/// A lookup run by the compiler.
pub const FOUND: ::core::option::Option<own::HygCode> = own::HygCode::from_code("HYG.0001");

/// The code as a pattern.
#[must_use]
pub const fn is_missing(e: &own::HygError) -> bool {
    const MISSING: own::HygCode = ::kms_errors::code!(own::HygCode, "HYG.0002");
    ::core::matches!(e.code(), MISSING) && e.is_not_found() && !e.is_server_error()
}

pub(crate) fn main() {
    ::std::assert_eq!(
        PRELUDE_NAMED,
        [own::HygCode::Option, own::HygCode::Result, own::HygCode::Core]
    );
    ::std::assert_eq!(KEY_NOT_FOUND, ::kms_errors::ErrorCode::Kms0207);
    ::std::assert_eq!(STATUS, 404);
    ::std::assert_eq!(FOUND, ::core::option::Option::Some(own::HygCode::Hyg0001));
    ::std::assert!(is_missing(&own::HygError::new(404, "HYG.0002")));
    ::std::assert!(!is_missing(&own::HygError::new(400, "HYG.0001")));
    let names: ::std::vec::Vec<&str> = ::core::iter::Iterator::collect(::core::iter::Iterator::map(
        ::core::iter::Iterator::copied(own::HygCode::ALL.iter()),
        own::HygCode::as_str,
    ));
    ::std::assert_eq!(names.len(), 13);
    let status: fn(&own::HygError) -> u16 = own::HygError::status;
    ::std::assert_eq!(status(&own::HygError::new(418, "x")), 418);
}
