//! The scenarios every client adapter must pass, against the loopback fake: what is
//! retried (by the catalog, by the request's method and its `Idempotent` override), how long
//! it waits, what a refused connection and a failed TLS handshake give, the caps on
//! `Retry-After` and on error bodies, the budget's accounting (the AWS SDKs' retry quota),
//! and the budget under an outage of 200 concurrent requests, with one policy for all and
//! with a `RetryPolicy::default()` per call. Each prints one line of report (run the tests
//! with `--nocapture` to see them).
//!
//! A test binary that runs [`run`] must leave the process-wide budget
//! (`RetryBudget::global()`, every `RetryPolicy::default()`'s) to it: its other tests give
//! their policies a budget of their own, or none.

use super::fake::{refused_url, Fake, Reply};
use super::memory;
use super::tls::TlsServer;
use kms_errors::{ClientError, Idempotent, RetryBudget, RetryPolicy, TransportKind};
use std::time::{Duration, Instant};

/// One request of a scenario.
pub struct Req<'a> {
    /// `"GET"` or `"POST"` (with the body `{}`).
    pub method: &'static str,
    pub url: &'a str,
    pub policy: &'a RetryPolicy,
    /// The request's `Idempotent` extension, if it has one. The loops that take the value
    /// instead (backon, `retry_blocking`) are given [`Req::idempotency`].
    pub idempotent: Option<Idempotent>,
    /// A timeout for each attempt.
    pub timeout: Option<Duration>,
}

impl Req<'_> {
    /// The request's idempotency: its override, else its method's.
    pub fn idempotency(&self) -> Idempotent {
        self.idempotent
            .unwrap_or_else(|| Idempotent::of_method(self.method))
    }
}

/// One call of an adapter: `Ok(status)` of a success, else the typed failure.
pub type Call<'a> = &'a (dyn Fn(&Req<'_>) -> Result<u16, ClientError> + Sync);

const MS: Duration = Duration::from_millis(1);

/// The policy of the scenarios: the defaults with short backoff (50 ms, capped at 200 ms)
/// and a full budget of its own (500 tokens, AWS's costs).
pub fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .with_backoff(50 * MS, 200 * MS)
        .with_budget(RetryBudget::new(500))
}

/// A `POST` with `policy`, its idempotency its method's unless `idempotent`.
fn post<'a>(url: &'a str, policy: &'a RetryPolicy, idempotent: Option<Idempotent>) -> Req<'a> {
    Req {
        method: "POST",
        url,
        policy,
        idempotent,
        timeout: None,
    }
}

/// A `GET` with `policy`.
fn get<'a>(url: &'a str, policy: &'a RetryPolicy, idempotent: Option<Idempotent>) -> Req<'a> {
    Req {
        method: "GET",
        ..post(url, policy, idempotent)
    }
}

/// The tokens left in `policy`'s budget.
fn tokens(policy: &RetryPolicy) -> u32 {
    policy.budget().unwrap().available()
}

fn code(r: &Result<u16, ClientError>) -> Option<(u16, String)> {
    let e = r.as_ref().err()?.error()?;
    Some((e.status(), e.code_str().to_owned()))
}

/// `err`'s text and its sources', as anyhow prints them.
fn chain(err: &ClientError) -> String {
    let mut chain = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        source = s.source();
    }
    chain
}

/// Runs every scenario with `call`, the adapter's name `name` in the report.
pub fn run(name: &str, call: Call) {
    throttled_waits_retry_after(name, call);
    retry_after_beyond_the_cap_returns_at_once(name, call);
    quota_is_not_retried(name, call);
    try_again_later_is_retried(name, call);
    gateway_502_is_retried_even_when_not_idempotent(name, call);
    gateway_504_is_not_retried_when_not_idempotent(name, call);
    idempotency_by_method_and_override(name, call);
    refused_connection_is_retried_then_named(name, call);
    tls_is_not_retried(name, call);
    the_budget_counts_as_aws_does(name, call);
    an_outage_is_bounded_by_the_budget(name, call);
}

/// 429 with `Retry-After: 1`: waits at least 1 s, then succeeds; the retry's 5 tokens come
/// back with the success.
pub fn throttled_waits_retry_after(name: &str, call: Call) {
    let fake = Fake::start(|n| match n {
        0 => Reply::error_after(429, "APIG.0308", "1"),
        _ => Reply::ok("{}"),
    });
    let p = policy();
    let r = call(&post(&fake.url("/v1/keys"), &p, None));
    assert_eq!(r.as_ref().ok(), Some(&200), "{name}: {r:?}");
    let gaps = fake.since_first();
    assert_eq!(gaps.len(), 2, "{name}");
    assert!(
        gaps[1] >= Duration::from_secs(1),
        "{name}: retried after {:?}",
        gaps[1]
    );
    assert_eq!(tokens(&p), 500, "{name}");
    println!(
        "{name}: 429 Retry-After: 1 -> retried after {:?}, then 200",
        gaps[1]
    );
}

