// Hygiene: the invoking module defines items named like the prelude and the standard
// crates (`Result`, `Option`, `Box`, `String`, `core`, `std`, `fmt`, `Some`, `Ok`, ...),
// local macros named like the ones the expansion calls, and brings the usual extension
// traits into scope; the expansion still compiles without a warning and works. The catalog
// has codes with the same names, so the variants are named like them too.
// Also built under editions 2018, 2021 and 2024 and with clippy by `tests/hygiene.rs`.
#![deny(warnings)]

/// Items named like the prelude's, the standard crates and the expansion's own helpers.
#[allow(
    dead_code,
    non_camel_case_types,
    non_upper_case_globals,
    unused_macros,
    clippy::pedantic
)]
mod decoys {
    pub(crate) struct Result;
    pub(crate) struct Option;
    pub(crate) struct Box;
    pub(crate) struct String;
    pub(crate) struct Vec;
    pub(crate) struct Clone;
    pub(crate) struct Copy;
    pub(crate) struct PartialEq;
    pub(crate) struct Eq;
    pub(crate) struct Hash;
    pub(crate) struct Debug;
    pub(crate) struct Display;
    pub(crate) struct From;
    pub(crate) struct Iterator;
    pub(crate) struct Error;
    pub(crate) struct Formatter;
    pub(crate) struct Row;
    pub(crate) const Some: u8 = 0;
    pub(crate) const None: u8 = 1;
    pub(crate) const Ok: u8 = 2;
    pub(crate) const Err: u8 = 3;
    pub(crate) mod core {}
    pub(crate) mod std {}
    pub(crate) mod fmt {
        pub(crate) struct Result;
    }
    pub(crate) fn lookup() {}
    pub(crate) fn row() {}
    pub(crate) fn text() {}
    pub(crate) static CODES: [u8; 0] = [];
    macro_rules! write {
        ($($t:tt)*) => {
            compile_error!("the local `write!` was used")
        };
    }
    macro_rules! include_bytes {
        ($($t:tt)*) => {
            compile_error!("the local `include_bytes!` was used")
        };
    }
    macro_rules! format_args {
        ($($t:tt)*) => {
            compile_error!("the local `format_args!` was used")
        };
    }
    pub(crate) use {format_args, include_bytes, write};
}

/// The invoking module: every decoy is in scope by name, and so are the usual extension
/// traits. Only the `use` lines allow anything.
mod shadowed {
    #[allow(unused_imports)]
    use super::decoys::{
        core, fmt, format_args, include_bytes, lookup, row, std, text, write, Box, Clone, Copy,
        Debug, Display, Eq, Err, Error, Formatter, From, Hash, Iterator, None, Ok, Option,
        PartialEq, Result, Row, Some, String, Vec, CODES,
    };
    #[allow(unused_imports)]
    use ::std::{borrow::Borrow as _, fmt::Write as _, io::Write as _, ops::Index as _};

    kms_errors::kms_errors!(path = "tests/ui/catalogs/hygiene.csv");
}

use shadowed::{ErrorCode, KmsError};

pub(crate) fn main() {
    let err = KmsError::from((400, "Option"));
    assert_eq!(err.code(), ErrorCode::Option);
    assert_eq!(err.message(), "A code named Option.");
    assert_eq!(err.to_string(), "Option (HTTP 400): A code named Option.");
    assert_eq!(
        format!("{err:?}"),
        r#"KmsError { status: 400, code: "Option" }"#
    );
    for (code, variant) in [
        ("Result", ErrorCode::Result),
        ("Some", ErrorCode::Some),
        ("None", ErrorCode::None),
        ("Ok", ErrorCode::Ok),
        ("Err", ErrorCode::Err),
        ("Box", ErrorCode::Box),
        ("String", ErrorCode::String),
        ("core", ErrorCode::Core),
        ("std", ErrorCode::Std),
        ("fmt", ErrorCode::Fmt),
    ] {
        assert_eq!(ErrorCode::from_code(code), Some(variant));
        assert_eq!(variant.as_str(), code);
        assert_eq!(variant.to_string(), code);
        assert_eq!(code.parse::<ErrorCode>(), Ok(variant));
        assert_eq!(KmsError::from((variant.status(), code)).code(), variant);
    }
    assert_eq!(ErrorCode::Std.status(), 500);
    // Short and long unknown codes keep their text.
    let short = KmsError::from((400, "x"));
    let long = KmsError::from((400, "a code longer than twenty bytes"));
    assert_eq!(
        (short.code_str(), long.code_str()),
        ("x", "a code longer than twenty bytes")
    );
    assert_eq!(short.clone(), short);
    assert_ne!(short, long);
}
