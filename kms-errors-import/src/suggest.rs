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
//! the kind it implies, the cells it reads and, for some, the statuses it applies to. The
//! first rule that matches decides, whichever cell it matches in (within a rule, the message
//! is read before the description). Most rules read the message and the description; only
//! the last read the measure, which in most tables says "try again later or contact support"
//! whatever the error. No rule names an error code.
//!
//! ```
//! use kms_errors_catalog::suggest::suggest;
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
//! **Matching.** A phrase is a sequence of words; it matches where the cell has the same
//! words in a row, ASCII case ignored, each a whole word (`invalid` does not match
//! `invalidated`, `exist` does not match `exists`). A word is a run of ASCII letters, digits,
//! `_` and non-ASCII characters, so `key_id` is one word and `X-Auth-Token` three. Between the
//! words of a match the cell may have spaces, `-`, `/`, `,`, quotes or `*` (RST bold), but not
//! `.`, `;`, `:` or brackets: a phrase does not run across sentences. A `*` in a phrase
//! stands for one to [`MAX_SKIPPED_WORDS`] words (`invalid * id` matches "Invalid key ID" and
//! "Invalid record set ID", not "Invalid ID").

use kms_errors_catalog::ErrorKind;
use std::fmt;

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
}

impl fmt::Display for Suggestion {
    /// `not_found ("not exist" in the message)`, `resource_exhausted, throttled (HTTP 429)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let throttled = if self.throttled { ", throttled" } else { "" };
        write!(f, "{}{throttled} ({})", self.kind, self.reason)
    }
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

/// How many words a `*` in a phrase stands for, at most (at least one).
pub const MAX_SKIPPED_WORDS: usize = 4;

const TEXT: &[Cell] = &[Cell::Message, Cell::Description];
const MEASURE: &[Cell] = &[Cell::Measure];

const SERVER_ERRORS: Option<&[(u16, u16)]> = Some(&[(500, 599)]);
const CLIENT_ERRORS: Option<&[(u16, u16)]> = Some(&[(400, 499)]);
/// 4xx but 401, 402 and 403: statuses about the request itself rather than who sends it.
const REQUEST_ERRORS: Option<&[(u16, u16)]> = Some(&[(400, 400), (404, 499)]);

/// Something is missing: "does not exist", "not found". The caller's resource at 4xx
/// ([`ErrorKind::NotFound`]), the service's own configuration at 5xx.
const MISSING: &[&str] = &[
    "not exist",
    "not found",
    "no such",
    "cannot be found",
    "can not be found",
    "could not be found",
    "cannot find",
    "can not find",
    "could not find",
    "no longer exists",
];