/// `Retry-After: 864000`, beyond the policy's cap (300 ms): not retried, returned at once,
/// and the error says when the server will take the request.
pub fn retry_after_beyond_the_cap_returns_at_once(name: &str, call: Call) {
    let fake = Fake::start(|n| match n {
        0 => Reply::error_after(429, "APIG.0308", "864000"),
        _ => Reply::ok("{}"),
    });
    let p = policy().with_max_retry_after(300 * MS);
    let started = Instant::now();
    let r = call(&get(&fake.url("/v1/keys"), &p, None));
    let elapsed = started.elapsed();
    let err = r.as_ref().expect_err("returned at once");
    assert_eq!(code(&r), Some((429, "APIG.0308".into())), "{name}: {r:?}");
    assert_eq!(
        err.retry_after(),
        Some(Duration::from_secs(864_000)),
        "{name}"
    );
    assert_eq!((fake.requests(), tokens(&p)), (1, 500), "{name}");
    assert!(elapsed < Duration::from_secs(2), "{name}: {elapsed:?}");
    println!(
        "{name}: Retry-After: 864000 (cap 300 ms) -> 1 attempt, returned in {elapsed:?}, retry_after() = {:?}",
        err.retry_after().unwrap()
    );
}

/// 500 `CSMS.0201` (a quota): one attempt, even for an idempotent request.
pub fn quota_is_not_retried(name: &str, call: Call) {
    let fake = Fake::start(|_| Reply::error(500, "CSMS.0201"));
    let p = policy();
    let r = call(&post(&fake.url("/v1/secrets"), &p, Some(Idempotent::YES)));
    assert_eq!(code(&r), Some((500, "CSMS.0201".into())), "{name}: {r:?}");
    assert_eq!((fake.requests(), tokens(&p)), (1, 500), "{name}");
    println!("{name}: 500 CSMS.0201 (quota) -> 1 attempt, returned");
}

/// 400 `KMS.0323` ("try again later"): retried, for a `POST` too.
pub fn try_again_later_is_retried(name: &str, call: Call) {
    let fake = Fake::start(|n| match n {
        0 => Reply::error(400, "KMS.0323"),
        _ => Reply::ok("{}"),
    });
    let p = policy();
    let r = call(&post(&fake.url("/v1/keys"), &p, None));
    assert_eq!(r.as_ref().ok(), Some(&200), "{name}: {r:?}");
    assert_eq!(fake.requests(), 2, "{name}");
    println!("{name}: 400 KMS.0323 -> retried, then 200");
}

/// 502 `APIG.0201` (the backend is unavailable: the request did not reach it): retried for
/// a request that is not idempotent.
pub fn gateway_502_is_retried_even_when_not_idempotent(name: &str, call: Call) {
    let fake = Fake::start(|n| match n {
        0 => Reply::error(502, "APIG.0201"),
        _ => Reply::ok("{}"),
    });
    let p = policy();
    let r = call(&post(&fake.url("/v1/keys"), &p, None));
    assert_eq!(r.as_ref().ok(), Some(&200), "{name}: {r:?}");
    assert_eq!(fake.requests(), 2, "{name}");
    println!("{name}: 502 APIG.0201, POST -> retried, then 200");
}

/// 504 `APIG.0201` (the backend timed out: it may have run): not retried for a request that
/// is not idempotent; retried for one that says it is.
pub fn gateway_504_is_not_retried_when_not_idempotent(name: &str, call: Call) {
    let script = |n| match n {
        0 => Reply::error(504, "APIG.0201"),
        _ => Reply::ok("{}"),
    };
    let fake = Fake::start(script);
    let r = call(&post(&fake.url("/v1/keys"), &policy(), None));
    assert_eq!(code(&r), Some((504, "APIG.0201".into())), "{name}: {r:?}");
    assert_eq!(fake.requests(), 1, "{name}");
    let fake = Fake::start(script);
    let r = call(&post(
        &fake.url("/v1/keys"),
        &policy(),
        Some(Idempotent::YES),
    ));
    assert_eq!(r.as_ref().ok(), Some(&200), "{name}: {r:?}");
    assert_eq!(fake.requests(), 2, "{name}");
    println!("{name}: 504 APIG.0201 -> POST 1 attempt, POST + Idempotent::YES retried");
}

