//! tower (feature `tower`): retries decided by the catalog for any `http` client service
//! (hyper's, or one made of tower layers), with tower's own [`RetryLayer`].
//!
//! tower's [`Policy::retry`](::tower::retry::Policy::retry) decides synchronously, so the
//! error code must already be read when it is called. Two pieces, one above the other:
//!
//! * [`ErrorBodyLayer`], right above the client: for a response whose status is not a
//!   success it reads the body up to a limit ([`ERROR_BODY_LIMIT`], 64 KiB) and gives back a
//!   response whose [`BufferedBody`] yields those bytes, then the rest of the original body:
//!   the response reaches the caller whole. A success passes with its body streamed,
//!   untouched. A failure of the client, or of reading the error body, becomes a
//!   [`TransportError`] of the right kind (its cause kept as `source()`).
//! * [`Policy`], in tower's [`RetryLayer`] above it: decides by the [`RetryPolicy`] on the
//!   parsed [`ErrorResponse`] (status, code, `X-Request-Id`, `Retry-After`) or on the
//!   transport failure, and waits with `tokio::time::sleep`.
//!
//! The caller turns what comes out into the typed result with [`check`].
//!
//! ```no_run
//! use bytes::Bytes;
//! use http_body_util::Full;
//! use hyper_util::client::legacy::Client;
//! use hyper_util::rt::TokioExecutor;
//! use kms_errors::tower::{check, ErrorBodyLayer, Policy};
//! use kms_errors::{ClientError, Idempotent, RetryPolicy};
//! use tower::retry::RetryLayer;
//! use tower::{ServiceBuilder, ServiceExt};
//!
//! # async fn demo() -> Result<(), ClientError> {
//! let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
//! // One policy per client: the layer keeps it for all its requests, which share its budget.
//! let kms = ServiceBuilder::new()
//!     .layer(RetryLayer::new(Policy::new(RetryPolicy::default())))
//!     .layer(ErrorBodyLayer::new())
//!     .service(client);
//!
//! let mut req = http::Request::post("http://kms.example/v1.0/p/kms/describe-key")
//!     .body(Full::new(Bytes::from_static(br#"{"key_id":"k1"}"#)))
//!     .unwrap();
//! req.extensions_mut().insert(Idempotent::YES); // a read, though a POST
//! let resp = check(kms.clone().oneshot(req).await)?; // a success, or the typed error
//! # let _ = resp; Ok(()) }
//! ```
//!
//! **The policy is per request.** tower's `Retry` service clones its policy into each
//! request's future and calls [`Policy::retry`](::tower::retry::Policy::retry) on that
//! clone, so the attempt count of [`Policy`] is counted per request; the policy the service
//! holds is only asked to clone requests and never counts. The [`RetryBudget`] inside the
//! [`RetryPolicy`] is shared by all the clones, as it should be.
//!
//! **What is retried.** A request is retried when its body can be cloned ([`CloneBody`]:
//! any `Clone` body, as `http_body_util::Full<Bytes>`); one whose body cannot is sent once.
//! Its idempotency is an [`Idempotent`] request extension if it has one, else its method's
//! ([`Idempotent::of_method`]), as in every adapter. A `Retry-After` beyond the policy's cap
//! is not waited: the response is returned at once.
//!
//! **What is not known of a transport failure.** The layer sees the client's error only as
//! an `Error` and its `source()` chain, which [`transport_kind`] reads
//! ([`TransportKind::of_error`]: a [`TransportError`], an error naming TLS, an `io::Error`
//! by its kind — refused, unreachable: not sent; timed out; any other: interrupted); anything
//! else is taken as "may have been sent" ([`TransportKind::Interrupted`], retried only when
//! idempotent), since nothing says that it was not. A client that says more is classified
//! by a function of your own, [`ErrorBodyLayer::with_classifier`]: for hyper's legacy
//! client, `is_connect()` means that the request was not sent (a failed connect, also a
//! connect timeout); its other errors do not tell whether the request went out.
//!
//! ```
//! use kms_errors::tower::{transport_kind, ErrorBodyLayer};
//! use kms_errors::TransportKind;
//! use std::error::Error;
//!
//! fn hyper_kind(err: &(dyn Error + 'static)) -> TransportKind {
//!     // The default's reading first (a TLS failure is a connect error to hyper, too).
//!     match transport_kind(err) {
//!         TransportKind::Interrupted
//!             if err
//!                 .downcast_ref::<hyper_util::client::legacy::Error>()
//!                 .is_some_and(|e| e.is_connect()) =>
//!         {
//!             TransportKind::Connect
//!         }
//!         kind => kind,
//!     }
//! }
//! let layer = ErrorBodyLayer::new().with_classifier(hyper_kind);
//! # let _ = layer;
//! ```
//!
//! A per-attempt timeout (tower's `TimeoutLayer`) goes below [`ErrorBodyLayer`], with a
//! classifier that names its error (`err.is::<tower::timeout::error::Elapsed>()` gives
//! [`TransportKind::Timeout`]); the error body is then read outside of it, up to the limit.
//!
//! With the `tracing` feature, each retry is a `DEBUG` event (target `kms_errors`) with the
//! attempt, the delay and the failure's OpenTelemetry fields.
//!
//! [`RetryLayer`]: ::tower::retry::RetryLayer
//! [`RetryBudget`]: crate::RetryBudget

// One file a job: the layer, its service, future and body (the error body read by the
// crate's one reader, `external/body.rs`); the retry policy. Here: what both share, and
// the caller's `check`.
mod error_body;
mod policy;

pub use error_body::{
    transport_kind, BufferedBody, Classify, ErrorBodyLayer, ErrorBodyService, ResponseFuture,
    ERROR_BODY_LIMIT,
};
pub use policy::{CloneBody, Policy};

use crate::{CatalogError, ClientError, ErrorResponse, Headers, TransportError};
#[cfg(doc)]
use crate::{Idempotent, KmsError, RetryPolicy, TransportKind};
use http::Response;

/// The error response in `resp` (not a success): its status, headers and body prefix. For
/// [`Policy`] and [`check`].
fn error_response<E: CatalogError, B>(resp: &Response<BufferedBody<B>>) -> ErrorResponse<E> {
    let headers = Headers::of(resp.headers());
    let body = resp.body().prefix().unwrap_or_default();
    ErrorResponse::parse_with_headers(resp.status().as_u16(), body, headers)
}

/// What the service stack gave, as the typed result: the response when its status is a
/// success (its body streamed, untouched), the API error when it is not (parsed from the
/// body's first bytes and the headers; the rest of the body is dropped unread), the
/// transport failure otherwise. For the bundled catalog's [`KmsError`]; [`check_as`] for
/// another catalog's.
pub fn check<B>(
    result: Result<Response<BufferedBody<B>>, TransportError>,
) -> Result<Response<BufferedBody<B>>, ClientError> {
    check_as(result)
}

/// [`check`] for the errors of catalog `E` (`check_as::<IamError, _>(result)`).
pub fn check_as<E: CatalogError, B>(
    result: Result<Response<BufferedBody<B>>, TransportError>,
) -> Result<Response<BufferedBody<B>>, ClientError<E>> {
    let resp = result.map_err(ClientError::Transport)?;
    if resp.status().is_success() {
        return Ok(resp);
    }
    Err(ClientError::Api(error_response(&resp)))
}
