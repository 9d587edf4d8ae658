//! The matcher of [`suggest`]: reads a row's cells as words and tries [`RULES`] in order
//! (the module docs of `suggest`, "Matching", say how a phrase matches).

use super::{Cell, Confidence, Reason, Rule, Suggestion, POINTS_AT_THE_REQUEST, RULES};
use kms_errors_catalog::ErrorKind;
use std::collections::{HashMap, HashSet};

/// How many words a `*` in a phrase stands for, at most (at least one).
pub const MAX_SKIPPED_WORDS: usize = 4;

/// Suggests a kind for a catalog row from its status and text: the first of [`RULES`] that
/// applies, else the status's kind ([`ErrorKind::from_status`]). Always returns a
/// suggestion. For the rows of a table, [`suggest_all`] also leaves out the sentences the
/// table repeats on many rows.
#[must_use]
pub fn suggest(status: u16, message: &str, description: &str, measure: &str) -> Suggestion {
    decide(
        status,
        [message, description, measure],
        &Boilerplate::default(),
    )
    .1
}

/// [`suggest`] for every row of a table (`(status, [message, description, measure])`),
/// reading the rows without the table's [`Boilerplate`]: a sentence the vendor appends to
/// errors of every kind ("Try again later or contact customer service.") says nothing about
/// any of them.
#[must_use]
pub fn suggest_all(rows: &[(u16, [&str; 3])]) -> Vec<Suggestion> {
    let boilerplate = Boilerplate::of(rows.iter().map(|r| r.1));
    rows.iter()
        .map(|&(status, cells)| decide(status, cells, &boilerplate).1)
        .collect()
}

/// The sentences a table repeats on many rows: in at least 3 rows and 5% of them. Such a
/// sentence is boilerplate, not evidence about a row, and is left out before the rules
/// read it.
#[derive(Debug, Default, Clone)]
pub struct Boilerplate {
    sentences: HashSet<String>,
}

impl Boilerplate {
    /// The boilerplate of a table, from its rows' cells.
    pub fn of<'a>(rows: impl Iterator<Item = [&'a str; 3]> + Clone) -> Self {
        let n = rows.clone().count();
        let least = 3.max(n.div_ceil(20));
        let mut count: HashMap<String, usize> = HashMap::new();
        for cells in rows {
            let mut seen = HashSet::new();
            for cell in cells {
                for s in sentences(cell) {
                    if seen.insert(s.clone()) {
                        *count.entry(s).or_default() += 1;
                    }
                }
            }
        }
        Boilerplate {
            sentences: count
                .into_iter()
                .filter(|&(_, c)| c >= least)
                .map(|(s, _)| s)
                .collect(),
        }
    }

    /// Whether `sentence` (normalized: trimmed, without its closing punctuation, in ASCII lower
    /// case with runs of white space as one space) is boilerplate.
    #[must_use]
    pub fn contains(&self, sentence: &str) -> bool {
        self.sentences.contains(sentence)
    }

    /// `cell` without its boilerplate sentences (borrowed when it has none).
    fn strip<'c>(&self, cell: &'c str) -> std::borrow::Cow<'c, str> {
        if self.sentences.is_empty() || !sentences(cell).any(|s| self.contains(&s)) {
            return std::borrow::Cow::Borrowed(cell);
        }
        let kept: Vec<String> = sentence_spans(cell)
            .filter(|s| !self.contains(&normalize(s)))
            .map(str::to_owned)
            .collect();
        std::borrow::Cow::Owned(kept.join(". "))
    }
}

/// The sentences of `cell`, each trimmed, without its closing punctuation, in ASCII lower
/// case with runs of white space as one space (how [`Boilerplate`] compares them).
fn sentences(cell: &str) -> impl Iterator<Item = String> + '_ {
    sentence_spans(cell)
        .map(normalize)
        .filter(|s| !s.is_empty())
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// `cell` cut after `.`, `!`, `?` or `;` followed by white space or the end, and at line
/// breaks; the pieces trimmed, without that punctuation.
fn sentence_spans(cell: &str) -> impl Iterator<Item = &str> {
    let b = cell.as_bytes();
    let mut cuts = Vec::new();
    let mut start = 0;
    for i in 0..b.len() {
        let end = matches!(b[i], b'.' | b'!' | b'?' | b';')
            && b.get(i + 1).is_none_or(u8::is_ascii_whitespace);
        if end || matches!(b[i], b'\n' | b'\r') {
            cuts.push((start, i));
            start = i + 1;
        }
    }
    cuts.push((start, b.len()));
    cuts.into_iter()
        .map(move |(a, z)| cell[a..z].trim())
        .filter(|s| !s.is_empty())
}

