//! tower's `RetryLayer` with `kms_errors::tower::Policy` above `ErrorBodyLayer`, over hyper's
//! legacy client (HTTP/1, plain HTTP; a per-attempt `TimeoutLayer` below the error-body
//! layer), through every scenario; and what the scenarios do not see: error responses reach
//! the caller whole, successes stream, attempts are counted per request, the idempotency
//! extension, bodies that cannot be cloned.
#![cfg(feature = "tower")]

mod support;

use bytes::Bytes;
use http::{Request, Response};
use http_body::Body;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use kms_errors::tower::{
    check, transport_kind, BufferedBody, CloneBody, ErrorBodyLayer, Policy, ERROR_BODY_LIMIT,
};
use kms_errors::{ClientError, Idempotent, RetryPolicy, TransportError, TransportKind};
use std::error::Error;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use support::fake::{Fake, Reply};
use support::memory;
use support::scenarios::{self, Req};
use tower::retry::RetryLayer;
use tower::timeout::error::Elapsed;
use tower::timeout::TimeoutLayer;
use tower::{Service, ServiceBuilder, ServiceExt};

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// The default classifier first (TLS, io errors); then hyper's legacy client says whether it
/// connected (`is_connect`: the request was not sent), and tower's timeout that it timed out.
fn hyper_kind(err: &(dyn Error + 'static)) -> TransportKind {
    match transport_kind(err) {
        TransportKind::Interrupted if err.is::<Elapsed>() => TransportKind::Timeout,
        TransportKind::Interrupted
            if err
                .downcast_ref::<hyper_util::client::legacy::Error>()
                .is_some_and(|e| e.is_connect()) =>
        {
            TransportKind::Connect
        }
        kind => kind,
    }
}

type Hyper<B> = Client<HttpConnector, B>;

fn hyper<B>() -> Hyper<B>
where
    B: Body + Send + Unpin + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn Error + Send + Sync>>,
{
    Client::builder(TokioExecutor::new()).build_http()
}

/// The stack a user builds: retries above, error bodies read below, the client (each attempt
/// given at most `timeout`, 30 s unless said).
fn stack<B>(
    client: Hyper<B>,
    policy: &RetryPolicy,
) -> impl Service<
    Request<B>,
    Response = Response<BufferedBody<hyper::body::Incoming>>,
    Error = TransportError,
    Future: Send,
> + Clone
where
    B: Body + CloneBody + Send + Unpin + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn Error + Send + Sync>>,
{
    stack_with_timeout(client, policy, Duration::from_secs(30))
}

fn stack_with_timeout<B>(
    client: Hyper<B>,
    policy: &RetryPolicy,
    timeout: Duration,
) -> impl Service<
    Request<B>,
    Response = Response<BufferedBody<hyper::body::Incoming>>,
    Error = TransportError,
    Future: Send,
> + Clone
where
    B: Body + CloneBody + Send + Unpin + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn Error + Send + Sync>>,
{
    ServiceBuilder::new()
        .layer(RetryLayer::new(Policy::new(policy.clone())))
        .layer(ErrorBodyLayer::new().with_classifier(hyper_kind))
        .layer(TimeoutLayer::new(timeout))
        .service(client)
}

fn post(url: &str, idempotent: Option<Idempotent>) -> Request<Full<Bytes>> {
    let mut req = Request::post(url)
        .body(Full::new(Bytes::from_static(b"{}")))
        .unwrap();
    if let Some(i) = idempotent {
        req.extensions_mut().insert(i);
    }
    req
}

/// The adapter's call in the scenarios: the status of a success, else the typed failure.
fn call<'a>(
    rt: &'a tokio::runtime::Runtime,
    client: &'a Hyper<Full<Bytes>>,
) -> impl Fn(&Req) -> Result<u16, ClientError> + Sync + 'a {
    move |req: &Req| {
        rt.block_on(async {
            let timeout = req.timeout.unwrap_or(Duration::from_secs(30));
            let svc = stack_with_timeout(client.clone(), req.policy, timeout);
            let body = match req.method {
                "POST" => Full::new(Bytes::from_static(b"{}")),
                _ => Full::default(),
            };
            let mut request = Request::builder()
                .method(req.method)
                .uri(req.url)
                .body(body)
                .unwrap();
            if let Some(idempotent) = req.idempotent {
                request.extensions_mut().insert(idempotent);
            }
            let resp = check(svc.oneshot(request).await)?;
            Ok(resp.status().as_u16())
        })
    }
}

