//! The one reader of error bodies, for every adapter that reads one (features `reqwest`,
//! and so `reqwest-middleware`, and `tower`): an error response's body read up to a limit
//! ([`ERROR_BODY_LIMIT`], 64 KiB, unless the adapter is given another), the bytes read kept
//! for the parser, and a body ([`Prefixed`]) that yields them again followed by the rest of
//! the stream, for the adapters that hand the response on (reqwest-middleware's
//! `RetryMiddleware`, tower's `ErrorBodyLayer`); reqwest's `check` drops it.
//!
//! A chunk that crosses the limit is split: the part past the limit is held as it came (no
//! copy for `Bytes` chunks) and yielded after the bytes read; nothing more is read. So at
//! most the limit plus the rest of one chunk is held. Trailers end the body: they are kept
//! and yielded last.
//!
//! A blocking client's body (ureq's, feature `ureq`) is a `Read`: [`read_capped`] reads it
//! up to the same limit, the rest left unread.

#[cfg(any(feature = "reqwest", feature = "tower"))]
use bytes::{Buf, Bytes, BytesMut};
#[cfg(any(feature = "reqwest", feature = "tower"))]
use http::HeaderMap;
#[cfg(any(feature = "reqwest", feature = "tower"))]
use http_body::{Body, Frame, SizeHint};
#[cfg(any(feature = "reqwest", feature = "tower"))]
use std::pin::Pin;
#[cfg(any(feature = "reqwest", feature = "tower"))]
use std::task::{ready, Context, Poll};

/// The most bytes of an error response's body the adapters read to find its code (64 KiB):
/// `kms_errors::reqwest::ERROR_BODY_LIMIT`, `kms_errors::tower::ERROR_BODY_LIMIT` and
/// `kms_errors::ureq::ERROR_BODY_LIMIT`, one value whichever features are on. An error body
/// is a few hundred bytes; a larger one (a proxy's page, a hostile server) is read this far.
pub(crate) const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// A blocking body read up to `limit` bytes (the rest left unread), with one allocation when
/// its length is `known` (`Content-Length`), up to the limit.
#[cfg(feature = "ureq")]
pub(crate) fn read_capped(
    reader: impl std::io::Read,
    limit: usize,
    known: Option<u64>,
) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let known = known.map_or(0, |n| usize::try_from(n).unwrap_or(limit));
    let mut read = Vec::with_capacity(known.min(limit));
    reader
        .take(u64::try_from(limit).unwrap_or(u64::MAX))
        .read_to_end(&mut read)?;
    Ok(read)
}

#[cfg(any(feature = "reqwest", feature = "tower"))]
/// An error body being read up to a limit: [`CappedRead::poll_read`] (for a future written by
/// hand) or [`CappedRead::read`], then [`CappedRead::into_body`].
pub(crate) struct CappedRead<B> {
    /// Boxed to be moved into the body handed back (one allocation per error response).
    body: Pin<Box<B>>,
    limit: usize,
    read: BytesMut,
    /// The part past the limit of the last chunk read.
    overflow: Option<Bytes>,
    /// The trailers that ended the body, if it had any.
    trailers: Option<HeaderMap>,
    /// Its end, or its trailers, were read.
    ended: bool,
}

#[cfg(any(feature = "reqwest", feature = "tower"))]
impl<B: Body> CappedRead<B> {
    /// Reads `body` up to `limit` bytes.
    pub(crate) fn new(body: B, limit: usize) -> Self {
        // One allocation for a body whose length is known (`Content-Length`), up to the limit.
        let known = usize::try_from(body.size_hint().lower()).unwrap_or(limit);
        CappedRead {
            body: Box::pin(body),
            limit,
            read: BytesMut::with_capacity(known.min(limit)),
            overflow: None,
            trailers: None,
            ended: false,
        }
    }

