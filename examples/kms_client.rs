//! A KMS client's error handling, end to end: a real HTTP client (`ureq`) talks to a loopback
//! server that replays KMS, CSMS and API-gateway error responses. The client parses each body
//! into a typed error ([`ErrorResponse::from_http`]), matches on the code and the kind,
//! retries what is retryable for the request (3 to 5 attempts, as the vendor advises; a
//! request that is not idempotent only when it surely did not take effect) and tells the
//! user what to do (the catalog's measure). `examples/fake_kms.rs` shows the retry rules
//! against a fake built with `ErrorResponse::to_http`.
//!
//! `cargo run --example kms_client`

use kms_errors::{ErrorCode, ErrorKind, ErrorResponse, KmsError};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
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
        let Ok((stream, _)) = listener.accept() else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let requested = read_request_path(&stream).unwrap_or_default();
        let (status, body) = if requested == path {
            (status, body)
        } else {
            (500, "unexpected request")
        };
        let reason = if status == 200 { "OK" } else { "Error" };
        let response = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nX-Request-Id: req-{i:04}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let mut stream = stream;
        let _ = stream.write_all(response.as_bytes());
    }
}

fn read_request_path(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_owned();
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        if header.trim().is_empty() {
            break;
        }
        if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(path)
}

/// One API call: the body on success, the parsed error response otherwise (status, body,
/// `X-Request-Id` and `Retry-After`, through `ErrorResponse::from_http`).
fn call(agent: &ureq::Agent, base: &str, path: &str) -> Result<Vec<u8>, ErrorResponse> {
    let url = format!("{base}{path}");
    let resp = agent
        .post(&url)
        .send("{}")
        // Transport failure: no HTTP status at all.
        .map_err(|e| ErrorResponse::parse(0, e.to_string().as_bytes(), None))?;
    let (parts, mut body) = resp.into_parts();
    let bytes = body.read_to_vec().unwrap_or_default();
    if parts.status.is_success() {
        return Ok(bytes);
    }
    Err(ErrorResponse::from_http(&http::Response::from_parts(
        parts, bytes,
    )))
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
        match call(agent, base, path) {
            Err(e) if e.error.is_retryable_for(idempotent) && attempt < 4 => {
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
    let e: &KmsError = &err.error;
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
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into();

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
