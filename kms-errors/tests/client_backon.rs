//! A backon loop (`Retryable`) around `kms_errors::reqwest::check`, deciding with
//! `kms_errors::backon::{backoff, Decide}`, through every scenario; and what the scenarios do
//! not see: each loop counts its own attempts, the request's idempotency, the budget's due
//! for a success.
#![cfg(all(feature = "backon", feature = "reqwest"))]

mod support;

use backon::Retryable;
use kms_errors::backon::{backoff, Decide};
use kms_errors::reqwest::check;
use kms_errors::{ClientError, Idempotent, RetryBudget, RetryPolicy};
use std::time::Duration;
use support::fake::{Fake, Reply};
use support::memory;
use support::scenarios::{self, Req};

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// The loop a user writes: one request, typed by `check`, retried as the policy decides;
/// its idempotency given to `Decide` (the method's, or the override).
async fn send(client: &reqwest::Client, req: &Req<'_>) -> Result<reqwest::Response, ClientError> {
    let decide = Decide::new(req.policy, req.idempotency());
    let request = || {
        let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
        let mut builder = client.request(method.clone(), req.url);
        if method == reqwest::Method::POST {
            builder = builder.body("{}");
        }
        if let Some(timeout) = req.timeout {
            builder = builder.timeout(timeout);
        }
        builder
    };
    (|| async { check(request().send().await).await })
        .retry(backoff(req.policy))
        .when(decide.when())
        .adjust(decide.adjust())
        .await
        .inspect(|_| decide.succeeded())
}

/// A `POST` of the tests below.
async fn post(
    client: &reqwest::Client,
    url: &str,
    policy: &RetryPolicy,
    idempotent: Idempotent,
) -> Result<reqwest::Response, ClientError> {
    let req = Req {
        method: "POST",
        url,
        policy,
        idempotent: Some(idempotent),
        timeout: None,
    };
    send(client, &req).await
}

/// The adapter's call in the scenarios: the status of a success, else the typed failure.
fn call<'a>(
    rt: &'a tokio::runtime::Runtime,
    client: &'a reqwest::Client,
) -> impl Fn(&Req) -> Result<u16, ClientError> + Sync + 'a {
    move |req: &Req| {
        rt.block_on(async {
            let resp = send(client, req).await?;
            Ok(resp.status().as_u16())
        })
    }
}

#[test]
fn scenarios() {
    let rt = support::runtime();
    let client = reqwest::Client::new();
    scenarios::run("backon (reqwest::check)", &call(&rt, &client));
}

#[test]
fn huge_error_body() {
    let rt = support::runtime();
    let client = reqwest::Client::new();
    scenarios::huge_error_body_is_capped(
        "backon (reqwest::check)",
        &call(&rt, &client),
        kms_errors::reqwest::ERROR_BODY_LIMIT,
    );
}

/// Short waits, a budget of its own (the process-wide one is the scenarios').
fn quick() -> RetryPolicy {
    RetryPolicy::default()
        .with_backoff(Duration::from_millis(5), Duration::from_millis(20))
        .with_budget(RetryBudget::new(500))
}

/// One `Decide` for several loops: each `adjust()` counts its own loop's attempts.
#[test]
fn each_loop_counts_its_attempts() {
    let fake = Fake::start(|_| Reply::error(503, "KMS.0104"));
    let rt = support::runtime();
    let client = reqwest::Client::new();
    let policy = quick().without_budget();
    let decide = Decide::new(&policy, Idempotent::NO);
    rt.block_on(async {
        for n in 1..=2 {
            let err = (|| async { check(client.get(fake.url("/v1/keys")).send().await).await })
                .retry(backoff(&policy))
                .when(decide.when())
                .adjust(decide.adjust())
                .await
                .unwrap_err();
            assert_eq!(err.error_type(), "KMS.0104");
            assert_eq!(fake.requests(), 3 * n);
        }
    });
}

/// The request's idempotency decides a gateway timeout (504 `APIG.0201`); a quota is never
/// retried, and `when` stops it before the backoff is asked.
#[test]
fn idempotency_and_the_catalog_decide() {
    let rt = support::runtime();
    let client = reqwest::Client::new();
    let script = |n| match n {
        0 => Reply::error(504, "APIG.0201"),
        _ => Reply::ok("{}"),
    };
    rt.block_on(async {
        let fake = Fake::start(script);
        let r = post(&client, &fake.url("/v1/keys"), &quick(), Idempotent::NO).await;
        assert_eq!(r.unwrap_err().status_code(), Some(504));
        assert_eq!(fake.requests(), 1);
        let fake = Fake::start(script);
        let r = post(&client, &fake.url("/v1/keys"), &quick(), Idempotent::YES).await;
        assert_eq!(r.unwrap().status(), 200);
        assert_eq!(fake.requests(), 2);

        let fake = Fake::start(|_| Reply::error(400, "KMS.1105"));
        let r = post(&client, &fake.url("/v1/keys"), &quick(), Idempotent::YES).await;
        assert_eq!(r.unwrap_err().error_type(), "KMS.1105");
        assert_eq!(fake.requests(), 1);
    });
}

/// The budget: each retry takes its tokens in `adjust`; the success (`succeeded`) gives the
/// last retry's back.
#[test]
fn retries_take_the_budget_and_a_success_refills_it() {
    let fake = Fake::start(|n| match n {
        0 | 1 => Reply::error(503, "KMS.0104"),
        _ => Reply::ok("{}"),
    });
    let rt = support::runtime();
    let client = reqwest::Client::new();
    let budget = RetryBudget::new(500);
    let policy = quick().with_budget(budget.clone());
    rt.block_on(async {
        let r = post(&client, &fake.url("/v1/keys"), &policy, Idempotent::NO).await;
        assert_eq!(r.unwrap().status(), 200);
    });
    assert_eq!(budget.available(), 500 - 2 * 5 + 5);
}
