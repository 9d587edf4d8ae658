//! reqwest-middleware's `ClientWithMiddleware` with `RetryMiddleware` through every scenario,
//! and what the middleware hands back: an error response it does not retry arrives intact
//! (status, headers, URL, the whole body, also past the read limit), a success's body streams
//! untouched, the request's `Idempotent` extension overrides its method's.
#![cfg(feature = "reqwest-middleware")]

mod support;

use kms_errors::reqwest::{check_middleware, RetryMiddleware, ERROR_BODY_LIMIT};
use kms_errors::{ClientError, Idempotent, RetryPolicy, TransportKind};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use support::scenarios::Req;
use support::{fake, memory, scenarios};

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// The tests of this file one at a time: the peaks of heap use count the whole process.
static ALONE: Mutex<()> = Mutex::new(());

fn alone() -> MutexGuard<'static, ()> {
    ALONE.lock().unwrap_or_else(|e| e.into_inner())
}

/// `client` with the retry middleware of `policy` (clones share its budget).
fn with_retries(client: &reqwest::Client, policy: &RetryPolicy) -> ClientWithMiddleware {
    ClientBuilder::new(client.clone())
        .with(RetryMiddleware::new(policy.clone()))
        .build()
}

/// The scenarios' call: the request with its method, its `Idempotent` extension if any and
/// its timeout, the final outcome typed in one line.
fn scenario_call<'a>(
    rt: &'a tokio::runtime::Runtime,
    client: &'a reqwest::Client,
) -> impl Fn(&Req) -> Result<u16, ClientError> + Sync + 'a {
    move |req: &Req| {
        rt.block_on(async {
            let client = with_retries(client, req.policy);
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
            let resp = check_middleware(builder.send().await).await?;
            Ok(resp.status().as_u16())
        })
    }
}

#[test]
fn scenarios() {
    let _alone = alone();
    let rt = support::runtime();
    let client = reqwest::Client::new();
    scenarios::run("reqwest-middleware", &scenario_call(&rt, &client));
}

#[test]
fn huge_error_body() {
    let _alone = alone();
    let rt = support::runtime();
    let client = reqwest::Client::new();
    scenarios::huge_error_body_is_capped(
        "reqwest-middleware",
        &scenario_call(&rt, &client),
        ERROR_BODY_LIMIT,
    );
}

/// The policy of these tests: short backoff, a budget of its own (the process-wide one is
/// the scenarios').
fn quick() -> RetryPolicy {
    scenarios::policy()
}

/// An error response the policy does not retry reaches the caller as the server sent it:
/// status, version, headers, URL and the whole body, also one longer than the read limit
/// (a proxy's 200 KB page), whatever the limit.
#[test]
fn an_error_response_not_retried_arrives_intact() {
    let _alone = alone();
    let rt = support::runtime();
    let client = reqwest::Client::new();

    // A 404 with the service's body: not retried, readable by the caller, and typed by
    // `check_middleware`.
    let fake = fake::Fake::start(|_| fake::Reply::error(404, "KMS.0207"));
    let url = fake.url("/v1/keys/k1");
    rt.block_on(async {
        let mw = with_retries(&client, &quick());
        let resp = mw.get(&url).send().await.unwrap();
        assert_eq!(resp.status(), 404);
        assert_eq!(resp.version(), reqwest::Version::HTTP_11);
        assert_eq!(resp.url().as_str(), url);
        // reqwest's connection info (an extension) is kept.
        let host = url.trim_start_matches("http://").split('/').next();
        assert_eq!(resp.remote_addr().map(|a| a.to_string()).as_deref(), host);
        assert_eq!(resp.headers()["x-request-id"], "fake-req");
        assert_eq!(resp.headers()["content-type"], "application/json");
        let body = r#"{"error_code":"KMS.0207","error_msg":"from the fake"}"#;
        assert_eq!(resp.content_length(), Some(body.len() as u64));
        assert_eq!(resp.text().await.unwrap(), body);

        let err = check_middleware(mw.get(&url).send().await)
            .await
            .unwrap_err();
        assert!(err.error().unwrap().is_not_found(), "{err:?}");
        assert_eq!(err.request_id(), Some("fake-req"));
        assert_eq!(err.api().unwrap().server_message(), "from the fake");
    });
    assert_eq!(fake.requests(), 2);

    // A proxy's 200 KB page on a 502 to a POST (a 502 without a code: retried only when
    // idempotent): the caller reads all of it, past the 64 KiB read and past a tiny limit.
    let end = "<!-- the end of the proxy's page -->";
    let page = format!("<html>{}{end}", "x".repeat(200_000 - 6 - end.len()));
    let reply = fake::Reply::With {
        status: 502,
        headers: vec![
            ("X-Request-Id", "proxy-req".to_owned()),
            ("X-Proxy", "edge-7".to_owned()),
        ],
        body: page.clone(),
    };
    let fake = fake::Fake::start(move |_| reply.clone());
    let url = fake.url("/v1/keys");
    for limit in [ERROR_BODY_LIMIT, 16] {
        rt.block_on(async {
            let mw = ClientBuilder::new(client.clone())
                .with(RetryMiddleware::new(quick()).with_error_body_limit(limit))
                .build();
            let resp = mw.post(&url).body("{}").send().await.unwrap();
            assert_eq!(resp.status(), 502);
            assert_eq!(resp.version(), reqwest::Version::HTTP_11);
            assert_eq!(resp.url().as_str(), url);
            assert_eq!(resp.headers()["x-request-id"], "proxy-req");
            assert_eq!(resp.headers()["x-proxy"], "edge-7");
            assert_eq!(resp.content_length(), Some(200_000));
            let text = resp.text().await.unwrap();
            assert_eq!(text.len(), 200_000, "limit {limit}");
            assert!(text.starts_with("<html>xxx") && text.ends_with(end));
            assert!(text == page);
        });
    }
    assert_eq!(fake.requests(), 2, "one attempt each");
    println!("reqwest-middleware: 404 and a 200 KB 502 page, not retried -> intact (status, headers, URL, whole body)");

    // Retried until the last attempt, whose response is returned as it came.
    let fake = fake::Fake::start(|_| fake::Reply::error(503, "KMS.0104"));
    let url = fake.url("/v1/keys");
    rt.block_on(async {
        let resp = with_retries(&client, &quick())
            .get(&url)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 503);
        assert_eq!(resp.headers()["x-request-id"], "fake-req");
        assert!(resp.text().await.unwrap().contains("KMS.0104"));
    });
    assert_eq!(fake.requests(), 3);
}

