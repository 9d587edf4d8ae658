//! From grid tables to catalog records: header names, table selection and the CSV output.

use crate::grid::{self, Diag, Table};

/// The catalog columns, in output order.
pub const SCHEMA: [&str; 5] = ["status", "code", "message", "description", "measure"];

const STATUS: usize = 0;
const CODE: usize = 1;

/// The table headers accepted for each schema column (same order as [`SCHEMA`]). They are
/// compared ignoring case, surrounding white space and runs of white space.
const ACCEPTED: [&[&str]; 5] = [
    &["Status Code", "HTTP Status Code", "Status"],
    &["Error Code", "Error Codes", "Code"],
    &["Message", "Error Message"],
    &["Description", "Error Description"],
    &[
        "Measure",
        "Solution",
        "Handling Measure",
        "Handling Measures",
    ],
];

fn normalize(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The schema column (index into [`SCHEMA`]) a table header names.
pub fn column_of(header: &str) -> Option<usize> {
    let name = normalize(header);
    ACCEPTED
        .iter()
        .position(|names| names.iter().any(|n| normalize(n) == name))
}

/// "`status`: `Status Code`, `HTTP Status Code`, `Status`; `code`: ..."
fn accepted_list() -> String {
    let columns: Vec<String> = SCHEMA
        .iter()
        .zip(ACCEPTED.iter())
        .map(|(column, names)| {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("`{column}`: {}", names.join(", "))
        })
        .collect();
    format!("accepted headers (any case): {}", columns.join("; "))
}

fn quoted(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

/// A catalog row, in [`SCHEMA`] order.
pub type Record = [String; 5];

/// The result of a conversion.
#[derive(Debug, Default)]
pub struct Conversion {
    pub records: Vec<Record>,
    /// Tables left out (not error-code tables) and similar remarks.
    pub warnings: Vec<Diag>,
}

/// How a table relates to the schema.
enum Mapping {
    /// The schema column of each table column.
    Columns(Vec<usize>),
    /// Not an error-code table, and why; `true` when the reason is about the header names.
    Skip(Diag, bool),
}

/// A table maps to the schema when every header is accepted, no schema column is named twice
/// and `status` and `code` are present. A table with `status` and `code` columns and a header
/// that is not accepted (or a column named twice) is an error: converting it without that column
/// would lose data. Any other table is skipped.
fn mapping(table: &Table) -> Result<Mapping, Diag> {
    let Some(header) = &table.header else {
        return Ok(Mapping::Skip(
            Diag::new(
                table.line,
                "table has no header (no `+===+` line under its first row)",
            ),
            false,
        ));
    };
    let mut columns = Vec::with_capacity(header.cells.len());
    let mut unknown = Vec::new();
    let mut named: [Option<&str>; 5] = Default::default();
    let mut twice = None;
    for h in &header.cells {
        match column_of(h) {
            Some(k) => {
                if let Some(first) = named[k] {
                    twice.get_or_insert((first, h.as_str(), SCHEMA[k]));
                } else {
                    named[k] = Some(h);
                }
                columns.push(k);
            }
            None => unknown.push(h.as_str()),
        }
    }
    let header_list = quoted(&header.cells.iter().map(String::as_str).collect::<Vec<_>>());
    if named[STATUS].is_some() && named[CODE].is_some() {
        if !unknown.is_empty() {
            let s = if unknown.len() == 1 { "" } else { "s" };
            return Err(Diag::new(
                header.line,
                format!(
                    "unknown column header{s} {}; {}",
                    quoted(&unknown),
                    accepted_list()
                ),
            ));
        }
        if let Some((first, second, column)) = twice {
            return Err(Diag::new(
                header.line,
                format!("headers `{first}` and `{second}` both name the `{column}` column"),
            ));
        }
        return Ok(Mapping::Columns(columns));
    }
    let missing = match (named[STATUS], named[CODE]) {
        (None, None) => "no `status` column and no `code` column",
        (None, Some(_)) => "no `status` column",
        _ => "no `code` column",
    };
    Ok(Mapping::Skip(
        Diag::new(
            header.line,
            format!("table with header {header_list} has {missing}"),
        ),
        true,
    ))
}

/// Converts every grid table of `text` whose header maps to the schema, in order.
///
/// Errors: a malformed table, an error-code table with an unknown or repeated header, no table,
/// or no table that maps (then one diagnostic per table).
pub fn convert(text: &str) -> Result<Conversion, Vec<Diag>> {
    let tables = grid::tables(text).map_err(|d| vec![d])?;
    if tables.is_empty() {
        return Err(vec![Diag::new(
            1,
            "no RST grid table found (expected `+---+` borders around `|` rows, with a `+===+` \
             line under the header row)",
        )]);
    }
    let mut out = Conversion::default();
    let mut skipped = Vec::new();
    let mut converted = 0;
    for table in &tables {
        match mapping(table).map_err(|d| vec![d])? {
            Mapping::Skip(d, names) => skipped.push((d, names)),
            Mapping::Columns(columns) => {
                converted += 1;
                if table.body.is_empty() {
                    out.warnings
                        .push(Diag::new(table.line, "error-code table without rows"));
                }
                for row in &table.body {
                    let mut record = Record::default();
                    for (&k, text) in columns.iter().zip(&row.cells) {
                        record[k] = text.clone();
                    }
                    out.records.push(record);
                }
            }
        }
    }
    if converted == 0 {
        let accepted = accepted_list();
        return Err(skipped
            .into_iter()
            .map(|(d, names)| {
                if names {
                    Diag {
                        message: format!("{}; {accepted}", d.message),
                        ..d
                    }
                } else {
                    d
                }
            })
            .collect());
    }
    out.warnings.extend(skipped.into_iter().map(|(d, _)| Diag {
        message: format!("table skipped: {}", d.message),
        ..d
    }));
    out.warnings.sort_by_key(|d| d.line);
    Ok(out)
}

/// Appends one CSV field: quoted (quotes doubled) only when it contains `,`, `"`, CR or LF.
fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

fn push_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field.as_ref());
    }
    out.push('\n');
}

