//! Fuzz target `response`: an error response as a network delivers it (any status, raw header
//! bytes, a body cut at a byte limit) through `ErrorResponse::parse_with_headers` and
//! `ErrorResponse::from_http`, then what a client decides from it (`ClientError`,
//! `RetryPolicy::next_delay`) and what is written back (`Display`, `to_json`,
//! `to_json_flat`, `to_http`).
//!
//! Input layout (see the README):
//!
//! | bytes | meaning |
//! |---|---|
//! | 0..2 | the HTTP status, `u16` little-endian (any value: 0, 1xx, > 599, > 999) |
//! | 2..4 | the body limit, `u16` LE: below `0x8000` the body is cut to that many bytes (as `reqwest::error_response_for` cuts at its limit), else it is delivered whole |
//! | 4..8 | the attempt number given to `next_delay`, `u32` LE |
//! | 8 | the retry policy: bits 0-2 the most attempts, bit 3 idempotent, bits 4-5 the `Retry-After` cap, bits 6-7 the backoff |
//! | 9.. | header lines `Name: value` (LF or CRLF), an empty line, then the body, raw; without an empty line, all of it is header lines and the body is empty |
//!
//! Every check is an invariant the library promises (or the exact condition under which one
//! does not hold); a violation panics, which libFuzzer reports as a crash.

#![no_main]
#![forbid(unsafe_code)]

use http::{HeaderName, HeaderValue, StatusCode};
use kms_errors::{
    parse_retry_after, ClientError, ErrorResponse, Headers, Idempotent, KmsError, Retry,
    RetryBudget, RetryPolicy,
};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::time::{Duration, SystemTime};

/// The bytes before the header lines.
const PREFIX: usize = 9;

/// The code and message keys the parser reads, in the order it tries them in an object.
const PAIRS: [(&str, &str); 4] = [
    ("error_code", "error_msg"),
    ("code", "message"),
    ("errorCode", "errorMessage"),
    ("errCode", "errMsg"),
];
/// The message keys of a body without a code, in order.
const MESSAGES: [&str; 5] = ["error_msg", "message", "errorMessage", "errMsg", "msg"];
/// How deep nested objects are searched (the top level is depth 0).
const DEPTH: usize = 4;

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::read(data) else {
        return;
    };
    let body = input.delivered();

    // Any HTTP stack: the first value of each header, lossily decoded and not trimmed.
    let request_id = input.first(b"x-request-id").map(String::from_utf8_lossy);
    let retry_after = input.first(b"retry-after").map(String::from_utf8_lossy);
    let headers = Headers {
        request_id: request_id.as_deref(),
        retry_after: retry_after.as_deref(),
    };
    let resp = parse_checked(input.status, body, headers);
    check_output(&resp, input.status, headers);
    check_client(&resp, &input);

    // The `http` crate's response, as hyper gives it.
    if let Some(network) = input.http_response(body) {
        check_http(&network, input.status, body);
    }

    // The body cut shorter: a smaller limit, or a connection closed early.
    for cut in cuts(body.len()) {
        let r = parse_checked(input.status, &body[..cut], headers);
        let _ = r.to_string();
    }
});

/// The fuzzer's bytes, read as the layout above.
struct Input<'a> {
    status: u16,
    limit: Option<usize>,
    attempt: u32,
    policy: u8,
    /// Each header line's name and value (the bytes after the colon, not trimmed).
    headers: Vec<(&'a [u8], &'a [u8])>,
    /// The header lines that are not `Name: value` (a client would reject the response).
    malformed: bool,
    /// The body as sent, before the limit.
    body: &'a [u8],
}

impl<'a> Input<'a> {
    fn read(data: &'a [u8]) -> Option<Self> {
        if data.len() < PREFIX {
            return None;
        }
        let status = u16::from_le_bytes([data[0], data[1]]);
        let limit = u16::from_le_bytes([data[2], data[3]]);
        let attempt = u32::from_le_bytes([data[4], data[5], data[6], data[7]]);
        let mut rest = &data[PREFIX..];
        let mut headers = Vec::new();
        let mut malformed = false;
        let body = loop {
            let (line, next) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            match next {
                // The empty line: the body follows.
                Some(after) if line.is_empty() => break after,
                _ => {}
            }
            if !line.is_empty() {
                match line.iter().position(|&b| b == b':') {
                    Some(i) if i > 0 => headers.push((&line[..i], &line[i + 1..])),
                    _ => malformed = true,
                }
            }
            match next {
                Some(after) => rest = after,
                None => break &[][..],
            }
        };
        Some(Input {
            status,
            limit: (limit < 0x8000).then_some(usize::from(limit)),
            attempt,
            policy: data[8],
            headers,
            malformed,
            body,
        })
    }

