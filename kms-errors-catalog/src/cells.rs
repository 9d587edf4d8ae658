//! One record to its checked cells, by the header's layout: the status, the code, the texts,
//! the kind, the link and the aliases, each checked by its rule ([`crate::status`],
//! [`crate::kind`], [`crate::url`], [`crate::alias`]).

use crate::alias::split_aliases;
use crate::csv::{Pos, Record};
use crate::ctxt::Ctxt;
use crate::header::{header_columns, header_names, Column};
use crate::status::statuses;
use crate::url::check_url;
use crate::ErrorKind;
use std::borrow::Cow;
use std::mem::take;

/// Where each column is in the records.
pub(crate) struct Layout {
    width: usize,
    status: usize,
    code: usize,
    /// Message, description, measure.
    text: [Option<usize>; 3],
    kind: Option<usize>,
    suggested: Option<usize>,
    url: Option<usize>,
    alias: Option<usize>,
}

/// A row's cells, read and checked.
pub(crate) struct Cells<'a> {
    pub(crate) statuses: Vec<u16>,
    pub(crate) code: Cow<'a, str>,
    pub(crate) code_pos: Pos<'a>,
    /// Message, description, measure.
    pub(crate) text: [Cow<'a, str>; 3],
    pub(crate) kind: Option<ErrorKind>,
    pub(crate) throttled: bool,
    /// Why a tool suggested the kind; empty: filled or reviewed by hand.
    pub(crate) suggested: Cow<'a, str>,
    pub(crate) url: Cow<'a, str>,
    /// The code's other spellings, and the cell's position.
    pub(crate) aliases: (Vec<Cow<'a, str>>, Pos<'a>),
}

impl Layout {
    /// The layout the header gives, if it has the required columns (problems are reported).
    pub(crate) fn of(header: &Record, cx: &mut Ctxt) -> Option<Layout> {
        let columns = header_columns(header, cx);
        let find = |c: Column| columns.iter().position(|&x| x == Some(c));
        Some(Layout {
            width: columns.len(),
            status: find(Column::Status)?,
            code: find(Column::Code)?,
            text: [
                find(Column::Message),
                find(Column::Description),
                find(Column::Measure),
            ],
            kind: find(Column::Kind),
            suggested: find(Column::Suggested),
            url: find(Column::Url),
            alias: find(Column::Alias),
        })
    }

    /// The checked cells of `rec`; `None` (reported) when a cell breaks a rule.
    pub(crate) fn cells<'a>(
        &self,
        rec: Record<'a>,
        header: &Record,
        cx: &mut Ctxt,
    ) -> Option<Cells<'a>> {
        if rec.fields.len() != self.width {
            // Too many: point at the first extra cell. Too few: at the end of the row.
            let (line, col) = match rec.fields.get(self.width) {
                Some(extra) => (extra.start.line, extra.start.col()),
                None => rec
                    .fields
                    .last()
                    .map_or((rec.line, 1), |f| (f.end.line, f.end.col())),
            };
            cx.error_at(
                line,
                col,
                format_args!(
                    "this row has {} field(s) but the header has {} (`{}`)",
                    rec.fields.len(),
                    self.width,
                    header_names(header)
                ),
            );
            return None;
        }
        let mut fields = rec.fields;
        let (kind, throttled) = match self.kind.map(|i| &fields[i]) {
            Some(f) if !f.text.trim().is_empty() => match crate::kind::from_name(&f.text) {
                Ok((k, throttled)) => (Some(k), throttled),
                Err(why) => {
                    let at = f.start;
                    cx.error_at(at.line, at.col(), format_args!("column `kind`: {why}"));
                    return None;
                }
            },
            _ => (None, false),
        };
        let status_pos = fields[self.status].start;
        let statuses = statuses(&fields[self.status].text).map_err(|why| {
            let at = status_pos;
            cx.error_at(at.line, at.col(), format_args!("column `status`: {why}"));
        });
        let code_pos = fields[self.code].start;
        let code = trim_cow(take(&mut fields[self.code].text));
        if code.is_empty() {
            let at = code_pos;
            cx.error_at(at.line, at.col(), "column `code`: the code is empty");
            return None;
        }
        let url = match self.url {
            Some(i) => {
                let cell = trim_cow(take(&mut fields[i].text));
                if let Err(why) = check_url(&cell) {
                    let at = fields[i].start;
                    cx.error_at(at.line, at.col(), format_args!("column `url`: {why}"));
                    return None;
                }
                cell
            }
            None => Cow::Borrowed(""),
        };
        let suggested = match self.suggested {
            Some(i) => {
                let cell = trim_cow(take(&mut fields[i].text));
                if !cell.is_empty() && kind.is_none() {
                    let at = fields[i].start;
                    cx.error_at(
                        at.line,
                        at.col(),
                        format_args!(
                            "column `suggested`: `{cell}` says why a kind was suggested, but the row has no kind (fill the `kind` cell, or empty this one)"
                        ),
                    );
                    return None;
                }
                cell
            }
            None => Cow::Borrowed(""),
        };
        let aliases = match self.alias {
            Some(i) => (split_aliases(take(&mut fields[i].text)), fields[i].start),
            None => (Vec::new(), code_pos),
        };
        let statuses = statuses.ok()?;
        let mut text =
            |i: Option<usize>| i.map_or(Cow::Borrowed(""), |i| take(&mut fields[i].text));
        Some(Cells {
            statuses,
            code,
            code_pos,
            text: [text(self.text[0]), text(self.text[1]), text(self.text[2])],
            kind,
            throttled,
            suggested,
            url,
            aliases,
        })
    }
}

fn trim_cow(c: Cow<'_, str>) -> Cow<'_, str> {
    match c {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
}
