//! [`Row`]: one documented row of a code (its status, texts, kind and link), and [`Rows`],
//! the iterator over a code's rows (`ErrorCode::rows`).

use crate::__private::{row, Catalog};
use crate::{ErrorKind, Retry};
use core::fmt;
use core::hash::{Hash, Hasher};

/// One row of the catalog: a code documented with one HTTP status, its texts, its kind and
/// its documentation link. A code has one row per documented status (sometimes several).
///
/// A small `Copy` handle into the catalog's tables: the accessors read them, and it can grow
/// new accessors without breaking anyone. Two rows are equal when everything they document
/// is (`status`, the texts, `kind`, `doc_url`).
///
/// ```
/// use kms_errors::{ErrorCode, ErrorKind, Retry};
///
/// let rows: Vec<_> = ErrorCode::Apig0201.rows().collect();
/// assert!(rows.len() > 1); // one code, several statuses
/// let gateway_down = rows.iter().find(|r| r.status() == 502).unwrap();
/// assert_eq!(gateway_down.kind(), ErrorKind::Unavailable);
/// assert_eq!(gateway_down.retry(), Retry::Yes);
/// assert!(gateway_down.doc_url().is_some());
/// ```
#[derive(Clone, Copy)]
pub struct Row {
    catalog: &'static Catalog<'static>,
    index: usize,
}

impl Row {
    /// The HTTP status this row documents.
    #[must_use]
    #[inline]
    pub const fn status(&self) -> u16 {
        self.catalog.status(self.index)
    }

    /// The message, as its cell is written; `""` if none.
    #[must_use]
    #[inline]
    pub const fn message(&self) -> &'static str {
        self.catalog.row_text(self.index, row::MESSAGE)
    }

    /// The description, as its cell is written; `""` if none.
    #[must_use]
    #[inline]
    pub const fn description(&self) -> &'static str {
        self.catalog.row_text(self.index, row::DESCRIPTION)
    }

    /// The measure, what to do about it, as its cell is written; `""` if none.
    #[must_use]
    #[inline]
    pub const fn measure(&self) -> &'static str {
        self.catalog.row_text(self.index, row::MEASURE)
    }

    /// The kind: the row's `kind` cell, else the kind its status implies.
    #[must_use]
    #[inline]
    pub const fn kind(&self) -> ErrorKind {
        self.catalog.row_kind(self.index)
    }

    /// What a client should do about an error received as this row documents it.
    #[must_use]
    #[inline]
    pub const fn retry(&self) -> Retry {
        Retry::of(
            self.kind(),
            self.status(),
            self.catalog.row_throttled(self.index),
        )
    }

    /// The documentation link: the row's `url` cell, else its file's (a bundled table's
    /// page), else the catalog's; `None` if there is none.
    #[must_use]
    #[inline]
    pub const fn doc_url(&self) -> Option<&'static str> {
        self.catalog.row_url(self.index)
    }

    /// What equality and hashing compare.
    #[allow(clippy::type_complexity)]
    fn content(
        &self,
    ) -> (
        u16,
        &'static str,
        &'static str,
        &'static str,
        ErrorKind,
        Option<&'static str>,
    ) {
        (
            self.status(),
            self.message(),
            self.description(),
            self.measure(),
            self.kind(),
            self.doc_url(),
        )
    }
}

impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        self.content() == other.content()
    }
}

impl Eq for Row {}

impl Hash for Row {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.content().hash(state);
    }
}

/// `Row { status: 404, message: "The key does not exist.", ... }`.
impl fmt::Debug for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Row")
            .field("status", &self.status())
            .field("message", &self.message())
            .field("description", &self.description())
            .field("measure", &self.measure())
            .field("kind", &self.kind())
            .field("doc_url", &self.doc_url())
            .finish()
    }
}

/// The rows of a code (`ErrorCode::rows`), in catalog order.
#[derive(Clone, Debug)]
pub struct Rows {
    catalog: &'static Catalog<'static>,
    next: usize,
    end: usize,
}

impl Rows {
    /// The rows `next..end` of `catalog`.
    pub(crate) const fn new(catalog: &'static Catalog<'static>, next: usize, end: usize) -> Rows {
        Rows { catalog, next, end }
    }

    const fn row(&self, index: usize) -> Row {
        Row {
            catalog: self.catalog,
            index,
        }
    }
}

impl Iterator for Rows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        if self.next < self.end {
            self.next += 1;
            Some(self.row(self.next - 1))
        } else {
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.next;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Rows {
    fn next_back(&mut self) -> Option<Row> {
        if self.next < self.end {
            self.end -= 1;
            Some(self.row(self.end))
        } else {
            None
        }
    }
}

impl ExactSizeIterator for Rows {}

impl core::iter::FusedIterator for Rows {}