/// [`suggest`] with `boilerplate` left out, and the position in [`RULES`] of the rule that
/// decided (`None`: the status, by its fallback or because the measure contradicted the
/// rule's kind).
pub(super) fn decide(
    status: u16,
    cells: [&str; 3],
    boilerplate: &Boilerplate,
) -> (Option<usize>, Suggestion) {
    let texts = cells.map(|c| boilerplate.strip(c));
    let words = [
        Words::new(&texts[0]),
        Words::new(&texts[1]),
        Words::new(&texts[2]),
    ];
    let by_status = Suggestion {
        kind: ErrorKind::from_status(status),
        throttled: status == 429,
        reason: Reason::Status(status),
        confidence: Confidence::Low,
    };
    for (i, rule) in RULES.iter().enumerate() {
        if !rule.applies_to(status) {
            continue;
        }
        let (reason, confidence) = if rule.phrases.is_empty() {
            (Reason::Status(status), rule.confidence)
        } else {
            let Some((phrase, cell)) = find(rule, &words) else {
                continue;
            };
            // What would retry any request, or call the resource gone, needs a row that
            // does not point at the request.
            let risky =
                rule.throttled || matches!(rule.kind, ErrorKind::Unavailable | ErrorKind::NotFound);
            if risky && cell != Cell::Measure {
                if let Some(by) = POINTS_AT_THE_REQUEST
                    .iter()
                    .find(|p| words[Cell::Measure as usize].contains(p.as_bytes()))
                {
                    let reason = Reason::Contradicted {
                        phrase,
                        cell,
                        kind: kms_errors_core::cell::kind_cell(rule.kind, rule.throttled),
                        by,
                        status,
                    };
                    return (
                        None,
                        Suggestion {
                            reason,
                            ..by_status
                        },
                    );
                }
            }
            let confidence = match cell {
                Cell::Measure => rule.confidence.min(Confidence::Medium),
                _ => rule.confidence,
            };
            let reason = Reason::Phrase {
                phrase,
                cell,
                status: rule.statuses.map(|_| status),
            };
            (reason, confidence)
        };
        let suggestion = Suggestion {
            kind: rule.kind,
            throttled: rule.throttled || status == 429,
            reason,
            confidence,
        };
        return (Some(i), suggestion);
    }
    (None, by_status)
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
pub(super) struct Words<'a> {
    text: &'a [u8],
    /// `(start, end, joined)`; `joined` is whether only joiners separate the word from the
    /// one before.
    words: Vec<(usize, usize, bool)>,
}

