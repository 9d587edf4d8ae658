//! The plain reqwest call (`kms_errors::reqwest::send`) through every scenario.
#![cfg(feature = "reqwest")]

mod support;

use kms_errors::reqwest::{check, send};
use kms_errors::{ClientError, Idempotent, RetryPolicy};
use support::{fake, memory, scenarios};

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

#[test]
fn scenarios() {
    let rt = support::runtime();
    let client = reqwest::Client::new();
    let call = |url: &str, policy: &RetryPolicy, idempotent: Idempotent| {
        rt.block_on(async {
            let resp = send(client.post(url).body("{}"), policy, idempotent).await?;
            Ok::<u16, ClientError>(resp.status().as_u16())
        })
    };
    scenarios::run("reqwest::send", &call);
}

#[test]
fn huge_error_body() {
    let rt = support::runtime();
    let client = reqwest::Client::new();
    let call = |url: &str, policy: &RetryPolicy, idempotent: Idempotent| {
        rt.block_on(async {
            let resp = send(client.post(url).body("{}"), policy, idempotent).await?;
            Ok::<u16, ClientError>(resp.status().as_u16())
        })
    };
    scenarios::huge_error_body_is_capped(
        "reqwest::send",
        &call,
        kms_errors::reqwest::ERROR_BODY_LIMIT,
    );
}

/// A response into the typed result in one line; a success's body is untouched.
#[test]
fn check_in_one_line() {
    let fake = fake::Fake::start(|n| match n {
        0 => fake::Reply::ok(r#"{"key_id":"k1"}"#),
        _ => fake::Reply::error(404, "KMS.0207"),
    });
    let rt = support::runtime();
    let client = reqwest::Client::new();
    rt.block_on(async {
        let url = fake.url("/v1/keys/k1");
        let resp = check(client.get(&url).send().await).await.unwrap();
        assert_eq!(resp.text().await.unwrap(), r#"{"key_id":"k1"}"#);
        let err = check(client.get(&url).send().await).await.unwrap_err();
        let typed = err.error().unwrap();
        assert!(typed.is_not_found());
        assert_eq!(err.request_id(), Some("fake-req"));
        assert_eq!(err.api().unwrap().server_message(), "from the fake");
        // A transport failure is typed too.
        let err = check(client.get(fake::refused_url()).send().await)
            .await
            .unwrap_err();
        assert_eq!(err.error_type(), "connect");
    });
}
