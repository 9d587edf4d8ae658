//! ureq (feature `ureq`, ureq 3 without its default features): the blocking client, with
//! the same retries as the async adapters ([`send`]) and a response into the typed result in
//! one call ([`check`]).
//!
//! ```no_run
//! use kms_errors::{ClientError, Idempotent, RetryPolicy};
//! use std::io::Read;
//!
//! # fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! // Setup, once: the agent and one policy for it (clones share the policy's budget).
//! let agent = ureq::Agent::new_with_defaults();
//! let policy = RetryPolicy::default();
//!
//! // Each call: the request, then `send` with retries decided by the catalog.
//! let req = http::Request::post("https://kms.example/v1.0/p/kms/describe-key")
//!     .extension(Idempotent::YES) // a read, though a POST
//!     .body(r#"{"key_id":"k1"}"#)?;
//! let resp = kms_errors::ureq::send(&agent, req, &policy)?;
//! let key = resp.into_body().read_to_string()?;
//!
//! // One call, no retries: the response on success, the typed error otherwise.
//! let sent = agent.get("https://kms.example/v1.0/p/kms/list-keys").call();
//! let resp = kms_errors::ureq::check(sent)?;
//! # let _ = (key, resp); Ok(()) }
//! ```
//!
//! The request is an `http::Request` (ureq 3 is built on the `http` crate, and re-exports
//! it as `ureq::http`) whose body can be sent again: any `AsRef<[u8]>` (`&str`, `String`,
//! `Vec<u8>`...). Its idempotency is the [`Idempotent`] in its extensions if it has one, else
//! its method's, as in every adapter. The agent's configuration applies (timeouts, TLS,
//! proxy); `send` reads error statuses as responses whatever the agent's
//! `http_status_as_error`.

use crate::client::{io_kind, names_tls};
#[cfg(doc)]
use crate::KmsError;
use crate::{
    CatalogError, ClientError, ErrorResponse, Headers, Idempotent, RetryPolicy, TransportError,
    TransportKind,
};
use ::ureq::{Agent, Body, Error, Timeout};
use http::{Method, Request, Response};

/// The most bytes of an error response's body read to find its code (64 KiB), as the other
/// adapters: the rest of a larger one is left unread.
pub const ERROR_BODY_LIMIT: usize = super::body::ERROR_BODY_LIMIT;

/// What ureq gave, as the typed result: the response when its status is a success (its body
/// untouched), an API error when it is not (its body read, up to [`ERROR_BODY_LIMIT`], and
/// parsed), a transport error when the request failed ([`transport`]) or the error body
/// could not be read. An agent that turns error statuses into errors (ureq's default,
/// `http_status_as_error(true)`) keeps the body to itself: the error is then known by its
/// status alone; build the agent with `http_status_as_error(false)` to have its code. For
/// the bundled catalog's [`KmsError`]; [`check_as`] for another catalog's.
pub fn check(sent: Result<Response<Body>, Error>) -> Result<Response<Body>, ClientError> {
    check_as(sent)
}

/// [`check`] for the errors of catalog `E` (`check_as::<IamError>(sent)`).
pub fn check_as<E: CatalogError>(
    sent: Result<Response<Body>, Error>,
) -> Result<Response<Body>, ClientError<E>> {
    let resp = match sent {
        Ok(resp) => resp,
        Err(Error::StatusCode(status)) => {
            return Err(ErrorResponse::parse(status, b"", None).into());
        }
        Err(e) => return Err(transport(e).into()),
    };
    if resp.status().is_success() {
        return Ok(resp);
    }
    Err(error_response_as(resp, ERROR_BODY_LIMIT)?.into())
}

/// Reads an error response: its status, `X-Request-Id`, `Retry-After` and its body up to
/// `limit` bytes (the rest left unread), parsed into the typed error of catalog `E`. A body
/// that cannot be read is a transport failure ([`TransportKind::Interrupted`]), not an
/// empty body.
pub fn error_response_as<E: CatalogError>(
    resp: Response<Body>,
    limit: usize,
) -> Result<ErrorResponse<E>, TransportError> {
    let (parts, mut body) = resp.into_parts();
    let known = body.content_length();
    let read = super::body::read_capped(body.as_reader(), limit, known)
        .map_err(|e| TransportError::new(TransportKind::Interrupted, e))?;
    let headers = Headers::of(&parts.headers);
    Ok(ErrorResponse::parse_with_headers(
        parts.status.as_u16(),
        &read,
        headers,
    ))
}

