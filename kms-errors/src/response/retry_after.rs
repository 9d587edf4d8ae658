//! The `Retry-After` header: delay-seconds or an HTTP-date.

use std::time::{Duration, SystemTime};

/// A `Retry-After` header value as a delay from now: delay-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`, and the obsolete RFC 850 and asctime forms); a date in
/// the past is zero; anything else is `None`.
#[must_use]
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    retry_after_at(value, SystemTime::now())
}

/// [`parse_retry_after`] as of `now`.
fn retry_after_at(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<u64>().ok().map(Duration::from_secs);
    }
    let date = httpdate::parse_http_date(v).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorResponse, Headers, KmsError};

    #[test]
    fn retry_after_in_both_forms() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        let at = |v: &str| retry_after_at(v, now);
        assert_eq!(at("120"), Some(Duration::from_secs(120)));
        assert_eq!(at(" 0 "), Some(Duration::ZERO));
        // IMF-fixdate, RFC 850 and asctime, in the future and the past.
        assert_eq!(
            at("Wed, 21 Oct 2015 07:28:30 GMT"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            at("Wednesday, 21-Oct-15 07:29:00 GMT"),
            Some(Duration::from_secs(60))
        );
        assert_eq!(at("Wed Oct 21 07:28:05 2015"), Some(Duration::from_secs(5)));
        assert_eq!(at("Tue, 20 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        for garbage in [
            "",
            "soon",
            "-5",
            "1.5",
            "12s",
            "Wed, 32 Oct 2015 07:28:00 GMT",
            "99999999999999999999999",
        ] {
            assert_eq!(at(garbage), None, "{garbage:?}");
        }
        // Through the headers.
        let r: ErrorResponse = ErrorResponse::parse_with_headers(
            429,
            b"{}",
            Headers {
                request_id: Some("r"),
                retry_after: Some("7"),
            },
        );
        assert_eq!(
            (r.retry_after(), r.request_id()),
            (Some(Duration::from_secs(7)), Some("r"))
        );
        assert!(r.error().is_throttled());
        let past = ErrorResponse::<KmsError>::parse_with_headers(
            503,
            b"{}",
            Headers {
                request_id: None,
                retry_after: Some("Thu, 01 Jan 1970 00:00:00 GMT"),
            },
        );
        assert_eq!(past.retry_after(), Some(Duration::ZERO));
    }
}
