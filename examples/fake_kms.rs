//! Testing a client's error handling against a fake KMS: a real HTTP server on loopback whose
//! error responses are built with `ErrorResponse::new(...).to_http()` (what a wiremock,
//! httpmock or axum fake would return), and a blocking client, ureq, whose calls go
//! through `kms_errors::ureq::send`: it reads them back with the catalog, which decides
//! what to retry:
//!
//! * a quota error ("Too many keys", HTTP 400) is not retried;
//! * throttling (HTTP 429) is retried after the server's `Retry-After`;
//! * a system error (HTTP 500) is retried for a read (a `GET`), not for a create (a `POST`:
//!   it may have created);
//! * "unavailable" (HTTP 503) is retried for a create too: the request did not take effect.
//!
//! `cargo run --example fake_kms`

#[path = "support/loopback.rs"]
mod loopback;

use kms_errors::{ErrorCode, ErrorResponse, KmsError, RetryPolicy};
use loopback::{read_request, write_response};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
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

/// What the fake answered: when, and the status and code.
type Log = Arc<Mutex<Vec<(Instant, String)>>>;

/// Serves the script on loopback, one connection per request, logging each answer; answers
/// 500 "unexpected" to a request the script does not expect next (so a retry that should not
/// happen shows).
fn serve(listener: TcpListener, script: Vec<(&'static str, Reply)>, log: Log) -> usize {
    let mut served = 0;
    for (expected, reply) in script {
        let Ok((mut stream, _)) = listener.accept() else {
            break;
        };
        let got = read_request(&stream).unwrap_or_default();
        let (response, said) = match reply {
            _ if got != expected => (
                http::Response::builder()
                    .status(500)
                    .body(format!("unexpected request {got}, expected {expected}").into_bytes())
                    .expect("a response"),
                format!("500 unexpected request {got}"),
            ),
            Reply::Error(e) => {
                let said = format!("{} {}", e.error().status(), e.error().code_str());
                (e.to_http(), said)
            }
            Reply::Ok(body) => (http::Response::new(body.as_bytes().to_vec()), "200".into()),
        };
        log.lock().unwrap().push((Instant::now(), said));
        let _ = write_response(&mut stream, &response);
        served += 1;
    }
    served
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base = format!("http://{}", listener.local_addr()?);
    let log = Log::default();
    let server = {
        let log = log.clone();
        thread::spawn(move || serve(listener, script(), log))
    };

    // The setup: the agent, and one policy for it: at most 4 attempts; the server's
    // Retry-After, else backoff from 100 ms.
    let agent = ureq::Agent::new_with_defaults();
    let policy = RetryPolicy::default()
        .with_max_attempts(4)
        .with_backoff(Duration::from_millis(100), Duration::from_secs(1));

    for (method, path) in [
        ("POST", "/v1/keys"),
        ("GET", "/v1/keys/k1"),
        ("POST", "/v1/keys"),
        ("GET", "/v1/keys"),
        ("POST", "/v1/encrypt"),
    ] {
        // A GET is idempotent, a POST is not: the method says it (an `Idempotent`
        // extension would say otherwise).
        println!("{method} {path}");
        let body = if method == "POST" { "{}" } else { "" };
        let request = http::Request::builder()
            .method(method)
            .uri(format!("{base}{path}"))
            .body(body)?;
        // Each call: one line, with the retries the catalog allows.
        let result = kms_errors::ureq::send(&agent, request, &policy);

        // What the fake answered, attempt by attempt.
        let answers = std::mem::take(&mut *log.lock().unwrap());
        for (n, (at, said)) in answers.iter().enumerate() {
            match n {
                0 => println!("  attempt 1: {said}"),
                _ => {
                    let waited = at.duration_since(answers[n - 1].0).as_millis();
                    println!("  attempt {}, {waited} ms later: {said}", n + 1);
                }
            }
        }
        match result {
            Ok(resp) => println!("  ok: {}", resp.into_body().read_to_string()?),
            Err(err) => {
                let e = err.error().expect("an API error");
                let why = if e.is_quota_exceeded() {
                    "a quota: free resources or raise the quota"
                } else if e.is_retryable() {
                    "retryable only if idempotent"
                } else {
                    "not retryable"
                };
                println!("  gave up: {err} (retry: {})", err.retry().as_str());
                println!("  why:     {why}; measure: {}", e.measure());
            }
        }
    }
    let served = server.join().expect("the fake stops by itself");
    println!("the fake served {served} requests");
    Ok(())
}