    /// The body as the parser gets it: cut at the limit.
    fn delivered(&self) -> &'a [u8] {
        match self.limit {
            Some(n) if n < self.body.len() => &self.body[..n],
            _ => self.body,
        }
    }

    /// The first value of header `name` (ASCII case-insensitive), raw.
    fn first(&self, name: &[u8]) -> Option<&'a [u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, v)| v)
    }

    /// The `http::Response` a client built on the `http` crate gives for these bytes: values
    /// without the whitespace around them (as HTTP parsers strip it), every header in order;
    /// `None` when a client would reject the response (a status outside 100..=999, a line
    /// that is not a header, a name or value `http` does not accept).
    fn http_response(&self, body: &[u8]) -> Option<http::Response<Vec<u8>>> {
        let status = StatusCode::from_u16(self.status).ok()?;
        if self.malformed {
            return None;
        }
        let mut r = http::Response::new(body.to_vec());
        *r.status_mut() = status;
        for &(name, value) in &self.headers {
            let name = HeaderName::from_bytes(name).ok()?;
            let value = HeaderValue::from_bytes(trim_ows(value)).ok()?;
            r.headers_mut().append(name, value);
        }
        Some(r)
    }

    /// The policy that byte 8 selects, without a budget, and whether the request is
    /// idempotent.
    fn policy(&self) -> (RetryPolicy, Idempotent, Policy) {
        let p = self.policy;
        let attempts = [0, 2, 3, 5, 10, 33, 64, u32::MAX][usize::from(p & 7)];
        let idempotent = Idempotent(p & 8 != 0);
        let cap = [
            Duration::ZERO,
            Duration::from_secs(1),
            Duration::from_secs(20),
            Duration::MAX,
        ][usize::from((p >> 4) & 3)];
        let (base, max) = [
            (Duration::from_secs(1), Duration::from_secs(20)),
            (Duration::from_nanos(1), Duration::from_secs(3600)),
            (Duration::MAX, Duration::MAX),
            (Duration::ZERO, Duration::ZERO),
        ][usize::from(p >> 6)];
        let policy = RetryPolicy::default()
            .with_max_attempts(attempts)
            .with_backoff(base, max)
            .with_max_retry_after(cap)
            .without_budget();
        let given = Policy {
            attempts: attempts.max(1),
            cap,
            base,
            max,
        };
        (policy, idempotent, given)
    }
}

/// What the policy was built with.
struct Policy {
    attempts: u32,
    cap: Duration,
    base: Duration,
    max: Duration,
}

/// SP and HTAB around a header value.
fn trim_ows(v: &[u8]) -> &[u8] {
    let ows = |b: &u8| *b == b' ' || *b == b'\t';
    let start = v.iter().position(|b| !ows(b)).unwrap_or(v.len());
    let end = v.iter().rposition(|b| !ows(b)).map_or(start, |i| i + 1);
    &v[start..end]
}

/// The shorter cuts checked: every length of a short body, nine spread over a long one.
fn cuts(len: usize) -> Vec<usize> {
    if len <= 32 {
        (0..len).collect()
    } else {
        (0..9).map(|i| len * i / 9).collect()
    }
}

/// Parses and checks what is read from the body and the headers.
fn parse_checked(status: u16, body: &[u8], headers: Headers<'_>) -> ErrorResponse {
    let before = SystemTime::now();
    let resp = ErrorResponse::<KmsError>::parse_with_headers(status, body, headers);
    let after = SystemTime::now();
    check_parsed(&resp, status, body, headers, before, after);
    resp
}