/// A ureq error as a transport failure of the right kind (the table on [`TransportKind`]).
#[must_use]
pub fn transport(err: Error) -> TransportError {
    TransportError::new(transport_kind(&err), err)
}

/// The kind [`transport`] gives `err`.
pub(crate) fn transport_kind(err: &Error) -> TransportKind {
    use std::io::ErrorKind;
    match err {
        Error::HostNotFound | Error::ConnectionFailed | Error::ConnectProxyFailed(_) => {
            TransportKind::Connect
        }
        Error::Timeout(Timeout::Resolve | Timeout::Connect) => TransportKind::Connect,
        Error::Timeout(_) => TransportKind::Timeout,
        Error::Tls(_) | Error::TlsRequired | Error::RequireHttpsOnly(_) => TransportKind::Tls,
        Error::Io(io) if names_tls(io) => TransportKind::Tls,
        // rustls's "received corrupt message": the peer answered the handshake with
        // something that is not TLS. Invalid data from the connection is the TLS layer's:
        // ureq's own HTTP errors are `Protocol`, the socket's are other kinds.
        Error::Io(io) if io.kind() == ErrorKind::InvalidData => TransportKind::Tls,
        Error::Io(io) => io_kind(io),
        Error::Protocol(_) | Error::LargeResponseHeader(..) => TransportKind::Interrupted,
        Error::Other(inner) => TransportKind::of_error(&**inner),
        // The errors of the TLS backend the application chose (`Rustls`, `NativeTls`, which
        // exist only with ureq's features) say so in their text.
        other if names_tls(other) => TransportKind::Tls,
        _ => TransportKind::Other,
    }
}

impl From<Error> for TransportError {
    fn from(err: Error) -> Self {
        transport(err)
    }
}

impl<E> From<Error> for ClientError<E> {
    fn from(err: Error) -> Self {
        ClientError::Transport(transport(err))
    }
}

/// Sends `request` with `agent`, with the retries `policy` allows: the response on success
/// (its body unread), else the last failure, typed (an error body read up to
/// [`ERROR_BODY_LIMIT`]). Waits `Retry-After` (up to the policy's cap; beyond it the error
/// is returned at once) or the policy's backoff between attempts (`std::thread::sleep`).
/// The request's idempotency is its [`Idempotent`] extension, else its method's
/// ([`Idempotent::of_method`]). A success gives the policy's budget its due
/// ([`RetryPolicy::on_success`]).
///
/// With the `tracing` feature, each retry is a `DEBUG` event (target `kms_errors`) with the
/// attempt, the delay and the failure's OpenTelemetry fields. For the bundled catalog's
/// [`KmsError`]; [`send_as`] for another catalog's.
pub fn send<B: AsRef<[u8]>>(
    agent: &Agent,
    request: Request<B>,
    policy: &RetryPolicy,
) -> Result<Response<Body>, ClientError> {
    send_as(agent, request, policy)
}

/// [`send`] for the errors of catalog `E` (`send_as::<IamError, _>(&agent, req, &policy)`).
pub fn send_as<E: CatalogError, B: AsRef<[u8]>>(
    agent: &Agent,
    request: Request<B>,
    policy: &RetryPolicy,
) -> Result<Response<Body>, ClientError<E>> {
    let idempotent = Idempotent::of_parts(request.method(), request.extensions());
    // The blocking retry loop, written once: `retry_blocking`.
    crate::retry_blocking(policy, idempotent, |_attempt| {
        check_as::<E>(run(agent, &request))
    })
}

/// One attempt: a copy of `request` (its method, URL, version, headers, extensions and
/// body), with error statuses read as responses. An empty body of a method that has none
/// (`GET`...) is sent as no body at all.
fn run<B: AsRef<[u8]>>(agent: &Agent, request: &Request<B>) -> Result<Response<Body>, Error> {
    let body = request.body().as_ref();
    let bodiless = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::DELETE | Method::OPTIONS | Method::TRACE
    );
    if body.is_empty() && bodiless {
        agent.run(copy(agent, request, ()))
    } else {
        agent.run(copy(agent, request, body))
    }
}

fn copy<B, S: ::ureq::AsSendBody>(agent: &Agent, request: &Request<B>, body: S) -> Request<S> {
    let mut copy = Request::new(body);
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    *copy.extensions_mut() = request.extensions().clone();
    agent
        .configure_request(copy)
        .http_status_as_error(false)
        .build()
}
