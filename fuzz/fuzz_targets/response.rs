//! Fuzz target `response`: an error response as a network delivers it (any status, raw header
//! bytes, a body cut at a byte limit) through `ErrorResponse::parse_with_headers` and
//! `ErrorResponse::from_http`, then what a client decides from it (`ClientError`,
//! `RetryPolicy::delay_for` and `next_delay`) and what is written back (`Display`, `to_json`,
//! `to_json_flat`, `to_http`).
//!
//! Input layout (see the README):
//!
//! | bytes | meaning |
//! |---|---|
//! | 0..2 | the HTTP status, `u16` little-endian (any value: 0, 1xx, > 599, > 999) |
//! | 2..4 | `u16` LE: bit 15 set, the rest of the input is a builder program ([`build`]), else the raw response text; bit 14 set, the body is delivered whole, else it is cut to the number in bits 0-13 (as `reqwest::error_response_as` cuts at its limit) |
//! | 4..8 | the attempt number given to `delay_for`, `u32` LE |
//! | 8 | the retry policy: bits 0-2 the most attempts, bit 3 idempotent, bits 4-5 the `Retry-After` cap, bits 6-7 the backoff |
//! | 9.. | raw: header lines `Name: value` (LF or CRLF), an empty line, then the body; without an empty line, all of it is header lines and the body is empty. Builder: see [`build`] |
//!
//! Every check is an invariant the library promises (or the exact condition under which one
//! does not hold); a violation panics, which libFuzzer reports as a crash.

#![no_main]
#![forbid(unsafe_code)]

use http::{HeaderName, HeaderValue, StatusCode};
use kms_errors::{
    parse_retry_after, Attempts, ClientError, ErrorResponse, Headers, Idempotent, KmsError, Retry,
    RetryBudget, RetryPolicy, Shown,
};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::time::{Duration, SystemTime};

/// The bytes before the response.
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
    let headers = Headers::new()
        .with_request_id(request_id.as_deref())
        .with_retry_after(retry_after.as_deref());
    let date = input.date;
    let resp = parse_checked(input.status, body, headers, date);
    check_output(&resp, input.status, headers);
    check_client(&resp, &input);

    // The `http` crate's response, as hyper gives it.
    if let Some(network) = input.http_response(body) {
        check_http(&network, input.status, body, date);
    }

    // The body cut shorter: a smaller limit, or a connection closed early.
    for cut in cuts(body.len()) {
        let r = parse_checked(input.status, &body[..cut], headers, date);
        let _ = r.to_string();
    }
});

/// The fuzzer's bytes, read as the layout above.
struct Input {
    status: u16,
    limit: Option<usize>,
    attempt: u32,
    policy: u8,
    /// Each header line's name and value (the bytes after the colon, not trimmed).
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// Whether a header line is not `Name: value` (a client would reject the response).
    malformed: bool,
    /// The body as sent, before the limit.
    body: Vec<u8>,
    /// The time of the HTTP-date the builder wrote as the first `Retry-After`, if it did.
    date: Option<SystemTime>,
}

impl Input {
    fn read(data: &[u8]) -> Option<Self> {
        if data.len() < PREFIX {
            return None;
        }
        let status = u16::from_le_bytes([data[0], data[1]]);
        let body_mode = u16::from_le_bytes([data[2], data[3]]);
        let attempt = u32::from_le_bytes([data[4], data[5], data[6], data[7]]);
        let mut input = Input {
            status,
            limit: (body_mode & 0x4000 == 0).then_some(usize::from(body_mode & 0x3fff)),
            attempt,
            policy: data[8],
            headers: Vec::new(),
            malformed: false,
            body: Vec::new(),
            date: None,
        };
        if body_mode & 0x8000 != 0 {
            build::build(&data[PREFIX..], &mut input);
        } else {
            input.read_raw(&data[PREFIX..]);
        }
        Some(input)
    }

    /// Header lines, an empty line, the body.
    fn read_raw(&mut self, mut rest: &[u8]) {
        self.body = loop {
            let (line, next) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            match next {
                // The empty line: the body follows.
                Some(after) if line.is_empty() => break after.to_vec(),
                _ => {}
            }
            if !line.is_empty() {
                match line.iter().position(|&b| b == b':') {
                    Some(i) if i > 0 => self
                        .headers
                        .push((line[..i].to_vec(), line[i + 1..].to_vec())),
                    _ => self.malformed = true,
                }
            }
            match next {
                Some(after) => rest = after,
                None => break Vec::new(),
            }
        };
    }

