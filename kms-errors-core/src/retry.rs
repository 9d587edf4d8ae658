//! [`Retry`]: the retry rule, written once. Every error type's `is_retryable()`,
//! `is_retryable_for()`, `is_throttled()` and the client adapters decide with it.

use crate::ErrorKind;

/// What a client should do about a failed request: the one retry rule of `kms-errors`.
///
/// [`Retry::of`] decides from the error's kind (its catalog row's, where the catalog knows
/// the code; else the one its status implies), its HTTP status and whether its row says it
/// is a rate limit. The first line that applies:
///
/// | the error | decision |
/// |---|---|
/// | HTTP 429, or a row that says it is throttling (a rate limit) | [`Retry::Throttled`] |
/// | kind `resource_exhausted`, not throttled (a quota: too many keys, ...) | [`Retry::No`] |
/// | kind `unavailable`, or HTTP 503 with a retryable kind below | [`Retry::Yes`] |
/// | kind `deadline_exceeded` or `aborted` | [`Retry::IfIdempotent`] |
/// | kind `internal` or `unknown` at HTTP 500, 502 or 504 | [`Retry::IfIdempotent`] |
/// | anything else (a bad request, not found, permission denied, HTTP 501...) | [`Retry::No`] |
///
/// A request that is not idempotent (a create, an encrypt that must not run twice) is
/// retried only when it surely did not take effect, as Google's AIP-194 says: a 500 on a
/// create may have created.
///
/// ```
/// use kms_errors_core::{ErrorKind, Retry};
///
/// assert_eq!(Retry::for_status(429), Retry::Throttled);
/// assert_eq!(Retry::for_status(503), Retry::Yes);
/// assert_eq!(Retry::for_status(500), Retry::IfIdempotent);
/// assert_eq!(Retry::for_status(404), Retry::No);
/// // A quota arrives as HTTP 500 in some APIs: its kind decides.
/// assert_eq!(Retry::of(ErrorKind::ResourceExhausted, 500, false), Retry::No);
/// // A rate limit documented with another status than 429.
/// assert_eq!(Retry::of(ErrorKind::ResourceExhausted, 400, true), Retry::Throttled);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Not worth retrying as it is: it fails again the same way (a bad request, not found,
    /// permission denied, a quota).
    No,
    /// Worth retrying, with backoff, only when the request is idempotent: the failure may
    /// have come after the request took effect (an internal error, a backend timeout).
    IfIdempotent,
    /// Worth retrying, with backoff, whether the request is idempotent or not: it surely did
    /// not take effect (the service or its backend is unavailable).
    Yes,
    /// A rate limit: worth retrying any request after a delay (the response's `Retry-After`
    /// if it gives one, else backoff).
    Throttled,
}

impl Retry {
    /// The decision for an error of `kind` received with HTTP `status`, whose catalog row
    /// says it is a rate limit (`throttled`) or not (see the table above).
    #[must_use]
    pub const fn of(kind: ErrorKind, status: u16, throttled: bool) -> Retry {
        if throttled || status == 429 {
            return Retry::Throttled;
        }
        let retryable = match kind {
            ErrorKind::Unavailable | ErrorKind::DeadlineExceeded | ErrorKind::Aborted => true,
            ErrorKind::Internal | ErrorKind::Unknown => matches!(status, 500 | 502 | 503 | 504),
            _ => false,
        };
        if !retryable {
            Retry::No
        } else if status == 503 || matches!(kind, ErrorKind::Unavailable) {
            Retry::Yes
        } else {
            Retry::IfIdempotent
        }
    }

    /// The decision from an HTTP status alone (the kind it implies,
    /// [`ErrorKind::from_status`]): for a response without an error code, or a client that
    /// has no catalog for the service.
    #[must_use]
    pub const fn for_status(status: u16) -> Retry {
        Retry::of(ErrorKind::from_status(status), status, false)
    }

    /// Whether a request that is `idempotent` (or not) is worth retrying.
    #[must_use]
    pub const fn allows(self, idempotent: bool) -> bool {
        match self {
            Retry::No => false,
            Retry::IfIdempotent => idempotent,
            Retry::Yes | Retry::Throttled => true,
        }
    }

    /// Its name: `no`, `if_idempotent`, `yes`, `throttled` (for logs and metrics).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::No => "no",
            Retry::IfIdempotent => "if_idempotent",
            Retry::Yes => "yes",
            Retry::Throttled => "throttled",
        }
    }

    /// Whether it is a rate limit ([`Retry::Throttled`]).
    #[must_use]
    pub const fn is_throttled(self) -> bool {
        matches!(self, Retry::Throttled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documented table, written out independently of [`Retry::of`]: every kind at every
    /// status 0..=999, throttled or not.
    #[test]
    fn the_documented_table() {
        for &kind in ErrorKind::ALL {
            for status in 0..=999u16 {
                for throttled in [false, true] {
                    let want = if throttled || status == 429 {
                        Retry::Throttled
                    } else if kind == ErrorKind::ResourceExhausted {
                        Retry::No
                    } else if kind == ErrorKind::Unavailable {
                        Retry::Yes
                    } else if matches!(kind, ErrorKind::DeadlineExceeded | ErrorKind::Aborted) {
                        if status == 503 {
                            Retry::Yes
                        } else {
                            Retry::IfIdempotent
                        }
                    } else if matches!(kind, ErrorKind::Internal | ErrorKind::Unknown) {
                        match status {
                            503 => Retry::Yes,
                            500 | 502 | 504 => Retry::IfIdempotent,
                            _ => Retry::No,
                        }
                    } else {
                        Retry::No
                    };
                    assert_eq!(Retry::of(kind, status, throttled), want, "{kind} {status}");
                }
            }
        }
    }

    #[test]
    fn statuses_alone() {
        for status in 0..=999u16 {
            let want = match status {
                429 => Retry::Throttled,
                503 => Retry::Yes,
                500 | 502 | 504 => Retry::IfIdempotent,
                _ => Retry::No,
            };
            assert_eq!(Retry::for_status(status), want, "{status}");
        }
    }

    #[test]
    fn idempotency() {
        let all = [Retry::No, Retry::IfIdempotent, Retry::Yes, Retry::Throttled];
        let allowed = |idempotent: bool| all.map(|r| r.allows(idempotent));
        assert_eq!(allowed(true), [false, true, true, true]);
        assert_eq!(allowed(false), [false, false, true, true]);
        assert_eq!(all.map(Retry::is_throttled), [false, false, false, true]);
        assert_eq!(
            all.map(Retry::as_str),
            ["no", "if_idempotent", "yes", "throttled"]
        );
    }
}
