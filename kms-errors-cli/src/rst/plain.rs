//! The renderer: a cell's inline markup as plain text, what the importer writes into a
//! catalog.

use super::chars::{char_at, escapable, escaped};
use super::parse::{parse, Node, Render};
use std::borrow::Cow;

/// `s` with its RST inline markup rendered as plain text, for run time: escapes resolved,
/// the markers of strong, emphasis, literals, roles, references and substitutions removed
/// (an embedded URL kept in parentheses), directive markers as their label (`Note:`).
/// Everything that is not markup is kept byte for byte; text without markup is returned
/// borrowed. See the [module documentation](super) for each construct.
///
/// ```
/// use kms_errors_cli::rst::plain;
///
/// assert_eq!(plain("Invalid **X-Auth-Token**."), "Invalid X-Auth-Token.");
/// assert_eq!(
///     plain(".. note:: The **\\__system__server_id** field is reserved."),
///     "Note: The __system__server_id field is reserved."
/// );
/// assert_eq!(
///     plain("See :ref:`Constructing a Request <obs_04_0007>`."),
///     "See Constructing a Request."
/// );
/// assert_eq!(plain("See `docs <https://e.example>`_."), "See docs (https://e.example).");
/// assert_eq!(plain("2**10, a*b*c and snake_case stay."), "2**10, a*b*c and snake_case stay.");
/// ```
pub fn plain(s: &str) -> Cow<'_, str> {
    if !super::chars::has_markup(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    let mut r = Plain {
        src: s,
        out: String::new(),
        at: 0,
    };
    parse(s, &mut r);
    if r.at == 0 {
        return Cow::Borrowed(s);
    }
    r.out.push_str(&s[r.at..]);
    Cow::Owned(r.out)
}

/// How a role's text reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RoleKind {
    /// Taken as written, backslashes included (`code`, `math`, as docutils does).
    Raw,
    /// Its text, escapes resolved (the literal roles, `strong`, `emphasis` and the default
    /// role, title references).
    Formatted,
    /// Its text, or its explicit title (`Title <target>`): any other role (`ref`, `doc`,
    /// `abbr`, ...).
    Text,
}

/// How the text of `role` reads (its last `:`-separated part, as for `py:func`).
fn role_kind(role: &str) -> RoleKind {
    let name = match role.rfind(':') {
        Some(p) => &role[p + 1..],
        None => role,
    };
    const LITERAL: [&str; 11] = [
        "literal", "samp", "file", "kbd", "command", "program", "option", "envvar", "makevar",
        "regexp", "mimetype",
    ];
    const EMPHASIS: [&str; 6] = ["", "emphasis", "dfn", "title-reference", "title", "t"];
    let is = |list: &[&str]| list.iter().any(|r| r.eq_ignore_ascii_case(name));
    if is(&["code", "math"]) {
        RoleKind::Raw
    } else if is(&LITERAL) || is(&EMPHASIS) || name.eq_ignore_ascii_case("strong") {
        RoleKind::Formatted
    } else {
        RoleKind::Text
    }
}

/// `s` with its escapes resolved.
fn unescape(s: &str) -> Cow<'_, str> {
    if !s.as_bytes().contains(&b'\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    unescape_into(&mut out, s);
    Cow::Owned(out)
}

/// Appends `s` to `out` with its escapes resolved: `\` and a space or line break is nothing,
/// `\` and punctuation or other white space is the character, any other backslash stays.
fn unescape_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(c) = char_at(s, i + 1) else {
            break;
        };
        let end = i + 1 + c.len_utf8();
        if matches!(c, ' ' | '\n' | '\r') {
            out.push_str(&s[run..i]);
            run = end;
        } else if escapable(c) || c.is_whitespace() {
            out.push_str(&s[run..i]);
            out.push(c);
            run = end;
        }
        i = end;
    }
    out.push_str(&s[run..]);
}

/// The text of interpreted text with the role of [`RoleKind::Text`], as written (escapes
/// unresolved): its explicit title (`Title <target>`), else the text without a leading `!`,
/// and `~a.b.c` as `c`.
fn role_text(raw: &str) -> &str {
    if let Some((title, _)) = embedded(raw, false) {
        if !title.is_empty() {
            return title;
        }
    }
    let t = raw.strip_prefix('!').unwrap_or(raw);
    match t.strip_prefix('~') {
        Some(rest) => match rest.rfind('.') {
            Some(p) if p + 1 < rest.len() => &rest[p + 1..],
            _ => rest,
        },
        None => t,
    }
}