    /// The body as the parser gets it: cut at the limit.
    fn delivered(&self) -> &[u8] {
        match self.limit {
            Some(n) if n < self.body.len() => &self.body[..n],
            _ => &self.body,
        }
    }

    /// The first value of header `name` (ASCII case-insensitive), raw.
    fn first(&self, name: &[u8]) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
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
        for (name, value) in &self.headers {
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
        let idempotent = Idempotent::new(p & 8 != 0);
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

/// The builder: headers and a body generated from the fuzzer's bytes, of the shapes the
/// parser reads, so that most inputs are JSON error bodies (raw inputs mostly are not).
///
/// A program reads bytes in order; past the end every byte is 0 (so every program ends).
///
/// * Byte 0, the headers: bits 0-1 `X-Request-Id` (none, hex of the next 1-16 bytes, up to
///   24 raw bytes without CR and LF, empty); bits 2-4 `Retry-After` (none; delay-seconds of
///   a `u64`; digits past `u64::MAX`; an HTTP-date as IMF-fixdate, RFC 850 or asctime, of a
///   time near now or anywhere up to 9999; raw bytes; odd numbers: leading zeros, a sign, a
///   fraction, a unit); bit 5 a second `X-Request-Id` after the first; bit 6 the names in
///   capitals; bit 7 spaces and tabs around the values.
/// * Byte 1, the body's frame: bits 0-2 before it (5 whitespace, 6 a UTF-8 BOM, 7 a newline,
///   else nothing); bits 3-5 after it (5 whitespace, 6 a stray byte, 7 a second value, else
///   nothing); bits 6-7 the top level (an object, an object, any value, an HTML page or an
///   empty body).
/// * Then the value: an op byte picks an object (likelier), a code, raw string bytes
///   (escaped, or for one in four not: invalid UTF-8, quotes and control characters can
///   break the JSON), a
///   number (listed edge cases or a `u64`), a literal, an array, deep nesting (up to 355
///   levels, past serde_json's limit of 128), a message; object keys are mostly the ones the
///   parser reads (duplicates too).
mod build {
    use super::Input;
    use std::time::{Duration, UNIX_EPOCH};

    struct Cursor<'a> {
        data: &'a [u8],
        pos: usize,
    }

    impl Cursor<'_> {
        fn byte(&mut self) -> u8 {
            let b = self.data.get(self.pos).copied().unwrap_or(0);
            self.pos += 1;
            b
        }
        fn done(&self) -> bool {
            self.pos >= self.data.len()
        }
        fn take(&mut self, n: usize) -> &[u8] {
            let start = self.pos.min(self.data.len());
            let end = (start + n).min(self.data.len());
            self.pos += n;
            &self.data[start..end]
        }
        fn u64(&mut self) -> u64 {
            let mut b = [0; 8];
            let t = self.take(8);
            b[..t.len()].copy_from_slice(t);
            u64::from_le_bytes(b)
        }
    }

    const KEYS: [&str; 20] = [
        "error",
        "error_code",
        "error_msg",
        "code",
        "message",
        "errorCode",
        "errorMessage",
        "errCode",
        "errMsg",
        "msg",
        "request_id",
        "requestId",
        "encoded_authorization_message",
        "error",
        "error_code",
        "error_msg",
        "title",
        "result",
        "details",
        "",
    ];
    const CODES: [&str; 16] = [
        "KMS.0207",
        "KMS.0205",
        "KMS.0104",
        "KMS.0323",
        "KMS.1105",
        "CSMS.0101",
        "CSMS.0201",
        "APIGW.0301",
        "APIGW.0308",
        "APIG.0201",
        "IAM.0003",
        "KMS.9999",
        "",
        " KMS.0207 ",
        "kms.0207",
        "KMS.0207\\u0000",
    ];
    const NUMBERS: [&str; 16] = [
        "0",
        "403",
        "1100",
        "-1",
        "-0",
        "-0.0",
        "1.5",
        "1e308",
        "1e400",
        "99999999999999999999999",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "1E2",
        "0.1e-400",
        "01",
    ];
    const TEXTS: [&str; 8] = [
        "key not found",
        "The key does not exist.",
        "Too many requests",
        "<html>Bad Gateway</html>",
        "caf\\u00e9",
        "\\ud800",
        "  padded  ",
        "Egpjbi1ub3J0aC00***GoxMzgrcA==",
    ];
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const LONG_DAYS: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    /// 10000-01-01T00:00:00Z: HTTP-dates have four-digit years.
    const YEAR_10000: u64 = 253_402_300_800;
    /// 2070-01-01T00:00:00Z: RFC 850's two-digit years are 1970..=2069.
    const YEAR_2070: u64 = 3_155_760_000;

