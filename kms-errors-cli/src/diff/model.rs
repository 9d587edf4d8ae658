//! The catalogs as `diff` compares them ([`Side`]: each code's rows as written, and the
//! encoded tables the runtime reads), and the comparison ([`compare`]).
//!
//! **What is compared.** Codes by their exact string (the runtime's lookup is exact and
//! case-sensitive); aliases by their exact spelling; within a code, statuses. The decisions
//! are the runtime's own: each catalog is encoded
//! ([`kms_errors_catalog::table::Tables::encode`]) and read with
//! [`kms_errors_core::table::Catalog`], whose `error_kind` and `error_retry` the generated
//! types call. For an error received with (code, status), its [`Decisions`]:
//!
//! * `kind`, `retry` ([`kms_errors_core::Retry`]'s name), `throttled` (the decision is
//!   `Retry::Throttled`), `not_found` (kind `not_found`), `conflict` (kind `already_exists` or
//!   `aborted`, or HTTP 409), `quota` (kind `resource_exhausted` and not throttled);
//!
//! compared at every status either catalog documents for the code: at a status only one of
//! them documents, the other side's error reads the code's first row (its declared kind, else
//! the status's kind). So a status added whose row decides as the code's first row did is
//! additive; one that decides otherwise is a decision change too. A code's later rows with a
//! status it already has (the KMS page repeats rows; the front end merges exact duplicates,
//! rows that differ stay) are read by `ErrorCode::rows()` and the docs, not by errors: they
//! are compared by position within the status (`row` 2, 3, ...), their `kind` and `retry` as
//! `Row::kind()` and `Row::retry()` give them.
//!
//! Errors of a code added were `Unknown` before: their decisions are not compared (the code
//! is additive). Line numbers and file names (the docs' "Source:" line) are not compared.

use super::decisions::Decisions;
use super::report::{impact_of, AliasChange, Change, Entry, Report, Value};
use kms_errors_catalog::kind::kind_cell;
use kms_errors_catalog::model;
use kms_errors_catalog::table::Tables;
use kms_errors_core::table::Catalog as Decoded;
use kms_errors_core::ErrorKind;

/// One row of a code, as compared: its texts as written and its kind cell.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    status: u16,
    message: String,
    description: String,
    measure: String,
    /// The row's link, else its file's; `""`: none.
    url: String,
    kind: Option<ErrorKind>,
    throttled: bool,
}

impl Row {
    /// The `kind` cell as the catalog writes it: a kind, `throttled`, or none (a row is
    /// throttled only with a kind, `ResourceExhausted`).
    fn kind_cell(&self) -> Value {
        match self.kind {
            Some(k) => Value::Name(kind_cell(k, self.throttled).to_owned()),
            None => Value::Null,
        }
    }
}

/// One code of a catalog, as compared.
#[derive(Clone, Debug)]
struct Code {
    code: String,
    ident: String,
    aliases: Vec<String>,
    rows: Vec<Row>,
}

impl Code {
    /// Its distinct statuses, in order of first appearance.
    fn statuses(&self) -> Vec<u16> {
        let mut out: Vec<u16> = Vec::new();
        for r in &self.rows {
            if !out.contains(&r.status) {
                out.push(r.status);
            }
        }
        out
    }

    /// Its rows with `status`, in order, with their positions among all its rows.
    fn rows_with(&self, status: u16) -> Vec<(usize, &Row)> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.status == status)
            .collect()
    }
}

/// A catalog as the diff reads it: its codes (owned) and its encoded tables, read as the
/// runtime reads them.
pub struct Side {
    name: String,
    codes: Vec<Code>,
    rows: usize,
    tables: Tables,
}

impl Side {
    /// The side of `cat`, named `name` in the report.
    pub(super) fn of(name: &str, cat: &model::Catalog) -> Side {
        let codes = cat
            .codes
            .iter()
            .map(|c| Code {
                code: c.code.to_string(),
                ident: c.ident.clone(),
                aliases: c.aliases.iter().map(|a| a.text.to_string()).collect(),
                rows: c
                    .rows
                    .iter()
                    .map(|r| Row {
                        status: r.status,
                        message: r.message.to_string(),
                        description: r.description.to_string(),
                        measure: r.measure.to_string(),
                        url: match cat.files.get(r.file) {
                            Some(f) if r.url.is_empty() => f.docs.to_string(),
                            _ => r.url.to_string(),
                        },
                        kind: r.kind,
                        throttled: r.throttled,
                    })
                    .collect(),
            })
            .collect();
        Side {
            name: name.to_owned(),
            codes,
            rows: cat.row_count(),
            tables: Tables::encode(cat),
        }
    }