    /// Reads until `limit` bytes were read or the body ended. A failure of the body ends the
    /// read with the body's error (what was read is then of no use: the body is broken).
    pub(crate) fn poll_read(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), B::Error>> {
        while !self.ended && self.read.len() < self.limit {
            match ready!(self.body.as_mut().poll_frame(cx)) {
                Some(Ok(frame)) => match frame.into_data() {
                    Ok(data) => {
                        let mut chunk = to_bytes(data);
                        let room = self.limit - self.read.len();
                        if chunk.len() > room {
                            self.overflow = Some(chunk.split_off(room));
                        }
                        self.read.extend_from_slice(&chunk);
                    }
                    Err(frame) => {
                        self.trailers = frame.into_trailers().ok();
                        self.ended = true;
                    }
                },
                Some(Err(e)) => return Poll::Ready(Err(e)),
                None => self.ended = true,
            }
        }
        Poll::Ready(Ok(()))
    }

    /// Reads (as [`CappedRead::poll_read`]), then gives the body back
    /// ([`CappedRead::into_body`]): for reqwest's async functions (tower's future polls).
    #[cfg(feature = "reqwest")]
    pub(crate) async fn read(mut self) -> Result<Prefixed<B>, B::Error> {
        std::future::poll_fn(|cx| self.poll_read(cx)).await?;
        Ok(self.into_body())
    }

    /// The whole body again: the bytes read, then the rest of the stream.
    pub(crate) fn into_body(self) -> Prefixed<B> {
        Prefixed {
            read: self.read.freeze(),
            read_sent: false,
            overflow: self.overflow,
            rest: if self.ended { None } else { Some(self.body) },
            trailers: self.trailers,
        }
    }
}

#[cfg(any(feature = "reqwest", feature = "tower"))]
/// A body whose start was read by [`CappedRead`]: the bytes read (one frame), the part past
/// the limit of the last chunk read, the rest of the original body as it streams, then the
/// trailers if the read reached them. Its chunks are [`Bytes`] (the original's, converted
/// without copying when they are `Bytes` already, as hyper's and reqwest's).
pub(crate) struct Prefixed<B> {
    read: Bytes,
    read_sent: bool,
    overflow: Option<Bytes>,
    /// `None` once it ended.
    rest: Option<Pin<Box<B>>>,
    trailers: Option<HeaderMap>,
}

#[cfg(any(feature = "reqwest", feature = "tower"))]
impl<B> Prefixed<B> {
    /// The bytes read (the whole body when it is shorter than the limit); kept after the
    /// body yielded them.
    pub(crate) fn read(&self) -> &[u8] {
        &self.read
    }
}

#[cfg(any(feature = "reqwest", feature = "tower"))]
/// A chunk as [`Bytes`] (no copy when it is `Bytes` already).
pub(crate) fn to_bytes<D: Buf>(mut data: D) -> Bytes {
    data.copy_to_bytes(data.remaining())
}

#[cfg(any(feature = "reqwest", feature = "tower"))]
impl<B: Body> Body for Prefixed<B> {
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        let this = self.get_mut();
        if !this.read_sent {
            this.read_sent = true;
            if !this.read.is_empty() {
                return Poll::Ready(Some(Ok(Frame::data(this.read.clone()))));
            }
        }
        if let Some(chunk) = this.overflow.take() {
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        if let Some(rest) = &mut this.rest {
            match ready!(rest.as_mut().poll_frame(cx)) {
                Some(frame) => return Poll::Ready(Some(frame.map(|f| f.map_data(to_bytes)))),
                None => this.rest = None,
            }
        }
        Poll::Ready(this.trailers.take().map(|t| Ok(Frame::trailers(t))))
    }

    fn is_end_stream(&self) -> bool {
        (self.read_sent || self.read.is_empty())
            && self.overflow.is_none()
            && self.rest.as_ref().is_none_or(|b| b.is_end_stream())
            && self.trailers.is_none()
    }