/// A success's body is not read by the middleware: a 10 MB body streams to the caller while
/// the heap stays far below it, as with reqwest alone. So does the rest of an error body
/// whose start it read.
#[test]
fn bodies_stream_untouched() {
    let _alone = alone();
    let rt = support::runtime();
    let client = reqwest::Client::new();
    const SIZE: usize = 10 * 1024 * 1024;
    let ok = fake::Fake::start(|_| fake::Reply::Huge {
        status: 200,
        bytes: SIZE,
    });
    // No code: not retried for a POST.
    let error = fake::Fake::start(|_| fake::Reply::Huge {
        status: 500,
        bytes: SIZE,
    });
    let mw = with_retries(&client, &quick());
    let plain = ClientWithMiddleware::from(client.clone());
    let mut peaks = Vec::new();
    for (client, fake, status) in [(&plain, &ok, 200), (&mw, &ok, 200), (&mw, &error, 500)] {
        let url = fake.url("/v1/secrets");
        let ((got, read), peak) = memory::peak_during(|| {
            rt.block_on(async {
                let mut resp = client.post(&url).body("{}").send().await.unwrap();
                let got = resp.status().as_u16();
                assert_eq!(resp.content_length(), Some(SIZE as u64));
                let mut read = 0;
                while let Some(chunk) = resp.chunk().await.unwrap() {
                    assert!(chunk.iter().all(|&b| b == b'x'));
                    read += chunk.len();
                }
                (got, read)
            })
        });
        assert_eq!((got, read), (status, SIZE));
        assert!(peak < 2 * 1024 * 1024, "{status}: peak {peak} bytes");
        peaks.push(peak / 1024);
    }
    assert_eq!((ok.requests(), error.requests()), (2, 1));
    println!(
        "reqwest-middleware: a 10 MB body read by the caller -> peak heap {} KiB (200), {} KiB (500, not retried); without the middleware {} KiB (200)",
        peaks[1], peaks[2], peaks[0]
    );
}

/// An `Idempotent` in the request's extensions decides, whatever the method says.
#[test]
fn idempotency_from_the_extension_overrides_the_method() {
    let _alone = alone();
    let rt = support::runtime();
    let client = reqwest::Client::new();
    // 504 APIG.0201 (the backend timed out: it may have run): retried only when idempotent.
    let attempts = |method: reqwest::Method, extension: Option<Idempotent>| {
        let fake = fake::Fake::start(|n| match n {
            0 => fake::Reply::error(504, "APIG.0201"),
            _ => fake::Reply::ok("{}"),
        });
        let status = rt.block_on(async {
            let mw = with_retries(&client, &quick());
            let mut req = mw.request(method.clone(), fake.url("/v1/keys")).body("{}");
            if let Some(idempotent) = extension {
                req = req.with_extension(idempotent);
            }
            req.send().await.unwrap().status().as_u16()
        });
        (fake.requests(), status)
    };
    use reqwest::Method;
    assert_eq!(attempts(Method::POST, None), (1, 504));
    assert_eq!(attempts(Method::POST, Some(Idempotent::YES)), (2, 200));
    assert_eq!(attempts(Method::GET, None), (2, 200));
    assert_eq!(attempts(Method::GET, Some(Idempotent::NO)), (1, 504));
    assert_eq!(attempts(Method::PUT, Some(Idempotent::NO)), (1, 504));
    println!("reqwest-middleware: 504 -> POST 1 attempt, POST + Idempotent::YES retried, GET retried, GET + Idempotent::NO 1 attempt");
}

