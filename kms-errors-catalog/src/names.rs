//! How the names a catalog writes are compared: header names and kind names match in any
//! case, with surrounding space and `_`, `-` and white space inside ignored, and a name that
//! matches nothing gets a did-you-mean. One normalisation and one edit distance (the runtime's
//! `const` one, `kms_errors_core::distance`) for both.

use kms_errors_core::distance::{distance, nearest as nearest_positions};

/// ASCII lower case, without `_`, `-` and white space: `Status Code`, `status_code` and
/// `STATUS-CODE` are one name, as are `NotFound`, `NOT_FOUND` and `not found`.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if !(c == '_' || c == '-' || c.is_whitespace()) {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The answer of the candidate nearest to `name`, if it is near enough to be a likely typo:
/// within a third of the candidate's length in edits (at least one). `candidates` are
/// `(answer, accepted name)` pairs, the names already [`normalize`]d; on a tie, the first.
pub fn closest<'c>(name: &str, candidates: &[(&'c str, String)]) -> Option<&'c str> {
    let n = normalize(name);
    if n.is_empty() {
        return None;
    }
    let mut best: Option<(&'c str, usize)> = None;
    for (answer, accepted) in candidates {
        let d = distance(n.as_bytes(), accepted.as_bytes());
        if d <= (accepted.len() / 3).max(1) && best.is_none_or(|(_, b)| d < b) {
            best = Some((answer, d));
        }
    }
    best.map(|(answer, _)| answer)
}

/// The codes nearest to `s` (surrounding white space ignored): at most two edits, ASCII case
/// ignored, the equally nearest in catalog order (at most three). The rule with which
/// `kms_errors::code!` suggests a code for a literal that is not one.
pub fn nearest<'c>(codes: &[&'c str], s: &str) -> Vec<&'c str> {
    let (found, count) = nearest_positions(codes, s.trim());
    found[..count].iter().map(|&i| codes[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_normalisation() {
        for (a, b) in [
            ("Status Code", "statuscode"),
            ("  HTTP   Status\tCode ", "httpstatuscode"),
            ("status_code", "statuscode"),
            ("STATUS-CODE", "statuscode"),
            ("NotFound", "notfound"),
            (" NOT_FOUND ", "notfound"),
            ("Handling Measure(s)", "handlingmeasure(s)"),
            ("Ünit", "Ünit"), // ASCII case folding only
            ("", ""),
        ] {
            assert_eq!(normalize(a), b, "{a:?}");
        }
    }

    #[test]
    fn nearest_codes() {
        let codes = ["KMS.0207", "KMS.0201", "CSMS.0101"];
        assert_eq!(nearest(&codes, " kms.0207 "), ["KMS.0207"]);
        assert_eq!(nearest(&codes, "KMS.207"), ["KMS.0207"]);
        assert_eq!(nearest(&codes, "CSMS0101"), ["CSMS.0101"]);
        assert_eq!(nearest(&codes, "KMS.0200"), ["KMS.0207", "KMS.0201"]);
        assert!(nearest(&codes, "NOPE").is_empty());
    }

    #[test]
    fn nearest_within_a_third() {
        let c = |names: &[&'static str]| -> Vec<(&'static str, String)> {
            names.iter().map(|n| (*n, normalize(n))).collect()
        };
        let kinds = c(&["not_found", "already_exists", "aborted"]);
        assert_eq!(closest("not_fuond", &kinds), Some("not_found")); // a swap is one edit
        assert_eq!(closest("NOT FOUNDD", &kinds), Some("not_found"));
        assert_eq!(closest("conflict", &kinds), None);
        assert_eq!(closest("", &kinds), None);
        assert_eq!(closest("abortd", &kinds), Some("aborted"));
        // Short names allow one edit.
        let short = c(&["url", "kind"]);
        assert_eq!(closest("urk", &short), Some("url"));
        assert_eq!(closest("xyz", &short), None);
        // Ties: the first candidate.
        let tie = c(&["abcd", "abce"]);
        assert_eq!(closest("abcf", &tie), Some("abcd"));
    }
}