impl<'a> Words<'a> {
    pub(super) fn new(text: &'a str) -> Self {
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
    pub(super) fn contains(&self, phrase: &[u8]) -> bool {
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

    fn kind(status: u16, message: &str) -> ErrorKind {
        suggest(status, message, "", "").kind
    }

    #[test]
    fn the_first_matching_rule_decides() {
        // An earlier rule wins over a later one, whichever cell each matches in: "invalid *
        // id" (a malformed ID, not a missing resource) comes before "not exist".
        let s = suggest(400, "Invalid parameter.", "Invalid key ID.", "");
        assert_eq!(s.kind, ErrorKind::InvalidArgument);
        assert_eq!(
            s.reason.to_string(),
            "\"invalid * id\" in the description at HTTP 400"
        );
        assert_eq!(s.confidence, Confidence::High);
        // At HTTP 404 the status says the resource named is not there.
        assert_eq!(kind(404, "Invalid key ID."), ErrorKind::NotFound);
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
        assert_eq!(kind(404, "Invalid **key** ID."), ErrorKind::NotFound);
        assert_eq!(
            kind(400, "Invalid key. ID required."),
            ErrorKind::InvalidArgument
        );
        assert_eq!(kind(400, "It does not. Exist."), ErrorKind::InvalidArgument);
        // `*` is one to four words.
        assert_eq!(kind(400, "Invalid ID."), ErrorKind::InvalidArgument);
        assert_eq!(kind(404, "Invalid a b c d ID."), ErrorKind::NotFound);
        assert_eq!(
            kind(404, "Invalid a b c d e ID."),
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
    fn confidence_follows_the_evidence() {
        // A specific phrase in the message or description: high.
        let s = suggest(400, "The zone does not exist.", "", "");
        assert_eq!(
            (s.kind, s.confidence),
            (ErrorKind::NotFound, Confidence::High)
        );
        // A generic word, or a phrase found only in the measure: medium.
        assert_eq!(
            suggest(400, "Invalid value.", "", "").confidence,
            Confidence::Medium
        );
        let s = suggest(400, "Cannot add disks.", "", "Raise the quota.");
        assert_eq!(
            (s.kind, s.confidence),
            (ErrorKind::ResourceExhausted, Confidence::Medium)
        );
        // The status alone: low.
        assert_eq!(suggest(400, "Odd.", "", "").confidence, Confidence::Low);
        assert_eq!(suggest(400, "Odd.", "", "").cell(), "low: HTTP 400");
        assert_eq!(
            suggest(400, "The zone does not exist.", "", "").cell(),
            "high: \"not exist\" in the message"
        );
    }

    #[test]
    fn retrying_any_request_or_not_found_needs_a_row_that_does_not_point_at_the_request() {
        // The service says it is busy: unavailable, retried for any request.
        let s = suggest(400, "The service is busy.", "", "Try again later.");
        assert_eq!(
            (s.kind, s.confidence),
            (ErrorKind::Unavailable, Confidence::High)
        );
        // The measure points at the request: the status's kind is kept, and said so.
        let s = suggest(400, "The service is busy.", "", "Check the request body.");
        assert_eq!(
            (s.kind, s.confidence),
            (ErrorKind::InvalidArgument, Confidence::Low)
        );
        assert_eq!(
            s.reason.to_string(),
            "HTTP 400; not `unavailable`: \"service is busy\" in the message is contradicted by \"check the request\" in the measure"
        );
        let s = suggest(
            400,
            "Too many requests.",
            "",
            "Modify the request parameters.",
        );
        assert!(!s.throttled);
        let s = suggest(404, "Spec not found.", "", "Use a valid spec.");
        assert_eq!(s.kind, ErrorKind::NotFound); // the status's kind, 404
        assert_eq!(s.confidence, Confidence::Low);
        let s = suggest(400, "Spec not found.", "", "Use a valid spec.");
        assert_eq!(s.kind, ErrorKind::InvalidArgument);
        // "Try again later" alone is no evidence: vendors append it to errors of every kind.
        assert_eq!(
            suggest(400, "Request error. Try again later.", "", "").kind,
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            suggest(500, "Try again later.", "", "").kind,
            ErrorKind::Internal
        );
    }

    #[test]
    fn a_tables_boilerplate_is_no_evidence() {
        // Every row ends with the same two sentences, one of which names a busy service.
        let tail = "The system is busy. Contact customer service.";
        let texts: Vec<String> = [
            "The zone does not exist.",
            "Invalid name.",
            "Too many zones.",
            "The record set is in use.",
        ]
        .iter()
        .map(|m| format!("{m} {tail}"))
        .collect();
        let rows: Vec<(u16, [&str; 3])> =
            texts.iter().map(|t| (400, [t.as_str(), "", ""])).collect();
        let got: Vec<ErrorKind> = suggest_all(&rows).iter().map(|s| s.kind).collect();
        assert_eq!(
            got,
            [
                ErrorKind::NotFound,
                ErrorKind::InvalidArgument,
                ErrorKind::ResourceExhausted,
                ErrorKind::FailedPrecondition
            ]
        );
        // Row by row, without the table, the busy service would decide the second.
        assert_eq!(suggest(400, &texts[1], "", "").kind, ErrorKind::Unavailable);
        // A sentence on two rows of four is not boilerplate (at least 3 rows).
        let b = Boilerplate::of([["A. B.", "", ""], ["A. C.", "", ""], ["D.", "", ""]].into_iter());
        assert!(!b.contains("a"));
        let b = Boilerplate::of(
            [
                ["A. B.", "", ""],
                ["A. C.", "", ""],
                ["a", "", ""],
                ["D.", "", ""],
            ]
            .into_iter(),
        );
        assert!(b.contains("a") && !b.contains("b"));
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
}
