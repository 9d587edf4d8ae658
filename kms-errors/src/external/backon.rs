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
//! * [`Decide`], one per request: [`Decide::when`] (the error's [`Retry`](crate::Retry)
//!   decision allows it for this request), [`Decide::adjust`] ([`RetryPolicy::next_delay`]:
//!   `Retry-After` up to the cap, else the backoff; the budget's tokens taken; `None` to stop
//!   and return the error) and [`Decide::succeeded`], which gives the budget its due once
//!   the loop succeeded (backon has no hook for a success).
//!
//! The loop does not see the request, so its idempotency is given to [`Decide::new`], as
//! to [`retry_blocking`](crate::retry_blocking): `Idempotent::of_method("POST")` for the
//! method's (as every adapter that sees the request takes it), or `Idempotent::YES` /
//! `Idempotent::NO` to say more.
//!
//! ```
//! use backon::Retryable;
//! use kms_errors::backon::{backoff, Decide};
//! use kms_errors::{ClientError, ErrorResponse, Idempotent, RetryPolicy};
//! use std::sync::atomic::{AtomicU32, Ordering};
//! use std::time::Duration;
//!
//! # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
//! // Once per client, cloned into its tasks: they share its budget.
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
//! let decide = Decide::new(&policy, Idempotent::of_method("POST"));
//! let key = describe_key
//!     .retry(backoff(&policy)) // backon's `tokio-sleep` feature, or `.sleep(tokio::time::sleep)`
//!     .when(decide.when())
//!     .adjust(decide.adjust())
//!     .await
//!     .inspect(|_| decide.succeeded()) // the budget's due for a success
//!     .unwrap();
//! assert_eq!((key, calls.load(Ordering::SeqCst)), ("key material", 3));
//! # });
//! ```
//!
//! With the `tracing` feature, each retry [`Decide::adjust`] allows is a `DEBUG` event
//! (target `kms_errors`) with the attempt, the delay and the failure's OpenTelemetry fields.

use crate::{Attempts, CatalogError, ClientError, Idempotent, RetryPolicy};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The delays of `policy` for backon: as many as its attempts allow (3 attempts: 2 delays),
/// each drawn as the policy draws its backoff (full jitter). With [`Decide::adjust`], the
/// delay waited is the policy's decision (a `Retry-After` instead, up to the cap), and this
/// only ends the loop after the last attempt.
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
/// as the closures backon's `when` and `adjust` take, and the budget's due once it
/// succeeded ([`Decide::succeeded`]). Make one per request: it keeps the request's
/// [`Attempts`] (a `Decide` used again for the next request, in turn, starts over with each
/// [`Decide::adjust`]; requests at the same time each need their own).
#[derive(Clone, Debug)]
pub struct Decide {
    policy: RetryPolicy,
    idempotent: Idempotent,
    attempts: Arc<Mutex<Attempts>>,
}

impl Decide {
    /// Decides by `policy` (a clone: its budget is shared) for a request that is (not)
    /// `idempotent`.
    #[must_use]
    pub fn new(policy: &RetryPolicy, idempotent: Idempotent) -> Self {
        Decide {
            policy: policy.clone(),
            idempotent,
            attempts: Arc::new(Mutex::new(Attempts::new())),
        }
    }

    /// The policy.
    #[must_use]
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// For backon's `when`: whether the error is worth retrying for this request (its
    /// [`ClientError::retry`] decision and the request's idempotency). Attempts, the
    /// `Retry-After` cap and the budget are [`Decide::adjust`]'s.
    pub fn when<E: CatalogError>(&self) -> impl FnMut(&ClientError<E>) -> bool {
        let idempotent = self.idempotent;
        move |err| err.retry().allows(idempotent.get())
    }

