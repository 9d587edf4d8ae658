//! Support for the code `kms_errors!` generates: the catalog's tables as a `'static` value
//! and their decoding, the lookup, and the runtime of the generated types' accessors
//! ([`CodeInfo`], [`ErrorInfo`]). Internal: not a public API, it may change in any release,
//! and it moves together with `kms-errors-macro` (pinned with `=`).
//!
//! The macro emits, per catalog, the code enum with its rustdoc, one [`Catalog`], the
//! index, and invocations of this crate's `__kms_errors_code!` and `__kms_errors_error!`,
//! which write the types' inherent methods (their signatures and docs, once, in
//! `public.rs`) forwarding here. The layout of the tables and the hash index are defined
//! once, in `kms-errors-catalog` ([`table`], [`Probe`]), which the macro encodes with.
//!
//! Every read of the tables is a `const fn`, so that the accessors are too.

#[cfg(feature = "http")]
pub use http;
#[cfg(feature = "miette")]
pub use miette;
#[cfg(feature = "serde")]
pub use serde;

pub use crate::code::CodeInfo;
pub use crate::error::ErrorInfo;
pub use crate::literal::unknown_code;
pub use kms_errors_catalog::hash::{same_bytes, Probe};
pub use kms_errors_macro::kms_errors;

use crate::{CatalogCode, ErrorKind, UnknownCode};
pub use kms_errors_catalog::table::row;
use kms_errors_catalog::table::{self, code, word, CODE_WORDS, ROW_WORDS};

/// A catalog's tables as the generated code stores them: names for messages, the link and
/// the packed tables (see `kms_errors_catalog::table`). The code strings and their index are
/// the code enum's `CatalogCode::CODES` and `CatalogCode::PROBE`, `const`s rather than
/// fields here, so that a lookup compiled in another crate has them as immediates instead of
/// reading pointers out of this `static` first.
/// The generated code holds a `Catalog<'static>`; tests and the fuzz targets decode tables
/// they encoded themselves.
#[derive(Debug)]
pub struct Catalog<'a> {
    /// The generated error type's name (`"KmsError"`), for `Debug`.
    pub error_name: &'a str,
    /// The generated code enum's name (`"ErrorCode"`), for `Debug`.
    pub code_name: &'a str,
    /// The catalog's documentation link (the macro's `docs` argument); `""` if none.
    pub docs: &'a str,
    /// Every string but the codes, deduplicated, end to end.
    pub text: &'a str,
    /// Per variant, `CODE_WORDS` words.
    pub code_data: &'a [u8],
    /// Per row, `ROW_WORDS` words.
    pub row_data: &'a [u8],
}

/// One catalog row: status, message, description, measure (runtime text).
pub type Row<'a> = (u16, &'a str, &'a str, &'a str);

/// `s[start..end]`, or `""` if that is not a range of `s` on character boundaries; a
/// `const fn` (two boundary checks, as `str::get`).
#[inline]
pub const fn substr(s: &str, start: usize, end: usize) -> &str {
    match s.split_at_checked(end) {
        Some((head, _)) => match head.split_at_checked(start) {
            Some((_, sub)) => sub,
            None => "",
        },
        None => "",
    }
}

