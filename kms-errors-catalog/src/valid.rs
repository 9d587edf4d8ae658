//! The catalog rules: from CSV records to a checked, typed catalog.
//!
//! Every problem is reported to the [`Ctxt`]; the returned catalog holds what is valid, so
//! that a catalog with errors still expands to the codes it does define (the macro's
//! fallback).

use crate::csv::{Pos, Record};
use crate::ctxt::Ctxt;
use crate::fx::StrMap;
use crate::header::{column_of, Column};
use crate::kind::ErrorKind;
use crate::limits::MAX_CODES;
use crate::naming::variant_name;
use crate::status::statuses;
use std::borrow::Cow;
use std::mem::take;

/// A checked catalog.
#[derive(Debug, Clone)]
pub struct Catalog<'a> {
    /// The file as the user named it.
    pub name: String,
    /// Distinct codes, in order of first appearance.
    pub codes: Vec<Code<'a>>,
}

/// One distinct code and all of its rows.
#[derive(Debug, Clone)]
pub struct Code<'a> {
    /// The code as written (surrounding white space removed).
    pub code: Cow<'a, str>,
    /// Its variant name ([`variant_name`]).
    pub ident: String,
    /// Its first line in the file.
    pub line: usize,
    /// Its rows, in file order.
    pub rows: Vec<Row<'a>>,
}

/// One (status, code) row, after splitting `400/404` cells and merging exact duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The message, as written (`""` if none).
    pub message: Cow<'a, str>,
    /// The description, as written (`""` if none).
    pub description: Cow<'a, str>,
    /// The measure, as written (`""` if none).
    pub measure: Cow<'a, str>,
    /// The row's `kind`; `None`: none given (derived from the status at run time).
    pub kind: Option<ErrorKind>,
    /// The row's documentation link ([`check_url`]); `""` if none.
    pub url: Cow<'a, str>,
    /// The line of the row in the file.
    pub line: usize,
}

impl Row<'_> {
    fn same_content(&self, other: &Row) -> bool {
        self.status == other.status
            && self.message == other.message
            && self.description == other.description
            && self.measure == other.measure
            && self.kind == other.kind
            && self.url == other.url
    }
}

impl Catalog<'_> {
    /// Number of (status, code) rows.
    pub fn row_count(&self) -> usize {
        self.codes.iter().map(|c| c.rows.len()).sum()
    }
}

/// Applies the catalog rules to `records`.
pub fn catalog<'a>(name: &str, records: Vec<Record<'a>>, cx: &mut Ctxt) -> Catalog<'a> {
    let mut b = Builder {
        cat: Catalog {
            name: name.to_owned(),
            codes: Vec::new(),
        },
        by_code: StrMap::with_capacity(records.len()),
        by_ident: StrMap::with_capacity(records.len()),
    };
    let syntax_errors = cx.count();
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        cx.file_error("the catalog is empty: expected a header line such as `status,code,message,description,measure`");
        return b.cat;
    };
    let Some(layout) = Layout::of(&header, cx) else {
        return b.cat;
    };
    let mut any_row = false;
    for rec in records {
        any_row = true;
        let line = rec.line;
        let Some(cells) = layout.cells(rec, &header, cx) else {
            continue;
        };
        match b.code_index(&cells, line, cx) {
            Ok(index) => b.add_rows(index, cells, line),
            Err(Stop::Row) => continue,
            Err(Stop::Catalog) => break,
        }
    }
    // After a syntax error the rows may be missing because they could not be read.
    if !any_row && syntax_errors == 0 {
        cx.error_at(header.line, 1, "the catalog has a header but no rows");
    }
    b.cat
}

/// Where each column is in the records.
struct Layout {
    width: usize,
    status: usize,
    code: usize,
    /// Message, description, measure.
    text: [Option<usize>; 3],
    kind: Option<usize>,
    url: Option<usize>,
}

