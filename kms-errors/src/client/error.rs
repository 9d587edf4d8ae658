//! [`ClientError`]: a call failed in transport or with an API error; [`TransportError`].

use crate::{CatalogError, ErrorResponse, KmsError, Retry};
use core::fmt;
use std::borrow::Cow;
use std::error::Error;
use std::time::Duration;

/// How a call failed before the API could answer it, which decides whether it may be sent
/// again. The one table of the decisions (the README links here):
///
/// | kind | what happened | was the request sent? | [`retry()`](TransportKind::retry) |
/// |---|---|---|---|
/// | `Connect` | no connection: refused, reset or timed out while connecting, no route, a failed name lookup | no | [`Retry::Yes`]: any request, idempotent or not (a retry costs the budget 5 tokens) |
/// | `Tls` | TLS failed: a certificate refused (expired, unknown issuer, wrong name), a handshake that failed (the peer does not speak TLS, no common protocol), or TLS the client cannot do (an `https` URL for a client built without TLS) | no | [`Retry::No`]: it does not heal in a second; fix the endpoint or the configuration |
/// | `Timeout` | no answer in time (after connecting) | maybe, and carried out | [`Retry::IfIdempotent`] (a retry after a timeout costs the budget 10 tokens) |
/// | `Interrupted` | the connection broke off after the request went out (a reset, an early end, a response that is not HTTP, an error body that could not be read), or nothing says whether it went out | maybe, and carried out | [`Retry::IfIdempotent`] |
/// | `Other` | the request could not be made (a bad URL, a body that could not be built, a redirect loop, a proxy setting) | no | [`Retry::No`]: it would fail the same way |
///
/// How each client's errors are read:
///
/// * reqwest (`kms_errors::reqwest::transport`): `is_connect()` is `Connect` (also a connect
///   timeout: nothing was sent), unless the failure is TLS's (below); `is_timeout()` is
///   `Timeout`; a failure sending the request or reading the response (`is_request()`,
///   `is_body()`, `is_decode()`) `Interrupted`; the rest (`is_builder()`, `is_redirect()`)
///   `Other`.
/// * ureq (`kms_errors::ureq::transport`): `HostNotFound`, `ConnectionFailed`, a connect or
///   name-lookup timeout, an `Io` error refusing the connection are `Connect`; `Tls`,
///   `TlsRequired`, `RequireHttpsOnly`, errors of its TLS backend and `Io` errors of
///   invalid data (what rustls gives) are `Tls`; the other `Timeout`s are `Timeout`; other
///   `Io` errors and `Protocol` are `Interrupted`; the rest (a bad URL, too many
///   redirects...) `Other`.
/// * Any other client, and tower's default classifier: [`TransportKind::of_error`], which
///   reads the error's `source()` chain.
///
/// **TLS** is recognised by what the TLS libraries say, whichever backend the client was
/// built with (rustls, native-tls): an error of the chain whose text names TLS (a word
/// `tls`, `ssl`, or ending in them, as `rustls`, `openssl`; `certificate`, `handshake`),
/// hyper's "invalid URL, scheme is not http" (a client without TLS given an `https` URL),
/// and invalid data while connecting to an `https` URL (rustls's "received corrupt
/// message": the peer answered the handshake with something that is not TLS). A TLS failure
/// that says none of this (a peer that closes the connection during the handshake without a
/// word, as ureq reports it: `io: unexpected end of file`) stays `Interrupted`.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransportKind {
    /// No connection (refused, reset or timed out while connecting, unreachable, a failed
    /// name lookup): the request was not sent, so it is retried even when it is not
    /// idempotent.
    Connect,
    /// TLS failed (a certificate refused, a failed handshake, no TLS in the client for an
    /// `https` URL): the request was not sent, and sending it again would fail the same way.
    Tls,
    /// No answer in time: the request may have been sent and carried out, so it is retried
    /// only when it is idempotent.
    Timeout,
    /// The connection broke off after the request was sent (a reset, a response body that
    /// could not be read): it may have been carried out; retried only when idempotent.
    Interrupted,
    /// Anything else (a request that could not be built, a redirect loop): sending it again
    /// would fail the same way.
    Other,
}

impl TransportKind {
    /// What a client should do about it.
    #[must_use]
    pub const fn retry(self) -> Retry {
        match self {
            TransportKind::Connect => Retry::Yes,
            TransportKind::Timeout | TransportKind::Interrupted => Retry::IfIdempotent,
            TransportKind::Tls | TransportKind::Other => Retry::No,
        }
    }

    /// Its name, as OpenTelemetry's `error.type` of a transport failure: `connect`, `tls`,
    /// `timeout`, `interrupted`, `transport`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            TransportKind::Connect => "connect",
            TransportKind::Tls => "tls",
            TransportKind::Timeout => "timeout",
            TransportKind::Interrupted => "interrupted",
            TransportKind::Other => "transport",
        }
    }
}

