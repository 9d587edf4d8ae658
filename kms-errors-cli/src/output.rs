//! The catalog CSV, written with the `csv` crate: RFC 4180, a field quoted only when it
//! contains `,`, `"`, CR or LF (quotes doubled), LF line ends — the format of `catalog.csv`.
//! And its check by the front end the macro uses, so that a catalog the importer writes
//! always compiles.

use crate::catalog::{Row, OUTPUT};
use kms_errors_catalog::header::Column;
use kms_errors_catalog::limits::MAX_BYTES;
use kms_errors_catalog::{Ctxt, Diagnostic};

/// A written catalog: its text and where each row's record ends in it.
#[derive(Debug)]
pub struct Written {
    /// The CSV.
    pub csv: String,
    /// The end of the header record, then of each row's record, as byte offsets into `csv`.
    ends: Vec<usize>,
}

impl Written {
    /// The header record (with its line end).
    fn header(&self) -> &str {
        &self.csv[..self.ends[0]]
    }

    /// Row `i`'s record (with its line end).
    fn record(&self, i: usize) -> &str {
        &self.csv[self.ends[i]..self.ends[i + 1]]
    }
}

/// The catalog CSV of `rows`: the header, then one record per row; of the optional columns
/// (`kind`, `suggested`, `url`, `alias`), those in `optional`.
pub fn write(rows: &[Row], optional: &[Column]) -> Result<Written, String> {
    let slots: Vec<usize> = (0..OUTPUT.len())
        .filter(|&s| match OUTPUT[s] {
            c @ (Column::Kind | Column::Suggested | Column::Url | Column::Alias) => {
                optional.contains(&c)
            }
            _ => true,
        })
        .collect();
    let names = slots.iter().map(|&s| OUTPUT[s].name());
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let failed = |e: &dyn std::fmt::Display| format!("cannot write the CSV: {e}");
    w.write_record(names).map_err(|e| failed(&e))?;
    w.flush().map_err(|e| failed(&e))?;
    let mut ends = Vec::with_capacity(rows.len() + 1);
    ends.push(w.get_ref().len());
    for row in rows {
        w.write_record(slots.iter().map(|&s| &row.cells[s]))
            .map_err(|e| failed(&e))?;
        w.flush().map_err(|e| failed(&e))?;
        ends.push(w.get_ref().len());
    }
    let bytes = w.into_inner().map_err(|e| failed(e.error()))?;
    // The cells are `String`s, so the bytes are UTF-8.
    let csv = String::from_utf8(bytes).map_err(|e| failed(&e))?;
    Ok(Written { csv, ends })
}

/// Checks the written catalog with the front end (`kms_errors_catalog::parse`, the macro's
/// own reading of a catalog). `rows` are the rows `written` was written from and `name` is
/// the input as messages name it.
///
/// What is checked is the written CSV with each row's record moved down to the row's input
/// line (blank lines between records, which the front end skips), so that the front end's
/// line numbers, in its positions and in its text ("as does `A-B` on line 27"), are lines of
/// the input. Errors read `NAME:LINE: row `CODE`: message`.
pub fn check(name: &str, rows: &[Row], written: &Written) -> Result<(), Vec<String>> {
    if written.csv.len() as u64 > MAX_BYTES {
        return Err(vec![format!(
            "{name}: the catalog would be {} bytes; kms_errors! reads at most {MAX_BYTES}",
            written.csv.len()
        )]);
    }
    let (text, lines) = placed(rows, written);
    let mut cx = Ctxt::new(name);
    let _ = kms_errors_catalog::parse(name, &text, Some(b','), &mut cx);
    if cx.is_ok() {
        return Ok(());
    }
    let (diagnostics, more) = cx.into_diagnostics();
    let mut out: Vec<String> = diagnostics
        .iter()
        .map(|d| locate(name, d, rows, &lines))
        .collect();
    if more > 0 {
        out.push(format!("{name}: {more} more error(s) not shown"));
    }
    Err(out)
}

