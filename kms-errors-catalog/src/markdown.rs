//! Cell text in the generated rustdoc (what an IDE hover and `cargo doc` show): the cell as
//! written, escaped so that neither Markdown nor HTML interprets it ([`text`]), and codes
//! and file names as inline code spans ([`code_span`]).
//!
//! A cell is text, kept byte for byte at run time; its documentation shows the same
//! characters. Rustdoc reads doc comments as CommonMark with tables, strikethrough,
//! footnotes and smart punctuation, so [`text`] makes every character that could start
//! one of those, or HTML, literal:
//!
//! * `<`, `>`, `&` become the entities `&lt;`, `&gt;`, `&amp;`;
//! * `\`, `` ` ``, `*`, `[`, `]`, `|`, `#`, `~` and `_` (unless between two ASCII letters or
//!   digits, where it cannot open or close emphasis) are backslash-escaped, as are `"` and
//!   `'` (smart quotes) and `-` or `.` next to another (`--` and `...` become dashes and
//!   ellipses);
//! * line breaks (also U+2028, U+2029) and tabs read as spaces, so that the text stays on
//!   its line of the generated list; controls and bidirectional controls (which reorder the
//!   surrounding text in rendered docs: rustc's `text_direction_codepoint_in_literal`) read
//!   U+FFFD.
//!
//! Speed: this runs on every cell of every catalog inside a proc macro that is compiled
//! without optimisation in most builds. A byte loop over a 256-entry table finds the cells
//! with nothing to escape, which are returned borrowed.

use std::borrow::Cow;

/// `s`, a cell's text, as inline Markdown that reads as `s` (see the
/// [module documentation](self)); borrowed when nothing needs escaping.
///
/// ```
/// use kms_errors_catalog::markdown::text;
///
/// assert_eq!(text("No such key."), "No such key.");
/// assert_eq!(text("Use **Enabled** <b>"), "Use \\*\\*Enabled\\*\\* &lt;b&gt;");
/// assert_eq!(text("it's `code`"), "it\\'s \\`code\\`");
/// assert_eq!(text("snake_case, _x_ and a--b"), "snake_case, \\_x\\_ and a\\-\\-b");
/// ```
pub fn text(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if ESCAPED[b[i] as usize] && replacement(s, i).is_some() {
            let mut out = String::with_capacity(s.len() + 16);
            out.push_str(&s[..i]);
            push_text(&mut out, s, i);
            return Cow::Owned(out);
        }
        i += 1;
    }
    Cow::Borrowed(s)
}

/// `s` as an inline Markdown code span, whatever backticks it contains (the fence is longer
/// than any run of backticks inside), on one line (line breaks and tabs read as spaces),
/// with controls and bidirectional controls as U+FFFD.
///
/// ```
/// use kms_errors_catalog::markdown::code_span;
///
/// assert_eq!(code_span("KMS.0207"), "`KMS.0207`");
/// assert_eq!(code_span("a`b"), "`` a`b ``");
/// ```
pub fn code_span(s: &str) -> String {
    let b = s.as_bytes();
    let (mut longest, mut run, mut special) = (0, 0, false);
    for &c in b {
        if c == b'`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
            special |= CONTROL_LEAD[c as usize];
        }
    }
    let text = if special {
        let mut out = String::with_capacity(s.len() + 8);
        let (mut run, mut i) = (0, 0);
        while i < b.len() {
            if !CONTROL_LEAD[b[i] as usize] {
                i += 1;
                continue;
            }
            let (rep, len) = match b[i] {
                b'\r' | b'\n' | b'\t' => (" ", 1),
                0..=0x7F => ("\u{FFFD}", 1),
                _ => match control_at(s, i) {
                    Some(x) => x,
                    None => {
                        i += 1;
                        continue;
                    }
                },
            };
            out.push_str(&s[run..i]);
            out.push_str(rep);
            i += len;
            run = i;
        }
        out.push_str(&s[run..]);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    };
    // CommonMark strips one space from each end of a code span that starts and ends with
    // one: padding keeps backticks inside off the fence, and spaces at the ends.
    let pad = longest > 0 || text.starts_with(' ') || text.ends_with(' ');
    let fence = "`".repeat(longest + 1);
    let mut out = String::with_capacity(text.len() + 2 * fence.len() + 2);
    out.push_str(&fence);
    if pad {
        out.push(' ');
    }
    out.push_str(&text);
    if pad {
        out.push(' ');
    }
    out.push_str(&fence);
    out
}

