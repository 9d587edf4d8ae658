//! `kms-errors diff OLD NEW`: what changed between two versions of a catalog for the users of
//! the types `kms_errors!` generates from it, and the semver verdict that follows (the crate
//! docs, in `main.rs`, describe the command; this module's docs say how it compares).
//!
//! **Inputs.** A catalog CSV, read by the front end as the macro reads one
//! ([`crate::catalogs::with_catalog`]), or an RST API reference page, converted as `import`
//! converts it ([`crate::import::convert`], without `--kinds-from` and without suggestions: the page as it is) and the CSV it writes read
//! by the front end. A file is a page if its name ends in `.rst`; a catalog if it ends in
//! `.csv` or `.tsv`; otherwise a page if it has a grid-table border line (`+---+...`, `+===+...`,
//! at any indentation) or a line starting with `:original_name:`, and a catalog if not.
//!
//! **What is compared.** Codes by their exact string (the runtime's lookup is exact and
//! case-sensitive); aliases by their exact spelling; within a code, statuses. The decisions
//! are the runtime's own: each catalog is encoded
//! ([`kms_errors_catalog::table::Tables::encode`]) and read with
//! [`kms_errors_core::table::Catalog`], whose `error_kind` and `error_retry` the generated
//! types call. For an error received with (code, status):
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
//!
//! **Fields** of a change (`field` in the JSON, with `old` and `new`), and their impact:
//!
//! | field | level | old / new | impact |
//! |---|---|---|---|
//! | `variant` | code | the variant name | breaking (it cannot change for one code) |
//! | `first_status` | code | `ErrorCode::status()`, the first row's status | breaking |
//! | `code_kind` | code | `ErrorCode::kind()`, the first row's kind (reported when the first status changed) | breaking |
//! | `other_statuses` | code | the first row's `kind` cell (a kind, `throttled`, or `null`: by status), which decides errors received with a status the code does not document | breaking |
//! | `position` | code | the code's position (1-based) in its catalog, for the codes that moved relative to the others (`Ord` and `ALL` follow catalog order) | additive |
//! | `statuses` | code | the code's statuses in order (reported when the common ones are reordered, the first unchanged: `rows()` and the docs follow that order) | text-only |
//! | `status` | status | `null` / the status: added (additive), or the status / `null`: removed (breaking) | |
//! | `kind`, `retry`, `throttled`, `not_found`, `conflict`, `quota` | status | kind and retry names, booleans | breaking |
//! | `declared_kind` | row | the row's `kind` cell (a kind, `throttled`, `null`), shown by the docs | text-only |
//! | `message`, `description`, `measure` | row | the text as written (RST markup included) | text-only |
//! | `url` | row | the documentation link (the row's, else its file's; `""`: none) | text-only |
//! | `rows` | status | how many rows the code has with the status | text-only |
//!
//! Aliases: of a code in both catalogs, one added is additive, one removed breaking (a spelling
//! that resolved no longer does, or resolves to another code); a code added or removed carries
//! its own. Their order is not compared.
//!
//! **Verdict**: the highest impact of any change: `breaking` (major: a code, an alias or a
//! status removed, or a decision changed), `additive` (minor: codes, aliases or statuses
//! added, codes reordered), `text-only` (patch: texts, links, declared kinds that decide
//! nothing, row counts and order), `none` (nothing observable changed). The reasons list each
//! kind of change with its count and its first few places, highest impact first. Crossing 256
//! codes changes the enum's size (one byte to two): a reason at `additive`.
//!
//! **Output.** For people (the default): a summary line (the verdict, the counts), the
//! reasons, then the sections `added codes`, `removed codes`, `changes`, `aliases`, each line
//! naming the code and the status; in the new catalog's order, then what only the old one has
//! in its order. With `--json`, one JSON document:
//!
//! ```json
//! {
//!   "old": {"name": "old.rst", "codes": 68, "rows": 68},
//!   "new": {"name": "new.rst", "codes": 185, "rows": 185},
//!   "verdict": "breaking | additive | text-only | none",
//!   "semver": "major | minor | patch | none",
//!   "reasons": [{"impact": "additive", "text": "117 codes added: KMS.0101, ..."}],
//!   "added": [{"code": "KMS.0101", "variant": "Kms0101", "statuses": [400], "aliases": []}],
//!   "removed": [{"code": "...", "variant": "...", "statuses": [...], "aliases": [...],
//!                "variant_now_of": "code in NEW with the same variant name, or null"}],
//!   "changed": [{"code": "KMS.0205", "status": 404, "row": null, "field": "kind",
//!                "old": "not_found", "new": "invalid_argument", "impact": "breaking"},
//!               {"code": "KMS.0201", "status": 400, "row": 1, "field": "message",
//!                "old": "Invalid request URL.", "new": "The request URL is invalid.",
//!                "impact": "text-only"}],
//!   "aliases": {"added": [{"code": "...", "alias": "..."}], "removed": [...]}
//! }
//! ```
//!
//! `status` and `row` are `null` for a code's fields; `row` is `null` for `status` and the
//! decisions (an error received with the status), else the row's position among the code's
//! rows with that status (1: the row such errors read).
//!
//! **Exit status**: 0 when it ran, whatever the verdict; 1 when an input has errors (reported
//! as `import` and the catalog reader report them); 2 on a usage error; 3 with `--fail-on
//! LEVEL` when the verdict is at least `LEVEL` (`breaking`, `additive` or `text-only`), for CI.

