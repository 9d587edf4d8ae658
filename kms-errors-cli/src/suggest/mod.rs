//! Suggesting an [`ErrorKind`] for a catalog row from its text, for tables that have no
//! `kind` column.
//!
//! Without a `kind` cell a row's kind comes from its status alone
//! ([`ErrorKind::from_status`]), which is wrong for most rows of the many APIs that answer
//! almost every error with HTTP 400: "The key does not exist." at 400 is not an invalid
//! argument. [`suggest`] reads the row the way the bundled tables' kinds were filled by hand
//! (README, "Classification" and "Gateway codes"): it looks for the phrases API references
//! write — "does not exist", "already exists", "too many requests", "has been disabled",
//! "try again later" — and falls back to the status when none is there.
//!
//! The rules are data, [`RULES`]: one ordered list of general English phrases, each rule with
//! the kind it implies, the cells it reads and, for some, the statuses it applies to. They
//! live in `rules`, data only, apart from the matcher that reads a row with them, `matcher`
//! (tuning the rules touches `rules` alone; its tests measure them). The first rule that
//! matches decides, whichever cell it matches in (within a rule, the message is read before
//! the description). Most rules read the message and the description; only the last read the
//! measure, which in most tables says "try again later or contact support" whatever the
//! error. No rule names an error code.
//!
//! ```
//! use kms_errors_cli::suggest::suggest;
//! use kms_errors_catalog::ErrorKind;
//!
//! let s = suggest(400, "The zone does not exist.", "", "Check the zone ID.");
//! assert_eq!(s.kind, ErrorKind::NotFound);
//! assert_eq!(s.reason.to_string(), "\"not exist\" in the message");
//!
//! // A rate limit, whatever the status: retry after a delay.
//! let s = suggest(400, "Flow limit exceeded.", "", "");
//! assert_eq!((s.kind, s.throttled), (ErrorKind::ResourceExhausted, true));
//!
//! // Nothing the rules know: the status decides.
//! let s = suggest(404, "Bad thing.", "", "");
//! assert_eq!((s.kind, s.reason.to_string()), (ErrorKind::NotFound, "HTTP 404".to_owned()));
//! ```
//!
//! **Safe by default.** A suggestion that retries any request (`unavailable`, a rate limit)
//! or calls the resource not found costs the most when it is wrong, so it needs the most
//! evidence: [`suggest_all`] reads a table's rows without its [`Boilerplate`] (sentences many
//! rows repeat); "try again later" alone is no rule's phrase; and such a suggestion on a row
//! whose measure points at the request ([`POINTS_AT_THE_REQUEST`]) keeps the status's kind,
//! with [`Reason::Contradicted`]. Every suggestion has a [`Confidence`]: the rule's
//! (`high` for a phrase that says what this error is, `medium` for a generic word), at most
//! `medium` for a phrase found only in the measure, `low` for the status alone or a
//! contradicted rule. [`changed_decisions`] says which decisions a kind changes from the
//! status's: what `import` lists first for review and `check` warns about.
//!
//! **Matching.** A phrase is a sequence of words; it matches where the cell has the same
//! words in a row, ASCII case ignored, each a whole word (`invalid` does not match
//! `invalidated`, `exist` does not match `exists`). A word is a run of ASCII letters, digits,
//! `_` and non-ASCII characters, so `key_id` is one word and `X-Auth-Token` three. Between the
//! words of a match the cell may have spaces, `-`, `/`, `,`, quotes or `*` (RST bold), but not
//! `.`, `;`, `:` or brackets: a phrase does not run across sentences. A `*` in a phrase
//! stands for one to `MAX_SKIPPED_WORDS` (4) words (`invalid * id`
//! matches "Invalid key ID" and "Invalid record set ID", not "Invalid ID").

mod matcher;
mod rules;

use kms_errors_catalog::ErrorKind;
use std::fmt;

pub use matcher::{suggest, suggest_all, Boilerplate};
pub use rules::{POINTS_AT_THE_REQUEST, RULES};

