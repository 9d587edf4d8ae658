//! The typed catalog: what the rules make of the records (the macro's view of its input, as
//! `ast` is thiserror-impl's). Built by [`crate::valid`], encoded by [`crate::table`],
//! documented by the macro.

use crate::ErrorKind;
use std::borrow::Cow;

/// A checked catalog.
#[derive(Debug, Clone)]
pub struct Catalog<'a> {
    /// The catalog as the user named it: its file, or its files joined with ` + `.
    pub name: String,
    /// The files it is read from, in order (one for a plain catalog).
    pub files: Vec<File<'a>>,
    /// Distinct codes, in order of first appearance.
    pub codes: Vec<Code<'a>>,
}

/// One file of a catalog.
#[derive(Debug, Clone)]
pub struct File<'a> {
    /// The file as the user named it (a bundled table: its name, `gateway.csv`).
    pub name: String,
    /// The documentation link of the file's rows that have no `url` cell (a bundled table's
    /// page); `""`: none, the catalog's.
    pub docs: Cow<'a, str>,
}

/// One distinct code and all of its rows.
#[derive(Debug, Clone)]
pub struct Code<'a> {
    /// The code as written (surrounding white space removed).
    pub code: Cow<'a, str>,
    /// Its variant name ([`crate::naming::variant_name`]).
    pub ident: String,
    /// Its first line in its first file.
    pub line: usize,
    /// Its first file (a position in [`Catalog::files`]).
    pub file: usize,
    /// Its other spellings (the `alias` column of its rows), in order, each once.
    pub aliases: Vec<Alias<'a>>,
    /// Its rows, in file order.
    pub rows: Vec<Row<'a>>,
}

/// Another spelling of a code, and where it is given.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias<'a> {
    /// The spelling (surrounding white space removed).
    pub text: Cow<'a, str>,
    /// Its file (a position in [`Catalog::files`]).
    pub file: usize,
    /// Its cell's line and column.
    pub line: usize,
    /// Its cell's column (in characters).
    pub col: usize,
}

/// One (status, code) row, after splitting `400/404` cells and merging exact duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The message, as written (`""` if none).
    pub message: Cow<'a, str>,
    /// The description, as written (`""` if none).
    pub description: Cow<'a, str>,
    /// The measure, as written (`""` if none).
    pub measure: Cow<'a, str>,
    /// The row's `kind`; `None`: none given (derived from the status at run time).
    pub kind: Option<ErrorKind>,
    /// The row's `kind` cell is `throttled`: a rate limit whatever its status (its `kind` is
    /// then `ResourceExhausted`).
    pub throttled: bool,
    /// Why a tool suggested the row's kind (`"not exist" in the message`), for a maintainer to
    /// review (the `suggested` column); `""`: the kind was filled or reviewed by hand, or
    /// there is none.
    pub suggested: Cow<'a, str>,
    /// The row's documentation link ([`crate::url::check_url`]); `""` if none.
    pub url: Cow<'a, str>,
    /// The line of the row in its file.
    pub line: usize,
    /// Its file (a position in [`Catalog::files`]).
    pub file: usize,
}

impl<'a> Row<'a> {
    /// Whether every cell that both rows give (not empty) is the same: the same row,
    /// written with fewer columns in one of two files.
    pub(crate) fn agrees(&self, other: &Row) -> bool {
        let text = |a: &str, b: &str| a.is_empty() || b.is_empty() || a == b;
        self.status == other.status
            && text(&self.message, &other.message)
            && text(&self.description, &other.description)
            && text(&self.measure, &other.measure)
            && text(&self.url, &other.url)
            && text(&self.suggested, &other.suggested)
            && (self.kind.is_none()
                || other.kind.is_none()
                || (self.kind, self.throttled) == (other.kind, other.throttled))
    }

    /// Fills the cells this row leaves empty from `other`, a row that [`Row::agrees`].
    pub(crate) fn fill_from(&mut self, other: &Row<'a>) {
        for (mine, theirs) in [
            (&mut self.message, &other.message),
            (&mut self.description, &other.description),
            (&mut self.measure, &other.measure),
            (&mut self.url, &other.url),
            (&mut self.suggested, &other.suggested),
        ] {
            if mine.is_empty() {
                mine.clone_from(theirs);
            }
        }
        if self.kind.is_none() {
            (self.kind, self.throttled) = (other.kind, other.throttled);
        }
    }

    pub(crate) fn same_content(&self, other: &Row) -> bool {
        self.status == other.status
            && self.message == other.message
            && self.description == other.description
            && self.measure == other.measure
            && self.kind == other.kind
            && self.throttled == other.throttled
            && self.url == other.url
            && self.suggested == other.suggested
    }
}

impl Catalog<'_> {
    /// Number of (status, code) rows.
    pub fn row_count(&self) -> usize {
        self.codes.iter().map(|c| c.rows.len()).sum()
    }

    /// Number of aliases.
    pub fn alias_count(&self) -> usize {
        self.codes.iter().map(|c| c.aliases.len()).sum()
    }

    /// The name of file `i`.
    pub fn file_name(&self, i: usize) -> &str {
        self.files.get(i).map_or("", |f| f.name.as_str())
    }
}
