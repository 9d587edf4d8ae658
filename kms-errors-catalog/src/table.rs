//! The encoding of a catalog's runtime tables. Their layout is defined once, in
//! `kms_errors_core::table`, whose `Catalog` the runtime reads them with (as this module's
//! tests do):
//!
//! * `text`: every string the runtime needs (variant names and the cells' text, byte for
//!   byte), deduplicated, end to end;
//! * `codes`: per variant, [`CODE_WORDS`] little-endian `u32` words (see `kms_errors_core::table::code`): its
//!   name's range in `text` and its first row; the catalog's codes in order, then
//!   `Unknown`, then an end marker whose first row is the number of rows, so that variant
//!   `i`'s rows are `first(i)..first(i + 1)`;
//! * `rows`: per row, [`ROW_WORDS`] words (see `kms_errors_core::table::row`): the status, the ranges in `text` of
//!   the message, description and measure, the kind (`kms_errors_core::table::kind_word`) and the range of the
//!   documentation link (its `url` cell, else its file's link, else empty: the catalog's).
//!   A code's rows are consecutive.
//!
//! [`Tables::encode`] writes them; `kms-errors` reads them, and its tests decode every table
//! they generate.

use crate::fx::StrMap;
use crate::model::Catalog;
use kms_errors_core::table::{code, kind_word, row, CODE_WORDS, ROW_WORDS};
use std::borrow::Cow;

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
            let mut words = [0; CODE_WORDS];
            put_range(&mut words, code::NAME, name);
            words[code::FIRST_ROW] = first_row;
            push_words(&mut t.codes, &words);
            for r in &c.rows {
                // A row without a link has its file's (a bundled table's page), if any.
                let url = match (&r.url, cat.files.get(r.file)) {
                    (u, Some(f)) if u.is_empty() => &f.docs,
                    (u, _) => u,
                };
                let mut words = [0; ROW_WORDS];
                words[row::STATUS] = u32::from(r.status);
                for (field, text) in [
                    (row::MESSAGE, &r.message),
                    (row::DESCRIPTION, &r.description),
                    (row::MEASURE, &r.measure),
                ] {
                    put_range(&mut words, field, t.intern(&mut seen, Cow::Borrowed(text)));
                }
                words[row::KIND] = kind_word(r.kind, r.throttled);
                put_range(
                    &mut words,
                    row::URL,
                    t.intern(&mut seen, Cow::Borrowed(url)),
                );
                push_words(&mut t.rows, &words);
            }
            first_row += c.rows.len() as u32;
        }
        // `Unknown`, then the end marker: its first row is the number of rows.
        let mut words = [0; CODE_WORDS];
        put_range(
            &mut words,
            code::NAME,
            t.intern(&mut seen, Cow::Borrowed("Unknown")),
        );
        words[code::FIRST_ROW] = first_row;
        push_words(&mut t.codes, &words);
        put_range(&mut words, code::NAME, (0, 0));
        push_words(&mut t.codes, &words);
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

/// Puts the range `(start, end)` in `text` at `field` (its start) and `field + 1` (its end),
/// as `kms_errors_core::table::Catalog::text` reads it.
fn put_range(words: &mut [u32], field: usize, (start, end): (u32, u32)) {
    words[field] = start;
    words[field + 1] = end;
}

fn push_words(out: &mut Vec<u8>, words: &[u32]) {
    for w in words {
        out.extend_from_slice(&w.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Ctxt, ErrorKind};
    use kms_errors_core::table::{row, word, Catalog as Decoded};

    fn decoded(t: &Tables) -> Decoded<'_> {
        Decoded {
            error_name: "E",
            code_name: "C",
            docs: "",
            text: &t.text,
            code_data: &t.codes,
            row_data: &t.rows,
        }
    }

    #[test]
    fn decodes_to_the_catalog() {
        let src = "status,code,message,description,measure,kind,url\n\
                   404,A.1,**Gone**.,d,m,not_found,https://e.example/a1\n\
                   400/500,B.2,,d,m,,\n\
                   409,A.1,Exists.,,,already_exists,\n\
                   202,C.3,Flow limit exceeded.,,,throttled,\n";
        let mut cx = Ctxt::new("t.csv");
        let cat = crate::parse("t.csv", src, None, &mut cx);
        assert!(cx.is_ok());
        let t = Tables::encode(&cat);
        assert_eq!(t.codes.len(), 5 * CODE_WORDS * 4);
        assert_eq!(t.rows.len(), 5 * ROW_WORDS * 4);
        let d = decoded(&t);
        assert_eq!(
            [d.name(0), d.name(1), d.name(2), d.name(3)],
            ["A1", "B2", "C3", "Unknown"]
        );
        assert_eq!(
            [
                d.row_range(0),
                d.row_range(1),
                d.row_range(2),
                d.row_range(3)
            ],
            [(0, 2), (2, 4), (4, 5), (5, 5)]
        );
        // A throttling row: resource exhausted, marked throttled; no other row is.
        assert_eq!(d.declared_kind(4), Some(ErrorKind::ResourceExhausted));
        assert!(d.row_throttled(4));
        assert!((0..4).all(|j| !d.row_throttled(j)));
        let row = |j: usize| {
            (
                d.status(j),
                d.row_text(j, row::MESSAGE),
                d.row_text(j, row::DESCRIPTION),
                d.row_text(j, row::MEASURE),
                d.declared_kind(j),
                d.row_url(j),
            )
        };
        assert_eq!(
            row(0),
            (
                404,
                "**Gone**.",
                "d",
                "m",
                Some(ErrorKind::NotFound),
                Some("https://e.example/a1")
            )
        );
        assert_eq!(
            row(1),
            (409, "Exists.", "", "", Some(ErrorKind::AlreadyExists), None)
        );
        assert_eq!(row(2), (400, "", "d", "m", None, None));
        assert_eq!(row(3), (500, "", "d", "m", None, None));
        assert_eq!(d.row_kind(3), ErrorKind::Internal); // from the status
        assert_eq!(d.row_with_status(1, 500), Some(3));
        assert_eq!(d.row_with_status(1, 404), None);
        // Shared text is stored once: rows 0, 2 and 3 point at the same measure.
        let at = |j: usize, k: usize| word(&t.rows, j * ROW_WORDS + k);
        assert_eq!(at(0, row::MEASURE), at(2, row::MEASURE));
        assert_eq!(at(2, row::MEASURE), at(3, row::MEASURE));
        assert_eq!(t.text.matches("Gone").count(), 1);
    }

    #[test]
    fn cells_are_stored_byte_for_byte() {
        let cells = [
            "it's `code`",
            "*/ /* */ and **bold** text",
            "interval \\* 2, \\n, C:\\temp",
            "|x| and x_ and ``lit``",
            "{} {0} %s \"#",
            "bidi \u{202E}x\u{2066} é 😀",
            "line\r\nbreak",
        ];
        let mut src = String::from("status,code,message\n");
        for (i, c) in cells.iter().enumerate() {
            src.push_str(&format!("400,T.{i},\"{}\"\n", c.replace('"', "\"\"")));
        }
        let mut cx = Ctxt::new("t.csv");
        let cat = crate::parse("t.csv", &src, None, &mut cx);
        assert!(cx.is_ok(), "{:?}", cx.into_messages());
        let t = Tables::encode(&cat);
        let d = decoded(&t);
        for (j, c) in cells.iter().enumerate() {
            assert_eq!(d.row_text(j, row::MESSAGE), *c);
        }
    }
}
