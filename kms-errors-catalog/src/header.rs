//! Header names: which column a header cell names.
//!
//! A catalog's columns are found by name, in any order. Names match case-insensitively, with
//! surrounding space ignored and `_`, `-` and spaces inside ignored (`Status Code`,
//! `status_code`, `STATUS-CODE` are one name), and besides the canonical names the names the
//! vendors' documentation pages use are accepted ([`COLUMNS`]). A name that matches nothing
//! is an error in a catalog, with a did-you-mean ([`suggest`]): a misspelt column must never
//! be dropped silently.

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
    /// A documentation link for the row (`https://...`).
    Url,
    /// Other spellings of the code, separated by `|` (`APIGW.0301`).
    Alias,
}

/// Every column: its canonical name and the other header names accepted for it.
pub const COLUMNS: [(Column, &str, &[&str]); 8] = [
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

/// Lower case, without surrounding space and without `_`, `-` and white space inside.
pub fn normalize(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !matches!(c, '_' | '-') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The column a header cell names, if any.
pub fn column_of(name: &str) -> Option<Column> {
    let n = normalize(name);
    COLUMNS
        .iter()
        .find(|(_, canonical, others)| {
            normalize(canonical) == n || others.iter().any(|o| normalize(o) == n)
        })
        .map(|(c, ..)| *c)
}

/// `` `status`, `code`, `message`, `description`, `measure`, `kind`, `url` or `alias` ``.
pub fn expected() -> String {
    let names: Vec<String> = COLUMNS.iter().map(|(_, n, _)| format!("`{n}`")).collect();
    let (rest, last) = names.split_at(names.len() - 1);
    format!("{} or {}", rest.join(", "), last.concat())
}

/// The canonical name of the column a mistyped header most likely means: the accepted name
/// closest to it, if it is within about a third of its length in edits.
pub fn suggest(name: &str) -> Option<&'static str> {
    let n = normalize(name);
    if n.is_empty() {
        return None;
    }
    COLUMNS
        .iter()
        .flat_map(|(_, canonical, others)| {
            std::iter::once(*canonical)
                .chain(others.iter().copied())
                .map(move |accepted| (*canonical, normalize(accepted)))
        })
        .map(|(canonical, accepted)| (canonical, distance(&n, &accepted), accepted.len()))
        .filter(|&(_, d, len)| d <= (len / 3).max(1))
        .min_by_key(|&(_, d, _)| d)
        .map(|(canonical, ..)| canonical)
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
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
    fn edit_distances() {
        for (a, b, d) in [
            ("", "", 0),
            ("", "abc", 3),
            ("abc", "", 3),
            ("abc", "abc", 0),
            ("kitten", "sitting", 3),
            ("flaw", "lawn", 2),
            ("mesage", "message", 1),
            ("stauts", "status", 2),
            ("é", "e", 1),
        ] {
            assert_eq!(distance(a, b), d, "{a:?} {b:?}");
            assert_eq!(distance(b, a), d, "{b:?} {a:?}");
        }
    }

    #[test]
    fn names_and_expected_list() {
        assert_eq!(Column::Measure.name(), "measure");
        assert_eq!(
            expected(),
            "`status`, `code`, `message`, `description`, `measure`, `kind`, `url` or `alias`"
        );
    }
}
