//! The catalog front end of [`kms-errors`](https://docs.rs/kms-errors): everything that
//! turns an error-code table (CSV) into a checked catalog and its encoded tables, as ordinary
//! library code that the proc macro, the importer, the benchmark, the fuzz targets and the
//! tests all share. An internal part of `kms-errors-macro`: its API follows the macro's and
//! may change in any release (what the runtime shares with it is in `kms-errors-core`).
//!
//! The pipeline, one module a step:
//!
//! * read: [`source`] (find and read the file, with [`limits`]);
//! * parse: [`csv`] (records whose fields know their `line:column`, read with `csv-core`),
//!   [`header`] (which column each header cell names, and what is wrong with it);
//! * validate: [`cells`] (a record's cells by the header's layout, each by its rule:
//!   [`status`], [`kind`], [`url`], [`naming`] of variants), [`valid`] (rows into codes,
//!   composed files merged), [`alias`] (the aliases' rules); every problem collected in a
//!   [`Ctxt`]; the result is the typed catalog, [`model`];
//! * expand: [`table`] (the runtime tables: packed text and rows), [`hash`] (the index) and
//!   [`markdown`] (cell text in the generated rustdoc).
//!
//! A cell is text: the tables keep it byte for byte, and the rustdoc shows the same text,
//! escaped so that neither Markdown nor HTML interprets it. Converting a vendor's markup
//! (RST on API reference pages) is the importer's job (`kms-errors import`), done once when
//! it writes the catalog.
//!
//! Each rule has one definition here or in `kms-errors-core`: names are compared by
//! [`names`], the table layout and the index's probe are the core's, with which the runtime
//! in `kms-errors` decodes and probes what this crate encodes.
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

// read
pub mod limits;
pub mod source;
// parse
pub mod csv;
pub mod header;
// validate: the rules of one cell, of one record, of rows and of aliases
pub mod alias;
pub mod cells;
pub mod kind;
pub mod naming;
pub mod status;
pub mod url;
pub mod valid;
// what they make, and how errors and names are handled
pub mod ctxt;
pub mod model;
pub mod names;
// expand: what the generated code holds
pub mod hash;
pub mod markdown;
pub mod table;

pub mod check;
mod fx;

pub use ctxt::{Ctxt, Diagnostic};
pub use kms_errors_core::ErrorKind;
pub use model::Catalog;

/// Parses and checks `text`, a catalog file named `name` in messages: the delimiter (`,`,
/// `;` or tab) is `delimiter` if given, else detected from the header line
/// ([`csv::detect_delimiter`]). Every problem is reported to `cx`; the catalog holds what
/// is valid.
pub fn parse<'a>(name: &str, text: &'a str, delimiter: Option<u8>, cx: &mut Ctxt) -> Catalog<'a> {
    let delimiter = delimiter.unwrap_or_else(|| csv::detect_delimiter(text));
    let records = csv::records(text, delimiter, cx);
    valid::catalog(name, records, cx)
}

/// One file of a composed catalog: its name (in messages and docs), its text, and the
/// documentation link of its rows without a `url` cell (`""`: the catalog's).
#[derive(Clone, Copy, Debug)]
pub struct Part<'a> {
    /// The file as the user named it.
    pub name: &'a str,
    /// Its text; `None` if it could not be read (reported already): it is left out.
    pub text: Option<&'a str>,
    /// The link of its rows that have none.
    pub docs: &'a str,
    /// Its cell delimiter, if forced; else detected from its header line.
    pub delimiter: Option<u8>,
}

/// Parses and checks the files of a composed catalog as one catalog ([`valid::Builder`]):
/// each file with its own header and delimiter, rows merged; every problem is reported to
/// `cx`, created with [`Ctxt::for_files`] over the parts' names, naming its own file.
///
/// ```
/// use kms_errors_catalog::{compose, Ctxt, Part};
///
/// let dns = Part {
///     name: "dns.csv",
///     text: Some("status,code,message\n404,DNS.0001,No zone.\n"),
///     docs: "",
///     delimiter: None,
/// };
/// let extra = Part {
///     name: "extra.csv",
///     text: Some("Error Code;Status Code;Alias\nDNS.0001;410;DNS-1\n"),
///     ..dns
/// };
/// let mut cx = Ctxt::for_files(&[dns.name, extra.name]);
/// let cat = compose(&[dns, extra], &mut cx);
/// assert!(cx.is_ok());
/// let code = &cat.codes[0];
/// assert_eq!(code.rows.iter().map(|r| (r.status, r.file)).collect::<Vec<_>>(), [(404, 0), (410, 1)]);
/// assert_eq!(code.aliases[0].text, "DNS-1");
/// assert_eq!(cat.name, "dns.csv + extra.csv");
/// ```
pub fn compose<'a>(parts: &[Part<'a>], cx: &mut Ctxt) -> Catalog<'a> {
    let rows = parts.iter().map(|p| p.text.map_or(0, str::len) / 64).sum();
    let mut b = valid::Builder::new(rows);
    for (i, p) in parts.iter().enumerate() {
        cx.set_file(i);
        let docs = std::borrow::Cow::Borrowed(p.docs);
        let records = match p.text {
            Some(text) => {
                let d = p.delimiter.unwrap_or_else(|| csv::detect_delimiter(text));
                Some(csv::records(text, d, cx))
            }
            None => None,
        };
        b.add_file(p.name, docs, records, cx);
    }
    b.finish(cx)
}
