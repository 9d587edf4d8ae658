//! The retry table is written twice for its readers, in `Retry`'s rustdoc
//! (`kms-errors-core/src/retry.rs`) and in `kms-errors/README.md` ("Retry decisions"), and
//! decided once, by `Retry::of`. This test reads both tables, checks they are the same text,
//! and evaluates the table as written (the first line that applies) against `Retry::of` for
//! every kind, at every status 100..=599, for rows that are throttling rows and rows that are
//! not.
//!
//! The table's grammar, as this test reads it: a row is `| the error | decision |`; the error
//! is one or more alternatives separated by `; `, each naming kinds (`` `not_found` ``, any
//! kind when none), statuses (numbers after `HTTP`, any status when none) and, with
//! `` `throttled` ``, a throttling row; `anything else` applies always. The decision is the
//! first of `` `No` ``, `` `IfIdempotent` ``, `` `Yes` ``, `` `Throttled` `` in its cell.

use kms_errors::{ErrorKind, Retry};

const README: &str = include_str!("../kms-errors/README.md");
const RETRY_RS: &str = include_str!("../kms-errors-core/src/retry.rs");
const HEADER: &str = "| the error | `retry()` |";

/// One alternative of a row: what it applies to.
#[derive(Debug)]
struct When {
    kinds: Vec<ErrorKind>,
    statuses: Vec<u16>,
    throttled: bool,
    always: bool,
}

impl When {
    fn applies(&self, kind: ErrorKind, status: u16, throttled: bool) -> bool {
        self.always
            || ((self.kinds.is_empty() || self.kinds.contains(&kind))
                && (self.statuses.is_empty() || self.statuses.contains(&status))
                && (!self.throttled || throttled))
    }
}

/// The table's lines (header included), from the line `HEADER` to the first line that is
/// not a row, with `prefix` (`/// ` in rustdoc) removed.
fn table<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| {
            l.trim_start()
                .strip_prefix(prefix.trim_end())
                .unwrap_or(l)
                .trim()
        })
        .collect();
    let start = lines
        .iter()
        .position(|l| *l == HEADER)
        .unwrap_or_else(|| panic!("no `{HEADER}` table"));
    lines[start..]
        .iter()
        .take_while(|l| l.starts_with('|'))
        .copied()
        .collect()
}

/// The words in backquotes in `s`.
fn quoted(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn parse(lines: &[&str]) -> Vec<(Vec<When>, Retry)> {
    assert_eq!(lines[1], "|---|---|");
    lines[2..]
        .iter()
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            assert_eq!(cells.len(), 2, "{line}");
            let decision = quoted(cells[1])
                .into_iter()
                .find_map(|w| match w {
                    "No" => Some(Retry::No),
                    "IfIdempotent" => Some(Retry::IfIdempotent),
                    "Yes" => Some(Retry::Yes),
                    "Throttled" => Some(Retry::Throttled),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("no decision in {line}"));
            let when = cells[0]
                .trim()
                .split("; ")
                .map(|alt| {
                    let words = quoted(alt);
                    let kinds = ErrorKind::ALL
                        .iter()
                        .copied()
                        .filter(|k| words.contains(&k.as_str()))
                        .collect();
                    let statuses = match alt.find("HTTP ") {
                        Some(at) => alt[at + 5..]
                            .split(|c: char| !c.is_ascii_digit())
                            .filter_map(|w| w.parse().ok())
                            .filter(|s| (100..=599).contains(s))
                            .collect(),
                        None => Vec::new(),
                    };
                    let w = When {
                        kinds,
                        statuses,
                        throttled: words.contains(&"throttled"),
                        always: alt.starts_with("anything else"),
                    };
                    assert!(
                        w.always || w.throttled || !w.kinds.is_empty() || !w.statuses.is_empty(),
                        "`{alt}` names no kind, status or throttling"
                    );
                    w
                })
                .collect();
            (when, decision)
        })
        .collect()
}

/// What the table decides: its first row that applies.
fn decide(rows: &[(Vec<When>, Retry)], kind: ErrorKind, status: u16, throttled: bool) -> Retry {
    rows.iter()
        .find(|(when, _)| when.iter().any(|w| w.applies(kind, status, throttled)))
        .map(|(_, r)| *r)
        .expect("the last row applies to anything")
}

#[test]
fn readme_and_rustdoc_show_one_table() {
    assert_eq!(table(README, ""), table(RETRY_RS, "/// "));
}

#[test]
fn the_table_decides_as_retry_of() {
    for (name, text, prefix) in [
        ("kms-errors/README.md", README, ""),
        ("retry.rs", RETRY_RS, "/// "),
    ] {
        let rows = parse(&table(text, prefix));
        let mut cases = 0;
        for &kind in ErrorKind::ALL {
            for status in 100..=599 {
                for throttled in [false, true] {
                    assert_eq!(
                        decide(&rows, kind, status, throttled),
                        Retry::of(kind, status, throttled),
                        "{name}: {kind} at {status}, throttled: {throttled}"
                    );
                    cases += 1;
                }
            }
        }
        assert_eq!(cases, 16 * 500 * 2);
    }
}

/// The parser reads what it is meant to: a table that says something else fails.
#[test]
fn a_wrong_table_is_caught() {
    let table = table(README, "");
    let wrong: Vec<String> = table
        .iter()
        .map(|l| l.replace("500, 502 or 504", "500 or 502"))
        .collect();
    let wrong: Vec<&str> = wrong.iter().map(String::as_str).collect();
    let rows = parse(&wrong);
    assert_eq!(
        decide(&rows, ErrorKind::Internal, 504, false),
        Retry::No,
        "the edited table no longer retries a 504"
    );
    assert_ne!(Retry::of(ErrorKind::Internal, 504, false), Retry::No);
}
