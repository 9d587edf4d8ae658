//! [`ErrorInfo`]: the value inside every generated error type, and the runtime of its
//! accessors (internal: the generated types' inherent methods and [`CatalogError`]'s
//! methods forward here).
//!
//! [`CatalogError`]: crate::CatalogError

use crate::__private::{row, CodeInfo};
use crate::{CatalogCode, ErrorKind, Retry};
use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;

/// An error response of the service as received, typed against the catalog `C`: what every
/// generated error type (for the bundled catalog, [`KmsError`](crate::KmsError)) holds.
/// Internal: its accessors are the generated type's inherent methods, which forward here.
///
/// Nothing is lost: [`ErrorInfo::status`] and [`ErrorInfo::code_str`] give back the input,
/// and a code the catalog does not have becomes `C`'s `Unknown` variant while its text is
/// kept (inline, without allocating, up to 20 bytes). Catalog codes allocate nothing. The
/// text accessors prefer the catalog row documented for the received status, else the
/// code's first row. Every accessor is a `const fn`.
///
/// Two errors are equal when their status and their code as received are (an alias and its
/// code's own spelling are different codes as received); there is no comparison with a code
/// enum, which could not be transitive (`err.code() == code` says what it means).
#[doc(hidden)]
pub struct ErrorInfo<C> {
    repr: Repr,
    catalog: PhantomData<fn() -> C>,
}

/// A catalog code, or the received text of an unknown code.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// A catalog code: its position, and the position of the spelling received (the code
    /// itself or one of its aliases) in `SPELLINGS`.
    Known {
        status: u16,
        index: u16,
        spelling: u16,
    },
    Inline {
        status: u16,
        len: u8,
        buf: [u8; INLINE],
    },
    Heap {
        status: u16,
        code: Box<str>,
    },
}

/// Unknown codes up to this many bytes are stored inline.
const INLINE: usize = 20;

impl<C: CatalogCode> ErrorInfo<C> {
    // The accessors are documented once, on the generated types and `CatalogError`
    // (`crate::docs`), which forward here.

    /// The error for HTTP `status` and error `code` as received (the generated types'
    /// `new` and `From`).
    #[must_use]
    #[inline]
    pub fn new(status: u16, code: &str) -> Self {
        let repr = match crate::__private::position::<C>(code) {
            Some((i, j)) => Repr::Known {
                status,
                index: i as u16,
                spelling: j as u16,
            },
            None if code.len() <= INLINE => Repr::Inline {
                status,
                len: code.len() as u8,
                buf: inline(code.as_bytes()),
            },
            None => Repr::Heap {
                status,
                code: code.into(),
            },
        };
        ErrorInfo {
            repr,
            catalog: PhantomData,
        }
    }

    /// The error a fake server (or a test) sends for `code`: its first documented status
    /// (`0` and an empty code for `Unknown`). The generated types' `From<Code>`.
    #[must_use]
    pub fn of_code(code: C) -> Self {
        let info = CodeInfo::<C>::at(code.__index());
        let repr = if info.is_known() {
            Repr::Known {
                status: info.status(),
                index: code.__index() as u16,
                spelling: code.__index() as u16,
            }
        } else {
            Repr::Inline {
                status: 0,
                len: 0,
                buf: [0; INLINE],
            }
        };
        ErrorInfo {
            repr,
            catalog: PhantomData,
        }
    }

    /// The position of the code in the catalog (`Unknown`'s for an unknown code).
    #[inline]
    const fn index(&self) -> usize {
        match self.repr {
            Repr::Known { index, .. } => index as usize,
            _ => C::ALL.len(),
        }
    }

    #[must_use]
    #[inline]
    pub const fn status(&self) -> u16 {
        match self.repr {
            Repr::Known { status, .. }
            | Repr::Inline { status, .. }
            | Repr::Heap { status, .. } => status,
        }
    }

    #[must_use]
    #[inline]
    pub const fn code(&self) -> C {
        CodeInfo::<C>::at(self.index()).code()
    }

    #[must_use]
    #[inline]
    pub const fn code_str(&self) -> &str {
        match &self.repr {
            Repr::Known { spelling, .. } => {
                let j = *spelling as usize;
                if j < C::SPELLINGS.len() {
                    C::SPELLINGS[j]
                } else {
                    ""
                }
            }
            // Always valid: the bytes were copied from a `&str`.
            Repr::Inline { len, buf, .. } => match buf.split_at_checked(*len as usize) {
                Some((code, _)) => match core::str::from_utf8(code) {
                    Ok(code) => code,
                    Err(_) => "",
                },
                None => "",
            },
            Repr::Heap { code, .. } => code,
        }
    }

    /// The catalog row for the received status, else the code's first row; `None` for an
    /// unknown code.
    #[inline]
    const fn row_index(&self) -> Option<usize> {
        C::CATALOG.row_for(self.index(), self.status())
    }

