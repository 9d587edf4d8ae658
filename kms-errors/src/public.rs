//! The generated types' own methods, written once: `kms_errors!` invokes
//! [`__kms_errors_code!`](crate::__kms_errors_code) and
//! [`__kms_errors_error!`](crate::__kms_errors_error) for each catalog, which write the
//! inherent methods (signatures and docs here, in one place) as one-line forwards to the
//! runtime in [`__private`](crate::__private), as bitflags 2 writes its generated types'
//! methods (`__impl_public_bitflags_forward!`). No `Deref`: the methods are the types' own,
//! listed on them by rustdoc, callable as paths (`ErrorCode::as_str`), and `const fn` where
//! the representation allows.
//!
//! Every path is absolute (`::core::...`, `$crate::...`): the expansion lands in the user's
//! module, whatever it imports or shadows.

/// The inherent methods and the formatting and parsing impls of a generated code enum.
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_code {
    ($code:ident, $parse_err:ident) => {
        impl $code {
            #[doc = $crate::__kms_errors_doc!(code from_code)]
            ///
            /// `const`: [`code!`](macro@kms_errors::code) checks a literal at compile time with it.
            #[must_use]
            #[inline]
            pub const fn from_code(code: &::core::primitive::str) -> ::core::option::Option<Self> {
                $crate::__private::from_code::<Self>(code)
            }

            #[doc = $crate::__kms_errors_doc!(code as_str)]
            #[must_use]
            #[inline]
            pub const fn as_str(self) -> &'static ::core::primitive::str {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize).as_str()
            }

            #[doc = $crate::__kms_errors_doc!(code name)]
            #[must_use]
            #[inline]
            pub const fn name(self) -> &'static ::core::primitive::str {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize).name()
            }

            #[doc = $crate::__kms_errors_doc!(code status)]
            #[must_use]
            #[inline]
            pub const fn status(self) -> ::core::primitive::u16 {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize).status()
            }

            #[doc = $crate::__kms_errors_doc!(code has_status)]
            #[must_use]
            #[inline]
            pub const fn has_status(
                self,
                status: ::core::primitive::u16,
            ) -> ::core::primitive::bool {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize)
                    .has_status(status)
            }

            #[doc = $crate::__kms_errors_doc!(code kind)]
            #[must_use]
            #[inline]
            pub const fn kind(self) -> $crate::ErrorKind {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize).kind()
            }

            #[doc = $crate::__kms_errors_doc!(code message)]
            #[must_use]
            #[inline]
            pub const fn message(self) -> &'static ::core::primitive::str {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize).message()
            }

            #[doc = $crate::__kms_errors_doc!(code description)]
            #[must_use]
            #[inline]
            pub const fn description(self) -> &'static ::core::primitive::str {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize)
                    .description()
            }

            #[doc = $crate::__kms_errors_doc!(code measure)]
            #[must_use]
            #[inline]
            pub const fn measure(self) -> &'static ::core::primitive::str {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize).measure()
            }

            #[doc = $crate::__kms_errors_doc!(code doc_url)]
            #[must_use]
            #[inline]
            pub const fn doc_url(self) -> ::core::option::Option<&'static ::core::primitive::str> {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize).doc_url()
            }

            #[doc = $crate::__kms_errors_doc!(code rows)]
            #[must_use]
            #[inline]
            pub const fn rows(self) -> $crate::Rows {
                $crate::__private::CodeInfo::<Self>::at(self as ::core::primitive::usize).rows()
            }
        }

        /// The variant's name (`Kms0207`).
        impl ::core::fmt::Debug for $code {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::__private::CodeInfo::<Self>::at(*self as ::core::primitive::usize)
                    .fmt_debug(f)
            }
        }

        /// The code string, `as_str()` (`KMS.0207`; `unknown` for `Unknown`). Padding
        /// applies.
        impl ::core::fmt::Display for $code {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::__private::CodeInfo::<Self>::at(*self as ::core::primitive::usize)
                    .fmt_display(f)
            }
        }

        impl ::core::str::FromStr for $code {
            type Err = $parse_err;
            #[inline]
            fn from_str(s: &::core::primitive::str) -> ::core::result::Result<Self, $parse_err> {
                $crate::__private::parse_code(s)
            }
        }
    };
}