impl<'a> Catalog<'a> {
    /// The string of `text` between the two words at `at`.
    #[inline]
    const fn text(&self, data: &[u8], at: usize) -> &'a str {
        substr(self.text, word(data, at), word(data, at + 1))
    }

    /// The variant name of variant `i` (`Unknown` included).
    pub const fn name(&self, i: usize) -> &'a str {
        self.text(self.code_data, i * CODE_WORDS + code::NAME)
    }

    /// The rows `start..end` of variant `i` (none for `Unknown` and past the end).
    #[inline]
    pub const fn row_range(&self, i: usize) -> (usize, usize) {
        let start = word(self.code_data, i * CODE_WORDS + code::FIRST_ROW);
        let end = word(self.code_data, (i + 1) * CODE_WORDS + code::FIRST_ROW);
        (start, if end > start { end } else { start })
    }

    /// The text at word `field` of row `j` (`table::row::MESSAGE`, `DESCRIPTION`, `MEASURE`).
    #[inline]
    pub const fn row_text(&self, j: usize, field: usize) -> &'a str {
        self.text(self.row_data, j * ROW_WORDS + field)
    }

    /// Row `j`.
    pub const fn row(&self, j: usize) -> Row<'a> {
        let w = j * ROW_WORDS;
        (
            self.status(j),
            self.text(self.row_data, w + row::MESSAGE),
            self.text(self.row_data, w + row::DESCRIPTION),
            self.text(self.row_data, w + row::MEASURE),
        )
    }

    /// The status of row `j`.
    #[inline]
    pub const fn status(&self, j: usize) -> u16 {
        word(self.row_data, j * ROW_WORDS + row::STATUS) as u16
    }

    /// The documentation link of row `j`: its `url` cell, else the catalog's; `None` if
    /// neither is given.
    pub const fn row_url(&self, j: usize) -> Option<&'a str> {
        let url = self.text(self.row_data, j * ROW_WORDS + row::URL);
        if url.is_empty() {
            self.catalog_url()
        } else {
            Some(url)
        }
    }

    /// The catalog's documentation link, if given.
    pub const fn catalog_url(&self) -> Option<&'a str> {
        if self.docs.is_empty() {
            None
        } else {
            Some(self.docs)
        }
    }

    /// The kind row `j` declares, if any.
    #[inline]
    pub const fn declared_kind(&self, j: usize) -> Option<ErrorKind> {
        table::kind_of_word(word(self.row_data, j * ROW_WORDS + row::KIND))
    }

    /// The kind of row `j`: the one it declares, else the one its status implies.
    pub const fn row_kind(&self, j: usize) -> ErrorKind {
        match self.declared_kind(j) {
            Some(k) => k,
            None => ErrorKind::from_status(self.status(j)),
        }
    }

    /// The first row of variant `i` with `status`, if any.
    pub const fn row_with_status(&self, i: usize, status: u16) -> Option<usize> {
        let (mut j, end) = self.row_range(i);
        while j < end {
            if self.status(j) == status {
                return Some(j);
            }
            j += 1;
        }
        None
    }
}

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

#[cfg(feature = "miette")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_miette {
    ($err:ident) => {
        impl $crate::__private::miette::Diagnostic for $err {
            #[inline]
            fn code<'a>(
                &'a self,
            ) -> ::core::option::Option<::std::boxed::Box<dyn ::core::fmt::Display + 'a>> {
                $crate::__private::diagnostic::code(self)
            }
            #[inline]
            fn severity(&self) -> ::core::option::Option<$crate::__private::miette::Severity> {
                ::core::option::Option::Some($crate::__private::miette::Severity::Error)
            }
            #[inline]
            fn help<'a>(
                &'a self,
            ) -> ::core::option::Option<::std::boxed::Box<dyn ::core::fmt::Display + 'a>> {
                $crate::__private::diagnostic::help(self)
            }
            #[inline]
            fn url<'a>(
                &'a self,
            ) -> ::core::option::Option<::std::boxed::Box<dyn ::core::fmt::Display + 'a>> {
                $crate::__private::diagnostic::url(self)
            }
        }
    };
}

#[cfg(not(feature = "miette"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_miette {
    ($err:ident) => {};
}

#[cfg(feature = "miette")]
pub mod diagnostic {
    //! `miette::Diagnostic` for every generated type, written once.
    use crate::CatalogError;
    use core::fmt::Display;

