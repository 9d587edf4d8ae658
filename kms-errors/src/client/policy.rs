//! [`RetryPolicy`]: how often and how long to wait before sending a request again;
//! [`RetryBudget`]: how much extra load a client's retries may put on a failing service.

use super::ClientError;
use crate::{CatalogError, Retry};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Whether a request may be carried out twice without harm: a read, a `PUT` of a whole
/// resource, a request with an idempotency token. A request that is not (a create, an
/// encrypt whose result must not be produced twice) is retried only when it surely did not
/// take effect ([`Retry::Yes`], [`Retry::Throttled`]).
///
/// The adapters take it per request: an argument, or a request extension
/// (`req.extensions_mut().insert(Idempotent(true))`) that overrides the HTTP method's
/// idempotency (RFC 9110: `GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE` are; `POST` and `PATCH`
/// are not; most KMS calls are `POST`s).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Idempotent(pub bool);

impl Idempotent {
    /// The idempotency RFC 9110 gives a request's method (`"GET"`, `"POST"`...).
    #[must_use]
    pub fn of_method(method: &str) -> Idempotent {
        Idempotent(matches!(
            method,
            "GET" | "HEAD" | "OPTIONS" | "TRACE" | "PUT" | "DELETE"
        ))
    }
}

/// A retry quota shared by a client's requests (as AWS's standard retry mode's): each retry
/// takes tokens, each success gives one back; when the tokens run out, failures are returned
/// at once instead of retried. So a service that fails every request gets at most the
/// budget's worth of extra attempts, however many requests are in flight, while occasional
/// failures are retried as usual.
///
/// Clones share the tokens: give every policy of a client the same budget.
///
/// ```
/// use kms_errors::RetryBudget;
///
/// let budget = RetryBudget::new(500); // AWS's: 5 tokens a retry, 10 after a timeout
/// assert_eq!(budget.available(), 500);
/// ```
#[derive(Clone, Debug)]
pub struct RetryBudget {
    inner: Arc<Budget>,
}

#[derive(Debug)]
struct Budget {
    tokens: AtomicU32,
    capacity: u32,
    retry_cost: u32,
    timeout_cost: u32,
    refund: u32,
}

impl RetryBudget {
    /// A full budget of `capacity` tokens: a retry costs 5, a retry after a timeout 10, a
    /// success gives 1 back (up to `capacity`).
    #[must_use]
    pub fn new(capacity: u32) -> Self {
        RetryBudget::with_costs(capacity, 5, 10, 1)
    }

    /// A full budget of `capacity` tokens with other costs: `retry` tokens a retry,
    /// `timeout` after a timeout, `refund` back per success.
    #[must_use]
    pub fn with_costs(capacity: u32, retry: u32, timeout: u32, refund: u32) -> Self {
        RetryBudget {
            inner: Arc::new(Budget {
                tokens: AtomicU32::new(capacity),
                capacity,
                retry_cost: retry,
                timeout_cost: timeout,
                refund,
            }),
        }
    }

    /// The tokens left.
    #[must_use]
    pub fn available(&self) -> u32 {
        self.inner.tokens.load(Ordering::Relaxed)
    }

    /// Takes the cost of a retry (after a timeout or not), if there are enough tokens.
    fn withdraw(&self, timeout: bool) -> bool {
        let b = &self.inner;
        let cost = if timeout {
            b.timeout_cost
        } else {
            b.retry_cost
        };
        b.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
    }

    /// Gives a success's refund back, up to the capacity.
    fn deposit(&self) {
        let b = &self.inner;
        let _ = b
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(b.refund).min(b.capacity))
            });
    }
}

impl Default for RetryBudget {
    /// AWS's standard mode: 500 tokens.
    fn default() -> Self {
        RetryBudget::new(500)
    }
}

/// How a client retries: the most attempts, exponential backoff with full jitter, the cap
/// on `Retry-After`, and a shared [`RetryBudget`]. What to retry is the error's
/// [`Retry`] decision (the catalog's, for API errors) and the request's [`Idempotent`]-ness.
///
/// The defaults are AWS's standard mode: 3 attempts; before retry `n`, a random delay in
/// `0..=min(20 s, 1 s · 2^(n-1))` ("full jitter", so that clients failing together do not
/// retry together); a budget of 500 tokens. A `Retry-After` the server sends is waited
/// instead, up to 20 s: a hostile or mistaken `Retry-After: 864000` never stalls a client.
///
/// The backoff is computed here, with `fastrand` for the jitter: backon's jitter adds a
/// random part to the delay rather than drawing the whole delay (AWS's full jitter), and
/// `retry-policies`, which has full jitter, brings in `rand`.
///
/// ```
/// use kms_errors::{ClientError, ErrorResponse, Idempotent, RetryBudget, RetryPolicy};
/// use std::time::Duration;
///
/// let policy = RetryPolicy::default()
///     .with_max_attempts(4)
///     .with_backoff(Duration::from_millis(100), Duration::from_secs(5))
///     .with_budget(RetryBudget::new(100));
/// let unavailable: ClientError =
///     ErrorResponse::parse(503, br#"{"error_code":"KMS.0104"}"#, None).into();
/// let delay = policy.next_delay(1, &unavailable, Idempotent(false)).unwrap();
/// assert!(delay <= Duration::from_millis(100));
/// // The fourth attempt was the last.
/// assert_eq!(policy.next_delay(4, &unavailable, Idempotent(false)), None);
/// ```
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    max_attempts: u32,
    base: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    budget: Option<RetryBudget>,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff from 1 s capped at 20 s, `Retry-After` capped at 20 s, a budget
    /// of 500 tokens of its own (share one with [`RetryPolicy::with_budget`]).
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(20),
            budget: Some(RetryBudget::default()),
        }
    }
}