/// `m[key]` as the parser reads a value: a non-empty string, or a number as serde_json
/// writes it.
fn text(m: &Map<String, Value>, key: &str) -> Option<String> {
    match m.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The objects searched: the top-level object and those nested in it through object
/// members (not arrays), to `DEPTH`.
fn objects(top: &Map<String, Value>) -> Vec<&Map<String, Value>> {
    let mut out = Vec::new();
    let mut stack = vec![(top, 0)];
    while let Some((m, depth)) = stack.pop() {
        out.push(m);
        if depth < DEPTH {
            for v in m.values() {
                if let Value::Object(o) = v {
                    stack.push((o, depth + 1));
                }
            }
        }
    }
    out
}

/// The code of an object (the first pair whose code key has one) and that pair's message.
fn code_of(m: &Map<String, Value>) -> Option<(String, String)> {
    PAIRS.iter().find_map(|(code, message)| {
        let c = text(m, code)?;
        Some((c, text(m, message).unwrap_or_default()))
    })
}

/// A message of an object without a code.
fn message_of(m: &Map<String, Value>) -> Option<String> {
    MESSAGES.iter().find_map(|k| text(m, k))
}

/// The request id an object holds.
fn request_id_of(m: &Map<String, Value>) -> Option<String> {
    text(m, "request_id").or_else(|| text(m, "requestId"))
}

/// Checks that `got` is one of the values `of` gives for the searched objects, that it is
/// absent only when none has one, and that a value at the top level comes first.
fn one_of<T: PartialEq + std::fmt::Debug>(
    what: &str,
    got: Option<T>,
    top: Option<&Map<String, Value>>,
    of: impl Fn(&Map<String, Value>) -> Option<T>,
) {
    let Some(top) = top else {
        assert_eq!(got, None, "{what} from a body that is not a JSON object");
        return;
    };
    let all: Vec<T> = objects(top).into_iter().filter_map(&of).collect();
    match &got {
        None => assert!(all.is_empty(), "{what}: missed {all:?}"),
        Some(g) => assert!(
            all.contains(g),
            "{what}: {g:?} is not in the body ({all:?})"
        ),
    }
    if let Some(first) = of(top) {
        assert_eq!(got, Some(first), "{what}: the top level's comes first");
    }
}

/// The invariants of a parsed response.
fn check_parsed(
    resp: &ErrorResponse,
    status: u16,
    body: &[u8],
    headers: Headers<'_>,
    before: SystemTime,
    after: SystemTime,
) {
    let e = resp.error();
    assert_eq!(e.status(), status);
    let json = serde_json::from_slice::<Value>(body).ok();
    let top = json.as_ref().and_then(Value::as_object);
    let code = e.code_str();

    // The code (and its message): one the body holds at a code key, or none.
    let found = (!code.is_empty()).then(|| (code.to_owned(), resp.server_message().to_owned()));
    one_of("code", found, top, code_of);
    if let (Some(top), false) = (top, code.is_empty()) {
        // Under `error` before the other members.
        if code_of(top).is_none() {
            if let Some(Value::Object(error)) = top.get("error") {
                if let Some((c, _)) = code_of(error) {
                    assert_eq!(code, c, "the code under `error` comes first");
                }
            }
        }
    }
    if code.is_empty() {
        // A message without a code, else the body's text.
        let message = top.and_then(|m| objects(m).into_iter().find_map(message_of));
        match message {
            Some(_) => one_of(
                "message",
                Some(resp.server_message().to_owned()),
                top,
                message_of,
            ),
            None => assert_eq!(
                resp.server_message(),
                String::from_utf8_lossy(body).trim(),
                "the body's text"
            ),
        }
        // Decided by the status alone.
        assert_eq!(e.retry(), Retry::for_status(status));
    }
    if status == 429 {
        assert_eq!(e.retry(), Retry::Throttled);
    }

    // The request id: the header's, else the body's.
    match headers.request_id {
        Some(h) => assert_eq!(resp.request_id(), Some(h)),
        None => one_of(
            "request id",
            resp.request_id().map(str::to_owned),
            top,
            request_id_of,
        ),
    }
    one_of(
        "encoded_authorization_message",
        resp.encoded_authorization_message().map(str::to_owned),
        top,
        |m| text(m, "encoded_authorization_message"),
    );

    check_retry_after(headers.retry_after, resp.retry_after(), before, after);
}

/// `Retry-After`: delay-seconds exactly (none past `u64::MAX` seconds), an HTTP-date as the
/// time from the parse to it (zero in the past), anything else none.
fn check_retry_after(
    value: Option<&str>,
    got: Option<Duration>,
    before: SystemTime,
    after: SystemTime,
) {
    let Some(v) = value else {
        assert_eq!(got, None);
        return;
    };
    let t = v.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        assert_eq!(got, t.parse::<u64>().ok().map(Duration::from_secs), "{v:?}");
    } else if let Ok(date) = httpdate::parse_http_date(t) {
        let got = got.unwrap_or_else(|| panic!("{v:?} is a date"));
        let most = date.duration_since(before).unwrap_or(Duration::ZERO);
        let least = date.duration_since(after).unwrap_or(Duration::ZERO);
        assert!(least <= got && got <= most, "{v:?}: {got:?}");
    } else {
        assert_eq!(got, None, "{v:?}");
    }
    // The same as the public function.
    assert_eq!(parse_retry_after(v).is_some(), got.is_some());
}