#[test]
fn scenarios() {
    let rt = support::runtime();
    let client = hyper();
    scenarios::run("tower (hyper-util)", &call(&rt, &client));
}

#[test]
fn huge_error_body() {
    let rt = support::runtime();
    let client = hyper();
    scenarios::huge_error_body_is_capped(
        "tower (hyper-util)",
        &call(&rt, &client),
        ERROR_BODY_LIMIT,
    );
}

/// A policy without a budget and with short waits.
fn quick() -> RetryPolicy {
    RetryPolicy::default()
        .with_backoff(Duration::from_millis(5), Duration::from_millis(20))
        .without_budget()
}

/// An error response that is not retried reaches the caller as the server sent it: status,
/// headers, the whole body (here 200 KiB, more than the 64 KiB read to decide).
#[test]
fn an_error_response_arrives_whole() {
    let long = format!(
        r#"{{"error_code":"KMS.0207","error_msg":"{}"}}"#,
        "y".repeat(200 * 1024)
    );
    let short = r#"{"error_code":"KMS.0207","error_msg":"gone"}"#.to_owned();
    let bodies = [long.clone(), short.clone()];
    let fake = Fake::start(move |n| Reply::With {
        status: 404,
        headers: vec![
            ("X-Request-Id", format!("req-{n}")),
            ("X-Other", "kept".into()),
        ],
        body: bodies[n % 2].clone(),
    });
    let rt = support::runtime();
    rt.block_on(async {
        let svc = stack(hyper(), &quick());
        for (n, sent) in [long, short].into_iter().enumerate() {
            let resp = svc
                .clone()
                .oneshot(post(&fake.url("/v1/keys"), None))
                .await
                .unwrap();
            assert_eq!(resp.status(), 404);
            assert_eq!(resp.headers()["x-request-id"], format!("req-{n}").as_str());
            assert_eq!(resp.headers()["x-other"], "kept");
            let read = resp.body().prefix().unwrap().len();
            assert_eq!(read, sent.len().min(ERROR_BODY_LIMIT));
            let body = resp.into_body().collect().await.unwrap().to_bytes();
            assert_eq!(body.len(), sent.len());
            assert!(body == sent.as_bytes(), "the body as sent");
        }
        // Not retried (404), once each.
        assert_eq!(fake.requests(), 2);

        // Typed by `check`: the long one's JSON is cut at 64 KiB, so only its status and
        // request id are known; the short one's code and text too.
        let err = check(svc.clone().oneshot(post(&fake.url("/v1/keys"), None)).await).unwrap_err();
        assert_eq!(
            (err.error_type(), err.request_id()),
            ("404".into(), Some("req-2"))
        );
        let err = check(svc.clone().oneshot(post(&fake.url("/v1/keys"), None)).await).unwrap_err();
        assert_eq!(
            (err.error_type(), err.request_id()),
            ("KMS.0207".into(), Some("req-3"))
        );
        assert!(err.error().unwrap().is_not_found());
        assert_eq!(err.api().unwrap().server_message(), "gone");
    });
}

/// A success's body is not read by the layer: it streams to the caller in many chunks, as it
/// arrives (20 MB here), with little memory.
#[test]
fn a_success_body_streams_untouched() {
    const SIZE: usize = 20 * 1024 * 1024;
    let fake = Fake::start(|_| Reply::Huge {
        status: 200,
        bytes: SIZE,
    });
    let rt = support::runtime();
    rt.block_on(async {
        let svc = stack(hyper(), &quick());
        let resp = check(svc.oneshot(post(&fake.url("/v1/keys"), None)).await).unwrap();
        assert!(resp.body().prefix().is_none(), "a success is not buffered");
        assert_eq!(resp.body().size_hint().exact(), Some(SIZE as u64));
        let mut body = resp.into_body();
        let (mut bytes, mut chunks, mut largest) = (0, 0, 0);
        while let Some(frame) = body.frame().await {
            let data = frame.unwrap().into_data().unwrap();
            assert!(data.iter().all(|b| *b == b'x'));
            bytes += data.len();
            largest = largest.max(data.len());
            chunks += 1;
        }
        assert_eq!(bytes, SIZE);
        assert!(chunks > 10, "{chunks} chunks");
        assert!(largest <= 1024 * 1024, "a chunk of {largest} bytes");
        println!("tower (hyper-util): a 20 MB success body -> {chunks} chunks, the largest {largest} bytes");
    });
}

