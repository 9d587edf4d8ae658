//! [`retry_blocking`]: the retry loop for blocking HTTP clients.

use super::{ClientError, Idempotent, RetryPolicy};
use crate::CatalogError;

/// Calls `call` (with the attempt's number, from 1) until it succeeds or the `policy` gives
/// up, sleeping the policy's delay between attempts: the loop for blocking clients such as
/// ureq. With the `tracing` feature, each retry is a `DEBUG` event, as in the other
/// adapters. `call` turns its client's outcome into a `ClientError`: a transport failure into a
/// [`TransportError`](crate::TransportError) of the right kind, an error response into an
/// [`ErrorResponse`](crate::ErrorResponse).
///
/// ```
/// use kms_errors::{retry_blocking, ClientError, ErrorResponse, Idempotent, RetryPolicy};
/// use std::time::Duration;
///
/// let policy = RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5));
/// let mut calls = 0;
/// let result: Result<&str, ClientError> = retry_blocking(&policy, Idempotent(false), |_attempt| {
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
    let mut attempt = 1;
    loop {
        match call(attempt) {
            Ok(value) => {
                policy.on_success();
                return Ok(value);
            }
            Err(err) => match policy.next_delay(attempt, &err, idempotent) {
                Some(delay) => {
                    #[cfg(feature = "tracing")]
                    crate::external::tracing::retrying(&err, attempt, delay);
                    std::thread::sleep(delay);
                }
                None => return Err(err),
            },
        }
        attempt += 1;
    }
}