/// Whether `Retry-After` was given as an HTTP-date (its delay depends on the time of the
/// parse).
fn is_date(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        let t = v.trim();
        !(t.bytes().all(|b| b.is_ascii_digit())) && httpdate::parse_http_date(t).is_ok()
    })
}

/// `Display`, `Debug`, `to_json`, `to_json_flat` and `to_http`, and parsing them back.
fn check_output(resp: &ErrorResponse, status: u16, headers: Headers<'_>) {
    let e = resp.error();
    let msg = resp.server_message();
    let mut shown = e.to_string();
    if !msg.is_empty() && msg != e.message() {
        shown += &format!(" (server: {msg})");
    }
    if let Some(id) = resp.request_id() {
        shown += &format!(" [request {id}]");
    }
    assert_eq!(resp.to_string(), shown);
    let _ = format!("{resp:?}");

    // When parsing the body back gives another response: the code and the message are both
    // empty (the body written is then the message), or the request id was the body's (a
    // body written has none).
    let empty = e.code_str().is_empty() && msg.is_empty();
    let id_from_body = headers.request_id.is_none() && resp.request_id().is_some();
    for (json, nested) in [(resp.to_json(), true), (resp.to_json_flat(), false)] {
        let v: Value = serde_json::from_str(&json).expect("to_json writes JSON");
        let top = v.as_object().unwrap();
        let fields = if nested {
            assert_eq!(top.len(), 1, "{json}");
            top["error"].as_object().unwrap()
        } else {
            top
        };
        assert_eq!(fields["error_code"], e.code_str(), "{json}");
        assert_eq!(fields["error_msg"], msg, "{json}");
        assert_eq!(
            fields
                .get("encoded_authorization_message")
                .map(|a| a.as_str().unwrap()),
            resp.encoded_authorization_message(),
        );
        assert_eq!(
            fields.len(),
            2 + fields.contains_key("encoded_authorization_message") as usize
        );

        let mut back =
            ErrorResponse::<KmsError>::parse_with_headers(status, json.as_bytes(), headers);
        assert_eq!(back.error(), e);
        assert_eq!(
            back.encoded_authorization_message(),
            resp.encoded_authorization_message()
        );
        if empty {
            assert_eq!(back.server_message(), json, "an empty message is the body");
        } else {
            assert_eq!(back.server_message(), msg);
        }
        assert_eq!(back.request_id(), headers.request_id);
        // An HTTP-date: the second parse is later, so its delay is not longer.
        if is_date(headers.retry_after) {
            let (first, second) = (resp.retry_after().unwrap(), back.retry_after().unwrap());
            assert!(second <= first, "{second:?} > {first:?}");
            back = back.with_retry_after(first);
        } else {
            assert_eq!(back.retry_after(), resp.retry_after());
        }
        assert_eq!(
            back == *resp,
            !empty && !id_from_body,
            "round trip of {json}"
        );
    }

    // The response a fake (or a recording proxy) writes, read back by `from_http`.
    let h = resp.to_http();
    let status_ok = (100..=999).contains(&status);
    assert_eq!(h.status().as_u16(), if status_ok { status } else { 500 });
    assert_eq!(h.headers()["content-type"], "application/json");
    // A request id `from_http` can read back: visible ASCII, spaces and tabs. (Other text
    // `HeaderValue::from_str` takes is written, but `to_str` refuses it.)
    let readable = |id: &str| id.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b));
    let id_ok = resp.request_id().is_none_or(readable);
    let back = ErrorResponse::<KmsError>::from_http(&h);
    assert_eq!(back.error().code_str(), e.code_str());
    assert_eq!(back.error().status(), h.status().as_u16());
    assert_eq!(
        back.request_id(),
        resp.request_id().filter(|id| readable(id))
    );
    // Whole seconds, rounded up.
    let ceil = resp
        .retry_after()
        .map(|d| Duration::from_secs(d.as_secs() + u64::from(d.subsec_nanos() > 0)));
    assert_eq!(back.retry_after(), ceil);
    let whole = resp.retry_after() == ceil;
    assert_eq!(back == *resp, status_ok && !empty && id_ok && whole);
}