    pub(super) fn build(data: &[u8], input: &mut Input) {
        let mut c = Cursor { data, pos: 0 };
        headers(&mut c, input);
        input.body = body(&mut c);
    }

    fn headers(c: &mut Cursor<'_>, input: &mut Input) {
        let h = c.byte();
        let (id_name, ra_name) = if h & 0x40 != 0 {
            (&b"X-REQUEST-ID"[..], &b"RETRY-AFTER"[..])
        } else {
            (&b"x-request-id"[..], &b"Retry-After"[..])
        };
        let pad = |v: Vec<u8>| {
            if h & 0x80 != 0 {
                [&b" \t"[..], &v, b" "].concat()
            } else {
                [&b" "[..], &v].concat()
            }
        };
        let mut id = || match h & 3 {
            0 => None,
            1 => {
                let n = usize::from(c.byte() % 16) + 1;
                Some(
                    c.take(n)
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect::<String>()
                        .into_bytes(),
                )
            }
            2 => {
                let n = usize::from(c.byte() % 25);
                Some(
                    c.take(n)
                        .iter()
                        .copied()
                        .filter(|&b| b != b'\r' && b != b'\n')
                        .collect(),
                )
            }
            _ => Some(Vec::new()),
        };
        if let Some(v) = id() {
            input.headers.push((id_name.to_vec(), pad(v)));
        }
        let retry_after = match (h >> 2) & 7 {
            0 => None,
            1 => Some(c.u64().to_string()),
            2 => Some((u128::from(u64::MAX) + 1 + u128::from(c.u64())).to_string()),
            form @ 3..=5 => {
                let near = c.byte() & 1 == 0;
                let x = c.u64();
                let secs = if form == 4 {
                    if near {
                        1_700_000_000 + x % 100_000_000
                    } else {
                        x % YEAR_2070
                    }
                } else if near {
                    1_700_000_000 + x % 100_000_000
                } else {
                    x % YEAR_10000
                };
                input.date = Some(UNIX_EPOCH + Duration::from_secs(secs));
                Some(date(secs, form))
            }
            6 => {
                let n = usize::from(c.byte() % 32);
                let raw: Vec<u8> = c
                    .take(n)
                    .iter()
                    .copied()
                    .filter(|&b| b != b'\r' && b != b'\n')
                    .collect();
                input.headers.push((ra_name.to_vec(), pad(raw)));
                None
            }
            _ => Some(
                [
                    "007", "+5", "-5", "1.5", "5s", "0x10", "1_000", "", " ", "5 5",
                ][usize::from(c.byte() % 10)]
                .to_owned(),
            ),
        };
        if let Some(v) = retry_after {
            input.headers.push((ra_name.to_vec(), pad(v.into_bytes())));
        }
        if h & 0x20 != 0 {
            input
                .headers
                .push((id_name.to_vec(), pad(b"second-id".to_vec())));
        }
    }