    /// For backon's `adjust`: the wait before the next attempt, [`RetryPolicy::next_delay`]
    /// (`Retry-After` up to the cap, else the policy's backoff; the budget's tokens taken),
    /// or `None` to stop and return the error (not worth retrying, the last attempt, a
    /// `Retry-After` beyond the cap, no budget left, or the backoff ended). Starts the
    /// request's [`Attempts`] over: call it for each loop.
    pub fn adjust<E: CatalogError>(
        &self,
    ) -> impl FnMut(&ClientError<E>, Option<Duration>) -> Option<Duration> {
        *self.lock() = Attempts::new();
        let policy = self.policy.clone();
        let idempotent = self.idempotent;
        let attempts = Arc::clone(&self.attempts);
        move |err, backoff| {
            backoff?;
            let mut attempts = attempts.lock().unwrap_or_else(PoisonError::into_inner);
            let attempt = attempts.number();
            let delay = policy.next_delay(&mut attempts, err, idempotent)?;
            crate::client::retrying(err, attempt, delay);
            Some(delay)
        }
    }

    /// After the loop succeeded: gives the policy's budget its due for this request
    /// ([`RetryPolicy::on_success`]: 1 token for a first-try success, what its last retry
    /// took after retries).
    pub fn succeeded(&self) {
        self.policy.on_success(&self.lock());
    }

    /// The request's attempts so far.
    #[must_use]
    pub fn attempts(&self) -> Attempts {
        *self.lock()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Attempts> {
        self.attempts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorResponse, Headers, RetryBudget, TransportError, TransportKind};

    const MS: Duration = Duration::from_millis(1);

    fn api(status: u16, code: &str) -> ClientError {
        let body = format!(r#"{{"error_code":"{code}"}}"#);
        ErrorResponse::parse(status, body.as_bytes(), None).into()
    }

    #[test]
    fn the_backoff_is_the_policys() {
        let p = RetryPolicy::default()
            .with_max_attempts(4)
            .with_backoff(100 * MS, 150 * MS)
            .without_budget();
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
        let no = Decide::new(&p, Idempotent::NO);
        let yes = Decide::new(&p, Idempotent::YES);
        let timeout: ClientError = TransportError::new(TransportKind::Timeout, "x").into();
        assert!(!no.when()(&timeout) && yes.when()(&timeout));
        assert!(!yes.when()(&api(400, "KMS.1105"))); // a quota
        let unavailable = api(503, "KMS.0104");
        let mut adjust = no.adjust();
        assert!(adjust(&unavailable, Some(MS)).is_some()); // after attempt 1
        assert!(adjust(&unavailable, Some(MS)).is_some()); // after attempt 2
        assert_eq!(adjust(&unavailable, Some(MS)), None); // 3 attempts
        assert_eq!(no.attempts().number(), 3);
        // A fresh closure counts a fresh loop; the backoff's end ends it.
        assert!(no.adjust()(&unavailable, Some(MS)).is_some());
        assert_eq!(no.adjust()(&unavailable, None), None);
        // Retry-After up to the cap; beyond it, not retried.
        let throttled = |after: &str| -> ClientError {
            ErrorResponse::parse_with_headers(
                429,
                br#"{"error_code":"APIG.0308"}"#,
                Headers::new().with_retry_after(after),
            )
            .into()
        };
        let capped = Decide::new(&p.clone().with_max_retry_after(7 * MS), Idempotent::NO);
        assert_eq!(
            capped.adjust()(&throttled("0"), Some(MS)),
            Some(Duration::ZERO)
        );
        assert_eq!(capped.adjust()(&throttled("864000"), Some(MS)), None);
    }

    #[test]
    fn a_success_gives_the_budget_its_due() {
        let budget = RetryBudget::new(500);
        let p = RetryPolicy::default()
            .with_backoff(MS, 5 * MS)
            .with_budget(budget.clone());
        let decide = Decide::new(&p, Idempotent::NO);
        let mut adjust = decide.adjust();
        assert!(adjust(&api(503, "KMS.0104"), Some(MS)).is_some());
        assert!(adjust(&api(503, "KMS.0104"), Some(MS)).is_some());
        assert_eq!(budget.available(), 490);
        decide.succeeded(); // the last retry's 5 back
        assert_eq!(budget.available(), 495);
        let _ = decide.adjust::<crate::KmsError>(); // the next request, at its first attempt
        decide.succeeded();
        assert_eq!(budget.available(), 496);
    }
}