    /// The error code as received (none when empty).
    pub fn code<E: CatalogError>(e: &E) -> Option<Box<dyn Display + '_>> {
        Some(e.code_str())
            .filter(|c| !c.is_empty())
            .map(|c| Box::new(c) as Box<dyn Display>)
    }

    /// The catalog's measure (none when empty).
    pub fn help<E: CatalogError>(e: &E) -> Option<Box<dyn Display + '_>> {
        Some(e.measure())
            .filter(|m| !m.is_empty())
            .map(|m| Box::new(m) as Box<dyn Display>)
    }

    /// The documentation link, if any.
    pub fn url<E: CatalogError>(e: &E) -> Option<Box<dyn Display + '_>> {
        e.doc_url().map(|u| Box::new(u) as Box<dyn Display>)
    }
}

#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_http {
    ($err:ident) => {
        impl ::core::convert::From<($crate::__private::http::StatusCode, &::core::primitive::str)>
            for $err
        {
            #[inline]
            fn from(
                (status, code): ($crate::__private::http::StatusCode, &::core::primitive::str),
            ) -> Self {
                $err::new(status.as_u16(), code)
            }
        }
    };
}

#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_http {
    ($err:ident) => {};
}

#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_serde {
    ($err:ident, $code:ident) => {
        impl $crate::__private::serde::Serialize for $code {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $code {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::de::code(d, |s| match $code::from_code(s) {
                    ::core::option::Option::Some(c) => c,
                    ::core::option::Option::None => $code::Unknown,
                })
            }
        }
        impl $crate::__private::serde::Serialize for $err {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::de::serialize_error(s, self.status(), self.code_str())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $err {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::de::error(d)
            }
        }
    };
}

#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_serde {
    ($err:ident, $code:ident) => {};
}

#[cfg(feature = "serde")]
pub mod de {
    //! Serde support shared by every generated type.
    use core::fmt;
    use core::marker::PhantomData;
    use serde::de::{self, MapAccess, SeqAccess, Visitor};
    use serde::ser::SerializeStruct;
    use serde::{Deserializer, Serializer};

    /// Serializes an error as `{"status": 404, "code": "KMS.0207"}`.
    pub fn serialize_error<S: Serializer>(
        s: S,
        status: u16,
        code: &str,
    ) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Error", 2)?;
        st.serialize_field("status", &status)?;
        st.serialize_field("code", code)?;
        st.end()
    }

    /// Deserializes a code from a string with `make`.
    pub fn code<'de, D: Deserializer<'de>, C>(d: D, make: fn(&str) -> C) -> Result<C, D::Error> {
        struct V<C>(fn(&str) -> C);
        impl<C> Visitor<'_> for V<C> {
            type Value = C;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error code string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<C, E> {
                Ok((self.0)(v))
            }
        }
        d.deserialize_str(V(make))
    }

    /// Deserializes an error from `{"status": 404, "code": "KMS.0207"}` or `[404, "KMS.0207"]`.
    pub fn error<'de, D: Deserializer<'de>, E: for<'a> From<(u16, &'a str)>>(
        d: D,
    ) -> Result<E, D::Error> {
        struct V<E>(PhantomData<E>);
        impl<'de, E: for<'a> From<(u16, &'a str)>> Visitor<'de> for V<E> {
            type Value = E;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error as {\"status\": u16, \"code\": string}")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<E, A::Error> {
                let status: u16 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let code: String = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                Ok(E::from((status, code.as_str())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<E, A::Error> {
                let (mut status, mut code): (Option<u16>, Option<String>) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "status" if status.is_none() => status = Some(map.next_value()?),
                        "code" if code.is_none() => code = Some(map.next_value()?),
                        "status" | "code" => {
                            return Err(de::Error::custom(format_args!("duplicate field `{key}`")))
                        }
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                let status = status.ok_or_else(|| de::Error::missing_field("status"))?;
                let code = code.ok_or_else(|| de::Error::missing_field("code"))?;
                Ok(E::from((status, code.as_str())))
            }
        }
        d.deserialize_struct("Error", &["status", "code"], V(PhantomData))
    }
}
