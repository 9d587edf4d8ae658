//! reqwest (feature `reqwest`): a response into the typed result in one call ([`check`]),
//! and one request with the retry policy ([`send`]).
//!
//! With the feature `reqwest-middleware`, the same policy for every request of a
//! `reqwest_middleware::ClientWithMiddleware`: `RetryMiddleware` (a response it does not
//! retry is handed back intact), and `check_middleware`, the final outcome typed in one call.
//!
//! ```no_run
//! use kms_errors::reqwest::{check, send, WithExtension};
//! use kms_errors::{ClientError, Idempotent, RetryPolicy};
//!
//! # async fn demo(client: reqwest::Client) -> Result<(), ClientError> {
//! // One call, no retries: the response on success, the typed error otherwise.
//! let resp = check(client.get("https://kms.example/v1.0/p/kms/list-keys").send().await).await?;
//!
//! // With retries decided by the catalog. One policy per client, cloned into its tasks.
//! let policy = RetryPolicy::default();
//! // A GET is idempotent by its method; a POST is not, unless it says so.
//! let req = client
//!     .post("https://kms.example/v1.0/p/kms/describe-key")
//!     .body(r#"{"key_id":"k1"}"#)
//!     .with_extension(Idempotent::YES);
//! let resp = send(req, &policy).await?;
//! # let _ = resp; Ok(()) }
//! ```

use super::body::{CappedRead, Prefixed};
#[cfg(feature = "reqwest-middleware")]
pub use super::reqwest_middleware::{check_middleware, check_middleware_as, RetryMiddleware};
use crate::client::{chain_has_invalid_data, chain_names_tls};
#[cfg(doc)]
use crate::KmsError;
use crate::{Attempts, CatalogError, ClientError, ErrorResponse, Headers, Idempotent, RetryPolicy};
use crate::{TransportError, TransportKind};
use ::http::response::Parts;
use ::reqwest::{Request, RequestBuilder};

/// The most bytes of an error response's body read to find its code (64 KiB): an error body
/// is a few hundred bytes; a larger one (a proxy's page, a hostile server) is read this far
/// and the rest left unread, so it never fills the client's memory.
pub const ERROR_BODY_LIMIT: usize = super::body::ERROR_BODY_LIMIT;

/// What reqwest gave, as the typed result: the response when its status is a success (its
/// body untouched, to be read as usual), an API error when it is not (its body read, up to
/// [`ERROR_BODY_LIMIT`], and parsed), a transport error when the request failed or the
/// error body could not be read ([`transport`]). For the bundled catalog's [`KmsError`];
/// [`check_as`] for another catalog's.
pub async fn check(
    sent: Result<::reqwest::Response, ::reqwest::Error>,
) -> Result<::reqwest::Response, ClientError> {
    check_as(sent).await
}

/// [`check`] for the errors of catalog `E` (`check_as::<IamError>(sent)`).
pub async fn check_as<E: CatalogError>(
    sent: Result<::reqwest::Response, ::reqwest::Error>,
) -> Result<::reqwest::Response, ClientError<E>> {
    let resp = sent.map_err(|e| ClientError::Transport(transport(e)))?;
    if resp.status().is_success() {
        return Ok(resp);
    }
    Err(error_response_as(resp, ERROR_BODY_LIMIT).await?.into())
}

/// Reads an error response: its status, `X-Request-Id`, `Retry-After` and its body up to
/// `limit` bytes (more is left unread: the code is at the start of any error body the
/// vendor's services send), parsed into the typed error of catalog `E`. A body that cannot
/// be read is a transport failure ([`TransportKind::Interrupted`]), not an empty body.
pub async fn error_response_as<E: CatalogError>(
    resp: ::reqwest::Response,
    limit: usize,
) -> Result<ErrorResponse<E>, TransportError> {
    let (_, _, parsed) = read_error(resp, limit).await.map_err(transport)?;
    Ok(parsed)
}

/// An error response read: its head, its body read up to `limit` bytes by the shared reader
/// ([`CappedRead`]: the rest of the stream is behind the bytes read, unread), and the error
/// they say. For [`error_response_as`], and for the middleware, which hands the response on.
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

/// A reqwest error as a transport failure of the right kind (the table on
/// [`TransportKind`]): not connected ([`TransportKind::Connect`], also a connect timeout:
/// nothing was sent), TLS failed ([`TransportKind::Tls`]: a certificate refused, a failed
/// handshake, an `https` URL for a client built without TLS), timed out, interrupted
/// (sending failed, a body could not be read), or anything else (a request that could not
/// be built, a redirect loop).
#[must_use]
pub fn transport(err: ::reqwest::Error) -> TransportError {
    TransportError::new(transport_kind(&err), err)
}