/// A request whose body is a stream cannot be cloned: it is sent once.
#[test]
fn a_streamed_request_is_sent_once() {
    let _alone = alone();
    let rt = support::runtime();
    let client = reqwest::Client::new();
    let fake = fake::Fake::start(|n| match n {
        0 => fake::Reply::error(503, "KMS.0104"),
        _ => fake::Reply::ok("{}"),
    });
    let status = rt.block_on(async {
        let mw = with_retries(&client, &quick());
        let body = reqwest::Body::wrap(String::from("{}"));
        let req = mw.post(fake.url("/v1/keys")).body(body);
        req.with_extension(Idempotent::YES)
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!((fake.requests(), status.as_u16()), (1, 503));
}

/// A loopback server that answers every request with `status` and a body that breaks off:
/// `Content-Length: 1000`, 20 bytes, then the connection is closed. Returns the URL and the
/// count of requests.
fn broken_body_server(status: u16) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1/keys", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(10) {
            let Ok(mut stream) = stream else { continue };
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            // The request: its head, then its body (`Content-Length`, at most 2 bytes here).
            let mut got = Vec::new();
            let mut buf = [0; 1024];
            while !String::from_utf8_lossy(&got).contains("\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
            seen.fetch_add(1, Ordering::SeqCst);
            let head = format!(
                "HTTP/1.1 {status} Broken\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(br#"{"error_code":"KMS."#);
            let _ = stream.flush();
            // Dropped: the body breaks off.
        }
    });
    (url, count)
}

/// An error body that cannot be read while the middleware reads it is a transport failure:
/// interrupted (the request may have been carried out), retried only when idempotent; not
/// retried, reqwest's body error is returned.
#[test]
fn an_error_body_that_breaks_off_is_an_interrupted_transport() {
    let _alone = alone();
    let rt = support::runtime();
    let client = reqwest::Client::new();

    // Not idempotent: one attempt, reqwest's error as it came.
    let (url, count) = broken_body_server(503);
    let err = rt
        .block_on(with_retries(&client, &quick()).post(&url).body("{}").send())
        .unwrap_err();
    assert_eq!(count.load(Ordering::SeqCst), 1);
    assert!(
        matches!(&err, reqwest_middleware::Error::Reqwest(e) if e.is_body() || e.is_decode()),
        "{err:?}"
    );
    let typed: ClientError = err.into();
    assert_eq!(
        typed.transport().unwrap().kind(),
        TransportKind::Interrupted
    );

    // Idempotent: retried; the last attempt's response is returned unread, and reading it
    // (here by `check_middleware`) fails the same way.
    let (url, count) = broken_body_server(503);
    let err = rt
        .block_on(async {
            check_middleware(with_retries(&client, &quick()).get(&url).send().await).await
        })
        .unwrap_err();
    assert_eq!(count.load(Ordering::SeqCst), 3);
    assert_eq!(
        err.transport().map(|t| t.kind()),
        Some(TransportKind::Interrupted),
        "{err:?}"
    );
    // Breaking off after the part the middleware read (8 bytes here): the response is handed
    // back, and the caller's read of the rest fails as it would without the middleware
    // (reqwest's decode error, with the cause in its chain).
    // A 500 without a code (the 8 bytes are no JSON): retried only when idempotent.
    let (url, count) = broken_body_server(500);
    let mw = ClientBuilder::new(client.clone())
        .with(RetryMiddleware::new(quick()).with_error_body_limit(8))
        .build();
    let read = rt.block_on(async {
        let resp = mw.post(&url).body("{}").send().await.unwrap();
        assert_eq!(resp.status(), 500);
        resp.text().await
    });
    assert_eq!(count.load(Ordering::SeqCst), 1);
    let read = read.unwrap_err();
    assert!(read.is_decode() || read.is_body(), "{read:?}");
    let typed: ClientError = read.into();
    assert_eq!(
        typed.transport().unwrap().kind(),
        TransportKind::Interrupted
    );

    println!("reqwest-middleware: an error body breaking off -> interrupted: 1 attempt (POST), 3 (GET), then: {err}");
}
