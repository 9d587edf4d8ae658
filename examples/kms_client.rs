//! A KMS client with reqwest, retries and tracing, end to end, against a fake KMS on
//! loopback that replays KMS, CSMS and API-gateway error responses.
//!
//! The setup is two lines: a `RetryPolicy` (3 attempts, exponential backoff with full
//! jitter, `Retry-After` honoured up to a cap, a retry budget shared by the client's
//! requests), then every call is `kms_errors::reqwest::send(request, &policy)`; a request
//! that is idempotent though a `POST` says so with `.with_extension(Idempotent::YES)`.
//! The catalog decides what is retried: a quota never, "try again later" yes, a backend
//! timeout only for an idempotent request. Each failed call records its fields on its span
//! under OpenTelemetry's names (`error.type`, `http.response.status_code`, the request id)
//! and emits a `WARN` event; each retry is a `DEBUG` event.
//!
//! `cargo run --example kms_client`

#[path = "support/loopback.rs"]
mod loopback;

use kms_errors::reqwest::{send, WithExtension};
use kms_errors::{client_span, ClientError, ErrorCode, ErrorKind, Idempotent, RetryPolicy};
use loopback::{read_request, write_response};
use std::net::TcpListener;
use std::time::Duration;
use tracing::Instrument;

/// What the fake answers, request by request: (path, HTTP status, extra header, body).
const SCRIPT: &[(&str, u16, &str, &str)] = &[
    // A read: the key does not exist.
    (
        "/v1/describe-key",
        404,
        "",
        r#"{"error":{"error_code":"KMS.0207","error_msg":"Key 0d0466b0 does not exist."}}"#,
    ),
    // An encrypt (not idempotent): the service is unavailable twice, then works.
    (
        "/v1/encrypt",
        503,
        "",
        r#"{"error":{"error_code":"KMS.0104","error_msg":"A system exception occurred."}}"#,
    ),
    (
        "/v1/encrypt",
        503,
        "",
        r#"{"error":{"error_code":"KMS.0104","error_msg":"A system exception occurred."}}"#,
    ),
    ("/v1/encrypt", 200, "", r#"{"cipher_text":"AgDoAG7E..."}"#),
    // A create that hits a quota documented as HTTP 500: never retried.
    (
        "/v1/secrets",
        500,
        "",
        r#"{"error_code":"CSMS.0201","error_msg":"The number of secrets exceeds the quota."}"#,
    ),
    // The API gateway throttles a read: retried after its Retry-After.
    (
        "/v1/list-keys",
        429,
        "Retry-After: 1",
        r#"{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}"#,
    ),
    ("/v1/list-keys", 200, "", r#"{"keys":[]}"#),
    // The gateway's backend timed out on a create: it may have run, so not retried.
    (
        "/v1/create-key",
        504,
        "",
        r#"{"error_code":"APIGW.0201","error_msg":"Backend timeout."}"#,
    ),
];

/// Serves `SCRIPT` in order, one request a connection.
fn fake() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for (i, (path, status, header, body)) in SCRIPT.iter().enumerate() {
            let (mut stream, _) = listener.accept().expect("accept");
            let got = read_request(&stream).unwrap_or_default();
            assert!(got.ends_with(path), "request {i}: {got}, expected {path}");
            let mut resp = http::Response::builder()
                .status(*status)
                .header("X-Request-Id", format!("req-{i:04}"));
            if let Some((name, value)) = header.split_once(": ") {
                resp = resp.header(name, value);
            }
            let resp = resp.body(body.as_bytes().to_vec()).unwrap();
            write_response(&mut stream, &resp).expect("write");
        }
    });
    base
}

/// What the application tells its user about a failed call.
fn explain(err: &ClientError) -> String {
    let Some(e) = err.error() else {
        return format!("the service could not be reached: {err}");
    };
    match (e.code(), e.kind()) {
        (ErrorCode::Kms0207, _) => "the key is gone: pick another key or create one".to_owned(),
        (_, ErrorKind::ResourceExhausted) if e.is_quota_exceeded() => {
            format!("a quota is used up: {}", e.measure())
        }
        (_, kind) => format!("{kind}: {}", e.measure()),
    }
}

async fn run(base: &str) {
    let client = reqwest::Client::new();
    // Short waits for the example; the defaults start at 1 s.
    let policy =
        RetryPolicy::default().with_backoff(Duration::from_millis(20), Duration::from_millis(200));
    let calls = [
        ("/v1/describe-key", Idempotent::YES),
        ("/v1/encrypt", Idempotent::NO),
        ("/v1/secrets", Idempotent::NO),
        ("/v1/list-keys", Idempotent::YES),
        ("/v1/create-key", Idempotent::NO),
    ];
    for (path, idempotent) in calls {
        println!("POST {path} (idempotent: {})", idempotent.get());
        let span = client_span!("kms.call", path);
        let req = client
            .post(format!("{base}{path}"))
            .body("{}")
            .with_extension(idempotent);
        let result = send(req, &policy).instrument(span.clone()).await;
        match result {
            Ok(resp) => println!("  ok: {}", resp.text().await.unwrap_or_default()),
            Err(err) => {
                err.record(&span); // for a span exporter (OpenTelemetry)
                err.emit(); // the WARN event below
                println!("  error:   {err}");
                println!("  retry:   {}", err.retry().as_str());
                println!("  advice:  {}", explain(&err));
            }
        }
    }
}

fn main() {
    // kms-errors' events on standard output, without times or colours: the DEBUG events of
    // the retries and the WARN events of the failures.
    use tracing_subscriber::prelude::*;
    let only_ours = tracing_subscriber::filter::Targets::new()
        .with_target("kms_errors", tracing::Level::DEBUG)
        .with_default(tracing::Level::WARN);
    let print = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stdout)
        .without_time()
        .with_ansi(false)
        .with_target(false);
    tracing_subscriber::registry()
        .with(print.with_filter(only_ours))
        .init();
    let base = fake();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(run(&base));
}
