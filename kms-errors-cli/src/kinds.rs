//! `--kinds-from`: carries the hand-filled `kind` and `alias` columns of an existing catalog over
//! to a fresh conversion.
//!
//! The API reference pages have no `kind` column: it is filled by hand in `catalog.csv` (the
//! main README says how), as is the `alias` column of `gateway.csv`. Regenerating a catalog from
//! a newer page keeps those decisions: each converted row gets the kind its code has in the
//! existing catalog (with its `suggested` cell, when that kind was suggested and not reviewed
//! yet); the codes it does not have are returned, for one summary and for suggestions
//! (`import` decides). When the existing catalog has an `alias` column, each row
//! also gets all of its code's aliases there, joined with `|` in the catalog's order (an empty
//! cell for a code without any).
//!
//! The existing catalog is read by the front end, as the macro reads it: any delimiter, any
//! accepted header names, a byte-order mark; and it must be a valid catalog.

use crate::catalog::{slot, Row};
use crate::grid::Diag;
use kms_errors_catalog::header::{column_of, Column};
use kms_errors_catalog::kind::kind_cell;
use kms_errors_catalog::{csv, source, status, valid, Ctxt};
use std::collections::HashMap;

/// What `--kinds-from` takes from an existing catalog: the (status, kind cell) of each row
/// that has a kind, by code, in file order, and why the kind was suggested (`""`: filled by
/// hand); and, when it has an `alias` column, each code's aliases.
#[derive(Debug, Default)]
pub struct Kinds {
    by_code: HashMap<String, Vec<(u16, &'static str)>>,
    /// The `suggested` cell of each code's rows with a kind that a tool suggested: by
    /// (code, kind cell).
    suggested: HashMap<(String, &'static str), String>,
    /// The aliases of each code that has some, in the catalog's order, each once; `None` when
    /// the catalog has no `alias` column.
    aliases: Option<HashMap<String, Vec<String>>>,
}

/// What an existing catalog says about a converted row's kind.
#[derive(Debug, PartialEq, Eq)]
enum Lookup {
    Kind(&'static str),
    /// No row of the code has a kind.
    Missing,
    /// The code's rows (with the row's statuses, or else all of them) have several kinds.
    Differs(Vec<&'static str>),
}

impl Kinds {
    /// Reads the catalog file `bytes`, named `name` in messages. Errors: those of the front
    /// end (the catalog must be valid), and a catalog without a kind column. An `alias` column
    /// is optional.
    pub fn read(name: &str, bytes: Vec<u8>) -> Result<Kinds, Vec<String>> {
        let mut cx = Ctxt::new(name);
        let Some(text) = source::decode(bytes, &mut cx) else {
            return Err(cx.into_messages());
        };
        let records = csv::records(&text, csv::detect_delimiter(&text), &mut cx);
        let has = |column: Column| {
            records.first().is_some_and(|header| {
                header
                    .fields
                    .iter()
                    .any(|f| column_of(&f.text) == Some(column))
            })
        };
        let (has_kind, has_alias) = (has(Column::Kind), has(Column::Alias));
        let catalog = valid::catalog(name, records, &mut cx);
        if !cx.is_ok() {
            return Err(cx.into_messages());
        }
        if !has_kind {
            return Err(vec![format!(
                "{name}:1: the catalog has no `kind` column to take kinds from"
            )]);
        }
        let mut by_code = HashMap::new();
        let mut suggested = HashMap::new();
        for code in &catalog.codes {
            let mut kinds: Vec<(u16, &'static str)> = Vec::new();
            for r in &code.rows {
                if let Some(k) = r.kind {
                    let name = kind_cell(k, r.throttled);
                    kinds.push((r.status, name));
                    if !r.suggested.is_empty() {
                        let key = (code.code.to_string(), name);
                        suggested.insert(key, r.suggested.to_string());
                    }
                }
            }
            if !kinds.is_empty() {
                by_code.insert(code.code.to_string(), kinds);
            }
        }
        let aliases = has_alias.then(|| {
            catalog
                .codes
                .iter()
                .filter(|code| !code.aliases.is_empty())
                .map(|code| {
                    let aliases = code.aliases.iter().map(|a| a.text.to_string()).collect();
                    (code.code.to_string(), aliases)
                })
                .collect()
        });
        Ok(Kinds {
            by_code,
            suggested,
            aliases,
        })
    }

    /// Whether the catalog has an `alias` column (then the output has one too).
    pub fn has_alias_column(&self) -> bool {
        self.aliases.is_some()
    }

    /// The kind for a row with `code` and the status cell `status`: that of the code's rows
    /// with one of its statuses, else that of all the code's rows.
    fn lookup(&self, code: &str, status: &str) -> Lookup {
        let Some(rows) = self.by_code.get(code.trim()) else {
            return Lookup::Missing;
        };
        let statuses = status::statuses(status).unwrap_or_default();
        let same_status: Vec<&'static str> = rows
            .iter()
            .filter(|(s, _)| statuses.contains(s))
            .map(|&(_, k)| k)
            .collect();
        let candidates = if same_status.is_empty() {
            rows.iter().map(|&(_, k)| k).collect()
        } else {
            same_status
        };
        let mut distinct: Vec<&'static str> = Vec::new();
        for k in candidates {
            if !distinct.contains(&k) {
                distinct.push(k);
            }
        }
        match distinct.as_slice() {
            [k] => Lookup::Kind(k),
            _ => Lookup::Differs(distinct),
        }
    }
}

/// What [`fill`] did not carry over.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// At most one per code about its kind, one about its aliases: a code given several
    /// kinds (the first is taken), a page kind that differs, page aliases that differ.
    pub warnings: Vec<Diag>,
    /// The codes the catalog has no kind for (their `kind` cells are left empty), each once,
    /// in page order.
    pub missing: Vec<String>,
}

/// Fills the empty `kind` cells of `rows` from `kinds` (named `name` in messages), with their
/// `suggested` cells when the catalog's kind was suggested and not reviewed, and, when
/// `kinds` has an `alias` column, the empty `alias` cells; what the page gives is kept.
pub fn fill(rows: &mut [Row], kinds: &Kinds, name: &str) -> Carried {
    let mut warned_kind: Vec<String> = Vec::new();
    let mut warned_alias: Vec<String> = Vec::new();
    let mut out = Carried::default();
    for row in rows {
        let (code, line) = (row.cell(Column::Code).to_owned(), row.line);
        let mut warn = |message: Option<String>, warned: &mut Vec<String>| {
            if let Some(message) = message {
                if !warned.contains(&code) {
                    out.warnings.push(Diag::new(line, message));
                    warned.push(code.clone());
                }
            }
        };
        match fill_kind(row, kinds, name) {
            Err(()) => {
                if !out.missing.contains(&code) {
                    out.missing.push(code.clone());
                }
            }
            Ok(message) => warn(message, &mut warned_kind),
        }
        if let Some(aliases) = &kinds.aliases {
            warn(fill_aliases(row, aliases, name), &mut warned_alias);
        }
    }
    out
}

/// Fills `row`'s `kind` cell (and its `suggested` cell) if it is empty; the warning about it,
/// if any; `Err` when the catalog has no kind for the code and the page gives none.
fn fill_kind(row: &mut Row, kinds: &Kinds, name: &str) -> Result<Option<String>, ()> {
    let code = row.cell(Column::Code).to_owned();
    let page = row.cell(Column::Kind).trim().to_owned();
    let found = kinds.lookup(&code, row.cell(Column::Status));
    let set = |row: &mut Row, kind: &'static str| {
        row.cells[slot(Column::Kind)] = kind.to_owned();
        if let Some(why) = kinds.suggested.get(&(code.trim().to_owned(), kind)) {
            row.cells[slot(Column::Suggested)].clone_from(why);
        }
    };
    Ok(match (&found, page.is_empty()) {
        (Lookup::Kind(k), true) => {
            set(row, k);
            None
        }
        (Lookup::Kind(k), false)
            if kms_errors_catalog::kind::from_name(&page).map(|(k, t)| kind_cell(k, t))
                != Ok(*k) =>
        {
            Some(format!(
                "the page gives `{code}` the kind `{page}`, {name} gives `{k}`; the page's is kept"
            ))
        }
        (Lookup::Missing, true) => return Err(()),
        (Lookup::Differs(all), true) => {
            set(row, all[0]);
            let all: Vec<String> = all.iter().map(|k| format!("`{k}`")).collect();
            Some(format!(
                "{name} gives `{code}` several kinds ({}); took the first",
                all.join(", ")
            ))
        }
        _ => None,
    })
}

/// Fills `row`'s `alias` cell, if it names no spelling, with all the aliases its code has in
/// `aliases` (joined with `|`; empty when the code has none). Page aliases are kept; the
/// warning when they differ from the catalog's (as spellings, in order, each once).
fn fill_aliases(
    row: &mut Row,
    aliases: &HashMap<String, Vec<String>>,
    name: &str,
) -> Option<String> {
    let code = row.cell(Column::Code).trim();
    let catalog = aliases.get(code).map(Vec::as_slice).unwrap_or_default();
    let page = spellings(row.cell(Column::Alias));
    if page.is_empty() {
        row.cells[slot(Column::Alias)] = catalog.join("|");
        return None;
    }
    if catalog.is_empty() || page == catalog {
        return None;
    }
    Some(format!(
        "the page gives `{code}` the aliases `{}`, {name} gives `{}`; the page's are kept",
        page.join("|"),
        catalog.join("|")
    ))
}

/// The spellings in an `alias` cell, as the front end reads them: separated by `|`,
/// surrounding white space removed, empty ones ignored; each once.
fn spellings(cell: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for a in cell.split('|').map(str::trim).filter(|a| !a.is_empty()) {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Kinds, Vec<String>> {
        Kinds::read("old.csv", text.as_bytes().to_vec())
    }

    fn row(line: usize, status: &str, code: &str, kind: &str) -> Row {
        Row {
            line,
            cells: [status, code, "m", "", "", kind, "", "", ""].map(String::from),
        }
    }

    fn kinds_of(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.cell(Column::Kind)).collect()
    }

    /// A row whose page gives it the alias cell `alias`.
    fn aliased(line: usize, status: &str, code: &str, alias: &str) -> Row {
        let mut r = row(line, status, code, "");
        r.cells[slot(Column::Alias)] = alias.to_owned();
        r
    }

    fn aliases_of(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.cell(Column::Alias)).collect()
    }

    /// A catalog with an `alias` column: A.1's aliases are spread over its rows (one given
    /// twice), B has one, C none.
    const ALIASED: &str = "status,code,kind,alias\n\
        400,A.1,invalid_argument, X.1 | x-1 \n\
        404,A.1,not_found,\n\
        409,A.1,already_exists,Y.1|X.1\n\
        500,B,internal,B.2\n\
        503,C,unavailable,\n";

    #[test]
    fn kinds_are_carried_over_by_code() {
        let kinds = read(
            "status,code,message,kind\n404,A.1,\"x, \"\"y\"\"\",not_found\n400,A.2,z,\n\n409,A.3,w,AlreadyExists\r\n",
        )
        .unwrap();
        let mut rows = [
            row(4, "404", "A.1", ""),
            row(6, "400", "A.2", ""),
            row(8, "409", "A.3", ""),
            row(10, "500", "A.4", ""),
            row(12, "500", "A.4", ""),
            row(14, "400", "A.1", "internal"),
        ];
        let carried = fill(&mut rows, &kinds, "old.csv");
        assert_eq!(
            kinds_of(&rows),
            ["not_found", "", "already_exists", "", "", "internal"]
        );
        // The codes without a kind: each once, for one summary, not a warning each.
        assert_eq!(carried.missing, ["A.2", "A.4"]);
        assert_eq!(
            carried.warnings,
            [Diag::new(
                14,
                "the page gives `A.1` the kind `internal`, old.csv gives `not_found`; the \
                 page's is kept"
            )]
        );
    }

    #[test]
    fn a_code_with_several_kinds_goes_by_status() {
        let kinds =
            read("status,code,kind\n400,B,invalid_argument\n500,B,internal\n404,B,not_found\n")
                .unwrap();
        let mut rows = [
            row(4, "500", "B", ""),
            row(6, "404 Not Found", "B", ""),
            row(8, "400/500", "B", ""),
            row(10, "409", "B", ""),
        ];
        let w = fill(&mut rows, &kinds, "old.csv").warnings;
        assert_eq!(
            kinds_of(&rows),
            [
                "internal",
                "not_found",
                "invalid_argument",
                "invalid_argument"
            ]
        );
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 8);
        assert_eq!(
            w[0].message,
            "old.csv gives `B` several kinds (`invalid_argument`, `internal`); took the first"
        );
    }

    /// The front end reads the catalog: `;`, vendor and upper-case header names, a BOM.
    #[test]
    fn any_catalog_the_front_end_reads() {
        let text = "\u{feff}Error Code;HTTP Status Code;KIND\nA.1;404;not_found\n";
        let kinds = read(text).unwrap();
        let mut rows = [row(4, "404", "A.1", "")];
        assert_eq!(fill(&mut rows, &kinds, "old.csv"), Carried::default());
        assert_eq!(kinds_of(&rows), ["not_found"]);
        let kinds = read("\u{feff}KIND,STATUS,CODE\nnot_found,404,A.1\n").unwrap();
        assert_eq!(kinds.lookup("A.1", "404"), Lookup::Kind("not_found"));
        // A throttling row's kind is carried as `throttled`.
        let kinds = read("status,code,kind\n400,A.1,Throttled\n").unwrap();
        assert_eq!(kinds.lookup("A.1", "400"), Lookup::Kind("throttled"));
    }

    #[test]
    fn reports_problems_with_their_position() {
        assert_eq!(
            read("").unwrap_err(),
            ["old.csv: the catalog is empty: expected a header line such as `status,code,message,description,measure`"]
        );
        assert_eq!(
            read("status,code\n400,A\n").unwrap_err(),
            ["old.csv:1: the catalog has no `kind` column to take kinds from"]
        );
        let e = read("status,code,kind\n400,A\n").unwrap_err();
        assert!(
            e[0].starts_with("old.csv:2:6: this row has 2 field(s) but the header has 3"),
            "{e:?}"
        );
        let e = read("status,code,kind\n400,A,\"x\n").unwrap_err();
        assert!(
            e[0].starts_with("old.csv:2:7: this quoted cell is never closed"),
            "{e:?}"
        );
        let e = read("status,code,kind\n400,A,nope\n").unwrap_err();
        assert!(
            e[0].starts_with("old.csv:2:7: column `kind`: `nope` is not a kind"),
            "{e:?}"
        );
        let e = Kinds::read("old.csv", b"status,code,kind\n\xff".to_vec()).unwrap_err();
        assert!(
            e[0].starts_with("old.csv:2:1: the catalog is not valid UTF-8"),
            "{e:?}"
        );
    }

    #[test]
    fn aliases_are_carried_over_by_code() {
        let kinds = read(ALIASED).unwrap();
        assert!(kinds.has_alias_column());
        let mut rows = [
            row(4, "400", "A.1", ""),
            row(6, "404", "A.1", ""),
            row(8, "500", "A.1", ""),
            row(10, "500", "B", ""),
            row(12, "503", "C", ""),
            row(14, "400", "D", ""),
        ];
        let w = fill(&mut rows, &kinds, "old.csv").warnings;
        // All of a code's aliases, in the catalog's order, each once, on every row of it.
        assert_eq!(
            aliases_of(&rows),
            ["X.1|x-1|Y.1", "X.1|x-1|Y.1", "X.1|x-1|Y.1", "B.2", "", ""]
        );
        assert_eq!(
            kinds_of(&rows),
            [
                "invalid_argument",
                "not_found",
                "invalid_argument",
                "internal",
                "unavailable",
                ""
            ]
        );
        // Only the kinds warn: a code without aliases needs no warning.
        assert_eq!(
            w,
            [Diag::new(
                8,
                "old.csv gives `A.1` several kinds (`invalid_argument`, `not_found`, \
                     `already_exists`); took the first"
            ),]
        );
    }

    #[test]
    fn page_aliases_are_kept_with_a_warning_when_they_differ() {
        let kinds = read(ALIASED).unwrap();
        let mut rows = [
            aliased(4, "400", "A.1", "Z.1"),
            aliased(6, "404", "A.1", "Z.1|X.1"),
            // The same spellings, written differently: no warning.
            aliased(8, "500", "B", " B.2 | B.2 |"),
            // Spellings the catalog does not have for a code: kept, no warning.
            aliased(10, "503", "C", "C.9"),
            // A cell that names no spelling is filled.
            aliased(12, "500", "B", " | "),
            aliased(14, "409", "A.1", ""),
        ];
        let w = fill(&mut rows, &kinds, "old.csv").warnings;
        assert_eq!(
            aliases_of(&rows),
            [
                "Z.1",
                "Z.1|X.1",
                " B.2 | B.2 |",
                "C.9",
                "B.2",
                "X.1|x-1|Y.1"
            ]
        );
        // Once per code, at its first differing row.
        assert_eq!(
            w,
            [Diag::new(
                4,
                "the page gives `A.1` the aliases `Z.1`, old.csv gives `X.1|x-1|Y.1`; the \
                 page's are kept"
            )]
        );
        // The order of the spellings counts.
        let mut rows = [aliased(4, "409", "A.1", "Y.1|X.1|x-1")];
        let w = fill(&mut rows, &kinds, "old.csv").warnings;
        assert_eq!(aliases_of(&rows), ["Y.1|X.1|x-1"]);
        assert_eq!(
            w,
            [Diag::new(
                4,
                "the page gives `A.1` the aliases `Y.1|X.1|x-1`, old.csv gives `X.1|x-1|Y.1`; \
                 the page's are kept"
            )]
        );
    }

    /// A kind warning and an alias warning for one code are both given, in row order.
    #[test]
    fn kind_and_alias_warnings_for_one_code() {
        let kinds = read(ALIASED).unwrap();
        let mut rows = [
            aliased(4, "500", "B", "B.3"),
            Row {
                line: 6,
                cells: ["500", "B", "m", "", "", "unknown", "", "", "B.3"].map(String::from),
            },
        ];
        let w = fill(&mut rows, &kinds, "old.csv").warnings;
        assert_eq!(kinds_of(&rows), ["internal", "unknown"]);
        assert_eq!(
            w,
            [
                Diag::new(
                    4,
                    "the page gives `B` the aliases `B.3`, old.csv gives `B.2`; the page's are \
                     kept"
                ),
                Diag::new(
                    6,
                    "the page gives `B` the kind `unknown`, old.csv gives `internal`; the \
                     page's is kept"
                ),
            ]
        );
    }

    #[test]
    fn a_catalog_without_an_alias_column_leaves_the_aliases_alone() {
        let kinds = read("status,code,kind\n400,A.1,invalid_argument\n").unwrap();
        assert!(!kinds.has_alias_column());
        let mut rows = [aliased(4, "400", "A.1", "P.1"), row(6, "400", "A.1", "")];
        assert_eq!(fill(&mut rows, &kinds, "old.csv"), Carried::default());
        assert_eq!(aliases_of(&rows), ["P.1", ""]);
        assert_eq!(kinds_of(&rows), ["invalid_argument", "invalid_argument"]);
        // An alias column, even an empty one, is a column: the output gets it. Vendor header
        // names count.
        let kinds = read("status,code,kind,alias\n400,A.1,invalid_argument,\n").unwrap();
        assert!(kinds.has_alias_column());
        let kinds =
            read("Error Code;Status Code;Category;Alias Codes\nA.1;400;unknown;A-1\n").unwrap();
        assert!(kinds.has_alias_column());
        let mut rows = [row(4, "400", "A.1", "")];
        assert_eq!(fill(&mut rows, &kinds, "old.csv"), Carried::default());
        assert_eq!(aliases_of(&rows), ["A-1"]);
    }

    /// The catalog's aliases are checked by the front end as the macro checks them.
    #[test]
    fn a_catalog_with_bad_aliases_is_refused() {
        let e = read("status,code,kind,alias\n400,A.1,internal,A.1\n").unwrap_err();
        assert_eq!(
            e,
            ["old.csv:2:18: column `alias`: `A.1` is the code itself"]
        );
    }
}