use crate::cli::{self, Command};
use crate::{catalogs, emit, import};
use kms_errors_catalog::kind::kind_cell;
use kms_errors_catalog::table::Tables;
use kms_errors_catalog::{model, Ctxt};
use kms_errors_core::decide::{is_conflict, is_quota_exceeded};
use kms_errors_core::table::Catalog as Decoded;
use kms_errors_core::{ErrorKind, Retry};
use serde_json::{json, Value as Json};
use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: kms-errors diff OLD NEW [--json] [--fail-on LEVEL]

Compares two versions of a catalog and says what changed for the users of the types
kms_errors! generates: codes added and removed, statuses added and removed, the decisions
a client makes about an error (kind, retry, throttled, not found, conflict, quota), texts
and links, aliases, and the semver verdict: breaking (major), additive (minor), text-only
(patch) or none.

OLD and NEW are each a catalog CSV or an RST API reference page (converted as `import`
converts it): a page if the name ends in .rst, a catalog if in .csv or .tsv, otherwise a
page if it has a grid table border (+---+) or an `:original_name:` line.

options:
  --json              one JSON document instead of the report for people:
                        {\"old\": {\"name\", \"codes\", \"rows\"}, \"new\": {...},
                         \"verdict\", \"semver\", \"reasons\": [{\"impact\", \"text\"}],
                         \"added\": [{\"code\", \"variant\", \"statuses\", \"aliases\"}],
                         \"removed\": [{... , \"variant_now_of\"}],
                         \"changed\": [{\"code\", \"status\", \"row\", \"field\", \"old\", \"new\",
                                      \"impact\"}],
                         \"aliases\": {\"added\": [{\"code\", \"alias\"}], \"removed\": [...]}}
  --fail-on LEVEL     exit with 3 when the verdict is LEVEL or higher (LEVEL: breaking,
                      additive or text-only), e.g. `--fail-on breaking` in CI
  -h, --help          print this help
  --                  end of options

Exit status: 0 it ran (whatever the verdict), 1 an input has errors, 2 usage error,
3 the verdict reached the --fail-on level.
";

/// How much a change matters to the users of the generated types; ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Nothing observable.
    None,
    /// Texts, links, docs (a patch release).
    Text,
    /// Codes, aliases or statuses added (a minor release).
    Additive,
    /// A code, an alias or a status removed, or a decision changed (a major release).
    Breaking,
}

impl Impact {
    /// Its name in the report and in `--fail-on`.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Text => "text-only",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }

    /// The semver release it calls for.
    pub fn semver(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Text => "patch",
            Impact::Additive => "minor",
            Impact::Breaking => "major",
        }
    }

    /// The level `--fail-on` names.
    fn parse(s: &str) -> Option<Impact> {
        [Impact::Breaking, Impact::Additive, Impact::Text]
            .into_iter()
            .find(|i| i.as_str() == s)
    }
}

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
    fn of(name: &str, cat: &model::Catalog) -> Side {
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
    fn parse(name: &str, text: &str) -> Result<Side, Vec<String>> {
        let mut cx = Ctxt::new(name);
        let cat = kms_errors_catalog::parse(name, text, None, &mut cx);
        if cx.is_ok() {
            Ok(Side::of(name, &cat))
        } else {
            Err(cx.into_messages())
        }
    }

    /// The encoded tables, as the runtime reads them.
    fn decoded(&self) -> Decoded<'_> {
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

/// What a client decides about an error: the generated error type's accessors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Decisions {
    kind: ErrorKind,
    retry: Retry,
    throttled: bool,
    not_found: bool,
    conflict: bool,
    quota: bool,
}

impl Decisions {
    fn new(kind: ErrorKind, status: u16, retry: Retry) -> Decisions {
        Decisions {
            kind,
            retry,
            throttled: retry.is_throttled(),
            not_found: kind == ErrorKind::NotFound,
            conflict: is_conflict(kind, status),
            quota: is_quota_exceeded(kind, retry),
        }
    }