/// A cell of a catalog row that a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cell {
    /// The `message` cell.
    Message,
    /// The `description` cell.
    Description,
    /// The `measure` cell (what the caller should do).
    Measure,
}

impl Cell {
    /// The cell's column name (`"message"`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Cell::Message => "message",
            Cell::Description => "description",
            Cell::Measure => "measure",
        }
    }
}

/// What decided a [`Suggestion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A rule's phrase matched in a cell.
    Phrase {
        /// The phrase as the rule writes it (`"not exist"`, `"invalid * id"`).
        phrase: &'static str,
        /// The cell it matched in.
        cell: Cell,
        /// The row's status, when the rule applies only to some statuses (the status took
        /// part in the decision); `None` for a rule that applies at any status.
        status: Option<u16>,
    },
    /// The status alone: a rule for that status (429 is always a rate limit), or, when no
    /// rule matched, [`ErrorKind::from_status`].
    Status(u16),
    /// The status's kind, kept: a rule's phrase would have made the row `kind` (retried for
    /// any request, or not found), but the measure points at the request (`by`, one of
    /// [`POINTS_AT_THE_REQUEST`]).
    Contradicted {
        /// The phrase that matched.
        phrase: &'static str,
        /// The cell it matched in.
        cell: Cell,
        /// The kind it would have given (`throttled` for a rate limit).
        kind: &'static str,
        /// The measure's phrase that contradicts it.
        by: &'static str,
        /// The row's status, whose kind is kept.
        status: u16,
    },
}

impl fmt::Display for Reason {
    /// `"not exist" in the message`, `"not exist" in the description at HTTP 500`,
    /// `HTTP 404`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Reason::Phrase {
                phrase,
                cell,
                status,
            } => {
                write!(f, "\"{phrase}\" in the {}", cell.as_str())?;
                match status {
                    Some(s) => write!(f, " at HTTP {s}"),
                    None => Ok(()),
                }
            }
            Reason::Status(s) => write!(f, "HTTP {s}"),
            Reason::Contradicted {
                phrase,
                cell,
                kind,
                by,
                status,
            } => write!(
                f,
                "HTTP {status}; not `{kind}`: \"{phrase}\" in the {} is contradicted by \"{by}\" in the measure",
                cell.as_str()
            ),
        }
    }
}

/// How strongly a suggestion is supported by the row's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// The status alone decided, or the text's evidence was weak or contradicted: review it.
    Low,
    /// A phrase decided, but one that is not specific to this error (read in the measure,
    /// or a generic word).
    Medium,
    /// A phrase that says what this error is, in the message or the description.
    High,
}

impl Confidence {
    /// Its name: `low`, `medium`, `high`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// A kind suggested for a catalog row, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    /// The suggested kind (a rate limit is [`ErrorKind::ResourceExhausted`]).
    pub kind: ErrorKind,
    /// A rate limit: the same request succeeds after a delay ("too many requests", "flow
    /// control", or HTTP 429), as opposed to a quota ("too many keys"), which retrying does
    /// not fix. Always [`ErrorKind::ResourceExhausted`].
    pub throttled: bool,
    /// What decided: the phrase and the cell it matched in, or the status.
    pub reason: Reason,
    /// How strongly the text supports it.
    pub confidence: Confidence,
}

impl fmt::Display for Suggestion {
    /// `not_found ("not exist" in the message)`, `resource_exhausted, throttled (HTTP 429)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let throttled = if self.throttled { ", throttled" } else { "" };
        write!(f, "{}{throttled} ({})", self.kind, self.reason)
    }
}

impl Suggestion {
    /// The row's `suggested` cell: `CONFIDENCE: REASON` (`high: "not exist" in the message`).
    #[must_use]
    pub fn cell(&self) -> String {
        format!("{}: {}", self.confidence.as_str(), self.reason)
    }
}