impl RetryPolicy {
    /// At most `attempts` attempts in all (the first included; at least 1). The vendor
    /// advises 3 to 5.
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Backoff before retry `n`: a random delay up to `min(max, base · 2^(n-1))`.
    #[must_use]
    pub fn with_backoff(mut self, base: Duration, max: Duration) -> Self {
        self.base = base;
        self.max_delay = max;
        self
    }

    /// The longest `Retry-After` waited; a longer one is waited this long.
    #[must_use]
    pub fn with_max_retry_after(mut self, cap: Duration) -> Self {
        self.max_retry_after = cap;
        self
    }

    /// Retries take tokens from `budget`, shared with every policy given a clone of it.
    #[must_use]
    pub fn with_budget(mut self, budget: RetryBudget) -> Self {
        self.budget = Some(budget);
        self
    }

    /// No budget: every retryable failure is retried up to the most attempts.
    #[must_use]
    pub fn without_budget(mut self) -> Self {
        self.budget = None;
        self
    }

    /// The most attempts.
    #[must_use]
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The budget, if any.
    #[must_use]
    pub fn budget(&self) -> Option<&RetryBudget> {
        self.budget.as_ref()
    }

    /// After attempt number `attempt` (from 1) failed with `err`: how long to wait before
    /// the next attempt, or `None` to give up and return `err`. `None` when the error is
    /// not worth retrying for a request that is (not) `idempotent`, when `attempt` was the
    /// last, or when the budget has no tokens left for it (else they are taken).
    pub fn next_delay<E: CatalogError>(
        &self,
        attempt: u32,
        err: &ClientError<E>,
        idempotent: Idempotent,
    ) -> Option<Duration> {
        self.delay_for(
            attempt,
            err.retry(),
            err.retry_after(),
            err.is_timeout(),
            idempotent,
        )
    }

    /// [`RetryPolicy::next_delay`] from the parts of a failure: its decision, the delay the
    /// server asked for, and whether it was a timeout.
    pub fn delay_for(
        &self,
        attempt: u32,
        retry: Retry,
        retry_after: Option<Duration>,
        timeout: bool,
        idempotent: Idempotent,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts || !retry.allows(idempotent.0) {
            return None;
        }
        if let Some(budget) = &self.budget {
            if !budget.withdraw(timeout) {
                return None;
            }
        }
        Some(match retry_after {
            Some(asked) => asked.min(self.max_retry_after),
            None => self.backoff(attempt),
        })
    }

    /// After a request succeeded: gives the budget its refund.
    pub fn on_success(&self) {
        if let Some(budget) = &self.budget {
            budget.deposit();
        }
    }

    /// Full jitter: a random delay in `0..=min(max, base · 2^(attempt-1))`.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self.ceiling(attempt);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }

    /// `min(max, base · 2^(attempt-1))`, without overflow.
    fn ceiling(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(63);
        self.base
            .checked_mul(1u32.checked_shl(doublings).unwrap_or(u32::MAX))
            .map_or(self.max_delay, |d| d.min(self.max_delay))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorResponse, Headers, TransportError, TransportKind};

