//! [`RetryPolicy`]: how often and how long to wait before sending a request again;
//! [`RetryBudget`]: how much extra load a client's retries may put on a failing service;
//! [`Attempts`]: where one request is in its retries; [`Idempotent`]: whether it may be
//! carried out twice.

use super::ClientError;
use crate::{CatalogError, Retry};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Whether a request may be carried out twice without harm: a read, a `PUT` of a whole
/// resource, a request with an idempotency token. A request that is not (a create, an
/// encrypt whose result must not be produced twice) is retried only when it surely did not
/// take effect ([`Retry::Yes`], [`Retry::Throttled`]).
///
/// **One model in every adapter.** A request's idempotency is its HTTP method's, as RFC 9110
/// defines idempotent methods ([`Idempotent::of_method`]: `GET`, `HEAD`, `OPTIONS`, `TRACE`,
/// `PUT` and `DELETE` are; `POST`, `PATCH` and `CONNECT` are not; most KMS calls are
/// `POST`s), unless an `Idempotent` says otherwise:
///
/// * the adapters that send the request read an `Idempotent` in its extensions:
///   `kms_errors::reqwest::send` (set with `kms_errors::reqwest::WithExtension`),
///   reqwest-middleware's `RetryMiddleware` (`.with_extension(Idempotent::YES)`), tower's
///   `Policy` (`req.extensions_mut().insert(Idempotent::YES)`), `kms_errors::ureq::send`
///   (`http::Request::post(url).extension(Idempotent::YES)`);
/// * the loops that never see the request, [`retry_blocking`](crate::retry_blocking) and
///   `kms_errors::backon::Decide`, take the value itself:
///   `Idempotent::of_method("GET")`, or `Idempotent::YES` to say more than the method.
///
/// ```
/// use kms_errors::Idempotent;
///
/// assert_eq!(Idempotent::of_method("GET"), Idempotent::YES);
/// assert_eq!(Idempotent::of_method("POST"), Idempotent::NO);
/// assert!(Idempotent::new(true).get());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Idempotent(bool);

impl Idempotent {
    /// The request may be carried out twice.
    pub const YES: Idempotent = Idempotent(true);
    /// The request must not be carried out twice (the default).
    pub const NO: Idempotent = Idempotent(false);

    /// [`Idempotent::YES`] when `idempotent`, else [`Idempotent::NO`].
    #[must_use]
    pub const fn new(idempotent: bool) -> Idempotent {
        Idempotent(idempotent)
    }

    /// Whether the request may be carried out twice.
    #[must_use]
    pub const fn get(self) -> bool {
        self.0
    }

    /// The idempotency RFC 9110 gives a request's method (`"GET"`, `"POST"`...; methods are
    /// case-sensitive: `"get"` is not `GET`).
    #[must_use]
    pub fn of_method(method: &str) -> Idempotent {
        Idempotent(matches!(
            method,
            "GET" | "HEAD" | "OPTIONS" | "TRACE" | "PUT" | "DELETE"
        ))
    }

    /// A request's idempotency as every adapter reads it: the [`Idempotent`] in its
    /// extensions if it has one, else its method's (feature `http`).
    #[cfg(feature = "http")]
    #[must_use]
    pub fn of_request<B>(request: &http::Request<B>) -> Idempotent {
        Idempotent::of_parts(request.method(), request.extensions())
    }

    /// [`Idempotent::of_request`] from a request's method and extensions.
    #[cfg(any(feature = "http", feature = "reqwest", feature = "ureq"))]
    pub(crate) fn of_parts(method: &http::Method, extensions: &http::Extensions) -> Idempotent {
        extensions
            .get::<Idempotent>()
            .copied()
            .unwrap_or_else(|| Idempotent::of_method(method.as_str()))
    }
}

