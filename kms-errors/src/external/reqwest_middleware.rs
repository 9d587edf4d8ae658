//! reqwest-middleware (feature `reqwest-middleware`): the retry policy as a [`Middleware`]
//! ([`RetryMiddleware`]), and the final response into the typed result in one call
//! ([`check_middleware`]). Public as `kms_errors::reqwest::{RetryMiddleware, ...}`.

use super::reqwest::{check_as, transport, transport_kind, ERROR_BODY_LIMIT};
use crate::{
    Attempts, CatalogError, ClientError, ErrorResponse, Idempotent, KmsError, RetryPolicy,
    TransportError, TransportKind,
};
use ::reqwest::{Request, Response, ResponseBuilderExt};
use ::reqwest_middleware::{Error, Middleware, Next};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

/// The retry policy of this crate as a reqwest-middleware [`Middleware`]: every request of a
/// `ClientWithMiddleware` is retried as the catalog decides (throttling, `Retry-After`,
/// idempotency, quotas never), and what is not retried reaches the caller as the server
/// sent it.
///
/// * **Attempts.** Each attempt sends a clone of the request (`Request::try_clone`) through
///   the rest of the chain (`next.clone().run(..)`); a request that cannot be cloned (a
///   streamed body) is sent once. Put it first (`.with(RetryMiddleware::new(..))` before
///   other middlewares) so that every attempt goes through the others.
/// * **Idempotency.** An [`Idempotent`] in the request's extensions
///   (the `extensions` of `handle`: `client.post(url).with_extension(Idempotent::YES)`,
///   or `execute_with_extensions`), else the method's ([`Idempotent::of_method`]: `POST` is
///   not), as in every adapter.
/// * **Success status.** The response is returned as it is: its body is not read.
/// * **Error status.** The body is read frame by frame up to the limit
///   ([`ERROR_BODY_LIMIT`], 64 KiB, or [`RetryMiddleware::with_error_body_limit`]; at most
///   one frame more is held) and parsed, with the status, `X-Request-Id` and `Retry-After`,
///   into the catalog's error. If the policy retries it, the middleware waits
///   (`tokio::time::sleep`: `Retry-After`, or the backoff) and sends again; if not (a
///   `Retry-After` beyond the policy's cap included),
///   the response is returned **intact**: same status, version, headers, extensions and URL,
///   and the whole body, the bytes read followed by the rest of the original stream
///   (`Content-Length`, through `content_length()`, unchanged). The last attempt's error
///   response is returned without being read.
/// * **Transport failure** (`reqwest_middleware::Error::Reqwest`): classified as
///   [`transport`](super::reqwest::transport) does; retried if the policy says so, else
///   returned as it came. An error of another middleware (`Error::Middleware`) is returned
///   at once.
/// * **A failure reading an error body** while buffering it is a transport failure
///   ([`TransportKind::Interrupted`]: retried only when idempotent); not retried, it is
///   returned as `reqwest_middleware::Error::Reqwest` (reqwest's body error), and the
///   response is dropped.
/// * **Budget and events.** The middleware holds one policy for all the client's requests,
///   so they share its budget: each retry takes tokens, a success gives the budget its due
///   ([`RetryPolicy::on_success`]). With the `tracing` feature, each
///   retry is a `DEBUG` event (target `kms_errors`), as for
///   [`send`](super::reqwest::send).
///
/// The middleware returns a response, not the typed error: [`check_middleware`] turns the
/// final outcome into `Result<reqwest::Response, ClientError>` in one line (it reads an error
/// body again, up to [`ERROR_BODY_LIMIT`]).
///
/// For the bundled catalog's [`KmsError`]; `RetryMiddleware::<IamError>::new_as(policy)`
/// for another catalog's.
///
/// ```no_run
/// use kms_errors::reqwest::{check_middleware, RetryMiddleware};
/// use kms_errors::{ClientError, Idempotent, RetryPolicy};
/// use reqwest_middleware::ClientBuilder;
///
/// # async fn demo() -> Result<(), ClientError> {
/// // One policy per client: the client's requests share its budget.
/// let client = ClientBuilder::new(reqwest::Client::new())
///     .with(RetryMiddleware::new(RetryPolicy::default()))
///     .build();
///
/// // A read: idempotent by its method. The typed result in one line.
/// let url = "https://kms.example/v1.0/p/kms/list-keys";
/// let resp = check_middleware(client.get(url).send().await).await?;
/// # let _ = resp;
///
/// // A POST that may be sent twice: say so with an extension.
/// let resp = client
///     .post("https://kms.example/v1.0/p/kms/describe-key")
///     .body(r#"{"key_id":"k1"}"#)
///     .with_extension(Idempotent::YES)
///     .send()
///     .await;
/// let resp = check_middleware(resp).await?;
/// # let _ = resp; Ok(()) }
/// ```
pub struct RetryMiddleware<E = KmsError> {
    policy: RetryPolicy,
    limit: usize,
    catalog: PhantomData<fn() -> E>,
}

