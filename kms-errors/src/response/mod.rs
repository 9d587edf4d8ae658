//! [`ErrorResponse`]: an error response of the service, parsed from any HTTP stack
//! ([`parse`](self::parse)), and written for fakes ([`fake`]); the `Retry-After` header
//! ([`retry_after`]). Feature `json`; `from_http` and `to_http` with `http` too.

mod fake;
mod parse;
mod retry_after;

pub use retry_after::parse_retry_after;

use crate::{CatalogError, KmsError};
use core::fmt;
use std::time::Duration;

/// An error response of the service: the typed error, the server's own message, the request
/// id, the `Retry-After` delay and IAM's encoded authorization message. Works with any
/// catalog's error type (default: [`KmsError`]).
///
/// **In.** [`ErrorResponse::from_http`] (features `json` and `http`) takes everything from an
/// `http::Response` (hyper, axum and ureq give one); [`ErrorResponse::parse_with_headers`]
/// takes the status, the body and the two header values, from any stack. Every body shape
/// the vendor's services send is understood, in the order Huawei's own SDKs try them, at the
/// top level first, then nested (under `error` first):
///
/// 1. `encoded_authorization_message` (IAM's denials carry it), kept;
/// 2. `error_code`/`error_msg`, then `code`/`message`, then `errorCode`/`errorMessage`, then
///    `errCode`/`errMsg` (a code may be a number: `{"code": 403}`);
/// 3. `request_id` (or `requestId`) when there is no `X-Request-Id` header.
///
/// Anything else (a gateway's HTML page, an empty body) keeps the body as the message and an
/// empty code: parsing never fails.
///
/// **Out.** For fakes in tests (wiremock, httpmock, axum, a loopback server):
/// [`ErrorResponse::new`] from a typed error or code, the `with_*` builders,
/// [`ErrorResponse::to_json`] (the nested shape KMS sends; [`ErrorResponse::to_json_flat`]
/// for the flat one) and [`ErrorResponse::to_http`]; parsing what they write gives the same
/// `ErrorResponse` back.
///
/// **As an error**, it prints the typed error, then what the server added: `KMS.0207 (HTTP
/// 404): The key does not exist. (server: key 1234 not found) [request req-42]`. It is the
/// API's error itself, not a wrapper of one: `source()` is `None`, so a chain printed by
/// anyhow, eyre or miette shows it once. The typed error is [`ErrorResponse::error`].
///
/// ```
/// use kms_errors::{ErrorCode, ErrorResponse, Headers};
/// use std::time::Duration;
///
/// let body = br#"{"error":{"error_code":"KMS.0207","error_msg":"key 1234 not found"}}"#;
/// let resp: ErrorResponse = ErrorResponse::parse(404, body, Some("req-42"));
/// assert_eq!(resp.error().code(), ErrorCode::Kms0207);
/// assert_eq!(resp.server_message(), "key 1234 not found");
/// assert_eq!(resp.request_id(), Some("req-42"));
///
/// let throttled: ErrorResponse = ErrorResponse::parse_with_headers(
///     429,
///     br#"{"error_code":"KMS.0000","error_msg":"Too many requests"}"#,
///     Headers::new().with_retry_after("2"),
/// );
/// assert!(throttled.error().is_throttled());
/// assert_eq!(throttled.retry_after(), Some(Duration::from_secs(2)));
///
/// let gateway: ErrorResponse = ErrorResponse::parse(502, b"<html>Bad Gateway</html>", None);
/// assert_eq!(gateway.error().code_str(), "");
/// assert_eq!(gateway.server_message(), "<html>Bad Gateway</html>");
///
/// // A fake's body, and back.
/// let fake = ErrorResponse::new(kms_errors::KmsError::from(ErrorCode::Kms0207));
/// assert_eq!(fake.to_json(), r#"{"error":{"error_code":"KMS.0207","error_msg":"The key does not exist."}}"#);
/// assert_eq!(ErrorResponse::parse(404, fake.to_json().as_bytes(), None), fake);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorResponse<E = KmsError> {
    error: E,
    server_message: String,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    encoded_authorization_message: Option<String>,
}

/// The response headers [`ErrorResponse`] reads, as their text values: built with
/// [`Headers::new`] and the `with_*` methods, so that a header read later is added without
/// breaking anyone.
///
/// ```
/// use kms_errors::Headers;
///
/// let headers = Headers::new().with_request_id("req-42").with_retry_after("2");
/// assert_eq!((headers.request_id(), headers.retry_after()), (Some("req-42"), Some("2")));
/// // An `Option` is taken as it is.
/// let none: Option<&str> = None;
/// assert_eq!(Headers::new().with_request_id(none), Headers::new());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Headers<'a> {
    request_id: Option<&'a str>,
    retry_after: Option<&'a str>,
}

