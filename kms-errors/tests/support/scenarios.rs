//! The scenarios every client adapter must pass, against the loopback fake: what is
//! retried, how long it waits, what a refused connection gives, the caps on `Retry-After` and
//! on error bodies, and the budget under concurrent load. Each prints one line of report
//! (run the tests with `--nocapture` to see them).

use super::fake::{refused_url, Fake, Reply};
use super::memory;
use kms_errors::{ClientError, Idempotent, RetryBudget, RetryPolicy, TransportKind};
use std::time::{Duration, Instant};

/// One call of an adapter: `Ok(status)` of a success, else the typed failure.
pub type Call<'a> = &'a (dyn Fn(&str, &RetryPolicy, Idempotent) -> Result<u16, ClientError> + Sync);

const MS: Duration = Duration::from_millis(1);

/// The policy of the scenarios: the defaults, with short backoff (50 ms, capped at 200 ms)
/// and a budget of its own that successes do not refill, so that it counts the retries.
pub fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .with_backoff(50 * MS, 200 * MS)
        .with_budget(RetryBudget::with_costs(500, 5, 10, 0))
}

/// The retries `policy` made: 5 tokens each (none was after a timeout).
fn retries(policy: &RetryPolicy) -> u32 {
    (500 - policy.budget().unwrap().available()) / 5
}

fn code(r: &Result<u16, ClientError>) -> Option<(u16, String)> {
    let e = r.as_ref().err()?.error()?;
    Some((e.status(), e.code_str().to_owned()))
}

/// Runs every scenario with `call`, the adapter's name `name` in the report.
pub fn run(name: &str, call: Call) {
    throttled_waits_retry_after(name, call);
    quota_is_not_retried(name, call);
    try_again_later_is_retried(name, call);
    gateway_502_is_retried_even_when_not_idempotent(name, call);
    gateway_504_is_not_retried_when_not_idempotent(name, call);
    refused_connection_is_retried_then_named(name, call);
    hostile_retry_after_is_capped(name, call);
    concurrent_load_is_bounded_by_the_budget(name, call);
}

/// 429 with `Retry-After: 1`: waits at least 1 s, then succeeds.
pub fn throttled_waits_retry_after(name: &str, call: Call) {
    let fake = Fake::start(|n| match n {
        0 => Reply::error_after(429, "APIG.0308", "1"),
        _ => Reply::ok("{}"),
    });
    let p = policy();
    let r = call(&fake.url("/v1/keys"), &p, Idempotent(false));
    assert_eq!(r.as_ref().ok(), Some(&200), "{name}: {r:?}");
    let gaps = fake.since_first();
    assert_eq!(gaps.len(), 2, "{name}");
    assert!(
        gaps[1] >= Duration::from_secs(1),
        "{name}: retried after {:?}",
        gaps[1]
    );
    println!(
        "{name}: 429 Retry-After: 1 -> retried after {:?}, then 200",
        gaps[1]
    );
}

/// 500 `CSMS.0201` (a quota): one attempt.
pub fn quota_is_not_retried(name: &str, call: Call) {
    let fake = Fake::start(|_| Reply::error(500, "CSMS.0201"));
    let p = policy();
    let r = call(&fake.url("/v1/secrets"), &p, Idempotent(true));
    assert_eq!(code(&r), Some((500, "CSMS.0201".into())), "{name}: {r:?}");
    assert_eq!((fake.requests(), retries(&p)), (1, 0), "{name}");
    println!("{name}: 500 CSMS.0201 (quota) -> 1 attempt, returned");
}

/// 400 `KMS.0323` ("try again later"): retried.
pub fn try_again_later_is_retried(name: &str, call: Call) {
    let fake = Fake::start(|n| match n {
        0 => Reply::error(400, "KMS.0323"),
        _ => Reply::ok("{}"),
    });
    let p = policy();
    let r = call(&fake.url("/v1/keys"), &p, Idempotent(false));
    assert_eq!(r.as_ref().ok(), Some(&200), "{name}: {r:?}");
    assert_eq!((fake.requests(), retries(&p)), (2, 1), "{name}");
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
    let r = call(&fake.url("/v1/keys"), &p, Idempotent(false));
    assert_eq!(r.as_ref().ok(), Some(&200), "{name}: {r:?}");
    assert_eq!(fake.requests(), 2, "{name}");
    println!("{name}: 502 APIG.0201, not idempotent -> retried, then 200");
}

