//! The bundled tables, read by the tests themselves (a strict RFC 4180 reader of their own),
//! as the reference the generated `ErrorCode` is checked against: `catalog.csv` (the KMS
//! and CSMS codes) and `gateway.csv` (the API gateway's), in the order `kms_errors!()`
//! composes them.

#![allow(dead_code)] // each test that includes this module uses part of it

/// The KMS and CSMS table as compiled into `kms-errors` (the root `catalog.csv` links to it).
pub const KMS: &str = include_str!("../../kms-errors-catalog/catalog.csv");
/// The API gateway's table as compiled into `kms-errors`.
pub const GATEWAY: &str = include_str!("../../kms-errors-catalog/gateway.csv");

/// A row of a bundled table, its cells as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub description: String,
    pub measure: String,
    pub kind: String,
    /// The `alias` cell split at `|` (none for the KMS table, which has no such column).
    pub aliases: Vec<String>,
}

/// A minimal RFC 4180 reader: `,` separates cells, LF or CRLF ends a record, a cell that
/// starts with `"` is quoted (`""` inside is one `"`, commas and line breaks are text).
/// Malformed input panics, so a broken catalog cannot pass as a short one.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                at_cell_start = false;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            cell.push('"');
                        }
                        Some('"') => break,
                        Some(other) => cell.push(other),
                        None => panic!("unterminated quoted cell: {cell:?}"),
                    }
                }
                match chars.peek() {
                    None | Some(',' | '\n' | '\r') => {}
                    Some(other) => panic!("{other:?} after the closing quote of {cell:?}"),
                }
            }
            '"' => panic!("a quote inside the unquoted cell {cell:?}"),
            ',' => {
                record.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
                at_cell_start = true;
            }
            other => {
                at_cell_start = false;
                cell.push(other);
            }
        }
    }
    if !at_cell_start || !record.is_empty() || !cell.is_empty() {
        record.push(cell);
        records.push(record);
    }
    records
}

/// The rows of one table, its cells found by header name; every row must have the header's
/// width.
pub fn table(text: &str) -> Vec<Row> {
    let mut records = parse_csv(text).into_iter();
    let header = records.next().expect("a header line");
    let col = |name: &str| header.iter().position(|h| h == name);
    let need = |name: &str| col(name).unwrap_or_else(|| panic!("no `{name}` in {header:?}"));
    let (status, code, message) = (need("status"), need("code"), need("message"));
    let (description, measure, kind) = (need("description"), need("measure"), need("kind"));
    let alias = col("alias");
    records
        .enumerate()
        .map(|(i, r)| {
            assert_eq!(r.len(), header.len(), "data row {}: {r:?}", i + 1);
            Row {
                status: r[status]
                    .parse()
                    .unwrap_or_else(|_| panic!("status {:?}", r[status])),
                code: r[code].clone(),
                message: r[message].clone(),
                description: r[description].clone(),
                measure: r[measure].clone(),
                kind: r[kind].clone(),
                aliases: alias.map_or_else(Vec::new, |a| {
                    r[a].split('|')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                }),
            }
        })
        .collect()
}

/// Every row of both tables, the KMS table's first.
pub fn rows() -> Vec<Row> {
    let mut rows = table(KMS);
    rows.extend(table(GATEWAY));
    rows
}

/// Runtime text: `**X**` becomes `X`; an unbalanced `**` is a test failure.
pub fn strip_bold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find("**") {
        let after = &rest[open + 2..];
        let close = after
            .find("**")
            .unwrap_or_else(|| panic!("unbalanced ** in {s:?}"));
        assert!(close > 0, "empty **** in {s:?}");
        out.push_str(&rest[..open]);
        out.push_str(&after[..close]);
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}