impl<'a> Headers<'a> {
    /// No header.
    #[must_use]
    pub const fn new() -> Self {
        Headers {
            request_id: None,
            retry_after: None,
        }
    }

    /// With `X-Request-Id` (a value, or an `Option` of one).
    #[must_use]
    pub fn with_request_id(mut self, value: impl Into<Option<&'a str>>) -> Self {
        self.request_id = value.into();
        self
    }

    /// With `Retry-After`: delay-seconds or an HTTP-date ([`parse_retry_after`]); a value,
    /// or an `Option` of one.
    #[must_use]
    pub fn with_retry_after(mut self, value: impl Into<Option<&'a str>>) -> Self {
        self.retry_after = value.into();
        self
    }

    /// `X-Request-Id`, if given.
    #[must_use]
    pub const fn request_id(&self) -> Option<&'a str> {
        self.request_id
    }

    /// `Retry-After`, if given.
    #[must_use]
    pub const fn retry_after(&self) -> Option<&'a str> {
        self.retry_after
    }
}

impl<E: CatalogError> ErrorResponse<E> {
    /// The typed error (status and code as received).
    #[must_use]
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The typed error, by value.
    #[must_use]
    pub fn into_error(self) -> E {
        self.error
    }

    /// The server's message (`error_msg`, `message`...), or the whole body when it is not a
    /// JSON error; `""` if none.
    #[must_use]
    pub fn server_message(&self) -> &str {
        &self.server_message
    }

    /// The request id, for support tickets: the `X-Request-Id` header, else the body's.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// How long the server asks to wait before retrying (`Retry-After`; an HTTP-date in the
    /// past is zero), if it said.
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// IAM's encoded authorization message of a denial (decode it with IAM to see which
    /// policy denied what), if the body had one.
    #[must_use]
    pub fn encoded_authorization_message(&self) -> Option<&str> {
        self.encoded_authorization_message.as_deref()
    }
}

/// The typed error, then the server's message when it says more than the catalog's, then the
/// request id: `KMS.0207 (HTTP 404): The key does not exist. (server: key 1234 not found)
/// [request req-42]`.
impl<E: CatalogError> fmt::Display for ErrorResponse<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)?;
        if !self.server_message.is_empty() && self.server_message != self.error.message() {
            write!(
                f,
                " (server: {})",
                crate::Shown::message(&self.server_message)
            )?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request {}]", crate::Shown::token(id))?;
        }
        Ok(())
    }
}

/// The API's error itself: no `source()` (its `Display` already says all of it).
impl<E: CatalogError> std::error::Error for ErrorResponse<E> {}

/// The error's diagnostic (feature `miette`): its code, the measure as help and the
/// documentation link; the message (with the server's text and the request id) is
/// `Display`'s.
#[cfg(feature = "miette")]
impl<E: CatalogError> miette::Diagnostic for ErrorResponse<E> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        crate::__private::diagnostic::code(&self.error)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Error)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        crate::__private::diagnostic::help(&self.error)
    }
    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        crate::__private::diagnostic::url(&self.error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str, id: Option<&str>) -> ErrorResponse {
        ErrorResponse::parse(status, body.as_bytes(), id)
    }

    #[test]
    fn display_names_error_server_text_and_request() {
        let r = parse(
            404,
            r#"{"error":{"error_code":"KMS.0207","error_msg":"key abc not found"}}"#,
            Some("r9"),
        );
        assert_eq!(
            r.to_string(),
            "KMS.0207 (HTTP 404): The key does not exist. (server: key abc not found) [request r9]"
        );
        use std::error::Error as _;
        assert!(
            r.source().is_none(),
            "Display already shows the typed error"
        );
        let r = parse(502, "<html>Bad Gateway</html>", None);
        assert_eq!(
            r.to_string(),
            "HTTP 502 without an error code (server: <html>Bad Gateway</html>)"
        );
        // The catalog's message from the server adds nothing.
        let r = parse(
            404,
            r#"{"error":{"error_code":"KMS.0207","error_msg":"The key does not exist."}}"#,
            None,
        );
        assert_eq!(
            r.to_string(),
            "KMS.0207 (HTTP 404): The key does not exist."
        );
        // An unknown code, an empty body.
        let r = parse(418, r#"{"error_code":"KMS.9999"}"#, None);
        assert_eq!(r.to_string(), "KMS.9999 (HTTP 418): unknown error code");
        assert_eq!(
            parse(500, "", None).to_string(),
            "HTTP 500 without an error code"
        );
    }
}
