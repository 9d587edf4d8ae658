//! Testing a client's error handling against a fake KMS: a real HTTP server on loopback whose
//! error responses are built with `ErrorResponse::new(...).to_http()` (what a wiremock,
//! httpmock or axum fake would return), and a blocking client (`ureq`) whose calls go
//! through `retry_blocking`: it reads them back with `ErrorResponse::from_http` and the
//! catalog decides what to retry:
//!
//! * a quota error ("Too many keys", HTTP 400) is not retried;
//! * throttling (HTTP 429) is retried after the server's `Retry-After`;
//! * a system error (HTTP 500) is retried for a read, not for a create (it may have created);
//! * "unavailable" (HTTP 503) is retried for a create too: the request did not take effect.
//!
//! `cargo run --example fake_kms`

#[path = "support/loopback.rs"]
mod loopback;

use kms_errors::{
    retry_blocking, ClientError, ErrorCode, ErrorResponse, Idempotent, KmsError, RetryPolicy,
    TransportError, TransportKind,
};
use loopback::{read_request, write_response};
use std::io::Read;
use std::net::TcpListener;
use std::thread;
use std::time::{Duration, Instant};

/// A scripted reply: an error response, or a success body.
enum Reply {
    Error(ErrorResponse),
    Ok(&'static str),
}

/// What the fake answers, request by request: (method and path, reply).
fn script() -> Vec<(&'static str, Reply)> {
    let error = |e: KmsError| Reply::Error(ErrorResponse::new(e).with_request_id("fake-req"));
    vec![
        // A create that hits the key quota: the client must give up at once.
        ("POST /v1/keys", error(KmsError::from(ErrorCode::Kms1105))),
        // A read, throttled: retried after the server's Retry-After (1 s).
        (
            "GET /v1/keys/k1",
            Reply::Error(
                ErrorResponse::new(KmsError::from((429, "APIGW.0308")))
                    .with_server_message("The throttling threshold has been reached")
                    .with_retry_after(Duration::from_secs(1)),
            ),
        ),
        ("GET /v1/keys/k1", Reply::Ok(r#"{"key_id":"k1"}"#)),
        // A create that fails with a system error: it may have taken effect, no retry.
        ("POST /v1/keys", error(KmsError::from(ErrorCode::Kms0101))),
        // The same system error on a read: retried.
        ("GET /v1/keys", error(KmsError::from(ErrorCode::Kms0101))),
        ("GET /v1/keys", Reply::Ok(r#"{"keys":[]}"#)),
        // An encrypt (not idempotent) while the service is unavailable: it did not run,
        // so it is retried.
        (
            "POST /v1/encrypt",
            error(KmsError::from(ErrorCode::Kms0104)),
        ),
        (
            "POST /v1/encrypt",
            Reply::Ok(r#"{"cipher_text":"AgDo..."}"#),
        ),
    ]
}

/// Serves the script on loopback, one connection per request; answers 500 "unexpected" to a
/// request the script does not expect next (so a retry that should not happen shows).
fn serve(listener: TcpListener, script: Vec<(&'static str, Reply)>) -> usize {
    let mut served = 0;
    for (expected, reply) in script {
        let Ok((mut stream, _)) = listener.accept() else {
            break;
        };
        let got = read_request(&stream).unwrap_or_default();
        let response = match reply {
            _ if got != expected => http::Response::builder()
                .status(500)
                .body(format!("unexpected request {got}, expected {expected}").into_bytes())
                .expect("a response"),
            Reply::Error(e) => e.to_http(),
            Reply::Ok(body) => http::Response::new(body.as_bytes().to_vec()),
        };
        let _ = write_response(&mut stream, &response);
        served += 1;
    }
    served
}

/// One call with ureq, typed: the body on success; else a transport failure by kind, or the
/// error response (read up to 64 KiB) parsed. The glue a blocking client writes.
fn call(agent: &ureq::Agent, method: &str, url: &str) -> Result<Vec<u8>, ClientError> {
    let sent = match method {
        "GET" => agent.get(url).call(),
        _ => agent.post(url).send("{}"),
    };
    let resp = sent.map_err(|e| {
        let kind = match &e {
            ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => TransportKind::Connect,
            ureq::Error::Timeout(_) => TransportKind::Timeout,
            ureq::Error::Io(_) => TransportKind::Interrupted,
            _ => TransportKind::Other,
        };
        TransportError::new(kind, e)
    })?;
    let (parts, mut body) = resp.into_parts();
    let mut bytes = Vec::new();
    let read = body.as_reader().take(64 * 1024).read_to_end(&mut bytes);
    read.map_err(|e| TransportError::new(TransportKind::Interrupted, e))?;
    if parts.status.is_success() {
        return Ok(bytes);
    }
    Err(ErrorResponse::from_http(&http::Response::from_parts(parts, bytes)).into())
}

fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let server = thread::spawn(move || serve(listener, script()));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    // At most 4 attempts; the server's Retry-After, else backoff from 100 ms.
    let policy = RetryPolicy::default()
        .with_max_attempts(4)
        .with_backoff(Duration::from_millis(100), Duration::from_secs(1));

    for (method, path, idempotent) in [
        ("POST", "/v1/keys", false),
        ("GET", "/v1/keys/k1", true),
        ("POST", "/v1/keys", false),
        ("GET", "/v1/keys", true),
        ("POST", "/v1/encrypt", false),
    ] {
        println!("{method} {path} (idempotent: {idempotent})");
        let url = format!("{base}{path}");
        let mut last = Instant::now();
        let result = retry_blocking(&policy, Idempotent(idempotent), |attempt| {
            if attempt > 1 {
                println!("  waited {} ms", last.elapsed().as_millis());
            }
            let r = call(&agent, method, &url);
            if let Err(err) = &r {
                println!(
                    "  attempt {attempt}: {err} (retry: {})",
                    err.retry().as_str()
                );
            }
            last = Instant::now();
            r
        });
        match result {
            Ok(body) => println!("  ok: {}", String::from_utf8_lossy(&body)),
            Err(err) => {
                let e = err.error().expect("an API error");
                let why = if e.is_quota_exceeded() {
                    "a quota: free resources or raise the quota"
                } else if e.is_retryable() {
                    "retryable only if idempotent"
                } else {
                    "not retryable"
                };
                println!("  gave up: {err}");
                println!("  why:     {why}; measure: {}", e.measure());
            }
        }
    }
    let served = server.join().expect("the fake stops by itself");
    println!("the fake served {served} requests");
}
