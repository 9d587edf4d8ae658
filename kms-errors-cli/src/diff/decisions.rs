//! What a client decides about an error received with a status: the fields `diff` compares
//! for it (`kind`, `retry`, `throttled`, `not_found`, `conflict`, `quota`; the model's docs say
//! where, the report's how they show). Each is decided as the runtime decides it: the kind and
//! the retry decision read from the encoded tables by `kms_errors_core::table::Catalog`
//! (`error_kind`, `error_retry`, as `ErrorInfo` reads them), the conflict and the quota by
//! `kms_errors_core::decide` (as `is_conflict()` and `is_quota_exceeded()`).

use super::report::Value;
use kms_errors_core::decide::{is_conflict, is_quota_exceeded};
use kms_errors_core::table::Catalog as Decoded;
use kms_errors_core::{ErrorKind, Retry};

/// What a client decides about an error: the generated error type's accessors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Decisions {
    kind: ErrorKind,
    retry: Retry,
    throttled: bool,
    not_found: bool,
    conflict: bool,
    quota: bool,
}

impl Decisions {
    fn new(kind: ErrorKind, status: u16, retry: Retry) -> Decisions {
        Decisions {
            kind,
            retry,
            throttled: retry.is_throttled(),
            not_found: kind == ErrorKind::NotFound,
            conflict: is_conflict(kind, status),
            quota: is_quota_exceeded(kind, retry),
        }
    }

    /// An error of variant `i` received with `status` (`ErrorInfo::kind()`, `retry()`, ...).
    pub(super) fn received(t: &Decoded, i: usize, status: u16) -> Decisions {
        Decisions::new(t.error_kind(i, status), status, t.error_retry(i, status))
    }

    /// Row `j` (`Row::kind()`, `Row::retry()`).
    pub(super) fn row(t: &Decoded, j: usize) -> Decisions {
        let (kind, status) = (t.row_kind(j), t.status(j));
        Decisions::new(kind, status, Retry::of(kind, status, t.row_throttled(j)))
    }

    /// The fields that differ, as changes' `(field, old, new)`.
    pub(super) fn differences(&self, new: &Decisions) -> Vec<(&'static str, Value, Value)> {
        let name = |s: &str| Value::Name(s.to_owned());
        let mut out = Vec::new();
        if self.kind != new.kind {
            out.push(("kind", name(self.kind.as_str()), name(new.kind.as_str())));
        }
        if self.retry != new.retry {
            out.push(("retry", name(self.retry.as_str()), name(new.retry.as_str())));
        }
        for (field, a, b) in [
            ("throttled", self.throttled, new.throttled),
            ("not_found", self.not_found, new.not_found),
            ("conflict", self.conflict, new.conflict),
            ("quota", self.quota, new.quota),
        ] {
            if a != b {
                out.push((field, Value::Bool(a), Value::Bool(b)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::fixtures::side;

    /// The decisions are the runtime's: checked against the rule written out here.
    #[test]
    fn decisions_follow_the_runtime() {
        let s = side(
            "t.csv",
            "404,K.1,,,,not_found,,\n409,K.2,,,,,,\n500,K.3,,,,aborted,,\n400,K.4,,,,throttled,,\n",
        );
        let t = s.decoded();
        let d = |i, status| Decisions::received(&t, i, status);
        assert!(d(0, 404).not_found && d(0, 400).not_found); // declared on the first row
        assert!(d(1, 409).conflict && !d(1, 400).conflict);
        assert_eq!(d(1, 400).kind, ErrorKind::InvalidArgument);
        assert!(d(2, 500).conflict);
        assert_eq!(d(2, 500).retry, Retry::IfIdempotent);
        assert_eq!(d(2, 503).retry, Retry::Yes);
        assert!(d(3, 400).throttled && !d(3, 400).quota);
        assert_eq!(d(3, 500).retry, Retry::Throttled);
        for status in 100..=599 {
            let want = Retry::of(ErrorKind::ResourceExhausted, status, true);
            assert_eq!(d(3, status).retry, want);
        }
    }
}
