//! The catalog rules over rows: from the checked cells of each record ([`crate::cells`]) to
//! the typed catalog ([`crate::model`]).
//!
//! Every problem is reported to the [`Ctxt`]; the returned catalog holds what is valid, so
//! that a catalog with errors still expands to the codes it does define (the macro's
//! fallback).
//!
//! A catalog is one file or several composed ([`Builder`]): each file is read with its own
//! header (its own column order and names), and their rows are merged under the rules of one
//! file: one code is one variant with every row of every file, exact duplicates merged. Two
//! files that document one code with the same status differently are an error: which text a
//! received error shows would otherwise depend on the order of the files. Rows of two files
//! that agree in every cell both give are one row (a file may repeat a row with fewer
//! columns): the first, its empty cells filled from the other. Aliases (the `alias` column)
//! are checked once every file is read ([`crate::alias`]), so that a collision is found in
//! whichever order the two spellings appear.

use crate::cells::{Cells, Layout};
use crate::csv::Record;
use crate::ctxt::Ctxt;
use crate::fx::StrMap;
use crate::limits::MAX_CODES;
use crate::model::{Alias, Catalog, Code, File, Row};
use crate::naming::variant_name;
use std::borrow::Cow;

/// Applies the catalog rules to `records`, the records of the file `name`.
pub fn catalog<'a>(name: &str, records: Vec<Record<'a>>, cx: &mut Ctxt) -> Catalog<'a> {
    let mut b = Builder::new(records.len());
    b.add_file(name, Cow::Borrowed(""), Some(records), cx);
    b.finish(cx)
}

/// A catalog being built from one file or several ([`Builder::add_file`] each, then
/// [`Builder::finish`]).
pub struct Builder<'a> {
    pub(crate) cat: Catalog<'a>,
    pub(crate) by_code: StrMap<'a, usize>,
    pub(crate) by_ident: StrMap<'static, usize>,
    /// The errors reported when the last file was added: those reported since are the next
    /// file's syntax errors.
    counted: usize,
}

impl<'a> Builder<'a> {
    /// An empty catalog, with room for about `rows` rows.
    pub fn new(rows: usize) -> Self {
        Builder {
            cat: Catalog {
                name: String::new(),
                files: Vec::new(),
                codes: Vec::new(),
            },
            by_code: StrMap::with_capacity(rows),
            by_ident: StrMap::with_capacity(rows),
            counted: 0,
        }
    }

    /// Adds the file `name`'s `records` (read with [`crate::csv::records`] after
    /// [`Ctxt::set_file`] for it, so that its errors name it; `None`: the file could not be
    /// read, which was reported); `docs` is the link of its rows without a `url` cell (`""`:
    /// the catalog's). Files are numbered in the order they are added, as in the `Ctxt`.
    pub fn add_file(
        &mut self,
        name: &str,
        docs: Cow<'a, str>,
        records: Option<Vec<Record<'a>>>,
        cx: &mut Ctxt,
    ) {
        let file = self.cat.files.len();
        if !self.cat.name.is_empty() {
            self.cat.name.push_str(" + ");
        }
        self.cat.name.push_str(name);
        self.cat.files.push(File {
            name: name.to_owned(),
            docs,
        });
        let syntax_errors = cx.count() - self.counted;
        if let Some(records) = records {
            self.read(file, records, syntax_errors, cx);
        }
        self.counted = cx.count();
    }

    /// The rows of file `file`.
    fn read(&mut self, file: usize, records: Vec<Record<'a>>, syntax_errors: usize, cx: &mut Ctxt) {
        let mut records = records.into_iter();
        let Some(header) = records.next() else {
            cx.file_error("the catalog is empty: expected a header line such as `status,code,message,description,measure`");
            return;
        };
        let Some(layout) = Layout::of(&header, cx) else {
            return;
        };
        let mut any_row = false;
        for rec in records {
            any_row = true;
            let line = rec.line;
            let Some(cells) = layout.cells(rec, &header, cx) else {
                continue;
            };
            match self.code_index(&cells, file, line, cx) {
                Ok(index) => self.add_rows(index, cells, file, line, cx),
                Err(Stop::Row) => continue,
                Err(Stop::Catalog) => break,
            }
        }
        // After a syntax error the rows may be missing because they could not be read.
        if !any_row && syntax_errors == 0 {
            cx.error_at(header.line, 1, "the catalog has a header but no rows");
        }
    }