/// The inherent methods, comparisons, formatting and conversions of a generated error type.
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_error {
    ($err:ident, $code:ident) => {
        impl $err {
            /// The error for HTTP `status` and error `code` as received (also
            /// `From<(u16, &str)>`).
            #[must_use]
            #[inline]
            pub fn new(status: ::core::primitive::u16, code: &::core::primitive::str) -> Self {
                $err($crate::__private::ErrorInfo::new(status, code))
            }

            #[doc = $crate::__kms_errors_doc!(error status)]
            #[must_use]
            #[inline]
            pub const fn status(&self) -> ::core::primitive::u16 {
                self.0.status()
            }

            #[doc = $crate::__kms_errors_doc!(error code)]
            #[must_use]
            #[inline]
            pub const fn code(&self) -> $code {
                self.0.code()
            }

            #[doc = $crate::__kms_errors_doc!(error code_str)]
            #[must_use]
            #[inline]
            pub const fn code_str(&self) -> &::core::primitive::str {
                self.0.code_str()
            }

            #[doc = $crate::__kms_errors_doc!(error message)]
            #[must_use]
            #[inline]
            pub const fn message(&self) -> &'static ::core::primitive::str {
                self.0.message()
            }

            #[doc = $crate::__kms_errors_doc!(error description)]
            #[must_use]
            #[inline]
            pub const fn description(&self) -> &'static ::core::primitive::str {
                self.0.description()
            }

            #[doc = $crate::__kms_errors_doc!(error measure)]
            #[must_use]
            #[inline]
            pub const fn measure(&self) -> &'static ::core::primitive::str {
                self.0.measure()
            }

            #[doc = $crate::__kms_errors_doc!(error doc_url)]
            #[must_use]
            #[inline]
            pub const fn doc_url(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
                self.0.doc_url()
            }

            #[doc = $crate::__kms_errors_doc!(error is_documented)]
            #[must_use]
            #[inline]
            pub const fn is_documented(&self) -> ::core::primitive::bool {
                self.0.is_documented()
            }

            #[doc = $crate::__kms_errors_doc!(error kind)]
            #[must_use]
            #[inline]
            pub const fn kind(&self) -> $crate::ErrorKind {
                self.0.kind()
            }

            #[doc = $crate::__kms_errors_doc!(error is_client_error)]
            #[must_use]
            #[inline]
            pub const fn is_client_error(&self) -> ::core::primitive::bool {
                self.0.is_client_error()
            }

            #[doc = $crate::__kms_errors_doc!(error is_server_error)]
            #[must_use]
            #[inline]
            pub const fn is_server_error(&self) -> ::core::primitive::bool {
                self.0.is_server_error()
            }

            #[doc = $crate::__kms_errors_doc!(error is_throttled)]
            #[must_use]
            #[inline]
            pub const fn is_throttled(&self) -> ::core::primitive::bool {
                self.0.is_throttled()
            }

            #[doc = $crate::__kms_errors_doc!(error retry)]
            #[must_use]
            #[inline]
            pub const fn retry(&self) -> $crate::Retry {
                self.0.retry()
            }

            #[doc = $crate::__kms_errors_doc!(error is_quota_exceeded)]
            #[must_use]
            #[inline]
            pub const fn is_quota_exceeded(&self) -> ::core::primitive::bool {
                self.0.is_quota_exceeded()
            }

            #[doc = $crate::__kms_errors_doc!(error is_retryable)]
            #[must_use]
            #[inline]
            pub const fn is_retryable(&self) -> ::core::primitive::bool {
                self.0.is_retryable()
            }

            #[doc = $crate::__kms_errors_doc!(error is_retryable_for)]
            #[must_use]
            #[inline]
            pub const fn is_retryable_for(
                &self,
                idempotent: ::core::primitive::bool,
            ) -> ::core::primitive::bool {
                self.0.is_retryable_for(idempotent)
            }

            #[doc = $crate::__kms_errors_doc!(error is_not_found)]
            #[must_use]
            #[inline]
            pub const fn is_not_found(&self) -> ::core::primitive::bool {
                self.0.is_not_found()
            }

            #[doc = $crate::__kms_errors_doc!(error is_conflict)]
            #[must_use]
            #[inline]
            pub const fn is_conflict(&self) -> ::core::primitive::bool {
                self.0.is_conflict()
            }
        }

        impl $crate::CatalogError for $err {
            type Code = $code;
            #[inline]
            fn __info(&self) -> &$crate::__private::ErrorInfo<$code> {
                &self.0
            }
        }

        impl ::core::cmp::Eq for $err {}

        /// `KmsError { status: 404, code: "KMS.0207" }`.
        impl ::core::fmt::Debug for $err {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(&self.0, f)
            }
        }

        /// `KMS.0207 (HTTP 404): The key does not exist.`
        impl ::core::fmt::Display for $err {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::std::error::Error for $err {}

        impl ::core::convert::From<(::core::primitive::u16, &::core::primitive::str)> for $err {
            #[inline]
            fn from((status, code): (::core::primitive::u16, &::core::primitive::str)) -> Self {
                $err::new(status, code)
            }
        }

        impl ::core::convert::From<(::core::primitive::u16, ::std::string::String)> for $err {
            #[inline]
            fn from((status, code): (::core::primitive::u16, ::std::string::String)) -> Self {
                $err::new(status, &code)
            }
        }

        /// The error as the service sends it: the code's first documented status.
        impl ::core::convert::From<$code> for $err {
            #[inline]
            fn from(code: $code) -> Self {
                $err($crate::__private::ErrorInfo::of_code(code))
            }
        }

        $crate::__kms_errors_features!($err, $code);
    };
}

