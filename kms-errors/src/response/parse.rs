//! Reading an error response: every body shape the vendor's services send, and the headers.

use super::{ErrorResponse, Headers};
use crate::CatalogError;
use serde_json::{Map, Value};

/// The code and message keys of a body, in the order Huawei's SDKs try them.
const PAIRS: [(&str, &str); 4] = [
    ("error_code", "error_msg"),
    ("code", "message"),
    ("errorCode", "errorMessage"),
    ("errCode", "errMsg"),
];

/// How deep nested objects are searched.
const DEPTH: usize = 4;

/// What a body holds.
#[derive(Default)]
struct Found {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    authorization: Option<String>,
}

impl Found {
    /// Searches `m`, then the objects nested in it (`error` first).
    fn visit(&mut self, m: &Map<String, Value>, depth: usize) {
        if self.authorization.is_none() {
            self.authorization = text(m, "encoded_authorization_message");
        }
        if self.request_id.is_none() {
            self.request_id = text(m, "request_id").or_else(|| text(m, "requestId"));
        }
        if self.code.is_none() {
            for (code, message) in PAIRS {
                if let Some(c) = text(m, code) {
                    self.code = Some(c);
                    self.message = text(m, message);
                    break;
                }
            }
        }
        if depth == DEPTH {
            return;
        }
        let nested = m.get("error").into_iter().chain(
            m.iter()
                .filter(|(k, _)| k.as_str() != "error")
                .map(|(_, v)| v),
        );
        for v in nested {
            if let Value::Object(o) = v {
                self.visit(o, depth + 1);
            }
        }
    }

    /// A message without a code (`{"error_msg": "boom"}`), searched as codes are.
    fn message_only(m: &Map<String, Value>, depth: usize) -> Option<String> {
        PAIRS
            .iter()
            .find_map(|(_, message)| text(m, message))
            .or_else(|| text(m, "msg"))
            .or_else(|| {
                if depth == DEPTH {
                    return None;
                }
                m.values().find_map(|v| match v {
                    Value::Object(o) => Found::message_only(o, depth + 1),
                    _ => None,
                })
            })
    }
}

/// `m[key]` as text: a non-empty string, or a number (codes may be numbers).
fn text(m: &Map<String, Value>, key: &str) -> Option<String> {
    match m.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl<E: CatalogError> ErrorResponse<E> {
    /// Parses a response with HTTP `status`, `body` and the `X-Request-Id` header's value.
    #[must_use]
    pub fn parse(status: u16, body: &[u8], request_id: Option<&str>) -> Self {
        Self::parse_with_headers(
            status,
            body,
            Headers {
                request_id,
                retry_after: None,
            },
        )
    }

    /// Parses a response with HTTP `status`, `body` and the values of its `X-Request-Id`
    /// and `Retry-After` headers: for HTTP stacks without the `http` crate's types.
    #[must_use]
    pub fn parse_with_headers(status: u16, body: &[u8], headers: Headers<'_>) -> Self {
        // A UTF-8 byte order mark is not part of the JSON.
        let json = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let parsed = serde_json::from_slice::<Value>(json).ok();
        let mut found = Found::default();
        let object = parsed.as_ref().and_then(Value::as_object);
        if let Some(m) = object {
            found.visit(m, 0);
        }
        // An empty header is no request id (the body's, if any, then counts).
        let header_id = headers.request_id.filter(|id| !id.trim().is_empty());
        let request_id = header_id.map(str::to_owned).or(found.request_id);
        let retry_after = headers.retry_after.and_then(super::parse_retry_after);
        let (error, server_message) = match found.code {
            Some(code) => (E::from((status, code.as_str())), found.message),
            None => {
                let message = object.and_then(|m| Found::message_only(m, 0));
                (
                    E::from((status, "")),
                    message.or_else(|| Some(String::from_utf8_lossy(body).trim().to_owned())),
                )
            }
        };
        ErrorResponse {
            error,
            server_message: server_message.unwrap_or_default(),
            request_id,
            retry_after,
            encoded_authorization_message: found.authorization,
        }
    }

    /// Parses an `http::Response` (reqwest via its `http` conversion, hyper, axum, ureq): its
    /// status, body, `X-Request-Id` and `Retry-After` (feature `http`).
    #[cfg(feature = "http")]
    #[must_use]
    pub fn from_http<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        let headers = Headers::of(response.headers());
        Self::parse_with_headers(
            response.status().as_u16(),
            response.body().as_ref(),
            headers,
        )
    }
}

