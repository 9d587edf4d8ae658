//! CSV (RFC 4180) into records whose fields know their position in the file.
//!
//! Written here rather than taken from a crate so that every field carries its own
//! `line:column` for error messages, and so that malformed quoting is reported rather than
//! silently repaired.

use crate::ctxt::Ctxt;
use crate::limits::{MAX_CELL, MAX_ROWS};
use std::borrow::Cow;

/// A position in the file: its line, and the text of that line before it (so that the
/// column, counted in characters, is only computed for the few positions that are reported).
#[derive(Debug, PartialEq, Clone, Copy)]
pub(crate) struct Pos<'a> {
    pub line: usize,
    before: &'a str,
}

impl Pos<'_> {
    /// The 1-based column, in characters.
    pub fn col(&self) -> usize {
        self.before.chars().count() + 1
    }
}

/// One cell: its text (quotes removed, `""` unescaped), where it starts and where it ends
/// (the position just after it).
#[derive(Debug, PartialEq)]
pub(crate) struct Field<'a> {
    pub text: Cow<'a, str>,
    pub start: Pos<'a>,
    pub end: Pos<'a>,
}

/// One record (a line, or more when a quoted cell spans lines).
#[derive(Debug, PartialEq)]
pub(crate) struct Record<'a> {
    pub line: usize,
    pub fields: Vec<Field<'a>>,
}

/// The scanner's state. The loops index bytes directly: the macro usually runs without
/// optimisation (cargo's default for proc macros), where every helper call costs.
struct Cursor<'a> {
    text: &'a str,
    i: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Cursor<'a> {
    fn pos(&self, at: usize) -> Pos<'a> {
        Pos {
            line: self.line,
            before: &self.text[self.line_start..at],
        }
    }
    /// Advances to the end of the cell: end of input, `,`, `\n` or `\r\n`.
    fn skip_to_cell_end(&mut self) {
        let b = self.text.as_bytes();
        let mut i = self.i;
        while i < b.len() {
            let x = b[i];
            if x == b',' || x == b'\n' || (x == b'\r' && i + 1 < b.len() && b[i + 1] == b'\n') {
                break;
            }
            i += 1;
        }
        self.i = i;
    }
    /// Consumes a line ending at the cursor, if any.
    fn eol(&mut self) -> bool {
        let b = self.text.as_bytes();
        let n = if b[self.i..].starts_with(b"\n") {
            1
        } else if b[self.i..].starts_with(b"\r\n") {
            2
        } else {
            return false;
        };
        self.i += n;
        self.line += 1;
        self.line_start = self.i;
        true
    }
}

/// Splits `text` into records. Blank lines are skipped. Syntax errors go to `cx`; parsing
/// stops at an unterminated quote (everything after it would be misread).
pub(crate) fn records<'a>(text: &'a str, cx: &mut Ctxt) -> Vec<Record<'a>> {
    let mut c = Cursor {
        text,
        i: 0,
        line: 1,
        line_start: 0,
    };
    let len = text.len();
    let mut out = Vec::new();
    while c.i < len {
        if c.eol() {
            continue;
        }
        if out.len() > MAX_ROWS {
            cx.error_at(
                c.line,
                1,
                format_args!("the catalog has more than {MAX_ROWS} rows (the limit)"),
            );
            break;
        }
        let mut rec = Record {
            line: c.line,
            fields: Vec::new(),
        };
        loop {
            let start = c.pos(c.i);
            let cell = if text.as_bytes().get(c.i) == Some(&b'"') {
                match quoted(&mut c, cx) {
                    Some(t) => t,
                    // The rest of the file is unreadable; the half-read row is not checked
                    // (it would only add a misleading field-count error).
                    None => return out,
                }
            } else {
                let from = c.i;
                c.skip_to_cell_end();
                Cow::Borrowed(&text[from..c.i])
            };
            if cell.len() > MAX_CELL {
                cx.error_at(
                    start.line,
                    start.col(),
                    format_args!(
                        "a cell of {} bytes; the limit is {MAX_CELL} bytes",
                        cell.len()
                    ),
                );
            }
            let end = c.pos(c.i);
            rec.fields.push(Field {
                text: cell,
                start,
                end,
            });
            if text.as_bytes().get(c.i) == Some(&b',') {
                c.i += 1;
                continue;
            }
            if c.i < len {
                c.eol();
            }
            break;
        }
        out.push(rec);
    }
    out
}