    /// The text at word `field` of the row of [`Self::row_index`]; `""` if none.
    #[inline]
    const fn row_text(&self, field: usize) -> &'static str {
        match self.row_index() {
            Some(j) => C::CATALOG.row_text(j, field),
            None => "",
        }
    }

    #[must_use]
    #[inline]
    pub const fn message(&self) -> &'static str {
        self.row_text(row::MESSAGE)
    }

    #[must_use]
    #[inline]
    pub const fn description(&self) -> &'static str {
        self.row_text(row::DESCRIPTION)
    }

    #[must_use]
    #[inline]
    pub const fn measure(&self) -> &'static str {
        self.row_text(row::MEASURE)
    }

    #[must_use]
    #[inline]
    pub const fn doc_url(&self) -> Option<&'static str> {
        match self.row_index() {
            Some(j) => C::CATALOG.row_url(j),
            None => C::CATALOG.catalog_url(),
        }
    }

    #[must_use]
    #[inline]
    pub const fn is_documented(&self) -> bool {
        C::CATALOG
            .row_with_status(self.index(), self.status())
            .is_some()
    }

    #[must_use]
    #[inline]
    pub const fn kind(&self) -> ErrorKind {
        C::CATALOG.error_kind(self.index(), self.status())
    }

    #[must_use]
    #[inline]
    pub const fn is_client_error(&self) -> bool {
        matches!(self.status(), 400..=499)
    }

    #[must_use]
    #[inline]
    pub const fn is_server_error(&self) -> bool {
        matches!(self.status(), 500..=599)
    }

    #[must_use]
    #[inline]
    pub const fn is_throttled(&self) -> bool {
        self.retry().is_throttled()
    }

    #[must_use]
    #[inline]
    pub const fn is_quota_exceeded(&self) -> bool {
        kms_errors_core::decide::is_quota_exceeded(self.kind(), self.retry())
    }

    #[must_use]
    #[inline]
    pub const fn retry(&self) -> Retry {
        C::CATALOG.error_retry(self.index(), self.status())
    }

    #[must_use]
    #[inline]
    pub const fn is_retryable(&self) -> bool {
        self.retry().allows(true)
    }

    #[must_use]
    #[inline]
    pub const fn is_retryable_for(&self, idempotent: bool) -> bool {
        self.retry().allows(idempotent)
    }

    #[must_use]
    #[inline]
    pub const fn is_not_found(&self) -> bool {
        matches!(self.kind(), ErrorKind::NotFound)
    }

    #[must_use]
    #[inline]
    pub const fn is_conflict(&self) -> bool {
        kms_errors_core::decide::is_conflict(self.kind(), self.status())
    }
}

/// `b` (at most [`INLINE`] bytes) zero-padded to [`INLINE`]. The bytes are gathered in
/// registers with fixed-size, possibly overlapping loads (a head and a tail) and written with
/// two stores: a copy of `b.len()` bytes compiles to a `memcpy` call, and fixed-size copies
/// into the buffer at offsets that depend on the length stall the loads that read the error
/// value back (store forwarding fails): with either, converting an unknown code took 7 ns
/// instead of 3.8 ns (the `lookup-unknown` benchmark, `docs/performance.md`).
#[inline(always)]
fn inline(b: &[u8]) -> [u8; INLINE] {
    /// `b[at..at + N]` (`N` at most 8) as a little-endian number.
    #[inline(always)]
    fn le<const N: usize>(b: &[u8], at: usize) -> u128 {
        let mut a = [0u8; 8];
        a[..N].copy_from_slice(&b[at..at + N]);
        u128::from(u64::from_le_bytes(a))
    }
    let n = b.len();
    debug_assert!(n <= INLINE);
    // Bytes 0..16, and 16..20.
    let (lo, hi) = match n {
        16.. => (
            le::<8>(b, 0) | le::<8>(b, 8) << 64,
            le::<4>(b, n - 4) >> ((INLINE - n) * 8),
        ),
        8.. => (le::<8>(b, 0) | le::<8>(b, n - 8) << ((n - 8) * 8), 0),
        4.. => (le::<4>(b, 0) | le::<4>(b, n - 4) << ((n - 4) * 8), 0),
        1.. => {
            let byte = |i: usize| u128::from(b[i]) << (i * 8);
            (byte(0) | byte(n / 2) | byte(n - 1), 0)
        }
        0 => (0, 0),
    };
    let mut buf = [0u8; INLINE];
    buf[..16].copy_from_slice(&lo.to_le_bytes());
    buf[16..].copy_from_slice(&(hi as u32).to_le_bytes());
    buf
}

impl<C> Clone for ErrorInfo<C> {
    fn clone(&self) -> Self {
        ErrorInfo {
            repr: self.repr.clone(),
            catalog: PhantomData,
        }
    }
}

impl<C> PartialEq for ErrorInfo<C> {
    fn eq(&self, other: &Self) -> bool {
        self.repr == other.repr
    }
}

impl<C> Eq for ErrorInfo<C> {}

impl<C> Hash for ErrorInfo<C> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.repr.hash(state);
    }
}

/// `KmsError { status: 404, code: "KMS.0207" }`, after the generated name.
impl<C: CatalogCode> fmt::Debug for ErrorInfo<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(C::CATALOG.error_name)
            .field("status", &self.status())
            .field("code", &self.code_str())
            .finish()
    }
}

/// `KMS.0207 (HTTP 404): The key does not exist.`; `KMS.9999 (HTTP 418): unknown error
/// code`; without a message in the catalog, `X.1 (HTTP 400)`; without a code (a response
/// whose body had none), `HTTP 502 without an error code`. A code the catalog does not have
/// is the server's text: shown bounded and escaped
/// ([`Shown::token`](crate::Shown::token)); the catalog's message is the catalog's, as
/// written.
impl<C: CatalogCode> fmt::Display for ErrorInfo<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (code, status) = (self.code_str(), self.status());
        if code.is_empty() {
            return write!(f, "HTTP {status} without an error code");
        }
        if self.index() >= C::ALL.len() {
            let code = crate::Shown::token(code);
            return write!(f, "{code} (HTTP {status}): unknown error code");
        }
        match self.message() {
            "" => write!(f, "{code} (HTTP {status})"),
            message => write!(f, "{code} (HTTP {status}): {message}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn inline_copies_every_length() {
        let src: Vec<u8> = (1..=20).collect();
        for n in 0..=20 {
            let buf = inline(&src[..n]);
            assert_eq!(&buf[..n], &src[..n], "{n}");
            assert!(buf[n..].iter().all(|&b| b == 0), "{n}: {buf:?}");
        }
    }
}
