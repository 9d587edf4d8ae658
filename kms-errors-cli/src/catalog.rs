//! From grid tables to catalog rows: which tables are error-code tables, which of their columns
//! are catalog columns, and the rows in document order.
//!
//! The text cells (`message`, `description`, `measure`) are converted from RST inline markup
//! to plain text here, once ([`crate::rst`]): the catalog keeps what it is given byte for
//! byte.
//!
//! Header names are the front end's ([`kms_errors_catalog::header`]): a table header names a
//! catalog column exactly when a catalog header of that name would.

use crate::grid::{self, Diag, Table};
use kms_errors_catalog::header::{self, column_of, suggest, Column};

/// The catalog columns, in output order. The optional ones (`kind`, `suggested`, `url`,
/// `alias`) are written only when some row has them (`import` decides).
pub const OUTPUT: [Column; 9] = [
    Column::Status,
    Column::Code,
    Column::Message,
    Column::Description,
    Column::Measure,
    Column::Kind,
    Column::Suggested,
    Column::Url,
    Column::Alias,
];

/// The text columns: their cells are RST inline markup on a page and plain text in a
/// catalog ([`crate::rst::plain`] converts them); the other cells are copied as written.
pub const TEXT: [Column; 3] = [Column::Message, Column::Description, Column::Measure];

/// Where `column` is in [`OUTPUT`] (and in [`Row::cells`]).
pub const fn slot(column: Column) -> usize {
    match column {
        Column::Status => 0,
        Column::Code => 1,
        Column::Message => 2,
        Column::Description => 3,
        Column::Measure => 4,
        Column::Kind => 5,
        Column::Suggested => 6,
        Column::Url => 7,
        Column::Alias => 8,
    }
}

/// A catalog row: its cells in [`OUTPUT`] order (`""` for a column its table lacks), and the
/// input line it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Input line of the row's first text line.
    pub line: usize,
    pub cells: [String; 9],
}

impl Row {
    pub fn cell(&self, column: Column) -> &str {
        &self.cells[slot(column)]
    }
}

/// The result of a conversion.
#[derive(Debug, Default)]
pub struct Conversion {
    pub rows: Vec<Row>,
    /// Whether some converted table has a kind column.
    pub kind_column: bool,
    /// Whether some converted table has a documentation link column.
    pub url_column: bool,
    /// Whether some converted table has an alias column.
    pub alias_column: bool,
    /// Tables left out (not error-code tables), columns dropped and similar remarks.
    pub warnings: Vec<Diag>,
}

/// How a table relates to the catalog.
enum Mapping {
    /// An error-code table: the [`OUTPUT`] slot of each table column (`None`: dropped), and a
    /// warning naming the dropped columns, if any.
    Columns(Vec<Option<usize>>, Option<Diag>),
    /// Not an error-code table, and why; `true` when the reason is about the header names.
    Skip(Diag, bool),
}

/// "`status`: `status`, `Status Code`, ...; `code`: ..." — every header name accepted.
fn accepted_list() -> String {
    let columns: Vec<String> = header::COLUMNS
        .iter()
        .map(|(_, canonical, others)| {
            let names: Vec<String> = std::iter::once(canonical)
                .chain(others.iter())
                .map(|n| format!("`{n}`"))
                .collect();
            format!("`{canonical}`: {}", names.join(", "))
        })
        .collect();
    format!(
        "accepted headers (any case; `_`, `-` and spaces ignored): {}",
        columns.join("; ")
    )
}