/// The decisions a client makes (retry any request, retry an idempotent one, not found,
/// conflict) that a row's kind (`throttled`: a throttling row) changes from what its status
/// alone gives, each as `what: yes (HTTP 400 alone: no)`: what a reviewer of a suggested
/// kind must check first. Empty when the kind decides as the status would.
///
/// ```
/// use kms_errors_cli::suggest::changed_decisions;
/// use kms_errors_catalog::ErrorKind;
///
/// assert_eq!(
///     changed_decisions(ErrorKind::NotFound, false, 400),
///     ["not found: yes (HTTP 400 alone: no)"]
/// );
/// assert!(changed_decisions(ErrorKind::OutOfRange, false, 400).is_empty());
/// ```
#[must_use]
pub fn changed_decisions(kind: ErrorKind, throttled: bool, status: u16) -> Vec<String> {
    let decide = |kind: ErrorKind, throttled: bool| {
        let retry = kms_errors_core::Retry::of(kind, status, throttled);
        [
            retry.allows(false),
            retry.allows(true),
            kind == ErrorKind::NotFound,
            kms_errors_core::decide::is_conflict(kind, status),
        ]
    };
    let by_status = decide(ErrorKind::from_status(status), status == 429);
    let by_kind = decide(kind, throttled);
    let yes = |b: bool| if b { "yes" } else { "no" };
    [
        "retried for any request",
        "retried if idempotent",
        "not found",
        "conflict",
    ]
    .iter()
    .zip(by_kind.iter().zip(by_status))
    .filter(|(_, (k, s))| *k != s)
    .map(|(what, (&k, s))| format!("{what}: {} (HTTP {status} alone: {})", yes(k), yes(s)))
    .collect()
}

/// The confidence a `suggested` cell states (`high: ...`, `medium: ...`, `low: ...`), if it
/// states one: cells written before confidences were (the reason alone) state none.
#[must_use]
pub fn cell_confidence(cell: &str) -> Option<Confidence> {
    let (word, _) = cell.split_once(": ")?;
    [Confidence::High, Confidence::Medium, Confidence::Low]
        .into_iter()
        .find(|c| c.as_str() == word)
}

/// One rule of [`RULES`]: if the row's status is one of `statuses` and one of `phrases`
/// occurs in one of `cells`, the row is of kind `kind`.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The kind the rule implies.
    pub kind: ErrorKind,
    /// Whether it is a rate limit (then `kind` is [`ErrorKind::ResourceExhausted`]).
    pub throttled: bool,
    /// The phrases (see the module's "Matching"); empty: the status alone decides.
    pub phrases: &'static [&'static str],
    /// The cells the phrases are looked for in, in this order.
    pub cells: &'static [Cell],
    /// The statuses the rule applies to, as inclusive ranges; `None`: any status.
    pub statuses: Option<&'static [(u16, u16)]>,
    /// How strongly a match supports the kind (at most [`Confidence::Medium`] when the
    /// phrase is found in the measure).
    pub confidence: Confidence,
    /// The principle, in a sentence: documentation of the data, printed by the tests'
    /// reports.
    #[allow(dead_code)]
    pub why: &'static str,
}

impl Rule {
    /// Whether the rule applies to a row with this status.
    #[must_use]
    pub fn applies_to(&self, status: u16) -> bool {
        match self.statuses {
            None => true,
            Some(ranges) => {
                let mut i = 0;
                while i < ranges.len() {
                    if ranges[i].0 <= status && status <= ranges[i].1 {
                        return true;
                    }
                    i += 1;
                }
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_text() {
        let s = suggest(400, "", "The zone does not exist.", "");
        assert_eq!(s.reason.to_string(), "\"not exist\" in the description");
        assert_eq!(
            s.to_string(),
            "not_found (\"not exist\" in the description)"
        );
        let s = suggest(502, "Backend unavailable.", "", "");
        assert_eq!(
            s.reason.to_string(),
            "\"unavailable\" in the message at HTTP 502"
        );
        let s = suggest(400, "Cannot add disks.", "", "Raise the quota.");
        assert_eq!(s.reason.to_string(), "\"raise the quota\" in the measure");
        let s = suggest(429, "", "", "");
        assert_eq!(s.to_string(), "resource_exhausted, throttled (HTTP 429)");
        assert_eq!(suggest(404, "Gone.", "", "").reason.to_string(), "HTTP 404");
    }
}