/// The rules, in order: the first that applies to the row's status and finds one of its
/// phrases decides ([`suggest`]). A rule without phrases decides by the status alone.
pub static RULES: &[Rule] = &[
    // Rate limits first: whatever else the row says, the same request succeeds later.
    Rule {
        kind: ErrorKind::ResourceExhausted,
        throttled: true,
        phrases: &[],
        cells: &[],
        statuses: Some(&[(429, 429)]),
        why: "HTTP 429 Too Many Requests is a rate limit, whatever the text",
    },
    Rule {
        kind: ErrorKind::ResourceExhausted,
        throttled: true,
        phrases: &[
            "too many requests",
            "too many concurrent requests",
            "throttling threshold",
            "throttled",
            "flow control",
            "flow limit",
            "rate limit",
            "rate exceeded",
            "too frequent",
            "too frequently",
            "request frequency",
            "slow down",
        ],
        cells: TEXT,
        statuses: None,
        why: "a rate limit, at any status: retry after a delay",
    },
    // Statuses that say it all.
    Rule {
        kind: ErrorKind::Unavailable,
        throttled: false,
        phrases: &[],
        cells: &[],
        statuses: Some(&[(503, 503)]),
        why: "HTTP 503 Service Unavailable, whatever the text (often a generic \"system error\")",
    },
    Rule {
        kind: ErrorKind::Unauthenticated,
        throttled: false,
        phrases: &[],
        cells: &[],
        statuses: Some(&[(401, 401)]),
        why: "HTTP 401: the credentials are missing, wrong or expired, whatever the text",
    },
    // The operation itself does not exist.
    Rule {
        kind: ErrorKind::Unimplemented,
        throttled: false,
        phrases: &[
            "not implemented",
            "method not supported",
            "method is not supported",
            "method does not exist",
            "method not allowed",
            "method is not allowed",
            "has not been published",
        ],
        cells: TEXT,
        statuses: None,
        why: "the method or API called is not there: a wrong endpoint, not a missing resource",
    },
    Rule {
        kind: ErrorKind::PermissionDenied,
        throttled: false,
        phrases: &["real-name", "real name"],
        cells: TEXT,
        statuses: None,
        why: "real-name (identity) verification is an account's entitlement, not a login",
    },
    // Bad input that reads like a missing or existing resource.
    Rule {
        kind: ErrorKind::InvalidArgument,
        throttled: false,
        phrases: &[
            "contains duplicate",
            "at the same time",
            "mutually exclusive",
            "duplicate * in the request",
            "duplicate * in request",
            "in the request header",
            "in request header",
            "invalid user id",
            "invalid tenant id",
            "invalid project id",
            "invalid domain id",
            "invalid account id",
            "user id is invalid",
            "tenant id is invalid",
            "project id is invalid",
            "domain id is invalid",
            "account id is invalid",
        ],
        cells: TEXT,
        statuses: None,
        why: "duplicates within the request, parameters that exclude each other, a bad header, \
              an invalid user, tenant, project, domain or account ID (the caller's identity, not \
              a resource of the service) are malformed requests",
    },
    // Existence.
    Rule {
        kind: ErrorKind::FailedPrecondition,
        throttled: false,
        phrases: MISSING,
        cells: TEXT,
        statuses: SERVER_ERRORS,
        why: "something missing at a 5xx is the service's own configuration (a backend, a \
              plug-in), not the caller's resource",
    },
    Rule {
        kind: ErrorKind::NotFound,
        throttled: false,
        phrases: MISSING,
        cells: TEXT,
        statuses: None,
        why: "the named resource does not exist, whatever the status",
    },
    Rule {
        kind: ErrorKind::NotFound,
        throttled: false,
        phrases: &["invalid * id", "id is invalid"],
        cells: TEXT,
        statuses: None,
        why: "an invalid resource ID names no resource: the resource is not found",
    },
    Rule {
        kind: ErrorKind::AlreadyExists,
        throttled: false,
        phrases: &[
            "already exists",
            "already exist",
            "already been used",
            "already defined",
            "already registered",
            "duplicate",
            "duplicated",
            "name exists",
            "conflicts with an existing",
        ],
        cells: TEXT,
        statuses: None,
        why: "what the caller tries to create (or a name it gives) already exists",
    },
    // Who may do what.
    Rule {
        kind: ErrorKind::PermissionDenied,
        throttled: false,
        phrases: &["not allowed"],
        cells: TEXT,
        statuses: Some(&[(403, 403)]),
        why: "\"not allowed\" with HTTP 403 Forbidden: the caller may not do this",
    },
    Rule {
        kind: ErrorKind::PermissionDenied,
        throttled: false,
        phrases: &[
            "permission",
            "permissions",
            "no right",
            "not authorized",
            "unauthorized",
            "access denied",
            "denied",
            "forbidden",
            "not allowed to access",
            "cannot be used to access",
            "doesn't allow",
            "does not allow",
        ],
        cells: TEXT,
        statuses: None,
        why: "the caller is known but not allowed",
    },
    Rule {
        kind: ErrorKind::Unauthenticated,
        throttled: false,
        phrases: &[
            "invalid token",
            "invalid * token",
            "token is invalid",
            "incorrect token",
            "token expired",
            "token has expired",
            "token is expired",
            "expired token",
            "authentication information",
            "authentication failed",
            "authentication fails",
            "authentication parameter",
            "authentication required",
            "requires authentication",
            "not authenticated",
            "credentials",
            "client certificate",
            "appkey",
            "app key",
            "appsecret",
            "secretkey",
            "access key",
            "incorrect password",
            "wrong password",
            "invalid signature",
            "signature does not match",
        ],
        cells: TEXT,
        statuses: CLIENT_ERRORS,
        why: "the caller's token, key, password or certificate is missing, wrong or expired \
              (at a 5xx it is the service's own call that failed)",
    },
    // Rate limits are above; now sizes and counts.
    Rule {
        kind: ErrorKind::OutOfRange,
        throttled: false,
        phrases: &[
            "out of range",
            "outside the allowable range",
            "outside the range",
            "in the range",
            "range of",
            "ranges from",
            "must range",
            "must be between",
            "between * to",
            "greater than or equal",
            "less than or equal",
            "must be greater than",
            "must be less than",
            "cannot be less than",
            "cannot be greater than",
            "cannot exceed",
            "too large",
            "too long",
            "too small",
            "too short",
            "over length",
            "value exceeds",
            "beyond the maximum",
            "maximum length",
            "length of * exceeds",
            "length of * exceeded",
            "size of * exceeds",
            "size of * exceeded",
            "exceeds * characters",
            "exceeds * bytes",
            "more than * characters",
        ],
        cells: TEXT,
        statuses: None,
        why: "a value, length or size outside its documented range",
    },
    Rule {
        kind: ErrorKind::ResourceExhausted,
        throttled: false,
        phrases: &[
            "too many",
            "quota exceeded",
            "quota is exceeded",
            "exceeds the quota",
            "exceeded the quota",
            "quota limit",
            "insufficient quota",
            "insufficient * quota",
            "quota * used up",
            "quota has been reached",
            "out of quota",
            "upper limit",
            "reached the maximum",
            "reached the limit",
            "exceeds the maximum",
            "exceeded the maximum",
            "exceeds the limit",
            "number of * exceeds",
            "maximum number of",
            "no more",
            "more * than allowed",
            "insufficient",
        ],
        cells: TEXT,
        statuses: None,
        why: "a quota: too many resources of a kind; freeing some or raising the quota helps, \
              retrying does not",
    },
    // Transient failures.
    Rule {
        kind: ErrorKind::Aborted,
        throttled: false,
        phrases: &[
            "conflicting operation",
            "conflicts with another operation",
            "concurrent operation",
            "concurrent operations",
            "acquire the lock",
            "conflict occurred",
            "conflict occurs",
        ],
        cells: TEXT,
        statuses: None,
        why: "a concurrent operation got in the way: retry the whole sequence",
    },
    Rule {
        kind: ErrorKind::Unavailable,
        throttled: false,
        phrases: &[
            "is busy",
            "system busy",
            "service busy",
            "try again later",
            "try it again later",
            "retry later",
            "try later",
            "overloaded",
            "temporarily unavailable",
        ],
        cells: TEXT,
        statuses: None,
        why: "the row itself says the service is busy or to try again later",
    },
    Rule {
        kind: ErrorKind::Unavailable,
        throttled: false,
        phrases: &[
            "unavailable",
            "not available",
            "no * available",
            "failed to connect",
            "cannot be connected",
            "connection refused",
            "connection failed",
            "failed to access",
            "failed to obtain response",
            "no response",
        ],
        cells: TEXT,
        statuses: SERVER_ERRORS,
        why: "at a 5xx, a service or backend could not be reached",
    },
    Rule {
        kind: ErrorKind::DeadlineExceeded,
        throttled: false,
        phrases: &["timed out", "time out"],
        cells: TEXT,
        statuses: None,
        why: "the operation ran out of time (it may have taken effect)",
    },
    Rule {
        kind: ErrorKind::Internal,
        throttled: false,
        phrases: &[
            "internal error",
            "internal server error",
            "internal service error",
            "server error",
            "service error",
            "system error",
            "system exception",
            "unexpected error",
            "unknown error",
            "database error",
            "db exception",
            "failed to create",
            "creation failed",
            "failed to generate",
            "failed to build",
            "failed to synchronize",
            "configuration failed",
            "error occurred when",
            "error occurred while",
            "error occurred during",
            "error occurs when",
            "error occurs while",
            "error occurs during",
            "exception occurred",
            "exception occurs",
            "failed to call",
            "fails to call",
            "failure to call",
        ],
        cells: TEXT,
        statuses: None,
        why: "the service failed at something of its own, whatever the status",
    },
    Rule {
        kind: ErrorKind::Unimplemented,
        throttled: false,
        phrases: &[
            "not supported in the current",
            "not supported in this",
            "currently not supported",
            "currently * not supported",
            "not supported now",
            "not supported currently",
            "not yet supported",
        ],
        cells: TEXT,
        statuses: None,
        why: "not supported in this version or region yet: no request fixes it",
    },
    // The resource's state.
    Rule {
        kind: ErrorKind::FailedPrecondition,
        throttled: false,
        phrases: &[
            "not allowed",
            "is disabled",
            "been disabled",
            "not enabled",
            "not disabled",
            "is inactive",
            "not active",
            "frozen",
            "suspended",
            "pending deletion",
            "scheduled deletion",
            "scheduled to be deleted",
            "not in * state",
            "steady state",
            "unstable",
            "in use",
            "being used",
            "cannot be used",
            "cannot be deleted",
            "can not be deleted",
            "cannot delete",
            "can not delete",
            "cannot be updated",
            "cannot update",
            "can not update",
            "cannot be modified",
            "cannot perform this operation",
            "cannot be performed",
            "no operation can be performed",
            "read only",
            "readonly",
            "not empty",
            "before deleting",
            "account balance",
            "arrears",
            "unavailable",
            "not available",
        ],
        cells: TEXT,
        statuses: None,
        why: "the resource's (or account's) state forbids the operation; a state change, not \
              another request, fixes it",
    },
    Rule {
        kind: ErrorKind::InvalidArgument,
        throttled: false,
        phrases: &[
            "invalid",
            "incorrect",
            "illegal",
            "malformed",
            "wrong",
            "bad request",
            "missing",
            "lack of",
            "is null",
            "cannot be null",
            "can not be null",
            "cannot be empty",
            "can not be empty",
            "is empty",
            "is required",
            "must be",
            "must not",
            "not match",
            "not compliant",
            "not supported",
            "not support",
            "does not support",
            "do not support",
            "failed to verify",
            "verification failed",
            "failed to parse",
            "parsing failed",
            "failed to decrypt",
            "format",
        ],
        cells: TEXT,
        statuses: REQUEST_ERRORS,
        why: "the request is malformed, or asks what this resource or algorithm cannot do: \
              another request fixes it (at 401 and 403 the status says more)",
    },
    // Last, when the message and description say nothing the rules know: what the measure
    // asks for. Measures are read last because most say "try again later or contact
    // support" whatever the error.
    Rule {
        kind: ErrorKind::ResourceExhausted,
        throttled: false,
        phrases: &["increase the quota", "increase * quota", "raise the quota"],
        cells: MEASURE,
        statuses: None,
        why: "the fix is a larger quota",
    },
    Rule {
        kind: ErrorKind::FailedPrecondition,
        throttled: false,
        phrases: &["is enabled", "enable the", "disable the"],
        cells: MEASURE,
        statuses: REQUEST_ERRORS,
        why: "the fix is to enable or disable something: a state change",
    },
];

