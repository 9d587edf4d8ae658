//! The catalog front end of [`kms-errors`](https://docs.rs/kms-errors): everything that
//! turns an error-code table (CSV) into a checked catalog and its encoded tables, as ordinary
//! library code that the proc macro, the importer, the build script, the fuzz targets and
//! the benchmarks all share. An internal part of `kms-errors-macro` and `kms-errors`: its API
//! follows theirs and may change in any release.
//!
//! The pipeline, one module a step:
//!
//! [`source`] (find and read the file, with [`limits`]) → [`csv`] (records whose fields know
//! their `line:column`, read with `csv-core`) → [`valid`] (the catalog rules: [`header`]
//! names, [`status`] cells, [`naming`] of variants, [`kind`]s; every problem collected in a
//! [`Ctxt`]) → [`table`] (the runtime tables: packed text and rows, and the [`hash`] index).
//!
//! Each rule has one definition here. The runtime in `kms-errors` decodes the tables with
//! [`table`]'s layout and probes the index with [`hash::Probe`], the same code the encoder
//! and the tests use.
//!
//! ```
//! use kms_errors_catalog::{Ctxt, ErrorKind};
//!
//! let text = "Error Code;HTTP Status Code;Error Message;Kind\nIAM.0001;404;No such user.;not_found\n";
//! let mut cx = Ctxt::new("iam.csv");
//! let catalog = kms_errors_catalog::parse("iam.csv", text, None, &mut cx);
//! assert!(cx.is_ok());
//! let code = &catalog.codes[0];
//! assert_eq!((code.code.as_ref(), code.ident.as_str()), ("IAM.0001", "Iam0001"));
//! assert_eq!(code.rows[0].status, 404);
//! assert_eq!(code.rows[0].kind, Some(ErrorKind::NotFound));
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod check;
pub mod csv;
pub mod ctxt;
mod fx;
pub mod hash;
pub mod header;
pub mod kind;
pub mod limits;
pub mod naming;
pub mod source;
pub mod status;
pub mod table;
pub mod text;
pub mod valid;

pub use ctxt::{Ctxt, Diagnostic};
pub use kind::ErrorKind;
pub use valid::Catalog;

/// Parses and checks `text`, a catalog file named `name` in messages: the delimiter (`,`,
/// `;` or tab) is `delimiter` if given, else detected from the header line
/// ([`csv::detect_delimiter`]). Every problem is reported to `cx`; the catalog holds what
/// is valid.
pub fn parse<'a>(name: &str, text: &'a str, delimiter: Option<u8>, cx: &mut Ctxt) -> Catalog<'a> {
    let delimiter = delimiter.unwrap_or_else(|| csv::detect_delimiter(text));
    let records = csv::records(text, delimiter, cx);
    valid::catalog(name, records, cx)
}
