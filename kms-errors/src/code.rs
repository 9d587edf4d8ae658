//! The code enums: [`CatalogCode`] and their parse error ([`UnknownCode`]); and
//! [`CodeInfo`], the runtime of their accessors (internal: the generated enums' inherent
//! methods and the trait's methods both forward to it).
//!
//! `Unknown`, the variant for codes a catalog does not have, has no catalog data: its
//! string is `unknown` (`as_str`, `Display`, serde), its status `0` (no HTTP status is
//! documented for it), its texts empty, its kind [`ErrorKind::Unknown`], its rows none and its
//! link the catalog's. The error that holds it keeps the code as received (`code_str`).

use crate::__private::{row, Catalog, Probe};
use crate::{ErrorKind, Rows};
use core::fmt;
use core::hash::Hash;
use core::marker::PhantomData;
use core::str::FromStr;

/// Implemented by every code enum that [`kms_errors!`](crate::kms_errors!) generates (for
/// the bundled catalog, [`ErrorCode`](crate::ErrorCode)), so that code can work with the
/// codes of any catalog.
///
/// The methods are the enum's own inherent methods too (`const fn` there), with the same
/// names and the same behaviour: a concrete enum needs no import to call them.
///
/// ```
/// use kms_errors::{CatalogCode, ErrorCode};
///
/// fn documented_statuses<C: CatalogCode>() -> Vec<(String, u16)> {
///     C::ALL.iter().map(|c| (c.to_string(), c.status())).collect()
/// }
/// assert_eq!(documented_statuses::<ErrorCode>().len(), 185 + 64); // KMS and CSMS, API gateway
/// assert_eq!(<ErrorCode as CatalogCode>::from_code("KMS.0207"), Some(ErrorCode::Kms0207));
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
    /// Every spelling the lookup accepts: [`CatalogCode::CODES`], then the aliases.
    #[doc(hidden)]
    const SPELLINGS: &'static [&'static str];
    /// The code (its position) of each alias, in the order `SPELLINGS` lists them.
    #[doc(hidden)]
    const ALIAS_OF: &'static [u16];

    /// The variant's position in the catalog (`Unknown`: the number of codes).
    #[doc(hidden)]
    fn __index(self) -> usize;

    #[doc = crate::__kms_errors_doc!(code from_code)]
    #[must_use]
    fn from_code(code: &str) -> Option<Self> {
        crate::__private::from_code(code)
    }
    #[doc = crate::__kms_errors_doc!(code as_str)]
    #[must_use]
    fn as_str(self) -> &'static str {
        CodeInfo::<Self>::at(self.__index()).as_str()
    }
    #[doc = crate::__kms_errors_doc!(code name)]
    #[must_use]
    fn name(self) -> &'static str {
        CodeInfo::<Self>::at(self.__index()).name()
    }
    #[doc = crate::__kms_errors_doc!(code status)]
    #[must_use]
    fn status(self) -> u16 {
        CodeInfo::<Self>::at(self.__index()).status()
    }
    #[doc = crate::__kms_errors_doc!(code has_status)]
    #[must_use]
    fn has_status(self, status: u16) -> bool {
        CodeInfo::<Self>::at(self.__index()).has_status(status)
    }
    #[doc = crate::__kms_errors_doc!(code kind)]
    #[must_use]
    fn kind(self) -> ErrorKind {
        CodeInfo::<Self>::at(self.__index()).kind()
    }
    #[doc = crate::__kms_errors_doc!(code message)]
    #[must_use]
    fn message(self) -> &'static str {
        CodeInfo::<Self>::at(self.__index()).message()
    }
    #[doc = crate::__kms_errors_doc!(code description)]
    #[must_use]
    fn description(self) -> &'static str {
        CodeInfo::<Self>::at(self.__index()).description()
    }
    #[doc = crate::__kms_errors_doc!(code measure)]
    #[must_use]
    fn measure(self) -> &'static str {
        CodeInfo::<Self>::at(self.__index()).measure()
    }
    #[doc = crate::__kms_errors_doc!(code doc_url)]
    #[must_use]
    fn doc_url(self) -> Option<&'static str> {
        CodeInfo::<Self>::at(self.__index()).doc_url()
    }
    #[doc = crate::__kms_errors_doc!(code rows)]
    #[must_use]
    fn rows(self) -> Rows {
        CodeInfo::<Self>::at(self.__index()).rows()
    }
}