/// A code of a catalog from its string, checked at compile time: a literal that is not a
/// code of the enum fails the build (`` `KMS.0270` is not a code of `ErrorCode` ``).
///
/// `code!("KMS.0207")` is a code of the bundled [`ErrorCode`](crate::ErrorCode);
/// `code!(IamCode, "IAM.0001")` one of your own catalog's enum (any path to it). The result
/// is a constant: usable in `const` and `static` items, and, through a `const`, as a match
/// pattern. It costs nothing at run time, and nothing per catalog: it is the enum's `const`
/// `from_code`, evaluated by the compiler.
///
/// ```
/// use kms_errors::{code, ErrorCode, KmsError};
///
/// // In tests: the code is checked, the comparison typed.
/// let err = KmsError::from((404, "KMS.0207"));
/// assert_eq!(err.code(), code!("KMS.0207"));
///
/// // In config lists.
/// const IGNORED: &[ErrorCode] = &[code!("KMS.2702"), code!("CSMS.0101")];
/// assert!(IGNORED.contains(&KmsError::from((409, "CSMS.0101")).code()));
///
/// // As a pattern, through a `const`; porting `if code == "KMS.0207"`.
/// const KEY_NOT_FOUND: ErrorCode = code!("KMS.0207");
/// match err.code() {
///     KEY_NOT_FOUND => {}
///     _ => unreachable!(),
/// }
/// ```
///
/// A typo fails the build:
///
/// ```compile_fail
/// const C: kms_errors::ErrorCode = kms_errors::code!("KMS.0270");
/// ```
///
/// ```text
/// error[E0080]: evaluation panicked: `KMS.0270` is not a code of `ErrorCode`; did you mean `KMS.0207`?
/// ```
///
/// The suggestion is the nearest code (at most two edits: a missing, extra or wrong
/// character, two neighbours swapped; ASCII case ignored), if there is one.
#[macro_export]
macro_rules! code {
    ($code:literal $(,)?) => {
        $crate::__kms_errors_code_literal!($crate::ErrorCode, "ErrorCode", $code)
    };
    ($enum:ty, $code:literal $(,)?) => {
        $crate::__kms_errors_code_literal!($enum, ::core::stringify!($enum), $code)
    };
}

/// `code!`: the literal looked up in a `const`, so that the compiler evaluates it.
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_code_literal {
    ($enum:ty, $name:expr, $code:literal) => {{
        const __KMS_ERRORS_CODE: $enum = match <$enum>::from_code($code) {
            ::core::option::Option::Some(code) => code,
            ::core::option::Option::None => $crate::__private::unknown_code::<$enum>($code, $name),
        };
        __KMS_ERRORS_CODE
    }};
}
