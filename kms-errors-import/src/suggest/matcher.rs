//! The matcher of [`suggest`]: reads a row's cells as words and tries [`RULES`] in order
//! (the module docs of `suggest`, "Matching", say how a phrase matches).

use super::{Cell, Reason, Rule, Suggestion, RULES};
use kms_errors_catalog::ErrorKind;

/// How many words a `*` in a phrase stands for, at most (at least one).
pub const MAX_SKIPPED_WORDS: usize = 4;

/// Suggests a kind for a catalog row from its status and text: the first of [`RULES`] that
/// applies, else the status's kind ([`ErrorKind::from_status`]). Always returns a
/// suggestion.
#[must_use]
pub fn suggest(status: u16, message: &str, description: &str, measure: &str) -> Suggestion {
    decide(status, message, description, measure).1
}

/// [`suggest`], and the position in [`RULES`] of the rule that decided (`None`: the
/// status fallback).
pub(super) fn decide(
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
}
