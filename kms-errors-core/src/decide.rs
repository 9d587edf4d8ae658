//! The decisions about an error besides [`Retry`]: whether it is a conflict, whether it is a
//! quota. Written once here: the runtime's `is_conflict()` and `is_quota_exceeded()` (the
//! generated types' and `CatalogError`'s forward to them), and the tool's `diff` and
//! `explain` decide with them.

use crate::{ErrorKind, Retry};

/// Whether an error of `kind` received with HTTP `status` conflicts with the resource's
/// state: kind [`ErrorKind::AlreadyExists`] or [`ErrorKind::Aborted`], or HTTP 409 (whatever
/// its kind).
///
/// ```
/// use kms_errors_core::decide::is_conflict;
/// use kms_errors_core::ErrorKind;
///
/// assert!(is_conflict(ErrorKind::AlreadyExists, 400));
/// assert!(is_conflict(ErrorKind::Aborted, 500));
/// assert!(is_conflict(ErrorKind::FailedPrecondition, 409));
/// assert!(!is_conflict(ErrorKind::InvalidArgument, 400));
/// ```
#[must_use]
pub const fn is_conflict(kind: ErrorKind, status: u16) -> bool {
    matches!(kind, ErrorKind::AlreadyExists | ErrorKind::Aborted) || status == 409
}

/// Whether an error of `kind` whose retry decision is `retry` ([`Retry::of`]) is a quota
/// exhausted (too many keys, grants, secrets...): kind [`ErrorKind::ResourceExhausted`] and
/// not throttled (`retry` is not [`Retry::Throttled`]: neither HTTP 429 nor a throttling
/// row). A throttling row is a rate limit at any status (a throttled row at HTTP 400 is not a
/// quota), and a `resource_exhausted` error at 429 is throttled. Retrying a quota does not
/// help; freeing resources or raising the quota does.
///
/// ```
/// use kms_errors_core::decide::is_quota_exceeded;
/// use kms_errors_core::{ErrorKind, Retry};
///
/// let quota = |status, throttled| {
///     let kind = ErrorKind::ResourceExhausted;
///     is_quota_exceeded(kind, Retry::of(kind, status, throttled))
/// };
/// assert!(quota(400, false) && quota(500, false));
/// // Rate limits: a throttling row at 400, and HTTP 429.
/// assert!(!quota(400, true) && !quota(429, false));
/// ```
#[must_use]
pub const fn is_quota_exceeded(kind: ErrorKind, retry: Retry) -> bool {
    matches!(kind, ErrorKind::ResourceExhausted) && !retry.is_throttled()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind at every status 0..=999: the rule written out.
    #[test]
    fn conflicts() {
        for &kind in ErrorKind::ALL {
            for status in 0..=999u16 {
                let want =
                    status == 409 || kind == ErrorKind::AlreadyExists || kind == ErrorKind::Aborted;
                assert_eq!(is_conflict(kind, status), want, "{kind} {status}");
            }
        }
    }

    /// Every kind with every decision, and with the decisions of [`Retry::of`] at every
    /// status 0..=999, throttled or not.
    #[test]
    fn quotas() {
        let all = [Retry::No, Retry::IfIdempotent, Retry::Yes, Retry::Throttled];
        for &kind in ErrorKind::ALL {
            for retry in all {
                let want = kind == ErrorKind::ResourceExhausted && retry != Retry::Throttled;
                assert_eq!(is_quota_exceeded(kind, retry), want, "{kind} {retry:?}");
            }
            for status in 0..=999u16 {
                for throttled in [false, true] {
                    let retry = Retry::of(kind, status, throttled);
                    let want = kind == ErrorKind::ResourceExhausted && !throttled && status != 429;
                    assert_eq!(
                        is_quota_exceeded(kind, retry),
                        want,
                        "{kind} {status} {throttled}"
                    );
                }
            }
        }
    }

    /// Usable in `const` contexts (the runtime's accessors are `const fn`): checked at
    /// compile time.
    #[test]
    fn in_const_contexts() {
        const { assert!(is_conflict(ErrorKind::Internal, 409)) };
        const { assert!(!is_conflict(ErrorKind::Internal, 500)) };
        const { assert!(is_quota_exceeded(ErrorKind::ResourceExhausted, Retry::No)) };
        const {
            assert!(!is_quota_exceeded(
                ErrorKind::ResourceExhausted,
                Retry::Throttled
            ))
        };
    }
}
