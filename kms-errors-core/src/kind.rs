//! [`ErrorKind`]: what kind of failure an error is, across catalogs.

use core::fmt;

/// What kind of failure an error is: a small, fixed set of categories modelled on the gRPC
/// canonical status codes, shared by every catalog, so that code which decides between
/// "retry", "create it first" and "ask for permission" works for any service.
///
/// A catalog row's kind comes from its optional `kind` column (written in `snake_case`, e.g.
/// `not_found`); without one, or for codes not in the catalog, it comes from the HTTP status
/// ([`ErrorKind::from_status`]).
///
/// ```
/// use kms_errors_core::ErrorKind;
///
/// assert_eq!(ErrorKind::from_status(409), ErrorKind::AlreadyExists);
/// assert_eq!(ErrorKind::NotFound.as_str(), "not_found");
/// assert_eq!(ErrorKind::NotFound.to_string(), "not_found");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// The operation was cancelled, typically by the caller.
    Cancelled,
    /// Unknown error: nothing more specific is known (statuses outside 4xx/5xx).
    Unknown,
    /// The request is malformed or a parameter is invalid (HTTP 400 and other 4xx).
    InvalidArgument,
    /// The deadline expired before the operation could complete.
    DeadlineExceeded,
    /// The requested resource (key, secret, alias, version…) does not exist (HTTP 404).
    NotFound,
    /// The resource the caller tried to create already exists (HTTP 409).
    AlreadyExists,
    /// The caller is authenticated but not allowed to do this (HTTP 403).
    PermissionDenied,
    /// A quota or a rate limit is exhausted (HTTP 429 is a rate limit).
    ResourceExhausted,
    /// The system is not in a state the operation needs (e.g. the key is disabled).
    FailedPrecondition,
    /// The operation was aborted, typically by a concurrency conflict; retry at a higher level.
    Aborted,
    /// A value is out of its valid range (e.g. a length or a period).
    OutOfRange,
    /// The operation is not implemented or not supported here.
    Unimplemented,
    /// An internal error of the service (HTTP 500 and other 5xx).
    Internal,
    /// The service is unavailable right now; retrying may succeed (HTTP 503).
    Unavailable,
    /// Unrecoverable data loss or corruption.
    DataLoss,
    /// The request lacks valid credentials, e.g. an invalid or expired token (HTTP 401).
    Unauthenticated,
}

impl ErrorKind {
    /// Every kind, in declaration order (a kind's position here is its number in the
    /// encoded tables).
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Cancelled,
        ErrorKind::Unknown,
        ErrorKind::InvalidArgument,
        ErrorKind::DeadlineExceeded,
        ErrorKind::NotFound,
        ErrorKind::AlreadyExists,
        ErrorKind::PermissionDenied,
        ErrorKind::ResourceExhausted,
        ErrorKind::FailedPrecondition,
        ErrorKind::Aborted,
        ErrorKind::OutOfRange,
        ErrorKind::Unimplemented,
        ErrorKind::Internal,
        ErrorKind::Unavailable,
        ErrorKind::DataLoss,
        ErrorKind::Unauthenticated,
    ];

    /// The kind an HTTP status implies: 401 unauthenticated, 403 permission denied, 404 not
    /// found, 409 already exists, 429 resource exhausted, 503 unavailable, other 5xx
    /// internal, other 4xx invalid argument, anything else unknown.
    #[must_use]
    pub const fn from_status(status: u16) -> ErrorKind {
        match status {
            401 => ErrorKind::Unauthenticated,
            403 => ErrorKind::PermissionDenied,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::AlreadyExists,
            429 => ErrorKind::ResourceExhausted,
            503 => ErrorKind::Unavailable,
            500..=599 => ErrorKind::Internal,
            400..=499 => ErrorKind::InvalidArgument,
            _ => ErrorKind::Unknown,
        }
    }

    /// The kind's name as a catalog's `kind` column writes it (`"not_found"`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Unknown => "unknown",
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::DeadlineExceeded => "deadline_exceeded",
            ErrorKind::NotFound => "not_found",
            ErrorKind::AlreadyExists => "already_exists",
            ErrorKind::PermissionDenied => "permission_denied",
            ErrorKind::ResourceExhausted => "resource_exhausted",
            ErrorKind::FailedPrecondition => "failed_precondition",
            ErrorKind::Aborted => "aborted",
            ErrorKind::OutOfRange => "out_of_range",
            ErrorKind::Unimplemented => "unimplemented",
            ErrorKind::Internal => "internal",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::DataLoss => "data_loss",
            ErrorKind::Unauthenticated => "unauthenticated",
        }
    }
}

/// The kind's `snake_case` name (`not_found`); padding applies.
impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::format;
    use std::vec::Vec;

    #[test]
    fn status_mapping() {
        let cases = [
            (400, ErrorKind::InvalidArgument),
            (401, ErrorKind::Unauthenticated),
            (403, ErrorKind::PermissionDenied),
            (404, ErrorKind::NotFound),
            (405, ErrorKind::InvalidArgument),
            (409, ErrorKind::AlreadyExists),
            (429, ErrorKind::ResourceExhausted),
            (499, ErrorKind::InvalidArgument),
            (500, ErrorKind::Internal),
            (502, ErrorKind::Internal),
            (503, ErrorKind::Unavailable),
            (599, ErrorKind::Internal),
            (600, ErrorKind::Unknown),
            (399, ErrorKind::Unknown),
            (200, ErrorKind::Unknown),
            (0, ErrorKind::Unknown),
        ];
        for (status, kind) in cases {
            assert_eq!(ErrorKind::from_status(status), kind, "{status}");
        }
    }

    #[test]
    fn names_are_distinct_snake_case_in_declaration_order() {
        let mut names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
        for (i, k) in ErrorKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i, "{k}");
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ErrorKind::ALL.len());
        assert_eq!(format!("{:>10}", ErrorKind::Internal), "  internal");
    }
}