    /// Parses the catalog CSV `text` with the front end; its errors as the macro words them.
    #[cfg(test)]
    pub(super) fn parse(name: &str, text: &str) -> Result<Side, Vec<String>> {
        use kms_errors_catalog::Ctxt;
        let mut cx = Ctxt::new(name);
        let cat = kms_errors_catalog::parse(name, text, None, &mut cx);
        if cx.is_ok() {
            Ok(Side::of(name, &cat))
        } else {
            Err(cx.into_messages())
        }
    }

    /// The encoded tables, as the runtime reads them.
    pub(super) fn decoded(&self) -> Decoded<'_> {
        Decoded {
            error_name: "",
            code_name: "",
            docs: "",
            text: &self.tables.text,
            code_data: &self.tables.codes,
            row_data: &self.tables.rows,
        }
    }

    fn position(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|c| c.code == code)
    }
}

/// Compares `old` with `new`.
pub fn compare(old: &Side, new: &Side) -> Report {
    let entry = |c: &Code| Entry {
        code: c.code.clone(),
        variant: c.ident.clone(),
        statuses: c.statuses(),
        aliases: c.aliases.clone(),
        variant_now_of: None,
    };
    let mut report = Report {
        old: (old.name.clone(), old.codes.len(), old.rows),
        new: (new.name.clone(), new.codes.len(), new.rows),
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        aliases_added: Vec::new(),
        aliases_removed: Vec::new(),
    };
    for c in &new.codes {
        if old.position(&c.code).is_none() {
            report.added.push(entry(c));
        }
    }
    for c in &old.codes {
        if new.position(&c.code).is_none() {
            let mut e = entry(c);
            e.variant_now_of = new
                .codes
                .iter()
                .find(|n| n.ident == c.ident)
                .map(|n| n.code.clone());
            report.removed.push(e);
        }
    }
    let moved = moved(old, new);
    let (t_old, t_new) = (old.decoded(), new.decoded());
    for (j, b) in new.codes.iter().enumerate() {
        let Some(i) = old.position(&b.code) else {
            continue;
        };
        let a = &old.codes[i];
        let mut push = |status: Option<u16>, row: Option<usize>, field, o: Value, n: Value| {
            let impact = impact_of(field, &n);
            report.changed.push(Change {
                code: b.code.clone(),
                status,
                row,
                field,
                old: o,
                new: n,
                impact,
            });
        };
        if a.ident != b.ident {
            push(
                None,
                None,
                "variant",
                Value::Name(a.ident.clone()),
                Value::Name(b.ident.clone()),
            );
        }
        let (first_a, first_b) = (&a.rows[0], &b.rows[0]);
        if first_a.status != first_b.status {
            push(
                None,
                None,
                "first_status",
                Value::Number(first_a.status.into()),
                Value::Number(first_b.status.into()),
            );
            let (start_a, _) = t_old.row_range(i);
            let (start_b, _) = t_new.row_range(j);
            let (ka, kb) = (t_old.row_kind(start_a), t_new.row_kind(start_b));
            if ka != kb {
                push(
                    None,
                    None,
                    "code_kind",
                    Value::Name(ka.as_str().to_owned()),
                    Value::Name(kb.as_str().to_owned()),
                );
            }
        }
        let (cell_a, cell_b) = (first_a.kind_cell(), first_b.kind_cell());
        if (first_a.kind, first_a.throttled) != (first_b.kind, first_b.throttled) {
            push(None, None, "other_statuses", cell_a, cell_b);
        }
        if moved.contains(&b.code.as_str()) {
            push(
                None,
                None,
                "position",
                Value::Number(i + 1),
                Value::Number(j + 1),
            );
        }
        let (sa, sb) = (a.statuses(), b.statuses());
        let common_a: Vec<u16> = sa.iter().copied().filter(|s| sb.contains(s)).collect();
        let common_b: Vec<u16> = sb.iter().copied().filter(|s| sa.contains(s)).collect();
        if common_a != common_b && first_a.status == first_b.status {
            push(
                None,
                None,
                "statuses",
                Value::List(sa.clone()),
                Value::List(sb.clone()),
            );
        }
        let order = sb.iter().chain(sa.iter().filter(|s| !sb.contains(s)));
        for &status in order {
            let (in_a, in_b) = (sa.contains(&status), sb.contains(&status));
            if in_a != in_b {
                let number = Value::Number(status.into());
                if in_a {
                    push(Some(status), None, "status", number, Value::Null);
                } else {
                    push(Some(status), None, "status", Value::Null, number);
                }
            }
            // An error received with the status, as the runtime reads it.
            let (da, db) = (
                Decisions::received(&t_old, i, status),
                Decisions::received(&t_new, j, status),
            );
            for (field, o, n) in da.differences(&db) {
                push(Some(status), None, field, o, n);
            }
            if !(in_a && in_b) {
                continue;
            }
            let (ra, rb) = (a.rows_with(status), b.rows_with(status));
            for (k, (&(ja, x), &(jb, y))) in ra.iter().zip(&rb).enumerate() {
                let row = Some(k + 1);
                if k > 0 {
                    // Read by `Row::kind()` and `Row::retry()` only.
                    let (da, db) = (
                        Decisions::row(&t_old, t_old.row_range(i).0 + ja),
                        Decisions::row(&t_new, t_new.row_range(j).0 + jb),
                    );
                    for (field, o, n) in da.differences(&db) {
                        if matches!(field, "kind" | "retry") {
                            push(Some(status), row, field, o, n);
                        }
                    }
                }
                if (x.kind, x.throttled) != (y.kind, y.throttled) {
                    push(
                        Some(status),
                        row,
                        "declared_kind",
                        x.kind_cell(),
                        y.kind_cell(),
                    );
                }
                for (field, o, n) in [
                    ("message", &x.message, &y.message),
                    ("description", &x.description, &y.description),
                    ("measure", &x.measure, &y.measure),
                    ("url", &x.url, &y.url),
                ] {
                    if o != n {
                        push(
                            Some(status),
                            row,
                            field,
                            Value::Text(o.clone()),
                            Value::Text(n.clone()),
                        );
                    }
                }
            }
            if ra.len() != rb.len() {
                push(
                    Some(status),
                    None,
                    "rows",
                    Value::Number(ra.len()),
                    Value::Number(rb.len()),
                );
            }
        }
        for alias in &b.aliases {
            if !a.aliases.contains(alias) {
                report.aliases_added.push(AliasChange {
                    code: b.code.clone(),
                    alias: alias.clone(),
                });
            }
        }
        for alias in &a.aliases {
            if !b.aliases.contains(alias) {
                report.aliases_removed.push(AliasChange {
                    code: b.code.clone(),
                    alias: alias.clone(),
                });
            }
        }
    }
    report
}