fn quoted(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

/// A header cell as messages name it: `` `Module` ``, or its position when it is empty.
fn shown(k: usize, name: &str) -> String {
    if name.trim().is_empty() {
        format!("column {} (empty header)", k + 1)
    } else {
        format!("`{name}`")
    }
}

/// The headers that name no column but look like a misspelt one: (position, header, the
/// canonical name it most likely means).
fn misspelt(cells: &[String]) -> Vec<(usize, &str, &'static str)> {
    cells
        .iter()
        .enumerate()
        .filter(|(_, h)| column_of(h).is_none())
        .filter_map(|(k, h)| suggest(h).map(|s| (k, h.as_str(), s)))
        .collect()
}

/// A table is an error-code table when it has a `status` and a `code` column. Its headers
/// that name no catalog column are dropped with a warning, unless one looks like a misspelt
/// catalog column ([`suggest`]): that is an error, as is a column named twice, and so is a
/// table whose `status` or `code` header itself is misspelt. Any other table is skipped.
fn mapping(table: &Table) -> Result<Mapping, Diag> {
    let Some(head) = &table.header else {
        return Ok(Mapping::Skip(
            Diag::new(
                table.line,
                "table has no header (no `+===+` line under its first row)",
            ),
            false,
        ));
    };
    let columns: Vec<Option<Column>> = head.cells.iter().map(|h| column_of(h)).collect();
    let typos = misspelt(&head.cells);
    let names = |c: Column| columns.contains(&Some(c));
    let looks_like = |c: Column| names(c) || typos.iter().any(|t| t.2 == c.name());
    if !(looks_like(Column::Status) && looks_like(Column::Code)) {
        return Ok(Mapping::Skip(skipped(head, &columns, &typos), true));
    }
    if !typos.is_empty() {
        let list: Vec<String> = typos
            .iter()
            .map(|(k, h, s)| format!("{}: did you mean `{s}`?", shown(*k, h)))
            .collect();
        let s = if typos.len() == 1 { "" } else { "s" };
        return Err(Diag::new(
            head.line,
            format!(
                "unknown column header{s} {}; a header that looks like a misspelt catalog \
                 column is not dropped: correct it (or rename the column); {}",
                list.join("; "),
                accepted_list()
            ),
        ));
    }
    for (k, c) in columns.iter().enumerate() {
        if let Some(first) = (0..k).find(|&j| c.is_some() && columns[j] == *c) {
            return Err(Diag::new(
                head.line,
                format!(
                    "headers `{}` and `{}` both name the `{}` column",
                    head.cells[first],
                    head.cells[k],
                    c.map_or("", Column::name)
                ),
            ));
        }
    }
    Ok(Mapping::Columns(
        columns.iter().map(|c| c.map(slot)).collect(),
        dropped(head, &columns),
    ))
}

/// The warning for the columns of an error-code table that name no catalog column.
fn dropped(head: &grid::Row, columns: &[Option<Column>]) -> Option<Diag> {
    let dropped: Vec<String> = head
        .cells
        .iter()
        .enumerate()
        .filter(|&(k, _)| columns[k].is_none())
        .map(|(k, h)| shown(k, h))
        .collect();
    if dropped.is_empty() {
        return None;
    }
    let (s, them) = if dropped.len() == 1 {
        ("", "it names")
    } else {
        ("s", "they name")
    };
    Some(Diag::new(
        head.line,
        format!(
            "column{s} {} dropped: {them} no catalog column (expected {})",
            dropped.join(", "),
            header::expected()
        ),
    ))
}

/// Why a table with header `head` is not an error-code table.
fn skipped(head: &grid::Row, columns: &[Option<Column>], typos: &[(usize, &str, &str)]) -> Diag {
    let has = |c: Column| columns.contains(&Some(c));
    let missing = match (has(Column::Status), has(Column::Code)) {
        (false, false) => "no `status` column and no `code` column",
        (false, true) => "no `status` column",
        _ => "no `code` column",
    };
    let header_list = quoted(&head.cells.iter().map(String::as_str).collect::<Vec<_>>());
    let hints: String = typos
        .iter()
        .map(|(k, h, s)| format!(" ({}: did you mean `{s}`?)", shown(*k, h)))
        .collect();
    Diag::new(
        head.line,
        format!("table with header {header_list} has {missing}{hints}"),
    )
}

/// Converts every grid table of `text` that is an error-code table, in order.
///
/// Errors: a malformed table, an error-code table with a misspelt or repeated header, no
/// table, no table that maps (then one diagnostic per table), or no rows at all.
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
    let mut converted = Vec::new();
    for table in &tables {
        match mapping(table).map_err(|d| vec![d])? {
            Mapping::Skip(d, names) => skipped.push((d, names)),
            Mapping::Columns(columns, dropped) => {
                converted.push(table.line);
                out.warnings.extend(dropped);
                out.kind_column |= columns.contains(&Some(slot(Column::Kind)));
                out.url_column |= columns.contains(&Some(slot(Column::Url)));
                out.alias_column |= columns.contains(&Some(slot(Column::Alias)));
                if table.body.is_empty() {
                    out.warnings
                        .push(Diag::new(table.line, "error-code table without rows"));
                }
                out.rows.extend(table.body.iter().map(|row| Row {
                    line: row.line,
                    cells: std::array::from_fn(|s| {
                        let Some(k) = columns.iter().position(|&c| c == Some(s)) else {
                            return String::new();
                        };
                        let cell = &row.cells[k];
                        if TEXT.iter().any(|&t| slot(t) == s) {
                            crate::rst::plain(cell).into_owned()
                        } else {
                            cell.clone()
                        }
                    }),
                }));
            }
        }
    }
    if converted.is_empty() {
        let accepted = accepted_list();
        return Err(skipped
            .into_iter()
            .map(|(d, names)| match names {
                true => Diag::new(d.line, format!("{}; {accepted}", d.message)),
                false => d,
            })
            .collect());
    }
    if out.rows.is_empty() {
        let lines: Vec<String> = converted.iter().map(usize::to_string).collect();
        return Err(vec![Diag::new(
            converted[0],
            format!(
                "the error-code table(s) (line {}) have no rows: a catalog needs at least one",
                lines.join(", ")
            ),
        )]);
    }
    out.warnings.extend(skipped.into_iter().map(|(d, _)| Diag {
        message: format!("table skipped: {}", d.message),
        ..d
    }));
    out.warnings.sort_by_key(|d| d.line);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_order_and_slots_agree() {
        for (s, c) in OUTPUT.iter().enumerate() {
            assert_eq!(slot(*c), s);
        }
        let names: Vec<&str> = OUTPUT.iter().map(|c| c.name()).collect();
        assert_eq!(
            names,
            [
                "status",
                "code",
                "message",
                "description",
                "measure",
                "kind",
                "suggested",
                "url",
                "alias"
            ]
        );
    }

    fn table(header: &str, rows: &[&str]) -> String {
        let head: Vec<&str> = header.split('|').collect();
        let widths: Vec<usize> = (0..head.len())
            .map(|k| {
                rows.iter()
                    .map(|r| r.split('|').nth(k).unwrap_or("").chars().count())
                    .chain([head[k].chars().count()])
                    .max()
                    .unwrap()
                    + 2
            })
            .collect();
        let border = |c: char| {
            let mut s = String::from("+");
            for w in &widths {
                s.extend(std::iter::repeat_n(c, *w));
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

    /// The cells of each row up to the kind (no page here has a `suggested` column, and only
    /// `documentation_links` has links).
    fn cells(c: &Conversion) -> Vec<Vec<&str>> {
        c.rows
            .iter()
            .map(|r| {
                assert_eq!(r.cell(Column::Url), "");
                assert_eq!(r.cell(Column::Suggested), "");
                r.cells[..slot(Column::Suggested)]
                    .iter()
                    .map(String::as_str)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn documentation_links() {
        let text = table(
            "Error Code|Status Code|Documentation",
            &["A.1|404|https://e.example/a"],
        );
        let c = convert(&text).unwrap();
        assert!(c.url_column && !c.kind_column);
        assert_eq!(c.rows[0].cell(Column::Url), "https://e.example/a");
        assert_eq!(c.rows[0].cell(Column::Code), "A.1");
    }

    #[test]
    fn columns_in_output_order() {
        let text = table(
            "Error Codes|Solution|HTTP Status Code|Error Message",
            &["KMS.1|Retry.|400|Bad."],
        );
        let c = convert(&text).unwrap();
        assert_eq!(cells(&c), [["400", "KMS.1", "Bad.", "", "Retry.", ""]]);
        assert_eq!(c.rows[0].line, 4);
        assert!(!c.kind_column);
        assert!(c.warnings.is_empty());
    }

    /// The importer accepts exactly the front end's header names.
    #[test]
    fn header_names_are_the_front_ends() {
        for (column, canonical, others) in header::COLUMNS {
            for name in std::iter::once(canonical).chain(others.iter().copied()) {
                for variant in [
                    name.to_string(),
                    name.to_uppercase(),
                    name.replace(' ', "_"),
                ] {
                    let header = if column == Column::Code {
                        format!("Status|{variant}")
                    } else if column == Column::Status {
                        format!("{variant}|Code")
                    } else {
                        format!("Status|Code|{variant}")
                    };
                    let row = if column == Column::Kind {
                        "400|A|not_found"
                    } else {
                        "400|A|x"
                    };
                    let c = convert(&table(&header, &[row])).unwrap();
                    assert!(c.warnings.is_empty(), "{variant}: {:?}", c.warnings);
                    let r = &c.rows[0];
                    assert_eq!(r.cell(Column::Status), "400", "{variant}");
                    if !matches!(column, Column::Status | Column::Code) {
                        assert_eq!(r.cell(column), row.rsplit('|').next().unwrap());
                    }
                    assert_eq!(c.kind_column, column == Column::Kind, "{variant}");
                }
            }
        }
    }

    #[test]
    fn vendor_header_names() {
        let text = table(
            "Response Code|Error Type|Error Code Description|Handling Measure(s)|Category",
            &["409|Conflict|Exists.|Rename.|already_exists"],
        );
        let c = convert(&text).unwrap();
        assert_eq!(
            cells(&c),
            [[
                "409",
                "Conflict",
                "",
                "Exists.",
                "Rename.",
                "already_exists"
            ]]
        );
        assert!(c.kind_column);
    }

    #[test]
    fn other_columns_are_dropped_with_a_warning() {
        let text = table(
            "Module|Status Code|Error Code|Message||Remarks",
            &[
                "Public|400|NET.0002|Zone name missing.|x|y",
                "|404|NET.0003|No network.||",
            ],
        );
        let c = convert(&text).unwrap();
        assert_eq!(
            cells(&c),
            [
                ["400", "NET.0002", "Zone name missing.", "", "", ""],
                ["404", "NET.0003", "No network.", "", "", ""],
            ]
        );
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].line, 2);
        assert_eq!(
            c.warnings[0].message,
            "columns `Module`, column 5 (empty header), `Remarks` dropped: they name no catalog \
             column (expected `status`, `code`, `message`, `description`, `measure`, `kind`, `suggested`, `url` or `alias`)"
        );
        let c = convert(&table("Module|Status|Code", &["m|400|A"])).unwrap();
        assert!(
            c.warnings[0]
                .message
                .starts_with("column `Module` dropped: it names no"),
            "{:?}",
            c.warnings
        );
    }

    #[test]
    fn misspelt_header_is_an_error_with_a_suggestion() {
        let text = table("Status|Code|Error Mesage|Module", &["400|A|x|m"]);
        let e = convert(&text).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 2);
        let m = &e[0].message;
        assert!(
            m.starts_with("unknown column header `Error Mesage`: did you mean `message`?; "),
            "{m}"
        );
        assert!(!m.contains("Module"), "{m}");
        for (_, canonical, others) in header::COLUMNS {
            for name in std::iter::once(canonical).chain(others.iter().copied()) {
                assert!(m.contains(&format!("`{name}`")), "{name}: {m}");
            }
        }
        // A misspelt `status` or `code` header still makes an error-code table.
        let e = convert(&table("Stauts Code|Error Code", &["400|A"])).unwrap_err();
        assert!(
            e[0].message
                .starts_with("unknown column header `Stauts Code`: did you mean `status`?"),
            "{e:?}"
        );
        let e = convert(&table("Stauts|Error Cdoe", &["400|A"])).unwrap_err();
        assert!(
            e[0].message.starts_with(
                "unknown column headers `Stauts`: did you mean `status`?; `Error Cdoe`: did you \
                 mean `code`?"
            ),
            "{e:?}"
        );
    }

    #[test]
    fn repeated_column_is_an_error() {
        let text = table("Status|Code|HTTP Status Code", &["400|A|400"]);
        let e = convert(&text).unwrap_err();
        assert_eq!(
            e[0].message,
            "headers `Status` and `HTTP Status Code` both name the `status` column"
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
        assert!(e[0].message.contains("; accepted headers (any case;"));
        // A hint for a header that looks like a misspelt column.
        let e = convert(&table("Codes|Meaning", &["A|x"])).unwrap_err();
        assert!(
            e[0].message.starts_with(
                "table with header `Codes`, `Meaning` has no `status` column and no `code` \
                 column (`Codes`: did you mean `code`?); accepted"
            ),
            "{e:?}"
        );
        let e = convert("+---+\n| a |\n+---+\n").unwrap_err();
        assert!(e[0].message.contains("no header"), "{e:?}");
        let e = convert("Title\n=====\n").unwrap_err();
        assert!(e[0].message.contains("no RST grid table"), "{e:?}");
    }

    #[test]
    fn no_rows_is_an_error() {
        let empty = "+--------+------+\n| Status | Code |\n+========+======+\n";
        let e = convert(empty).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 1);
        assert!(e[0].message.contains("have no rows"), "{e:?}");
        // An empty table among others is a warning.
        let text = format!("{empty}\n{}", table("Status|Code", &["400|A"]));
        let c = convert(&text).unwrap();
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.warnings[0].message, "error-code table without rows");
    }

    #[test]
    fn other_tables_are_skipped_with_a_warning() {
        let params = table("Parameter|Type", &["a|b"]);
        let codes = table("Status Code|Error Code", &["400|A"]);
        let more = table("Code|Status|Description", &["B|500|d"]);
        let text = format!("{params}\n{codes}\n{more}");
        let c = convert(&text).unwrap();
        assert_eq!(
            cells(&c),
            [["400", "A", "", "", "", ""], ["500", "B", "", "d", "", ""]]
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
}