/// The catalog CSV: the [`SCHEMA`] header, then one line per record; LF line ends.
pub fn to_csv(records: &[Record]) -> String {
    let mut out = String::new();
    push_record(&mut out, &SCHEMA);
    for record in records {
        push_record(&mut out, record);
    }
    out
}

/// The catalog CSV with a `kind` column taken from `kinds` by code (see `kinds.rs`), and the
/// codes that have no kind there (their cell is left empty).
pub fn to_csv_with_kinds(
    records: &[Record],
    kinds: &std::collections::HashMap<String, String>,
) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut missing = Vec::new();
    let mut header: Vec<&str> = SCHEMA.to_vec();
    header.push("kind");
    push_record(&mut out, &header);
    for record in records {
        let kind = match kinds.get(record[1].trim()) {
            Some(k) => k.as_str(),
            None => {
                missing.push(record[1].clone());
                ""
            }
        };
        let mut fields: Vec<&str> = record.iter().map(String::as_str).collect();
        fields.push(kind);
        push_record(&mut out, &fields);
    }
    (out, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_carried_over_by_code() {
        let rec = |code: &str| -> Record {
            [
                "404".into(),
                code.into(),
                "m, n".into(),
                String::new(),
                String::new(),
            ]
        };
        let kinds = [("A.1".to_string(), "not_found".to_string())]
            .into_iter()
            .collect();
        let (csv, missing) = to_csv_with_kinds(&[rec("A.1"), rec("A.2")], &kinds);
        assert_eq!(
            csv,
            "status,code,message,description,measure,kind\n404,A.1,\"m, n\",,,not_found\n404,A.2,\"m, n\",,,\n"
        );
        assert_eq!(missing, ["A.2"]);
    }

    #[test]
    fn header_names() {
        let cases = [
            ("Status Code", Some(0)),
            ("http status code", Some(0)),
            ("  HTTP   Status\tCode ", Some(0)),
            ("STATUS", Some(0)),
            ("Error Code", Some(1)),
            ("Error Codes", Some(1)),
            ("code", Some(1)),
            ("Message", Some(2)),
            ("Error Message", Some(2)),
            ("Description", Some(3)),
            ("error description", Some(3)),
            ("Measure", Some(4)),
            ("Solution", Some(4)),
            ("Handling Measure", Some(4)),
            ("Handling Measures", Some(4)),
            ("Measures", None),
            ("Error", None),
            ("**Status Code**", None),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(column_of(name), want, "{name:?}");
        }
    }

    fn table(header: &str, rows: &[&str]) -> String {
        let head: Vec<&str> = header.split('|').collect();
        let widths: Vec<usize> = (0..head.len())
            .map(|k| {
                rows.iter()
                    .map(|r| r.split('|').nth(k).unwrap_or("").len())
                    .chain([head[k].len()])
                    .max()
                    .unwrap()
                    + 2
            })
            .collect();
        let border = |c: char| {
            let mut s = String::from("+");
            for w in &widths {
                s.extend(std::iter::repeat(c).take(*w));
                s.push('+');
            }
            s + "\n"
        };
        let line = |cells: &str| {
            let mut s = String::from("|");
            for (k, w) in widths.iter().enumerate() {
                let cell = cells.split('|').nth(k).unwrap_or("");
                s += &format!(" {cell:<0$} |", w - 2);
            }
            s + "\n"
        };
        let mut t = border('-') + &line(header) + &border('=');
        for r in rows {
            t += &line(r);
            t += &border('-');
        }
        t
    }

    #[test]
    fn columns_in_schema_order() {
        let text = table(
            "Error Codes|Solution|HTTP Status Code|Error Message",
            &["KMS.1|Retry.|400|Bad."],
        );
        let c = convert(&text).unwrap();
        assert_eq!(
            c.records,
            vec![["400", "KMS.1", "Bad.", "", "Retry."].map(String::from)]
        );
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn unknown_header_in_error_table_is_an_error() {
        let text = table("Status|Code|Mesage", &["400|A|x"]);
        let e = convert(&text).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 2);
        let m = &e[0].message;
        assert!(
            m.starts_with("unknown column header `Mesage`; accepted headers"),
            "{m}"
        );
        for name in ACCEPTED.iter().flat_map(|n| n.iter()) {
            assert!(m.contains(&format!("`{name}`")), "{name}: {m}");
        }
    }

    #[test]
    fn repeated_column_is_an_error() {
        let text = table("Status|Code|HTTP Status Code", &["400|A|400"]);
        let e = convert(&text).unwrap_err();
        assert!(
            e[0].message.contains("`Status` and `HTTP Status Code`"),
            "{:?}",
            e
        );
    }

    #[test]
    fn missing_status_or_code() {
        let e = convert(&table("Code|Message", &["A|x"])).unwrap_err();
        assert!(e[0].message.contains("has no `status` column;"), "{e:?}");
        let e = convert(&table("Status|Message", &["400|x"])).unwrap_err();
        assert!(e[0].message.contains("has no `code` column;"), "{e:?}");
        let e = convert(&table("Parameter|Type", &["a|b"])).unwrap_err();
        assert!(e[0]
            .message
            .contains("no `status` column and no `code` column"));
        assert!(e[0].message.contains("`Parameter`, `Type`"), "{e:?}");
        assert!(e[0]
            .message
            .contains("; accepted headers (any case): `status`: "));
        let e = convert("+---+\n| a |\n+---+\n").unwrap_err();
        assert!(e[0].message.contains("no header"), "{e:?}");
        let e = convert("Title\n=====\n").unwrap_err();
        assert!(e[0].message.contains("no RST grid table"), "{e:?}");
    }

    #[test]
    fn other_tables_are_skipped_with_a_warning() {
        let params = table("Parameter|Type", &["a|b"]);
        let codes = table("Status Code|Error Code", &["400|A"]);
        let more = table("Code|Status|Description", &["B|500|d"]);
        let text = format!("{params}\n{codes}\n{more}");
        let c = convert(&text).unwrap();
        assert_eq!(
            c.records,
            vec![
                ["400", "A", "", "", ""].map(String::from),
                ["500", "B", "", "d", ""].map(String::from),
            ]
        );
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].line, 2);
        assert_eq!(
            c.warnings[0].message,
            "table skipped: table with header `Parameter`, `Type` has no `status` column and no \
             `code` column"
        );
        // No table maps: one error per table.
        let text = format!("{params}\n{}", table("Code|Type", &["a|b"]));
        let e = convert(&text).unwrap_err();
        assert_eq!(e.iter().map(|d| d.line).collect::<Vec<_>>(), vec![2, 8]);
    }

    #[test]
    fn csv_quoting() {
        let records = vec![[
            "400".to_string(),
            "A,B".to_string(),
            "say \"hi\"".to_string(),
            "multi\nline\r".to_string(),
            "plain 'single' **bold** \\* ;".to_string(),
        ]];
        assert_eq!(
            to_csv(&records),
            "status,code,message,description,measure\n\
             400,\"A,B\",\"say \"\"hi\"\"\",\"multi\nline\r\",plain 'single' **bold** \\* ;\n"
        );
        assert_eq!(to_csv(&[]), "status,code,message,description,measure\n");
    }
}
