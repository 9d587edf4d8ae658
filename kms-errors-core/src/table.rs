//! The encoded tables of a catalog: their layout, written by the macro's front end
//! (`kms_errors_catalog::table::Tables::encode`), read by the runtime through [`Catalog`].
//! Internal: shared by the two, not API.
//!
//! A catalog becomes a few big literals rather than tens of thousands of tokens, which both
//! the macro (unoptimised in most builds) and rustc's const evaluation handle fast:
//!
//! * `text`: every string the runtime needs (variant names and runtime text), deduplicated,
//!   end to end;
//! * `code_data`: per variant, [`CODE_WORDS`] little-endian `u32` words (see [`code`]): its
//!   name's range in `text` and its first row; the catalog's codes in order, then
//!   `Unknown`, then an end marker whose first row is the number of rows, so that variant
//!   `i`'s rows are `first(i)..first(i + 1)`;
//! * `row_data`: per row, [`ROW_WORDS`] words (see [`row`]): the status, the ranges in
//!   `text` of the message, description and measure, the kind and whether the row is a rate
//!   limit ([`kind_word`]) and the range of the documentation link (its `url` cell, else its file's link, else empty: the
//!   catalog's). A code's rows are consecutive.
//!
//! Every read is a `const fn`, so that the generated types' accessors are too.

use crate::{ErrorKind, Retry};

/// Words per variant in `code_data`.
pub const CODE_WORDS: usize = 3;

/// Word offsets within a variant's entry in `code_data`.
pub mod code {
    /// Start of the variant name in `text`; the end follows.
    pub const NAME: usize = 0;
    /// The variant's first row.
    pub const FIRST_ROW: usize = 2;
}

/// Words per row in `row_data`.
pub const ROW_WORDS: usize = 10;

/// Word offsets within a row's entry in `row_data`.
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

/// Word `i` of a table (`0` past its end).
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

/// The bit of a kind word that marks a throttling row (a rate limit, whatever its status).
pub const THROTTLED: u32 = 0x100;

/// How a row's kind is stored: in the low byte, `0` for none (the status decides at run
/// time), else one more than its position in [`ErrorKind::ALL`]; and [`THROTTLED`] for a
/// row that says it is a rate limit.
#[must_use]
pub const fn kind_word(kind: Option<ErrorKind>, throttled: bool) -> u32 {
    let k = match kind {
        Some(k) => k as u32 + 1,
        None => 0,
    };
    if throttled {
        k | THROTTLED
    } else {
        k
    }
}

/// The kind a row's kind word stores ([`kind_word`]).
#[inline]
#[must_use]
pub const fn kind_of_word(w: usize) -> Option<ErrorKind> {
    let k = w & 0xFF;
    if k == 0 || k > ErrorKind::ALL.len() {
        None
    } else {
        Some(ErrorKind::ALL[k - 1])
    }
}

/// Whether a row's kind word marks a throttling row ([`kind_word`]).
#[inline]
#[must_use]
pub const fn is_throttled_word(w: usize) -> bool {
    w & THROTTLED as usize != 0
}

/// `s[start..end]`, or `""` if that is not a range of `s` on character boundaries; a
/// `const fn` (two boundary checks, as `str::get`).
#[inline]
#[must_use]
pub const fn substr(s: &str, start: usize, end: usize) -> &str {
    match s.split_at_checked(end) {
        Some((head, _)) => match head.split_at_checked(start) {
            Some((_, sub)) => sub,
            None => "",
        },
        None => "",
    }
}

/// A catalog's tables as the generated code stores them (a `Catalog<'static>` per catalog)
/// and the runtime reads them. The code strings and their index are constants of the
/// generated code rather than fields here, so that a lookup compiled in another crate has
/// them as immediates.
#[derive(Debug)]
pub struct Catalog<'a> {
    /// The generated error type's name (`"KmsError"`), for `Debug`.
    pub error_name: &'a str,
    /// The generated code enum's name (`"ErrorCode"`), for `Debug`.
    pub code_name: &'a str,
    /// The catalog's documentation link (the macro's `docs` argument); `""` if none.
    pub docs: &'a str,
    /// Every string but the codes, deduplicated, end to end.
    pub text: &'a str,
    /// Per variant, [`CODE_WORDS`] words.
    pub code_data: &'a [u8],
    /// Per row, [`ROW_WORDS`] words.
    pub row_data: &'a [u8],
}