/// What the catalog says about one code: the runtime behind every code enum's accessors,
/// written once. Internal: the generated enums' inherent `const fn`s and [`CatalogCode`]'s
/// methods forward here.
///
/// The text accessors read the code's first row (a code may have several, one per status:
/// [`CodeInfo::rows`]). For the enum's `Unknown` variant, see the module docs.
#[doc(hidden)]
pub struct CodeInfo<C> {
    /// The variant's position in the catalog (`Unknown`: the number of codes).
    index: usize,
    code: PhantomData<fn() -> C>,
}

impl<C> Clone for CodeInfo<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for CodeInfo<C> {}

impl<C: CatalogCode> CodeInfo<C> {
    // The accessors are documented once, on the generated enums and `CatalogCode`
    // (`crate::docs`), which forward here.

    /// The info of the variant at position `index`.
    #[inline]
    pub const fn at(index: usize) -> Self {
        CodeInfo {
            index,
            code: PhantomData,
        }
    }

    /// The rows of the variant, `start..end`.
    #[inline]
    const fn range(self) -> (usize, usize) {
        C::CATALOG.row_range(self.index)
    }

    /// The text at word `field` of the first row; `""` for `Unknown`.
    #[inline]
    const fn first_text(self, field: usize) -> &'static str {
        let (start, end) = self.range();
        if start < end {
            C::CATALOG.row_text(start, field)
        } else {
            ""
        }
    }

    /// The variant.
    #[inline]
    pub const fn code(self) -> C {
        if self.index < C::ALL.len() {
            C::ALL[self.index]
        } else {
            C::UNKNOWN
        }
    }

    /// Whether the variant is a code of the catalog (not `Unknown`).
    #[inline]
    pub const fn is_known(self) -> bool {
        self.index < C::CODES.len()
    }

    #[inline]
    pub const fn as_str(self) -> &'static str {
        if self.is_known() {
            C::CODES[self.index]
        } else {
            "unknown"
        }
    }

    #[inline]
    pub const fn name(self) -> &'static str {
        C::CATALOG.name(self.index)
    }

    #[inline]
    pub const fn rows(self) -> Rows {
        let (next, end) = self.range();
        Rows::new(C::CATALOG, next, end)
    }

    #[inline]
    pub const fn status(self) -> u16 {
        let (start, end) = self.range();
        if start < end {
            C::CATALOG.status(start)
        } else {
            0
        }
    }

    #[inline]
    pub const fn has_status(self, status: u16) -> bool {
        C::CATALOG.row_with_status(self.index, status).is_some()
    }

    #[inline]
    pub const fn kind(self) -> ErrorKind {
        let (start, end) = self.range();
        if start < end {
            C::CATALOG.row_kind(start)
        } else {
            ErrorKind::Unknown
        }
    }

    #[inline]
    pub const fn doc_url(self) -> Option<&'static str> {
        let (start, end) = self.range();
        if start < end {
            C::CATALOG.row_url(start)
        } else {
            C::CATALOG.catalog_url()
        }
    }

    #[inline]
    pub const fn message(self) -> &'static str {
        self.first_text(row::MESSAGE)
    }

    #[inline]
    pub const fn description(self) -> &'static str {
        self.first_text(row::DESCRIPTION)
    }

    #[inline]
    pub const fn measure(self) -> &'static str {
        self.first_text(row::MEASURE)
    }

    /// `Debug` of a code: the variant's name (`Kms0207`).
    pub fn fmt_debug(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }

    /// `Display` of a code: [`CodeInfo::as_str`] (`KMS.0207`, `unknown`). Padding applies.
    pub fn fmt_display(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

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
