//! The code enums: [`CatalogCode`], what they dereference to ([`CodeInfo`]), their rows
//! ([`Rows`]) and their parse error ([`UnknownCode`]).

use crate::__private::{Catalog, Probe, Row};
use crate::ErrorKind;
use core::fmt;
use core::hash::Hash;
use core::marker::PhantomData;
use core::ops::Deref;
use core::str::FromStr;

/// Implemented by every code enum that [`kms_errors!`](crate::kms_errors!) generates (for
/// the bundled catalog, [`ErrorCode`](crate::ErrorCode)), so that code can work with the
/// codes of any catalog.
///
/// A code enum dereferences to its [`CodeInfo`], which holds what the catalog says about
/// the code: `code.as_str()`, `code.status()`, `code.message()` and the rest need no import.
///
/// ```
/// use kms_errors::{CatalogCode, ErrorCode};
///
/// fn documented_statuses<C: CatalogCode>() -> Vec<(String, u16)> {
///     C::ALL.iter().map(|c| (c.to_string(), c.status())).collect()
/// }
/// assert_eq!(documented_statuses::<ErrorCode>().len(), 185);
/// assert_eq!(ErrorCode::from_code("KMS.0207"), Some(ErrorCode::Kms0207));
/// ```
pub trait CatalogCode:
    Copy
    + Eq
    + Ord
    + Hash
    + fmt::Debug
    + fmt::Display
    + FromStr<Err = UnknownCode<Self>>
    + Send
    + Sync
    + 'static
    + Deref<Target = CodeInfo<Self>>
{
    /// Every code of the catalog, in catalog order (without [`CatalogCode::UNKNOWN`]).
    const ALL: &'static [Self];
    /// The variant that stands for codes the catalog does not have.
    const UNKNOWN: Self;
    /// The catalog's tables.
    #[doc(hidden)]
    const CATALOG: &'static Catalog<'static>;
    /// The index of the catalog's codes.
    #[doc(hidden)]
    const PROBE: Probe<'static>;
    /// The catalog's code strings, in catalog order.
    #[doc(hidden)]
    const CODES: &'static [&'static str];
}

/// What the catalog says about one code: what every generated code enum dereferences to, so
/// that its methods are the enum's methods (`ErrorCode::Kms0207.status()`).
///
/// The text accessors read the code's first row (a code may have several, one per status:
/// [`CodeInfo::rows`]); runtime text has RST `**bold**` markers removed, the rustdoc of
/// the variant keeps them. For the enum's `Unknown` variant every accessor is empty.
///
/// ```
/// use kms_errors::{ErrorCode, ErrorKind};
///
/// let code = ErrorCode::Kms0207;
/// assert_eq!((code.as_str(), code.name(), code.status()), ("KMS.0207", "Kms0207", 404));
/// assert_eq!(code.message(), "The key does not exist.");
/// assert_eq!(code.kind(), ErrorKind::NotFound);
/// assert!(code.has_status(404) && !code.has_status(400));
/// assert_eq!(code.rows().len(), 1);
/// ```
pub struct CodeInfo<C> {
    /// The variant's position in the catalog (`Unknown`: the number of codes).
    index: u16,
    code: PhantomData<fn() -> C>,
}

impl<C> CodeInfo<C> {
    /// The info of the variant at position `index`.
    pub(crate) const fn at(index: u16) -> Self {
        CodeInfo {
            index,
            code: PhantomData,
        }
    }
}

impl<C> Clone for CodeInfo<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for CodeInfo<C> {}

impl<C: CatalogCode> CodeInfo<C> {
    fn catalog(&self) -> &'static Catalog<'static> {
        C::CATALOG
    }

    /// The variant's position in the catalog (`Unknown`: the number of codes).
    pub(crate) fn i(&self) -> usize {
        usize::from(self.index)
    }