/// Unicode bidirectional controls (embeddings, overrides, isolates, marks): in rendered docs
/// and IDE hovers they reorder the surrounding text, so [`text`] and [`code_span`] write
/// U+FFFD instead.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

// `static`, not `const`: an unoptimised build copies a `const` array at every use.

/// Flags for the bytes in `specials`, the ASCII controls, and the lead bytes of the
/// non-ASCII characters that may be controls (C1: `0xC2`), bidi controls (U+061C: `0xD8`;
/// U+200E to U+2069: `0xE2`) or line separators (U+2028, U+2029: `0xE2`).
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

/// The bytes [`text`] may rewrite.
static ESCAPED: [bool; 256] = flags(b"<>&[]\\|#*_`~\"'-.");
/// The bytes that may start a control, a bidi control or a line separator.
static CONTROL_LEAD: [bool; 256] = flags(b"");

/// The replacement of the non-ASCII character at `i` (a lead byte in [`CONTROL_LEAD`]) and
/// its length, if it is a control, a bidi control or a line separator.
fn control_at(s: &str, i: usize) -> Option<(&'static str, usize)> {
    let c = s[i..].chars().next()?;
    match c {
        '\u{2028}' | '\u{2029}' => Some((" ", 3)),
        c if c.is_control() || is_bidi_control(c) => Some(("\u{FFFD}", c.len_utf8())),
        _ => None,
    }
}

/// What [`text`] writes for the byte at `i` (flagged in [`ESCAPED`]), and how many bytes it
/// replaces; `None`: keep it.
fn replacement(s: &str, i: usize) -> Option<(&'static str, usize)> {
    let b = s.as_bytes();
    let next_to = |c: u8| (i > 0 && b[i - 1] == c) || b.get(i + 1) == Some(&c);
    let rep = match b[i] {
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'&' => "&amp;",
        b'[' => "\\[",
        b']' => "\\]",
        b'\\' => "\\\\",
        b'|' => "\\|",
        b'#' => "\\#",
        b'*' => "\\*",
        b'`' => "\\`",
        b'~' => "\\~",
        b'"' => "\\\"",
        b'\'' => "\\'",
        b'-' if next_to(b'-') => "\\-",
        b'.' if next_to(b'.') => "\\.",
        b'-' | b'.' => return None,
        // Between two letters or digits, `_` can neither open nor close emphasis.
        b'_' if i > 0
            && b[i - 1].is_ascii_alphanumeric()
            && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) =>
        {
            return None
        }
        b'_' => "\\_",
        b'\r' | b'\n' | b'\t' => " ",
        0..=0x7F => "\u{FFFD}",
        _ => return control_at(s, i),
    };
    Some((rep, 1))
}