/// One service, several requests: each gets the full number of attempts (tower clones the
/// policy per request; the service's own is never counted up).
#[test]
fn attempts_are_counted_per_request() {
    let fake = Fake::start(|_| Reply::error(503, "KMS.0104"));
    let rt = support::runtime();
    rt.block_on(async {
        let mut svc = stack(hyper(), &quick());
        for n in 1..=3 {
            let svc = svc.ready().await.unwrap();
            let result = check(svc.call(post(&fake.url("/v1/keys"), None)).await);
            assert_eq!(result.unwrap_err().error_type(), "KMS.0104");
            assert_eq!(fake.requests(), 3 * n, "request {n}: 3 attempts");
        }
        // Concurrently, too.
        let calls = (0..4).map(|_| svc.clone().oneshot(post(&fake.url("/v1/keys"), None)));
        for r in futures_join(calls).await {
            assert_eq!(r.unwrap().status(), 503);
        }
        assert_eq!(fake.requests(), 9 + 4 * 3);
    });
    println!(
        "tower (hyper-util): one service, 3 requests then 4 at once, 503 each -> 3 attempts each"
    );
}

/// Awaits every future (spawned on the runtime), in order.
async fn futures_join<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

/// The `Idempotent` extension overrides the method: a GET marked not idempotent is not
/// retried after a gateway timeout (504 `APIG.0201`); a POST marked idempotent is.
#[test]
fn the_idempotency_extension_overrides_the_method() {
    let script = |n| match n {
        0 => Reply::error(504, "APIG.0201"),
        _ => Reply::ok("{}"),
    };
    let rt = support::runtime();
    rt.block_on(async {
        let client = hyper();
        let with = |req: Request<Full<Bytes>>| stack(client.clone(), &quick()).oneshot(req);

        // By the method: a GET is retried, a POST is not.
        let fake = Fake::start(script);
        let get = Request::get(fake.url("/v1/keys"))
            .body(Full::default())
            .unwrap();
        assert_eq!(with(get).await.unwrap().status(), 200);
        assert_eq!(fake.requests(), 2);
        let fake = Fake::start(script);
        assert_eq!(
            with(post(&fake.url("/v1/keys"), None))
                .await
                .unwrap()
                .status(),
            504
        );
        assert_eq!(fake.requests(), 1);

        // By the extension.
        let fake = Fake::start(script);
        let mut get = Request::get(fake.url("/v1/keys"))
            .body(Full::default())
            .unwrap();
        get.extensions_mut().insert(Idempotent::NO);
        assert_eq!(with(get).await.unwrap().status(), 504);
        assert_eq!(fake.requests(), 1);
        let fake = Fake::start(script);
        let req = post(&fake.url("/v1/keys"), Some(Idempotent::YES));
        assert_eq!(with(req).await.unwrap().status(), 200);
        assert_eq!(fake.requests(), 2);
    });
}

/// A body that cannot be cloned (here: one that says so) is sent once, whatever the error.
#[derive(Debug)]
struct OnceBody(Full<Bytes>);

impl Body for OnceBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        Pin::new(&mut self.get_mut().0).poll_frame(cx)
    }
}

impl CloneBody for OnceBody {
    fn clone_body(&self) -> Option<Self> {
        None
    }
}

#[test]
fn a_body_that_cannot_be_cloned_is_sent_once() {
    let fake = Fake::start(|_| Reply::error(503, "KMS.0104"));
    let rt = support::runtime();
    rt.block_on(async {
        let svc = stack(hyper::<OnceBody>(), &quick());
        let req = Request::get(fake.url("/v1/keys"))
            .body(OnceBody(Full::new(Bytes::from_static(b"{}"))))
            .unwrap();
        let err = check(svc.oneshot(req).await).unwrap_err();
        assert_eq!(err.error_type(), "KMS.0104");
        assert_eq!(fake.requests(), 1);
    });
}

/// A refused connection is a typed transport failure (hyper's `is_connect`); the policy
/// retries it (not sent) even for a POST.
#[test]
fn a_refused_connection_is_not_sent() {
    let rt = support::runtime();
    rt.block_on(async {
        let svc = stack(hyper(), &quick());
        let result = svc.oneshot(post(&support::fake::refused_url(), None)).await;
        let err = result.unwrap_err();
        assert_eq!(err.kind(), TransportKind::Connect);
        assert!(err
            .source()
            .unwrap()
            .is::<hyper_util::client::legacy::Error>());
    });
}
