//! tracing (feature `tracing`): a failed call's fields under OpenTelemetry's
//! semantic-convention names, recorded on a span or emitted as an event, without glue.
//!
//! | field | value |
//! |---|---|
//! | `error.type` | the error code as received (`KMS.0207`; bounded and escaped, as [`Shown`](crate::Shown) shows a server's text); an API error without a code: its status (`502`); a transport failure: `connect`, `tls`, `timeout`, `interrupted` or `transport` |
//! | `http.response.status_code` | the HTTP status, when the API answered |
//! | `http.response.header.x-request-id` | the request id (the header, else the body's; bounded and escaped), for support tickets |
//! | `kms.error.kind` | the error's [`ErrorKind`](crate::ErrorKind) (`not_found`...), when the API answered |
//! | `kms.retry` | the retry decision, [`Retry`](crate::Retry): `no`, `if_idempotent`, `yes`, `throttled` |
//!
//! ```
//! use kms_errors::{client_span, ClientError, ErrorResponse};
//!
//! let span = client_span!("kms.describe_key"); // declares the fields above, empty
//! let err: ClientError = ErrorResponse::parse(404, br#"{"error_code":"KMS.0207"}"#, None).into();
//! err.record(&span); // fills them in
//! err.emit(); // a WARN event (target `kms_errors`) with the same fields and the error's text
//! ```

use crate::{CatalogError, ClientError};
use std::time::Duration;

/// A span (level `INFO`) named `$name` that declares the fields [`ClientError::record`]
/// fills in (tracing records only fields a span declared when it was created); more fields
/// may follow, as in `tracing::info_span!`.
#[macro_export]
macro_rules! client_span {
    ($name:expr $(, $($fields:tt)*)?) => {
        $crate::__private::tracing::info_span!(
            $name,
            "error.type" = $crate::__private::tracing::field::Empty,
            "http.response.status_code" = $crate::__private::tracing::field::Empty,
            "http.response.header.x-request-id" = $crate::__private::tracing::field::Empty,
            "kms.error.kind" = $crate::__private::tracing::field::Empty,
            "kms.retry" = $crate::__private::tracing::field::Empty,
            $($($fields)*)?
        )
    };
}

impl<E: CatalogError> ClientError<E> {
    /// Records this failure's fields (the table above) on `span`, which must declare them
    /// ([`client_span!`](crate::client_span)); fields it does not declare are left out.
    pub fn record(&self, span: &::tracing::Span) {
        span.record("error.type", shown_token(&self.error_type()).as_str());
        if let Some(status) = self.status_code() {
            span.record("http.response.status_code", status);
        }
        if let Some(id) = self.request_id() {
            span.record(
                "http.response.header.x-request-id",
                shown_token(id).as_str(),
            );
        }
        if let Some(e) = self.error() {
            span.record("kms.error.kind", e.kind().as_str());
        }
        span.record("kms.retry", self.retry().as_str());
    }

    /// Emits a `WARN` event (target `kms_errors`) with this failure's fields (the table
    /// above) and its text as the message.
    pub fn emit(&self) {
        ::tracing::event!(
            target: "kms_errors",
            ::tracing::Level::WARN,
            "error.type" = shown_token(&self.error_type()).as_str(),
            "http.response.status_code" = self.status_code(),
            "http.response.header.x-request-id" = self.request_id().map(shown_token).as_deref(),
            "kms.error.kind" = self.error().map(|e| e.kind().as_str()),
            "kms.retry" = self.retry().as_str(),
            "{self}"
        );
    }
}

/// A field's value from the server's text (an error code, a request id): bounded and
/// escaped, as `Display` shows it ([`crate::Shown::token`]).
fn shown_token(text: &str) -> String {
    crate::Shown::token(text).to_string()
}

/// The `DEBUG` event of an adapter about to retry after `attempt` failed with `err`.
pub(crate) fn retrying<E: CatalogError>(err: &ClientError<E>, attempt: u32, delay: Duration) {
    retrying_with(
        &err.error_type(),
        err.status_code(),
        err.retry(),
        err,
        attempt,
        delay,
    );
}

/// [`retrying`] for a transport failure the adapter has by reference only (tower's policy).
#[cfg(feature = "tower")]
pub(crate) fn retrying_transport(err: &crate::TransportError, attempt: u32, delay: Duration) {
    retrying_with(err.kind().as_str(), None, err.retry(), err, attempt, delay);
}

/// The event itself, from the failure's fields.
fn retrying_with(
    error_type: &str,
    status: Option<u16>,
    retry: crate::Retry,
    err: &dyn core::fmt::Display,
    attempt: u32,
    delay: Duration,
) {
    ::tracing::event!(
        target: "kms_errors",
        ::tracing::Level::DEBUG,
        attempt,
        delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
        "error.type" = shown_token(error_type).as_str(),
        "http.response.status_code" = status,
        "kms.retry" = retry.as_str(),
        "retrying: {err}"
    );
}