/// 504 `APIG.0201` (the backend timed out: it may have run): not retried for a request that
/// is not idempotent; retried for one that is.
pub fn gateway_504_is_not_retried_when_not_idempotent(name: &str, call: Call) {
    let fake = Fake::start(|n| match n {
        0 => Reply::error(504, "APIG.0201"),
        _ => Reply::ok("{}"),
    });
    let p = policy();
    let r = call(&fake.url("/v1/keys"), &p, Idempotent(false));
    assert_eq!(code(&r), Some((504, "APIG.0201".into())), "{name}: {r:?}");
    assert_eq!(fake.requests(), 1, "{name}");
    let fake = Fake::start(|n| match n {
        0 => Reply::error(504, "APIG.0201"),
        _ => Reply::ok("{}"),
    });
    let r = call(&fake.url("/v1/keys"), &policy(), Idempotent(true));
    assert_eq!(r.as_ref().ok(), Some(&200), "{name}: {r:?}");
    assert_eq!(fake.requests(), 2, "{name}");
    println!("{name}: 504 APIG.0201 -> 1 attempt when not idempotent, retried when idempotent");
}

/// A refused connection: retried with backoff up to the most attempts, then an error whose
/// chain names the transport cause.
pub fn refused_connection_is_retried_then_named(name: &str, call: Call) {
    let p = policy();
    let started = Instant::now();
    let r = call(&refused_url(), &p, Idempotent(false));
    let elapsed = started.elapsed();
    let err = r.expect_err("nothing listens");
    let t = err.transport().expect("a transport failure");
    assert_eq!(t.kind(), TransportKind::Connect, "{name}: {err:?}");
    assert_eq!(retries(&p), 2, "{name}: 3 attempts");
    let mut chain = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        source = s.source();
    }
    assert!(chain.starts_with("could not connect"), "{name}: {chain}");
    assert!(
        chain.to_ascii_lowercase().contains("refused"),
        "{name}: {chain}"
    );
    println!("{name}: refused -> 3 attempts in {elapsed:?}, then: {chain}");
}

/// `Retry-After: 864000`: waited only up to the policy's cap.
pub fn hostile_retry_after_is_capped(name: &str, call: Call) {
    let fake = Fake::start(|n| match n {
        0 => Reply::error_after(429, "APIG.0308", "864000"),
        _ => Reply::ok("{}"),
    });
    let p = policy().with_max_retry_after(300 * MS);
    let started = Instant::now();
    let r = call(&fake.url("/v1/keys"), &p, Idempotent(false));
    let elapsed = started.elapsed();
    assert_eq!(r.as_ref().ok(), Some(&200), "{name}: {r:?}");
    let gap = fake.since_first()[1];
    assert!(
        gap >= 300 * MS && elapsed < Duration::from_secs(5),
        "{name}: {gap:?}"
    );
    println!("{name}: Retry-After: 864000 -> waited {gap:?} (cap 300 ms)");
}

/// 50 concurrent requests against a server answering 503: at most the budget's extra
/// attempts (a budget of 50 tokens: 10 retries).
pub fn concurrent_load_is_bounded_by_the_budget(name: &str, call: Call) {
    let fake = Fake::start(|_| Reply::error(503, "KMS.0104"));
    let budget = RetryBudget::new(50);
    let p = policy().with_budget(budget.clone());
    let url = fake.url("/v1/keys");
    std::thread::scope(|s| {
        for _ in 0..50 {
            s.spawn(|| {
                let r = call(&url, &p, Idempotent(true));
                assert_eq!(code(&r), Some((503, "KMS.0104".into())), "{name}: {r:?}");
            });
        }
    });
    let extra = fake.requests() - 50;
    assert!(extra <= 10, "{name}: {extra} extra attempts");
    assert_eq!(budget.available(), 0, "{name}");
    println!(
        "{name}: 50 concurrent requests, 503 each -> {} requests ({extra} retries; budget 50 tokens: at most 10)",
        fake.requests()
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
    let (r, peak) = memory::peak_during(|| call(&url, &policy(), Idempotent(false)));
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