/// Appends `s[from..]` to `out`, escaped as [`text`] says.
fn push_text(out: &mut String, s: &str, from: usize) {
    let b = s.as_bytes();
    let (mut run, mut i) = (from, from);
    while i < b.len() {
        if !ESCAPED[b[i] as usize] {
            i += 1;
            continue;
        }
        match replacement(s, i) {
            Some((rep, len)) => {
                out.push_str(&s[run..i]);
                out.push_str(rep);
                i += len;
                run = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&s[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_html_are_made_literal() {
        assert_eq!(
            text("<x:x:x> [a](b) & #1 | x"),
            "&lt;x:x:x&gt; \\[a\\](b) &amp; \\#1 \\| x"
        );
        assert_eq!(
            text("a_b _c d _ ~~s~~ a ` b 2*3"),
            "a_b \\_c d \\_ \\~\\~s\\~\\~ a \\` b 2\\*3"
        );
        assert_eq!(
            text("**bold** and ``lit``"),
            "\\*\\*bold\\*\\* and \\`\\`lit\\`\\`"
        );
        assert_eq!(text("interval \\* 2"), "interval \\\\\\* 2");
        assert_eq!(text("|name|_ and x_"), "\\|name\\|\\_ and x\\_");
        assert_eq!(text("a\nb\r\tc"), "a b  c");
        assert_eq!(
            text("a\u{2028}b\u{85}c\u{202E}d\0"),
            "a b\u{FFFD}c\u{FFFD}d\u{FFFD}"
        );
        assert_eq!(text("em\u{2014}dash “q”"), "em\u{2014}dash “q”");
    }

    #[test]
    fn smart_punctuation_is_escaped() {
        assert_eq!(text("\"q\" it's"), "\\\"q\\\" it\\'s");
        assert_eq!(text("a--b a---b"), "a\\-\\-b a\\-\\-\\-b");
        assert_eq!(text("wait... a.b e-mail -x"), "wait\\.\\.\\. a.b e-mail -x");
        assert_eq!(text(".."), "\\.\\.");
    }

    #[test]
    fn plain_text_is_borrowed() {
        for s in [
            "No such key.",
            "Schlüssel ungültig — 密钥",
            "{0} %s 2+2=4 a.b: c, e-mail",
            "snake_case AES_128",
        ] {
            assert!(matches!(text(s), Cow::Borrowed(x) if x == s), "{s:?}");
        }
        assert!(matches!(text("<a>"), Cow::Owned(_)));
        assert!(matches!(text("x_"), Cow::Owned(_)));
    }

    #[test]
    fn code_spans_fence_backticks_and_stay_on_one_line() {
        assert_eq!(code_span("KMS.0207"), "`KMS.0207`");
        assert_eq!(code_span("a`b"), "`` a`b ``");
        assert_eq!(code_span("``"), "``` `` ```");
        assert_eq!(code_span(" lead"), "`  lead `");
        assert_eq!(code_span("a\nb\tc"), "`a b c`");
        assert_eq!(code_span("\na"), "`  a `");
        assert_eq!(code_span("X\u{202E}1\u{85}"), "`X\u{FFFD}1\u{FFFD}`");
        assert_eq!(code_span("é😀—"), "`é😀—`");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// What `m` reads as, by CommonMark's backslash escapes and the three entities
        /// [`text`] writes: the inverse of [`text`] on what it keeps.
        fn unescape(m: &str) -> String {
            let mut out = String::new();
            let mut rest = m;
            while let Some(c) = rest.chars().next() {
                if let Some(r) = rest.strip_prefix('\\') {
                    let e = r.chars().next().expect("no trailing backslash");
                    assert!(e.is_ascii_punctuation(), "{m:?}: `\\{e}` is no escape");
                    out.push(e);
                    rest = &r[e.len_utf8()..];
                    continue;
                }
                let (s, len) = match rest {
                    r if r.starts_with("&lt;") => ('<', 4),
                    r if r.starts_with("&gt;") => ('>', 4),
                    r if r.starts_with("&amp;") => ('&', 5),
                    _ => (c, c.len_utf8()),
                };
                out.push(s);
                rest = &rest[len..];
            }
            out
        }

        /// `s` as [`text`] should show it: one line, controls as U+FFFD.
        fn shown(s: &str) -> String {
            s.chars()
                .map(|c| match c {
                    '\r' | '\n' | '\t' | '\u{2028}' | '\u{2029}' => ' ',
                    c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
                    c => c,
                })
                .collect()
        }

        fn check(s: &str) -> Result<(), TestCaseError> {
            let m = text(s);
            prop_assert_eq!(unescape(&m), shown(s), "{:?} -> {:?}", s, m);
            // Nothing left that Markdown or HTML reads, outside escapes and entities.
            let bare = m
                .replace("\\\\", "")
                .replace("&lt;", "")
                .replace("&gt;", "")
                .replace("&amp;", "");
            let mut prev = ' ';
            for c in bare.chars() {
                if prev != '\\' {
                    prop_assert!(!"<>&*`[]|#~\"'".contains(c), "{:?} -> {:?}", s, m);
                }
                prev = c;
            }
            prop_assert!(!m.contains(['\n', '\r', '\u{2028}', '\u{2029}']), "{:?}", m);
            prop_assert!(!m.contains(is_bidi_control), "{:?}", m);
            prop_assert!(!m.contains(|c: char| c.is_control()), "{:?}", m);
            prop_assert!(!m.contains("--") && !m.contains(".."), "{:?}", m);
            Ok(())
        }

        proptest! {
            #[test]
            fn any_text_reads_as_itself(s in any::<String>()) {
                check(&s)?;
            }

            #[test]
            fn dense_markup_reads_as_itself(s in "[a-c :*`|_.<>&\\\\\\[\\]()\"'\n\u{202E}é~#-]{0,40}") {
                check(&s)?;
            }
        }
    }
}