/// The codes both catalogs have that moved relative to the others: those outside a longest
/// run of common codes in the same order in both.
fn moved<'a>(old: &Side, new: &'a Side) -> Vec<&'a str> {
    // The common codes in the new order, with their old positions.
    let common: Vec<(&str, usize)> = new
        .codes
        .iter()
        .filter_map(|c| old.position(&c.code).map(|i| (c.code.as_str(), i)))
        .collect();
    // Longest increasing subsequence of the old positions (patience sorting).
    let mut tails: Vec<usize> = Vec::new(); // indices into `common`
    let mut prev: Vec<Option<usize>> = vec![None; common.len()];
    for (k, &(_, pos)) in common.iter().enumerate() {
        let at = tails.partition_point(|&t| common[t].1 < pos);
        prev[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut kept = vec![false; common.len()];
    let mut k = tails.last().copied();
    while let Some(i) = k {
        kept[i] = true;
        k = prev[i];
    }
    common
        .iter()
        .zip(kept)
        .filter(|(_, kept)| !kept)
        .map(|((code, _), _)| *code)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::fixtures::{change, changes, diff, side, BASE};
    use crate::diff::report::Impact;

    #[test]
    fn identical_catalogs_have_no_change() {
        let r = diff(BASE, BASE);
        assert_eq!(r.verdict(), Impact::None);
        assert!(r.changed.is_empty() && r.added.is_empty() && r.removed.is_empty());
        assert!(r.reasons().is_empty());
        // Exact duplicates are merged by the front end; another header order reads the same.
        let dup = "status,code,message,description,measure\n\
                   400,A.1,Bad.,d,m\n404,A.1,Gone.,d,m\n400,A.1,Bad.,d,m\n400,B.2,Bad B.,d,m\n";
        let r = compare(
            &side("old.csv", BASE),
            &Side::parse("new.csv", dup).unwrap(),
        );
        assert_eq!(r.verdict(), Impact::None, "{:?}", r.changed);
    }

    #[test]
    fn codes_added_and_removed() {
        let r = diff(
            BASE,
            "400,A.1,Bad.,d,m,,,\n404,A.1,Gone.,d,m,,,\n400,C.3,New.,,,,,C3\n",
        );
        assert_eq!(r.verdict(), Impact::Breaking);
        assert_eq!(r.added.len(), 1);
        assert_eq!(
            (r.added[0].code.as_str(), r.added[0].variant.as_str()),
            ("C.3", "C3")
        );
        assert_eq!(r.added[0].aliases, ["C3"]);
        assert_eq!(r.removed[0].code, "B.2");
        assert_eq!(r.removed[0].statuses, [400]);
        let r = diff(BASE, &format!("{BASE}500,C.3,New.,,,,,\n"));
        assert_eq!(r.verdict(), Impact::Additive);
        assert_eq!(
            r.reasons(),
            [(Impact::Additive, "1 code added: C.3".to_owned())]
        );
    }

    #[test]
    fn a_removed_code_whose_variant_name_lives_on() {
        let r = diff("400,A.1,,,,,,\n", "400,A-1,,,,,,\n");
        assert_eq!(r.removed[0].variant_now_of.as_deref(), Some("A-1"));
        assert_eq!(r.added[0].variant, "A1");
        assert_eq!(r.verdict(), Impact::Breaking);
    }

    #[test]
    fn statuses_added_and_removed() {
        let r = diff(BASE, &format!("{BASE}500,B.2,Oops.,,,,,\n"));
        assert_eq!(
            changes(&r),
            [change(
                "B.2 500",
                "status",
                "(none)",
                "500",
                Impact::Additive
            )]
        );
        assert_eq!(r.verdict(), Impact::Additive);
        // Removing 404 from A.1: an error received with 404 now reads the first row, whose
        // kind is by status: still not_found.
        let r = diff(BASE, "400,A.1,Bad.,d,m,,,\n400,B.2,Bad B.,d,m,,,\n");
        assert_eq!(
            changes(&r),
            [change(
                "A.1 404",
                "status",
                "404",
                "(none)",
                Impact::Breaking
            )]
        );
        assert_eq!(
            r.reasons(),
            [(Impact::Breaking, "1 status removed: A.1 404".to_owned())]
        );
    }

    #[test]
    fn a_status_added_that_decides_otherwise() {
        // Before, an error with 404 read the first row, declared `invalid_argument`.
        let old = "400,A.1,,,,invalid_argument,,\n";
        let new = "400,A.1,,,,invalid_argument,,\n404,A.1,,,,,,\n";
        let r = diff(old, new);
        assert_eq!(
            changes(&r),
            [
                change("A.1 404", "status", "(none)", "404", Impact::Additive),
                change(
                    "A.1 404",
                    "kind",
                    "invalid_argument",
                    "not_found",
                    Impact::Breaking
                ),
                change("A.1 404", "not_found", "no", "yes", Impact::Breaking),
            ]
        );
        assert_eq!(r.verdict(), Impact::Breaking);
    }

    #[test]
    fn kinds_declared_and_by_status() {
        // A kind declared on the first row: the decisions at its status, the docs' kind cell,
        // and the kind of errors received with other statuses.
        let r = diff(
            BASE,
            &BASE.replacen("400,A.1,Bad.,d,m,,", "400,A.1,Bad.,d,m,not_found,", 1),
        );
        assert_eq!(
            changes(&r),
            [
                change(
                    "A.1 (code)",
                    "other_statuses",
                    "(by status)",
                    "not_found",
                    Impact::Breaking
                ),
                change(
                    "A.1 400",
                    "kind",
                    "invalid_argument",
                    "not_found",
                    Impact::Breaking
                ),
                change("A.1 400", "not_found", "no", "yes", Impact::Breaking),
                change(
                    "A.1 400",
                    "declared_kind",
                    "(by status)",
                    "not_found",
                    Impact::Text
                ),
            ]
        );
        // Declaring the kind the status implies on a row that is not the first: docs only.
        let r = diff(
            BASE,
            &BASE.replace("404,A.1,Gone.,d,m,,", "404,A.1,Gone.,d,m,not_found,"),
        );
        assert_eq!(
            changes(&r),
            [change(
                "A.1 404",
                "declared_kind",
                "(by status)",
                "not_found",
                Impact::Text
            )]
        );
        assert_eq!(r.verdict(), Impact::Text);
        // The kind changes because the status does: 400 removed, 409 added.
        let r = diff("400,C.1,,,,,,\n", "409,C.1,,,,,,\n");
        let fields: Vec<(String, &str)> = r.changed.iter().map(|c| (c.place(), c.field)).collect();
        assert_eq!(
            fields,
            [
                ("C.1 (code)".to_owned(), "first_status"),
                ("C.1 (code)".to_owned(), "code_kind"),
                ("C.1 409".to_owned(), "status"),
                ("C.1 400".to_owned(), "status"),
            ]
        );
    }

    #[test]
    fn throttling_and_retry() {
        let r = diff("400,T.1,,,,,,\n", "400,T.1,,,,throttled,,\n");
        assert_eq!(
            changes(&r),
            [
                change(
                    "T.1 (code)",
                    "other_statuses",
                    "(by status)",
                    "throttled",
                    Impact::Breaking
                ),
                change(
                    "T.1 400",
                    "kind",
                    "invalid_argument",
                    "resource_exhausted",
                    Impact::Breaking
                ),
                change("T.1 400", "retry", "no", "throttled", Impact::Breaking),
                change("T.1 400", "throttled", "no", "yes", Impact::Breaking),
                change(
                    "T.1 400",
                    "declared_kind",
                    "(by status)",
                    "throttled",
                    Impact::Text
                ),
            ]
        );
        // A quota at 500 (not retried) that becomes an internal error (retried if idempotent).
        let r = diff("500,Q.1,,,,resource_exhausted,,\n", "500,Q.1,,,,,,\n");
        let fields: Vec<&str> = r.changed.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            ["other_statuses", "kind", "retry", "quota", "declared_kind"]
        );
        assert_eq!(r.changed[2].new, Value::Name("if_idempotent".into()));
        // At 429 a throttling row decides nothing more than the status does, but the first
        // row's cell still decides errors received with other statuses.
        let r = diff("429,T.2,,,,,,\n", "429,T.2,,,,throttled,,\n");
        let fields: Vec<&str> = r.changed.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["other_statuses", "declared_kind"]);
    }

    #[test]
    fn texts_and_links() {
        let new = "400,A.1,Bad!,d2,m,,https://e.example/a,\n404,A.1,Gone.,d,m,,,\n400,B.2,Bad B.,d,m2,,,\n";
        let r = diff(BASE, new);
        assert_eq!(
            changes(&r),
            [
                change("A.1 400", "message", "\"Bad.\"", "\"Bad!\"", Impact::Text),
                change("A.1 400", "description", "\"d\"", "\"d2\"", Impact::Text),
                change(
                    "A.1 400",
                    "url",
                    "\"\"",
                    "\"https://e.example/a\"",
                    Impact::Text
                ),
                change("B.2 400", "measure", "\"m\"", "\"m2\"", Impact::Text),
            ]
        );
        assert_eq!(r.verdict(), Impact::Text);
        assert_eq!(
            r.reasons(),
            [
                (Impact::Text, "message changed (1): A.1 400".to_owned()),
                (Impact::Text, "description changed (1): A.1 400".to_owned()),
                (Impact::Text, "link changed (1): A.1 400".to_owned()),
                (Impact::Text, "measure changed (1): B.2 400".to_owned()),
            ]
        );
    }

    #[test]
    fn aliases() {
        let old = "400,A.1,,,,,,A-1|A_1\n";
        let r = diff(old, "400,A.1,,,,,,A_1|A1x\n");
        assert_eq!(
            r.aliases_added,
            [AliasChange {
                code: "A.1".into(),
                alias: "A1x".into()
            }]
        );
        assert_eq!(r.aliases_removed[0].alias, "A-1");
        assert_eq!(r.verdict(), Impact::Breaking);
        let r = diff(old, "400,A.1,,,,,,A-1|A_1|A1x\n");
        assert_eq!(r.verdict(), Impact::Additive);
        // Order is not compared.
        assert_eq!(diff(old, "400,A.1,,,,,,A_1|A-1\n").verdict(), Impact::None);
    }

    #[test]
    fn first_status_and_order() {
        let r = diff(
            BASE,
            "404,A.1,Gone.,d,m,,,\n400,A.1,Bad.,d,m,,,\n400,B.2,Bad B.,d,m,,,\n",
        );
        assert_eq!(
            changes(&r),
            [
                change("A.1 (code)", "first_status", "400", "404", Impact::Breaking),
                change(
                    "A.1 (code)",
                    "code_kind",
                    "invalid_argument",
                    "not_found",
                    Impact::Breaking
                ),
            ]
        );
        // Later statuses reordered: rows() and the docs only.
        let three = "400,A.1,,,,,,\n404,A.1,,,,,,\n500,A.1,,,,,,\n";
        let r = diff(three, "400,A.1,,,,,,\n500,A.1,,,,,,\n404,A.1,,,,,,\n");
        assert_eq!(
            changes(&r),
            [change(
                "A.1 (code)",
                "statuses",
                "400, 404, 500",
                "400, 500, 404",
                Impact::Text
            )]
        );
        // Codes reordered: the one that moved.
        let r = diff(
            "400,A,,,,,,\n400,B,,,,,,\n400,C,,,,,,\n400,D,,,,,,\n",
            "400,A,,,,,,\n400,C,,,,,,\n400,D,,,,,,\n400,B,,,,,,\n",
        );
        assert_eq!(
            changes(&r),
            [change("B (code)", "position", "2", "4", Impact::Additive)]
        );
        // Codes added in between move nothing.
        let r = diff(
            "400,A,,,,,,\n400,B,,,,,,\n",
            "400,A,,,,,,\n400,X,,,,,,\n400,B,,,,,,\n",
        );
        assert!(r.changed.is_empty());
    }

    #[test]
    fn repeated_rows_of_one_status() {
        let old = "400,R.1,First.,,,,,\n400,R.1,Second.,,,,,\n";
        // The second row's text: rows() and the docs.
        let r = diff(old, "400,R.1,First.,,,,,\n400,R.1,Second!,,,,,\n");
        assert_eq!(
            changes(&r),
            [change(
                "R.1 400 (row 2)",
                "message",
                "\"Second.\"",
                "\"Second!\"",
                Impact::Text
            )]
        );
        // A row fewer.
        let r = diff(old, "400,R.1,First.,,,,,\n");
        assert_eq!(
            changes(&r),
            [change("R.1 400", "rows", "2", "1", Impact::Text)]
        );
        // The second row's kind: Row::kind() and Row::retry().
        let r = diff(
            old,
            "400,R.1,First.,,,,,\n400,R.1,Second.,,,unavailable,,\n",
        );
        let fields: Vec<(String, &str)> = r.changed.iter().map(|c| (c.place(), c.field)).collect();
        assert_eq!(
            fields,
            [
                ("R.1 400 (row 2)".to_owned(), "kind"),
                ("R.1 400 (row 2)".to_owned(), "retry"),
                ("R.1 400 (row 2)".to_owned(), "declared_kind"),
            ]
        );
        assert_eq!(r.verdict(), Impact::Breaking);
    }
}