impl RetryMiddleware {
    /// The middleware for the bundled catalog's [`KmsError`], retrying as `policy` allows;
    /// error bodies read up to [`ERROR_BODY_LIMIT`].
    #[must_use]
    pub fn new(policy: RetryPolicy) -> Self {
        RetryMiddleware::new_as(policy)
    }
}

impl<E: CatalogError> RetryMiddleware<E> {
    /// The middleware for the errors of catalog `E`
    /// (`RetryMiddleware::<IamError>::new_as(policy)`).
    #[must_use]
    pub fn new_as(policy: RetryPolicy) -> Self {
        RetryMiddleware {
            policy,
            limit: ERROR_BODY_LIMIT,
            catalog: PhantomData,
        }
    }

    /// Reads at most `bytes` of an error response's body to decide (at most one frame more
    /// is held until the response is returned or dropped).
    #[must_use]
    pub fn with_error_body_limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// The policy.
    #[must_use]
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The attempts of one request.
    async fn attempts(
        &self,
        req: Request,
        extensions: &mut ::http::Extensions,
        next: Next<'_>,
    ) -> Result<Response, Error> {
        let idempotent = Idempotent::of_parts(req.method(), extensions);
        let policy = &self.policy;
        let mut attempts = Attempts::new();
        loop {
            let attempt = attempts.number();
            // The last attempt, or a request that cannot be sent again: its outcome is
            // returned as it comes, unread.
            let clone = if attempt < policy.max_attempts() {
                req.try_clone()
            } else {
                None
            };
            let Some(this) = clone else {
                let outcome = next.run(req, extensions).await;
                if matches!(&outcome, Ok(resp) if resp.status().is_success()) {
                    policy.on_success(&attempts);
                }
                return outcome;
            };
            let (err, delay): (ClientError<E>, Duration) =
                match next.clone().run(this, extensions).await {
                    Ok(resp) if resp.status().is_success() => {
                        policy.on_success(&attempts);
                        return Ok(resp);
                    }
                    Ok(resp) => match read_error::<E>(resp, self.limit).await {
                        Ok((resp, parsed)) => {
                            let err = ClientError::Api(parsed);
                            match policy.next_delay(&mut attempts, &err, idempotent) {
                                Some(delay) => (err, delay),
                                None => return Ok(resp),
                            }
                        }
                        Err(e) => self.transport(&mut attempts, e, idempotent)?,
                    },
                    Err(Error::Reqwest(e)) => self.transport(&mut attempts, e, idempotent)?,
                    Err(other) => return Err(other),
                };
            crate::client::retrying(&err, attempt, delay);
            drop(err);
            ::tokio::time::sleep(delay).await;
        }
    }

    /// A transport failure of the attempt `attempts` is at: the failure typed and the delay
    /// if the policy retries it, else the error as it came.
    fn transport(
        &self,
        attempts: &mut Attempts,
        e: ::reqwest::Error,
        idempotent: Idempotent,
    ) -> Result<(ClientError<E>, Duration), Error> {
        let kind = transport_kind(&e);
        let timeout = kind == TransportKind::Timeout;
        match self
            .policy
            .next_delay_for(attempts, kind.retry(), None, timeout, idempotent)
        {
            Some(delay) => Ok((TransportError::new(kind, e).into(), delay)),
            None => Err(Error::Reqwest(e)),
        }
    }
}

