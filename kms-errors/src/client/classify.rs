//! [`TransportKind::of_error`]: a client's error, read through its `source()` chain, as the
//! kind of transport failure it is (the table on [`TransportKind`]).

use super::{TransportError, TransportKind};
use std::error::Error;
use std::io;

impl TransportKind {
    /// The kind of `err`, a client's failure, read through its `source()` chain (`err`
    /// first), for clients whose errors have no kinds of their own (and tower's default
    /// classifier):
    ///
    /// 1. a [`TransportError`] in the chain gives its kind; with the features `reqwest` and
    ///    `ureq`, a reqwest or ureq error is read as `kms_errors::reqwest::transport` and
    ///    `kms_errors::ureq::transport` read it;
    /// 2. an error whose text names TLS is [`TransportKind::Tls`] (see the table on
    ///    [`TransportKind`]);
    /// 3. an `io::Error`: refused, an address not available, a host or network unreachable
    ///    is [`TransportKind::Connect`]; timed out, [`TransportKind::Timeout`]; any other (a
    ///    reset, a broken pipe, an early end) [`TransportKind::Interrupted`];
    /// 4. without any of these, the request may have been sent:
    ///    [`TransportKind::Interrupted`].
    ///
    /// ```
    /// use kms_errors::TransportKind;
    /// use std::io;
    ///
    /// let refused = io::Error::new(io::ErrorKind::ConnectionRefused, "connection refused");
    /// assert_eq!(TransportKind::of_error(&refused), TransportKind::Connect);
    /// let cert = io::Error::new(io::ErrorKind::InvalidData, "invalid peer certificate: UnknownIssuer");
    /// assert_eq!(TransportKind::of_error(&cert), TransportKind::Tls);
    /// ```
    #[must_use]
    pub fn of_error(err: &(dyn Error + 'static)) -> TransportKind {
        let mut next = Some(err);
        while let Some(e) = next {
            if let Some(t) = e.downcast_ref::<TransportError>() {
                return t.kind();
            }
            #[cfg(feature = "reqwest")]
            if let Some(r) = e.downcast_ref::<::reqwest::Error>() {
                return crate::external::reqwest::transport_kind(r);
            }
            #[cfg(feature = "ureq")]
            if let Some(u) = e.downcast_ref::<::ureq::Error>() {
                return crate::external::ureq::transport_kind(u);
            }
            if names_tls(e) {
                return TransportKind::Tls;
            }
            if let Some(io) = e.downcast_ref::<io::Error>() {
                return io_kind(io);
            }
            next = e.source();
        }
        TransportKind::Interrupted
    }
}

/// An `io::Error` by its kind: not connected, timed out, or broken off.
pub(crate) fn io_kind(io: &io::Error) -> TransportKind {
    use io::ErrorKind as Io;
    match io.kind() {
        Io::ConnectionRefused
        | Io::AddrNotAvailable
        | Io::HostUnreachable
        | Io::NetworkUnreachable
        | Io::NotConnected => TransportKind::Connect,
        Io::TimedOut => TransportKind::Timeout,
        _ => TransportKind::Interrupted,
    }
}

/// Whether the text of `e` itself (not its sources) names a TLS failure: a word `tls` or
/// `ssl`, or one beginning or ending with them (`tlsv1`, `rustls`, `openssl`), a word with
/// `certificate` or `handshake` in it; or hyper's "scheme is not http" (a client without
/// TLS given an `https` URL). A TLS connection closed without `close_notify` is the end of
/// a transfer, not a failed handshake: not counted.
pub(crate) fn names_tls(e: &dyn Error) -> bool {
    let text = e.to_string().to_ascii_lowercase();
    if text.contains("scheme is not http") {
        return true;
    }
    if text.contains("close_notify") {
        return false;
    }
    text.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        w.starts_with("tls")
            || w.ends_with("tls")
            || w.starts_with("ssl")
            || w.ends_with("ssl")
            || w.contains("certificate")
            || w.contains("handshake")
    })
}