    fn api(status: u16, code: &str, retry_after: Option<&str>) -> ClientError {
        let body = format!(r#"{{"error_code":"{code}"}}"#);
        let headers = Headers {
            request_id: None,
            retry_after,
        };
        ErrorResponse::parse_with_headers(status, body.as_bytes(), headers).into()
    }

    fn transport(kind: TransportKind) -> ClientError {
        TransportError::new(kind, "x").into()
    }

    const MS: Duration = Duration::from_millis(1);

    fn quick() -> RetryPolicy {
        RetryPolicy::default()
            .with_backoff(100 * MS, 1000 * MS)
            .without_budget()
    }

    #[test]
    fn what_is_retried_and_how_often() {
        let p = quick();
        let (yes, no) = (Idempotent(true), Idempotent(false));
        // Connection refused: not sent, retried either way.
        assert!(p
            .next_delay(1, &transport(TransportKind::Connect), no)
            .is_some());
        // A timeout: only an idempotent request.
        assert!(p
            .next_delay(1, &transport(TransportKind::Timeout), no)
            .is_none());
        assert!(p
            .next_delay(1, &transport(TransportKind::Timeout), yes)
            .is_some());
        // A quota arriving as 500: never.
        assert!(p.next_delay(1, &api(500, "CSMS.0201", None), yes).is_none());
        // "Try again later" at 400: yes.
        assert!(p.next_delay(1, &api(400, "KMS.0323", None), no).is_some());
        // The gateway: backend unavailable (502) yes, backend timeout (504) idempotent only.
        assert!(p.next_delay(1, &api(502, "APIG.0201", None), no).is_some());
        assert!(p.next_delay(1, &api(504, "APIG.0201", None), no).is_none());
        assert!(p.next_delay(1, &api(504, "APIG.0201", None), yes).is_some());
        // 3 attempts: after the third, give up.
        let e = api(503, "KMS.0104", None);
        assert!(p.next_delay(2, &e, no).is_some());
        assert!(p.next_delay(3, &e, no).is_none());
        assert!(quick().with_max_attempts(5).next_delay(4, &e, no).is_some());
        assert!(quick().with_max_attempts(0).next_delay(1, &e, no).is_none());
        assert_eq!(quick().with_max_attempts(0).max_attempts(), 1);
    }

    #[test]
    fn full_jitter_within_the_exponential_ceiling() {
        let p = quick();
        for (attempt, ceiling) in [
            (1, 100),
            (2, 200),
            (3, 400),
            (4, 800),
            (5, 1000),
            (99, 1000),
        ] {
            assert_eq!(p.ceiling(attempt), ceiling * MS, "{attempt}");
            let delays: Vec<Duration> = (0..200).map(|_| p.backoff(attempt)).collect();
            assert!(delays.iter().all(|d| *d <= ceiling * MS), "{attempt}");
            // Full jitter: the whole range is drawn, not a band near the ceiling.
            assert!(delays.iter().any(|d| *d < ceiling * MS / 4), "{attempt}");
            assert!(
                delays.iter().any(|d| *d > ceiling * MS * 3 / 4),
                "{attempt}"
            );
        }
        // No overflow with a huge base.
        let huge = RetryPolicy::default().with_backoff(Duration::MAX, Duration::MAX);
        assert_eq!(huge.ceiling(60), Duration::MAX);
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let p = quick().with_max_retry_after(3 * MS * 1000);
        let no = Idempotent(false);
        let asked = p.next_delay(1, &api(429, "APIG.0308", Some("1")), no);
        assert_eq!(asked, Some(Duration::from_secs(1)));
        let hostile = p.next_delay(1, &api(429, "APIG.0308", Some("864000")), no);
        assert_eq!(hostile, Some(Duration::from_secs(3)));
        // The default cap is 20 s.
        let hostile =
            RetryPolicy::default().next_delay(1, &api(429, "APIG.0308", Some("864000")), no);
        assert_eq!(hostile, Some(Duration::from_secs(20)));
        // Not retryable: Retry-After changes nothing.
        assert_eq!(p.next_delay(1, &api(400, "KMS.1105", Some("1")), no), None);
    }

    #[test]
    fn the_budget_bounds_retries_and_successes_refill_it() {
        let budget = RetryBudget::new(20);
        let p = quick().with_budget(budget.clone());
        let other = quick().with_budget(budget.clone()); // shares the tokens
        let e = api(503, "KMS.0104", None);
        let no = Idempotent(false);
        assert!(p.next_delay(1, &e, no).is_some()); // 15 left
        assert!(other.next_delay(1, &e, no).is_some()); // 10
        assert_eq!(budget.available(), 10);
        // A timeout costs 10.
        assert!(p
            .next_delay(1, &transport(TransportKind::Timeout), Idempotent(true))
            .is_some());
        assert_eq!(budget.available(), 0);
        assert!(p.next_delay(1, &e, no).is_none());
        // Not retryable: no token taken, so none needed.
        assert!(p.next_delay(1, &api(404, "KMS.0207", None), no).is_none());
        for _ in 0..5 {
            p.on_success();
        }
        assert_eq!(budget.available(), 5);
        assert!(other.next_delay(1, &e, no).is_some());
        assert_eq!(budget.available(), 0);
        // Refunds stop at the capacity.
        for _ in 0..100 {
            p.on_success();
        }
        assert_eq!(budget.available(), 20);
        assert_eq!(p.budget().map(RetryBudget::available), Some(20));
        assert!(quick().budget().is_none());
        assert_eq!(
            RetryPolicy::default().budget().map(RetryBudget::available),
            Some(500)
        );
    }

    #[test]
    fn methods_give_idempotency() {
        for m in ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"] {
            assert_eq!(Idempotent::of_method(m), Idempotent(true), "{m}");
        }
        for m in ["POST", "PATCH", "CONNECT", "get"] {
            assert_eq!(Idempotent::of_method(m), Idempotent(false), "{m}");
        }
    }
}
