//! What `diff` reports: each change with its impact, the verdict and its reasons; for people
//! ([`Report::human`]) and as one JSON document ([`Report::json`]).
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
//! | `message`, `description`, `measure` | row | the text as the catalog has it (a page's markup rendered as `import` writes it) | text-only |
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

use serde_json::{json, Value as Json};
use std::fmt::Write as _;

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
    pub(super) fn parse(s: &str) -> Option<Impact> {
        [Impact::Breaking, Impact::Additive, Impact::Text]
            .into_iter()
            .find(|i| i.as_str() == s)
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
    pub(super) fn json(&self) -> Json {
        match self {
            Value::Null => Json::Null,
            Value::Bool(b) => json!(b),
            Value::Number(n) => json!(n),
            Value::Name(s) | Value::Text(s) => json!(s),
            Value::List(l) => json!(l),
        }
    }

    /// As the report for people shows it.
    pub(super) fn show(&self, field: &str) -> String {
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
pub(super) fn impact_of(field: &str, new: &Value) -> Impact {
    match field {
        "status" if *new == Value::Null => Impact::Breaking,
        "status" | "position" => Impact::Additive,
        "statuses" | "declared_kind" | "message" | "description" | "measure" | "url" | "rows" => {
            Impact::Text
        }
        _ => Impact::Breaking,
    }
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
    pub(super) fn place(&self) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::fixtures::{diff, BASE};

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
}