/// The kind [`transport`] gives `err`, without taking it (the middleware returns an error it
/// does not retry as it came). reqwest's own text (which holds the URL) is not read: only
/// its causes'.
pub(crate) fn transport_kind(err: &::reqwest::Error) -> TransportKind {
    use std::error::Error as _;
    if err.is_connect() {
        let https = err.url().is_some_and(|u| u.scheme() == "https");
        if chain_names_tls(err.source()) || (https && chain_has_invalid_data(err.source())) {
            TransportKind::Tls
        } else {
            TransportKind::Connect
        }
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

/// Sends `req` with the retries `policy` allows: the response on success (its body
/// untouched), else the last failure, typed. Waits `Retry-After` (up to the policy's cap;
/// beyond it the error is returned at once) or the policy's backoff between attempts
/// (`tokio::time::sleep`, reqwest's runtime). A request whose body cannot be cloned (a
/// stream) is sent once. The request's idempotency is the [`Idempotent`] in its extensions
/// ([`WithExtension::with_extension`]) if it has one, else its method's
/// ([`Idempotent::of_method`]). A success gives the policy's budget its due
/// ([`RetryPolicy::on_success`]).
///
/// With the `tracing` feature, each retry is a `DEBUG` event (target `kms_errors`) with the
/// attempt, the delay and the failure's OpenTelemetry fields. For the bundled catalog's
/// [`KmsError`]; [`send_as`] for another catalog's.
pub async fn send(
    req: RequestBuilder,
    policy: &RetryPolicy,
) -> Result<::reqwest::Response, ClientError> {
    send_as(req, policy).await
}

/// [`send`] for the errors of catalog `E` (`send_as::<IamError>(req, &policy)`).
pub async fn send_as<E: CatalogError>(
    req: RequestBuilder,
    policy: &RetryPolicy,
) -> Result<::reqwest::Response, ClientError<E>> {
    let (client, built) = req.build_split();
    let request = built.map_err(|e| ClientError::Transport(transport(e)))?;
    let Some(probe) = request.try_clone() else {
        // A streamed body: sent once.
        return check_as(client.execute(request).await).await;
    };
    let idempotent = idempotency(probe);
    let mut attempts = Attempts::new();
    loop {
        let attempt = attempts.number();
        let this = request
            .try_clone()
            .expect("a request cloned once clones again");
        match check_as::<E>(client.execute(this).await).await {
            Ok(resp) => {
                policy.on_success(&attempts);
                return Ok(resp);
            }
            Err(err) => match policy.next_delay(&mut attempts, &err, idempotent) {
                Some(delay) => {
                    crate::client::retrying(&err, attempt, delay);
                    ::tokio::time::sleep(delay).await;
                }
                None => return Err(err),
            },
        }
    }
}

/// The idempotency of `req`: its [`Idempotent`] extension, else its method's. reqwest keeps
/// a request's extensions to itself except through its `http::Request` conversion, which
/// this (a clone) goes through.
fn idempotency(req: Request) -> Idempotent {
    let method = Idempotent::of_method(req.method().as_str());
    match ::http::Request::<::reqwest::Body>::try_from(req) {
        Ok(http) => Idempotent::of_parts(http.method(), http.extensions()),
        Err(_) => method,
    }
}

/// An extension on a reqwest `RequestBuilder`, as reqwest-middleware's `with_extension`:
/// here, an [`Idempotent`] that [`send`] reads (`client.post(url).with_extension(Idempotent::YES)`).
///
/// reqwest has no setter of its own for a request's extensions: this goes through reqwest's
/// `http::Request` conversion, which keeps everything of the request (its timeout
/// included). A builder holding an error, or a request whose body is a stream (sent once by
/// [`send`], so its idempotency does not matter), or one that cannot make the round trip
/// (its URL is not a valid `http::Uri`, which reqwest could not send either) is left as it
/// is.
pub trait WithExtension: Sized {
    /// `self` with `extension` in its request's extensions.
    #[must_use]
    fn with_extension<T: Clone + Send + Sync + 'static>(self, extension: T) -> Self;
}

impl WithExtension for RequestBuilder {
    fn with_extension<T: Clone + Send + Sync + 'static>(self, extension: T) -> Self {
        let Some(copy) = self.try_clone() else {
            return self;
        };
        let (client, built) = copy.build_split();
        let Ok(request) = built else {
            return self;
        };
        let had_body = request.body().is_some();
        let Ok(mut http) = ::http::Request::<::reqwest::Body>::try_from(request) else {
            return self;
        };
        http.extensions_mut().insert(extension);
        let Ok(mut with) = Request::try_from(http) else {
            return self;
        };
        if !had_body {
            *with.body_mut() = None;
        }
        RequestBuilder::from_parts(client, with)
    }
}