    /// The catalog, after checking its aliases.
    pub fn finish(mut self, cx: &mut Ctxt) -> Catalog<'a> {
        self.check_aliases(cx);
        self.cat
    }
}

/// Why a row is not added: it breaks a rule, or the catalog is over a limit.
enum Stop {
    Row,
    Catalog,
}

impl<'a> Builder<'a> {
    /// Where code `i` first appears: `line 3`, or `line 3 of `other.csv`` when that is not
    /// `file`.
    pub(crate) fn place(&self, i: usize, file: usize) -> String {
        let c = &self.cat.codes[i];
        self.place_of(c.file, c.line, file)
    }

    /// `line N`, with the file's name when it is not `file`.
    pub(crate) fn place_of(&self, at_file: usize, line: usize, file: usize) -> String {
        if at_file == file {
            format!("line {line}")
        } else {
            format!("line {line} of `{}`", self.cat.file_name(at_file))
        }
    }

    /// The position of the row's code, added if new (its variant name checked).
    fn code_index(
        &mut self,
        cells: &Cells<'a>,
        file: usize,
        line: usize,
        cx: &mut Ctxt,
    ) -> Result<usize, Stop> {
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
            cx.error_at(
                at.line,
                at.col(),
                format_args!(
                    "column `code`: `{code}` derives the variant name `{ident}`, as does `{}` on {}; variant names must be distinct",
                    self.cat.codes[other].code,
                    self.place(other, file)
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
            file,
            aliases: Vec::new(),
            rows: Vec::new(),
        });
        Ok(i)
    }