/// A row's cells, read and checked.
struct Cells<'a> {
    statuses: Vec<u16>,
    code: Cow<'a, str>,
    code_pos: Pos<'a>,
    /// Message, description, measure.
    text: [Cow<'a, str>; 3],
    kind: Option<ErrorKind>,
    url: Cow<'a, str>,
}

impl Layout {
    /// The layout the header gives, if it has the required columns (problems are reported).
    fn of(header: &Record, cx: &mut Ctxt) -> Option<Layout> {
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
            url: find(Column::Url),
        })
    }

    /// The checked cells of `rec`; `None` (reported) when a cell breaks a rule.
    fn cells<'a>(&self, rec: Record<'a>, header: &Record, cx: &mut Ctxt) -> Option<Cells<'a>> {
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
        let kind = match self.kind.map(|i| &fields[i]) {
            Some(f) if !f.text.trim().is_empty() => match ErrorKind::from_name(&f.text) {
                Ok(k) => Some(k),
                Err(why) => {
                    let at = f.start;
                    cx.error_at(at.line, at.col(), format_args!("column `kind`: {why}"));
                    return None;
                }
            },
            _ => None,
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
        let statuses = statuses.ok()?;
        let mut text =
            |i: Option<usize>| i.map_or(Cow::Borrowed(""), |i| take(&mut fields[i].text));
        Some(Cells {
            statuses,
            code,
            code_pos,
            text: [text(self.text[0]), text(self.text[1]), text(self.text[2])],
            kind,
            url,
        })
    }
}

/// Why a row is not added: it breaks a rule, or the catalog is over a limit.
enum Stop {
    Row,
    Catalog,
}

/// The catalog being built, with its indexes by code and by variant name.
struct Builder<'a> {
    cat: Catalog<'a>,
    by_code: StrMap<'a, usize>,
    by_ident: StrMap<'static, usize>,
}

impl<'a> Builder<'a> {
    /// The position of the row's code, added if new (its variant name checked).
    fn code_index(&mut self, cells: &Cells<'a>, line: usize, cx: &mut Ctxt) -> Result<usize, Stop> {
        if let Some(i) = self.by_code.get(&cells.code) {
            return Ok(i);
        }
        let (code, at) = (&cells.code, cells.code_pos);
        let ident = variant_name(code).map_err(|why| {
            cx.error_at(
                at.line,
                at.col(),
                format_args!("column `code`: `{code}`: {why}"),
            );
            Stop::Row
        })?;
        if let Some(other) = self.by_ident.get(&ident) {
            let o = &self.cat.codes[other];
            cx.error_at(
                at.line,
                at.col(),
                format_args!(
                    "column `code`: `{code}` derives the variant name `{ident}`, as does `{}` on line {}; variant names must be distinct",
                    o.code, o.line
                ),
            );
            return Err(Stop::Row);
        }
        let i = self.cat.codes.len();
        if i == MAX_CODES {
            cx.error_at(
                at.line,
                at.col(),
                format_args!("more than {MAX_CODES} distinct codes (the limit)"),
            );
            return Err(Stop::Catalog);
        }
        self.by_ident.insert(Cow::Owned(ident.clone()), i);
        self.by_code.insert(code.clone(), i);
        self.cat.codes.push(Code {
            code: code.clone(),
            ident,
            line,
            rows: Vec::new(),
        });
        Ok(i)
    }

    /// The row for each of its statuses, exact duplicates merged.
    fn add_rows(&mut self, index: usize, cells: Cells<'a>, line: usize) {
        let rows = &mut self.cat.codes[index].rows;
        let [message, description, measure] = cells.text;
        for status in cells.statuses {
            let row = Row {
                status,
                message: message.clone(),
                description: description.clone(),
                measure: measure.clone(),
                kind: cells.kind,
                url: cells.url.clone(),
                line,
            };
            if !rows.iter().any(|r| r.same_content(&row)) {
                rows.push(row);
            }
        }
    }
}