/// The written CSV with blank lines inserted so that each row's record starts on the row's
/// input line (or as soon after it as the records before allow), and the line each record
/// starts on.
fn placed(rows: &[Row], written: &Written) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(written.csv.len() + 2 * rows.len());
    text.push_str(written.header());
    let mut line = 1 + line_ends(written.header());
    let mut lines = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        while line < row.line {
            text.push('\n');
            line += 1;
        }
        lines.push(line);
        text.push_str(written.record(i));
        line += line_ends(written.record(i));
    }
    (text, lines)
}

/// The line ends in `s` as the front end counts them: `\r\n`, `\n` or a lone `\r`.
fn line_ends(s: &str) -> usize {
    s.matches('\n').count() + s.matches('\r').count() - s.matches("\r\n").count()
}

/// A front-end diagnostic about the placed text, as a message about the input row its line
/// belongs to. Diagnostics about the header (which the importer wrote) or the file as a whole
/// keep only the text.
fn locate(name: &str, d: &Diagnostic, rows: &[Row], lines: &[usize]) -> String {
    let text = &d.message;
    let Some((line, _)) = d.at else {
        return format!("{name}: {text}");
    };
    // The last record starting on or before the line (a record may span lines).
    match lines.partition_point(|&l| l <= line).checked_sub(1) {
        Some(i) => {
            let code = rows[i].cell(Column::Code);
            let row = if code.is_empty() {
                "row with an empty code".to_owned()
            } else {
                format!("row `{code}`")
            };
            format!("{name}:{}: {row}: {text}", rows[i].line)
        }
        None => format!("{name}: {text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::slot;

    fn row(line: usize, cells: [&str; 6]) -> Row {
        let [a, b, c, d, e, f] = cells;
        Row {
            line,
            cells: [a, b, c, d, e, f, "", "", ""].map(String::from),
        }
    }

    #[test]
    fn quoting_only_where_needed() {
        let rows = vec![
            row(
                4,
                [
                    "400",
                    "A,B",
                    "say \"hi\"",
                    "multi\nline\r",
                    "plain 'single' **bold** \\* ; {0} %s — <x:x>",
                    "not_found",
                ],
            ),
            row(6, ["", "", "", "", " lead", ""]),
        ];
        let w = write(&rows, &[]).unwrap();
        assert_eq!(
            w.csv,
            "status,code,message,description,measure\n\
             400,\"A,B\",\"say \"\"hi\"\"\",\"multi\nline\r\",plain 'single' **bold** \\* ; {0} %s — <x:x>\n\
             ,,,, lead\n"
        );
        assert_eq!(w.header(), "status,code,message,description,measure\n");
        assert_eq!(w.record(1), ",,,, lead\n");
        let w = write(&rows, &[Column::Kind]).unwrap();
        assert!(w
            .csv
            .starts_with("status,code,message,description,measure,kind\n"));
        assert!(
            w.record(0).ends_with("<x:x>,not_found\n"),
            "{:?}",
            w.record(0)
        );
        assert_eq!(w.record(1), ",,,, lead,\n");
        let w = write(&[], &[]).unwrap();
        assert_eq!(w.csv, "status,code,message,description,measure\n");
        // The link column, with or without kinds.
        let mut linked = rows.clone();
        linked[0].cells[slot(Column::Url)] = "https://e.example/a".to_owned();
        let w = write(&linked, &[Column::Url]).unwrap();
        assert!(w
            .csv
            .starts_with("status,code,message,description,measure,url\n"));
        assert!(
            w.record(0).ends_with("<x:x>,https://e.example/a\n"),
            "{:?}",
            w.record(0)
        );
        let w = write(&linked, &[Column::Kind, Column::Url]).unwrap();
        assert!(w
            .csv
            .starts_with("status,code,message,description,measure,kind,url\n"));
        assert!(w.record(0).ends_with(",not_found,https://e.example/a\n"));
    }

    fn checked(rows: &[Row], kind: bool) -> Result<(), Vec<String>> {
        let optional: &[Column] = if kind { &[Column::Kind] } else { &[] };
        check("t.rst", rows, &write(rows, optional).unwrap())
    }

    #[test]
    fn a_valid_catalog_passes() {
        let rows = [
            row(
                4,
                ["301 Moved Permanently", "PermanentRedirect", "", "", "", ""],
            ),
            row(6, ["400/404/500", "1100", "**bold** {0} %s", "", "", ""]),
            row(
                8,
                ["400", "ces.0001", "a, \"b\"", "", "", "invalid_argument"],
            ),
            row(10, ["404", "ces.0001", "x", "", "", "not_found"]),
        ];
        assert_eq!(checked(&rows, true), Ok(()));
    }

    #[test]
    fn errors_name_the_input_line_and_the_code() {
        let rows = [
            row(12, ["400", "A-B", "", "", "", ""]),
            row(14, ["400", "a.b", "", "", "", ""]),
            row(27, ["abc", "C", "", "", "", ""]),
            row(29, ["400", "D", "", "", "", "notfund"]),
            row(31, ["400", "", "", "", "", ""]),
        ];
        assert_eq!(
            checked(&rows, true).unwrap_err(),
            [
                "t.rst:14: row `a.b`: column `code`: `a.b` derives the variant name `AB`, as does \
                 `A-B` on line 12; variant names must be distinct",
                "t.rst:27: row `C`: column `status`: `abc` is not an HTTP status (expected a \
                 number such as `404`, optionally followed by a reason or `/` and more statuses)",
                "t.rst:29: row `D`: column `kind`: `notfund` is not a kind (expected one of \
                 `cancelled`, `unknown`, `invalid_argument`, `deadline_exceeded`, `not_found`, \
                 `already_exists`, `permission_denied`, `resource_exhausted`, \
                 `failed_precondition`, `aborted`, `out_of_range`, `unimplemented`, `internal`, \
                 `unavailable`, `data_loss`, `unauthenticated`, `throttled`); did you mean `not_found`?",
                "t.rst:31: row with an empty code: column `code`: the code is empty",
            ]
        );
    }

    /// Records with line breaks in a cell take more lines than one: later rows are still
    /// found, even where a record runs past the next row's input line.
    #[test]
    fn multi_line_records_keep_the_mapping() {
        let rows = [
            row(4, ["400", "A", "one\rtwo\r\nthree\nfour", "", "", ""]),
            row(5, ["400", "B", "", "", "", ""]),
            row(9, ["600", "C", "", "", "", ""]),
        ];
        let w = write(&rows, &[]).unwrap();
        let (text, lines) = placed(&rows, &w);
        assert_eq!(lines, [4, 8, 9]);
        assert!(text.starts_with("status,code,message,description,measure\n\n\n400,A,"));
        assert_eq!(
            checked(&rows, false).unwrap_err(),
            ["t.rst:9: row `C`: column `status`: `600` is outside the HTTP status range 100..=599"]
        );
        let at = |line, col| Diagnostic {
            file: 0,
            at: Some((line, col)),
            message: "x".into(),
        };
        assert_eq!(
            locate("t.rst", &at(8, 3), &rows, &lines),
            "t.rst:5: row `B`: x"
        );
        assert_eq!(
            locate("t.rst", &at(6, 1), &rows, &lines),
            "t.rst:4: row `A`: x"
        );
        assert_eq!(locate("t.rst", &at(1, 1), &rows, &lines), "t.rst: x");
        let whole = Diagnostic {
            file: 0,
            at: None,
            message: "the catalog is empty".into(),
        };
        assert_eq!(
            locate("t.rst", &whole, &rows, &lines),
            "t.rst: the catalog is empty"
        );
    }

    #[test]
    fn a_catalog_without_rows_is_refused() {
        assert_eq!(
            checked(&[], false).unwrap_err(),
            ["t.rst: the catalog has a header but no rows"]
        );
    }
}
