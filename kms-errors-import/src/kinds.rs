//! `--kinds-from`: carries the `kind` column of an existing catalog over to a fresh conversion.
//!
//! The API reference pages have no `kind` column: it is filled by hand in `catalog.csv` (the
//! main README says how). Regenerating the catalog from a newer page keeps those decisions:
//! each converted row gets the kind its code has in the existing catalog; rows whose code it
//! does not have get an empty kind (the macro then derives it from the status) and a warning.

use crate::catalog::{slot, Row};
use kms_errors_catalog::header::Column;
use std::collections::HashMap;

/// Fills the empty `kind` cells of `rows` from `kinds` by code (a kind the page gives is
/// kept); returns the codes that have no kind there (their cell stays empty).
pub fn fill(rows: &mut [Row], kinds: &HashMap<String, String>) -> Vec<String> {
    let mut missing = Vec::new();
    for row in rows {
        if !row.cell(Column::Kind).trim().is_empty() {
            continue;
        }
        match kinds.get(row.cell(Column::Code).trim()) {
            Some(k) => row.cells[slot(Column::Kind)] = k.clone(),
            None => missing.push(row.cell(Column::Code).to_owned()),
        }
    }
    missing
}

/// Reads the `code` → `kind` map of a catalog CSV. Errors name the line.
pub fn read(text: &str) -> Result<HashMap<String, String>, String> {
    let records = parse_csv(text)?;
    let mut records = records.into_iter();
    let (_, header) = records.next().ok_or("1: the catalog is empty")?;
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("1: the catalog has no `{name}` column"))
    };
    let (code, kind) = (col("code")?, col("kind")?);
    let mut map = HashMap::new();
    for (line, record) in records {
        let (Some(c), Some(k)) = (record.get(code), record.get(kind)) else {
            return Err(format!("{line}: the row has {} fields", record.len()));
        };
        if !k.trim().is_empty() {
            map.entry(c.trim().to_owned())
                .or_insert_with(|| k.trim().to_owned());
        }
    }
    Ok(map)
}

/// RFC 4180 records with the line each starts on; blank lines skipped.
fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut out = Vec::new();
    let (mut line, mut start_line) = (1, 1);
    let (mut record, mut cell) = (Vec::new(), String::new());
    let (mut quoted, mut at_start, mut quote_line) = (false, true, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if at_start => {
                quoted = true;
                quote_line = line;
            }
            ',' if !quoted => {
                record.push(std::mem::take(&mut cell));
                at_start = true;
                continue;
            }
            '\r' if !quoted && chars.peek() == Some(&'\n') => {}
            '\n' if !quoted => {
                if !(record.is_empty() && cell.is_empty()) {
                    record.push(std::mem::take(&mut cell));
                    out.push((start_line, std::mem::take(&mut record)));
                }
                line += 1;
                start_line = line;
                at_start = true;
                continue;
            }
            '\n' => {
                line += 1;
                cell.push(c);
            }
            c => cell.push(c),
        }
        at_start = false;
    }
    if quoted {
        return Err(format!("{quote_line}: a quoted cell is never closed"));
    }
    if !(record.is_empty() && cell.is_empty()) {
        record.push(cell);
        out.push((start_line, record));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_carried_over_by_code() {
        let row = |code: &str, kind: &str| Row {
            line: 1,
            cells: ["404", code, "m", "", "", kind].map(String::from),
        };
        let kinds = [("A.1".to_string(), "not_found".to_string())]
            .into_iter()
            .collect();
        let mut rows = [row("A.1", ""), row("A.2", ""), row("A.1", "internal")];
        assert_eq!(fill(&mut rows, &kinds), ["A.2"]);
        let got: Vec<&str> = rows.iter().map(|r| r.cell(Column::Kind)).collect();
        assert_eq!(got, ["not_found", "", "internal"]);
    }

    #[test]
    fn reads_kinds_by_code() {
        let map = read("status,code,message,kind\n404,A.1,\"x, \"\"y\"\"\",not_found\n400,A.2,z,\n\n409,A.3,w,already_exists\r\n").unwrap();
        assert_eq!(map.len(), 2);
        assert_eq!(map["A.1"], "not_found");
        assert_eq!(map["A.3"], "already_exists");
    }

    #[test]
    fn reports_problems_with_their_line() {
        assert_eq!(read("").unwrap_err(), "1: the catalog is empty");
        assert_eq!(
            read("status,code\n").unwrap_err(),
            "1: the catalog has no `kind` column"
        );
        assert_eq!(
            read("code,kind\nA\n").unwrap_err(),
            "2: the row has 1 fields"
        );
        assert_eq!(
            read("code,kind\nA,\"x\n").unwrap_err(),
            "2: a quoted cell is never closed"
        );
    }
}
