//! What a server sends is untrusted: shown, it is bounded and escaped; returned by an
//! accessor, it is whole. For a 100 KB non-JSON body with terminal escapes and CR/LF (a
//! proxy's page), a JSON `error_msg` with control characters, an unknown code with an escape
//! sequence and a request id with a line break: the `Display` of the generated error, of
//! `ErrorResponse` and of `ClientError` is at most 2 KiB and has no control character, while
//! `code_str()`, `server_message()` and `request_id()` give back what was received.
#![cfg(feature = "client")]

use kms_errors::{ClientError, ErrorResponse, Headers, KmsError};

/// No control character (C0, DEL, C1) and no bidirectional control or line separator.
fn clean(s: &str) -> bool {
    !s.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    })
}

#[track_caller]
fn bounded(shown: &str) {
    assert!(shown.len() <= 2048, "{} bytes: {shown:.200}", shown.len());
    assert!(clean(shown), "{shown:?}");
}

#[test]
fn a_100_kb_page_with_escapes() {
    let page = "<html>\u{1b}[2J\r\n<h1>502 Bad Gateway</h1>\n".repeat(2_800);
    assert!(page.len() >= 100_000);
    let id = "req-1\r\nINFO forged log line";
    let r: ErrorResponse = ErrorResponse::parse(502, page.as_bytes(), Some(id));
    assert_eq!(r.server_message(), page.trim());
    assert_eq!(r.request_id(), Some(id));
    let shown = r.to_string();
    bounded(&shown);
    assert!(shown.contains("<html>\\u{1b}[2J\\r\\n<h1>"), "{shown:.300}");
    assert!(shown.contains("bytes in all]"));
    assert!(
        shown.ends_with("[request req-1\\r\\nINFO forged log line]"),
        "{shown}"
    );
    let c: ClientError = r.into();
    bounded(&c.to_string());
    assert_eq!(c.request_id(), Some(id));
}

#[test]
fn a_json_message_with_control_characters() {
    let body =
        br#"{"error":{"error_code":"KMS.0207","error_msg":"gone\u001b[31m\nERROR forged\u202e"}}"#;
    let r: ErrorResponse = ErrorResponse::parse(404, body, None);
    assert_eq!(r.server_message(), "gone\u{1b}[31m\nERROR forged\u{202e}");
    let shown = r.to_string();
    bounded(&shown);
    assert_eq!(
        shown,
        "KMS.0207 (HTTP 404): The key does not exist. (server: gone\\u{1b}[31m\\nERROR forged\\u{202e})"
    );
    // A long one is cut, with a marker.
    let long = format!(
        r#"{{"error_code":"KMS.0207","error_msg":"{}"}}"#,
        "\\n".repeat(5_000)
    );
    let r: ErrorResponse = ErrorResponse::parse(404, long.as_bytes(), None);
    assert_eq!(r.server_message().len(), 5_000);
    let shown = r.to_string();
    bounded(&shown);
    assert!(shown.ends_with("… [5000 bytes in all])"), "{shown}");
}

#[test]
fn an_unknown_code_with_an_escape() {
    let code = "KMS.\u{1b}[31m0207\n";
    let e = KmsError::from((404, code));
    assert_eq!(e.code_str(), code);
    let shown = e.to_string();
    bounded(&shown);
    assert_eq!(
        shown,
        "KMS.\\u{1b}[31m0207\\n (HTTP 404): unknown error code"
    );
    // A 100 KB code: cut.
    let huge = "X".repeat(100_000);
    let e = KmsError::from((400, huge.as_str()));
    assert_eq!(e.code_str().len(), 100_000);
    bounded(&e.to_string());
    // Through the response and the client error too.
    let body = format!(
        r#"{{"error_code":"{}","error_msg":"x"}}"#,
        "\\u001b".repeat(40_000)
    );
    let r: ErrorResponse =
        ErrorResponse::parse_with_headers(400, body.as_bytes(), Headers::default());
    assert_eq!(r.error().code_str(), "\u{1b}".repeat(40_000));
    bounded(&r.to_string());
    let c: ClientError = r.into();
    bounded(&c.to_string());
    assert_eq!(c.error_type().len(), 40_000); // the accessor: whole
}

/// The tracing event's fields and message are bounded and escaped too.
#[cfg(feature = "tracing")]
#[test]
fn tracing_fields_and_events() {
    use std::sync::{Arc, Mutex};
    use tracing::field::{Field, Visit};

    /// Every field of every event, as `name=value` strings.
    #[derive(Clone, Default)]
    struct Fields(Arc<Mutex<Vec<String>>>);
    impl Visit for Fields {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            self.0
                .lock()
                .unwrap()
                .push(format!("{}={value:?}", field.name()));
        }
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0
                .lock()
                .unwrap()
                .push(format!("{}={value}", field.name()));
        }
    }
    impl tracing::Subscriber for Fields {
        fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
            tracing::span::Id::from_u64(1)
        }
        fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
        fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
        fn event(&self, event: &tracing::Event<'_>) {
            event.record(&mut self.clone());
        }
        fn enter(&self, _: &tracing::span::Id) {}
        fn exit(&self, _: &tracing::span::Id) {}
    }

    let fields = Fields::default();
    let code = format!("KMS.\u{1b}[31m{}\n", "9".repeat(10_000));
    let body = serde_json::json!({"error_code": code, "error_msg": "x\ny"}).to_string();
    let id = "id\r\nINFO forged";
    let err: ClientError = ErrorResponse::parse(400, body.as_bytes(), Some(id)).into();
    tracing::subscriber::with_default(fields.clone(), || err.emit());
    let seen = fields.0.lock().unwrap().clone();
    assert!(!seen.is_empty());
    for f in &seen {
        assert!(f.len() <= 2048 + 40, "{} bytes: {f:.200}", f.len());
        assert!(clean(f), "{f:?}");
    }
    assert!(
        seen.iter()
            .any(|f| f.starts_with("error.type=KMS.\\u{1b}[31m999")),
        "{seen:?}"
    );
    assert!(seen
        .iter()
        .any(|f| f == "http.response.header.x-request-id=id\\r\\nINFO forged"));
}
