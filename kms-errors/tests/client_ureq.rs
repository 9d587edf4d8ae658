//! The blocking adapter (`kms_errors::ureq::send`) through every scenario, and what the
//! scenarios do not see: `check` with ureq's default agent, the rest of the request kept.
#![cfg(feature = "ureq")]

mod support;

use kms_errors::{ClientError, Idempotent, RetryBudget, RetryPolicy, TransportKind};
use support::fake::{Fake, Reply};
use support::memory;
use support::scenarios::{self, Req};

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// The scenarios' request: its method, its `Idempotent` extension if any, its timeout (the
/// request's own configuration).
fn call(agent: &ureq::Agent) -> impl Fn(&Req) -> Result<u16, ClientError> + Sync + '_ {
    move |req: &Req| {
        let body = if req.method == "POST" { "{}" } else { "" };
        let mut request = http::Request::builder().method(req.method).uri(req.url);
        if let Some(idempotent) = req.idempotent {
            request = request.extension(idempotent);
        }
        let mut request = request.body(body).unwrap();
        if let Some(t) = req.timeout {
            request = agent
                .configure_request(request)
                .timeout_global(Some(t))
                .build();
        }
        let resp = kms_errors::ureq::send(agent, request, req.policy)?;
        Ok(resp.status().as_u16())
    }
}

#[test]
fn scenarios() {
    // ureq's default agent: `send` reads error statuses as responses all the same.
    let agent = ureq::Agent::new_with_defaults();
    scenarios::run("ureq::send", &call(&agent));
}

#[test]
fn huge_error_body() {
    let agent = ureq::Agent::new_with_defaults();
    scenarios::huge_error_body_is_capped(
        "ureq::send",
        &call(&agent),
        kms_errors::ureq::ERROR_BODY_LIMIT,
    );
}

/// `check` in one line: with an agent reading error statuses as responses, the typed error
/// with its code; with ureq's default agent (error statuses as errors, their bodies kept
/// from the caller), the status alone.
#[test]
fn check_in_one_line() {
    let fake = Fake::start(|n| match n {
        0 => Reply::ok(r#"{"key_id":"k1"}"#),
        _ => Reply::error(404, "KMS.0207"),
    });
    let url = fake.url("/v1/keys/k1");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let resp = kms_errors::ureq::check(agent.get(&url).call()).unwrap();
    assert_eq!(
        resp.into_body().read_to_string().unwrap(),
        r#"{"key_id":"k1"}"#
    );
    let err = kms_errors::ureq::check(agent.get(&url).call()).unwrap_err();
    assert!(err.error().unwrap().is_not_found());
    assert_eq!(err.request_id(), Some("fake-req"));
    assert_eq!(err.api().unwrap().server_message(), "from the fake");
    let default = ureq::Agent::new_with_defaults();
    let err = kms_errors::ureq::check(default.get(&url).call()).unwrap_err();
    assert_eq!(
        (err.status_code(), err.error_type()),
        (Some(404), "404".into())
    );
    // Transport failures, typed.
    let err = kms_errors::ureq::check(agent.get(support::fake::refused_url()).call());
    let kind = err.unwrap_err().transport().map(|t| t.kind());
    assert_eq!(kind, Some(TransportKind::Connect));
    let err = kms_errors::ureq::check(agent.get(fake.https_url("/v1/keys")).call());
    let kind = err.unwrap_err().transport().map(|t| t.kind());
    assert_eq!(kind, Some(TransportKind::Tls));
}

/// Each attempt sends the request as it was built: method, URL and query, headers, body;
/// a success after a retry gives the budget back the retry's tokens.
#[test]
fn the_request_is_sent_again_whole() {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1/keys?limit=5", listener.local_addr().unwrap());
    let seen = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for (n, stream) in listener.incoming().take(2).enumerate() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if line.trim().is_empty() {
                    break;
                }
                head.push_str(&line);
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            seen.push((head.to_ascii_lowercase(), String::from_utf8(body).unwrap()));
            let reply: &[u8] = if n == 0 {
                b"HTTP/1.1 503 Unavailable\r\nContent-Length: 26\r\nConnection: close\r\n\r\n{\"error_code\":\"KMS.0104\"}\n"
            } else {
                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
            };
            stream.write_all(reply).unwrap();
        }
        seen
    });
    let budget = RetryBudget::new(500);
    let policy = RetryPolicy::default()
        .with_backoff(
            std::time::Duration::from_millis(5),
            std::time::Duration::from_millis(10),
        )
        .with_budget(budget.clone());
    let request = http::Request::put(&url)
        .header("X-Custom", "kept")
        .extension(Idempotent::NO)
        .body(r#"{"key_id":"k1"}"#)
        .unwrap();
    let agent = ureq::Agent::new_with_defaults();
    let resp = kms_errors::ureq::send(&agent, request, &policy).unwrap();
    assert_eq!(resp.status(), 200);
    let seen = seen.join().unwrap();
    assert_eq!(seen.len(), 2, "503 KMS.0104 is retried for any request");
    for (head, body) in &seen {
        assert!(head.starts_with("put /v1/keys?limit=5 http/1.1"), "{head}");
        assert!(head.contains("x-custom: kept"), "{head}");
        assert_eq!(body, r#"{"key_id":"k1"}"#);
    }
    assert_eq!(budget.available(), 500);
}
