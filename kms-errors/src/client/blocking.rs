//! [`retry_blocking`]: the retry loop for blocking HTTP clients.

use super::{Attempts, ClientError, Idempotent, RetryPolicy};
use crate::CatalogError;

/// Calls `call` (with the attempt's number, from 1) until it succeeds or the `policy` gives
/// up, sleeping the policy's delay between attempts: the loop for a blocking client that has
/// no adapter of its own (ureq has one: `kms_errors::ureq::send`, feature `ureq`). A success
/// gives the policy's budget its due ([`RetryPolicy::on_success`]). With the `tracing`
/// feature, each retry is a `DEBUG` event, as in the other adapters.
///
/// `call` turns its client's outcome into a `ClientError`: a transport failure into a
/// [`TransportError`](crate::TransportError) of the right kind
/// ([`TransportKind::of_error`](crate::TransportKind::of_error) reads most clients' errors),
/// an error response into an [`ErrorResponse`](crate::ErrorResponse). The loop does not see
/// the request, so its idempotency is given, as to `kms_errors::backon::Decide`:
/// `Idempotent::of_method("GET")` for the method's, or `Idempotent::YES` / `Idempotent::NO`
/// to say more (a `POST` that only reads).
///
/// ```
/// use kms_errors::{retry_blocking, ClientError, ErrorResponse, Idempotent, RetryPolicy};
/// use std::time::Duration;
///
/// let policy = RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5));
/// let mut calls = 0;
/// let result: Result<&str, ClientError> = retry_blocking(&policy, Idempotent::of_method("POST"), |_attempt| {
///     calls += 1;
///     if calls < 3 {
///         // What the client got: HTTP 503, KMS.0104, "the service is unavailable".
///         Err(ErrorResponse::parse(503, br#"{"error_code":"KMS.0104"}"#, None).into())
///     } else {
///         Ok("key material")
///     }
/// });
/// assert_eq!((result.unwrap(), calls), ("key material", 3));
/// ```
pub fn retry_blocking<T, E: CatalogError>(
    policy: &RetryPolicy,
    idempotent: Idempotent,
    mut call: impl FnMut(u32) -> Result<T, ClientError<E>>,
) -> Result<T, ClientError<E>> {
    let mut attempts = Attempts::new();
    loop {
        let attempt = attempts.number();
        match call(attempt) {
            Ok(value) => {
                policy.on_success(&attempts);
                return Ok(value);
            }
            Err(err) => match policy.next_delay(&mut attempts, &err, idempotent) {
                Some(delay) => {
                    super::retrying(&err, attempt, delay);
                    std::thread::sleep(delay);
                }
                None => return Err(err),
            },
        }
    }
}
