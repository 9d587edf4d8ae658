//! Edit distance and "did you mean", written once as `const fn`s: `kms_errors::code!`
//! evaluates them in the compiler when a literal is not a code, and the macro's front end
//! uses them for its did-you-mean on header and kind names. Internal: not API.

/// Strings longer than this many bytes are not compared.
pub const MAX_LEN: usize = 64;

/// `b` lower-cased if it is an ASCII letter.
const fn fold(b: u8) -> u8 {
    b.to_ascii_lowercase()
}

/// The edit distance of `a` and `b` counting
/// insertions, deletions, substitutions and swaps of two neighbours (optimal string
/// alignment), ASCII case ignored: `KMS.0270` is one swap from `KMS.0207`, `kms.0207` none.
/// `usize::MAX` when either is longer than [`MAX_LEN`] bytes.
pub const fn distance(a: &[u8], b: &[u8]) -> usize {
    let (n, m) = (a.len(), b.len());
    if n > MAX_LEN || m > MAX_LEN {
        return usize::MAX;
    }
    // Rows i - 2, i - 1 and i of the table, over j = 0..=m.
    let mut older = [0usize; MAX_LEN + 1];
    let mut prev = [0usize; MAX_LEN + 1];
    let mut cur = [0usize; MAX_LEN + 1];
    let mut j = 0;
    while j <= m {
        prev[j] = j;
        j += 1;
    }
    let mut i = 1;
    while i <= n {
        cur[0] = i;
        let mut j = 1;
        while j <= m {
            let cost = if fold(a[i - 1]) == fold(b[j - 1]) {
                0
            } else {
                1
            };
            let mut d = prev[j - 1] + cost;
            if prev[j] + 1 < d {
                d = prev[j] + 1;
            }
            if cur[j - 1] + 1 < d {
                d = cur[j - 1] + 1;
            }
            if i > 1
                && j > 1
                && fold(a[i - 1]) == fold(b[j - 2])
                && fold(a[i - 2]) == fold(b[j - 1])
                && older[j - 2] + 1 < d
            {
                d = older[j - 2] + 1;
            }
            cur[j] = d;
            j += 1;
        }
        older = prev;
        prev = cur;
        i += 1;
    }
    prev[m]
}

/// At most this many suggestions, when several codes are equally near.
pub const MAX_NEAREST: usize = 3;

/// The codes of `codes` nearest to `s` (positions, the first [`MAX_NEAREST`] of the equally
/// nearest in catalog order, and how many), if one is close enough to be a likely typo: at
/// most two edits, one for strings of up to four bytes, and fewer edits than `s` has bytes.
pub const fn nearest(codes: &[&str], s: &str) -> ([usize; MAX_NEAREST], usize) {
    let mut found = [0usize; MAX_NEAREST];
    let mut count = 0;
    let s = s.as_bytes();
    if s.len() > MAX_LEN {
        return (found, 0);
    }
    let mut best = if s.len() <= 4 { 1 } else { 2 };
    let mut i = 0;
    while i < codes.len() {
        let c = codes[i].as_bytes();
        let gap = c.len().abs_diff(s.len());
        if c.len() <= MAX_LEN && gap <= best {
            let d = distance(s, c);
            if d < s.len() && (d < best || (d == best && count == 0)) {
                best = d;
                found[0] = i;
                count = 1;
            } else if d < s.len() && d == best && count < MAX_NEAREST {
                found[count] = i;
                count += 1;
            }
        }
        i += 1;
    }
    (found, count)
}