/// 500 `KMS.0101` (a system error: it may have run): the method decides (a `GET` is
/// retried, a `POST` is not) unless the request's `Idempotent` says otherwise, both ways.
pub fn idempotency_by_method_and_override(name: &str, call: Call) {
    let attempts = |method: &'static str, idempotent: Option<Idempotent>| {
        let fake = Fake::start(|n| match n {
            0 => Reply::error(500, "KMS.0101"),
            _ => Reply::ok("{}"),
        });
        let (url, p) = (fake.url("/v1/keys"), policy());
        let r = call(&Req {
            method,
            url: &url,
            policy: &p,
            idempotent,
            timeout: None,
        });
        let status = match &r {
            Ok(status) => *status,
            Err(e) => e.status_code().unwrap_or_else(|| panic!("{name}: {e:?}")),
        };
        (fake.requests(), status)
    };
    assert_eq!(attempts("GET", None), (2, 200), "{name}: GET");
    assert_eq!(attempts("POST", None), (1, 500), "{name}: POST");
    let no = Some(Idempotent::NO);
    assert_eq!(attempts("GET", no), (1, 500), "{name}: GET + NO");
    let yes = Some(Idempotent::YES);
    assert_eq!(attempts("POST", yes), (2, 200), "{name}: POST + YES");
    println!(
        "{name}: 500 KMS.0101 -> GET retried, POST 1 attempt, GET + Idempotent::NO 1 attempt, POST + Idempotent::YES retried"
    );
}

/// A refused connection: retried with backoff up to the most attempts (for a `POST`: nothing
/// was sent), each retry taking 5 tokens though nothing answered; then an error whose chain
/// names the transport cause.
pub fn refused_connection_is_retried_then_named(name: &str, call: Call) {
    let p = policy();
    let url = refused_url();
    let started = Instant::now();
    let r = call(&post(&url, &p, None));
    let elapsed = started.elapsed();
    let err = r.expect_err("nothing listens");
    let t = err.transport().expect("a transport failure");
    assert_eq!(t.kind(), TransportKind::Connect, "{name}: {err:?}");
    assert_eq!(tokens(&p), 490, "{name}: 3 attempts, 2 retries");
    let chain = chain(&err);
    assert!(chain.starts_with("could not connect"), "{name}: {chain}");
    assert!(
        chain.to_ascii_lowercase().contains("refused"),
        "{name}: {chain}"
    );
    println!("{name}: refused -> 3 attempts in {elapsed:?}, then: {chain}");
}

/// TLS that fails: a handshake answered in plain HTTP (an `https` URL to the fake), and a
/// certificate no root vouches for (or, for a client built without TLS, the `https` URL
/// itself): a TLS failure, not retried, though the `GET` is idempotent.
pub fn tls_is_not_retried(name: &str, call: Call) {
    let fake = Fake::start(|_| Reply::ok("{}"));
    let server = TlsServer::start();
    let mut report = Vec::new();
    for (what, url) in [
        ("plain HTTP", fake.https_url("/v1/keys")),
        ("untrusted certificate", server.url().to_owned()),
    ] {
        let p = policy();
        let r = call(&get(&url, &p, None));
        let err = r.expect_err("TLS fails");
        let kind = err.transport().map(|t| t.kind());
        assert_eq!(kind, Some(TransportKind::Tls), "{name}: {what}: {err:?}");
        assert_eq!(tokens(&p), 500, "{name}: {what}: not retried");
        report.push(format!("{what}: {}", chain(&err)));
    }
    // At most one handshake each (none for a client without TLS); no request.
    assert!(fake.rejected() <= 1 && fake.requests() == 0, "{name}");
    assert!(server.connections() <= 1, "{name}");
    println!(
        "{name}: TLS -> 1 attempt each ({} and {} connections): {}",
        fake.rejected(),
        server.connections(),
        report.join("; ")
    );
}