    /// An error of variant `i` received with `status` (`ErrorInfo::kind()`, `retry()`, ...).
    fn received(t: &Decoded, i: usize, status: u16) -> Decisions {
        Decisions::new(t.error_kind(i, status), status, t.error_retry(i, status))
    }

    /// Row `j` (`Row::kind()`, `Row::retry()`).
    fn row(t: &Decoded, j: usize) -> Decisions {
        let (kind, status) = (t.row_kind(j), t.status(j));
        Decisions::new(kind, status, Retry::of(kind, status, t.row_throttled(j)))
    }

    /// The fields that differ, as changes' `(field, old, new)`.
    fn differences(&self, new: &Decisions) -> Vec<(&'static str, Value, Value)> {
        let name = |s: &str| Value::Name(s.to_owned());
        let mut out = Vec::new();
        if self.kind != new.kind {
            out.push(("kind", name(self.kind.as_str()), name(new.kind.as_str())));
        }
        if self.retry != new.retry {
            out.push(("retry", name(self.retry.as_str()), name(new.retry.as_str())));
        }
        for (field, a, b) in [
            ("throttled", self.throttled, new.throttled),
            ("not_found", self.not_found, new.not_found),
            ("conflict", self.conflict, new.conflict),
            ("quota", self.quota, new.quota),
        ] {
            if a != b {
                out.push((field, Value::Bool(a), Value::Bool(b)));
            }
        }
        out
    }
}

/// A value of a change.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// None: a status not documented, a kind by status.
    Null,
    /// A yes/no decision.
    Bool(bool),
    /// A status, a position, a count.
    Number(usize),
    /// A name: a kind, a retry decision, a variant name (shown as is).
    Name(String),
    /// A text as written (shown quoted).
    Text(String),
    /// Statuses, in order.
    List(Vec<u16>),
}

impl Value {
    fn json(&self) -> Json {
        match self {
            Value::Null => Json::Null,
            Value::Bool(b) => json!(b),
            Value::Number(n) => json!(n),
            Value::Name(s) | Value::Text(s) => json!(s),
            Value::List(l) => json!(l),
        }
    }

    /// As the report for people shows it.
    fn show(&self, field: &str) -> String {
        match self {
            Value::Null if matches!(field, "declared_kind" | "other_statuses") => {
                "(by status)".to_owned()
            }
            Value::Null => "(none)".to_owned(),
            Value::Bool(b) => (if *b { "yes" } else { "no" }).to_owned(),
            Value::Number(n) => n.to_string(),
            Value::Name(s) => s.clone(),
            Value::Text(s) => format!("{s:?}"),
            Value::List(l) => l.iter().map(u16::to_string).collect::<Vec<_>>().join(", "),
        }
    }
}

/// One change to a code present in both catalogs.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The code.
    pub code: String,
    /// The status (`None`: the code as a whole).
    pub status: Option<u16>,
    /// The row's position among the code's rows with the status (`None`: the code, or an
    /// error received with the status).
    pub row: Option<usize>,
    /// What changed (the module docs' table).
    pub field: &'static str,
    /// Before.
    pub old: Value,
    /// After.
    pub new: Value,
    /// What it means for the users of the generated types.
    pub impact: Impact,
}

/// A code only one catalog has.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The code.
    pub code: String,
    /// Its variant name.
    pub variant: String,
    /// Its statuses, in order.
    pub statuses: Vec<u16>,
    /// Its aliases.
    pub aliases: Vec<String>,
    /// For a code removed: the code of the new catalog with the same variant name, if any.
    pub variant_now_of: Option<String>,
}

/// An alias added to or removed from a code present in both catalogs.
#[derive(Clone, Debug, PartialEq)]
pub struct AliasChange {
    /// The code.
    pub code: String,
    /// The spelling.
    pub alias: String,
}

/// What changed between two catalogs.
#[derive(Debug)]
pub struct Report {
    /// The old catalog's name, codes and rows.
    pub old: (String, usize, usize),
    /// The new catalog's name, codes and rows.
    pub new: (String, usize, usize),
    /// Codes only the new catalog has, in its order.
    pub added: Vec<Entry>,
    /// Codes only the old catalog has, in its order.
    pub removed: Vec<Entry>,
    /// Changes to codes both have.
    pub changed: Vec<Change>,
    /// Aliases added to codes both have.
    pub aliases_added: Vec<AliasChange>,
    /// Aliases removed from codes both have.
    pub aliases_removed: Vec<AliasChange>,
}

