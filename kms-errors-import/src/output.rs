//! The catalog CSV, written with the `csv` crate: RFC 4180, a field quoted only when it
//! contains `,`, `"`, CR or LF (quotes doubled), LF line ends — the format of `catalog.csv`.

use crate::catalog::{Row, OUTPUT};

/// The catalog CSV of `rows`: the header, then one record per row; the `kind` column only if
/// `kind`.
pub fn write(rows: &[Row], kind: bool) -> Result<String, String> {
    let n = if kind { OUTPUT.len() } else { OUTPUT.len() - 1 };
    let names = OUTPUT[..n].iter().map(|c| c.name());
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let failed = |e: &dyn std::fmt::Display| format!("cannot write the CSV: {e}");
    w.write_record(names).map_err(|e| failed(&e))?;
    for row in rows {
        w.write_record(&row.cells[..n]).map_err(|e| failed(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| failed(e.error()))?;
    // The cells are `String`s, so the bytes are UTF-8.
    String::from_utf8(bytes).map_err(|e| failed(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, cells: [&str; 6]) -> Row {
        Row {
            line,
            cells: cells.map(String::from),
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
        assert_eq!(
            write(&rows, false).unwrap(),
            "status,code,message,description,measure\n\
             400,\"A,B\",\"say \"\"hi\"\"\",\"multi\nline\r\",plain 'single' **bold** \\* ; {0} %s — <x:x>\n\
             ,,,, lead\n"
        );
        let w = write(&rows, true).unwrap();
        assert!(w.starts_with("status,code,message,description,measure,kind\n"));
        assert!(w.contains("<x:x>,not_found\n"), "{w:?}");
        assert!(w.ends_with("\n,,,, lead,\n"), "{w:?}");
        assert_eq!(
            write(&[], false).unwrap(),
            "status,code,message,description,measure\n"
        );
    }
}