/// A retry quota shared by a client's requests: the retry quota of the AWS SDKs' standard
/// retry mode, token for token.
///
/// * A retry takes 5 tokens, or 10 when the attempt before it timed out; when the tokens
///   are not there, the failure is returned at once instead of retried.
/// * A request that succeeds at its first attempt gives 1 token back.
/// * A request that succeeds after retries gives back what its last retry took (5, or 10
///   after a timeout); its earlier retries stay spent. A request that fails in the end
///   gives nothing back.
/// * The tokens never exceed the capacity (500 by default).
///
/// So a service that fails every request gets at most the budget's worth of extra attempts
/// (100 retries of 5 tokens), however many requests are in flight, while occasional
/// failures are retried as usual and successes refill it.
///
/// **Whose tokens.** Clones share the tokens. [`RetryPolicy::default`] uses the
/// process-wide budget, [`RetryBudget::global`], so that policies built per call (`send(req,
/// &RetryPolicy::default())`) still share one budget; a client that wants its own gives its
/// policy `RetryBudget::new(500)` with [`RetryPolicy::with_budget`] (and shares that policy,
/// or clones of it, between its requests).
///
/// ```
/// use kms_errors::{RetryBudget, RetryPolicy};
///
/// let own = RetryBudget::new(500); // AWS's: 5 tokens a retry, 10 after a timeout
/// assert_eq!((own.available(), own.capacity()), (500, 500));
/// let policy = RetryPolicy::default().with_budget(own.clone());
/// assert!(policy.budget().unwrap().shares_with(&own));
/// // Without `with_budget`, every policy draws from the process-wide budget.
/// assert!(RetryPolicy::default().budget().unwrap().shares_with(&RetryBudget::global()));
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
    first_try_deposit: u32,
}

impl RetryBudget {
    /// A full budget of `capacity` tokens of its own, with AWS's costs: a retry costs 5, a
    /// retry after a timeout 10; a first-try success gives 1 back, a success after retries
    /// what its last retry took.
    #[must_use]
    pub fn new(capacity: u32) -> Self {
        RetryBudget::with_costs(capacity, 5, 10, 1)
    }

    /// A full budget of `capacity` tokens of its own with other costs: `retry` tokens a
    /// retry, `timeout` a retry after a timeout, `first_try` back per first-try success (a
    /// success after retries gives back what its last retry took, as with [`RetryBudget::new`]).
    #[must_use]
    pub fn with_costs(capacity: u32, retry: u32, timeout: u32, first_try: u32) -> Self {
        RetryBudget {
            inner: Arc::new(Budget {
                tokens: AtomicU32::new(capacity),
                capacity,
                retry_cost: retry,
                timeout_cost: timeout,
                first_try_deposit: first_try,
            }),
        }
    }

    /// The process-wide budget (500 tokens, AWS's costs), made on first use: the budget of
    /// every [`RetryPolicy::default`] that was not given another, so that every such policy
    /// in the process shares it, as the AWS SDKs' clients share theirs.
    #[must_use]
    pub fn global() -> RetryBudget {
        static GLOBAL: OnceLock<RetryBudget> = OnceLock::new();
        GLOBAL.get_or_init(|| RetryBudget::new(500)).clone()
    }

    /// The tokens left.
    #[must_use]
    pub fn available(&self) -> u32 {
        self.inner.tokens.load(Ordering::Relaxed)
    }

    /// The most tokens it holds (and starts with).
    #[must_use]
    pub fn capacity(&self) -> u32 {
        self.inner.capacity
    }

    /// Whether `other` is this budget (a clone of it): the same tokens.
    #[must_use]
    pub fn shares_with(&self, other: &RetryBudget) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// Takes the cost of a retry (after a timeout or not), if there are enough tokens: the
    /// tokens taken.
    fn withdraw(&self, timeout: bool) -> Option<u32> {
        let b = &self.inner;
        let cost = if timeout {
            b.timeout_cost
        } else {
            b.retry_cost
        };
        b.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .ok()
            .map(|_| cost)
    }

    /// Gives `tokens` back, up to the capacity.
    fn deposit(&self, tokens: u32) {
        let b = &self.inner;
        let _ = b
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(tokens).min(b.capacity))
            });
    }
}

impl Default for RetryBudget {
    /// A budget of its own of 500 tokens ([`RetryBudget::new`]); the process-wide one is
    /// [`RetryBudget::global`].
    fn default() -> Self {
        RetryBudget::new(500)
    }
}