    /// The first row, or an empty one for `Unknown`.
    fn first(&self) -> Row<'static> {
        let (start, end) = self.catalog().row_range(self.i());
        if start < end {
            self.catalog().row(start)
        } else {
            (0, "", "", "")
        }
    }

    /// The variant.
    #[must_use]
    pub fn code(&self) -> C {
        C::ALL.get(self.i()).copied().unwrap_or(C::UNKNOWN)
    }

    /// The code's string as the catalog writes it (`"KMS.0207"`); `""` for `Unknown`.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        C::CODES.get(self.i()).copied().unwrap_or("")
    }

    /// The variant's name (`"Kms0207"`, `"Unknown"`).
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.catalog().name(self.i())
    }

    /// Every catalog row of this code as `(status, message, description, measure)`, in
    /// catalog order, runtime text; none for `Unknown`.
    #[must_use]
    pub fn rows(&self) -> Rows {
        let (next, end) = self.catalog().row_range(self.i());
        Rows {
            catalog: self.catalog(),
            next,
            end,
        }
    }

    /// The first documented HTTP status of this code; `0` for `Unknown`.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.first().0
    }

    /// Whether the catalog documents this code with `status`.
    #[must_use]
    pub fn has_status(&self, status: u16) -> bool {
        self.catalog().row_with_status(self.i(), status).is_some()
    }

    /// The kind of this code: its first row's `kind`, else the kind its first status
    /// implies; [`ErrorKind::Unknown`] for `Unknown`.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        let (start, end) = self.catalog().row_range(self.i());
        if start < end {
            self.catalog().row_kind(start)
        } else {
            ErrorKind::Unknown
        }
    }

    /// The documentation link of this code: its first row's `url` cell, else the catalog's
    /// (the macro's `docs` argument; for the bundled catalog, the API reference's error-code
    /// page); `None` if neither is given. For `Unknown`, the catalog's.
    #[must_use]
    pub fn doc_url(&self) -> Option<&'static str> {
        let (start, end) = self.catalog().row_range(self.i());
        if start < end {
            self.catalog().row_url(start)
        } else {
            self.catalog().catalog_url()
        }
    }

    /// The message of the code's first row; `""` if none.
    #[must_use]
    pub fn message(&self) -> &'static str {
        self.first().1
    }

    /// The description of the code's first row; `""` if none.
    #[must_use]
    pub fn description(&self) -> &'static str {
        self.first().2
    }

    /// The measure (what to do about it) of the code's first row; `""` if none.
    #[must_use]
    pub fn measure(&self) -> &'static str {
        self.first().3
    }
}

/// The variant's name (`Kms0207`).
impl<C: CatalogCode> fmt::Debug for CodeInfo<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The code string (`KMS.0207`); `Unknown` writes `unknown`. Padding applies.
impl<C: CatalogCode> fmt::Display for CodeInfo<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if usize::from(self.index) < C::ALL.len() {
            f.pad(self.as_str())
        } else {
            f.pad("unknown")
        }
    }
}

/// The rows of a code ([`CodeInfo::rows`]): `(status, message, description, measure)`.
#[derive(Clone, Debug)]
pub struct Rows {
    catalog: &'static Catalog<'static>,
    next: usize,
    end: usize,
}

impl Iterator for Rows {
    type Item = (u16, &'static str, &'static str, &'static str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.next < self.end {
            self.next += 1;
            Some(self.catalog.row(self.next - 1))
        } else {
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.next;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Rows {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.next < self.end {
            self.end -= 1;
            Some(self.catalog.row(self.end))
        } else {
            None
        }
    }
}

impl ExactSizeIterator for Rows {}

impl core::iter::FusedIterator for Rows {}

/// The error of parsing a string that is not a code of the catalog `C` (the generated
/// `Unknown{Code}` type is this type); it keeps the string.
pub struct UnknownCode<C> {
    code: Box<str>,
    catalog: PhantomData<fn() -> C>,
}

impl<C> UnknownCode<C> {
    pub(crate) fn new(code: &str) -> Self {
        UnknownCode {
            code: code.into(),
            catalog: PhantomData,
        }
    }

    /// The string that is not a code of the catalog.
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }
}

impl<C> Clone for UnknownCode<C> {
    fn clone(&self) -> Self {
        UnknownCode::new(&self.code)
    }
}

impl<C> PartialEq for UnknownCode<C> {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl<C> Eq for UnknownCode<C> {}

impl<C> Hash for UnknownCode<C> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}

/// `UnknownErrorCode { code: "kms.0207" }`, after the generated name.
impl<C: CatalogCode> fmt::Debug for UnknownCode<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = format!("Unknown{}", C::CATALOG.code_name);
        f.debug_struct(&name).field("code", &self.code).finish()
    }
}

/// `` unknown error code `kms.0207` ``.
impl<C> fmt::Display for UnknownCode<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.code)
    }
}

impl<C: CatalogCode> std::error::Error for UnknownCode<C> {}