/// A quoted cell starting at the cursor's `"`. `None` when the quote is never closed.
fn quoted<'a>(c: &mut Cursor<'a>, cx: &mut Ctxt) -> Option<Cow<'a, str>> {
    let open = c.pos(c.i);
    let text = c.text;
    c.i += 1;
    let mut owned: Option<String> = None;
    let mut seg = c.i;
    loop {
        // Jump to the next quote (a `memchr` search), counting the lines on the way.
        let Some(q) = text[c.i..].find('"') else {
            cx.error_at(
                open.line,
                open.col(),
                "this quoted cell is never closed (a `\"` inside a quoted cell is written `\"\"`)",
            );
            return None;
        };
        let skipped = &text[c.i..c.i + q];
        if let Some(last) = skipped.rfind('\n') {
            c.line += skipped.matches('\n').count();
            c.line_start = c.i + last + 1;
        }
        c.i += q;
        if text.as_bytes().get(c.i + 1) == Some(&b'"') {
            owned
                .get_or_insert_with(String::new)
                .push_str(&text[seg..=c.i]);
            c.i += 2;
            seg = c.i;
        } else {
            break;
        }
    }
    let cell = match owned {
        Some(mut s) => {
            s.push_str(&text[seg..c.i]);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(&text[seg..c.i]),
    };
    c.i += 1; // the closing quote
    let at = c.i;
    c.skip_to_cell_end();
    if at < c.i {
        let p = c.pos(at);
        cx.error_at(
            p.line,
            p.col(),
            format_args!(
                "unexpected `{}` after the closing quote of a cell (a `\"` inside a quoted cell is written `\"\"`)",
                &text[at..c.i]
            ),
        );
    }
    Some(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> (Vec<Vec<String>>, Vec<String>) {
        let mut cx = Ctxt::new("t.csv");
        let r = records(s, &mut cx);
        let v = r
            .into_iter()
            .map(|r| r.fields.into_iter().map(|f| f.text.into_owned()).collect())
            .collect();
        (v, cx.into_messages())
    }

    #[test]
    fn plain_quoted_and_escaped() {
        let (v, e) = parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(v, vec![vec!["a", "b"], vec!["x, y", "say \"hi\""]]);
    }

    #[test]
    fn crlf_blank_lines_and_missing_final_newline() {
        let (v, e) = parse("a,b\r\n\r\n\n1,2\r\n3,\"\"");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(v, vec![vec!["a", "b"], vec!["1", "2"], vec!["3", ""]]);
    }

    #[test]
    fn multiline_cell_keeps_newline_and_counts_lines() {
        let mut cx = Ctxt::new("t.csv");
        let r = records("a,b\n\"1\n2\",x\ny,z\n", &mut cx);
        assert_eq!(r[1].fields[0].text, "1\n2");
        assert_eq!(r[2].line, 4);
        assert_eq!(
            (r[1].fields[1].start.line, r[1].fields[1].start.col()),
            (3, 4)
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let mut cx = Ctxt::new("t.csv");
        let r = records("é,ü,x", &mut cx);
        assert_eq!(r[0].fields[2].start.col(), 5);
    }

    #[test]
    fn trailing_comma_is_an_empty_field() {
        let (v, _) = parse("a,b,\n");
        assert_eq!(v, vec![vec!["a", "b", ""]]);
    }

    #[test]
    fn stray_quote_in_unquoted_cell_is_text() {
        let (v, e) = parse("a\"b,c\n");
        assert!(e.is_empty());
        assert_eq!(v, vec![vec!["a\"b", "c"]]);
    }

    #[test]
    fn unterminated_quote_is_reported_at_the_quote() {
        let (_, e) = parse("a,b\n1,\"oops\n2,3\n");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("t.csv:2:3: this quoted cell is never closed"),
            "{e:?}"
        );
    }

    #[test]
    fn text_after_closing_quote_is_reported() {
        let (v, e) = parse("\"ab\"cd,x\n");
        assert_eq!(v[0][0], "ab");
        assert!(
            e[0].starts_with("t.csv:1:5: unexpected `cd` after the closing quote"),
            "{e:?}"
        );
    }

    #[test]
    fn oversized_cell_is_reported() {
        let big = "x".repeat(MAX_CELL + 1);
        let (_, e) = parse(&format!("a,{big}\n"));
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("the limit is"), "{e:?}");
    }
}