/// Suggests a kind for a catalog row from its status and text: the first of [`RULES`] that
/// applies, else the status's kind ([`ErrorKind::from_status`]). Always returns a
/// suggestion.
#[must_use]
pub fn suggest(status: u16, message: &str, description: &str, measure: &str) -> Suggestion {
    decide(status, message, description, measure).1
}

/// [`suggest`], and the position in [`RULES`] of the rule that decided (`None`: the
/// status fallback).
fn decide(
    status: u16,
    message: &str,
    description: &str,
    measure: &str,
) -> (Option<usize>, Suggestion) {
    let cells = [
        Words::new(message),
        Words::new(description),
        Words::new(measure),
    ];
    for (i, rule) in RULES.iter().enumerate() {
        if !rule.applies_to(status) {
            continue;
        }
        let found = if rule.phrases.is_empty() {
            Some(Reason::Status(status))
        } else {
            find(rule, &cells).map(|(phrase, cell)| Reason::Phrase {
                phrase,
                cell,
                status: rule.statuses.map(|_| status),
            })
        };
        if let Some(reason) = found {
            let suggestion = Suggestion {
                kind: rule.kind,
                throttled: rule.throttled || status == 429,
                reason,
            };
            return (Some(i), suggestion);
        }
    }
    let suggestion = Suggestion {
        kind: ErrorKind::from_status(status),
        throttled: status == 429,
        reason: Reason::Status(status),
    };
    (None, suggestion)
}

