//! [`ErrorBodyLayer`], right above the client: the body of a response that is not a success
//! read up to a limit (by the crate's one error-body reader) and handed on whole
//! ([`BufferedBody`]), the client's failures typed ([`transport_kind`], [`Classify`]).

#[cfg(doc)]
use super::Policy;
use crate::external::body::{to_bytes, CappedRead, Prefixed};
use crate::{TransportError, TransportKind};
use bytes::Bytes;
use core::fmt;
use http::{Request, Response};
use http_body::{Body, Frame, SizeHint};
use pin_project_lite::pin_project;
use std::error::Error;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

/// The most bytes of an error response's body [`ErrorBodyLayer`] reads before the policy
/// decides (64 KiB, as `kms_errors::reqwest::ERROR_BODY_LIMIT`): an error body is a few
/// hundred bytes; the rest of a larger one (a proxy's page) is left to stream on.
pub const ERROR_BODY_LIMIT: usize = crate::external::body::ERROR_BODY_LIMIT;

type BoxError = Box<dyn Error + Send + Sync>;

/// How [`ErrorBodyLayer`] names a client's failure: the error (the client service's, as an
/// `Error` whose `downcast_ref` finds its type) to its [`TransportKind`].
pub type Classify = fn(&(dyn Error + 'static)) -> TransportKind;

/// The default [`Classify`], [`TransportKind::of_error`]: `err`'s `source()` chain (`err`
/// included) read for a [`TransportError`], an error naming TLS
/// ([`TransportKind::Tls`]), an `io::Error` (refused, an unavailable address, an
/// unreachable host or network: [`TransportKind::Connect`], not sent; timed out:
/// [`TransportKind::Timeout`]; any other, a reset, a broken pipe, an early end:
/// [`TransportKind::Interrupted`]). Without any, the request may have been sent:
/// [`TransportKind::Interrupted`].
#[must_use]
pub fn transport_kind(err: &(dyn Error + 'static)) -> TransportKind {
    TransportKind::of_error(err)
}

/// Reads the body of every response whose status is not a success, up to a limit, before
/// the response goes up to tower's `RetryLayer` (whose [`Policy`] decides by it); types the
/// client's failures as [`TransportError`]s. Put it right above the client service.
#[derive(Clone, Copy, Debug)]
pub struct ErrorBodyLayer {
    limit: usize,
    classify: Classify,
}

impl ErrorBodyLayer {
    /// Reads error bodies up to [`ERROR_BODY_LIMIT`]; names failures with
    /// [`transport_kind`].
    #[must_use]
    pub fn new() -> Self {
        ErrorBodyLayer {
            limit: ERROR_BODY_LIMIT,
            classify: transport_kind,
        }
    }

    /// Reads at most `bytes` of an error response's body to decide (the rest streams on to
    /// the caller).
    #[must_use]
    pub fn with_error_body_limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// Names the client's failures with `classify` (a client whose error says more than
    /// [`transport_kind`] finds, as hyper's `is_connect()`).
    #[must_use]
    pub fn with_classifier(mut self, classify: Classify) -> Self {
        self.classify = classify;
        self
    }
}

impl Default for ErrorBodyLayer {
    /// [`ErrorBodyLayer::new`].
    fn default() -> Self {
        ErrorBodyLayer::new()
    }
}

impl<S> ::tower::Layer<S> for ErrorBodyLayer {
    type Service = ErrorBodyService<S>;

    fn layer(&self, inner: S) -> ErrorBodyService<S> {
        ErrorBodyService {
            inner,
            limit: self.limit,
            classify: self.classify,
        }
    }
}

/// The service of [`ErrorBodyLayer`]: the inner service's responses with their error bodies
/// read up to the limit ([`BufferedBody`]), its failures as [`TransportError`]s.
#[derive(Clone, Debug)]
pub struct ErrorBodyService<S> {
    inner: S,
    limit: usize,
    classify: Classify,
}

impl<S> ErrorBodyService<S> {
    /// The inner service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The inner service, by value.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

/// A failure of the client as a transport failure of the kind `classify` gives.
fn classified(err: BoxError, classify: Classify) -> TransportError {
    let kind = classify(&*err);
    TransportError::new(kind, err)
}

impl<S, ReqBody, ResBody> ::tower::Service<Request<ReqBody>> for ErrorBodyService<S>
where
    S: ::tower::Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Error: Into<BoxError>,
    ResBody: Body,
    ResBody::Error: Into<BoxError>,
{
    type Response = Response<BufferedBody<ResBody>>;
    type Error = TransportError;
    type Future = ResponseFuture<S::Future, ResBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        let classify = self.classify;
        self.inner
            .poll_ready(cx)
            .map_err(|e| classified(e.into(), classify))
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        ResponseFuture {
            state: State::Calling {
                future: self.inner.call(req),
            },
            limit: self.limit,
            classify: self.classify,
        }
    }
}

pin_project! {
    /// The future of [`ErrorBodyService`]: the inner call, then the error body's first
    /// bytes.
    pub struct ResponseFuture<F, B> {
        #[pin]
        state: State<F, B>,
        limit: usize,
        classify: Classify,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F, B> {
        Calling {
            #[pin]
            future: F,
        },
        // `None` once taken into the response.
        Reading {
            head: Option<http::response::Parts>,
            body: Option<CappedRead<B>>,
        },
        Done,
    }
}

impl<F, B> fmt::Debug for ResponseFuture<F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

impl<F, B, E> Future for ResponseFuture<F, B>
where
    F: Future<Output = Result<Response<B>, E>>,
    E: Into<BoxError>,
    B: Body,
    B::Error: Into<BoxError>,
{
    type Output = Result<Response<BufferedBody<B>>, TransportError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let limit = *this.limit;
        loop {
            match this.state.as_mut().project() {
                StateProj::Calling { future } => {
                    let classify = *this.classify;
                    let resp = ready!(future.poll(cx)).map_err(|e| classified(e.into(), classify));
                    let resp = match resp {
                        Ok(resp) => resp,
                        Err(e) => {
                            this.state.set(State::Done);
                            return Poll::Ready(Err(e));
                        }
                    };
                    if resp.status().is_success() {
                        this.state.set(State::Done);
                        return Poll::Ready(Ok(resp.map(BufferedBody::streamed)));
                    }
                    let (head, body) = resp.into_parts();
                    this.state.set(State::Reading {
                        head: Some(head),
                        body: Some(CappedRead::new(body, limit)),
                    });
                }
                StateProj::Reading { head, body } => {
                    let read = ready!(body.as_mut().expect("read until done").poll_read(cx));
                    let result = match read {
                        Ok(()) => {
                            let body = body.take().expect("read until done").into_body();
                            let head = head.take().expect("read until done");
                            Ok(Response::from_parts(head, BufferedBody::buffered(body)))
                        }
                        Err(e) => Err(TransportError::new(TransportKind::Interrupted, e)),
                    };
                    this.state.set(State::Done);
                    return Poll::Ready(result);
                }
                StateProj::Done => panic!("ResponseFuture polled after completion"),
            }
        }
    }
}

pin_project! {
    /// The body of a response that went through [`ErrorBodyLayer`]: a success's body as it
    /// came, streamed; an error's first bytes (read to decide), then the rest of it, streamed
    /// too. Its chunks are [`Bytes`] (the inner body's, converted without copying when they
    /// are `Bytes` already, as hyper's).
    pub struct BufferedBody<B> {
        #[pin]
        inner: Inner<B>,
    }
}

pin_project! {
    #[project = InnerProj]
    enum Inner<B> {
        Streamed {
            #[pin]
            body: B,
        },
        Buffered {
            body: Prefixed<B>,
        },
    }
}

impl<B> BufferedBody<B> {
    fn streamed(body: B) -> Self {
        BufferedBody {
            inner: Inner::Streamed { body },
        }
    }

    fn buffered(body: Prefixed<B>) -> Self {
        BufferedBody {
            inner: Inner::Buffered { body },
        }
    }

    /// The first bytes of an error response's body (up to the layer's limit; the whole body
    /// when it is shorter), read to decide; `None` for a success's body, which is not read.
    /// They stay here after the body yielded them.
    #[must_use]
    pub fn prefix(&self) -> Option<&[u8]> {
        match &self.inner {
            Inner::Buffered { body } => Some(body.read()),
            Inner::Streamed { .. } => None,
        }
    }
}

impl<B> fmt::Debug for BufferedBody<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("BufferedBody");
        match self.prefix() {
            Some(prefix) => d.field("prefix_len", &prefix.len()),
            None => d.field("streamed", &true),
        };
        d.finish_non_exhaustive()
    }
}

impl<B: Body> Body for BufferedBody<B> {
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        match self.project().inner.project() {
            InnerProj::Streamed { body } => body
                .poll_frame(cx)
                .map(|frame| frame.map(|f| f.map(|f| f.map_data(to_bytes)))),
            InnerProj::Buffered { body } => Pin::new(body).poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.inner {
            Inner::Streamed { body } => body.is_end_stream(),
            Inner::Buffered { body } => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.inner {
            Inner::Streamed { body } => body.size_hint(),
            Inner::Buffered { body } => body.size_hint(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::external::body::tests::{data, drain, trailers, Frames};
    use crate::ClientError;
    use ::tower::{Layer, ServiceExt};
    use std::io;

    /// Through `ErrorBodyLayer` with a limit of 10 bytes: what the layer read, and every
    /// frame the body then yields, in order (`drain`).
    fn through(
        status: u16,
        mut frames: Vec<Result<Frame<Bytes>, io::Error>>,
    ) -> Result<(Option<Vec<u8>>, Vec<String>), TransportError> {
        let svc = ErrorBodyLayer::new()
            .with_error_body_limit(10)
            .layer(::tower::service_fn(move |_: Request<()>| {
                let frames = Frames(frames.drain(..).collect());
                let resp = Response::builder().status(status).body(frames).unwrap();
                std::future::ready(Ok::<_, io::Error>(resp))
            }));
        let rt = ::tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let resp = rt.block_on(svc.oneshot(Request::new(())))?;
        let prefix = resp.body().prefix().map(<[u8]>::to_vec);
        Ok((prefix, drain(resp.into_body())))
    }

    /// The layer reads an error body (the reader's own cases: `external/body.rs`) and hands it
    /// on whole; a success's is not read.
    #[test]
    fn the_prefix_then_the_rest_then_the_trailers() {
        let frames = || vec![data("0123"), data("456789abc"), data("def"), trailers()];
        // An error: read up to 10 bytes (the chunk past them split, not copied), then the rest.
        let (prefix, out) = through(500, frames()).unwrap();
        assert_eq!(prefix.as_deref(), Some(&b"0123456789"[..]));
        assert_eq!(out, ["0123456789", "abc", "def", "<trailers>"]);
        // A success: as it came.
        let (prefix, out) = through(200, frames()).unwrap();
        assert_eq!(prefix, None);
        assert_eq!(out, ["0123", "456789abc", "def", "<trailers>"]);
        // Empty.
        let (prefix, out) = through(503, vec![]).unwrap();
        assert_eq!((prefix.as_deref(), out.len()), (Some(&b""[..]), 0));
    }

    #[test]
    fn an_error_body_that_cannot_be_read_is_an_interrupted_transfer() {
        let err = through(500, vec![data("01"), Err(io::Error::other("reset"))]).unwrap_err();
        assert_eq!(err.kind(), TransportKind::Interrupted);
        assert_eq!(
            std::error::Error::source(&err).unwrap().to_string(),
            "reset"
        );
    }

    #[test]
    fn the_default_classifier_reads_the_chain() {
        let io = |k| transport_kind(&io::Error::new(k, "x"));
        assert_eq!(io(io::ErrorKind::ConnectionRefused), TransportKind::Connect);
        assert_eq!(io(io::ErrorKind::TimedOut), TransportKind::Timeout);
        assert_eq!(
            io(io::ErrorKind::ConnectionReset),
            TransportKind::Interrupted
        );
        // Nested: the cause decides.
        let t = TransportError::new(
            TransportKind::Timeout,
            io::Error::new(io::ErrorKind::ConnectionRefused, "x"),
        );
        assert_eq!(transport_kind(&t), TransportKind::Timeout);
        let wrapped = TransportError::new(
            TransportKind::Other,
            io::Error::new(io::ErrorKind::ConnectionRefused, "x"),
        );
        let outer: ClientError = wrapped.into();
        assert_eq!(
            transport_kind(std::error::Error::source(&outer).unwrap()),
            TransportKind::Connect
        );
        // Nothing known: it may have been sent.
        let fmt: BoxError = "something else".into();
        assert_eq!(transport_kind(&*fmt), TransportKind::Interrupted);
    }
}