/// The AWS SDKs' retry quota, with one budget of 500 tokens through the phases: a request
/// retried twice then successful (-5 -5 +5), a first-try success (+1), a request failing
/// three times (-5 -5), first-try successes up to the capacity, a `GET` timing out three
/// times (-10 -10: a retry after a timeout costs 10), one timing out then successful (-10
/// +10).
pub fn the_budget_counts_as_aws_does(name: &str, call: Call) {
    let budget = RetryBudget::new(500);
    let p = policy().with_budget(budget.clone());
    // One phase: a fake answering with `script`, one request (a `POST`, or a `GET` timing
    // out after 800 ms when `slow`, against replies 2 s late); the requests the fake saw.
    let phase = |script: fn(usize) -> Reply, slow: bool| {
        let fake = Fake::start(script);
        let url = fake.url("/v1/keys");
        let req = match slow {
            false => post(&url, &p, None),
            true => Req {
                timeout: Some(800 * MS),
                ..get(&url, &p, None)
            },
        };
        let _ = call(&req);
        fake.requests()
    };
    let mut trail = vec![budget.available().to_string()];
    let mut step = |label: &str, expected: u32| {
        assert_eq!(budget.available(), expected, "{name}: {label}");
        trail.push(format!("{label}: {expected}"));
    };
    let n = phase(
        |n| match n {
            0 | 1 => Reply::error(503, "KMS.0104"),
            _ => Reply::ok("{}"),
        },
        false,
    );
    assert_eq!(n, 3, "{name}");
    step("503, 503, 200", 495);
    phase(|_| Reply::ok("{}"), false);
    step("200", 496);
    phase(|_| Reply::error(503, "KMS.0104"), false);
    step("503 x3", 486);
    let fake = Fake::start(|_| Reply::ok("{}"));
    for _ in 0..20 {
        let r = call(&post(&fake.url("/v1/keys"), &p, None));
        assert_eq!(r.ok(), Some(200), "{name}");
    }
    step("200 x20 (the capacity)", 500);
    let n = phase(
        |_| Reply::Slow(Duration::from_secs(2), Box::new(Reply::ok("{}"))),
        true,
    );
    assert_eq!(n, 3, "{name}");
    step("timeout x3", 480);
    phase(
        |n| match n {
            0 => Reply::Slow(Duration::from_secs(2), Box::new(Reply::ok("{}"))),
            _ => Reply::ok("{}"),
        },
        true,
    );
    step("timeout, 200", 480);
    println!("{name}: budget {}", trail.join(" -> "));
}

/// 200 concurrent requests against an outage (503 `KMS.0104`, retried for any request):
/// the extra attempts are held to the budget's 100 retries (500 tokens, 5 each). Twice:
/// one policy with a budget of its own for all the requests (the process-wide budget left
/// alone), then a `RetryPolicy::default()` made per call, which draws from the process-wide
/// budget (each would have had 500 tokens of its own, 400 retries in all, if the default
/// budget were per policy).
pub fn an_outage_is_bounded_by_the_budget(name: &str, call: Call) {
    let global = RetryBudget::global();
    assert_eq!(
        global.available(),
        500,
        "{name}: the process-wide budget is this scenario's"
    );
    let outage = |per_call: bool| {
        let fake = Fake::start(|_| Reply::error(503, "KMS.0104"));
        let shared = policy();
        let url = fake.url("/v1/keys");
        std::thread::scope(|s| {
            for _ in 0..200 {
                s.spawn(|| {
                    let own;
                    let p = if per_call {
                        // As `send(req, &RetryPolicy::default())` does (short waits here).
                        own = RetryPolicy::default().with_backoff(50 * MS, 200 * MS);
                        &own
                    } else {
                        &shared
                    };
                    let r = call(&post(&url, p, None));
                    assert_eq!(code(&r), Some((503, "KMS.0104".into())), "{name}: {r:?}");
                });
            }
        });
        (fake.requests() - 200, tokens(&shared))
    };
    let (extra, left) = outage(false);
    assert_eq!((extra, left), (100, 0), "{name}: one policy");
    assert_eq!(global.available(), 500, "{name}: its own budget only");
    let (extra_default, _) = outage(true);
    assert_eq!(extra_default, 100, "{name}: a default policy per call");
    assert_eq!(global.available(), 0, "{name}");
    println!(
        "{name}: 200 concurrent requests, 503 each -> one policy (own budget): {extra} retries, budget 500 -> {left}; RetryPolicy::default() per call: {extra_default} retries, process-wide budget 500 -> {}",
        global.available()
    );
}

/// A 100 MB error body: at most the cap is buffered; the error is still classified (its
/// status) and its text kept (the first bytes). Needs the binary's allocator to be
/// [`memory::Counting`].
pub fn huge_error_body_is_capped(name: &str, call: Call, cap: usize) {
    let fake = Fake::start(|_| Reply::Huge {
        status: 500,
        bytes: 100 * 1024 * 1024,
    });
    let url = fake.url("/v1/keys");
    let p = policy();
    let (r, peak) = memory::peak_during(|| call(&post(&url, &p, None)));
    let err = r.expect_err("an error status");
    let resp = err.api().expect("an API error");
    assert_eq!(resp.error().status(), 500, "{name}");
    assert!(resp.server_message().len() <= cap, "{name}");
    assert!(resp.server_message().starts_with("xxxx"), "{name}");
    assert!(peak < 4 * 1024 * 1024, "{name}: peak {peak} bytes");
    println!(
        "{name}: 100 MB error body -> {} bytes kept as the message, peak heap {} KiB",
        resp.server_message().len(),
        peak / 1024
    );
}