    /// The rest's hint plus the bytes held (so an exact `Content-Length` stays exact).
    fn size_hint(&self) -> SizeHint {
        let mut held = self.overflow.as_ref().map_or(0, Bytes::len);
        if !self.read_sent {
            held += self.read.len();
        }
        let held = held as u64;
        let rest = self
            .rest
            .as_ref()
            .map_or(SizeHint::with_exact(0), |b| b.size_hint());
        let mut hint = SizeHint::new();
        hint.set_lower(rest.lower().saturating_add(held));
        if let Some(upper) = rest.upper() {
            hint.set_upper(upper.saturating_add(held));
        }
        hint
    }
}

/// The reader's cases; its body's helpers are tower's layer's too.
#[cfg(all(test, any(feature = "reqwest", feature = "tower")))]
pub(crate) mod tests {
    use super::*;
    use std::collections::VecDeque;
    use std::io;

    /// A body of scripted frames (data, trailers, an error), each ready when polled.
    pub(crate) struct Frames(pub(crate) VecDeque<Result<Frame<Bytes>, io::Error>>);

    impl Body for Frames {
        type Data = Bytes;
        type Error = io::Error;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
            Poll::Ready(self.0.pop_front())
        }

        fn is_end_stream(&self) -> bool {
            self.0.is_empty()
        }
    }

    pub(crate) fn data(s: &'static str) -> Result<Frame<Bytes>, io::Error> {
        Ok(Frame::data(Bytes::from_static(s.as_bytes())))
    }

    pub(crate) fn trailers() -> Result<Frame<Bytes>, io::Error> {
        let mut t = HeaderMap::new();
        t.insert("x-trailer", "t".parse().unwrap());
        Ok(Frame::trailers(t))
    }

    /// Every frame `body` yields, in order (data as text, trailers as `<trailers>`, an error
    /// as `<error ..>`), each ready when polled; then it has ended.
    pub(crate) fn drain<B>(mut body: B) -> Vec<String>
    where
        B: Body<Data = Bytes> + Unpin,
        B::Error: std::fmt::Display,
    {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        let mut out = Vec::new();
        loop {
            let Poll::Ready(frame) = Pin::new(&mut body).poll_frame(&mut cx) else {
                panic!("every frame is ready");
            };
            match frame {
                Some(Ok(f)) => match f.into_data() {
                    Ok(d) => out.push(String::from_utf8(d.to_vec()).unwrap()),
                    Err(f) => {
                        assert!(f.is_trailers());
                        out.push("<trailers>".into());
                    }
                },
                Some(Err(e)) => out.push(format!("<error {e}>")),
                None => break,
            }
        }
        assert!(body.is_end_stream());
        out
    }

    /// `frames` read up to `limit`: the bytes read, and every frame the body handed back
    /// yields ([`drain`]); or the error that broke off the read.
    fn capped(
        limit: usize,
        frames: Vec<Result<Frame<Bytes>, io::Error>>,
    ) -> Result<(String, Vec<String>), io::Error> {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        let mut reading = CappedRead::new(Frames(frames.into()), limit);
        let Poll::Ready(read) = reading.poll_read(&mut cx) else {
            panic!("every frame is ready");
        };
        read?;
        let mut body = reading.into_body();
        let read = String::from_utf8(body.read().to_vec()).unwrap();
        let out = drain(&mut body);
        assert_eq!(body.size_hint().exact(), Some(0));
        // What was read stays readable after the body yielded it.
        assert_eq!(body.read(), read.as_bytes());
        Ok((read, out))
    }

    #[test]
    fn cut_at_the_limit_the_rest_handed_back_in_order() {
        // The chunk that crosses the limit is split; nothing past it is read.
        let frames = vec![data("0123"), data("456789abc"), data("def"), trailers()];
        let (read, out) = capped(10, frames).unwrap();
        assert_eq!(read, "0123456789");
        assert_eq!(out, ["0123456789", "abc", "def", "<trailers>"]);
        // A limit of 0 reads nothing; the body is handed back whole.
        let (read, out) = capped(0, vec![data("ab"), data("cd")]).unwrap();
        assert_eq!((read.as_str(), out), ("", vec!["ab".into(), "cd".into()]));
    }

    #[test]
    fn exactly_at_the_limit() {
        // The limit reached on a chunk's end: nothing held past it, the rest still to stream.
        let (read, out) = capped(10, vec![data("01234"), data("56789"), data("ab")]).unwrap();
        assert_eq!(
            (read.as_str(), out),
            ("0123456789", vec!["0123456789".into(), "ab".into()])
        );
        // A body of exactly the limit.
        let (read, out) = capped(4, vec![data("0123")]).unwrap();
        assert_eq!((read.as_str(), out), ("0123", vec!["0123".into()]));
    }

    #[test]
    fn short_and_empty_bodies_are_read_whole() {
        let (read, out) = capped(10, vec![data("ab"), trailers()]).unwrap();
        assert_eq!(
            (read.as_str(), out),
            ("ab", vec!["ab".into(), "<trailers>".into()])
        );
        let (read, out) = capped(10, vec![]).unwrap();
        assert_eq!((read.as_str(), out.len()), ("", 0));
        let (read, out) = capped(10, vec![data(""), data("")]).unwrap();
        assert_eq!((read.as_str(), out.len()), ("", 0));
    }

    #[test]
    fn a_body_that_fails() {
        // While it is read: the read fails with the body's error.
        let err = capped(10, vec![data("01"), Err(io::Error::other("reset"))]).unwrap_err();
        assert_eq!(err.to_string(), "reset");
        // After the part read: the body handed back yields the failure in its place.
        let frames = vec![data("0123456789"), Err(io::Error::other("cut"))];
        let (read, out) = capped(10, frames).unwrap();
        assert_eq!(read, "0123456789");
        assert_eq!(out, ["0123456789", "<error cut>"]);
    }

    #[test]
    fn size_hints_count_what_is_held() {
        let body = http_body_util::Full::new(Bytes::from_static(b"0123456789abcdef"));
        let mut reading = CappedRead::new(body, 10);
        let mut cx = Context::from_waker(std::task::Waker::noop());
        assert!(reading.poll_read(&mut cx).is_ready());
        // Read: 10 bytes; held past the limit: 6; the rest, ended.
        let mut body = reading.into_body();
        assert_eq!(body.size_hint().exact(), Some(16));
        assert!(!body.is_end_stream());
        let first = Pin::new(&mut body).poll_frame(&mut cx);
        assert!(matches!(first, Poll::Ready(Some(Ok(_)))));
        assert_eq!(body.size_hint().exact(), Some(6));
        // A rest still to stream counts its own hint.
        let frames = Frames(vec![data("0123"), data("4567")].into());
        let mut reading = CappedRead::new(frames, 2);
        assert!(reading.poll_read(&mut cx).is_ready());
        let body = reading.into_body();
        assert_eq!(body.size_hint().lower(), 4);
        assert!(!body.is_end_stream());
    }
}

#[cfg(all(test, feature = "ureq"))]
mod blocking_tests {
    use super::read_capped;

    #[test]
    fn a_blocking_body_is_read_up_to_the_limit() {
        let body = b"0123456789abcdef";
        let mut reader = &body[..];
        assert_eq!(
            read_capped(&mut reader, 10, Some(16)).unwrap(),
            b"0123456789"
        );
        assert_eq!(reader, b"abcdef", "the rest left unread");
        assert_eq!(read_capped(&body[..4], 10, None).unwrap(), b"0123");
        assert_eq!(read_capped(&body[..], 0, Some(u64::MAX)).unwrap(), b"");
        let read = read_capped(&body[..], 64 * 1024, Some(u64::MAX)).unwrap();
        assert_eq!((read.len(), read.capacity() <= 64 * 1024), (16, true));
    }
}