    /// The row for each of its statuses, exact duplicates merged; and its aliases. A status
    /// another file documents differently for the code is an error.
    fn add_rows(
        &mut self,
        index: usize,
        cells: Cells<'a>,
        file: usize,
        line: usize,
        cx: &mut Ctxt,
    ) {
        let [message, description, measure] = cells.text;
        for status in cells.statuses {
            let row = Row {
                status,
                message: message.clone(),
                description: description.clone(),
                measure: measure.clone(),
                kind: cells.kind,
                throttled: cells.throttled,
                suggested: cells.suggested.clone(),
                url: cells.url.clone(),
                line,
                file,
            };
            let rows = &mut self.cat.codes[index].rows;
            if rows.iter().any(|r| r.same_content(&row)) {
                continue;
            }
            // Another file's row for this status: the same row if every cell both give
            // agrees (a file may repeat a row with fewer columns), else a conflict.
            let other_file = |r: &Row| r.status == status && r.file != file;
            if let Some(same) = rows.iter_mut().find(|r| other_file(r) && r.agrees(&row)) {
                same.fill_from(&row);
                continue;
            }
            if let Some((other_at, line)) = rows
                .iter()
                .find(|r| other_file(r))
                .map(|r| (r.file, r.line))
            {
                let at = cells.code_pos;
                cx.error_at(
                    at.line,
                    at.col(),
                    format_args!(
                        "column `code`: `{}` with HTTP {status} is documented differently on {}; when a catalog is composed of several files, a code's row for a status must be written in one of them, or agree in every cell both give",
                        cells.code,
                        self.place_of(other_at, line, file)
                    ),
                );
                continue;
            }
            self.cat.codes[index].rows.push(row);
        }
        let (aliases, at) = cells.aliases;
        for text in aliases {
            let code = &mut self.cat.codes[index];
            if !code.aliases.iter().any(|a| a.text == text) {
                code.aliases.push(Alias {
                    text,
                    file,
                    line: at.line,
                    col: at.col(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

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
        assert_eq!(e, vec!["t.csv:1:13: unknown column `mesage`: expected `status`, `code`, `message`, `description`, `measure`, `kind`, `suggested`, `url` or `alias`; did you mean `message`?"]);

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
    fn suggested_kinds_are_kept_for_review() {
        let src = "status,code,kind,Suggested\n\
                   404,A,not_found,\"\"\"not exist\"\" in the message\"\n\
                   400,B,invalid_argument,\n\
                   400,C,,\n";
        let mut cx = Ctxt::new("t.csv");
        let cat = crate::parse("t.csv", src, None, &mut cx);
        assert!(cx.is_ok(), "{:?}", cx.into_messages());
        let why: Vec<&str> = cat
            .codes
            .iter()
            .map(|c| c.rows[0].suggested.as_ref())
            .collect();
        assert_eq!(why, ["\"not exist\" in the message", "", ""]);
        // A suggestion without a kind is an error: nothing to review.
        let (_, e) = check("status,code,kind,suggested\n400,A,,HTTP 400\n");
        assert_eq!(
            e,
            ["t.csv:2:8: column `suggested`: `HTTP 400` says why a kind was suggested, but the row has no kind (fill the `kind` cell, or empty this one)"]
        );
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
    }

    fn composed(parts: &[(&str, &str)]) -> (Catalog<'static>, Vec<String>) {
        let parts: Vec<crate::Part<'static>> = parts
            .iter()
            .map(|&(name, text)| crate::Part {
                name: Box::leak(name.to_owned().into_boxed_str()),
                text: Some(Box::leak(text.to_owned().into_boxed_str())),
                docs: "",
                delimiter: None,
            })
            .collect();
        let names: Vec<&str> = parts.iter().map(|p| p.name).collect();
        let mut cx = Ctxt::for_files(&names);
        let cat = crate::compose(&parts, &mut cx);
        (cat, cx.into_messages())
    }

    fn aliases(cat: &Catalog) -> Vec<(String, Vec<String>)> {
        cat.codes
            .iter()
            .map(|c| {
                let a = c.aliases.iter().map(|a| a.text.to_string()).collect();
                (c.code.to_string(), a)
            })
            .collect()
    }

    #[test]
    fn aliases_are_read_split_and_merged() {
        let (cat, e) = composed(&[(
            "t.csv",
            "status,code,alias\n401,APIG.0301,APIGW.0301\n403,APIG.0301, APIGW.0301 | apigw-0301 |\n400,X,\n",
        )]);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(
            aliases(&cat),
            [
                (
                    "APIG.0301".into(),
                    vec!["APIGW.0301".into(), "apigw-0301".into()]
                ),
                ("X".into(), vec![])
            ]
        );
        let a = &cat.codes[0].aliases[1];
        assert_eq!((a.file, a.line, a.col), (0, 3, 15));
        assert_eq!(cat.alias_count(), 2);
        // Quoted cells: the spellings are unescaped.
        let (cat, e) = composed(&[("t.csv", "status,code,Aliases\n400,A,\"B|\"\"C\"\"\"\n")]);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(aliases(&cat)[0].1, ["B", "\"C\""]);
    }

    #[test]
    fn alias_collisions_name_both_places() {
        let (cat, e) = composed(&[(
            "t.csv",
            "status,code,alias\n\
             400,A.1,A.1\n\
             400,B.1,C.1\n\
             400,C.1,\n\
             400,D.1,E|X\n\
             400,F.1,X\n\
             400,G.1,a-1\n\
             400,H.1,h-1\n",
        )]);
        assert_eq!(
            e,
            [
                "t.csv:2:9: column `alias`: `A.1` is the code itself",
                "t.csv:3:9: column `alias`: `C.1` (an alias of `B.1`) is a code of its own, on line 4; a spelling must name one code",
                "t.csv:6:9: column `alias`: `X` is an alias of `F.1` and also of `D.1`, on line 5; a spelling must name one code",
                "t.csv:7:9: column `alias`: `a-1` (an alias of `G.1`) derives the variant name `A1` of `A.1`, on line 2; an alias must not read as another code",
            ]
        );
        // The valid aliases stay, the bad ones are dropped; an alias may derive its own
        // code's variant name.
        assert_eq!(
            aliases(&cat),
            [
                ("A.1".into(), vec![]),
                ("B.1".into(), vec![]),
                ("C.1".into(), vec![]),
                ("D.1".into(), vec!["E".into(), "X".into()]),
                ("F.1".into(), vec![]),
                ("G.1".into(), vec![]),
                ("H.1".into(), vec!["h-1".into()]),
            ]
        );
    }

    #[test]
    fn files_compose_with_their_own_headers_and_delimiters() {
        let (cat, e) = composed(&[
            (
                "dns.csv",
                "status,code,message\n404,DNS.0001,No zone.\n400,DNS.0002,Bad.\n",
            ),
            (
                "extra.csv",
                "Error Code;HTTP Status Code;Error Message;Alias\n\
                 DNS.0003;409;Exists.;DNS-3\n\
                 DNS.0001;404;No zone.;\n\
                 DNS.0001;410;Gone.;DNS-1\n",
            ),
            ("tabs.tsv", "code\tstatus\nDNS.0002\t500\n"),
            // Fewer columns: the same row as dns.csv's (its empty cells filled).
            (
                "more.csv",
                "status,code,message,measure,kind\n404,DNS.0001,,Create it.,not_found\n",
            ),
        ]);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(cat.name, "dns.csv + extra.csv + tabs.tsv + more.csv");
        let names: Vec<&str> = cat.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["dns.csv", "extra.csv", "tabs.tsv", "more.csv"]);
        let first = &cat.codes[0].rows[0];
        assert_eq!(
            (first.message.as_ref(), first.measure.as_ref(), first.kind),
            ("No zone.", "Create it.", Some(ErrorKind::NotFound))
        );
        let rows: Vec<(String, u16, usize, usize)> = cat
            .codes
            .iter()
            .flat_map(|c| {
                c.rows
                    .iter()
                    .map(move |r| (c.code.to_string(), r.status, r.file, r.line))
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("DNS.0001".into(), 404, 0, 2), // the exact duplicate in extra.csv is merged
                ("DNS.0001".into(), 410, 1, 4),
                ("DNS.0002".into(), 400, 0, 3),
                ("DNS.0002".into(), 500, 2, 2),
                ("DNS.0003".into(), 409, 1, 2),
            ]
        );
        assert_eq!(cat.codes[0].aliases[0].file, 1);
    }

    #[test]
    fn composed_files_report_conflicts_in_their_own_file() {
        let (cat, e) = composed(&[
            ("a.csv", "status,code,message\n404,X.1,Gone.\n400,a.b,x\n404,Y,same file\n404,Y,twice\n"),
            (
                "b.csv",
                "code,status,message\nX.1,404,Not here.\nX.1,500,Other status.\nA-B,400,y\nX.2,404,z\n",
            ),
            ("c.csv", "status,code\n"),
            ("d.csv", "status,code,alias\n400,Z,X.2|a.b\n"),
        ]);
        assert_eq!(
            e,
            [
                "b.csv:2:1: column `code`: `X.1` with HTTP 404 is documented differently on line 2 of `a.csv`; when a catalog is composed of several files, a code's row for a status must be written in one of them, or agree in every cell both give",
                "b.csv:4:1: column `code`: `A-B` derives the variant name `AB`, as does `a.b` on line 3 of `a.csv`; variant names must be distinct",
                "c.csv:1:1: the catalog has a header but no rows",
                "d.csv:2:7: column `alias`: `X.2` (an alias of `Z`) is a code of its own, on line 5 of `b.csv`; a spelling must name one code",
                "d.csv:2:7: column `alias`: `a.b` (an alias of `Z`) is a code of its own, on line 3 of `a.csv`; a spelling must name one code",
            ]
        );
        // The first file's row stays; one file may document a status twice, differently.
        let x = &cat.codes[0];
        assert_eq!(
            x.rows
                .iter()
                .map(|r| (r.status, r.file))
                .collect::<Vec<_>>(),
            [(404, 0), (500, 1)]
        );
        assert_eq!(x.rows[0].message, "Gone.");
        assert_eq!(cat.codes[2].rows.len(), 2);
    }

    #[test]
    fn bundled_catalog_is_valid() {
        let mut cx = Ctxt::new("catalog.csv");
        let cat = crate::parse("catalog.csv", crate::source::KMS, None, &mut cx);
        assert!(cx.is_ok());
        assert_eq!(cat.codes.len(), 185);
        assert_eq!(cat.row_count(), 185);
    }
}