    /// `secs` after the epoch as an HTTP-date: 3 IMF-fixdate, 4 RFC 850, 5 asctime.
    fn date(secs: u64, form: u8) -> String {
        let days = secs / 86_400;
        let (h, m, s) = (secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
        // 1970-01-01 was a Thursday.
        let wday = usize::try_from((days + 4) % 7).unwrap();
        let (y, mon, d) = civil(days);
        let mon = MONTHS[mon - 1];
        match form {
            3 => format!(
                "{}, {d:02} {mon} {y:04} {h:02}:{m:02}:{s:02} GMT",
                DAYS[wday]
            ),
            4 => format!(
                "{}, {d:02}-{mon}-{:02} {h:02}:{m:02}:{s:02} GMT",
                LONG_DAYS[wday],
                y % 100
            ),
            _ => format!("{} {mon} {d:>2} {h:02}:{m:02}:{s:02} {y:04}", DAYS[wday]),
        }
    }

    /// The civil date (year, month 1-12, day 1-31) of a day after 1970-01-01 (Howard
    /// Hinnant's `civil_from_days`).
    fn civil(days: u64) -> (u64, usize, u64) {
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + u64::from(m <= 2);
        (y, usize::try_from(m).unwrap(), d)
    }

    fn body(c: &mut Cursor<'_>) -> Vec<u8> {
        let frame = c.byte();
        let (before, after, top) = (frame & 7, (frame >> 3) & 7, frame >> 6);
        let mut out = Vec::new();
        if top == 3 {
            if before & 1 == 0 {
                out.extend_from_slice(b"<html><head><title>");
                string_bytes(c, &mut out, false);
                out.extend_from_slice(b"</title></head><body>502 Bad Gateway</body></html>");
            }
            return out;
        }
        out.extend_from_slice(match before {
            5 => b" \r\n\t",
            6 => b"\xef\xbb\xbf",
            7 => b"\n",
            _ => b"",
        });
        if top == 2 {
            value(c, &mut out, 0);
        } else {
            object(c, &mut out, 0);
        }
        out.extend_from_slice(match after {
            5 => b" \n",
            6 => b"x",
            7 => b"{}",
            _ => b"",
        });
        out
    }

    fn value(c: &mut Cursor<'_>, out: &mut Vec<u8>, depth: usize) {
        if c.done() {
            out.extend_from_slice(b"null");
            return;
        }
        let op = c.byte();
        match op % 12 {
            0..=3 if depth < 6 => object(c, out, depth),
            4 | 5 => quoted(out, CODES[usize::from(c.byte() % 16)]),
            6 => string_bytes(c, out, op & 0xc0 != 0xc0),
            7 if op & 0x80 != 0 => out.extend_from_slice(c.u64().to_string().as_bytes()),
            7 => out.extend_from_slice(NUMBERS[usize::from(c.byte() % 16)].as_bytes()),
            8 => out.extend_from_slice(
                [&b"null"[..], b"true", b"false", b"\"\""][usize::from(op >> 6)],
            ),
            9 if depth < 6 => {
                out.push(b'[');
                for i in 0..c.byte() % 4 {
                    if i > 0 {
                        out.push(b',');
                    }
                    value(c, out, depth + 1);
                }
                out.push(b']');
            }
            10 => {
                let levels = usize::from(c.byte()) + if op & 0x80 != 0 { 100 } else { 0 };
                let (open, close) = [
                    (&b"{\"error\":"[..], &b"}"[..]),
                    (b"{\"a\":", b"}"),
                    (b"[", b"]"),
                    (b"{\"result\":", b"}"),
                ][usize::from((op >> 5) & 3)];
                for _ in 0..levels {
                    out.extend_from_slice(open);
                }
                value(c, out, 6);
                for _ in 0..levels {
                    out.extend_from_slice(close);
                }
            }
            _ => quoted(out, TEXTS[usize::from(c.byte() % 8)]),
        }
    }

    fn object(c: &mut Cursor<'_>, out: &mut Vec<u8>, depth: usize) {
        out.push(b'{');
        for i in 0..c.byte() % 6 {
            if i > 0 {
                out.push(b',');
            }
            let k = c.byte();
            if k < 0xf0 {
                quoted(out, KEYS[usize::from(k) % KEYS.len()]);
            } else {
                string_bytes(c, out, true);
            }
            out.push(b':');
            value(c, out, depth + 1);
        }
        out.push(b'}');
    }

    fn quoted(out: &mut Vec<u8>, s: &str) {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }

    /// Up to 23 of the fuzzer's bytes as a string: escaped as JSON when `escape` (invalid
    /// UTF-8 stays invalid), else as they are.
    fn string_bytes(c: &mut Cursor<'_>, out: &mut Vec<u8>, escape: bool) {
        let n = usize::from(c.byte() % 24);
        let raw = c.take(n).to_vec();
        out.push(b'"');
        for b in raw {
            match b {
                b'"' | b'\\' if escape => out.extend_from_slice(&[b'\\', b]),
                0..=0x1f if escape => out.extend_from_slice(format!("\\u{b:04x}").as_bytes()),
                _ => out.push(b),
            }
        }
        out.push(b'"');
    }
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
fn parse_checked(
    status: u16,
    body: &[u8],
    headers: Headers<'_>,
    date: Option<SystemTime>,
) -> ErrorResponse {
    let before = SystemTime::now();
    let resp = ErrorResponse::<KmsError>::parse_with_headers(status, body, headers);
    let after = SystemTime::now();
    check_parsed(&resp, status, body, headers, (before, after), date);
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
    (before, after): (SystemTime, SystemTime),
    date: Option<SystemTime>,
) {
    let e = resp.error();
    assert_eq!(e.status(), status);
    // A byte order mark before the JSON is skipped.
    let json = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let json = serde_json::from_slice::<Value>(json).ok();
    let top = json.as_ref().and_then(Value::as_object);
    let code = e.code_str();
    // A blank header is no request id.
    let header_id = headers.request_id().filter(|id| !id.trim().is_empty());

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

    // The request id: the header's (not blank), else the body's.
    match header_id {
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

    check_retry_after(headers.retry_after(), resp.retry_after(), before, after);
    // The builder's HTTP-date, computed without httpdate: the time from the parse to it.
    if let Some(date) = date {
        let got = resp.retry_after().expect("the builder's HTTP-date");
        let most = date.duration_since(before).unwrap_or(Duration::ZERO);
        let least = date.duration_since(after).unwrap_or(Duration::ZERO);
        assert!(
            least <= got && got <= most,
            "{:?}: {got:?}",
            headers.retry_after()
        );
    }
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
    // What the server sent is shown bounded and escaped (`Shown`), the accessors keep it.
    let mut shown = e.to_string();
    if !msg.is_empty() && msg != e.message() {
        shown += &format!(" (server: {})", Shown::message(msg));
    }
    if let Some(id) = resp.request_id() {
        shown += &format!(" [request {}]", Shown::token(id));
    }
    let text = resp.to_string();
    assert_eq!(text, shown);
    assert!(text.len() <= 2048, "{} bytes", text.len());
    assert!(
        !text.chars().any(|c| c.is_control()
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')),
        "{text:?}"
    );
    let _ = format!("{resp:?}");

    // When parsing the body back gives another response: the code and the message are both
    // empty (the body written is then the message), or the request id was the body's (a
    // body written has none).
    let empty = e.code_str().is_empty() && msg.is_empty();
    // A blank header is no request id.
    let header_id = headers.request_id().filter(|id| !id.trim().is_empty());
    let id_from_body = header_id.is_none() && resp.request_id().is_some();
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
        assert_eq!(back.request_id(), header_id);
        // An HTTP-date: the second parse is later, so its delay is not longer.
        if is_date(headers.retry_after()) {
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
    let id_ok = resp
        .request_id()
        .is_none_or(|id| readable(id) && !id.trim().is_empty());
    let back = ErrorResponse::<KmsError>::from_http(&h);
    assert_eq!(back.error().code_str(), e.code_str());
    assert_eq!(back.error().status(), h.status().as_u16());
    // (A blank one, written as a header, reads back as none.)
    assert_eq!(
        back.request_id(),
        resp.request_id()
            .filter(|id| readable(id) && !id.trim().is_empty())
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
fn check_client(resp: &ErrorResponse, input: &Input) {
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
    // A `Retry-After` beyond the cap is not waited: the error is returned at once.
    let within_cap = err.retry_after().is_none_or(|asked| asked <= given.cap);
    let allowed_after = |attempt: u32| {
        attempt < given.attempts && err.retry().allows(idempotent.get()) && within_cap
    };
    for attempt in [input.attempt, 0, 1, 2, 31, 32, 33, 34, 64, 65, u32::MAX] {
        let allowed = allowed_after(attempt);
        let delay = policy.delay_for(attempt, err.retry(), err.retry_after(), idempotent);
        assert_eq!(delay.is_some(), allowed, "attempt {attempt}");
        let Some(d) = delay else { continue };
        match err.retry_after() {
            // The server's delay, never above the cap.
            Some(asked) => {
                assert_eq!(d, asked);
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
    }

    // A budget of two retries: two allowed retries after a first attempt take 5 tokens
    // each, the third is refused; a first-try success gives 1 back, a success after a
    // retry what the retry took.
    let budget = RetryBudget::new(10);
    let with_budget = policy.clone().with_budget(budget.clone());
    let allowed = allowed_after(1);
    for taken in 1..=3u32 {
        let mut attempts = Attempts::new();
        let delay = with_budget.next_delay(&mut attempts, &err, idempotent);
        assert_eq!(delay.is_some(), allowed && taken <= 2);
        assert_eq!(attempts.number(), if delay.is_some() { 2 } else { 1 });
    }
    assert_eq!(budget.available(), if allowed { 0 } else { 10 });
    with_budget.on_success(&Attempts::new());
    assert_eq!(budget.available(), if allowed { 1 } else { 10 });
}

/// The `http::Response` path: `from_http` reads what `parse_with_headers` reads from the
/// values `http` gives as text; a value that is not (obs-text, non-ASCII) is as if absent.
fn check_http(
    network: &http::Response<Vec<u8>>,
    status: u16,
    body: &[u8],
    date: Option<SystemTime>,
) {
    let text = |name: &str| network.headers().get(name).and_then(|v| v.to_str().ok());
    let headers = Headers::new()
        .with_request_id(text("x-request-id"))
        .with_retry_after(text("retry-after"));
    let before = SystemTime::now();
    let resp = ErrorResponse::<KmsError>::from_http(network);
    let after = SystemTime::now();
    check_parsed(&resp, status, body, headers, (before, after), date);
    let mut same = parse_checked(status, body, headers, date);
    if is_date(headers.retry_after()) {
        same = same.with_retry_after(resp.retry_after().unwrap());
    }
    assert_eq!(resp, same);
}