/// Where one request is in its retries: the number of the attempt being made (from 1) and
/// the tokens its last retry took from the budget, so that its success gives back what the
/// budget's accounting says ([`RetryPolicy::on_success`]). Start one per request; the
/// adapters do.
///
/// ```
/// use kms_errors::{Attempts, ClientError, ErrorResponse, Idempotent, RetryBudget, RetryPolicy};
/// use std::time::Duration;
///
/// let budget = RetryBudget::new(500);
/// let policy = RetryPolicy::default()
///     .with_backoff(Duration::from_millis(1), Duration::from_millis(5))
///     .with_budget(budget.clone());
/// let unavailable: ClientError =
///     ErrorResponse::parse(503, br#"{"error_code":"KMS.0104"}"#, None).into();
///
/// let mut attempts = Attempts::new();
/// assert!(policy.next_delay(&mut attempts, &unavailable, Idempotent::NO).is_some());
/// assert_eq!((attempts.number(), budget.available()), (2, 495)); // a retry: 5 tokens
/// policy.on_success(&attempts); // the retried request succeeded: its 5 tokens come back
/// assert_eq!(budget.available(), 500);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempts {
    number: u32,
    withdrawn: u32,
}

impl Attempts {
    /// A request at its first attempt.
    #[must_use]
    pub const fn new() -> Attempts {
        Attempts {
            number: 1,
            withdrawn: 0,
        }
    }

    /// The number of the attempt being made, from 1.
    #[must_use]
    pub const fn number(&self) -> u32 {
        self.number
    }

    /// The tokens the last retry took from the budget (0 before any retry, or without a
    /// budget).
    #[must_use]
    pub const fn withdrawn(&self) -> u32 {
        self.withdrawn
    }
}

impl Default for Attempts {
    /// [`Attempts::new`].
    fn default() -> Self {
        Attempts::new()
    }
}

