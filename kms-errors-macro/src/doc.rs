//! Text transformations: plain runtime text and safe Markdown for rustdoc.

/// Runtime text: RST `**bold**` markers removed (only balanced pairs around non-blank text;
/// anything else, such as `2**10`, stays as written).
pub(crate) fn plain(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("**") {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find("**") {
        let after = &rest[open + 2..];
        let close = after.find("**");
        match close {
            Some(close)
                if close > 0
                    && !after.starts_with(char::is_whitespace)
                    && !after[..close].ends_with(char::is_whitespace) =>
            {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[close + 2..];
            }
            _ => {
                out.push_str(&rest[..open + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Unicode bidirectional controls (embeddings, overrides, isolates, marks): in rendered docs
/// and IDE hovers they reorder the surrounding text (the hazard rustc's
/// `text_direction_codepoint_in_literal` lint is about), so docs show U+FFFD instead.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Cell text for rustdoc: markup such as `**bold**` is kept (it is Markdown too), but
/// nothing in it can open an HTML tag, a link or an entity, reorder the text around it, and it
/// stays on one line.
pub(crate) fn markdown(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_removes_balanced_bold_only() {
        assert_eq!(plain("Invalid **X-Auth-Token**."), "Invalid X-Auth-Token.");
        assert_eq!(plain("**a** and **b**"), "a and b");
        assert_eq!(plain("2**10 is 1024"), "2**10 is 1024");
        assert_eq!(plain("** not bold **"), "** not bold **");
        assert_eq!(plain("****"), "****");
        assert_eq!(plain("x ** y ** z"), "x ** y ** z");
        assert_eq!(plain("é**ü**"), "éü");
        assert_eq!(plain(""), "");
    }

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
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("KMS.0207"), "`KMS.0207`");
        assert_eq!(code_span("a`b"), "`` a`b ``");
        assert_eq!(code_span("``"), "``` `` ```");
    }
}
