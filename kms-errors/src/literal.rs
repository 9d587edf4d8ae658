//! The compile error of [`code!`](crate::code) for a literal that is not a code of the
//! enum: `` `KMS.0270` is not a code of `ErrorCode`; did you mean `KMS.0207`? ``. All of it
//! is `const fn`, evaluated by the compiler only when the lookup failed.

use crate::CatalogCode;

/// Codes and literals longer than this are not compared for a suggestion.
const MAX_SUGGEST: usize = 64;

/// A message assembled at compile time in a fixed buffer.
struct Message {
    buf: [u8; 512],
    len: usize,
}

impl Message {
    const fn new() -> Self {
        Message {
            buf: [0; 512],
            len: 0,
        }
    }

    /// Appends `s`, or as much of it as fits (whole characters).
    const fn push(&mut self, s: &str) {
        let b = s.as_bytes();
        let room = self.buf.len() - self.len;
        let mut n = if b.len() > room { room } else { b.len() };
        while n < b.len() && !s.is_char_boundary(n) {
            n -= 1;
        }
        let mut i = 0;
        while i < n {
            self.buf[self.len + i] = b[i];
            i += 1;
        }
        self.len += n;
    }

    /// Appends at most `max` bytes of `s` (whole characters), then `…` if cut.
    const fn push_at_most(&mut self, s: &str, max: usize) {
        if s.len() <= max {
            self.push(s);
            return;
        }
        let mut n = max;
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        if let Some((head, _)) = s.split_at_checked(n) {
            self.push(head);
        }
        self.push("…");
    }

    const fn as_str(&self) -> &str {
        match self.buf.split_at_checked(self.len) {
            Some((b, _)) => match core::str::from_utf8(b) {
                Ok(s) => s,
                Err(_) => "",
            },
            None => "",
        }
    }
}

/// `b` lower-cased if it is an ASCII letter.
const fn fold(b: u8) -> u8 {
    b.to_ascii_lowercase()
}

/// The edit distance of `a` and `b` (both at most [`MAX_SUGGEST`] bytes) counting
/// insertions, deletions, substitutions and swaps of two neighbours (optimal string
/// alignment), ASCII case ignored: `KMS.0270` is one swap from `KMS.0207`, `kms.0207` none.
const fn distance(a: &[u8], b: &[u8]) -> usize {
    let (n, m) = (a.len(), b.len());
    // Rows i - 2, i - 1 and i of the table, over j = 0..=m.
    let mut older = [0usize; MAX_SUGGEST + 1];
    let mut prev = [0usize; MAX_SUGGEST + 1];
    let mut cur = [0usize; MAX_SUGGEST + 1];
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
const MAX_NEAREST: usize = 3;

/// The codes of `codes` nearest to `s` (positions, the first [`MAX_NEAREST`] of the equally
/// nearest in catalog order, and how many), if one is close enough to be a likely typo: at
/// most two edits, one for strings of up to four bytes, and fewer edits than `s` has bytes.
pub(crate) const fn nearest(codes: &[&str], s: &str) -> ([usize; MAX_NEAREST], usize) {
    let mut found = [0usize; MAX_NEAREST];
    let mut count = 0;
    let s = s.as_bytes();
    if s.len() > MAX_SUGGEST {
        return (found, 0);
    }
    let mut best = if s.len() <= 4 { 1 } else { 2 };
    let mut i = 0;
    while i < codes.len() {
        let c = codes[i].as_bytes();
        let gap = c.len().abs_diff(s.len());
        if c.len() <= MAX_SUGGEST && gap <= best {
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

/// Fails the compile-time evaluation of `code!(name, code)`: `code` is not a code of `C`
/// (named `name` in the message); the nearest codes are suggested.
#[track_caller]
pub const fn unknown_code<C: CatalogCode>(code: &str, name: &str) -> ! {
    let mut msg = Message::new();
    msg.push("`");
    msg.push_at_most(code, 100);
    msg.push("` is not a code of `");
    msg.push_at_most(name, 100);
    msg.push("`");
    let (near, count) = nearest(C::CODES, code);
    let mut k = 0;
    while k < count {
        msg.push(match k {
            0 => "; did you mean `",
            _ if k + 1 == count => "` or `",
            _ => "`, `",
        });
        msg.push(C::CODES[near[k]]);
        k += 1;
    }
    if count > 0 {
        msg.push("`?");
    }
    panic!("{}", msg.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let long = "L".repeat(64);
        assert_eq!(near(&[long.as_str()], &"L".repeat(63)), [long.as_str()]);
    }

    #[test]
    fn messages_fit_and_cut_at_characters() {
        let mut m = Message::new();
        m.push("`");
        m.push_at_most(&"é".repeat(80), 100);
        assert_eq!(m.as_str(), format!("`{}…", "é".repeat(50)));
        let mut m = Message::new();
        for _ in 0..200 {
            m.push("ü-");
        }
        assert_eq!(m.as_str().len(), 512);
        assert!(m.as_str().ends_with("-ü"));
        let mut m = Message::new();
        m.push(&"x".repeat(511));
        m.push("ü");
        assert_eq!(m.as_str().len(), 511);
    }
}