/// Impact of a change of `field` to `new`.
fn impact_of(field: &str, new: &Value) -> Impact {
    match field {
        "status" if *new == Value::Null => Impact::Breaking,
        "status" | "position" => Impact::Additive,
        "statuses" | "declared_kind" | "message" | "description" | "measure" | "url" | "rows" => {
            Impact::Text
        }
        _ => Impact::Breaking,
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

/// `items` as a list of at most five, then how many more.
fn some(items: &[String]) -> String {
    let mut s = items.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > 5 {
        let _ = write!(s, " and {} more", items.len() - 5);
    }
    s
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Change {
    /// Where it is: `CODE STATUS`, `CODE STATUS (row 2)` or `CODE (code)`.
    fn place(&self) -> String {
        match (self.status, self.row) {
            (None, _) => format!("{} (code)", self.code),
            (Some(s), Some(r)) if r > 1 => format!("{} {s} (row {r})", self.code),
            (Some(s), _) => format!("{} {s}", self.code),
        }
    }
}

/// The report's words for a field.
fn label(field: &str) -> &str {
    match field {
        "variant" => "variant name",
        "first_status" => "first status (ErrorCode::status())",
        "code_kind" => "kind of the code (ErrorCode::kind())",
        "other_statuses" => "kind at the statuses it does not document",
        "statuses" => "status order",
        "not_found" => "not found",
        "declared_kind" => "kind cell",
        "url" => "link",
        "rows" => "rows with this status",
        other => other,
    }
}

impl Report {
    /// The verdict: the highest impact of any change.
    pub fn verdict(&self) -> Impact {
        let mut v = Impact::None;
        if !self.removed.is_empty() || !self.aliases_removed.is_empty() {
            v = Impact::Breaking;
        } else if !self.added.is_empty() || !self.aliases_added.is_empty() || self.crosses_a_byte()
        {
            v = Impact::Additive;
        }
        self.changed.iter().map(|c| c.impact).fold(v, Impact::max)
    }

    /// Whether the code enum changes size (one byte up to 255 codes, else two).
    fn crosses_a_byte(&self) -> bool {
        (self.old.1 < 256) != (self.new.1 < 256)
    }

    /// The reasons for the verdict, highest impact first: each kind of change, how many,
    /// and where.
    pub fn reasons(&self) -> Vec<(Impact, String)> {
        let mut out = Vec::new();
        let codes =
            |entries: &[Entry]| -> Vec<String> { entries.iter().map(|e| e.code.clone()).collect() };
        let aliases = |changes: &[AliasChange]| -> Vec<String> {
            changes
                .iter()
                .map(|a| format!("{} `{}`", a.code, a.alias))
                .collect()
        };
        if !self.removed.is_empty() {
            out.push((
                Impact::Breaking,
                format!(
                    "{} removed: {}",
                    plural(self.removed.len(), "code", "codes"),
                    some(&codes(&self.removed))
                ),
            ));
        }
        if !self.aliases_removed.is_empty() {
            out.push((
                Impact::Breaking,
                format!(
                    "{} removed: {}",
                    plural(self.aliases_removed.len(), "alias", "aliases"),
                    some(&aliases(&self.aliases_removed))
                ),
            ));
        }
        if !self.added.is_empty() {
            out.push((
                Impact::Additive,
                format!(
                    "{} added: {}",
                    plural(self.added.len(), "code", "codes"),
                    some(&codes(&self.added))
                ),
            ));
        }
        if !self.aliases_added.is_empty() {
            out.push((
                Impact::Additive,
                format!(
                    "{} added: {}",
                    plural(self.aliases_added.len(), "alias", "aliases"),
                    some(&aliases(&self.aliases_added))
                ),
            ));
        }
        if self.crosses_a_byte() {
            out.push((
                Impact::Additive,
                format!(
                    "the code enum is now {} ({} codes)",
                    if self.new.1 < 256 {
                        "one byte (up to 255 codes)"
                    } else {
                        "two bytes (256 codes or more)"
                    },
                    self.new.1
                ),
            ));
        }
        // The changes, grouped by field and impact, in the order of their first occurrence.
        let mut groups: Vec<(Impact, &str, Vec<String>)> = Vec::new();
        for c in &self.changed {
            let what = match (c.field, &c.new) {
                ("status", Value::Null) => "status removed",
                ("status", _) => "status added",
                (field, _) => field,
            };
            match groups
                .iter_mut()
                .find(|(i, f, _)| *i == c.impact && *f == what)
            {
                Some((_, _, places)) => places.push(c.place()),
                None => groups.push((c.impact, what, vec![c.place()])),
            }
        }
        for (impact, what, places) in groups {
            let what = match what {
                "status removed" => {
                    format!("{} removed", plural(places.len(), "status", "statuses"))
                }
                "status added" => format!("{} added", plural(places.len(), "status", "statuses")),
                field => format!("{} changed ({})", label(field), places.len()),
            };
            out.push((impact, format!("{what}: {}", some(&places))));
        }
        out.sort_by_key(|(impact, _)| std::cmp::Reverse(*impact));
        out
    }

    /// The report for people.
    pub fn human(&self) -> String {
        let verdict = self.verdict();
        let changed_codes = {
            let mut codes: Vec<&str> = self.changed.iter().map(|c| c.code.as_str()).collect();
            codes.extend(self.aliases_added.iter().map(|a| a.code.as_str()));
            codes.extend(self.aliases_removed.iter().map(|a| a.code.as_str()));
            codes.sort_unstable();
            codes.dedup();
            codes.len()
        };
        let mut s = String::new();
        let _ = write!(s, "verdict: {}", verdict.as_str());
        if verdict != Impact::None {
            let _ = write!(s, " ({})", verdict.semver());
        }
        let _ = writeln!(
            s,
            "; codes: {} added, {} removed, {changed_codes} changed; changes: {}; aliases: {} added, {} removed; {}: {} codes, {} rows; {}: {} codes, {} rows",
            self.added.len(),
            self.removed.len(),
            self.changed.len(),
            self.aliases_added.len(),
            self.aliases_removed.len(),
            self.old.0,
            self.old.1,
            self.old.2,
            self.new.0,
            self.new.1,
            self.new.2,
        );
        let reasons = self.reasons();
        if !reasons.is_empty() {
            s.push_str("\nreasons:\n");
            for (impact, text) in &reasons {
                let _ = writeln!(s, "  {}: {text}", impact.as_str());
            }
        }
        let entry = |e: &Entry, sign: char| {
            let statuses = Value::List(e.statuses.clone()).show("");
            let mut line = format!("  {sign} {} {statuses} (variant {})", e.code, e.variant);
            if !e.aliases.is_empty() {
                let list: Vec<String> = e.aliases.iter().map(|a| format!("`{a}`")).collect();
                let _ = write!(line, ", also written {}", list.join(", "));
            }
            if let Some(other) = &e.variant_now_of {
                let _ = write!(line, "; its variant name is now that of `{other}`");
            }
            line.push('\n');
            line
        };
        if !self.added.is_empty() {
            let _ = writeln!(s, "\nadded codes ({}):", self.added.len());
            for e in &self.added {
                s.push_str(&entry(e, '+'));
            }
        }
        if !self.removed.is_empty() {
            let _ = writeln!(s, "\nremoved codes ({}):", self.removed.len());
            for e in &self.removed {
                s.push_str(&entry(e, '-'));
            }
        }
        if !self.changed.is_empty() {
            let _ = writeln!(s, "\nchanges ({}):", self.changed.len());
            for c in &self.changed {
                let impact = c.impact.as_str();
                let _ = match (c.field, &c.old, &c.new) {
                    ("status", Value::Null, _) => {
                        writeln!(s, "  + {} status added  [{impact}]", c.place())
                    }
                    ("status", _, Value::Null) => {
                        writeln!(s, "  - {} status removed  [{impact}]", c.place())
                    }
                    (field, o, n) => writeln!(
                        s,
                        "  ~ {} {}: {} -> {}  [{impact}]",
                        c.place(),
                        label(field),
                        o.show(field),
                        n.show(field)
                    ),
                };
            }
        }
        if !self.aliases_added.is_empty() || !self.aliases_removed.is_empty() {
            let _ = writeln!(
                s,
                "\naliases ({}):",
                self.aliases_added.len() + self.aliases_removed.len()
            );
            for a in &self.aliases_added {
                let _ = writeln!(s, "  + {} alias `{}`  [additive]", a.code, a.alias);
            }
            for a in &self.aliases_removed {
                let _ = writeln!(s, "  - {} alias `{}`  [breaking]", a.code, a.alias);
            }
        }
        s
    }

    /// The report as one JSON document (the module docs give its schema).
    pub fn json(&self) -> Json {
        let side = |(name, codes, rows): &(String, usize, usize)| json!({"name": name, "codes": codes, "rows": rows});
        let entry = |e: &Entry, removed: bool| {
            let mut v = json!({
                "code": e.code,
                "variant": e.variant,
                "statuses": e.statuses,
                "aliases": e.aliases,
            });
            if removed {
                v["variant_now_of"] = json!(e.variant_now_of);
            }
            v
        };
        let alias = |a: &AliasChange| json!({"code": a.code, "alias": a.alias});
        let verdict = self.verdict();
        json!({
            "old": side(&self.old),
            "new": side(&self.new),
            "verdict": verdict.as_str(),
            "semver": verdict.semver(),
            "reasons": self.reasons().iter().map(|(impact, text)| {
                json!({"impact": impact.as_str(), "text": text})
            }).collect::<Vec<_>>(),
            "added": self.added.iter().map(|e| entry(e, false)).collect::<Vec<_>>(),
            "removed": self.removed.iter().map(|e| entry(e, true)).collect::<Vec<_>>(),
            "changed": self.changed.iter().map(|c| json!({
                "code": c.code,
                "status": c.status,
                "row": c.row,
                "field": c.field,
                "old": c.old.json(),
                "new": c.new.json(),
                "impact": c.impact.as_str(),
            })).collect::<Vec<_>>(),
            "aliases": {
                "added": self.aliases_added.iter().map(alias).collect::<Vec<_>>(),
                "removed": self.aliases_removed.iter().map(alias).collect::<Vec<_>>(),
            },
        })
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Args {
    old: OsString,
    new: OsString,
    json: bool,
    fail_on: Option<Impact>,
}

/// Runs `diff` with `args` (after the command's name).
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    cli::dispatch("diff", USAGE, parse_args(args), |args| {
        cli::exit(run(&args))
    })
}

/// Parses the arguments (after the command's name) with `lexopt`.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command<Args>, String> {
    use lexopt::Arg::{Long, Short, Value};
    let mut parser = lexopt::Parser::from_args(args);
    let mut files = Vec::new();
    let (mut json, mut fail_on) = (false, None);
    while let Some(arg) = parser.next().map_err(cli::usage_error)? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Long("json") => json = true,
            Long("fail-on") => {
                let value = parser.value().map_err(cli::usage_error)?;
                let value = value.to_string_lossy();
                let level = Impact::parse(&value).ok_or_else(|| {
                    format!(
                        "option `--fail-on`: `{value}` is not a level (expected `breaking`, `additive` or `text-only`)"
                    )
                })?;
                if fail_on.replace(level).is_some() {
                    return Err("option `--fail-on` given twice".into());
                }
            }
            Value(file) => {
                if file.is_empty() {
                    return Err("an empty file name".into());
                }
                files.push(file);
            }
            other => return Err(cli::usage_error(other.unexpected())),
        }
    }
    let mut files = files.into_iter();
    match (files.next(), files.next(), files.next()) {
        (Some(old), Some(new), None) => Ok(Command::Run(Args {
            old,
            new,
            json,
            fail_on,
        })),
        (None, _, _) => Err("no input files (expected OLD and NEW)".into()),
        (Some(_), None, _) => Err("one input file (expected OLD and NEW)".into()),
        (Some(_), Some(_), Some(extra)) => Err(format!(
            "more than two input files (`{}`)",
            extra.to_string_lossy()
        )),
    }
}

/// Runs a comparison; the error is the exit status (messages already printed).
fn run(args: &Args) -> Result<(), u8> {
    // Both inputs are read, so that the errors of both are reported.
    let (old, new) = (load(&args.old), load(&args.new));
    let (old, new) = (old?, new?);
    let report = compare(&old, &new);
    let text = if args.json {
        let mut s = serde_json::to_string_pretty(&report.json()).map_err(|e| {
            eprintln!("kms-errors diff: cannot write the JSON: {e}");
            1
        })?;
        s.push('\n');
        s
    } else {
        report.human()
    };
    emit(None, &text)?;
    match args.fail_on {
        Some(level) if report.verdict() >= level => Err(3),
        _ => Ok(()),
    }
}

/// Whether the file `path`, whose text is `text` (read if needed), is an RST page rather than
/// a catalog CSV: by its extension (`.rst`; `.csv`, `.tsv`), else by its content (a grid
/// table border line, or an `:original_name:` line).
pub fn is_page(path: &Path, text: impl FnOnce() -> Option<String>) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("rst") => true,
        Some("csv" | "tsv") => false,
        _ => text().is_some_and(|t| looks_like_rst(&t)),
    }
}

