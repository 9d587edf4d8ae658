//! The integrations, one module per crate, each behind its own feature (as bitflags 2's
//! `external.rs`): what every generated type gets when the feature is on, written once.
//!
//! The expansion of every catalog invokes [`__kms_errors_features!`](crate::__kms_errors_features),
//! which invokes each integration's hidden macro; a feature that is off makes its macro
//! expand to nothing, so the features of `kms-errors` apply to every catalog in the build.

#[cfg(feature = "backon")]
pub mod backon;
#[cfg(any(feature = "reqwest", feature = "tower", feature = "ureq"))]
pub(crate) mod body;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "miette")]
pub mod miette;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "reqwest-middleware")]
pub mod reqwest_middleware;
#[cfg(feature = "serde")]
pub mod serde;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "tracing")]
pub mod tracing;
#[cfg(feature = "ureq")]
pub mod ureq;

/// Feature-dependent impls for a generated error type and code enum: `http`, `serde` and
/// `miette`, as enabled on `kms-errors` (so they apply to every catalog in the build).
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_features {
    ($err:ident, $code:ident) => {
        $crate::__kms_errors_http!($err);
        $crate::__kms_errors_serde!($err, $code);
        $crate::__kms_errors_miette!($err);
    };
}

#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_http {
    ($err:ident) => {};
}

#[cfg(not(feature = "miette"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_miette {
    ($err:ident) => {};
}

#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_serde {
    ($err:ident, $code:ident) => {};
}