/// A call that failed before the API answered: what kind of failure, and its cause (the
/// HTTP client's error, kept as `source()`).
///
/// ```
/// use kms_errors::{Retry, TransportError, TransportKind};
/// use std::io;
///
/// let refused = io::Error::new(io::ErrorKind::ConnectionRefused, "connection refused");
/// let e = TransportError::new(TransportKind::Connect, refused);
/// assert_eq!(e.retry(), Retry::Yes); // not sent: safe to send again
/// assert_eq!(e.to_string(), "could not connect: the request was not sent");
/// assert_eq!(std::error::Error::source(&e).unwrap().to_string(), "connection refused");
/// ```
#[derive(Debug)]
pub struct TransportError {
    kind: TransportKind,
    source: Box<dyn Error + Send + Sync + 'static>,
}

impl TransportError {
    /// A transport failure of `kind`, caused by `source` (the HTTP client's error).
    pub fn new(
        kind: TransportKind,
        source: impl Into<Box<dyn Error + Send + Sync + 'static>>,
    ) -> Self {
        TransportError {
            kind,
            source: source.into(),
        }
    }

    /// What kind of failure.
    #[must_use]
    pub fn kind(&self) -> TransportKind {
        self.kind
    }

    /// What a client should do about it ([`TransportKind::retry`]).
    #[must_use]
    pub fn retry(&self) -> Retry {
        self.kind.retry()
    }

    /// The cause, by value.
    #[must_use]
    pub fn into_source(self) -> Box<dyn Error + Send + Sync + 'static> {
        self.source
    }
}

/// What happened, from the caller's side; the cause is `source()`.
impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            TransportKind::Connect => "could not connect: the request was not sent",
            TransportKind::Tls => "TLS failed: the request was not sent",
            TransportKind::Timeout => "no response in time: the request may have been carried out",
            TransportKind::Interrupted => {
                "the connection broke off: the request may have been carried out"
            }
            TransportKind::Other => "the request could not be sent",
        })
    }
}

impl Error for TransportError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&*self.source)
    }
}

/// A call to the service failed: in transport, or with an error response of the API. One
/// type for both, with one retry decision ([`ClientError::retry`]); works with any catalog's
/// error type (default: [`KmsError`]).
///
/// It is transparent: its `Display` and `source()` are those of the failure inside, so a
/// chain printed by anyhow shows `could not connect: the request was not sent: error
/// sending request ...: Connection refused`, or the API's error once.
///
/// ```
/// use kms_errors::{ClientError, ErrorResponse, Retry};
///
/// let quota: ClientError = ErrorResponse::parse(
///     500,
///     br#"{"error_code":"CSMS.0201","error_msg":"quota"}"#,
///     None,
/// )
/// .into();
/// assert_eq!(quota.retry(), Retry::No); // a quota, whatever its status
/// assert_eq!(quota.error_type(), "CSMS.0201");
/// assert_eq!(quota.status_code(), Some(500));
/// ```
#[non_exhaustive]
#[derive(Debug)]
pub enum ClientError<E = KmsError> {
    /// The API did not answer: not connected, TLS failed, timed out, interrupted.
    Transport(TransportError),
    /// The API answered with an error.
    Api(ErrorResponse<E>),
}

impl<E: CatalogError> ClientError<E> {
    /// What a client should do about it: the transport failure's decision, or the API
    /// error's (its kind and status, the catalog's row).
    #[must_use]
    pub fn retry(&self) -> Retry {
        match self {
            ClientError::Transport(t) => t.retry(),
            ClientError::Api(r) => r.error().retry(),
        }
    }

    /// The delay the server asked for (`Retry-After`), if it answered with one.
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ClientError::Transport(_) => None,
            ClientError::Api(r) => r.retry_after(),
        }
    }

    /// Whether it is a timeout (a retry after one costs the budget more).
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        matches!(self, ClientError::Transport(t) if t.kind() == TransportKind::Timeout)
    }

    /// The API's error response, if the API answered.
    #[must_use]
    pub fn api(&self) -> Option<&ErrorResponse<E>> {
        match self {
            ClientError::Api(r) => Some(r),
            ClientError::Transport(_) => None,
        }
    }

    /// The typed API error, if the API answered.
    #[must_use]
    pub fn error(&self) -> Option<&E> {
        self.api().map(ErrorResponse::error)
    }

    /// The transport failure, if the API did not answer.
    #[must_use]
    pub fn transport(&self) -> Option<&TransportError> {
        match self {
            ClientError::Transport(t) => Some(t),
            ClientError::Api(_) => None,
        }
    }

    /// OpenTelemetry's `error.type`: the error code as received (`KMS.0207`); for an API
    /// error without a code, its HTTP status (`502`), as OpenTelemetry's HTTP conventions
    /// say; for a transport failure, its kind (`connect`, `tls`, `timeout`, `interrupted`,
    /// `transport`).
    #[must_use]
    pub fn error_type(&self) -> Cow<'_, str> {
        match self {
            ClientError::Transport(t) => Cow::Borrowed(t.kind().as_str()),
            ClientError::Api(r) => match r.error().code_str() {
                "" => Cow::Owned(r.error().status().to_string()),
                code => Cow::Borrowed(code),
            },
        }
    }

    /// OpenTelemetry's `http.response.status_code`, if the API answered.
    #[must_use]
    pub fn status_code(&self) -> Option<u16> {
        self.error().map(CatalogError::status)
    }

    /// The request id the API gave (`X-Request-Id`, else the body's), for support tickets.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.api().and_then(ErrorResponse::request_id)
    }
}

