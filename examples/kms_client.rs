//! A KMS client's error handling, end to end: a real HTTP client (`ureq`) talks to a loopback
//! server that replays KMS, CSMS and API-gateway error responses. The client parses each body
//! into a typed error ([`ErrorResponse::from_http`]), matches on the code and the kind,
//! retries what is retryable for the request (3 to 5 attempts, as the vendor advises; a
//! request that is not idempotent only when it surely did not take effect) and tells the
//! user what to do (the catalog's measure). `examples/fake_kms.rs` shows the retry rules
//! against a fake built with `ErrorResponse::to_http`.
//!
//! `cargo run --example kms_client`

#[path = "support/loopback.rs"]
mod loopback;

use kms_errors::{ErrorCode, ErrorKind, ErrorResponse, KmsError};
use loopback::{call, read_request, write_response};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

/// The replayed responses: (path, HTTP status, body). `/v1/encrypt` fails twice, then works.
const SCRIPT: &[(&str, u16, &str)] = &[
    (
        "/v1/describe-key",
        404,
        r#"{"error":{"error_code":"KMS.0207","error_msg":"Key 0d0466b0 does not exist."}}"#,
    ),
    (
        "/v1/create-alias",
        400,
        r#"{"error":{"error_code":"KMS.1104","error_msg":"Duplicate key aliases."}}"#,
    ),
    (
        "/v1/encrypt",
        503,
        r#"{"error":{"error_code":"KMS.0104","error_msg":"A system exception occurred."}}"#,
    ),
    (
        "/v1/encrypt",
        503,
        r#"{"error":{"error_code":"KMS.0104","error_msg":"A system exception occurred."}}"#,
    ),
    ("/v1/encrypt", 200, r#"{"cipher_text":"AgDoAG7E..."}"#),
    (
        "/v1/secrets",
        409,
        r#"{"error_code":"CSMS.0101","error_msg":"The secret name already exists."}"#,
    ),
    (
        "/v1/keys",
        401,
        r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#,
    ),
    (
        "/v1/list-keys",
        502,
        "<html><body>502 Bad Gateway</body></html>",
    ),
    ("/v1/list-keys", 200, r#"{"keys":[]}"#),
    (
        "/v1/import-key-material",
        400,
        r#"{"error":{"error_code":"KMS.0310","error_msg":"The key is not in Pending import state."}}"#,
    ),
];

/// Serves `SCRIPT` once, in order, on loopback; stops after the last response.
fn serve(listener: TcpListener) {
    for (i, &(path, status, body)) in SCRIPT.iter().enumerate() {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let requested = read_request(&stream).unwrap_or_default();
        let (status, body) = if requested == format!("POST {path}") {
            (status, body)
        } else {
            (500, "unexpected request")
        };
        let response = http::Response::builder()
            .status(status)
            .header("Content-Type", "application/json")
            .header("X-Request-Id", format!("req-{i:04}"))
            .body(body.as_bytes().to_vec())
            .expect("a response");
        let _ = write_response(&mut stream, &response);
    }
}

/// `call` with retries for what is retryable for this request (`idempotent` or not): at
/// most 4 attempts, waiting the server's `Retry-After`, else with backoff.
fn call_with_retry(
    agent: &ureq::Agent,
    base: &str,
    path: &str,
    idempotent: bool,
) -> Result<Vec<u8>, ErrorResponse> {
    let mut attempt = 1;
    loop {
        match call(agent, "POST", &format!("{base}{path}")) {
            Err(e) if e.error().is_retryable_for(idempotent) && attempt < 4 => {
                println!("  attempt {attempt}: {e} -> retrying");
                let backoff = Duration::from_millis(20 << attempt);
                thread::sleep(e.retry_after().unwrap_or(backoff));
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// What the application tells its user.
fn explain(err: &ErrorResponse) {
    let e: &KmsError = err.error();
    let advice = match (e.code(), e.kind()) {
        (ErrorCode::Kms0207, _) => "the key is gone: pick another key or create one".to_owned(),
        (_, ErrorKind::AlreadyExists) => format!("already there, nothing to do ({})", e.message()),
        (_, ErrorKind::Unauthenticated) => "sign in again".to_owned(),
        (ErrorCode::Unknown, kind) => format!("{kind} error not in the catalog"),
        (_, kind) => format!("{kind}"),
    };
    println!("  error:   {err}");
    println!("  kind:    {}  retryable: {}", e.kind(), e.is_retryable());
    println!("  advice:  {advice}");
    if !e.measure().is_empty() {
        println!("  measure: {}", e.measure());
    }
}

fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let server = thread::spawn(move || serve(listener));
    let agent = loopback::agent();

    // (path, idempotent): reads are; creates and encryptions are not.
    for (path, idempotent) in [
        ("/v1/describe-key", true),
        ("/v1/create-alias", false),
        ("/v1/encrypt", false),
        ("/v1/secrets", false),
        ("/v1/keys", false),
        ("/v1/list-keys", true),
        ("/v1/import-key-material", false),
    ] {
        println!("POST {path}");
        match call_with_retry(&agent, &base, path, idempotent) {
            Ok(body) => println!("  ok: {}", String::from_utf8_lossy(&body)),
            Err(err) => explain(&err),
        }
    }
    server.join().expect("the replay server stops by itself");
}
