//! [`Policy`], tower's retry policy deciding by the catalog, in tower's `RetryLayer` above
//! [`ErrorBodyLayer`]; [`CloneBody`], the request bodies it can send again.

#[cfg(doc)]
use super::ErrorBodyLayer;
use super::{error_response, BufferedBody};
#[cfg(doc)]
use crate::ErrorResponse;
use crate::{
    Attempts, CatalogError, ClientError, Idempotent, KmsError, RetryPolicy, TransportError,
    TransportKind,
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
/// (`Retry-After` up to the cap, or backoff; the budget taken) or `None` to return it; a
/// success gives the budget its due ([`RetryPolicy::on_success`]).
///
/// It counts attempts per request (tower clones it into each request's future, with its
/// [`Attempts`]); the [`RetryPolicy`]'s budget is shared by every clone, so by all the
/// requests of the layer. See the [module](super) for the stack.
pub struct Policy<E = KmsError> {
    policy: RetryPolicy,
    attempts: Attempts,
    catalog: PhantomData<fn() -> E>,
}

impl Policy<KmsError> {
    /// Retries as `policy` says, for the bundled catalog's [`KmsError`].
    #[must_use]
    pub fn new(policy: RetryPolicy) -> Self {
        Policy::new_as(policy)
    }
}

impl<E: CatalogError> Policy<E> {
    /// Retries as `policy` says, for catalog `E` (`Policy::<IamError>::new_as(p)`).
    #[must_use]
    pub fn new_as(policy: RetryPolicy) -> Self {
        Policy {
            policy,
            attempts: Attempts::new(),
            catalog: PhantomData,
        }
    }

    /// The retry policy.
    #[must_use]
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The attempt that the next response answers (from 1): always 1 for the policy the
    /// service holds; counted up in each request's clone.
    #[must_use]
    pub fn attempt(&self) -> u32 {
        self.attempts.number()
    }
}

impl<E> Clone for Policy<E> {
    fn clone(&self) -> Self {
        Policy {
            policy: self.policy.clone(),
            attempts: self.attempts,
            catalog: PhantomData,
        }
    }
}

impl<E> fmt::Debug for Policy<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("policy", &self.policy)
            .field("attempt", &self.attempts.number())
            .finish()
    }
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
        let idempotent = Idempotent::of_request(req);
        let attempt = self.attempts.number();
        let delay = match result {
            Ok(resp) if resp.status().is_success() => {
                self.policy.on_success(&self.attempts);
                return None;
            }
            Ok(resp) => {
                let err = ClientError::Api(error_response::<E, _>(resp));
                let delay = self
                    .policy
                    .next_delay(&mut self.attempts, &err, idempotent)?;
                crate::client::retrying(&err, attempt, delay);
                delay
            }
            Err(err) => {
                let timeout = err.kind() == TransportKind::Timeout;
                let delay = self.policy.next_delay_for(
                    &mut self.attempts,
                    err.retry(),
                    None,
                    timeout,
                    idempotent,
                )?;
                #[cfg(feature = "tracing")]
                crate::external::tracing::retrying_transport(err, attempt, delay);
                delay
            }
        };
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
