//! reqwest (feature `reqwest`): a response into the typed result in one call, and one
//! request with the retry policy.
//!
//! With the feature `reqwest-middleware`, the same policy for every request of a
//! `reqwest_middleware::ClientWithMiddleware`: `RetryMiddleware` (a response it does not
//! retry is handed back intact), and `check_middleware`, the final outcome typed in one call.
//!
//! ```no_run
//! use kms_errors::reqwest::{check, send};
//! use kms_errors::{ClientError, Idempotent, RetryPolicy};
//!
//! # async fn demo(client: reqwest::Client) -> Result<(), ClientError> {
//! // One call, no retries: the response on success, the typed error otherwise.
//! let resp = check(client.get("https://kms.example/v1.0/p/kms/list-keys").send().await).await?;
//!
//! // With retries decided by the catalog (build the policy once per client: its budget is
//! // shared by the requests that use it).
//! let policy = RetryPolicy::default();
//! let req = client.post("https://kms.example/v1.0/p/kms/describe-key").body(r#"{"key_id":"k1"}"#);
//! let resp = send(req, &policy, Idempotent(true)).await?;
//! # let _ = resp; Ok(()) }
//! ```

use super::body::{CappedRead, Prefixed};
#[cfg(feature = "reqwest-middleware")]
pub use super::reqwest_middleware::{check_middleware, check_middleware_for, RetryMiddleware};
#[cfg(doc)]
use crate::KmsError;
use crate::{CatalogError, ClientError, ErrorResponse, Headers, Idempotent, RetryPolicy};
use crate::{TransportError, TransportKind};
use ::http::response::Parts;

/// The most bytes of an error response's body read to find its code (64 KiB): an error body
/// is a few hundred bytes; a larger one (a proxy's page, a hostile server) is read this far
/// and the rest left unread, so it never fills the client's memory.
pub const ERROR_BODY_LIMIT: usize = super::body::ERROR_BODY_LIMIT;

/// What reqwest gave, as the typed result: the response when its status is a success (its
/// body untouched, to be read as usual), an API error when it is not (its body read, up to
/// [`ERROR_BODY_LIMIT`], and parsed), a transport error when the request failed or the
/// error body could not be read ([`transport`]). For the bundled catalog's [`KmsError`];
/// [`check_for`] for another catalog's.
pub async fn check(
    sent: Result<::reqwest::Response, ::reqwest::Error>,
) -> Result<::reqwest::Response, ClientError> {
    check_for(sent).await
}

/// [`check`] for the errors of catalog `E` (`check_for::<IamError>(sent)`).
pub async fn check_for<E: CatalogError>(
    sent: Result<::reqwest::Response, ::reqwest::Error>,
) -> Result<::reqwest::Response, ClientError<E>> {
    let resp = sent.map_err(|e| ClientError::Transport(transport(e)))?;
    if resp.status().is_success() {
        return Ok(resp);
    }
    Err(error_response_for(resp, ERROR_BODY_LIMIT).await?.into())
}

/// Reads an error response: its status, `X-Request-Id`, `Retry-After` and its body up to
/// `limit` bytes (more is left unread: the code is at the start of any error body the
/// vendor's services send), parsed into the typed error. A body that cannot be read is a
/// transport failure ([`TransportKind::Interrupted`]), not an empty body. For catalog `E`.
pub async fn error_response_for<E: CatalogError>(
    resp: ::reqwest::Response,
    limit: usize,
) -> Result<ErrorResponse<E>, TransportError> {
    let (_, _, parsed) = read_error(resp, limit).await.map_err(transport)?;
    Ok(parsed)
}

/// An error response read: its head, its body read up to `limit` bytes by the shared reader
/// ([`CappedRead`]: the rest of the stream is behind the bytes read, unread), and the error
/// they say. For [`error_response_for`], and for the middleware, which hands the response on.
pub(crate) async fn read_error<E: CatalogError>(
    resp: ::reqwest::Response,
    limit: usize,
) -> Result<(Parts, Prefixed<::reqwest::Body>, ErrorResponse<E>), ::reqwest::Error> {
    let (parts, body) = ::http::Response::<::reqwest::Body>::from(resp).into_parts();
    let body = CappedRead::new(body, limit).read().await?;
    let headers = Headers::of(&parts.headers);
    let parsed = ErrorResponse::parse_with_headers(parts.status.as_u16(), body.read(), headers);
    Ok((parts, body, parsed))
}

/// A reqwest error as a transport failure of the right kind: not connected
/// ([`TransportKind::Connect`], also a connect timeout: nothing was sent), timed out,
/// interrupted (sending failed, a body could not be read), or anything else (a request that
/// could not be built, a redirect loop).
#[must_use]
pub fn transport(err: ::reqwest::Error) -> TransportError {
    TransportError::new(transport_kind(&err), err)
}

/// The kind [`transport`] gives `err`, without taking it (the middleware returns an error it
/// does not retry as it came).
pub(crate) fn transport_kind(err: &::reqwest::Error) -> TransportKind {
    if err.is_connect() {
        TransportKind::Connect
    } else if err.is_timeout() {
        TransportKind::Timeout
    } else if err.is_request() || err.is_body() || err.is_decode() {
        TransportKind::Interrupted
    } else {
        TransportKind::Other
    }
}

impl From<::reqwest::Error> for TransportError {
    fn from(err: ::reqwest::Error) -> Self {
        transport(err)
    }
}

impl<E> From<::reqwest::Error> for ClientError<E> {
    fn from(err: ::reqwest::Error) -> Self {
        ClientError::Transport(transport(err))
    }
}

/// Sends `req` with the retries `policy` allows for a request that is (not) `idempotent`:
/// the response on success (its body untouched), else the last failure, typed. Waits
/// `Retry-After` (capped) or the policy's backoff between attempts (`tokio::time::sleep`,
/// reqwest's runtime). A request whose body cannot be cloned (a stream) is sent once.
///
/// With the `tracing` feature, each retry is a `DEBUG` event (target `kms_errors`) with the
/// attempt, the delay and the failure's OpenTelemetry fields. For the bundled catalog's
/// [`KmsError`]; [`send_for`] for another catalog's.
pub async fn send(
    req: ::reqwest::RequestBuilder,
    policy: &RetryPolicy,
    idempotent: Idempotent,
) -> Result<::reqwest::Response, ClientError> {
    send_for(req, policy, idempotent).await
}

/// [`send`] for the errors of catalog `E` (`send_for::<IamError>(req, &policy, ...)`).
pub async fn send_for<E: CatalogError>(
    req: ::reqwest::RequestBuilder,
    policy: &RetryPolicy,
    idempotent: Idempotent,
) -> Result<::reqwest::Response, ClientError<E>> {
    let mut attempt = 1;
    loop {
        let retry = req.try_clone();
        let this = match retry {
            Some(clone) => clone,
            None => return check_for(req.send().await).await,
        };
        match check_for::<E>(this.send().await).await {
            Ok(resp) => {
                policy.on_success();
                return Ok(resp);
            }
            Err(err) => match policy.next_delay(attempt, &err, idempotent) {
                Some(delay) => {
                    #[cfg(feature = "tracing")]
                    crate::external::tracing::retrying(&err, attempt, delay);
                    ::tokio::time::sleep(delay).await;
                }
                None => return Err(err),
            },
        }
        attempt += 1;
    }
}
