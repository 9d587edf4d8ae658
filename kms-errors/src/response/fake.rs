//! Writing an error response, for fakes in tests: the body KMS sends and the whole
//! `http::Response`.

use super::ErrorResponse;
use crate::CatalogError;
use serde_json::{Map, Value};
use std::time::Duration;

impl<E: CatalogError> ErrorResponse<E> {
    /// The response a service sends for `error` (`KmsError::from(ErrorCode::Kms0207)` for
    /// a code's first documented status), with the catalog's message as the server's: what a
    /// fake returns.
    #[must_use]
    pub fn new(error: E) -> Self {
        ErrorResponse {
            server_message: error.message().to_owned(),
            error,
            request_id: None,
            retry_after: None,
            encoded_authorization_message: None,
        }
    }

    /// With `message` as the server's message.
    #[must_use]
    pub fn with_server_message(mut self, message: impl Into<String>) -> Self {
        self.server_message = message.into();
        self
    }

    /// With a request id.
    #[must_use]
    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }

    /// With a `Retry-After` delay.
    #[must_use]
    pub fn with_retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// With IAM's encoded authorization message.
    #[must_use]
    pub fn with_encoded_authorization_message(mut self, message: impl Into<String>) -> Self {
        self.encoded_authorization_message = Some(message.into());
        self
    }

    /// The body as KMS sends it: `{"error":{"error_code":"KMS.0207","error_msg":"..."}}`
    /// (with `encoded_authorization_message` when set).
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut outer = Map::new();
        outer.insert("error".to_owned(), Value::Object(self.fields()));
        Value::Object(outer).to_string()
    }

    /// The flat body (CSMS, API gateway): `{"error_code":"CSMS.0101","error_msg":"..."}`.
    #[must_use]
    pub fn to_json_flat(&self) -> String {
        Value::Object(self.fields()).to_string()
    }

    fn fields(&self) -> Map<String, Value> {
        let mut m = Map::new();
        let code = Value::String(self.error.code_str().to_owned());
        m.insert("error_code".to_owned(), code);
        let message = Value::String(self.server_message.clone());
        m.insert("error_msg".to_owned(), message);
        if let Some(a) = &self.encoded_authorization_message {
            let a = Value::String(a.clone());
            m.insert("encoded_authorization_message".to_owned(), a);
        }
        m
    }

    /// The whole response as a fake server returns it (feature `http`): the status (a
    /// status `http` cannot represent, such as the `0` of an unknown code, becomes 500),
    /// `Content-Type: application/json`, `X-Request-Id` and `Retry-After` (whole seconds,
    /// rounded up) when set, and [`ErrorResponse::to_json`] as the body.
    #[cfg(feature = "http")]
    #[must_use]
    pub fn to_http(&self) -> http::Response<Vec<u8>> {
        let status = http::StatusCode::from_u16(self.error.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut r = http::Response::new(self.to_json().into_bytes());
        *r.status_mut() = status;
        let h = r.headers_mut();
        h.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        if let Some(v) = self
            .request_id
            .as_deref()
            .and_then(|id| http::HeaderValue::from_str(id).ok())
        {
            h.insert("x-request-id", v);
        }
        if let Some(d) = self.retry_after {
            let secs = d.as_secs().saturating_add(u64::from(d.subsec_nanos() > 0));
            h.insert(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorCode, Headers, KmsError};

    #[test]
    fn fakes_round_trip() {
        let fake = ErrorResponse::new(KmsError::from(ErrorCode::Kms1105))
            .with_request_id("req-1")
            .with_retry_after(Duration::from_secs(3))
            .with_encoded_authorization_message("E==");
        assert_eq!(fake.error().status(), 400);
        assert_eq!(fake.server_message(), "Too many keys.");
        let nested = fake.to_json();
        assert_eq!(
            nested,
            r#"{"error":{"encoded_authorization_message":"E==","error_code":"KMS.1105","error_msg":"Too many keys."}}"#
        );
        let flat = fake.to_json_flat();
        assert!(
            flat.starts_with(r#"{"encoded_authorization_message":"E==","error_code":"KMS.1105""#),
            "{flat}"
        );
        for body in [&nested, &flat] {
            let back = ErrorResponse::parse_with_headers(
                400,
                body.as_bytes(),
                Headers {
                    request_id: Some("req-1"),
                    retry_after: Some("3"),
                },
            );
            assert_eq!(back, fake);
        }
        let custom = ErrorResponse::new(KmsError::from((404, "KMS.0207")))
            .with_server_message("key 12 is gone");
        assert_eq!(
            ErrorResponse::parse(404, custom.to_json().as_bytes(), None),
            custom
        );
    }

    /// The longest delay a fake can say (found by fuzzing: rounding the seconds up overflowed).
    #[cfg(feature = "http")]
    #[test]
    fn a_huge_retry_after_is_written_whole() {
        let fake =
            ErrorResponse::new(KmsError::from(ErrorCode::Kms0104)).with_retry_after(Duration::MAX);
        let resp = fake.to_http();
        assert_eq!(
            resp.headers()[http::header::RETRY_AFTER],
            u64::MAX.to_string().as_str()
        );
    }
}