/// The first of `rule`'s phrases found, cell by cell in the rule's order.
fn find(rule: &Rule, cells: &[Words; 3]) -> Option<(&'static str, Cell)> {
    for &cell in rule.cells {
        let words = &cells[cell as usize];
        for &phrase in rule.phrases {
            if words.contains(phrase.as_bytes()) {
                return Some((phrase, cell));
            }
        }
    }
    None
}

/// A word byte: an ASCII letter or digit, `_`, or part of a non-ASCII character.
const fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// A byte that may stand between two words of one phrase: white space, `-`, `/`, `,`,
/// quotes and `*` (RST bold), not sentence punctuation or brackets.
const fn is_joiner(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b'-' | b'/' | b',' | b'*' | b'\'' | b'"' | b'`'
    )
}

/// A cell's words: where each starts and ends, and whether it joins the word before it
/// (only joiners between them).
struct Words<'a> {
    text: &'a [u8],
    /// `(start, end, joined)`; `joined` is whether only joiners separate the word from the
    /// one before.
    words: Vec<(usize, usize, bool)>,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Self {
        let text = text.as_bytes();
        let mut words = Vec::new();
        let mut i = 0;
        let mut joined = false;
        while i < text.len() {
            if is_word(text[i]) {
                let start = i;
                while i < text.len() && is_word(text[i]) {
                    i += 1;
                }
                words.push((start, i, joined));
                joined = true;
            } else {
                joined &= is_joiner(text[i]);
                i += 1;
            }
        }
        Words { text, words }
    }

    /// Whether `phrase` occurs (see the module's "Matching").
    fn contains(&self, phrase: &[u8]) -> bool {
        let mut start = 0;
        while start < self.words.len() {
            if self.matches_at(start, phrase, 0, true) {
                return true;
            }
            start += 1;
        }
        false
    }

    /// Whether the phrase from byte `p` on matches the words from word `w` on; `first`:
    /// `w` starts the match (it need not join the word before).
    fn matches_at(&self, w: usize, phrase: &[u8], p: usize, first: bool) -> bool {
        let Some((token, next)) = next_token(phrase, p) else {
            return true;
        };
        match token {
            Token::Word(word) => {
                if w >= self.words.len() {
                    return false;
                }
                let (start, end, joined) = self.words[w];
                (first || joined)
                    && self.text[start..end].eq_ignore_ascii_case(word)
                    && self.matches_at(w + 1, phrase, next, false)
            }
            Token::Any => {
                let mut n = 0;
                while n < MAX_SKIPPED_WORDS && w + n < self.words.len() {
                    // Every skipped word joins the one before, but where the match starts.
                    let joined = self.words[w + n].2 || (first && n == 0);
                    if !joined {
                        return false;
                    }
                    n += 1;
                    if self.matches_at(w + n, phrase, next, false) {
                        return true;
                    }
                }
                false
            }
        }
    }
}

/// A token of a phrase: a word, or `*` (one to [`MAX_SKIPPED_WORDS`] words).
#[derive(Debug, PartialEq, Eq)]
enum Token<'p> {
    Word(&'p [u8]),
    Any,
}