impl<'a> Catalog<'a> {
    /// The string of `text` between the two words at `at` of `data`.
    #[inline]
    const fn text(&self, data: &[u8], at: usize) -> &'a str {
        substr(self.text, word(data, at), word(data, at + 1))
    }

    /// The variant name of variant `i` (`Unknown` included).
    #[must_use]
    pub const fn name(&self, i: usize) -> &'a str {
        self.text(self.code_data, i * CODE_WORDS + code::NAME)
    }

    /// The rows `start..end` of variant `i` (none for `Unknown` and past the end).
    #[inline]
    #[must_use]
    pub const fn row_range(&self, i: usize) -> (usize, usize) {
        let start = word(self.code_data, i * CODE_WORDS + code::FIRST_ROW);
        let end = word(self.code_data, (i + 1) * CODE_WORDS + code::FIRST_ROW);
        (start, if end > start { end } else { start })
    }

    /// The text at word `field` of row `j` ([`row::MESSAGE`], [`row::DESCRIPTION`],
    /// [`row::MEASURE`]).
    #[inline]
    #[must_use]
    pub const fn row_text(&self, j: usize, field: usize) -> &'a str {
        self.text(self.row_data, j * ROW_WORDS + field)
    }

    /// The status of row `j`.
    #[inline]
    #[must_use]
    pub const fn status(&self, j: usize) -> u16 {
        word(self.row_data, j * ROW_WORDS + row::STATUS) as u16
    }

    /// The documentation link of row `j`: its own, else the catalog's; `None` if neither is
    /// given.
    #[must_use]
    pub const fn row_url(&self, j: usize) -> Option<&'a str> {
        let url = self.text(self.row_data, j * ROW_WORDS + row::URL);
        if url.is_empty() {
            self.catalog_url()
        } else {
            Some(url)
        }
    }

    /// The catalog's documentation link, if given.
    #[must_use]
    pub const fn catalog_url(&self) -> Option<&'a str> {
        if self.docs.is_empty() {
            None
        } else {
            Some(self.docs)
        }
    }

    /// The kind row `j` declares, if any.
    #[inline]
    #[must_use]
    pub const fn declared_kind(&self, j: usize) -> Option<ErrorKind> {
        kind_of_word(word(self.row_data, j * ROW_WORDS + row::KIND))
    }

    /// Whether row `j` says it is a rate limit (a `throttled` kind), whatever its status.
    #[inline]
    #[must_use]
    pub const fn row_throttled(&self, j: usize) -> bool {
        is_throttled_word(word(self.row_data, j * ROW_WORDS + row::KIND))
    }

    /// The kind of row `j`: the one it declares, else the one its status implies.
    #[must_use]
    pub const fn row_kind(&self, j: usize) -> ErrorKind {
        match self.declared_kind(j) {
            Some(k) => k,
            None => ErrorKind::from_status(self.status(j)),
        }
    }

    /// The row an error of variant `i` received with `status` reads: the variant's first row
    /// documented with `status`, else its first row; `None` for a variant without rows
    /// (`Unknown`).
    #[inline]
    #[must_use]
    pub const fn row_for(&self, i: usize, status: u16) -> Option<usize> {
        match self.row_with_status(i, status) {
            Some(j) => Some(j),
            None => {
                let (start, end) = self.row_range(i);
                if start < end {
                    Some(start)
                } else {
                    None
                }
            }
        }
    }

    /// The kind of an error of variant `i` received with `status`: the kind its row
    /// ([`Catalog::row_for`]) declares, else the kind `status` implies.
    #[inline]
    #[must_use]
    pub const fn error_kind(&self, i: usize, status: u16) -> ErrorKind {
        self.error_decision(i, status).0
    }

    /// What a client should do about an error of variant `i` received with `status`:
    /// [`Retry::of`] its [`Catalog::error_kind`], `status`, and whether the row it reads
    /// ([`Catalog::row_for`]) is a throttling row. The one place the runtime and the tools
    /// decide.
    #[inline]
    #[must_use]
    pub const fn error_retry(&self, i: usize, status: u16) -> Retry {
        let (kind, throttled) = self.error_decision(i, status);
        Retry::of(kind, status, throttled)
    }

    /// The kind and the throttling mark of an error of variant `i` received with `status`,
    /// from one search of its rows and one read of its row's kind word (a variant without
    /// rows reads as a row without a kind).
    const fn error_decision(&self, i: usize, status: u16) -> (ErrorKind, bool) {
        let w = match self.row_for(i, status) {
            Some(j) => word(self.row_data, j * ROW_WORDS + row::KIND),
            None => 0,
        };
        let kind = match kind_of_word(w) {
            Some(k) => k,
            None => ErrorKind::from_status(status),
        };
        (kind, is_throttled_word(w))
    }

    /// The first row of variant `i` with `status`, if any.
    #[must_use]
    pub const fn row_with_status(&self, i: usize, status: u16) -> Option<usize> {
        let (mut j, end) = self.row_range(i);
        while j < end {
            if self.status(j) == status {
                return Some(j);
            }
            j += 1;
        }
        None
    }
}

