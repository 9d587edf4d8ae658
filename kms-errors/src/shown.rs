//! [`Shown`]: text a server sent, as `Display`, logs and tracing fields show it. What a
//! server (or a proxy in front of it) sends is untrusted: a 100 KB HTML page as an error
//! body, an `error_msg` with terminal escape sequences and line breaks, an error code with a
//! bidirectional override. Shown, it is bounded (at most a few hundred bytes, then a marker
//! saying how much was left out) and escaped (control characters, bidirectional controls and
//! line separators as Rust escapes: `\n`, `\u{1b}`, `\u{202e}`), so that it can neither flood a
//! log nor forge a log line. The accessors (`code_str()`, `server_message()`,
//! `request_id()`) still give the text whole, as received.

use core::fmt;

/// Text a server sent (untrusted), as `Display`, logs and tracing fields show it: at most
/// a limit of bytes long, escapes included, so that it cannot flood a log, and escaped
/// (control characters, bidirectional controls and line separators as Rust escapes:
/// `\n`, `\u{1b}`, `\u{202e}`), so that it cannot forge a log line. Text with nothing to
/// escape and within the limit is written as it is. When cut, it ends with
/// `… [N bytes in all]`. The accessors (`code_str()`, `server_message()`, `request_id()`)
/// give the text whole, as received.
///
/// ```
/// use kms_errors::Shown;
///
/// assert_eq!(Shown::message("Key not found.").to_string(), "Key not found.");
/// assert_eq!(
///     Shown::token("KMS.\u{1b}[31m0207\n").to_string(),
///     "KMS.\\u{1b}[31m0207\\n"
/// );
/// let page = "<html>".repeat(20_000);
/// let shown = Shown::message(&page).to_string();
/// assert!(shown.len() < 600 && shown.ends_with("… [120000 bytes in all]"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    text: &'a str,
    limit: usize,
}

impl<'a> Shown<'a> {
    /// The most bytes `Display` writes of an error message or body the server sent, escapes
    /// included, before it is cut.
    pub const MESSAGE_LIMIT: usize = 512;
    /// The most bytes `Display` writes of an error code or request id the server sent.
    pub const TOKEN_LIMIT: usize = 128;

    /// An error message or body: at most [`Shown::MESSAGE_LIMIT`] bytes.
    #[must_use]
    pub const fn message(text: &'a str) -> Self {
        Shown {
            text,
            limit: Self::MESSAGE_LIMIT,
        }
    }

    /// An error code or request id: at most [`Shown::TOKEN_LIMIT`] bytes.
    #[must_use]
    pub const fn token(text: &'a str) -> Self {
        Shown {
            text,
            limit: Self::TOKEN_LIMIT,
        }
    }

    /// `text` at most `limit` bytes long, escapes included (the marker comes after).
    #[must_use]
    pub const fn with_limit(text: &'a str, limit: usize) -> Self {
        Shown { text, limit }
    }
}

/// The escape of `c`, if it is one to escape: a control character (C0, DEL, C1), a
/// bidirectional control or a line or paragraph separator.
fn escape(c: char) -> Option<core::char::EscapeDebug> {
    let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    (c.is_control() || bidi || matches!(c, '\u{2028}' | '\u{2029}')).then(|| c.escape_debug())
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.text;
        // The common case: short and clean, written whole.
        if text.len() <= self.limit && !text.chars().any(|c| escape(c).is_some()) {
            return f.write_str(text);
        }
        let mut written = 0;
        let mut run = 0; // start of the clean run not written yet
        for (i, c) in text.char_indices() {
            let (len, esc) = match escape(c) {
                Some(e) => (e.len(), Some(e)),
                None => (c.len_utf8(), None),
            };
            if written + (i - run) + len > self.limit {
                f.write_str(&text[run..i])?;
                return write!(f, "… [{} bytes in all]", text.len());
            }
            if let Some(e) = esc {
                f.write_str(&text[run..i])?;
                written += i - run;
                for ch in e {
                    f.write_fmt(format_args!("{ch}"))?;
                }
                written += len;
                run = i + c.len_utf8();
            }
        }
        f.write_str(&text[run..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, limit: usize) -> String {
        Shown::with_limit(text, limit).to_string()
    }

    #[test]
    fn clean_short_text_is_written_as_it_is() {
        for t in [
            "",
            "Key not found.",
            "Schlüssel — 密钥 🔑",
            "{} %s \"q\" 'a' \\",
        ] {
            assert_eq!(shown(t, 512), t);
        }
    }

    #[test]
    fn controls_bidi_and_separators_are_escaped() {
        assert_eq!(shown("a\nb\r\tc", 512), "a\\nb\\r\\tc");
        assert_eq!(
            shown("\u{1b}[31mred\u{1b}[0m", 512),
            "\\u{1b}[31mred\\u{1b}[0m"
        );
        assert_eq!(shown("x\u{0}y\u{7f}z\u{85}", 512), "x\\0y\\u{7f}z\\u{85}");
        assert_eq!(
            shown("a\u{202E}b\u{2066}c\u{200F}", 512),
            "a\\u{202e}b\\u{2066}c\\u{200f}"
        );
        assert_eq!(shown("a\u{2028}b", 512), "a\\u{2028}b");
        // Quotes and backslashes are not controls: as written.
        assert_eq!(shown("\"\\'", 512), "\"\\'");
    }

    #[test]
    fn long_text_is_cut_at_the_limit_with_a_marker() {
        let t = "x".repeat(1000);
        let s = shown(&t, 512);
        assert_eq!(s, format!("{}… [1000 bytes in all]", "x".repeat(512)));
        // Exactly at the limit: whole, no marker.
        assert_eq!(shown(&t[..512], 512), t[..512]);
        // Never inside a character, nor inside an escape.
        let s = shown(&"é".repeat(300), 511);
        assert_eq!(s, format!("{}… [600 bytes in all]", "é".repeat(255)));
        let s = shown(&"\n".repeat(300), 11);
        assert_eq!(s, format!("{}… [300 bytes in all]", "\\n".repeat(5)));
        let s = shown(&format!("ab{}", "\u{1b}".repeat(10)), 9);
        assert_eq!(s, "ab\\u{1b}… [12 bytes in all]");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn bounded_escaped_and_whole_when_short(s in any::<String>(), limit in 0usize..80) {
                let out = Shown::with_limit(&s, limit).to_string();
                let marker = format!("… [{} bytes in all]", s.len());
                let body = out.strip_suffix(&marker).unwrap_or(&out);
                prop_assert!(body.len() <= limit, "{:?} -> {:?}", s, out);
                prop_assert!(!out.chars().any(|c| escape(c).is_some()), "{:?} -> {:?}", s, out);
                // Uncut, it reads back as the text: every escape is Rust's for that char.
                if body.len() == out.len() {
                    let want: String = s.chars().map(|c| match escape(c) {
                        Some(e) => e.to_string(),
                        None => c.to_string(),
                    }).collect();
                    prop_assert_eq!(out, want);
                }
            }
        }
    }
}
