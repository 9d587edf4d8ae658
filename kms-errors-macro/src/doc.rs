//! The generated rustdoc: each variant's documentation (what an IDE shows on hover) and the
//! cell text in it, as safe Markdown.

use kms_errors_catalog::model::{Code, Row};
use std::fmt::Write as _;

/// Unicode bidirectional controls (embeddings, overrides, isolates, marks): in rendered docs
/// and IDE hovers they reorder the surrounding text (the hazard rustc's
/// `text_direction_codepoint_in_literal` lint is about), so docs show U+FFFD instead.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The bytes that may start a character [`markdown`] rewrites: its ASCII specials, the
/// ASCII controls, and the lead bytes of the non-ASCII characters that may be controls (C1:
/// `0xC2`) or bidi controls (U+061C: `0xD8`; U+200E to U+2069: `0xE2`).
const MARKDOWN: [bool; 256] = flags(b"<>&[]\\|#");
/// The same for [`code_span`]: backticks instead of the Markdown specials.
const CODE_SPAN: [bool; 256] = flags(b"`");

const fn flags(specials: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE2] = true;
    let mut k = 0;
    while k < specials.len() {
        t[specials[k] as usize] = true;
        k += 1;
    }
    t
}

/// Whether `s` may hold a character the rewrite with `flags` changes: a quick byte loop for
/// the common case, as the macro runs unoptimised in most builds, where iterating over
/// `char`s (or calling `memchr` per byte) costs many times more.
fn may_rewrite(s: &str, flags: &[bool; 256]) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if flags[b[i] as usize] {
            return true;
        }
        i += 1;
    }
    false
}

/// Cell text for rustdoc: markup such as `**bold**` is kept (it is Markdown too), but
/// nothing in it can open an HTML tag, a link or an entity, reorder the text around it, and it
/// stays on one line.
pub(crate) fn markdown(s: &str) -> String {
    if !may_rewrite(s, &MARKDOWN) {
        return s.to_owned();
    }
    let special = |c: char| {
        matches!(c, '<' | '>' | '&' | '[' | ']' | '\\' | '|' | '#')
            || c.is_control()
            || is_bidi_control(c)
    };
    if !s.contains(special) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' | ']' | '\\' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `s` as an inline code span, whatever backticks it contains.
