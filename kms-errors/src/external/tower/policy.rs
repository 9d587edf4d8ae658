//! [`Policy`], tower's retry policy deciding by the catalog, in tower's `RetryLayer` above
//! [`ErrorBodyLayer`]; [`CloneBody`], the request bodies it can send again.

#[cfg(doc)]
use super::ErrorBodyLayer;
use super::{error_response, BufferedBody};
#[cfg(doc)]
use crate::ErrorResponse;
use crate::{
    CatalogError, ClientError, Idempotent, KmsError, RetryPolicy, TransportError, TransportKind,
};
use core::fmt;
use http::{Request, Response};
use std::marker::PhantomData;

/// A request body that can be sent again: any `Clone` body (`http_body_util::Full<Bytes>`,
/// `String`, `Bytes`...) always can; a body of your own type that is sometimes a stream
/// implements it to say when it can (`None`: the request is sent once).
pub trait CloneBody: Sized {
    /// A copy of the body to send again, if it can be.
    fn clone_body(&self) -> Option<Self>;
}

impl<T: Clone> CloneBody for T {
    fn clone_body(&self) -> Option<Self> {
        Some(self.clone())
    }
}

/// tower's retry [`Policy`](::tower::retry::Policy) deciding by the catalog of `E` (default:
/// [`KmsError`]) with a [`RetryPolicy`], for the responses of [`ErrorBodyLayer`] (below it):
/// the parsed [`ErrorResponse`] (status, code, `X-Request-Id`, `Retry-After`) or the
/// [`TransportError`] goes to [`RetryPolicy::next_delay`], which gives the wait
/// (`Retry-After` capped, or backoff; the budget taken) or `None` to return it; a success
/// gives the budget its refund.
///
/// It counts attempts per request (tower clones it into each request's future); the
/// [`RetryPolicy`]'s budget is shared by every clone. See the [module](super) for the stack.
pub struct Policy<E = KmsError> {
    policy: RetryPolicy,
    attempt: u32,
    catalog: PhantomData<fn() -> E>,
}

impl Policy<KmsError> {
    /// Retries as `policy` says, for the bundled catalog's [`KmsError`].
    #[must_use]
    pub fn new(policy: RetryPolicy) -> Self {
        Policy::for_catalog(policy)
    }
}

impl<E: CatalogError> Policy<E> {
    /// Retries as `policy` says, for catalog `E` (`Policy::<IamError>::for_catalog(p)`).
    #[must_use]
    pub fn for_catalog(policy: RetryPolicy) -> Self {
        Policy {
            policy,
            attempt: 1,
            catalog: PhantomData,
        }
    }

    /// The retry policy.
    #[must_use]
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The attempt that the next response answers (from 1): always 1 for the policy the
    /// service holds; counted up in each request's clone.
    #[must_use]
    pub fn attempt(&self) -> u32 {
        self.attempt
    }
}

impl<E> Clone for Policy<E> {
    fn clone(&self) -> Self {
        Policy {
            policy: self.policy.clone(),
            attempt: self.attempt,
            catalog: PhantomData,
        }
    }
}

impl<E> fmt::Debug for Policy<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("policy", &self.policy)
            .field("attempt", &self.attempt)
            .finish()
    }
}

/// The request's idempotency: its [`Idempotent`] extension, else its method's.
fn idempotency<B>(req: &Request<B>) -> Idempotent {
    req.extensions()
        .get::<Idempotent>()
        .copied()
        .unwrap_or_else(|| Idempotent::of_method(req.method().as_str()))
}
impl<E, ReqBody, ResBody>
    ::tower::retry::Policy<Request<ReqBody>, Response<BufferedBody<ResBody>>, TransportError>
    for Policy<E>
where
    E: CatalogError,
    ReqBody: CloneBody,
{
    type Future = ::tokio::time::Sleep;

    fn retry(
        &mut self,
        req: &mut Request<ReqBody>,
        result: &mut Result<Response<BufferedBody<ResBody>>, TransportError>,
    ) -> Option<Self::Future> {
        let idempotent = idempotency(req);
        let attempt = self.attempt;
        let delay = match result {
            Ok(resp) if resp.status().is_success() => {
                self.policy.on_success();
                return None;
            }
            Ok(resp) => {
                let err = ClientError::Api(error_response::<E, _>(resp));
                let delay = self.policy.next_delay(attempt, &err, idempotent)?;
                #[cfg(feature = "tracing")]
                crate::external::tracing::retrying(&err, attempt, delay);
                delay
            }
            Err(err) => {
                let timeout = err.kind() == TransportKind::Timeout;
                let delay =
                    self.policy
                        .delay_for(attempt, err.retry(), None, timeout, idempotent)?;
                #[cfg(feature = "tracing")]
                crate::external::tracing::retrying_transport(err, attempt, delay);
                delay
            }
        };
        self.attempt += 1;
        Some(::tokio::time::sleep(delay))
    }

    fn clone_request(&mut self, req: &Request<ReqBody>) -> Option<Request<ReqBody>> {
        let mut clone = Request::new(req.body().clone_body()?);
        *clone.method_mut() = req.method().clone();
        *clone.uri_mut() = req.uri().clone();
        *clone.version_mut() = req.version();
        *clone.headers_mut() = req.headers().clone();
        *clone.extensions_mut() = req.extensions().clone();
        Some(clone)
    }
}