impl<E> From<TransportError> for ClientError<E> {
    fn from(e: TransportError) -> Self {
        ClientError::Transport(e)
    }
}

impl<E> From<ErrorResponse<E>> for ClientError<E> {
    fn from(r: ErrorResponse<E>) -> Self {
        ClientError::Api(r)
    }
}

/// The failure inside's.
impl<E: CatalogError> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Transport(t) => fmt::Display::fmt(t, f),
            ClientError::Api(r) => fmt::Display::fmt(r, f),
        }
    }
}

/// Transparent: the failure inside's source (the transport's cause; none for an API error).
impl<E: CatalogError> Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            ClientError::Transport(t) => t.source(),
            ClientError::Api(r) => r.source(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KmsError;
    use std::io;

    fn api(status: u16, body: &str) -> ClientError {
        ErrorResponse::parse(status, body.as_bytes(), Some("req-1")).into()
    }

    #[test]
    fn transport_kinds_decide_by_whether_the_request_was_sent() {
        let e = |k| ClientError::<KmsError>::from(TransportError::new(k, "x"));
        assert_eq!(e(TransportKind::Connect).retry(), Retry::Yes);
        assert_eq!(e(TransportKind::Timeout).retry(), Retry::IfIdempotent);
        assert_eq!(e(TransportKind::Interrupted).retry(), Retry::IfIdempotent);
        assert_eq!(e(TransportKind::Tls).retry(), Retry::No);
        assert_eq!(e(TransportKind::Other).retry(), Retry::No);
        assert_eq!(e(TransportKind::Tls).error_type(), "tls");
        assert!(e(TransportKind::Timeout).is_timeout());
        assert!(!e(TransportKind::Connect).is_timeout());
        assert_eq!(e(TransportKind::Timeout).error_type(), "timeout");
        assert_eq!(e(TransportKind::Other).error_type(), "transport");
        let t = e(TransportKind::Connect);
        assert!(t.api().is_none() && t.error().is_none() && t.status_code().is_none());
        assert!(t.transport().is_some() && t.request_id().is_none() && t.retry_after().is_none());
    }

    #[test]
    fn api_errors_decide_by_the_catalog() {
        let throttled = api(
            429,
            r#"{"error_code":"APIGW.0308","error_msg":"slow down"}"#,
        );
        assert_eq!(throttled.retry(), Retry::Throttled);
        let quota = api(500, r#"{"error_code":"CSMS.0201","error_msg":"quota"}"#);
        assert_eq!(quota.retry(), Retry::No);
        let later = api(400, r#"{"error_code":"KMS.0323","error_msg":"later"}"#);
        assert_eq!(later.retry(), Retry::Yes);
        let backend_down = api(502, r#"{"error_code":"APIG.0201"}"#);
        assert_eq!(backend_down.retry(), Retry::Yes);
        let backend_timeout = api(504, r#"{"error_code":"APIG.0201"}"#);
        assert_eq!(backend_timeout.retry(), Retry::IfIdempotent);
        assert_eq!(quota.error_type(), "CSMS.0201");
        assert_eq!(quota.status_code(), Some(500));
        assert_eq!(quota.request_id(), Some("req-1"));
        assert!(quota.transport().is_none() && !quota.is_timeout());
        let codeless = api(502, "<html>Bad Gateway</html>");
        assert_eq!(codeless.error_type(), "502");
        assert_eq!(codeless.retry(), Retry::IfIdempotent);
    }

    #[test]
    fn transparent_display_and_source() {
        let refused = io::Error::new(io::ErrorKind::ConnectionRefused, "connection refused");
        let e: ClientError = TransportError::new(TransportKind::Connect, refused).into();
        assert_eq!(e.to_string(), "could not connect: the request was not sent");
        assert_eq!(e.source().unwrap().to_string(), "connection refused");
        let e = api(404, r#"{"error_code":"KMS.0207","error_msg":"gone"}"#);
        assert_eq!(
            e.to_string(),
            "KMS.0207 (HTTP 404): The key does not exist. (server: gone) [request req-1]"
        );
        assert!(e.source().is_none());
    }
}
