//! backon (feature `backon`): a backon loop that decides by the catalog with a
//! [`RetryPolicy`], as the other adapters do.
//!
//! backon's [`Retryable`](::backon::Retryable) retries an async call while
//! `when(&err)` says so and `adjust(&err, backoff)` gives a delay. Here:
//!
//! * [`backoff`]: the policy's attempts and delays (full jitter: a random delay up to
//!   `base · 2^(n-1)`, capped), drawn by the policy itself, so the waits are the same in
//!   every adapter. backon's own builders differ: their jitter adds a random part to the
//!   delay instead of drawing the whole delay.
//! * [`Decide`]: [`Decide::when`] (the error's [`Retry`](crate::Retry) decision allows it
//!   for this request) and [`Decide::adjust`] ([`RetryPolicy::next_delay`]: `Retry-After`
//!   capped, else the backoff; the budget taken; `None` to stop and return the error).
//!
//! backon has no hook for a success: give the budget its refund with
//! [`RetryPolicy::on_success`] when the loop succeeds.
//!
//! ```
//! use backon::Retryable;
//! use kms_errors::backon::{backoff, Decide};
//! use kms_errors::{ClientError, ErrorResponse, Idempotent, RetryPolicy};
//! use std::sync::atomic::{AtomicU32, Ordering};
//! use std::time::Duration;
//!
//! # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
//! // Once per client: its budget is shared by the requests that use it.
//! let policy = RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5));
//! let calls = AtomicU32::new(0);
//! // One call of your client, typed (`kms_errors::reqwest::check` does it for reqwest).
//! let describe_key = || async {
//!     if calls.fetch_add(1, Ordering::SeqCst) < 2 {
//!         // What the client got: HTTP 503, KMS.0104, "the service is unavailable".
//!         return Err(ErrorResponse::parse(503, br#"{"error_code":"KMS.0104"}"#, None).into());
//!     }
//!     Ok::<_, ClientError>("key material")
//! };
//!
//! let decide = Decide::new(&policy, Idempotent(false));
//! let key = describe_key
//!     .retry(backoff(&policy)) // backon's `tokio-sleep` feature, or `.sleep(tokio::time::sleep)`
//!     .when(decide.when())
//!     .adjust(decide.adjust())
//!     .await
//!     .inspect(|_| policy.on_success()) // a success gives the budget its refund
//!     .unwrap();
//! assert_eq!((key, calls.load(Ordering::SeqCst)), ("key material", 3));
//! # });
//! ```
//!
//! With the `tracing` feature, each retry [`Decide::adjust`] allows is a `DEBUG` event
//! (target `kms_errors`) with the attempt, the delay and the failure's OpenTelemetry fields.

use crate::{CatalogError, ClientError, Idempotent, RetryPolicy};
use std::time::Duration;

/// The delays of `policy` for backon: as many as its attempts allow (3 attempts: 2 delays),
/// each drawn as the policy draws its backoff (full jitter). With [`Decide::adjust`], the
/// delay waited is the policy's decision (a `Retry-After` instead, capped), and this only
/// ends the loop after the last attempt.
#[must_use]
pub fn backoff(policy: &RetryPolicy) -> PolicyBackoff {
    PolicyBackoff {
        policy: policy.clone(),
        next: 1,
    }
}

/// The delays of a [`RetryPolicy`], as a backon `Backoff` (an iterator of delays): see
/// [`backoff`].
#[derive(Clone, Debug)]
pub struct PolicyBackoff {
    policy: RetryPolicy,
    next: u32,
}

impl Iterator for PolicyBackoff {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        if self.next >= self.policy.max_attempts() {
            return None;
        }
        let delay = self.policy.backoff(self.next);
        self.next += 1;
        Some(delay)
    }
}

/// The retry decisions of a [`RetryPolicy`] for one request that is (not) [`Idempotent`],
/// as the closures backon's `when` and `adjust` take. Make one per request (or per
/// idempotency: each `adjust()` counts its own loop's attempts).
#[derive(Clone, Debug)]
pub struct Decide {
    policy: RetryPolicy,
    idempotent: Idempotent,
}

