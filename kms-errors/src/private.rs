//! Support for the code `kms_errors!` generates: the lookup, the tables' decoding and the
//! runtime of the generated types' accessors ([`CodeInfo`], [`ErrorInfo`]). Internal: not a
//! public API, it may change in any release, and it moves together with `kms-errors-macro`
//! (pinned with `=`).
//!
//! The macro emits, per catalog, the code enum with its rustdoc, one [`Catalog`], the
//! index, and invocations of this crate's `__kms_errors_code!` and `__kms_errors_error!`,
//! which write the types' inherent methods (their signatures and docs, once, in
//! `public.rs`) forwarding here. The layout of the tables and the index's probe are defined
//! once, in `kms-errors-core` ([`table`], [`Probe`]), with which the macro's front end
//! encodes them.
//!
//! Every read of the tables is a `const fn`, so that the accessors are too.

#[cfg(feature = "http")]
pub use http;
#[cfg(feature = "miette")]
pub use miette;
#[cfg(feature = "serde")]
pub use serde;
#[cfg(feature = "tracing")]
pub use tracing;

#[cfg(feature = "miette")]
pub use crate::external::miette as diagnostic;
#[cfg(feature = "serde")]
pub use crate::external::serde as de;

pub use crate::code::CodeInfo;
pub use crate::error::ErrorInfo;
pub use crate::literal::unknown_code;
pub use kms_errors_core::hash::{same_bytes, Probe};
pub use kms_errors_core::table::{self, row, Catalog};
pub use kms_errors_macro::kms_errors;

use crate::{CatalogCode, UnknownCode};

/// The position of `code` among `codes`, if it is one (exact, case-sensitive), found with
/// `probe`, the index of `codes`. A `const fn`: the same lookup at compile time
/// (`kms_errors::code!`) and at run time.
#[inline(always)]
pub const fn find(codes: &[&str], probe: &Probe<'_>, code: &str) -> Option<usize> {
    let i = probe.position(code.as_bytes());
    if i < codes.len() && same_bytes(codes[i].as_bytes(), code.as_bytes()) {
        Some(i)
    } else {
        None
    }
}

/// Where `code` is in the catalog of `C`, if it is one of its codes or aliases: the code's
/// position and the spelling's (in `C::SPELLINGS`; the same for the code itself).
#[inline]
pub const fn position<C: CatalogCode>(code: &str) -> Option<(usize, usize)> {
    match find(C::SPELLINGS, &C::PROBE, code) {
        Some(j) => Some((code_of::<C>(j), j)),
        None => None,
    }
}

/// The code (its position) that spelling `j` names.
#[inline]
pub const fn code_of<C: CatalogCode>(j: usize) -> usize {
    let n = C::CODES.len();
    if j < n {
        j
    } else if j - n < C::ALIAS_OF.len() {
        C::ALIAS_OF[j - n] as usize
    } else {
        n
    }
}

/// `ErrorCode::from_code`.
#[inline]
pub const fn from_code<C: CatalogCode>(code: &str) -> Option<C> {
    match position::<C>(code) {
        Some((i, _)) => Some(C::ALL[i]),
        None => None,
    }
}

/// `<ErrorCode as FromStr>::from_str`.
pub fn parse_code<C: CatalogCode>(s: &str) -> Result<C, UnknownCode<C>> {
    from_code(s).ok_or_else(|| UnknownCode::new(s))
}
