//! [`ErrorResponse`]: an error response body, parsed (feature `json`).

use crate::{CatalogError, KmsError};
use core::fmt;
use serde_json::{Map, Value};

/// An error response of the service: the typed error, the server's own message and the
/// request id. Works with any catalog's error type (default: [`KmsError`]).
///
/// Both body shapes are accepted, with `error_code`/`error_msg` or `code`/`message` names:
/// nested `{"error":{"error_code":"KMS.0207","error_msg":"..."}}` (KMS) and flat
/// `{"error_code":"CSMS.0101","error_msg":"..."}` (CSMS, API gateway `APIGW.xxxx`). The
/// request id is taken from the `X-Request-Id` header when given, else from a `request_id`
/// field of the body. A body that is not JSON, or has no code, is kept as the message
/// (trimmed) and the code is empty: parsing never fails.
///
/// ```
/// use kms_errors::{ErrorCode, ErrorResponse};
///
/// let body = br#"{"error":{"error_code":"KMS.0207","error_msg":"key 1234 not found"}}"#;
/// let resp: ErrorResponse = ErrorResponse::parse(404, body, Some("req-42"));
/// assert_eq!(resp.error.code(), ErrorCode::Kms0207);
/// assert_eq!(resp.server_message, "key 1234 not found");
/// assert_eq!(resp.request_id.as_deref(), Some("req-42"));
///
/// let gateway = ErrorResponse::<kms_errors::KmsError>::parse(502, b"<html>Bad Gateway</html>", None);
/// assert_eq!(gateway.error.code_str(), "");
/// assert_eq!(gateway.server_message, "<html>Bad Gateway</html>");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorResponse<E = KmsError> {
    /// The typed error (status and code as received).
    pub error: E,
    /// The server's `error_msg` (or `message`), or the whole body when it is not a JSON error.
    pub server_message: String,
    /// The request id, for support tickets.
    pub request_id: Option<String>,
}

impl<E: for<'a> From<(u16, &'a str)>> ErrorResponse<E> {
    /// Parses a response with HTTP `status`, `body` and the `X-Request-Id` header's value.
    #[must_use]
    pub fn parse(status: u16, body: &[u8], request_id: Option<&str>) -> Self {
        let parsed = serde_json::from_slice::<Value>(body).ok();
        let outer = parsed.as_ref().and_then(Value::as_object);
        let inner = outer.map(|o| match o.get("error").and_then(Value::as_object) {
            Some(nested) => nested,
            None => o,
        });
        let code = inner.and_then(|m| text(m, &["error_code", "code"]));
        let message = inner.and_then(|m| text(m, &["error_msg", "message", "msg"]));
        let body_id = [inner, outer]
            .into_iter()
            .flatten()
            .find_map(|m| text(m, &["request_id", "requestId"]));
        let request_id = request_id.map(str::to_owned).or(body_id);
        match code {
            Some(code) => ErrorResponse {
                error: E::from((status, code.as_str())),
                server_message: message.unwrap_or_default(),
                request_id,
            },
            None => ErrorResponse {
                error: E::from((status, "")),
                server_message: message
                    .unwrap_or_else(|| String::from_utf8_lossy(body).trim().to_owned()),
                request_id,
            },
        }
    }
}

/// The first of `keys` present in `m`, as text (numbers are accepted as codes too).
fn text(m: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match m.get(*k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

impl<E: CatalogError> fmt::Display for ErrorResponse<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.error.code_str().is_empty() {
            // No code at all (a gateway's HTML page, an empty body): say so plainly.
            write!(f, "HTTP {} without an error code", self.error.status())?;
        } else {
            fmt::Display::fmt(&self.error, f)?;
        }
        if !self.server_message.is_empty() && self.server_message != self.error.message() {
            write!(f, " (server: {})", self.server_message)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request {id}]")?;
        }
        Ok(())
    }
}

impl<E: CatalogError> std::error::Error for ErrorResponse<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn parse(status: u16, body: &str, id: Option<&str>) -> ErrorResponse {
        ErrorResponse::parse(status, body.as_bytes(), id)
    }

    #[test]
    fn nested_and_flat_shapes() {
        let r = parse(
            404,
            r#"{"error":{"error_code":"KMS.0207","error_msg":"no key"}}"#,
            None,
        );
        assert_eq!(
            (r.error.code(), r.server_message.as_str()),
            (ErrorCode::Kms0207, "no key")
        );
        let r = parse(
            409,
            r#"{"error_code":"CSMS.0101","error_msg":"exists","request_id":"r1"}"#,
            None,
        );
        assert_eq!(r.error.code(), ErrorCode::Csms0101);
        assert_eq!(r.request_id.as_deref(), Some("r1"));
        let r = parse(
            401,
            r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#,
            None,
        );
        assert_eq!(
            (r.error.code(), r.error.code_str()),
            (ErrorCode::Unknown, "APIGW.0301")
        );
        let r = parse(
            400,
            r#"{"code":"KMS.0205","message":"bad id"}"#,
            Some("hdr"),
        );
        assert_eq!(r.error.code(), ErrorCode::Kms0205);
        assert_eq!(
            (r.server_message.as_str(), r.request_id.as_deref()),
            ("bad id", Some("hdr"))
        );
    }

    #[test]
    fn header_request_id_wins_over_body() {
        let r = parse(
            404,
            r#"{"error":{"error_code":"KMS.0207","error_msg":"x"},"request_id":"body"}"#,
            Some("header"),
        );
        assert_eq!(r.request_id.as_deref(), Some("header"));
        let r = parse(
            404,
            r#"{"error":{"error_code":"KMS.0207","error_msg":"x"},"request_id":"body"}"#,
            None,
        );
        assert_eq!(r.request_id.as_deref(), Some("body"));
    }

    #[test]
    fn non_json_and_codeless_bodies_are_kept() {
        let r = parse(502, "  <html>Bad Gateway</html>\n", None);
        assert_eq!((r.error.status(), r.error.code_str()), (502, ""));
        assert_eq!(r.server_message, "<html>Bad Gateway</html>");
        let r = parse(500, r#"{"error_msg":"boom"}"#, None);
        assert_eq!(
            (r.error.code_str(), r.server_message.as_str()),
            ("", "boom")
        );
        let r = parse(500, "", None);
        assert_eq!(r.server_message, "");
        let r = ErrorResponse::<KmsError>::parse(500, &[0xff, 0xfe], None);
        assert_eq!(r.server_message, "\u{fffd}\u{fffd}");
        let r = parse(400, r#"{"error_code":1234}"#, None);
        assert_eq!(r.error.code_str(), "1234");
    }

    #[test]
    fn display_names_error_server_text_and_request() {
        let r = parse(
            404,
            r#"{"error":{"error_code":"KMS.0207","error_msg":"key abc not found"}}"#,
            Some("r9"),
        );
        assert_eq!(
            r.to_string(),
            "KMS.0207 (HTTP 404): The key does not exist. (server: key abc not found) [request r9]"
        );
        use std::error::Error as _;
        assert!(r.source().is_some());
        let r = parse(502, "<html>Bad Gateway</html>", None);
        assert_eq!(
            r.to_string(),
            "HTTP 502 without an error code (server: <html>Bad Gateway</html>)"
        );
    }
}