/// The column of each header field (`None` for an unknown one). Problems are reported; rows
/// are still checked against the known columns so that all errors show at once.
fn header_columns(header: &Record, cx: &mut Ctxt) -> Vec<Option<Column>> {
    let mut cols = Vec::new();
    let mut seen: Vec<(Column, usize, usize)> = Vec::new();
    for f in &header.fields {
        let name = f.text.trim();
        if name.is_empty() {
            cx.error_at(
                f.start.line,
                f.start.col(),
                "empty column name in the header (a stray or trailing delimiter?)",
            );
            cols.push(None);
            continue;
        }
        match column_of(name) {
            Some(c) => {
                if let Some(&(_, line, col)) = seen.iter().find(|(s, ..)| *s == c) {
                    cx.error_at(
                        f.start.line,
                        f.start.col(),
                        if crate::header::normalize(name) == c.name() {
                            format!("duplicate column `{name}` (first at {line}:{col})")
                        } else {
                            format!(
                                "duplicate column `{name}`: it names `{}`, which is first at {line}:{col}",
                                c.name()
                            )
                        },
                    );
                } else {
                    seen.push((c, f.start.line, f.start.col()));
                }
                cols.push(Some(c));
            }
            None => {
                let hint = match crate::header::suggest(name) {
                    Some(s) => format!("; did you mean `{s}`?"),
                    None => String::new(),
                };
                cx.error_at(
                    f.start.line,
                    f.start.col(),
                    format_args!(
                        "unknown column `{name}`: expected {}{hint}",
                        crate::header::expected()
                    ),
                );
                cols.push(None);
            }
        }
    }
    for required in [Column::Status, Column::Code] {
        if !cols.contains(&Some(required)) {
            cx.error_at(
                header.line,
                1,
                format_args!(
                    "missing required column `{}` (the header is `{}`)",
                    required.name(),
                    header_names(header)
                ),
            );
        }
    }
    cols
}

fn header_names(header: &Record) -> String {
    header
        .fields
        .iter()
        .map(|f| f.text.as_ref())
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether `url` (a `url` cell or the macro's `docs` argument) is a documentation link:
/// empty (none), or an `http://` or `https://` URL without white space, control characters,
/// quotes, backticks or angle brackets (it is shown as a link in rustdoc and IDEs).
pub fn check_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Ok(());
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let bad = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '`'));
    match (rest, bad) {
        (_, Some(c)) => Err(format!(
            "`{}` is not a link: it contains {c:?} (write the URL without spaces, quotes or angle brackets)",
            url.escape_debug()
        )),
        (Some(rest), None) if !rest.is_empty() && !rest.starts_with('/') => Ok(()),
        _ => Err(format!(
            "`{}` is not a link (expected an `https://` or `http://` URL)",
            url.escape_debug()
        )),
    }
}

