//! The runtime tables of a catalog: their layout and their encoding.
//!
//! A catalog becomes a few big literals rather than tens of thousands of tokens, which both
//! the macro (unoptimised in most builds) and rustc's const evaluation handle fast:
//!
//! * `text`: every string the runtime needs (variant names and runtime text, see
//!   [`crate::text::plain`]), deduplicated, end to end;
//! * `codes`: per variant, [`CODE_WORDS`] little-endian `u32` words (see [`code`]): its
//!   name's range in `text` and its first row; the catalog's codes in order, then
//!   `Unknown`, then an end marker whose first row is the number of rows, so that variant
//!   `i`'s rows are `first(i)..first(i + 1)`;
//! * `rows`: per row, [`ROW_WORDS`] words (see [`row`]): the status, the ranges in `text` of
//!   the message, description and measure, the kind ([`kind_word`]) and the range of the
//!   documentation link (its `url` cell, else its file's link, else empty: the catalog's).
//!   A code's rows are consecutive.
//!
//! [`Tables::encode`] writes them; `kms-errors` reads them with [`word`] and the offsets
//! below, and its tests decode every table they generate.

use crate::fx::StrMap;
use crate::kind::ErrorKind;
use crate::text::plain;
use crate::valid::Catalog;
use std::borrow::Cow;

/// Words per variant in `codes`.
pub const CODE_WORDS: usize = 3;

/// Word offsets within a variant's entry in `codes`.
pub mod code {
    /// Start of the variant name in `text`; the end follows.
    pub const NAME: usize = 0;
    /// The variant's first row.
    pub const FIRST_ROW: usize = 2;
}

/// Words per row in `rows`.
pub const ROW_WORDS: usize = 10;

/// Word offsets within a row's entry in `rows`.
pub mod row {
    /// The HTTP status.
    pub const STATUS: usize = 0;
    /// Start of the message in `text`; the end follows.
    pub const MESSAGE: usize = 1;
    /// Start of the description in `text`; the end follows.
    pub const DESCRIPTION: usize = 3;
    /// Start of the measure in `text`; the end follows.
    pub const MEASURE: usize = 5;
    /// The kind ([`super::kind_word`]).
    pub const KIND: usize = 7;
    /// Start of the documentation link in `text`; the end follows.
    pub const URL: usize = 8;
}

/// Word `i` of a table (`0` past its end). A `const fn`, as every read of the tables, so
/// that the generated accessors can be `const`.
#[inline(always)]
pub const fn word(data: &[u8], i: usize) -> usize {
    match data.split_at_checked(i * 4) {
        Some((_, rest)) => match rest.first_chunk::<4>() {
            Some(b) => u32::from_le_bytes(*b) as usize,
            None => 0,
        },
        None => 0,
    }
}

/// How a row's kind is stored: `0` for none (the status decides at run time), else one more
/// than its position in [`ErrorKind::ALL`].
pub fn kind_word(kind: Option<ErrorKind>) -> u32 {
    kind.map_or(0, |k| k as u32 + 1)
}

/// The kind a row's kind word stores ([`kind_word`]).
#[inline]
pub const fn kind_of_word(w: usize) -> Option<ErrorKind> {
    if w == 0 || w > ErrorKind::ALL.len() {
        None
    } else {
        Some(ErrorKind::ALL[w - 1])
    }
}

/// The encoded tables of a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    /// Every string, deduplicated, end to end.
    pub text: String,
    /// Per variant, [`CODE_WORDS`] words.
    pub codes: Vec<u8>,
    /// Per row, [`ROW_WORDS`] words.
    pub rows: Vec<u8>,
}