/// The mutants of this file that no test can catch, because they change nothing observable
/// (`cargo mutants -p kms-errors-core` reports them as missed):
///
/// - `replace < with <= in distance` (the three `... + 1 < d` of the deletion, insertion and
///   swap steps) and `replace + with * in distance` in those three conditions (`prev[j] * 1
///   < d`): each differs from the original only when the candidate equals `d`, and then it
///   sets `d` to the value it already has.
/// - `replace && with || in nearest` in `c.len() <= MAX_LEN && gap <= best`: the length
///   test only skips work. A code whose length differs from `s`'s by more than `best` bytes
///   is at least that many edits away (and one longer than [`MAX_LEN`] at `usize::MAX`), so
///   it is neither nearer than `best` nor as near: it is compared and never suggested.
///
/// The mutants that make a loop never end (`replace += with *= in distance` and `in
/// nearest`: `0 * 1` stays `0`; `replace <= with > in distance` in `while i <= n`) are
/// reported as timeouts: every test that computes a distance hangs.
#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::format;
    use std::vec::Vec;

    /// The textbook optimal string alignment distance, over the whole table, ASCII case
    /// ignored: what [`distance`] computes with three rows.
    fn reference(a: &[u8], b: &[u8]) -> usize {
        let (a, b): (Vec<u8>, Vec<u8>) = (
            a.iter().map(u8::to_ascii_lowercase).collect(),
            b.iter().map(u8::to_ascii_lowercase).collect(),
        );
        let mut d = std::vec![std::vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        d[a.len()][b.len()]
    }

    /// Every string of up to `max` bytes over `alphabet`.
    fn strings(alphabet: &[u8], max: usize) -> Vec<Vec<u8>> {
        let mut all = std::vec![Vec::new()];
        let mut last = all.clone();
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|s| {
                    alphabet.iter().map(move |&c| {
                        let mut t = s.clone();
                        t.push(c);
                        t
                    })
                })
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn distances_are_the_textbook_ones() {
        // Every pair of strings of up to four bytes over an alphabet with a case pair: every
        // insertion, deletion, substitution and swap, at every place.
        let all = strings(b"abA.", 4);
        for a in &all {
            for b in &all {
                assert_eq!(distance(a, b), reference(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn strings_of_max_len_bytes_are_compared() {
        let long = [b'a'; MAX_LEN];
        let mut other = long;
        other[MAX_LEN / 2] = b'b';
        for (a, b, d) in [
            (&long[..], &long[..], 0),
            (&long[..], &other[..], 1),
            (&other[..], &long[..], 1),
            (&long[..], &long[1..], 1),
            (&long[1..], &long[..], 1),
        ] {
            assert_eq!(distance(a, b), d, "{} {}", a.len(), b.len());
        }
        assert_eq!(distance(&[b'a'; MAX_LEN + 1], &long), usize::MAX);
        assert_eq!(distance(&long, &[b'a'; MAX_LEN + 1]), usize::MAX);
    }

    #[test]
    fn distances() {
        for (a, b, d) in [
            ("", "", 0),
            ("KMS.0207", "KMS.0207", 0),
            ("kms.0207", "KMS.0207", 0),
            ("KMS.0270", "KMS.0207", 1),
            ("KMS.207", "KMS.0207", 1),
            ("KMS.02077", "KMS.0207", 1),
            ("KMS.0208", "KMS.0207", 1),
            ("KSM.0270", "KMS.0207", 2),
            ("abc", "", 3),
            ("ca", "abc", 3),
            ("CSMS.0101", "KMS.0101", 2),
        ] {
            assert_eq!(distance(a.as_bytes(), b.as_bytes()), d, "{a} {b}");
            assert_eq!(distance(b.as_bytes(), a.as_bytes()), d, "{b} {a}");
        }
    }

    fn near<'a>(codes: &[&'a str], s: &str) -> Vec<&'a str> {
        let (found, n) = nearest(codes, s);
        found[..n].iter().map(|&i| codes[i]).collect()
    }

    #[test]
    fn nearest_are_the_closest_in_catalog_order() {
        let codes = [
            "KMS.0207", "KMS.0271", "KMS.0101", "X", "KMS.0210", "KMS.0200",
        ];
        assert_eq!(
            near(&codes, "KMS.0270"),
            ["KMS.0207", "KMS.0271", "KMS.0210"]
        );
        assert_eq!(near(&codes, "kms.0271"), ["KMS.0271"]); // case only: nearer than the rest
        assert_eq!(near(&codes, "KMS.0102"), ["KMS.0101"]);
        assert_eq!(near(&codes, "KMS.9207"), ["KMS.0207"]);
        assert_eq!(near(&codes, "KMS.99"), Vec::<&str>::new()); // three edits
        assert_eq!(near(&codes, "Y"), Vec::<&str>::new()); // one edit, but all of it
        assert_eq!(near(&codes, "x"), ["X"]);
        assert_eq!(near(&codes, ""), Vec::<&str>::new());
        assert_eq!(near(&codes, &"K".repeat(65)), Vec::<&str>::new());
        assert_eq!(distance(&[b'a'; 65], b"a"), usize::MAX);
        let long = "L".repeat(64);
        assert_eq!(near(&[long.as_str()], &"L".repeat(63)), [long.as_str()]);
        // A string of exactly `MAX_LEN` bytes is compared too.
        let typo = format!("{}l", "L".repeat(63));
        assert_eq!(near(&[long.as_str()], &"L".repeat(64)), [long.as_str()]);
        assert_eq!(near(&[typo.as_str()], &long), [typo.as_str()]);
    }

    #[test]
    fn two_edits_are_a_typo_only_in_strings_of_more_than_four_bytes() {
        // Two swaps from `KMS.0207`, eight bytes: suggested.
        assert_eq!(distance(b"KSM.0270", b"KMS.0207"), 2);
        assert_eq!(near(&["KMS.0207"], "KSM.0270"), ["KMS.0207"]);
        // Five bytes, two edits: suggested.
        assert_eq!(near(&["abcde"], "badce"), ["abcde"]);
        // Four bytes: one edit is a typo, two are another word.
        assert_eq!(near(&["abcd"], "bacd"), ["abcd"]);
        assert_eq!(near(&["abcd"], "badc"), Vec::<&str>::new());
        assert_eq!(near(&["ab"], "ba"), ["ab"]);
        assert_eq!(near(&["abc"], "xyc"), Vec::<&str>::new());
    }
}