/// The client's view: `ClientError` and the retry policy's decision.
fn check_client(resp: &ErrorResponse, input: &Input<'_>) {
    let e = resp.error();
    let err: ClientError = resp.clone().into();
    assert_eq!(err.retry(), e.retry());
    assert_eq!(err.retry_after(), resp.retry_after());
    let error_type = match e.code_str() {
        "" => Cow::Owned(e.status().to_string()),
        code => Cow::Borrowed(code),
    };
    assert_eq!(err.error_type(), error_type);
    assert!(!err.error_type().is_empty());
    assert_eq!(err.status_code(), Some(e.status()));
    assert_eq!(err.request_id(), resp.request_id());
    assert!(!err.is_timeout() && err.transport().is_none());
    assert_eq!(err.to_string(), resp.to_string());

    let (policy, idempotent, given) = input.policy();
    assert_eq!(policy.max_attempts(), given.attempts);
    for attempt in [input.attempt, 0, 1, 2, 31, 32, 33, 34, 64, 65, u32::MAX] {
        let allowed = attempt < given.attempts && err.retry().allows(idempotent.0);
        let delay = policy.next_delay(attempt, &err, idempotent);
        assert_eq!(delay.is_some(), allowed, "attempt {attempt}");
        let Some(d) = delay else { continue };
        match err.retry_after() {
            // The server's delay, never above the cap.
            Some(asked) => {
                assert_eq!(d, asked.min(given.cap));
                assert!(d <= given.cap);
            }
            // Full jitter below min(max, base · 2^(attempt-1)).
            None => {
                assert!(d <= given.max, "{d:?} > {:?}", given.max);
                let shift = attempt.saturating_sub(1);
                let base = given.base.as_nanos();
                if shift < 128 && base <= u128::MAX >> shift {
                    assert!(d.as_nanos() <= base << shift, "attempt {attempt}: {d:?}");
                }
            }
        }
        // The same decision from its parts.
        let parts = policy.delay_for(attempt, err.retry(), err.retry_after(), false, idempotent);
        assert_eq!(parts.is_some(), allowed);
    }

    // A budget of two retries: two allowed retries take 5 tokens each, the third is refused.
    let budget = RetryBudget::new(10);
    let with_budget = policy.clone().with_budget(budget.clone());
    let allowed = input.attempt < given.attempts && err.retry().allows(idempotent.0);
    for taken in 1..=3u32 {
        let delay = with_budget.next_delay(input.attempt, &err, idempotent);
        assert_eq!(delay.is_some(), allowed && taken <= 2);
    }
    assert_eq!(budget.available(), if allowed { 0 } else { 10 });
}

/// The `http::Response` path: `from_http` reads what `parse_with_headers` reads from the
/// values `http` gives as text; a value that is not (obs-text, non-ASCII) is as if absent.
fn check_http(network: &http::Response<Vec<u8>>, status: u16, body: &[u8]) {
    let text = |name: &str| network.headers().get(name).and_then(|v| v.to_str().ok());
    let headers = Headers {
        request_id: text("x-request-id"),
        retry_after: text("retry-after"),
    };
    let before = SystemTime::now();
    let resp = ErrorResponse::<KmsError>::from_http(network);
    let after = SystemTime::now();
    check_parsed(&resp, status, body, headers, before, after);
    let mut same = parse_checked(status, body, headers);
    if is_date(headers.retry_after) {
        same = same.with_retry_after(resp.retry_after().unwrap());
    }
    assert_eq!(resp, same);
}