/// Every attempt of a request: see [`RetryMiddleware`].
impl<E: CatalogError> Middleware for RetryMiddleware<E> {
    // `#[async_trait]`'s form of `async fn handle`, written out.
    fn handle<'life0, 'life1, 'life2, 'async_trait>(
        &'life0 self,
        req: Request,
        extensions: &'life1 mut ::http::Extensions,
        next: Next<'life2>,
    ) -> Pin<Box<dyn Future<Output = Result<Response, Error>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(self.attempts(req, extensions, next))
    }
}

impl<E> Clone for RetryMiddleware<E> {
    /// The same policy (and so the same budget).
    fn clone(&self) -> Self {
        RetryMiddleware {
            policy: self.policy.clone(),
            limit: self.limit,
            catalog: PhantomData,
        }
    }
}

impl<E> fmt::Debug for RetryMiddleware<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryMiddleware")
            .field("policy", &self.policy)
            .field("error_body_limit", &self.limit)
            .finish()
    }
}

/// Reads an error response's body up to `limit` bytes and parses it with the status and
/// headers ([`read_error`](super::reqwest::read_error), as `check` does), and puts the
/// response back together with its whole body: the bytes read, then the rest of the stream.
async fn read_error<E: CatalogError>(
    resp: Response,
    limit: usize,
) -> Result<(Response, ErrorResponse<E>), ::reqwest::Error> {
    let url = resp.url().clone();
    let (mut parts, body, parsed) = super::reqwest::read_error(resp, limit).await?;
    // The URL goes back in as reqwest's `ResponseBuilderExt::url` puts it.
    let with_url = ::http::Response::builder().url(url).body(());
    parts
        .extensions
        .extend(with_url.unwrap_or_default().into_parts().0.extensions);
    let resp = ::http::Response::from_parts(parts, ::reqwest::Body::wrap(body));
    Ok((Response::from(resp), parsed))
}

/// What a `ClientWithMiddleware` gave, as the typed result, in one call (as
/// [`check`](super::reqwest::check) for reqwest's): the response when its status is a
/// success (its body untouched), an API error when it is not (its body read, up to
/// [`ERROR_BODY_LIMIT`], and parsed), a transport error when the request failed
/// (`From<reqwest_middleware::Error>` for [`TransportError`]: reqwest's errors by kind, other
/// middlewares' as [`TransportKind::Other`]) or the error body could not be read.
///
/// ```no_run
/// # async fn demo(client: reqwest_middleware::ClientWithMiddleware) -> Result<(), kms_errors::ClientError> {
/// # let url = "https://kms.example/v1.0/p/kms/list-keys";
/// let resp = kms_errors::reqwest::check_middleware(client.get(url).send().await).await?;
/// # let _ = resp; Ok(()) }
/// ```
///
/// For the bundled catalog's [`KmsError`]; [`check_middleware_as`] for another catalog's.
pub async fn check_middleware(sent: Result<Response, Error>) -> Result<Response, ClientError> {
    check_middleware_as(sent).await
}

/// [`check_middleware`] for the errors of catalog `E` (`check_middleware_as::<IamError>(sent)`).
pub async fn check_middleware_as<E: CatalogError>(
    sent: Result<Response, Error>,
) -> Result<Response, ClientError<E>> {
    check_as(Ok(sent?)).await
}

/// A reqwest-middleware error as a transport failure: reqwest's error (`Error::Reqwest`, or
/// one another middleware returned inside `Error::Middleware`) by its kind, as
/// [`transport`]; another middleware's own error as [`TransportKind::Other`] (not retried),
/// kept as the source.
impl From<Error> for TransportError {
    fn from(err: Error) -> Self {
        match err {
            Error::Reqwest(e) => transport(e),
            Error::Middleware(e) => match e.downcast::<::reqwest::Error>() {
                Ok(e) => transport(e),
                Err(e) => TransportError::new(TransportKind::Other, e),
            },
        }
    }
}

/// The reqwest-middleware error as a [`TransportError`] (as `From<reqwest_middleware::Error>
/// for TransportError` says), inside [`ClientError::Transport`]: `?` on a
/// `ClientWithMiddleware`'s result.
impl<E> From<Error> for ClientError<E> {
    fn from(err: Error) -> Self {
        ClientError::Transport(err.into())
    }
}