fn trim_cow(c: Cow<'_, str>) -> Cow<'_, str> {
    match c {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (code, variant name, statuses) of each code.
    type Codes = Vec<(String, String, Vec<u16>)>;

    fn check(src: &str) -> (Codes, Vec<String>) {
        let mut cx = Ctxt::new("t.csv");
        let cat = crate::parse("t.csv", src, None, &mut cx);
        let codes = cat
            .codes
            .iter()
            .map(|c| {
                (
                    c.code.to_string(),
                    c.ident.clone(),
                    c.rows.iter().map(|r| r.status).collect(),
                )
            })
            .collect();
        (codes, cx.into_messages())
    }

    #[test]
    fn columns_in_any_order_optional_ones_absent() {
        let (codes, e) = check("code,status\nKMS.0207,404\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(
            codes,
            vec![("KMS.0207".into(), "Kms0207".into(), vec![404])]
        );
    }

    #[test]
    fn one_code_many_rows_and_duplicates_merged() {
        let src =
            "status,code,message\n400,VPC.1801,a\n500,VPC.1801,b\n400,VPC.1801,a\n400/500,X,m\n";
        let (codes, e) = check(src);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(codes[0].2, vec![400, 500]);
        assert_eq!(codes[1].2, vec![400, 500]);
        // Same status, different message: both rows kept.
        let (codes, _) = check("status,code,message\n403,AccessDenied,a\n403,AccessDenied,b\n");
        assert_eq!(codes[0].2, vec![403, 403]);
    }

    #[test]
    fn every_error_is_reported_with_position() {
        let src = "status,code,mesage\n404,A,x\n";
        let (_, e) = check(src);
        assert_eq!(e, vec!["t.csv:1:13: unknown column `mesage`: expected `status`, `code`, `message`, `description`, `measure`, `kind` or `url`; did you mean `message`?"]);

        let src = "status,code\n4O4,A\n404,\n404,B,extra\n404,a.b\n404,A-B\n404,unknown\n";
        let (codes, e) = check(src);
        assert_eq!(codes.len(), 1, "{codes:?}");
        assert_eq!(e.len(), 5, "{e:#?}");
        assert!(
            e[0].starts_with("t.csv:2:1: column `status`: `4O4` is not an HTTP status"),
            "{}",
            e[0]
        );
        assert!(
            e[1].starts_with("t.csv:3:5: column `code`: the code is empty"),
            "{}",
            e[1]
        );
        assert!(
            e[2].starts_with("t.csv:4:7: this row has 3 field(s) but the header has 2"),
            "{}",
            e[2]
        );
        assert!(e[3].starts_with("t.csv:6:5: column `code`: `A-B` derives the variant name `AB`, as does `a.b` on line 5"), "{}", e[3]);
        assert!(
            e[4].starts_with(
                "t.csv:7:5: column `code`: `unknown`: it derives the variant name `Unknown`"
            ),
            "{}",
            e[4]
        );
    }

    #[test]
    fn header_problems() {
        let (_, e) = check("");
        assert!(e[0].contains("the catalog is empty"));
        let (_, e) = check("status,code\n");
        assert_eq!(e, vec!["t.csv:1:1: the catalog has a header but no rows"]);
        let (_, e) = check("status,message\n404,x\n");
        assert!(e[0].contains("missing required column `code`"), "{e:?}");
        let (_, e) = check("status,code,code\n404,x,y\n");
        assert!(
            e[0].starts_with("t.csv:1:13: duplicate column `code` (first at 1:8)"),
            "{e:?}"
        );
        let (_, e) = check("Stauts Code,code\n404,x\n");
        assert!(e[0].contains("did you mean `status`?"), "{e:?}");
        let (_, e) = check("status,Status Code,code\n404,404,x\n");
        assert_eq!(
            e,
            vec!["t.csv:1:8: duplicate column `Status Code`: it names `status`, which is first at 1:1"]
        );
    }

    #[test]
    fn empty_header_cell_and_short_row_positions() {
        let (_, e) = check("status,code,\n404,A,x\n");
        assert_eq!(
            e,
            vec!["t.csv:1:13: empty column name in the header (a stray or trailing delimiter?)"]
        );
        let (_, e) = check("status,code,message\n404,\"A\"\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("t.csv:2:8: this row has 2 field(s) but the header has 3"),
            "{e:?}"
        );
    }

    #[test]
    fn unterminated_quote_adds_no_field_count_error() {
        let (codes, e) = check("status,code,message\n400,A.1,\"a\n400,A.2,b\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("t.csv:2:9: this quoted cell is never closed"),
            "{e:?}"
        );
        assert!(codes.is_empty());
    }

    #[test]
    fn row_and_code_limits() {
        use crate::limits::{MAX_CODES, MAX_ROWS};
        let mut src = String::from("status,code\n");
        for i in 0..=MAX_ROWS {
            src.push_str(&format!("404,C{i}\n"));
        }
        let (_, e) = check(&src);
        assert!(
            e.iter().any(|m| m
                == &format!(
                    "t.csv:{}:1: the catalog has more than {MAX_ROWS} rows (the limit)",
                    MAX_ROWS + 2
                )),
            "{e:?}"
        );
        let mut src = String::from("status,code\n");
        for i in 0..=MAX_CODES {
            src.push_str(&format!("404,C{i}\n"));
        }
        let (codes, e) = check(&src);
        assert_eq!(codes.len(), MAX_CODES);
        assert_eq!(
            e,
            vec![format!(
                "t.csv:{}:5: more than {MAX_CODES} distinct codes (the limit)",
                MAX_CODES + 2
            )]
        );
    }

    #[test]
    fn errors_are_capped() {
        let mut src = String::from("status,code\n");
        for i in 0..100 {
            src.push_str(&format!("bad,C{i}\n"));
        }
        let (_, e) = check(&src);
        assert_eq!(e.len(), crate::limits::MAX_ERRORS + 1);
        assert!(e.last().unwrap().contains("70 more error(s) not shown"));
    }

    #[test]
    fn vendor_headers_delimiters_and_column_order() {
        let want = vec![("KMS.0207".into(), "Kms0207".into(), vec![404])];
        for src in [
            "Status Code,Error Code,Error Message,Description,Solution\n404,KMS.0207,m,d,s\n",
            "STATUS,CODE,MESSAGE\n404,KMS.0207,m\n",
            "status;code;message\n404;KMS.0207;\"a, b; c\"\n",
            "status\tcode\tmessage\n404\tKMS.0207\tm\n",
            "Error Code,Response Code,Description\nKMS.0207,404,d\n",
        ] {
            let (codes, e) = check(src);
            assert!(e.is_empty(), "{src:?}: {e:?}");
            assert_eq!(codes, want, "{src:?}");
        }
        let mut cx = Ctxt::new("t.csv");
        let cat = crate::parse(
            "t.csv",
            "status|code|message\n404|A|x, y\n",
            Some(b'|'),
            &mut cx,
        );
        assert!(cx.is_ok());
        assert_eq!(cat.codes[0].rows[0].message, "x, y");
    }

    #[test]
    fn documentation_links() {
        let mut cx = Ctxt::new("t.csv");
        let src = "status,code,Doc URL\n404,A,https://e.example/a#x\n400,B,\n500,C, http://e.example/c \n";
        let cat = crate::parse("t.csv", src, None, &mut cx);
        assert!(cx.is_ok());
        let urls: Vec<&str> = cat.codes.iter().map(|c| c.rows[0].url.as_ref()).collect();
        assert_eq!(urls, ["https://e.example/a#x", "", "http://e.example/c"]);
        let (_, e) =
            check("status,code,url\n404,A,docs/a.html\n404,B,https://x y\n404,C,https://\n");
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(
            e[0].starts_with("t.csv:2:7: column `url`: `docs/a.html` is not a link (expected"),
            "{e:?}"
        );
        assert!(
            e[1].starts_with(
                "t.csv:3:7: column `url`: `https://x y` is not a link: it contains ' '"
            ),
            "{e:?}"
        );
        assert!(e[2].contains("`https://` is not a link"), "{e:?}");
        assert!(check_url("https://e.example/\"x").is_err());
        assert!(check_url("ftp://e.example/").is_err());
        assert!(check_url("https:///path").is_err());
        assert_eq!(check_url("https://e.example"), Ok(()));
        assert_eq!(check_url(""), Ok(()));
    }

    #[test]
    fn bundled_catalog_is_valid() {
        let mut cx = Ctxt::new("catalog.csv");
        let cat = crate::parse("catalog.csv", crate::source::BUNDLED, None, &mut cx);
        assert!(cx.is_ok());
        assert_eq!(cat.codes.len(), 185);
        assert_eq!(cat.row_count(), 185);
    }
}