/// How a client retries: the most attempts, exponential backoff with full jitter, the
/// longest `Retry-After` it waits, and a [`RetryBudget`]. What to retry is the error's
/// [`Retry`] decision (the catalog's, for API errors) and the request's [`Idempotent`]-ness.
///
/// The defaults are AWS's standard retry mode: 3 attempts; before retry `n`, a random delay
/// in `0..=min(20 s, 1 s · 2^(n-1))` ("full jitter", so that clients failing together do
/// not retry together); the retry quota of [`RetryBudget`], from the process-wide budget
/// ([`RetryBudget::global`]). A `Retry-After` the server sends is waited instead of the
/// backoff, up to 20 s ([`RetryPolicy::with_max_retry_after`]); a longer one is not waited
/// at all: the error is returned at once, and its `retry_after()` says when the server
/// expects to take the request (a hostile or mistaken `Retry-After: 864000` never stalls a
/// client, nor does it earn a retry the server said it would refuse).
///
/// **One policy per client.** Build it once, next to the client, and pass it (or clones:
/// they share its budget) to every request and task. A policy built per call with
/// `RetryPolicy::default()` works too: it draws from the process-wide budget, so the
/// budget still bounds the extra load; [`RetryPolicy::with_budget`] gives a client a budget
/// of its own, which per-call policies would not share unless each is given a clone of it.
///
/// The backoff is computed here, with `fastrand` for the jitter: backon's jitter adds a
/// random part to the delay rather than drawing the whole delay (AWS's full jitter), and
/// `retry-policies`, which has full jitter, brings in `rand`.
///
/// ```
/// use kms_errors::{Attempts, ClientError, ErrorResponse, Idempotent, RetryBudget, RetryPolicy};
/// use std::time::Duration;
///
/// // Once per client; clones share the budget.
/// let policy = RetryPolicy::default()
///     .with_max_attempts(4)
///     .with_backoff(Duration::from_millis(100), Duration::from_secs(5))
///     .with_budget(RetryBudget::new(100));
/// let unavailable: ClientError =
///     ErrorResponse::parse(503, br#"{"error_code":"KMS.0104"}"#, None).into();
/// let mut attempts = Attempts::new();
/// let delay = policy.next_delay(&mut attempts, &unavailable, Idempotent::NO).unwrap();
/// assert!(delay <= Duration::from_millis(100));
/// // The fourth attempt is the last.
/// assert_eq!(policy.delay_for(4, unavailable.retry(), None, Idempotent::NO), None);
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
    /// 3 attempts, backoff from 1 s capped at 20 s, `Retry-After` waited up to 20 s, the
    /// process-wide budget ([`RetryBudget::global`]; a budget of its own with
    /// [`RetryPolicy::with_budget`]).
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(20),
            budget: Some(RetryBudget::global()),
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

    /// The longest `Retry-After` waited. A failure whose `Retry-After` is longer is not
    /// retried: it is returned at once, and its `retry_after()` says how long the server
    /// asked to wait.
    #[must_use]
    pub fn with_max_retry_after(mut self, cap: Duration) -> Self {
        self.max_retry_after = cap;
        self
    }

    /// Retries take tokens from `budget`, shared with every policy given a clone of it
    /// (instead of the process-wide budget).
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

    /// The longest `Retry-After` waited.
    #[must_use]
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// The budget, if any.
    #[must_use]
    pub fn budget(&self) -> Option<&RetryBudget> {
        self.budget.as_ref()
    }

    /// After the attempt `attempts` is at failed with `err`: how long to wait before the
    /// next attempt (then `attempts` counts it, and the budget's tokens for it are taken),
    /// or `None` to give up and return `err`: not worth retrying for a request that is (not)
    /// `idempotent`, the last attempt, a `Retry-After` beyond the cap, or not enough tokens
    /// left.
    pub fn next_delay<E: CatalogError>(
        &self,
        attempts: &mut Attempts,
        err: &ClientError<E>,
        idempotent: Idempotent,
    ) -> Option<Duration> {
        self.next_delay_for(
            attempts,
            err.retry(),
            err.retry_after(),
            err.is_timeout(),
            idempotent,
        )
    }

    /// [`RetryPolicy::next_delay`] from the parts of a failure: its decision, the delay the
    /// server asked for, and whether it was a timeout (a retry after one costs more).
    pub fn next_delay_for(
        &self,
        attempts: &mut Attempts,
        retry: Retry,
        retry_after: Option<Duration>,
        timeout: bool,
        idempotent: Idempotent,
    ) -> Option<Duration> {
        let delay = self.delay_for(attempts.number, retry, retry_after, idempotent)?;
        let withdrawn = match &self.budget {
            Some(budget) => budget.withdraw(timeout)?,
            None => 0,
        };
        attempts.number = attempts.number.saturating_add(1);
        attempts.withdrawn = withdrawn;
        Some(delay)
    }

    /// The policy's decision alone, the budget left untouched: after attempt number `attempt`
    /// (from 1) failed with a failure whose decision is `retry` and whose `Retry-After` is
    /// `retry_after`, the wait before the next attempt, or `None` to give up (not worth
    /// retrying for a request that is (not) `idempotent`, the last attempt, or a
    /// `Retry-After` beyond the cap).
    #[must_use]
    pub fn delay_for(
        &self,
        attempt: u32,
        retry: Retry,
        retry_after: Option<Duration>,
        idempotent: Idempotent,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts || !retry.allows(idempotent.get()) {
            return None;
        }
        match retry_after {
            Some(asked) if asked > self.max_retry_after => None,
            Some(asked) => Some(asked),
            None => Some(self.backoff(attempt)),
        }
    }

    /// After a request succeeded at `attempts`: the budget's refund, AWS's way. A first-try
    /// success gives 1 token back; a success after retries, the tokens its last retry took.
    pub fn on_success(&self, attempts: &Attempts) {
        if let Some(budget) = &self.budget {
            budget.deposit(if attempts.withdrawn > 0 {
                attempts.withdrawn
            } else if attempts.number == 1 {
                budget.inner.first_try_deposit
            } else {
                0
            });
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
        let headers = Headers::new().with_retry_after(retry_after);
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

    /// The decision after the first attempt failed with `err`.
    fn first(p: &RetryPolicy, err: &ClientError, idempotent: Idempotent) -> Option<Duration> {
        p.next_delay(&mut Attempts::new(), err, idempotent)
    }

    /// The decision after attempt `n` failed with `err` (the budget untouched).
    fn after(p: &RetryPolicy, n: u32, err: &ClientError, idempotent: Idempotent) -> bool {
        p.delay_for(n, err.retry(), err.retry_after(), idempotent)
            .is_some()
    }

    #[test]
    fn what_is_retried_and_how_often() {
        let p = quick();
        let (yes, no) = (Idempotent::YES, Idempotent::NO);
        // Connection refused: not sent, retried either way.
        assert!(first(&p, &transport(TransportKind::Connect), no).is_some());
        // TLS: never; it does not heal.
        assert!(first(&p, &transport(TransportKind::Tls), yes).is_none());
        // A timeout: only an idempotent request.
        assert!(first(&p, &transport(TransportKind::Timeout), no).is_none());
        assert!(first(&p, &transport(TransportKind::Timeout), yes).is_some());
        // A quota arriving as 500: never.
        assert!(first(&p, &api(500, "CSMS.0201", None), yes).is_none());
        // "Try again later" at 400: yes.
        assert!(first(&p, &api(400, "KMS.0323", None), no).is_some());
        // The gateway: backend unavailable (502) yes, backend timeout (504) idempotent only.
        assert!(first(&p, &api(502, "APIG.0201", None), no).is_some());
        assert!(first(&p, &api(504, "APIG.0201", None), no).is_none());
        assert!(first(&p, &api(504, "APIG.0201", None), yes).is_some());
        // 3 attempts: after the third, give up.
        let e = api(503, "KMS.0104", None);
        assert!(after(&p, 2, &e, no));
        assert!(!after(&p, 3, &e, no));
        assert!(after(&quick().with_max_attempts(5), 4, &e, no));
        assert!(!after(&quick().with_max_attempts(0), 1, &e, no));
        assert_eq!(quick().with_max_attempts(0).max_attempts(), 1);
        // `next_delay` counts the attempts.
        let mut attempts = Attempts::new();
        assert!(p.next_delay(&mut attempts, &e, no).is_some());
        assert!(p.next_delay(&mut attempts, &e, no).is_some());
        assert_eq!(attempts.number(), 3);
        assert!(p.next_delay(&mut attempts, &e, no).is_none());
        assert_eq!(attempts.number(), 3);
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
    fn retry_after_is_waited_up_to_the_cap_and_beyond_it_not_at_all() {
        let budget = RetryBudget::new(500);
        let p = quick()
            .with_max_retry_after(3 * MS * 1000)
            .with_budget(budget.clone());
        let no = Idempotent::NO;
        let asked = first(&p, &api(429, "APIG.0308", Some("1")), no);
        assert_eq!(asked, Some(Duration::from_secs(1)));
        let at_the_cap = first(&p, &api(429, "APIG.0308", Some("3")), no);
        assert_eq!(at_the_cap, Some(Duration::from_secs(3)));
        assert_eq!(budget.available(), 490);
        // Beyond the cap: returned at once, no token taken; the error says when.
        let hostile = api(429, "APIG.0308", Some("864000"));
        let mut attempts = Attempts::new();
        assert_eq!(p.next_delay(&mut attempts, &hostile, no), None);
        assert_eq!((attempts.number(), budget.available()), (1, 490));
        assert_eq!(hostile.retry_after(), Some(Duration::from_secs(864_000)));
        // The default cap is 20 s.
        let p = RetryPolicy::default().without_budget();
        assert_eq!(p.max_retry_after(), Duration::from_secs(20));
        assert_eq!(first(&p, &api(429, "APIG.0308", Some("21")), no), None);
        assert_eq!(
            first(&p, &api(429, "APIG.0308", Some("20")), no),
            Some(Duration::from_secs(20))
        );
        // Not retryable: Retry-After changes nothing.
        assert_eq!(first(&quick(), &api(400, "KMS.1105", Some("1")), no), None);
    }

    /// The retry quota of the AWS SDKs' standard mode, token for token.
    #[test]
    fn the_budget_counts_as_aws_does() {
        let budget = RetryBudget::new(500);
        let p = quick().with_budget(budget.clone());
        let other = quick().with_budget(budget.clone()); // shares the tokens
        let e = api(503, "KMS.0104", None);
        let timeout = transport(TransportKind::Timeout);
        let (no, yes) = (Idempotent::NO, Idempotent::YES);

        // A first-try success: +1, up to the capacity.
        p.on_success(&Attempts::new());
        assert_eq!(budget.available(), 500);

        // A request retried twice (5 + 5), then a success: the last retry's 5 come back.
        let mut a = Attempts::new();
        assert!(p.next_delay(&mut a, &e, no).is_some());
        assert!(other.next_delay(&mut a, &e, no).is_some());
        assert_eq!((budget.available(), a.withdrawn()), (490, 5));
        p.on_success(&a);
        assert_eq!(budget.available(), 495);

        // After a timeout a retry costs 10, and its success gives the 10 back.
        let mut a = Attempts::new();
        assert!(p.next_delay(&mut a, &timeout, yes).is_some());
        assert_eq!((budget.available(), a.withdrawn()), (485, 10));
        p.on_success(&a);
        assert_eq!(budget.available(), 495);

        // A request that fails in the end gives nothing back.
        let mut a = Attempts::new();
        assert!(p.next_delay(&mut a, &timeout, yes).is_some());
        assert!(p.next_delay(&mut a, &e, yes).is_some());
        assert!(p.next_delay(&mut a, &e, yes).is_none()); // 3 attempts
        assert_eq!(budget.available(), 480);

        // First-try successes refill it, 1 each.
        for _ in 0..5 {
            p.on_success(&Attempts::new());
        }
        assert_eq!(budget.available(), 485);
        // Never past the capacity.
        for _ in 0..100 {
            other.on_success(&Attempts::new());
        }
        assert_eq!(budget.available(), 500);

        // Empty: failures are returned at once; a failure not worth retrying takes nothing.
        let small = RetryBudget::new(12);
        let p = quick().with_budget(small.clone());
        assert!(first(&p, &e, no).is_some());
        assert!(first(&p, &e, no).is_some());
        assert_eq!(small.available(), 2);
        let mut a = Attempts::new();
        assert!(p.next_delay(&mut a, &e, no).is_none());
        assert_eq!((a.number(), a.withdrawn()), (1, 0));
        assert!(first(&p, &api(404, "KMS.0207", None), no).is_none());
        assert_eq!(small.available(), 2);
        // Other costs.
        let cheap = RetryBudget::with_costs(10, 1, 2, 3);
        let p = quick().with_budget(cheap.clone());
        assert!(first(&p, &timeout, yes).is_some());
        assert!(first(&p, &e, no).is_some());
        assert_eq!(cheap.available(), 7);
        p.on_success(&Attempts::new());
        assert_eq!(cheap.available(), 10);
    }

    #[test]
    fn whose_budget() {
        // Every default policy shares the process-wide budget; `with_budget` gives one's own.
        let global = RetryBudget::global();
        assert_eq!(global.capacity(), 500);
        let a = RetryPolicy::default();
        let b = RetryPolicy::default().with_max_attempts(5);
        assert!(a.budget().unwrap().shares_with(&global));
        assert!(b.budget().unwrap().shares_with(a.budget().unwrap()));
        let own = RetryPolicy::default().with_budget(RetryBudget::new(500));
        assert!(!own.budget().unwrap().shares_with(&global));
        assert!(own
            .clone()
            .budget()
            .unwrap()
            .shares_with(own.budget().unwrap()));
        assert!(!RetryBudget::default().shares_with(&global));
        assert!(quick().budget().is_none());
        // Without a budget, a success changes nothing (and does not panic).
        quick().on_success(&Attempts::new());
    }

    #[test]
    fn methods_give_idempotency() {
        for m in ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"] {
            assert_eq!(Idempotent::of_method(m), Idempotent::YES, "{m}");
        }
        for m in ["POST", "PATCH", "CONNECT", "get"] {
            assert_eq!(Idempotent::of_method(m), Idempotent::NO, "{m}");
        }
        assert_eq!(Idempotent::default(), Idempotent::NO);
        assert_eq!(Idempotent::new(true), Idempotent::YES);
        assert!(!Idempotent::NO.get());
    }

    #[cfg(feature = "http")]
    #[test]
    fn requests_give_idempotency_by_extension_then_method() {
        let get = http::Request::get("/k").body(()).unwrap();
        assert_eq!(Idempotent::of_request(&get), Idempotent::YES);
        let post = http::Request::post("/k").body(()).unwrap();
        assert_eq!(Idempotent::of_request(&post), Idempotent::NO);
        let post = http::Request::post("/k")
            .extension(Idempotent::YES)
            .body(())
            .unwrap();
        assert_eq!(Idempotent::of_request(&post), Idempotent::YES);
        let get = http::Request::get("/k")
            .extension(Idempotent::NO)
            .body(())
            .unwrap();
        assert_eq!(Idempotent::of_request(&get), Idempotent::NO);
    }
}