/// The one reader of the two headers from an `http::HeaderMap`: for
/// [`ErrorResponse::from_http`] and every client adapter (reqwest's `Response::headers()` is
/// one too). `http` is a dependency of the features `http`, `reqwest` and `ureq`.
#[cfg(any(feature = "http", feature = "reqwest", feature = "ureq"))]
impl<'a> Headers<'a> {
    /// `X-Request-Id` and `Retry-After` in `headers`, as text; a value that is not visible
    /// ASCII is taken as absent.
    pub(crate) fn of(headers: &'a http::HeaderMap) -> Self {
        let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
        Headers {
            request_id: text("x-request-id"),
            retry_after: text("retry-after"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorCode, KmsError};

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
            (r.error().code(), r.server_message()),
            (ErrorCode::Kms0207, "no key")
        );
        let r = parse(
            409,
            r#"{"error_code":"CSMS.0101","error_msg":"exists","request_id":"r1"}"#,
            None,
        );
        assert_eq!(r.error().code(), ErrorCode::Csms0101);
        assert_eq!(r.request_id(), Some("r1"));
        // The API gateway's flat body (as recorded from KMS endpoints): its code is a
        // bundled one, the request id is in the body.
        let r = parse(
            401,
            r#"{"error_msg":"Incorrect IAM authentication information: decrypt token fail","error_code":"APIGW.0301","request_id":"0b7d1f3c"}"#,
            None,
        );
        assert_eq!(
            (r.error().code(), r.error().code_str()),
            (ErrorCode::Apig0301, "APIGW.0301")
        );
        assert_eq!(r.request_id(), Some("0b7d1f3c"));
        assert_eq!(
            r.server_message(),
            "Incorrect IAM authentication information: decrypt token fail"
        );
        assert_eq!(r.error().kind(), crate::ErrorKind::Unauthenticated);
        let r = parse(
            404,
            r#"{"error_msg":"The API does not exist or has not been published in the environment","error_code":"APIGW.0101","request_id":"r404"}"#,
            None,
        );
        assert_eq!(r.error().code(), ErrorCode::Apig0101);
        assert!(!r.error().is_not_found() && r.error().is_documented());
        assert_eq!(r.request_id(), Some("r404"));
        let r = parse(
            400,
            r#"{"code":"KMS.0205","message":"bad id"}"#,
            Some("hdr"),
        );
        assert_eq!(r.error().code(), ErrorCode::Kms0205);
        assert_eq!(
            (r.server_message(), r.request_id()),
            ("bad id", Some("hdr"))
        );
    }