/// The mutants of this file that no test can catch, because they change nothing observable
/// (`cargo mutants -p kms-errors-core` reports them as missed):
///
/// - `replace + with - in Catalog<'a>::name` (`i * CODE_WORDS + code::NAME`) and `in
///   Catalog<'a>::status` (`j * ROW_WORDS + row::STATUS`): both offsets are `0`, and `x - 0`
///   is `x + 0`.
/// - `replace | with ^ in kind_word`: the kind's byte and [`THROTTLED`] have no bit in
///   common.
/// - `replace > with >= in Catalog<'a>::row_range` (`if end > start { end } else { start }`):
///   when `end == start` both branches give the same value.
///
/// The mutant that makes a loop never end (`replace += with *= in
/// Catalog<'a>::row_with_status`: `0 * 1` stays `0`) is reported as a timeout.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_words_round_trip() {
        for throttled in [false, true] {
            let w = kind_word(None, throttled) as usize;
            assert_eq!((kind_of_word(w), is_throttled_word(w)), (None, throttled));
            for &k in ErrorKind::ALL {
                let w = kind_word(Some(k), throttled) as usize;
                assert_eq!(
                    (kind_of_word(w), is_throttled_word(w)),
                    (Some(k), throttled)
                );
            }
        }
        assert_eq!(kind_of_word(ErrorKind::ALL.len() + 1), None);
        assert_eq!(kind_of_word(0x200 | 5), Some(ErrorKind::ALL[4]));
    }

    #[test]
    fn reads_past_the_end_are_zero_and_slices_checked() {
        assert_eq!(word(&[1, 0, 0, 0, 2, 0, 0], 0), 1);
        assert_eq!(word(&[1, 0, 0, 0, 2, 0, 0], 1), 0); // a partial word
        assert_eq!(word(&[], usize::MAX / 4), 0);
        assert_eq!(substr("héllo", 0, 2), ""); // not a character boundary
        assert_eq!(substr("héllo", 1, 3), "é");
        assert_eq!(substr("abc", 2, 1), "");
        assert_eq!(substr("abc", 0, 9), "");
    }

    extern crate std;
    use std::string::String;
    use std::vec::Vec;

    /// One row as the front end encodes it.
    struct R {
        status: u32,
        message: &'static str,
        description: &'static str,
        measure: &'static str,
        kind: Option<ErrorKind>,
        throttled: bool,
        url: &'static str,
    }

    /// The tables of a catalog of `codes` (variant name and rows), encoded as the front end
    /// encodes them (`kms_errors_catalog::table::Tables::encode`): `(text, code_data,
    /// row_data)`.
    fn encode(codes: &[(&str, &[R])]) -> (String, Vec<u8>, Vec<u8>) {
        let mut text = String::new();
        let mut put = |s: &str| -> [u32; 2] {
            let start = text.len() as u32;
            text.push_str(s);
            [start, text.len() as u32]
        };
        let (mut code_words, mut row_words) = (Vec::new(), Vec::new());
        let mut first = 0;
        for (name, rows) in codes.iter().chain([&("Unknown", &[][..])]) {
            code_words.extend(put(name));
            code_words.push(first);
            first += rows.len() as u32;
            for r in rows.iter() {
                row_words.push(r.status);
                row_words.extend(put(r.message));
                row_words.extend(put(r.description));
                row_words.extend(put(r.measure));
                row_words.push(kind_word(r.kind, r.throttled));
                row_words.extend(put(r.url));
            }
        }
        // The end marker: its first row is the number of rows.
        code_words.extend([0, 0, first]);
        let bytes = |w: Vec<u32>| w.into_iter().flat_map(u32::to_le_bytes).collect();
        (text, bytes(code_words), bytes(row_words))
    }

    /// Two codes: `Kms0001` with three rows (400, 404, 404 again), `Kms0002` with one.
    fn tables() -> (String, Vec<u8>, Vec<u8>) {
        let r = |status, message, kind, url| R {
            status,
            message,
            description: "",
            measure: "",
            kind,
            throttled: false,
            url,
        };
        encode(&[
            (
                "Kms0001",
                &[
                    R {
                        status: 400,
                        message: "Bad request.",
                        description: "The request is invalid.",
                        measure: "Fix the request.",
                        kind: None,
                        throttled: false,
                        url: "",
                    },
                    r(
                        404,
                        "Gone.",
                        Some(ErrorKind::FailedPrecondition),
                        "https://e.example/row",
                    ),
                    r(404, "Gone again.", None, ""),
                ],
            ),
            ("Kms0002", &[r(500, "Broken.", None, "")]),
        ])
    }

    fn catalog<'a>(
        docs: &'a str,
        (text, codes, rows): &'a (String, Vec<u8>, Vec<u8>),
    ) -> Catalog<'a> {
        Catalog {
            error_name: "E",
            code_name: "C",
            docs,
            text,
            code_data: codes,
            row_data: rows,
        }
    }

    #[test]
    fn variants_have_their_names_and_rows() {
        let t = tables();
        let cat = catalog("https://e.example/catalog", &t);
        assert_eq!(
            [0, 1, 2, 3].map(|i| cat.name(i)),
            ["Kms0001", "Kms0002", "Unknown", ""]
        );
        assert_eq!([0, 1].map(|i| cat.row_range(i)), [(0, 3), (3, 4)]);
        // `Unknown`, the end marker and past the end: no rows.
        assert_eq!(
            [2, 3, 9].map(|i| cat.row_range(i)),
            [(4, 4), (4, 4), (0, 0)]
        );
    }

    #[test]
    fn rows_read_their_own_words() {
        let t = tables();
        let cat = catalog("https://e.example/catalog", &t);
        assert_eq!([0, 1, 2, 3].map(|j| cat.status(j)), [400, 404, 404, 500]);
        assert_eq!(
            [0, 1, 2, 3].map(|j| cat.row_text(j, row::MESSAGE)),
            ["Bad request.", "Gone.", "Gone again.", "Broken."]
        );
        assert_eq!(
            (
                cat.row_text(0, row::DESCRIPTION),
                cat.row_text(0, row::MEASURE)
            ),
            ("The request is invalid.", "Fix the request.")
        );
        assert_eq!(
            (
                cat.row_text(1, row::DESCRIPTION),
                cat.row_text(1, row::MEASURE)
            ),
            ("", "")
        );
        // Past the last row: nothing.
        assert_eq!((cat.status(4), cat.row_text(4, row::MESSAGE)), (0, ""));
    }

    #[test]
    fn a_row_declares_its_kind_or_its_status_implies_one() {
        let t = tables();
        let cat = catalog("", &t);
        assert_eq!(
            [0, 1, 2, 3].map(|j| cat.declared_kind(j)),
            [None, Some(ErrorKind::FailedPrecondition), None, None]
        );
        assert_eq!(
            [0, 1, 2, 3].map(|j| cat.row_kind(j)),
            [
                ErrorKind::InvalidArgument,
                ErrorKind::FailedPrecondition,
                ErrorKind::NotFound,
                ErrorKind::Internal
            ]
        );
    }

    #[test]
    fn a_row_links_its_own_page_else_the_catalogs() {
        let t = tables();
        let cat = catalog("https://e.example/catalog", &t);
        assert_eq!(cat.catalog_url(), Some("https://e.example/catalog"));
        assert_eq!(
            [0, 1, 3].map(|j| cat.row_url(j)),
            [
                Some("https://e.example/catalog"),
                Some("https://e.example/row"),
                Some("https://e.example/catalog")
            ]
        );
        let cat = catalog("", &t);
        assert_eq!(cat.catalog_url(), None);
        assert_eq!(
            [0, 1].map(|j| cat.row_url(j)),
            [None, Some("https://e.example/row")]
        );
    }

    #[test]
    fn the_first_row_of_a_variant_with_a_status() {
        let t = tables();
        let cat = catalog("", &t);
        assert_eq!(cat.row_with_status(0, 400), Some(0));
        assert_eq!(cat.row_with_status(0, 404), Some(1)); // not the second 404
        assert_eq!(cat.row_with_status(1, 500), Some(3));
        // Only the variant's own rows: 500 is the next variant's, 400 the previous one's.
        assert_eq!(cat.row_with_status(0, 500), None);
        assert_eq!(cat.row_with_status(1, 400), None);
        assert_eq!(cat.row_with_status(1, 404), None);
        // `Unknown` and past the end have no rows.
        assert_eq!(cat.row_with_status(2, 0), None);
        assert_eq!(cat.row_with_status(9, 0), None);
    }

    #[test]
    fn an_error_reads_its_row_for_the_status_else_the_first() {
        let t = tables();
        let cat = catalog("", &t);
        assert_eq!(cat.row_for(0, 400), Some(0));
        assert_eq!(cat.row_for(0, 404), Some(1)); // not the second 404
        assert_eq!(cat.row_for(0, 418), Some(0)); // undocumented: the first row
        assert_eq!(cat.row_for(1, 404), Some(3));
        // `Unknown` (no rows, start == end) and past the end: none.
        assert_eq!(cat.row_for(2, 400), None);
        assert_eq!(cat.row_for(9, 400), None);
    }

    #[test]
    fn an_errors_kind_and_retry_come_from_its_row() {
        use ErrorKind::*;
        let t = tables();
        let cat = catalog("", &t);
        // The row's declared kind (row 1, not row 0: the kind word of the row found).
        assert_eq!(cat.error_kind(0, 404), FailedPrecondition);
        assert_eq!(cat.error_retry(0, 404), Retry::No);
        // No declared kind: the status's, the received one for an undocumented status.
        assert_eq!(cat.error_kind(0, 400), InvalidArgument);
        assert_eq!(cat.error_kind(0, 503), Unavailable);
        assert_eq!(cat.error_retry(0, 503), Retry::Yes);
        assert_eq!(cat.error_kind(1, 500), Internal);
        assert_eq!(cat.error_retry(1, 500), Retry::IfIdempotent);
        assert_eq!(cat.error_retry(1, 429), Retry::Throttled);
        // `Unknown`: the status decides.
        assert_eq!(cat.error_kind(2, 404), NotFound);
        assert_eq!(cat.error_retry(2, 502), Retry::IfIdempotent);

        // A throttling row, at whatever status; a first row whose kind an undocumented
        // status reads.
        let row = |status, kind, throttled| R {
            status,
            message: "",
            description: "",
            measure: "",
            kind: Some(kind),
            throttled,
            url: "",
        };
        let t = encode(&[
            (
                "Quota",
                &[
                    row(400, ResourceExhausted, false),
                    row(403, ResourceExhausted, true),
                ][..],
            ),
            ("Busy", &[row(500, Unavailable, false)]),
        ]);
        let cat = catalog("", &t);
        assert_eq!(
            [0, 1, 2].map(|j| cat.row_throttled(j)),
            [false, true, false]
        );
        assert_eq!(cat.error_kind(0, 400), ResourceExhausted);
        assert_eq!(cat.error_retry(0, 400), Retry::No);
        assert_eq!(cat.error_kind(0, 403), ResourceExhausted);
        assert_eq!(cat.error_retry(0, 403), Retry::Throttled);
        assert_eq!(cat.error_kind(1, 418), Unavailable);
        assert_eq!(cat.error_retry(1, 418), Retry::Yes);
    }
}