/// A grid table's border line (`+---+`, `+===+`, at any indentation) or an
/// `:original_name:` line.
fn looks_like_rst(text: &str) -> bool {
    text.lines().map(str::trim).any(|line| {
        line.starts_with(":original_name:")
            || (line.len() >= 3
                && line.starts_with('+')
                && line.ends_with('+')
                && line.contains(['-', '='])
                && line.bytes().all(|b| matches!(b, b'+' | b'-' | b'=')))
    })
}

/// Reads the input `path` (a catalog CSV or a page): its errors are printed, the error is
/// the exit status.
fn load(path: &OsStr) -> Result<Side, u8> {
    let name = PathBuf::from(path).display().to_string();
    let mut page = None;
    let rst = is_page(Path::new(path), || {
        // The text is needed to tell: read it as `import` reads a page.
        let read = import::read_input(path);
        let text = read.as_ref().ok().map(|(_, t)| t.clone());
        page = Some(read);
        text
    });
    if let Some(Err(code)) = page {
        return Err(code);
    }
    if !rst {
        return catalogs::with_catalog(std::slice::from_ref(&name), &[], None, |cat| {
            Side::of(&name, cat)
        })
        .map_err(|errors| {
            for e in errors {
                eprintln!("{e}");
            }
            1
        });
    }
    let text = match page {
        Some(Ok((_, text))) => text,
        _ => import::read_input(path)?.1,
    };
    let options = import::Options {
        no_suggest: true,
        ..import::Options::default()
    };
    let csv = import::convert(&name, &text, &options, "")?;
    let mut cx = Ctxt::new(&name);
    let cat = kms_errors_catalog::parse(&name, &csv, Some(b','), &mut cx);
    if !cx.is_ok() {
        // `convert` checked the CSV with the same front end: not expected.
        for e in cx.into_messages() {
            eprintln!("{e}");
        }
        return Err(1);
    }
    Ok(Side::of(&name, &cat))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "status,code,message,description,measure,kind,url,alias\n";

    fn side(name: &str, rows: &str) -> Side {
        Side::parse(name, &format!("{HEADER}{rows}")).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn diff(old: &str, new: &str) -> Report {
        compare(&side("old.csv", old), &side("new.csv", new))
    }

    /// `(place, field, old, new, impact)` of each change, as shown.
    fn changes(r: &Report) -> Vec<(String, &str, String, String, Impact)> {
        r.changed
            .iter()
            .map(|c| {
                (
                    c.place(),
                    c.field,
                    c.old.show(c.field),
                    c.new.show(c.field),
                    c.impact,
                )
            })
            .collect()
    }

    fn change(
        place: &str,
        field: &'static str,
        old: &str,
        new: &str,
        impact: Impact,
    ) -> (String, &'static str, String, String, Impact) {
        (place.into(), field, old.into(), new.into(), impact)
    }

    const BASE: &str = "400,A.1,Bad.,d,m,,,\n404,A.1,Gone.,d,m,,,\n400,B.2,Bad B.,d,m,,,\n";

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

    /// The decisions are the runtime's: checked against the rule written out here.
    #[test]
    fn decisions_follow_the_runtime() {
        let s = side(
            "t.csv",
            "404,K.1,,,,not_found,,\n409,K.2,,,,,,\n500,K.3,,,,aborted,,\n400,K.4,,,,throttled,,\n",
        );
        let t = s.decoded();
        let d = |i, status| Decisions::received(&t, i, status);
        assert!(d(0, 404).not_found && d(0, 400).not_found); // declared on the first row
        assert!(d(1, 409).conflict && !d(1, 400).conflict);
        assert_eq!(d(1, 400).kind, ErrorKind::InvalidArgument);
        assert!(d(2, 500).conflict);
        assert_eq!(d(2, 500).retry, Retry::IfIdempotent);
        assert_eq!(d(2, 503).retry, Retry::Yes);
        assert!(d(3, 400).throttled && !d(3, 400).quota);
        assert_eq!(d(3, 500).retry, Retry::Throttled);
        for status in 100..=599 {
            let want = Retry::of(ErrorKind::ResourceExhausted, status, true);
            assert_eq!(d(3, status).retry, want);
        }
    }

    #[test]
    fn json_document() {
        let r = diff(
            BASE,
            "400,A.1,Bad!,d,m,,,A1\n500,B.2,Bad B.,d,m,,,\n400,C.3,,,,,,\n",
        );
        let v = r.json();
        assert_eq!(v["verdict"], "breaking");
        assert_eq!(v["semver"], "major");
        assert_eq!(v["old"]["codes"], 2);
        assert_eq!(v["new"]["rows"], 3);
        assert_eq!(v["added"][0]["code"], "C.3");
        assert_eq!(v["added"][0]["statuses"], json!([400]));
        assert_eq!(
            v["aliases"]["added"][0],
            json!({"code": "A.1", "alias": "A1"})
        );
        let changed = v["changed"].as_array().unwrap();
        assert!(changed.contains(&json!({
            "code": "A.1", "status": 400, "row": 1, "field": "message",
            "old": "Bad.", "new": "Bad!", "impact": "text-only"
        })));
        assert!(changed.contains(&json!({
            "code": "A.1", "status": 404, "row": null, "field": "status",
            "old": 404, "new": null, "impact": "breaking"
        })));
        assert!(changed.contains(&json!({
            "code": "B.2", "status": null, "row": null, "field": "first_status",
            "old": 400, "new": 500, "impact": "breaking"
        })));
        assert_eq!(v["reasons"][0]["impact"], "breaking");
    }

    #[test]
    fn human_report() {
        let r = diff(
            BASE,
            "400,A.1,Bad!,d,m,,,A1\n404,A.1,Gone.,d,m,,,\n400,C.3,,,,,,\n",
        );
        assert_eq!(
            r.human(),
            "verdict: breaking (major); codes: 1 added, 1 removed, 1 changed; changes: 1; \
             aliases: 1 added, 0 removed; old.csv: 2 codes, 3 rows; new.csv: 2 codes, 3 rows\n\
             \n\
             reasons:\n  \
               breaking: 1 code removed: B.2\n  \
               additive: 1 code added: C.3\n  \
               additive: 1 alias added: A.1 `A1`\n  \
               text-only: message changed (1): A.1 400\n\
             \n\
             added codes (1):\n  \
               + C.3 400 (variant C3)\n\
             \n\
             removed codes (1):\n  \
               - B.2 400 (variant B2)\n\
             \n\
             changes (1):\n  \
               ~ A.1 400 message: \"Bad.\" -> \"Bad!\"  [text-only]\n\
             \n\
             aliases (1):\n  \
               + A.1 alias `A1`  [additive]\n"
        );
    }

    #[test]
    fn verdict_levels_and_fail_on() {
        assert!(Impact::Breaking > Impact::Additive && Impact::Additive > Impact::Text);
        assert!(Impact::Text > Impact::None);
        assert_eq!(Impact::parse("breaking"), Some(Impact::Breaking));
        assert_eq!(Impact::parse("text-only"), Some(Impact::Text));
        assert_eq!(Impact::parse("none"), None);
    }

    #[test]
    fn rst_is_recognised() {
        let page = ":original_name: x.html\n\nTitle\n=====\n";
        let grid = "  +----+-----+\n  | a  | b   |\n  +====+=====+\n";
        assert!(looks_like_rst(page) && looks_like_rst(grid));
        assert!(!looks_like_rst("status,code\n400,A\n"));
        assert!(!looks_like_rst("+\n++\n+-\n"));
        let csv_text = || Some("status,code\n400,A\n".to_owned());
        assert!(is_page(Path::new("a.rst"), || None));
        assert!(is_page(Path::new("a.RST"), || None));
        assert!(!is_page(Path::new("a.csv"), || Some(page.to_owned())));
        assert!(is_page(Path::new("a.txt"), || Some(grid.to_owned())));
        assert!(!is_page(Path::new("a.txt"), csv_text));
        assert!(!is_page(Path::new("catalog"), csv_text));
    }

    fn parse(args: &[&str]) -> Result<Command<Args>, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn arguments() {
        let run = |json, fail_on| {
            Ok(Command::Run(Args {
                old: "a.csv".into(),
                new: "b.rst".into(),
                json,
                fail_on,
            }))
        };
        assert_eq!(parse(&["a.csv", "b.rst"]), run(false, None));
        assert_eq!(parse(&["--json", "a.csv", "b.rst"]), run(true, None));
        assert_eq!(
            parse(&["a.csv", "--fail-on", "breaking", "b.rst"]),
            run(false, Some(Impact::Breaking))
        );
        assert_eq!(
            parse(&["a.csv", "b.rst", "--fail-on=additive", "--json"]),
            run(true, Some(Impact::Additive))
        );
        assert_eq!(parse(&["a.csv", "-h"]), Ok(Command::Help));
        let errors: &[(&[&str], &str)] = &[
            (&[], "no input files (expected OLD and NEW)"),
            (&["a.csv"], "one input file (expected OLD and NEW)"),
            (&["a", "b", "c"], "more than two input files (`c`)"),
            (&["a", "b", "--fail-on"], "option `--fail-on` needs a value"),
            (
                &["a", "b", "--fail-on", "major"],
                "option `--fail-on`: `major` is not a level (expected `breaking`, `additive` or `text-only`)",
            ),
            (
                &["a", "b", "--fail-on=breaking", "--fail-on=breaking"],
                "option `--fail-on` given twice",
            ),
            (&["a", "b", "--jsn"], "unknown option `--jsn`"),
            (&["a", "b", "--json=yes"], "option `--json` takes no value"),
            (&["a", ""], "an empty file name"),
        ];
        for (args, want) in errors {
            assert_eq!(parse(args), Err(want.to_string()), "{args:?}");
        }
    }
}
