//! [`ErrorKind`] (defined with the catalog rules in `kms-errors-catalog`, one definition for
//! the macro and the runtime) and the retry rule on statuses.

pub use kms_errors_catalog::ErrorKind;

/// Whether an HTTP status is worth retrying: 429, 500, 502, 503, 504.
#[must_use]
pub const fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_rules() {
        for s in [429, 500, 502, 503, 504] {
            assert!(is_retryable_status(s));
        }
        for s in [400, 401, 403, 404, 409, 501, 505] {
            assert!(!is_retryable_status(s));
        }
    }
}
