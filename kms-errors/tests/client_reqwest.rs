//! The plain reqwest call (`kms_errors::reqwest::send`) through every scenario, and what the
//! scenarios do not see: the idempotency extension set on reqwest's `RequestBuilder`.
#![cfg(feature = "reqwest")]

mod support;

use kms_errors::reqwest::{check, send, WithExtension};
use kms_errors::{ClientError, Idempotent, RetryBudget, RetryPolicy};
use support::scenarios::{self, Req};
use support::{fake, memory};

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// The scenarios' request with reqwest: its method, its `Idempotent` extension if any, its
/// timeout.
fn request(client: &reqwest::Client, req: &Req) -> reqwest::RequestBuilder {
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
    let mut builder = client.request(method.clone(), req.url);
    if method == reqwest::Method::POST {
        builder = builder.body("{}");
    }
    if let Some(idempotent) = req.idempotent {
        builder = builder.with_extension(idempotent);
    }
    if let Some(timeout) = req.timeout {
        builder = builder.timeout(timeout);
    }
    builder
}

fn call<'a>(
    rt: &'a tokio::runtime::Runtime,
    client: &'a reqwest::Client,
) -> impl Fn(&Req) -> Result<u16, ClientError> + Sync + 'a {
    move |req| {
        rt.block_on(async {
            let resp = send(request(client, req), req.policy).await?;
            Ok(resp.status().as_u16())
        })
    }
}

#[test]
fn scenarios() {
    let rt = support::runtime();
    let client = reqwest::Client::new();
    scenarios::run("reqwest::send", &call(&rt, &client));
}

#[test]
fn huge_error_body() {
    let rt = support::runtime();
    let client = reqwest::Client::new();
    scenarios::huge_error_body_is_capped(
        "reqwest::send",
        &call(&rt, &client),
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
        // reqwest without TLS refuses an `https` URL: a TLS failure, not a connection's.
        let err = check(client.get(fake.https_url("/v1/keys")).send().await)
            .await
            .unwrap_err();
        assert_eq!(err.error_type(), "tls");
    });
}

/// `with_extension` keeps the rest of the request: its method, URL, headers, body and
/// timeout; a request without a body stays without one.
#[test]
fn the_extension_keeps_the_request() {
    let client = reqwest::Client::new();
    let req = client
        .post("http://127.0.0.1:9/v1/keys?x=1")
        .header("X-Custom", "kept")
        .body("{\"a\":1}")
        .timeout(std::time::Duration::from_secs(7))
        .with_extension(Idempotent::YES)
        .build()
        .unwrap();
    assert_eq!(req.method(), reqwest::Method::POST);
    assert_eq!(req.url().as_str(), "http://127.0.0.1:9/v1/keys?x=1");
    assert_eq!(req.headers()["x-custom"], "kept");
    assert_eq!(
        req.body().and_then(|b| b.as_bytes()),
        Some(&b"{\"a\":1}"[..])
    );
    assert_eq!(req.timeout(), Some(&std::time::Duration::from_secs(7)));
    let get = client
        .get("http://127.0.0.1:9/v1/keys")
        .with_extension(Idempotent::NO)
        .build()
        .unwrap();
    assert!(get.body().is_none());
    // A builder holding an error keeps it.
    let broken = client.get("not a url").with_extension(Idempotent::YES);
    assert!(broken.build().unwrap_err().is_builder());
}

/// A success after retries gives back the last retry's tokens; a streamed body is sent once.
#[test]
fn a_streamed_request_is_sent_once() {
    let fake = fake::Fake::start(|n| match n {
        0 => fake::Reply::error(503, "KMS.0104"),
        _ => fake::Reply::ok("{}"),
    });
    let rt = support::runtime();
    let client = reqwest::Client::new();
    let policy = RetryPolicy::default().with_budget(RetryBudget::new(500));
    let status = rt.block_on(async {
        let body = reqwest::Body::wrap(String::from("{}"));
        let req = client.post(fake.url("/v1/keys")).body(body);
        match send(req, &policy).await {
            Ok(resp) => resp.status().as_u16(),
            Err(e) => e.status_code().unwrap(),
        }
    });
    assert_eq!((fake.requests(), status), (1, 503));
}
