//! The header line: which column each header cell names, and what is wrong with it.
//!
//! A catalog's columns are found by name, in any order. Names match case-insensitively, with
//! surrounding space ignored and `_`, `-` and spaces inside ignored (`Status Code`,
//! `status_code`, `STATUS-CODE` are one name), and besides the canonical names the names the
//! vendors' documentation pages use are accepted ([`COLUMNS`]). A name that matches nothing
//! is an error in a catalog, with a did-you-mean ([`suggest`]): a misspelt column must never
//! be dropped silently.

use crate::csv::Record;
use crate::ctxt::Ctxt;
use crate::names::{closest, normalize};

/// A column of a catalog.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Column {
    /// The HTTP status (required).
    Status,
    /// The error code (required).
    Code,
    /// The error message.
    Message,
    /// A longer description.
    Description,
    /// What to do about the error (the vendors' "measure" or "solution").
    Measure,
    /// The kind of failure (`not_found`, ...).
    Kind,
    /// Why a tool suggested the row's kind (the phrase that decided), for a maintainer to
    /// review; empty once the kind is filled or reviewed by hand.
    Suggested,
    /// A documentation link for the row (`https://...`).
    Url,
    /// Other spellings of the code, separated by `|` (`APIGW.0301`).
    Alias,
}

/// Every column: its canonical name and the other header names accepted for it.
pub const COLUMNS: [(Column, &str, &[&str]); 9] = [
    (
        Column::Status,
        "status",
        &[
            "Status Code",
            "HTTP Status Code",
            "HTTP Status",
            "Response Code",
        ],
    ),
    (
        Column::Code,
        "code",
        &["Error Code", "Error Codes", "Error Type"],
    ),
    (Column::Message, "message", &["Error Message"]),
    (
        Column::Description,
        "description",
        &["Error Description", "Error Code Description"],
    ),
    (
        Column::Measure,
        "measure",
        &[
            "Measures",
            "Solution",
            "Handling Measure",
            "Handling Measures",
            "Handling Measure(s)",
            "Troubleshooting",
            "Remediation",
        ],
    ),
    (
        Column::Kind,
        "kind",
        &["Error Kind", "Category", "Error Category"],
    ),
    (
        Column::Suggested,
        "suggested",
        &[
            "Kind Suggested",
            "Suggested Kind",
            "Kind Suggestion",
            "Suggestion",
        ],
    ),
    (
        Column::Url,
        "url",
        &[
            "Doc URL",
            "Docs URL",
            "Documentation",
            "Documentation URL",
            "Help URL",
            "Link",
        ],
    ),
    (
        Column::Alias,
        "alias",
        &[
            "Aliases",
            "Alias Codes",
            "Alternative Code",
            "Alternative Codes",
            "Also Known As",
        ],
    ),
];

impl Column {
    /// The canonical name (`"status"`), as the catalog CSV writes it.
    pub fn name(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(c, ..)| *c == self)
            .map_or("", |(_, n, _)| n)
    }
}

/// The column a header cell names, if any.
pub fn column_of(name: &str) -> Option<Column> {
    let n = normalize(name);
    for (c, canonical, others) in &COLUMNS {
        if normalize(canonical) == n || others.iter().any(|o| normalize(o) == n) {
            return Some(*c);
        }
    }
    None
}

/// `` `status`, `code`, `message`, `description`, `measure`, `kind`, `suggested`, `url` or `alias` ``.
pub fn expected() -> String {
    let mut out = String::new();
    for (i, (_, name, _)) in COLUMNS.iter().enumerate() {
        out.push_str(match i {
            0 => "`",
            _ if i + 1 == COLUMNS.len() => "` or `",
            _ => "`, `",
        });
        out.push_str(name);
    }
    out.push('`');
    out
}

/// The canonical name of the column a mistyped header most likely means: the accepted name
/// closest to it, if it is within about a third of its length in edits
/// ([`crate::names::closest`]).
pub fn suggest(name: &str) -> Option<&'static str> {
    let mut accepted = Vec::new();
    for (_, canonical, others) in &COLUMNS {
        accepted.push((*canonical, normalize(canonical)));
        for o in *others {
            accepted.push((*canonical, normalize(o)));
        }
    }
    closest(name, &accepted)
}

/// The column of each header field (`None` for an unknown one). Problems are reported; rows
/// are still checked against the known columns so that all errors show at once.
pub(crate) fn header_columns(header: &Record, cx: &mut Ctxt) -> Vec<Option<Column>> {
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
                        if normalize(name) == c.name() {
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
                let hint = match suggest(name) {
                    Some(s) => format!("; did you mean `{s}`?"),
                    None => String::new(),
                };
                cx.error_at(
                    f.start.line,
                    f.start.col(),
                    format_args!("unknown column `{name}`: expected {}{hint}", expected()),
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

/// The header's names as written, separated by `,` (in messages).
pub(crate) fn header_names(header: &Record) -> String {
    let mut out = String::new();
    for (i, f) in header.fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&f.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_and_vendor_names() {
        let cases = [
            ("status", Column::Status),
            ("Status", Column::Status),
            ("STATUS", Column::Status),
            ("Status Code", Column::Status),
            ("  HTTP   Status\tCode ", Column::Status),
            ("http_status_code", Column::Status),
            ("Response Code", Column::Status),
            ("code", Column::Code),
            ("Error Code", Column::Code),
            ("Error Codes", Column::Code),
            ("ERROR-TYPE", Column::Code),
            ("Code", Column::Code),
            ("Message", Column::Message),
            ("Error Message", Column::Message),
            ("error_message", Column::Message),
            ("Description", Column::Description),
            ("Error Description", Column::Description),
            ("Error Code Description", Column::Description),
            ("Measure", Column::Measure),
            ("Measures", Column::Measure),
            ("Solution", Column::Measure),
            ("Handling Measure", Column::Measure),
            ("Handling Measures", Column::Measure),
            ("Handling Measure(s)", Column::Measure),
            ("Troubleshooting", Column::Measure),
            ("Remediation", Column::Measure),
            ("kind", Column::Kind),
            ("Category", Column::Kind),
            ("Error Kind", Column::Kind),
            ("URL", Column::Url),
            ("Documentation", Column::Url),
            ("doc_url", Column::Url),
        ];
        for (name, column) in cases {
            assert_eq!(column_of(name), Some(column), "{name:?}");
        }
        for name in [
            "",
            "Module",
            "Error",
            "mesage",
            "**Status Code**",
            "Status Codes X",
        ] {
            assert_eq!(column_of(name), None, "{name:?}");
        }
    }

    #[test]
    fn every_accepted_name_is_distinct() {
        let mut all: Vec<String> = COLUMNS
            .iter()
            .flat_map(|(_, c, o)| std::iter::once(*c).chain(o.iter().copied()))
            .map(normalize)
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("mesage"), Some("message"));
        assert_eq!(suggest("descripton"), Some("description"));
        assert_eq!(suggest("Stauts"), Some("status"));
        assert_eq!(suggest("Error Mesage"), Some("message"));
        assert_eq!(suggest("Solutoin"), Some("measure"));
        assert_eq!(suggest("colour"), None);
        assert_eq!(suggest("Module"), None);
        assert_eq!(suggest(""), None);
    }

    #[test]
    fn names_and_expected_list() {
        assert_eq!(Column::Measure.name(), "measure");
        assert_eq!(
            expected(),
            "`status`, `code`, `message`, `description`, `measure`, `kind`, `suggested`, `url` or `alias`"
        );
    }
}