/// The token at or after byte `p` of `phrase`, and the byte after it; `None` at the end.
fn next_token(phrase: &[u8], mut p: usize) -> Option<(Token<'_>, usize)> {
    while p < phrase.len() && !is_word(phrase[p]) && phrase[p] != b'*' {
        p += 1;
    }
    if p >= phrase.len() {
        return None;
    }
    if phrase[p] == b'*' {
        return Some((Token::Any, p + 1));
    }
    let start = p;
    while p < phrase.len() && is_word(phrase[p]) {
        p += 1;
    }
    Some((Token::Word(&phrase[start..p]), p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kms_errors_catalog::Ctxt;
    use kms_errors_core::Retry;
    use std::collections::BTreeMap;
    use std::fmt::Write as _;
    use std::path::Path;

    fn kind(status: u16, message: &str) -> ErrorKind {
        suggest(status, message, "", "").kind
    }

    /// Every rule decides on a sentence of its own (none from the bundled tables), and each
    /// rule decides at least one of them.
    #[test]
    fn every_rule_fires_on_a_sentence_of_its_own() {
        use ErrorKind::*;
        // (status, message, description, measure, kind, throttled)
        let cases: &[(u16, &str, &str, &str, ErrorKind, bool)] = &[
            (
                429,
                "Please slow your client.",
                "",
                "",
                ResourceExhausted,
                true,
            ),
            (
                400,
                "Too many requests for this volume.",
                "",
                "",
                ResourceExhausted,
                true,
            ),
            (503, "A system error occurred.", "", "", Unavailable, false),
            (
                401,
                "The user does not exist.",
                "",
                "",
                Unauthenticated,
                false,
            ),
            (
                404,
                "The requested method does not exist.",
                "",
                "",
                Unimplemented,
                false,
            ),
            (
                403,
                "Real-name verification is required.",
                "",
                "",
                PermissionDenied,
                false,
            ),
            (400, "Invalid project ID.", "", "", InvalidArgument, false),
            (
                400,
                "Bad tags.",
                "The tag list contains duplicate keys.",
                "",
                InvalidArgument,
                false,
            ),
            (
                500,
                "The storage backend does not exist.",
                "",
                "",
                FailedPrecondition,
                false,
            ),
            (
                400,
                "The snapshot could not be found.",
                "",
                "",
                NotFound,
                false,
            ),
            (400, "Invalid volume ID.", "", "", NotFound, false),
            (
                400,
                "A volume with this name already exists.",
                "",
                "",
                AlreadyExists,
                false,
            ),
            (
                403,
                "Deleting volumes is not allowed.",
                "",
                "",
                PermissionDenied,
                false,
            ),
            (
                400,
                "You have no permission to read this volume.",
                "",
                "",
                PermissionDenied,
                false,
            ),
            (
                400,
                "The access token has expired.",
                "",
                "",
                Unauthenticated,
                false,
            ),
            (
                400,
                "The volume size must be between 1 and 100.",
                "",
                "",
                OutOfRange,
                false,
            ),
            (400, "Too many volumes.", "", "", ResourceExhausted, false),
            (
                409,
                "A conflicting operation is running on the volume.",
                "",
                "",
                Aborted,
                false,
            ),
            (
                400,
                "The scheduler is busy. Try again later.",
                "",
                "",
                Unavailable,
                false,
            ),
            (
                500,
                "The storage backend is unavailable.",
                "",
                "",
                Unavailable,
                false,
            ),
            (
                500,
                "The request to the storage backend timed out.",
                "",
                "",
                DeadlineExceeded,
                false,
            ),
            (
                400,
                "Failed to create the snapshot.",
                "",
                "",
                Internal,
                false,
            ),
            (
                400,
                "Encryption is not supported in the current region.",
                "",
                "",
                Unimplemented,
                false,
            ),
            (
                400,
                "The volume is in use.",
                "",
                "",
                FailedPrecondition,
                false,
            ),
            (
                404,
                "The volume name is malformed.",
                "",
                "",
                InvalidArgument,
                false,
            ),
            (
                400,
                "Cannot add disks.",
                "",
                "Increase the disk quota.",
                ResourceExhausted,
                false,
            ),
            (
                400,
                "Cannot add disks.",
                "",
                "Enable the disk pool first.",
                FailedPrecondition,
                false,
            ),
        ];
        let mut fired = vec![false; RULES.len()];
        for &(status, message, description, measure, want, throttled) in cases {
            let (rule, got) = decide(status, message, description, measure);
            assert_eq!(
                (got.kind, got.throttled),
                (want, throttled),
                "{message:?}: {got}"
            );
            let rule = rule.unwrap_or_else(|| panic!("{message:?}: no rule, {got}"));
            assert_eq!(RULES[rule].kind, want, "{message:?}");
            fired[rule] = true;
        }
        for (i, rule) in RULES.iter().enumerate() {
            assert!(
                fired[i],
                "rule {i} ({}: {}) fired on no sentence",
                rule.kind, rule.why
            );
        }
    }

    #[test]
    fn the_first_matching_rule_decides() {
        // An earlier rule wins over a later one, whichever cell each matches in: "invalid *
        // id" (not found) comes before the general "invalid".
        let s = suggest(400, "Invalid parameter.", "Invalid key ID.", "");
        assert_eq!(s.kind, ErrorKind::NotFound);
        assert_eq!(s.reason.to_string(), "\"invalid * id\" in the description");
        // Rate limits before quotas: "too many requests" is throttled, "too many" is not.
        assert!(suggest(400, "Too many requests.", "", "").throttled);
        assert!(!suggest(400, "Too many keys.", "", "").throttled);
        // A status condition: missing at a 5xx is the service's configuration.
        assert_eq!(
            kind(500, "The backend does not exist."),
            ErrorKind::FailedPrecondition
        );
        assert_eq!(
            kind(400, "The backend does not exist."),
            ErrorKind::NotFound
        );
        // A user ID is the caller's identity, checked before "invalid * id".
        assert_eq!(kind(400, "Invalid user ID."), ErrorKind::InvalidArgument);
        // Within one rule, the message before the description.
        let s = suggest(400, "Key not found.", "The key does not exist.", "");
        assert_eq!(
            s.reason,
            Reason::Phrase {
                phrase: "not found",
                cell: Cell::Message,
                status: None
            }
        );
        // The measure is read only by the last rules: here "invalid" decides first.
        assert_eq!(
            suggest(400, "Invalid disk.", "", "Enable the disk.").kind,
            ErrorKind::InvalidArgument
        );
    }

    #[test]
    fn phrases_match_whole_words() {
        // "invalid" does not match "invalidated", nor "exist" "existing".
        let s = suggest(400, "The cache was invalidated.", "", "");
        assert_eq!(s.reason, Reason::Status(400));
        assert_eq!(
            suggest(400, "A key is not existing.", "", "").reason,
            Reason::Status(400)
        );
        assert_eq!(
            kind(400, "The key is notfound."),
            ErrorKind::InvalidArgument
        );
        // `_` joins a word: `key_id` is not "... id".
        assert_eq!(kind(400, "Invalid key_id."), ErrorKind::InvalidArgument);
        // `-` separates words and may stand between the words of a phrase.
        assert_eq!(
            kind(403, "Invalid X-Auth-Token."),
            ErrorKind::Unauthenticated
        );
        assert_eq!(kind(400, "The key does-not-exist."), ErrorKind::NotFound);
        // RST bold and quotes between words; a phrase does not run across sentences.
        assert_eq!(kind(400, "Invalid **key** ID."), ErrorKind::NotFound);
        assert_eq!(
            kind(400, "Invalid key. ID required."),
            ErrorKind::InvalidArgument
        );
        assert_eq!(kind(400, "It does not. Exist."), ErrorKind::InvalidArgument);
        // `*` is one to four words.
        assert_eq!(kind(400, "Invalid ID."), ErrorKind::InvalidArgument);
        assert_eq!(kind(400, "Invalid a b c d ID."), ErrorKind::NotFound);
        assert_eq!(
            kind(400, "Invalid a b c d e ID."),
            ErrorKind::InvalidArgument
        );
        // Non-ASCII letters are word characters.
        assert_eq!(kind(404, "Invalidé."), ErrorKind::NotFound);
    }

    #[test]
    fn phrases_match_in_any_ascii_case() {
        assert_eq!(kind(400, "THE KEY DOES NOT EXIST"), ErrorKind::NotFound);
        assert_eq!(kind(400, "Key Already Exists"), ErrorKind::AlreadyExists);
        assert_eq!(kind(400, "tOO mAnY rEqUeStS"), ErrorKind::ResourceExhausted);
    }

    #[test]
    fn the_status_decides_when_no_phrase_matches() {
        for (status, want) in [
            (400, ErrorKind::InvalidArgument),
            (403, ErrorKind::PermissionDenied),
            (404, ErrorKind::NotFound),
            (409, ErrorKind::AlreadyExists),
            (418, ErrorKind::InvalidArgument),
            (500, ErrorKind::Internal),
            (302, ErrorKind::Unknown),
        ] {
            let s = suggest(status, "Something odd happened.", "", "");
            assert_eq!(s.kind, ErrorKind::from_status(status));
            assert_eq!(s.kind, want);
            assert_eq!((s.throttled, s.reason), (false, Reason::Status(status)));
            assert_eq!(suggest(status, "", "", "").kind, want);
        }
    }

    #[test]
    fn status_429_is_always_throttled() {
        for text in [
            "",
            "The key does not exist.",
            "Too many keys.",
            "Invalid parameter.",
        ] {
            let s = suggest(429, text, text, text);
            assert_eq!(
                (s.kind, s.throttled),
                (ErrorKind::ResourceExhausted, true),
                "{text}"
            );
            assert_eq!(s.reason, Reason::Status(429));
        }
    }

    #[test]
    fn a_rate_limit_is_throttled_at_any_status() {
        let s = suggest(202, "Flow limit exceeded.", "", "");
        assert_eq!((s.kind, s.throttled), (ErrorKind::ResourceExhausted, true));
        assert_eq!(s.reason.to_string(), "\"flow limit\" in the message");
        for status in [400, 403, 500] {
            assert!(
                suggest(status, "", "Too many requests.", "").throttled,
                "{status}"
            );
        }
        // A quota is not.
        let s = suggest(400, "The number of keys exceeds the maximum.", "", "");
        assert_eq!((s.kind, s.throttled), (ErrorKind::ResourceExhausted, false));
    }

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

    /// The rules are general phrases: lower case, no codes, well formed for the matcher.
    #[test]
    fn rules_are_well_formed() {
        for (i, rule) in RULES.iter().enumerate() {
            assert_eq!(rule.phrases.is_empty(), rule.cells.is_empty(), "rule {i}");
            assert!(
                !rule.phrases.is_empty() || rule.statuses.is_some(),
                "rule {i}"
            );
            assert!(
                !rule.throttled || rule.kind == ErrorKind::ResourceExhausted,
                "rule {i}"
            );
            for &(lo, hi) in rule.statuses.unwrap_or(&[]) {
                assert!(
                    (100..=599).contains(&lo) && lo <= hi && hi <= 599,
                    "rule {i}"
                );
            }
            for (j, phrase) in rule.phrases.iter().enumerate() {
                let b = phrase.as_bytes();
                let ok = |c: &u8| c.is_ascii_lowercase() || b" *-'".contains(c);
                assert!(
                    b.iter().all(ok),
                    "rule {i}: {phrase:?}: lower-case words only"
                );
                assert!(
                    !phrase.starts_with('*') && !phrase.ends_with('*'),
                    "{phrase:?}"
                );
                assert!(
                    !phrase.contains("* *") && !phrase.contains("  "),
                    "{phrase:?}"
                );
                assert!(
                    !rule.phrases[..j].contains(phrase),
                    "rule {i}: {phrase:?} twice"
                );
                // It matches itself.
                assert!(
                    Words::new(&phrase.replace('*', "x")).contains(b),
                    "{phrase:?}"
                );
            }
        }
        assert!(Rule {
            statuses: REQUEST_ERRORS,
            ..RULES[0]
        }
        .applies_to(404));
        assert!(!Rule {
            statuses: REQUEST_ERRORS,
            ..RULES[0]
        }
        .applies_to(403));
        assert!(RULES[1].applies_to(202));
    }

    /// One hand-read row of a bundled table and the suggestion for it.
    struct Compared {
        code: String,
        status: u16,
        hand: ErrorKind,
        got: Suggestion,
    }

    fn bundled_rows() -> Vec<Compared> {
        let mut out = Vec::new();
        for (name, text) in [
            ("catalog.csv", kms_errors_catalog::source::KMS),
            ("gateway.csv", kms_errors_catalog::source::GATEWAY),
        ] {
            let mut cx = Ctxt::new(name);
            let cat = kms_errors_catalog::parse(name, text, None, &mut cx);
            assert!(cx.is_ok(), "{name}: {:?}", cx.into_messages());
            for code in &cat.codes {
                for row in &code.rows {
                    let hand = row.kind.unwrap_or_else(|| panic!("{}: no kind", code.code));
                    // As `import` suggests: from the runtime text (RST rendered).
                    let plain = |c: &str| kms_errors_catalog::rst::plain(c).into_owned();
                    let (m, d, x) = (
                        plain(&row.message),
                        plain(&row.description),
                        plain(&row.measure),
                    );
                    let got = suggest(row.status, &m, &d, &x);
                    out.push(Compared {
                        code: code.code.to_string(),
                        status: row.status,
                        hand,
                        got,
                    });
                }
            }
        }
        out
    }

    /// The real tables of other services beside the workspace (reference data, not in the
    /// repository): every row's suggestion, as a kind distribution per table. Not asserted:
    /// read it (`-- --nocapture`); `KMS_ERRORS_SUGGEST_ROWS=1` also prints every row.
    #[test]
    fn real_catalogs_distribution() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/real-catalogs");
        let every_row = std::env::var_os("KMS_ERRORS_SUGGEST_ROWS").is_some();
        let report = real_catalogs_report(Path::new(dir), every_row);
        if report.starts_with("skipped") {
            // Past libtest's capture: a skip is said out loud, not hidden in a quiet `ok`.
            use std::io::Write;
            let _ = write!(std::io::stderr(), "real_catalogs_distribution: {report}");
        } else {
            print!("{report}");
        }
    }

    #[test]
    fn an_absent_real_catalogs_directory_is_said_so() {
        let report = real_catalogs_report(
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/no-such-directory")),
            false,
        );
        assert_eq!(report, "skipped: ../shared/real-catalogs is absent\n");
    }

    /// Each CSV of `dir` read by the front end, and the kinds suggested for its rows.
    fn real_catalogs_report(dir: &Path, every_row: bool) -> String {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return "skipped: ../shared/real-catalogs is absent\n".to_owned();
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "../shared/real-catalogs has no CSV");
        let mut report = String::from("suggested kinds in ../shared/real-catalogs:\n");
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let mut cx = Ctxt::new(&name);
            let cat = kms_errors_catalog::parse(&name, &text, None, &mut cx);
            let mut kinds: BTreeMap<ErrorKind, usize> = BTreeMap::new();
            let (mut rows, mut throttled, mut by_status) = (0, 0, 0);
            for code in &cat.codes {
                for row in &code.rows {
                    let s = suggest(row.status, &row.message, &row.description, &row.measure);
                    rows += 1;
                    *kinds.entry(s.kind).or_default() += 1;
                    throttled += usize::from(s.throttled);
                    by_status += usize::from(matches!(s.reason, Reason::Status(_)));
                    if every_row {
                        let (line, code) = (row.line, &code.code);
                        let _ = writeln!(report, "  {name} line {line} {code} {}: {s}", row.status);
                    }
                }
            }
            let _ = write!(
                report,
                "{name}: {rows} rows ({} front-end errors), {by_status} decided by the status, \
                 {throttled} throttled:",
                cx.count()
            );
            let kinds: Vec<String> = kinds.iter().map(|(k, c)| format!(" {k} {c}")).collect();
            let _ = writeln!(report, "{}", kinds.join(","));
        }
        report
    }

    fn percent(n: usize, of: usize) -> f64 {
        100.0 * n as f64 / of as f64
    }

    /// The suggestions against the kinds filled by hand in both bundled tables: kind,
    /// not-found, already-exists and retry decisions, with the confusion matrix and every
    /// disagreement printed (`cargo test -p kms-errors-catalog suggest -- --nocapture`).
    #[test]
    fn agrees_with_the_hand_read_bundled_tables() {
        let rows = bundled_rows();
        assert_eq!(rows.len(), 256, "185 KMS/CSMS rows and 71 gateway rows");
        let n = rows.len();
        let count = |f: &dyn Fn(&Compared) -> bool| rows.iter().filter(|r| f(r)).count();
        // A throttled suggestion is resource_exhausted already (`Suggestion::throttled`).
        let kind = count(&|r| r.got.kind == r.hand);
        let not_found =
            count(&|r| (r.got.kind == ErrorKind::NotFound) == (r.hand == ErrorKind::NotFound));
        let exists = count(&|r| {
            (r.got.kind == ErrorKind::AlreadyExists) == (r.hand == ErrorKind::AlreadyExists)
        });
        // Worth retrying an idempotent request, by the runtime's rule (`ErrorInfo::is_retryable`).
        let retryable = |kind, throttled, status| Retry::of(kind, status, throttled).allows(true);
        let retry = count(&|r| {
            retryable(r.got.kind, r.got.throttled, r.status)
                == retryable(r.hand, r.status == 429, r.status)
        });

        let mut report = String::new();
        let _ = writeln!(
            report,
            "suggested kinds against the hand-read kinds, {n} rows:"
        );
        for (what, agree) in [
            ("kind", kind),
            ("is not_found", not_found),
            ("is already_exists", exists),
            ("is retryable", retry),
        ] {
            let _ = writeln!(
                report,
                "  {what:<18} {agree}/{n} agree ({:.1}%)",
                percent(agree, n)
            );
        }
        let mut matrix: BTreeMap<(ErrorKind, ErrorKind), usize> = BTreeMap::new();
        for r in &rows {
            *matrix.entry((r.hand, r.got.kind)).or_default() += 1;
        }
        let used: Vec<ErrorKind> = ErrorKind::ALL
            .iter()
            .copied()
            .filter(|k| matrix.keys().any(|&(h, g)| h == *k || g == *k))
            .collect();
        let short = |k: ErrorKind| -> String { k.as_str().chars().take(6).collect() };
        let _ = writeln!(
            report,
            "\nconfusion matrix (rows: hand kind, columns: suggested):"
        );
        let _ = write!(report, "{:<20}", "");
        for k in &used {
            let _ = write!(report, "{:>7}", short(*k));
        }
        let _ = writeln!(report);
        for h in &used {
            let _ = write!(report, "{:<20}", h.as_str());
            for g in &used {
                match matrix.get(&(*h, *g)) {
                    Some(c) => {
                        let _ = write!(report, "{c:>7}");
                    }
                    None => {
                        let _ = write!(report, "{:>7}", ".");
                    }
                }
            }
            let _ = writeln!(report);
        }
        let _ = writeln!(
            report,
            "\ndisagreements (code, status, hand, suggested, reason):"
        );
        for r in rows.iter().filter(|r| r.got.kind != r.hand) {
            let _ = writeln!(
                report,
                "  {:<10} {} {:<19} {:<19} {}",
                r.code,
                r.status,
                r.hand.as_str(),
                r.got.kind.as_str(),
                r.got.reason
            );
        }
        println!("{report}");

        let at_least = |agree: usize, pct: usize| agree * 100 >= pct * n;
        assert!(at_least(kind, 90), "kind agreement below 90%\n{report}");
        assert!(at_least(not_found, 95), "not_found below 95%\n{report}");
        assert!(at_least(exists, 95), "already_exists below 95%\n{report}");
        assert!(at_least(retry, 95), "retryable below 95%\n{report}");
    }
}