    /// Every shape Huawei's SDKs read, nested or flat, each with its own message key.
    #[test]
    fn every_body_shape() {
        for (body, code, message) in [
            (
                r#"{"error_code":"KMS.0207","error_msg":"a"}"#,
                "KMS.0207",
                "a",
            ),
            (r#"{"code":"KMS.0207","message":"b"}"#, "KMS.0207", "b"),
            (
                r#"{"errorCode":"KMS.0207","errorMessage":"c"}"#,
                "KMS.0207",
                "c",
            ),
            (r#"{"errCode":"KMS.0207","errMsg":"d"}"#, "KMS.0207", "d"),
            (
                r#"{"error":{"error_code":"KMS.0207","error_msg":"e"}}"#,
                "KMS.0207",
                "e",
            ),
            (
                r#"{"error":{"code":"KMS.0207","message":"f"}}"#,
                "KMS.0207",
                "f",
            ),
            (
                r#"{"error":{"errorCode":"KMS.0207","errorMessage":"g"}}"#,
                "KMS.0207",
                "g",
            ),
            (
                r#"{"error":{"errCode":"KMS.0207","errMsg":"h"}}"#,
                "KMS.0207",
                "h",
            ),
            (
                r#"{"error":{"code":403,"title":"Forbidden","message":"i"}}"#,
                "403",
                "i",
            ),
            (r#"{"error_code":1100,"error_msg":"j"}"#, "1100", "j"),
            (
                r#"{"result":{"error":{"code":"KMS.0207","message":"k"}}}"#,
                "KMS.0207",
                "k",
            ),
            // The SDKs' order: `error_code` before `code`, the top level before nested.
            (
                r#"{"code":"X","message":"no","error_code":"KMS.0207","error_msg":"l"}"#,
                "KMS.0207",
                "l",
            ),
            (
                r#"{"error":{"code":"X","message":"no"},"error_code":"KMS.0207","error_msg":"m"}"#,
                "KMS.0207",
                "m",
            ),
            // An empty code is no code.
            (
                r#"{"error_code":"","code":"KMS.0207","message":"n"}"#,
                "KMS.0207",
                "n",
            ),
        ] {
            let r = parse(400, body, None);
            assert_eq!(
                (r.error().code_str(), r.server_message()),
                (code, message),
                "{body}"
            );
        }
    }

    #[test]
    fn encoded_authorization_message_is_kept() {
        let body = r#"{"error_code":"IAM.0003","error_msg":"denied","encoded_authorization_message":"Egpjbi1ub***GoxMzgrcA=="}"#;
        let r = parse(403, body, Some("97e2"));
        assert_eq!(
            r.encoded_authorization_message(),
            Some("Egpjbi1ub***GoxMzgrcA==")
        );
        assert_eq!(
            (r.error().code_str(), r.server_message()),
            ("IAM.0003", "denied")
        );
        let nested = r#"{"error":{"code":"IAM.0003","message":"denied","encoded_authorization_message":"E2"}}"#;
        assert_eq!(
            parse(403, nested, None).encoded_authorization_message(),
            Some("E2")
        );
        assert_eq!(
            parse(403, r#"{"code":"X"}"#, None).encoded_authorization_message(),
            None
        );
    }

    #[test]
    fn header_request_id_wins_over_body() {
        let body = r#"{"error":{"error_code":"KMS.0207","error_msg":"x"},"request_id":"body"}"#;
        assert_eq!(
            parse(404, body, Some("header")).request_id(),
            Some("header")
        );
        assert_eq!(parse(404, body, None).request_id(), Some("body"));
        let camel = r#"{"error":{"code":"KMS.0207","requestId":"camel"}}"#;
        assert_eq!(parse(404, camel, None).request_id(), Some("camel"));
        // An empty header is no request id (found by fuzzing: it showed as `[request ]`).
        assert_eq!(parse(404, body, Some("")).request_id(), Some("body"));
        assert_eq!(parse(404, body, Some(" ")).request_id(), Some("body"));
        assert_eq!(parse(404, "{}", Some("")).request_id(), None);
    }

    /// A UTF-8 byte order mark before a JSON body (found by fuzzing: the code was lost).
    #[test]
    fn a_byte_order_mark_before_json_is_skipped() {
        let r = parse(
            404,
            "\u{feff}{\"error_code\":\"KMS.0207\",\"error_msg\":\"x\"}",
            None,
        );
        assert_eq!(
            (r.error().code(), r.server_message()),
            (ErrorCode::Kms0207, "x")
        );
    }

    #[test]
    fn non_json_and_codeless_bodies_are_kept() {
        let r = parse(502, "  <html>Bad Gateway</html>\n", None);
        assert_eq!((r.error().status(), r.error().code_str()), (502, ""));
        assert_eq!(r.server_message(), "<html>Bad Gateway</html>");
        let r = parse(500, r#"{"error_msg":"boom"}"#, None);
        assert_eq!((r.error().code_str(), r.server_message()), ("", "boom"));
        let r = parse(500, r#"{"error":{"message":"nested boom"}}"#, None);
        assert_eq!(r.server_message(), "nested boom");
        let r = parse(500, "", None);
        assert_eq!(r.server_message(), "");
        let r = ErrorResponse::<KmsError>::parse(500, &[0xff, 0xfe], None);
        assert_eq!(r.server_message(), "\u{fffd}\u{fffd}");
        let r = parse(400, r#"{"error_code":1234}"#, None);
        assert_eq!((r.error().code_str(), r.server_message()), ("1234", ""));
        let r = parse(400, r#"[1, 2]"#, None);
        assert_eq!((r.error().code_str(), r.server_message()), ("", "[1, 2]"));
        // Deeply nested objects are searched to a bound, never a panic.
        let deep = format!(
            "{}{}",
            r#"{"a":"#.repeat(100),
            "1".to_owned() + &"}".repeat(100)
        );
        let r = parse(500, &deep, None);
        assert_eq!(r.error().code_str(), "");
    }

    /// `{"a":{"a":...{inner}...}}`, `inner` nested in `levels` objects.
    fn nested(levels: usize, inner: &str) -> String {
        format!("{}{inner}{}", r#"{"a":"#.repeat(levels), "}".repeat(levels))
    }

    #[test]
    fn codes_and_messages_are_searched_four_objects_deep() {
        let code = r#"{"error_code":"KMS.0207","error_msg":"deep"}"#;
        for levels in 0..=4 {
            let r = parse(404, &nested(levels, code), None);
            assert_eq!(
                (r.error().code_str(), r.server_message()),
                ("KMS.0207", "deep"),
                "{levels}"
            );
            let r = parse(500, &nested(levels, r#"{"error_msg":"boom"}"#), None);
            assert_eq!((r.error().code_str(), r.server_message()), ("", "boom"));
        }
        // Deeper, it is some payload's, not the response's: the body is the message.
        for inner in [code, r#"{"error_msg":"boom"}"#] {
            let body = nested(5, inner);
            let r = parse(500, &body, None);
            assert_eq!(
                (r.error().code_str(), r.server_message()),
                ("", body.as_str())
            );
        }
    }
}