pub(crate) fn code_span(s: &str) -> String {
    if !may_rewrite(s, &CODE_SPAN) && !s.starts_with(' ') && !s.ends_with(' ') {
        return format!("`{s}`");
    }
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let s: String = s
        .chars()
        .map(|c| match c {
            '\r' | '\n' => ' ',
            c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
            c => c,
        })
        .collect();
    if longest > 0 || s.starts_with(' ') || s.ends_with(' ') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

/// The rustdoc of one variant: a summary line (code, statuses, message), its aliases, then
/// the rest of every row with its source. `files` are the catalog's files (their names,
/// already escaped for Markdown, and their rows' link).
pub(crate) fn variant_doc(files: &[(String, &str)], c: &Code) -> String {
    let mut d = String::with_capacity(256);
    let _ = write!(d, " {} (HTTP ", code_span(&c.code));
    for (i, r) in c.rows.iter().enumerate() {
        if !c.rows[..i].iter().any(|p| p.status == r.status) {
            let _ = write!(d, "{}{}", if i == 0 { "" } else { ", " }, r.status);
        }
    }
    d.push(')');
    let file = |r: &Row| files.get(r.file).map_or("", |f| f.0.as_str());
    let url = |r: &'_ Row<'_>| match files.get(r.file) {
        Some(f) if r.url.is_empty() => f.1.to_owned(),
        _ => r.url.to_string(),
    };
    let aliases = || {
        let spans: Vec<String> = c.aliases.iter().map(|a| code_span(&a.text)).collect();
        match spans.as_slice() {
            [] => String::new(),
            _ => format!(" Also written {}.", spans.join(", ")),
        }
    };
    if let [r] = c.rows.as_slice() {
        if r.message.is_empty() {
            d.push_str("\n\n");
        } else {
            let _ = write!(d, ": {}\n\n", markdown(&r.message));
        }
        if !c.aliases.is_empty() {
            let _ = write!(d, "{}\n\n", aliases());
        }
        field(&mut d, " ", "Description", &r.description);
        field(&mut d, " ", "Measure", &r.measure);
        kind(&mut d, " ", r.kind);
        link(&mut d, " ", &url(r));
        let _ = write!(d, "\n Source: `{}` line {}.", file(r), r.line);
    } else {
        let first = &c.rows[0].message;
        if !first.is_empty() {
            let _ = write!(d, ": {}", markdown(first));
        }
        let _ = write!(
            d,
            "\n\n{} Documented in {} rows:\n\n",
            aliases(),
            c.rows.len()
        );
        for r in &c.rows {
            let _ = writeln!(
                d,
                " - **HTTP {}** (`{}` line {})",
                r.status,
                file(r),
                r.line
            );
            field(&mut d, "   ", "Message", &r.message);
            field(&mut d, "   ", "Description", &r.description);
            field(&mut d, "   ", "Measure", &r.measure);
            kind(&mut d, "   ", r.kind);
            link(&mut d, "   ", &url(r));
        }
    }
    d
}

/// A `- **Label:** text` line, if there is text.
fn field(d: &mut String, indent: &str, label: &str, text: &str) {
    if !text.is_empty() {
        let _ = writeln!(d, "{indent}- **{label}:** {}", markdown(text));
    }
}

/// A `- **Documentation:** <url>` line, if the row has a link (checked by the front end: no
/// spaces, quotes or angle brackets, so an autolink is safe).
fn link(d: &mut String, indent: &str, url: &str) {
    if !url.is_empty() {
        let _ = writeln!(d, "{indent}- **Documentation:** <{url}>");
    }
}

/// A `- **Kind:** `not_found`` line, if the row declares a kind.
fn kind(d: &mut String, indent: &str, kind: Option<kms_errors_catalog::ErrorKind>) {
    if let Some(k) = kind {
        let _ = writeln!(d, "{indent}- **Kind:** `{k}`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_neutralises_html_links_and_lines() {
        assert_eq!(markdown("<x:x:x> [a](b)"), "&lt;x:x:x&gt; \\[a\\](b)");
        assert_eq!(markdown("**Enabled**"), "**Enabled**");
        assert_eq!(markdown("a\nb\\c"), "a b\\\\c");
        assert_eq!(markdown("nul\0"), "nul\u{FFFD}");
        assert_eq!(markdown("a\u{202E}b\u{2066}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(code_span("X\u{202E}1"), "`X\u{FFFD}1`");
    }

    #[test]
    fn quick_check_agrees_with_the_full_rewrite() {
        // The rewrites without the quick check, as reference.
        let special = |c: char| {
            matches!(c, '<' | '>' | '&' | '[' | ']' | '\\' | '|' | '#')
                || c.is_control()
                || is_bidi_control(c)
        };
        for s in [
            "plain text, é, 😀, {0} %s \"q\"",
            "a\u{85}b",
            "em\u{2014}dash",
            "bidi\u{2066}x",
            "arabic\u{61C}mark",
            "tab\there",
            "del\u{7F}",
            "<x>",
            "a`b",
            " lead",
            "trail ",
            "",
        ] {
            if !s.contains(special) {
                assert_eq!(markdown(s), s, "{s:?}");
            }
            let plain_span = !s
                .contains(|c: char| c == '`' || c.is_control() || is_bidi_control(c))
                && !s.starts_with(' ')
                && !s.ends_with(' ');
            if plain_span {
                assert_eq!(code_span(s), format!("`{s}`"), "{s:?}");
            }
        }
        assert_eq!(markdown("a\u{85}b"), "a\u{FFFD}b");
        assert_eq!(markdown("x\u{202E}y"), "x\u{FFFD}y");
        assert_eq!(markdown("em\u{2014}dash"), "em\u{2014}dash");
        assert_eq!(code_span("é😀"), "`é😀`");
        assert_eq!(code_span(" lead"), "`  lead `");
        assert_eq!(code_span("a\u{2066}"), "`a\u{FFFD}`");
    }

    #[test]
    fn variant_docs_list_aliases_and_each_row_s_file() {
        use kms_errors_catalog::{compose, Ctxt, Part};
        let own = Part {
            name: "own.csv",
            text: Some("status,code,message,alias\n401,GW.1,Bad token.,GWX.1|gw-1\n"),
            docs: "",
            delimiter: None,
        };
        let more = Part {
            name: "more.csv",
            text: Some("status,code,message\n403,GW.1,Denied.\n400,GW.2,Plain.\n"),
            docs: "https://e.example/more",
            delimiter: None,
        };
        let mut cx = Ctxt::for_files(&["own.csv", "more.csv"]);
        let cat = compose(&[own, more], &mut cx);
        assert!(cx.is_ok());
        let files = [
            ("own.csv".to_owned(), ""),
            ("more.csv".to_owned(), "https://e.example/more"),
        ];
        assert_eq!(
            variant_doc(&files, &cat.codes[0]),
            " `GW.1` (HTTP 401, 403): Bad token.\n\n Also written `GWX.1`, `gw-1`. Documented in 2 rows:\n\n\
             \x20- **HTTP 401** (`own.csv` line 2)\n   - **Message:** Bad token.\n\
             \x20- **HTTP 403** (`more.csv` line 2)\n   - **Message:** Denied.\n\
             \x20  - **Documentation:** <https://e.example/more>\n"
        );
        assert_eq!(
            variant_doc(&files, &cat.codes[1]),
            " `GW.2` (HTTP 400): Plain.\n\n - **Documentation:** <https://e.example/more>\n\n Source: `more.csv` line 3."
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("KMS.0207"), "`KMS.0207`");
        assert_eq!(code_span("a`b"), "`` a`b ``");
        assert_eq!(code_span("``"), "``` `` ```");
    }
}
