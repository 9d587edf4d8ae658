//! [`ErrorResponse`]: an error response, parsed from any HTTP stack, and written for fakes
//! (feature `json`; `from_http` and `to_http` with `http` too).

use crate::{CatalogError, KmsError};
use core::fmt;
use serde_json::{Map, Value};
use std::time::{Duration, SystemTime};

/// An error response of the service: the typed error, the server's own message, the request
/// id, the `Retry-After` delay and IAM's encoded authorization message. Works with any
/// catalog's error type (default: [`KmsError`]).
///
/// **In.** [`ErrorResponse::from_http`] (features `json` and `http`) takes everything from an
/// `http::Response` (reqwest, hyper, axum and ureq all give one); without `http`,
/// [`ErrorResponse::parse_with_headers`] takes the status, the body and the two header values.
/// Every body shape the vendor's services send is understood, in the order Huawei's own
/// SDKs try them, at the top level first, then nested (under `error` first):
///
/// 1. `encoded_authorization_message` (IAM's denials carry it), kept;
/// 2. `error_code`/`error_msg`, then `code`/`message`, then `errorCode`/`errorMessage`, then
///    `errCode`/`errMsg` (a code may be a number: `{"code": 403}`);
/// 3. `request_id` (or `requestId`) when there is no `X-Request-Id` header.
///
/// Anything else (a gateway's HTML page, an empty body) keeps the body as the message and an
/// empty code: parsing never fails.
///
/// **Out.** For fakes in tests (wiremock, httpmock, axum, a loopback server):
/// [`ErrorResponse::new`] from a typed error or code, [`ErrorResponse::to_json`] (the nested
/// shape KMS sends; [`ErrorResponse::to_json_flat`] for the flat one) and
/// [`ErrorResponse::to_http`]; parsing what they write gives the same `ErrorResponse` back.
///
/// ```
/// use kms_errors::{ErrorCode, ErrorResponse, Headers};
/// use std::time::Duration;
///
/// let body = br#"{"error":{"error_code":"KMS.0207","error_msg":"key 1234 not found"}}"#;
/// let resp: ErrorResponse = ErrorResponse::parse(404, body, Some("req-42"));
/// assert_eq!(resp.error.code(), ErrorCode::Kms0207);
/// assert_eq!(resp.server_message, "key 1234 not found");
/// assert_eq!(resp.request_id.as_deref(), Some("req-42"));
///
/// let throttled: ErrorResponse = ErrorResponse::parse_with_headers(
///     429,
///     br#"{"error_code":"KMS.0000","error_msg":"Too many requests"}"#,
///     Headers { request_id: None, retry_after: Some("2") },
/// );
/// assert!(throttled.error.is_throttled());
/// assert_eq!(throttled.retry_after(), Some(Duration::from_secs(2)));
///
/// let gateway = ErrorResponse::<kms_errors::KmsError>::parse(502, b"<html>Bad Gateway</html>", None);
/// assert_eq!(gateway.error.code_str(), "");
/// assert_eq!(gateway.server_message, "<html>Bad Gateway</html>");
///
/// // A fake's body, and back.
/// let fake = ErrorResponse::new(kms_errors::KmsError::from(ErrorCode::Kms0207));
/// assert_eq!(fake.to_json(), r#"{"error":{"error_code":"KMS.0207","error_msg":"The key does not exist."}}"#);
/// assert_eq!(ErrorResponse::parse(404, fake.to_json().as_bytes(), None), fake);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorResponse<E = KmsError> {
    /// The typed error (status and code as received).
    pub error: E,
    /// The server's message (`error_msg`, `message`...), or the whole body when it is not a
    /// JSON error.
    pub server_message: String,
    /// The request id, for support tickets: the `X-Request-Id` header, else the body's.
    pub request_id: Option<String>,
    /// How long the server asks to wait before retrying (`Retry-After`).
    pub retry_after: Option<Duration>,
    /// IAM's encoded authorization message of a denial (decode it with IAM to see which
    /// policy denied what).
    pub encoded_authorization_message: Option<String>,
}

/// The response headers [`ErrorResponse`] reads, as their text values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Headers<'a> {
    /// `X-Request-Id`.
    pub request_id: Option<&'a str>,
    /// `Retry-After`: delay-seconds or an HTTP-date ([`parse_retry_after`]).
    pub retry_after: Option<&'a str>,
}

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