impl Tables {
    /// Encodes `cat`.
    pub fn encode<'c>(cat: &'c Catalog) -> Tables {
        let rows = cat.row_count();
        let mut t = Tables {
            text: String::with_capacity(rows * 64),
            codes: Vec::with_capacity((cat.codes.len() + 2) * CODE_WORDS * 4),
            rows: Vec::with_capacity(rows * ROW_WORDS * 4),
        };
        let mut seen: StrMap<'c, (u32, u32)> = StrMap::with_capacity(cat.codes.len() + rows * 3);
        let mut first_row = 0u32;
        for c in &cat.codes {
            let name = t.intern(&mut seen, Cow::Borrowed(&c.ident));
            push_words(&mut t.codes, &[name.0, name.1, first_row]);
            for r in &c.rows {
                let m = t.intern(&mut seen, plain(&r.message));
                let d = t.intern(&mut seen, plain(&r.description));
                let x = t.intern(&mut seen, plain(&r.measure));
                // A row without a link has its file's (a bundled table's page), if any.
                let url = match (&r.url, cat.files.get(r.file)) {
                    (u, Some(f)) if u.is_empty() => &f.docs,
                    (u, _) => u,
                };
                let u = t.intern(&mut seen, Cow::Borrowed(url));
                let words = [
                    u32::from(r.status),
                    m.0,
                    m.1,
                    d.0,
                    d.1,
                    x.0,
                    x.1,
                    kind_word(r.kind),
                    u.0,
                    u.1,
                ];
                push_words(&mut t.rows, &words);
            }
            first_row += c.rows.len() as u32;
        }
        let unknown = t.intern(&mut seen, Cow::Borrowed("Unknown"));
        push_words(&mut t.codes, &[unknown.0, unknown.1, first_row]);
        push_words(&mut t.codes, &[0, 0, first_row]);
        t
    }

    /// The range of `s` in the text, appending it the first time.
    fn intern<'c>(&mut self, seen: &mut StrMap<'c, (u32, u32)>, s: Cow<'c, str>) -> (u32, u32) {
        let text = &mut self.text;
        seen.get_or_insert_with(s, |s| {
            let start = text.len() as u32;
            text.push_str(s);
            (start, text.len() as u32)
        })
    }
}

fn push_words(out: &mut Vec<u8>, words: &[u32]) {
    for w in words {
        out.extend_from_slice(&w.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ctxt;

    fn text<'t>(t: &'t Tables, data: &[u8], at: usize) -> &'t str {
        &t.text[word(data, at)..word(data, at + 1)]
    }

    #[test]
    fn decodes_to_the_catalog() {
        let src = "status,code,message,description,measure,kind,url\n\
                   404,A.1,**Gone**.,d,m,not_found,https://e.example/a1\n\
                   400/500,B.2,,d,m,,\n\
                   409,A.1,Exists.,,,already_exists,\n";
        let mut cx = Ctxt::new("t.csv");
        let cat = crate::parse("t.csv", src, None, &mut cx);
        assert!(cx.is_ok());
        let t = Tables::encode(&cat);
        assert_eq!(t.codes.len(), 4 * CODE_WORDS * 4);
        assert_eq!(t.rows.len(), 4 * ROW_WORDS * 4);
        let first = |v: usize| word(&t.codes, v * CODE_WORDS + code::FIRST_ROW);
        let names: Vec<&str> = (0..3)
            .map(|v| text(&t, &t.codes, v * CODE_WORDS + code::NAME))
            .collect();
        assert_eq!(names, ["A1", "B2", "Unknown"]);
        assert_eq!((first(0), first(1), first(2), first(3)), (0, 2, 4, 4));
        let row = |j: usize| {
            let w = j * ROW_WORDS;
            (
                word(&t.rows, w + row::STATUS),
                text(&t, &t.rows, w + row::MESSAGE),
                text(&t, &t.rows, w + row::DESCRIPTION),
                text(&t, &t.rows, w + row::MEASURE),
                kind_of_word(word(&t.rows, w + row::KIND)),
                text(&t, &t.rows, w + row::URL),
            )
        };
        assert_eq!(
            row(0),
            (
                404,
                "Gone.",
                "d",
                "m",
                Some(ErrorKind::NotFound),
                "https://e.example/a1"
            )
        );
        assert_eq!(
            row(1),
            (409, "Exists.", "", "", Some(ErrorKind::AlreadyExists), "")
        );
        assert_eq!(row(2), (400, "", "d", "m", None, ""));
        assert_eq!(row(3), (500, "", "d", "m", None, ""));
        // Shared text is stored once: rows 0, 2 and 3 point at the same measure.
        let at = |j: usize, k: usize| word(&t.rows, j * ROW_WORDS + k);
        assert_eq!(at(0, row::MEASURE), at(2, row::MEASURE));
        assert_eq!(at(2, row::MEASURE), at(3, row::MEASURE));
        assert_eq!(t.text.matches("Gone.").count(), 1);
        // Past the end reads as 0.
        assert_eq!(word(&t.rows, 10_000), 0);
    }

    #[test]
    fn kind_words_round_trip() {
        assert_eq!(kind_of_word(kind_word(None) as usize), None);
        for &k in ErrorKind::ALL {
            assert_eq!(kind_of_word(kind_word(Some(k)) as usize), Some(k));
        }
        assert_eq!(kind_of_word(ErrorKind::ALL.len() + 1), None);
    }
}