/// Whether an error of the chain from `first` on names a TLS failure ([`names_tls`]).
#[cfg(any(test, feature = "reqwest"))]
pub(crate) fn chain_names_tls(first: Option<&(dyn Error + 'static)>) -> bool {
    let mut next = first;
    while let Some(e) = next {
        if names_tls(e) {
            return true;
        }
        next = e.source();
    }
    false
}

/// Whether the chain from `first` on has an `io::Error` of kind `InvalidData`: what rustls
/// gives when the peer answers a handshake with something that is not TLS.
#[cfg(any(test, feature = "reqwest"))]
pub(crate) fn chain_has_invalid_data(first: Option<&(dyn Error + 'static)>) -> bool {
    let mut next = first;
    while let Some(e) = next {
        if e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::InvalidData)
        {
            return true;
        }
        next = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(e: impl Error + 'static) -> TransportKind {
        TransportKind::of_error(&e)
    }

    fn io(k: io::ErrorKind, text: &str) -> io::Error {
        io::Error::new(k, text.to_owned())
    }

    #[test]
    fn io_errors_by_kind() {
        use io::ErrorKind as K;
        for k in [
            K::ConnectionRefused,
            K::AddrNotAvailable,
            K::HostUnreachable,
            K::NetworkUnreachable,
            K::NotConnected,
        ] {
            assert_eq!(kind(io(k, "x")), TransportKind::Connect, "{k:?}");
        }
        assert_eq!(kind(io(K::TimedOut, "x")), TransportKind::Timeout);
        for k in [
            K::ConnectionReset,
            K::BrokenPipe,
            K::UnexpectedEof,
            K::Other,
        ] {
            assert_eq!(kind(io(k, "x")), TransportKind::Interrupted, "{k:?}");
        }
    }

    /// What the TLS libraries say (rustls, native-tls with OpenSSL, with Secure Transport,
    /// hyper without TLS), and what only looks like it.
    #[test]
    fn tls_by_what_it_says() {
        use io::ErrorKind as K;
        for text in [
            "invalid peer certificate: UnknownIssuer",
            "invalid peer certificate: Expired",
            "tls handshake eof",
            "error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify failed",
            "error:0A00010B:SSL routines:ssl3_get_record:wrong version number",
            "The certificate was not trusted.",
            "rustls: received fatal alert: HandshakeFailure",
            "native-tls: unexpected EOF",
            "invalid URL, scheme is not http",
            "peer is incompatible: Tls12NotOffered",
        ] {
            assert_eq!(kind(io(K::InvalidData, text)), TransportKind::Tls, "{text}");
            assert_eq!(kind(io(K::Other, text)), TransportKind::Tls, "{text}");
        }
        for text in [
            "connection reset by peer",
            "grossly malformed", // `ssl` inside a word
            "bottles of settlement",
            "peer closed connection without sending TLS close_notify",
        ] {
            assert_eq!(
                kind(io(K::ConnectionReset, text)),
                TransportKind::Interrupted,
                "{text}"
            );
        }
    }

    #[test]
    fn the_chain_is_read_outside_in() {
        // A transport error inside decides.
        let t = TransportError::new(
            TransportKind::Timeout,
            io(io::ErrorKind::ConnectionRefused, "x"),
        );
        assert_eq!(TransportKind::of_error(&t), TransportKind::Timeout);
        // An io error behind a wrapper.
        #[derive(Debug)]
        struct Wrap(io::Error);
        impl std::fmt::Display for Wrap {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("client error (Connect)")
            }
        }
        impl Error for Wrap {
            fn source(&self) -> Option<&(dyn Error + 'static)> {
                Some(&self.0)
            }
        }
        assert_eq!(
            kind(Wrap(io(io::ErrorKind::ConnectionRefused, "refused"))),
            TransportKind::Connect
        );
        assert_eq!(
            kind(Wrap(io(io::ErrorKind::Other, "tls handshake eof"))),
            TransportKind::Tls
        );
        // Nothing known: it may have been sent.
        let other: Box<dyn Error + Send + Sync> = "something else".into();
        assert_eq!(TransportKind::of_error(&*other), TransportKind::Interrupted);
        assert!(chain_has_invalid_data(Some(&Wrap(io(
            io::ErrorKind::InvalidData,
            "x"
        )))));
        assert!(!chain_has_invalid_data(Some(&Wrap(io(
            io::ErrorKind::Other,
            "x"
        )))));
        assert!(chain_names_tls(Some(&Wrap(io(
            io::ErrorKind::Other,
            "bad certificate"
        )))));
    }
}