impl<E: for<'a> From<(u16, &'a str)>> ErrorResponse<E> {
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
        let parsed = serde_json::from_slice::<Value>(body).ok();
        let mut found = Found::default();
        let object = parsed.as_ref().and_then(Value::as_object);
        if let Some(m) = object {
            found.visit(m, 0);
        }
        let request_id = headers.request_id.map(str::to_owned).or(found.request_id);
        let retry_after = headers.retry_after.and_then(parse_retry_after);
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
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok());
        Self::parse_with_headers(
            response.status().as_u16(),
            response.body().as_ref(),
            Headers {
                request_id: header("x-request-id"),
                retry_after: header("retry-after"),
            },
        )
    }
}

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

    /// How long the server asks to wait before retrying (`Retry-After`; an HTTP-date in the
    /// past is zero), if it said.
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// IAM's encoded authorization message of a denial, if the body had one.
    #[must_use]
    pub fn encoded_authorization_message(&self) -> Option<&str> {
        self.encoded_authorization_message.as_deref()
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
            let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
            h.insert(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
        }
        r
    }
}

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

/// The error's diagnostic (feature `miette`): its code, the measure as help and the
/// documentation link; the message (with the server's text and the request id) is
/// `Display`'s.
#[cfg(feature = "miette")]
impl<E: CatalogError> miette::Diagnostic for ErrorResponse<E> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        crate::__private::diagnostic::code(&self.error)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Error)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        crate::__private::diagnostic::help(&self.error)
    }
    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        crate::__private::diagnostic::url(&self.error)
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
        // The API gateway's flat body (as recorded from KMS endpoints): its code is a
        // bundled one, the request id is in the body.
        let r = parse(
            401,
            r#"{"error_msg":"Incorrect IAM authentication information: decrypt token fail","error_code":"APIGW.0301","request_id":"0b7d1f3c"}"#,
            None,
        );
        assert_eq!(
            (r.error.code(), r.error.code_str()),
            (ErrorCode::Apig0301, "APIGW.0301")
        );
        assert_eq!(r.request_id.as_deref(), Some("0b7d1f3c"));
        assert_eq!(
            r.server_message,
            "Incorrect IAM authentication information: decrypt token fail"
        );
        assert_eq!(r.error.kind(), crate::ErrorKind::Unauthenticated);
        let r = parse(
            404,
            r#"{"error_msg":"The API does not exist or has not been published in the environment","error_code":"APIGW.0101","request_id":"r404"}"#,
            None,
        );
        assert_eq!(r.error.code(), ErrorCode::Apig0101);
        assert!(!r.error.is_not_found() && r.error.is_documented());
        assert_eq!(r.request_id.as_deref(), Some("r404"));
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
                (r.error.code_str(), r.server_message.as_str()),
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
            (r.error.code_str(), r.server_message.as_str()),
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
            parse(404, body, Some("header")).request_id.as_deref(),
            Some("header")
        );
        assert_eq!(parse(404, body, None).request_id.as_deref(), Some("body"));
        let camel = r#"{"error":{"code":"KMS.0207","requestId":"camel"}}"#;
        assert_eq!(parse(404, camel, None).request_id.as_deref(), Some("camel"));
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
        let r = parse(500, r#"{"error":{"message":"nested boom"}}"#, None);
        assert_eq!(r.server_message, "nested boom");
        let r = parse(500, "", None);
        assert_eq!(r.server_message, "");
        let r = ErrorResponse::<KmsError>::parse(500, &[0xff, 0xfe], None);
        assert_eq!(r.server_message, "\u{fffd}\u{fffd}");
        let r = parse(400, r#"{"error_code":1234}"#, None);
        assert_eq!(
            (r.error.code_str(), r.server_message.as_str()),
            ("1234", "")
        );
        let r = parse(400, r#"[1, 2]"#, None);
        assert_eq!(
            (r.error.code_str(), r.server_message.as_str()),
            ("", "[1, 2]")
        );
        // Deeply nested objects are searched to a bound, never a panic.
        let deep = format!(
            "{}{}",
            r#"{"a":"#.repeat(100),
            "1".to_owned() + &"}".repeat(100)
        );
        let r = parse(500, &deep, None);
        assert_eq!(r.error.code_str(), "");
    }

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
            (r.retry_after(), r.request_id.as_deref()),
            (Some(Duration::from_secs(7)), Some("r"))
        );
        assert!(r.error.is_throttled());
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

    #[test]
    fn fakes_round_trip() {
        let fake = ErrorResponse::new(KmsError::from(ErrorCode::Kms1105))
            .with_request_id("req-1")
            .with_retry_after(Duration::from_secs(3))
            .with_encoded_authorization_message("E==");
        assert_eq!(fake.error.status(), 400);
        assert_eq!(fake.server_message, "Too many keys.");
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