impl Decide {
    /// Decides by `policy` (a clone: its budget is shared) for a request that is (not)
    /// `idempotent`.
    #[must_use]
    pub fn new(policy: &RetryPolicy, idempotent: Idempotent) -> Self {
        Decide {
            policy: policy.clone(),
            idempotent,
        }
    }

    /// For backon's `when`: whether the error is worth retrying for this request (its
    /// [`ClientError::retry`] decision and the request's idempotency). Attempts and the
    /// budget are [`Decide::adjust`]'s.
    pub fn when<E: CatalogError>(&self) -> impl FnMut(&ClientError<E>) -> bool {
        let idempotent = self.idempotent;
        move |err| err.retry().allows(idempotent.0)
    }

    /// For backon's `adjust`: the wait before the next attempt, [`RetryPolicy::next_delay`]
    /// (`Retry-After` capped, else the policy's backoff; the budget's tokens taken), or
    /// `None` to stop and return the error (not worth retrying, the last attempt, no
    /// budget left, or the backoff ended). Counts the attempts of one loop: call it for each
    /// loop.
    pub fn adjust<E: CatalogError>(
        &self,
    ) -> impl FnMut(&ClientError<E>, Option<Duration>) -> Option<Duration> {
        let policy = self.policy.clone();
        let idempotent = self.idempotent;
        let mut attempt = 0;
        move |err, backoff| {
            backoff?;
            attempt += 1;
            let delay = policy.next_delay(attempt, err, idempotent)?;
            #[cfg(feature = "tracing")]
            crate::external::tracing::retrying(err, attempt, delay);
            Some(delay)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorResponse, TransportError, TransportKind};

    const MS: Duration = Duration::from_millis(1);

    fn api(status: u16, code: &str) -> ClientError {
        let body = format!(r#"{{"error_code":"{code}"}}"#);
        ErrorResponse::parse(status, body.as_bytes(), None).into()
    }

    #[test]
    fn the_backoff_is_the_policys() {
        let p = RetryPolicy::default()
            .with_max_attempts(4)
            .with_backoff(100 * MS, 150 * MS);
        let delays: Vec<Duration> = backoff(&p).collect();
        assert_eq!(delays.len(), 3);
        assert!(delays[0] <= 100 * MS && delays[1] <= 150 * MS && delays[2] <= 150 * MS);
        assert_eq!(backoff(&p.with_max_attempts(1)).count(), 0);
    }

    #[test]
    fn when_and_adjust_decide_by_the_catalog() {
        let p = RetryPolicy::default()
            .with_backoff(MS, 5 * MS)
            .without_budget();
        let no = Decide::new(&p, Idempotent(false));
        let yes = Decide::new(&p, Idempotent(true));
        let timeout: ClientError = TransportError::new(TransportKind::Timeout, "x").into();
        assert!(!no.when()(&timeout) && yes.when()(&timeout));
        assert!(!yes.when()(&api(400, "KMS.1105"))); // a quota
        let unavailable = api(503, "KMS.0104");
        let mut adjust = no.adjust();
        assert!(adjust(&unavailable, Some(MS)).is_some()); // after attempt 1
        assert!(adjust(&unavailable, Some(MS)).is_some()); // after attempt 2
        assert_eq!(adjust(&unavailable, Some(MS)), None); // 3 attempts
                                                          // A fresh closure counts a fresh loop; the backoff's end ends it.
        assert!(no.adjust()(&unavailable, Some(MS)).is_some());
        assert_eq!(no.adjust()(&unavailable, None), None);
        // Retry-After, capped.
        let throttled: ClientError = ErrorResponse::parse_with_headers(
            429,
            br#"{"error_code":"APIG.0308"}"#,
            crate::Headers {
                request_id: None,
                retry_after: Some("864000"),
            },
        )
        .into();
        let capped = Decide::new(&p.clone().with_max_retry_after(7 * MS), Idempotent(false));
        assert_eq!(capped.adjust()(&throttled, Some(MS)), Some(7 * MS));
    }
}
