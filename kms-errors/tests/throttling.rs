//! Throttling by row: a catalog row whose `kind` is `throttled` is a rate limit whatever its
//! status (kind `ResourceExhausted`, retried after a delay, also when not idempotent), while
//! a `resource_exhausted` row is a quota (never retried); the retry rule, the rows and the
//! client's decision agree.

use kms_errors::{CatalogError, ErrorKind, Retry};

kms_errors::kms_errors!(
    path = "tests/catalogs/throttling.csv",
    error = SvcError,
    code = SvcCode
);

#[test]
fn a_throttling_row_is_a_rate_limit_at_any_status() {
    for (status, code) in [(202, "SVC.0001"), (400, "SVC.0002")] {
        let e = SvcError::from((status, code));
        assert_eq!(e.kind(), ErrorKind::ResourceExhausted, "{code}");
        assert_eq!(e.retry(), Retry::Throttled, "{code}");
        assert!(e.is_throttled() && !e.is_quota_exceeded(), "{code}");
        assert!(e.is_retryable_for(false), "{code}");
        assert_eq!(CatalogError::retry(&e), Retry::Throttled);
        let row = e.code().rows().next().unwrap();
        assert_eq!(
            (row.kind(), row.retry()),
            (ErrorKind::ResourceExhausted, Retry::Throttled)
        );
    }
}

#[test]
fn a_quota_is_not() {
    let e = SvcError::from((400, "SVC.0003"));
    assert_eq!(e.kind(), ErrorKind::ResourceExhausted);
    assert_eq!(e.retry(), Retry::No);
    assert!(e.is_quota_exceeded() && !e.is_throttled());
    assert_eq!(e.code().rows().next().unwrap().retry(), Retry::No);
}

#[test]
fn a_429_is_throttled_without_a_kind() {
    let e = SvcError::from((429, "SVC.0004"));
    assert_eq!(
        (e.kind(), e.retry()),
        (ErrorKind::ResourceExhausted, Retry::Throttled)
    );
}

#[test]
fn the_row_for_the_received_status_decides() {
    let code = SvcCode::Svc0005;
    let rows: Vec<_> = code.rows().map(|r| (r.status(), r.retry())).collect();
    assert_eq!(rows, [(400, Retry::Throttled), (500, Retry::IfIdempotent)]);
    assert_eq!(SvcError::from((400, "SVC.0005")).retry(), Retry::Throttled);
    assert_eq!(
        SvcError::from((500, "SVC.0005")).retry(),
        Retry::IfIdempotent
    );
    // A status the code does not document: its first row's kind and throttling.
    assert_eq!(SvcError::from((418, "SVC.0005")).retry(), Retry::Throttled);
    // Unknown codes: the status alone.
    assert_eq!(SvcError::from((400, "SVC.9999")).retry(), Retry::No);
}

#[cfg(feature = "client")]
#[test]
fn the_client_waits_and_retries_a_throttling_row() {
    use kms_errors::{Attempts, ClientError, ErrorResponse, Headers, Idempotent, RetryPolicy};
    use std::time::Duration;
    let headers = Headers::new().with_retry_after("2");
    let resp: ErrorResponse<SvcError> = ErrorResponse::parse_with_headers(
        202,
        br#"{"error_code":"SVC.0001","error_msg":"Flow limit exceeded"}"#,
        headers,
    );
    let err: ClientError<SvcError> = resp.into();
    let policy = RetryPolicy::default().without_budget();
    assert_eq!(
        policy.next_delay(&mut Attempts::new(), &err, Idempotent::NO),
        Some(Duration::from_secs(2))
    );
}