/// `text <target>` split into its text (trimmed) and target, if `raw` ends with a target
/// in angle brackets (not escaped). `spaced`: the `<` must follow white space or start the
/// text (RST's embedded URIs and aliases); else it may follow anything (Sphinx's titles).
fn embedded(raw: &str, spaced: bool) -> Option<(&str, &str)> {
    let b = raw.as_bytes();
    let close = b.len().checked_sub(1)?;
    if b[close] != b'>' || escaped(raw, close) {
        return None;
    }
    let mut open = None;
    let mut k = 0;
    while k < close {
        match b[k] {
            b'\\' => k += 1,
            b'<' if !spaced => {
                open = Some(k);
                break;
            }
            b'<' => open = Some(k),
            b'>' if spaced => open = None,
            _ => {}
        }
        k += 1;
    }
    let open = open?;
    let target = &raw[open + 1..close];
    let before = &raw[..open];
    if target.is_empty()
        || target.starts_with(char::is_whitespace)
        || (spaced && target.ends_with(char::is_whitespace))
        || (spaced && !before.is_empty() && !before.ends_with(char::is_whitespace))
        || (!spaced && before.is_empty())
    {
        return None;
    }
    Some((before.trim_end(), target))
}

/// What a phrase reference reads: its text (escapes resolved) and the URL it links to,
/// if it embeds one (an embedded alias `name_` is not a URL: the text, else the name).
fn phrase(raw: &str) -> (Cow<'_, str>, Option<String>) {
    let Some((text, target)) = embedded(raw, true) else {
        return (unescape(raw), None);
    };
    if target.ends_with('_') && !escaped(target, target.len() - 1) {
        let name = if text.is_empty() {
            &target[..target.len() - 1]
        } else {
            text
        };
        return (unescape(name), None);
    }
    let resolved = unescape(target);
    let mut url = String::with_capacity(resolved.len());
    for part in resolved.split_whitespace() {
        url.push_str(part);
    }
    let text = if text.is_empty() {
        Cow::Owned(url.clone())
    } else {
        unescape(text)
    };
    (text, Some(url))
}

/// `text (url)`, or `url` alone when the text is the URL.
fn text_and_url(out: &mut String, text: &str, url: &str) {
    out.push_str(text);
    if text != url {
        out.push_str(" (");
        out.push_str(url);
        out.push(')');
    }
}

/// The label a directive marker reads as: `Note:` for `note`.
fn directive_label(name: &str) -> Cow<'_, str> {
    const KNOWN: [(&str, &str); 10] = [
        ("attention", "Attention:"),
        ("caution", "Caution:"),
        ("danger", "Danger:"),
        ("error", "Error:"),
        ("hint", "Hint:"),
        ("important", "Important:"),
        ("note", "Note:"),
        ("tip", "Tip:"),
        ("warning", "Warning:"),
        ("seealso", "See also:"),
    ];
    for (n, label) in KNOWN {
        if n.eq_ignore_ascii_case(name) {
            return Cow::Borrowed(label);
        }
    }
    let mut out = String::with_capacity(name.len() + 1);
    let mut first = true;
    for c in name.chars() {
        if first {
            out.extend(c.to_uppercase());
            first = false;
        } else {
            out.push(c);
        }
    }
    out.push(':');
    Cow::Owned(out)
}

/// [`plain`]'s renderer: text between nodes as written.
struct Plain<'a> {
    src: &'a str,
    out: String,
    /// The end of the last node: the text after it is not written yet.
    at: usize,
}

impl<'a> Render<'a> for Plain<'a> {
    fn node(&mut self, start: usize, end: usize, node: Node<'a>) {
        let out = &mut self.out;
        if out.capacity() == 0 {
            out.reserve(self.src.len());
        }
        out.push_str(&self.src[self.at..start]);
        match node {
            Node::Escaped(c) => out.push_str(c),
            Node::Strong(t) | Node::Emphasis(t) | Node::Name(t) => unescape_into(out, t),
            Node::Literal(t) => out.push_str(t),
            Node::Interpreted(role, t) => match role_kind(role) {
                RoleKind::Text => unescape_into(out, role_text(t)),
                RoleKind::Raw => out.push_str(t),
                RoleKind::Formatted => unescape_into(out, t),
            },
            Node::Phrase(t) => match phrase(t) {
                (text, None) => out.push_str(&text),
                (text, Some(url)) => text_and_url(out, &text, &url),
            },
            Node::Directive(name) => out.push_str(&directive_label(name)),
            Node::Marker => {}
        }
        self.at = end;
    }
}
