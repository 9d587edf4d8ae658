//! The inline markup parser: reads a cell's text left to right and tells a renderer
//! ([`Render`]) every construct it recognises ([`Node`]), by docutils' recognition rules
//! (the [module documentation](super) lists them).

use super::chars::{
    char_at, char_before, ends_before, escapable, escaped, matching, simplename_end, starts_after,
    MAX_NAME, PARSE,
};

// The parser.

/// One piece of inline markup; text between pieces is text as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Node<'a> {
    /// A backslash escape: the character it stands for (`""` for escaped white space).
    Escaped(&'a str),
    /// `**text**`: the text as written (escapes unresolved), as for the others below.
    Strong(&'a str),
    /// `*text*`.
    Emphasis(&'a str),
    /// ``` ``text`` ```: the text, taken literally.
    Literal(&'a str),
    /// Interpreted text: its role (`""`: the default role) and its text.
    Interpreted(&'a str, &'a str),
    /// A phrase reference, `` `text`_ `` or `` `text <target>`__ ``: what is between the
    /// backquotes.
    Phrase(&'a str),
    /// Text that stands for itself once its markers are gone: a simple reference name, a
    /// substitution reference, an inline target, a footnote or citation label (brackets
    /// included).
    Name(&'a str),
    /// A directive marker `.. name::`: the name.
    Directive(&'a str),
    /// The `.. ` of other explicit markup: dropped.
    Marker,
}

/// What the parser tells: a node over `start..end` of the text (which text between nodes
/// is, the renderer knows from the positions).
pub(super) trait Render<'a> {
    fn node(&mut self, start: usize, end: usize, node: Node<'a>);
}

/// The end-strings searched for, an index into [`Parser::no_end`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Strong,
    Emphasis,
    Literal,
    Target,
    Interpreted,
    Substitution,
}

/// What follows the end backquote of interpreted text.
#[derive(Debug, Clone, Copy, Default)]
struct Suffix<'a> {
    /// A role given after the text, `` `text`:role: ``.
    role: Option<&'a str>,
    /// `_` or `__`: a reference.
    reference: bool,
}

struct Parser<'a> {
    s: &'a str,
    /// The end of the last node: a name cannot reach back past it.
    gap: usize,
    /// Where docutils goes on after a construct or a start-string: it counts as the start
    /// of the text for the recognition rules.
    fresh: usize,
    /// The end of the standalone URI being read: in it, only escapes are markup.
    uri_end: usize,
    /// Per end-string: the first position from which it was searched for and not found
    /// (so that no search is repeated over the same text: no quadratic cells).
    no_end: [usize; 6],
}

/// Reads `s`, telling `r` every node, left to right.
pub(super) fn parse<'a, R: Render<'a>>(s: &'a str, r: &mut R) {
    let mut p = Parser {
        s,
        gap: 0,
        fresh: 0,
        uri_end: 0,
        no_end: [usize::MAX; 6],
    };
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !PARSE[b[i] as usize] || (i < p.uri_end && b[i] != b'\\') {
            i += 1;
            continue;
        }
        i = match b[i] {
            b'\\' => p.escape(i, r),
            b'*' => p.star(i, r),
            b'`' => p.backquote(i, None, r),
            b':' => p.role(i, r),
            b'|' => p.substitution(i, r),
            b'_' => p.underscore(i, r),
            b'.' => p.explicit(i, r),
            _ => i + 1,
        };
    }
}

/// Whether a start-string of `len` bytes at `i` starts markup.
enum Start {
    /// No: not after white space or punctuation, or white space after it.
    No,
    /// No, as it is quoted (`"*"`); docutils goes on after it.
    Quoted,
    /// Yes.
    Yes,
}

impl<'a> Parser<'a> {
    /// Records a node over `start..end`; returns `end`.
    fn emit<R: Render<'a>>(
        &mut self,
        r: &mut R,
        start: usize,
        end: usize,
        node: Node<'a>,
    ) -> usize {
        r.node(start, end, node);
        self.gap = end;
        self.fresh = end;
        end
    }

    /// Whether markup may start at `i`: at the start of the text, or after white space or
    /// opening or delimiting punctuation.
    fn after_ok(&self, i: usize) -> bool {
        i == self.fresh || char_before(self.s, i).is_none_or(starts_after)
    }

    /// Whether markup may end at `j` (the byte after an end-string).
    fn before_ok(&self, j: usize) -> bool {
        char_at(self.s, j).is_none_or(ends_before)
    }

    /// Whether the start-string `i..i + len` starts markup; `quotable`: whether a matching
    /// pair around it (`"*"`) cancels it.
    fn start(&self, i: usize, len: usize, quotable: bool) -> Start {
        if !self.after_ok(i) {
            return Start::No;
        }
        let next = char_at(self.s, i + len);
        if next.is_some_and(char::is_whitespace) {
            return Start::No;
        }
        if quotable && i != self.fresh {
            match (char_before(self.s, i), next) {
                (_, None) => return Start::Quoted,
                (Some(a), Some(b)) if matching(a, b) => return Start::Quoted,
                _ => {}
            }
        }
        Start::Yes
    }

    /// `\` at `i`: an escape node for punctuation and white space (nothing for a space or a
    /// line break); otherwise the backslash stays and the character after it starts nothing.
    fn escape<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let s = self.s;
        let Some(c) = char_at(s, i + 1) else {
            return i + 1;
        };
        let end = i + 1 + c.len_utf8();
        if matches!(c, ' ' | '\n' | '\r') {
            r.node(i, end, Node::Escaped(""));
        } else if escapable(c) || c.is_whitespace() {
            r.node(i, end, Node::Escaped(&s[i + 1..end]));
        } else {
            return end;
        }
        self.gap = end;
        end
    }

    /// `*` at `i`: strong or emphasis.
    fn star<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let (len, end) = match self.s.as_bytes().get(i + 1) {
            Some(b'*') => (2, End::Strong),
            _ => (1, End::Emphasis),
        };
        self.inline(i, len, end, r)
    }

    /// `|` at `i`: a substitution reference.
    fn substitution<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        if self.s.as_bytes().get(i + 1) == Some(&b'|') {
            return i + 2;
        }
        self.inline(i, 1, End::Substitution, r)
    }

    /// The start-string `i..i + len` of an inline object ending with `end`: the object, or
    /// the position after the start-string.
    fn inline<R: Render<'a>>(&mut self, i: usize, len: usize, end: End, r: &mut R) -> usize {
        let from = i + len;
        match self.start(i, len, true) {
            Start::No => return from,
            Start::Quoted => {
                self.fresh = from;
                return from;
            }
            Start::Yes => {}
        }
        match self.find_end(from, end) {
            Some((j, e, _)) if j > from => {
                let text = &self.s[from..j];
                let node = match end {
                    End::Strong => Node::Strong(text),
                    End::Emphasis => Node::Emphasis(text),
                    End::Literal => Node::Literal(text),
                    _ => Node::Name(text),
                };
                self.emit(r, i, e, node)
            }
            _ => {
                self.fresh = from;
                from
            }
        }
    }

    /// `` ` `` at `i`: a literal, or interpreted text or a phrase reference (`role`: the
    /// start of its `:role:` prefix, and the role).
    fn backquote<R: Render<'a>>(
        &mut self,
        i: usize,
        role: Option<(usize, &'a str)>,
        r: &mut R,
    ) -> usize {
        let s = self.s;
        if s.as_bytes().get(i + 1) == Some(&b'`') {
            return self.inline(i, 2, End::Literal, r);
        }
        let from = i + 1;
        let start = match role {
            // The role was checked by `role`: markup may start before it.
            Some((at, _)) => {
                if char_at(s, from).is_none_or(char::is_whitespace) {
                    return from;
                }
                at
            }
            None => match self.start(i, 1, true) {
                Start::No => return from,
                Start::Quoted => {
                    self.fresh = from;
                    return from;
                }
                Start::Yes => i,
            },
        };
        match self.find_end(from, End::Interpreted) {
            Some((j, e, suffix)) if j > from => {
                let text = &s[from..j];
                match (role, suffix.role, suffix.reference) {
                    (None, None, true) => self.emit(r, start, e, Node::Phrase(text)),
                    (None, None, false) => self.emit(r, start, e, Node::Interpreted("", text)),
                    (Some((_, name)), None, false) | (None, Some(name), false) => {
                        self.emit(r, start, e, Node::Interpreted(name, text))
                    }
                    // Two roles, or a role and a reference: an error in RST; as written.
                    _ => {
                        self.fresh = e;
                        e
                    }
                }
            }
            _ => {
                self.fresh = from;
                from
            }
        }
    }

    /// `:` at `i`: the role prefix of interpreted text, `` :role:`text` ``.
    fn role<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let s = self.s;
        let b = s.as_bytes();
        if b.get(i + 1) == Some(&b'/') && b.get(i + 2) == Some(&b'/') {
            return self.uri(i);
        }
        if !self.after_ok(i) {
            return i + 1;
        }
        let Some(k) = simplename_end(s, i + 1) else {
            return i + 1;
        };
        if b.get(k) == Some(&b':') && b.get(k + 1) == Some(&b'`') && b.get(k + 2) != Some(&b'`') {
            return self.backquote(k + 1, Some((i, &s[i + 1..k])), r);
        }
        i + 1
    }

    /// `://` at `i`: after a scheme, a standalone URI up to white space, `<`, `>`, `"` or a
    /// backquote, in which only escapes are read (docutils would read `a_b_/` in
    /// `https://e.example/a_b_/c` as a reference).
    fn uri(&mut self, i: usize) -> usize {
        let b = self.s.as_bytes();
        let mut k = i;
        while k > 0 && (b[k - 1].is_ascii_alphanumeric() || matches!(b[k - 1], b'+' | b'-' | b'.'))
        {
            k -= 1;
        }
        if k == i || !b[k].is_ascii_alphabetic() || (k > 0 && b[k - 1] >= 0x80) {
            return i + 1;
        }
        let mut end = i + 3;
        while end < b.len()
            && !b[end].is_ascii_whitespace()
            && !matches!(b[end], b'<' | b'>' | b'"' | b'`')
        {
            end += 1;
        }
        self.uri_end = end;
        i + 3
    }

    /// `_` at `i`: an inline target `` _`text` ``, or the end of a simple reference
    /// `name_`, `name__` or a footnote or citation reference `[label]_`.
    fn underscore<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let s = self.s;
        let b = s.as_bytes();
        if b.get(i + 1) == Some(&b'`') {
            return self.inline(i, 2, End::Target, r);
        }
        let Some(prev) = char_before(s, i) else {
            return i + 1;
        };
        // Docutils finds a whole construct at its start, before anything inside it: only the
        // last node bounds it.
        let lo = self.gap;
        if prev == ']' && self.before_ok(i + 1) {
            if let Some(open) = self.footnote_start(i - 1, lo) {
                return self.emit(r, open, i + 1, Node::Name(&s[open..i]));
            }
            return i + 1;
        }
        if !prev.is_alphanumeric() {
            return i + 1;
        }
        let len = if b.get(i + 1) == Some(&b'_') && self.before_ok(i + 2) {
            2
        } else if self.before_ok(i + 1) {
            1
        } else {
            return i + 1;
        };
        match self.name_start(i, lo) {
            Some(start) => self.emit(r, start, i + len, Node::Name(&s[start..i])),
            None => i + 1,
        }
    }

    /// The leftmost start of a simple name that ends at `end`, not before `lo`, where markup
    /// may start.
    fn name_start(&self, end: usize, lo: usize) -> Option<usize> {
        let s = self.s;
        let b = s.as_bytes();
        let lo = lo.max(end.saturating_sub(MAX_NAME));
        let (mut p, mut best) = (end, None);
        loop {
            let run_end = p;
            while p > lo {
                match char_before(s, p) {
                    Some(c) if c.is_alphanumeric() => p -= c.len_utf8(),
                    _ => break,
                }
            }
            if p == run_end {
                break;
            }
            if self.after_ok(p) {
                best = Some(p);
            }
            if p > lo + 1
                && matches!(b[p - 1], b'-' | b'.' | b'_' | b'+' | b':')
                && char_before(s, p - 1).is_some_and(char::is_alphanumeric)
            {
                p -= 1;
            } else {
                break;
            }
        }
        best
    }

    /// The `[` of a footnote or citation label that ends with the `]` at `close`.
    fn footnote_start(&self, close: usize, lo: usize) -> Option<usize> {
        let s = self.s;
        let b = s.as_bytes();
        let mut open = close;
        while open > lo && close - open < MAX_NAME {
            open -= 1;
            if b[open] == b'[' {
                let label = &s[open + 1..close];
                let ok = match label.as_bytes() {
                    [] => false,
                    [b'#'] | [b'*'] => true,
                    [b'#', ..] => simplename_end(label, 1) == Some(label.len()),
                    l if l.iter().all(u8::is_ascii_digit) => true,
                    _ => simplename_end(label, 0) == Some(label.len()),
                };
                return (ok && self.after_ok(open)).then_some(open);
            }
        }
        None
    }

    /// `.` at `i`: `.. ` at the start of the text or after white space begins explicit
    /// markup: a directive marker `.. name::`, or another marker (a comment).
    fn explicit<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let s = self.s;
        let b = s.as_bytes();
        if b.get(i + 1) != Some(&b'.')
            || b.get(i + 2) != Some(&b' ')
            || char_before(s, i).is_some_and(|c| !c.is_whitespace())
        {
            return i + 1;
        }
        let mut k = i + 3;
        while b.get(k) == Some(&b' ') {
            k += 1;
        }
        if char_at(s, k).is_none_or(char::is_whitespace) {
            return i + 2;
        }
        let mut m = k;
        while m < b.len()
            && (b[m].is_ascii_alphanumeric() || matches!(b[m], b'-' | b'_' | b'+' | b'.' | b':'))
        {
            m += 1;
        }
        let word = &s[k..m];
        if let Some(name) = word.strip_suffix("::") {
            if name
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_alphanumeric)
                && !name.ends_with(':')
                && char_at(s, m).is_none_or(char::is_whitespace)
            {
                return self.emit(r, i, m, Node::Directive(name));
            }
        }
        self.emit(r, i, k, Node::Marker)
    }

    /// The first end-string `end` at or after `from`: its start, the end of the markup
    /// (suffixes included) and, for interpreted text, what follows it.
    fn find_end(&mut self, from: usize, end: End) -> Option<(usize, usize, Suffix<'a>)> {
        let k = end as usize;
        if from >= self.no_end[k] {
            return None;
        }
        let b = self.s.as_bytes();
        let (byte, escapes) = match end {
            End::Strong | End::Emphasis => (b'*', true),
            End::Literal => (b'`', false),
            End::Target | End::Interpreted => (b'`', true),
            End::Substitution => (b'|', true),
        };
        let mut j = from;
        while j < b.len() {
            let c = b[j];
            if escapes && c == b'\\' {
                j += 2;
                continue;
            }
            if c == byte {
                if let Some(hit) = self.end_at(j, end) {
                    return Some(hit);
                }
            }
            j += 1;
        }
        self.no_end[k] = from;
        None
    }

    /// Whether the end-string `end` is at `j` (its first byte there, not escaped).
    fn end_at(&self, j: usize, end: End) -> Option<(usize, usize, Suffix<'a>)> {
        let s = self.s;
        let b = s.as_bytes();
        let prev = char_before(s, j)?;
        if prev.is_whitespace() && (end != End::Interpreted || !escaped(s, j - prev.len_utf8())) {
            return None;
        }
        let plain = |e: usize| self.before_ok(e).then_some((j, e, Suffix::default()));
        match end {
            End::Strong => (b.get(j + 1) == Some(&b'*')).then_some(())?,
            End::Literal => (b.get(j + 1) == Some(&b'`')).then_some(())?,
            End::Emphasis | End::Target => return plain(j + 1),
            End::Substitution => {
                let after = j + 1;
                let mut n = 0;
                while n < 2 && b.get(after + n) == Some(&b'_') {
                    n += 1;
                }
                return (0..=n).rev().find_map(|u| plain(after + u));
            }
            End::Interpreted => return self.interpreted_end(j),
        }
        plain(j + 2)
    }

    /// The end backquote of interpreted text at `j`, with an optional `:role:` and `_` or
    /// `__` after it, tried in the order of docutils' pattern.
    fn interpreted_end(&self, j: usize) -> Option<(usize, usize, Suffix<'a>)> {
        let s = self.s;
        let b = s.as_bytes();
        let after = j + 1;
        let role = match b.get(after) {
            Some(b':') => simplename_end(s, after + 1)
                .filter(|&m| b.get(m) == Some(&b':'))
                .map(|m| (&s[after + 1..m], m + 1)),
            _ => None,
        };
        let refs = |at: usize, role: Option<&'a str>| {
            let mut n = 0;
            while n < 2 && b.get(at + n) == Some(&b'_') {
                n += 1;
            }
            (0..=n).rev().find_map(|u| {
                self.before_ok(at + u).then_some((
                    j,
                    at + u,
                    Suffix {
                        role,
                        reference: u > 0,
                    },
                ))
            })
        };
        role.and_then(|(name, at)| refs(at, Some(name)))
            .or_else(|| refs(after, None))
    }
}
