//! The procedural macro behind [`kms-errors`](https://docs.rs/kms-errors): it turns an
//! error-code table (CSV) into typed Rust errors at compile time.
//!
//! Most users depend on `kms-errors` and write `use kms_errors::KmsError;`; for another
//! service's table they call `kms_errors::kms_errors!`. The generated code names the
//! `kms-errors` crate (its runtime, `ErrorKind`, `CatalogError` and feature-dependent impls),
//! so invoke the macro through `kms-errors`, which re-exports it.
//!
//! The pipeline (read → parse → validate → expand):
//!
//! * `args`: the macro's input;
//! * the catalog front end, the crate `kms-errors-catalog`: `source` (find and read the
//!   file, with limits), `csv` (records with positions, read with `csv-core`), `valid` (the
//!   catalog rules — header names, status cells, variant names, kinds — every error
//!   collected in a `Ctxt`), `table` and `hash` (the encoded tables and the perfect-hash
//!   index);
//! * `expand`: the tokens, one named fragment each (`code_enum`, `error_type`,
//!   `catalog_static`, `code_impls`, `methods`), with `fallback` when the catalog has
//!   errors; `doc`: the rustdoc of each variant.
//!
//! The generated code is data and thin impls: the accessors, `Display`, the lookup and the
//! error representation live in `kms-errors` as ordinary library code, and the types'
//! inherent methods are written by `kms-errors`' hidden declarative macros, which the
//! expansion invokes (as bitflags 2 does).
//!
//! See [`kms_errors!`] for the input syntax, the catalog rules and the generated API.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod args;
mod doc;
mod expand;

use proc_macro::TokenStream;

/// Generates typed errors from an error-code catalog (CSV).
///
/// # Input
///
/// ```text
/// kms_errors!()                                   // the bundled tables: KMS/CSMS and the API gateway's
/// kms_errors!("errors/iam.csv")                   // a catalog of your own
/// kms_errors!(path = ["errors/dns.csv", "errors/extra.csv"])  // one catalog from several files
/// kms_errors!("errors/iam.csv", bundled = "gateway")           // yours and the gateway's codes
/// kms_errors!(bundled = ["kms", "gateway"])       // the same as `kms_errors!()`
/// kms_errors!(path = "errors/iam.csv", error = IamError, code = IamCode)
/// kms_errors!(crate = ::errs, "errors/iam.csv")  // the runtime crate's path, if not `::kms_errors`
/// kms_errors!("errors/iam.csv", delimiter = ';')  // force the delimiter (default: detected)
/// kms_errors!("errors/iam.csv", docs = "https://example.com/iam/errors.html")  // the catalog's link
/// ```
///
/// A relative path is resolved against the directory named by the environment variable
/// `KMS_ERRORS_MANIFEST_DIR` when it is set, otherwise against `CARGO_MANIFEST_DIR` (the
/// directory of the invoking crate's `Cargo.toml`). The override exists for test harnesses
/// such as `trybuild` that compile code in a generated project: set it to your crate's
/// manifest directory in the test before running them. An absolute path is used as it is, and
/// a relative one may contain `..` and leave the crate (a workspace's shared catalog): the
/// macro reads only the file it is given, as `include_bytes!` could. Editing the file triggers
/// a rebuild.
///
/// `path = [...]` composes several files into one catalog: each file has its own header
/// (names and column order) and delimiter, detected per file (`delimiter` forces it for all
/// of the user's files), and their rows are merged by the rules of one file, in file order;
/// each row's rustdoc and every compile error name its own file and line, and an error is
/// spanned at its file's path literal. `bundled` adds tables bundled with the macro after the
/// user's files: `"kms"` (`catalog.csv`, the KMS and CSMS codes) and `"gateway"`
/// (`gateway.csv`, the API gateway's codes, which reach every client of a service behind
/// it), a name or a list; their rows link to their source pages. Without `path` and
/// `bundled`, both bundled tables. Editing any of the files rebuilds.
///
/// The generated code uses the `kms-errors` crate (`ErrorKind`, `CatalogError`, the feature
/// impls). Through `kms_errors::kms_errors!` its path is passed automatically (`crate =
/// $crate`), so a renamed dependency works; called directly, the default is `::kms_errors`.
///
/// `error` and `code` name the two generated types (defaults `KmsError` and `ErrorCode`);
/// a third name, `Unknown{code}` (default `UnknownErrorCode`), is the error of
/// `ErrorCode::from_str` (an alias of `kms_errors::UnknownCode<ErrorCode>`). The three names
/// must differ (checked), and must not be used by other items of the module. Different
/// names let two catalogs live in one module. The types' methods are their own inherent
/// `const fn`s (all but the error's `new`), written once in `kms-errors`, which the expansion
/// invokes; `kms_errors::code!(IamCode, "IAM.0001")` checks a code literal at compile time.
///
/// # Catalog rules
///
/// * Cells are separated by `,`, `;` or a tab: the one that occurs most often in the header
///   line, unless `delimiter = '...'` says which.
/// * The first non-blank line is the header. Columns are found by name, in any order:
///   `status` and `code` are required, `message`, `description`, `measure`, `kind`, `url`
///   (a row's documentation link) and `alias` optional. Names match in any case, ignoring surrounding space and `_`, `-` or spaces
///   inside, and the names vendors' documentation uses are accepted too: `Status Code`,
///   `HTTP Status Code`, `Response Code`; `Error Code`, `Error Codes`, `Error Type`;
///   `Error Message`; `Error Description`, `Error Code Description`; `Measures`,
///   `Solution`, `Handling Measure(s)`, `Troubleshooting`, `Remediation`; `Category`,
///   `Error Kind`; `Documentation`, `Doc URL`, `Link`; `Aliases`, `Alternative Code(s)`,
///   `Also Known As`. Any other name is an error, with a did-you-mean.
/// * `alias`: other spellings of the row's code, separated by `|` (`APIGW.0301`). They
///   resolve to the code's variant (`from_code`, `FromStr`, serde, the error type's `From`,
///   `code!`); the error keeps the spelling it received (`code_str()`); the variant's rustdoc
///   lists them. An alias must name one code only: one that is another code or another
///   code's alias, derives another code's variant name, or is the code itself is a compile
///   error naming both places.
/// * `url` cells and the `docs` argument are `https://` or `http://` links (`doc_url()` on a
///   code or an error gives the row's, else the catalog's; the bundled catalog's is the API
///   reference's error-code page).
/// * `status`: an HTTP status in `100..=599`. A cell may carry a reason (`400 Bad Request`) and
///   several statuses separated by `/` (`400/404/500`: the row applies to each).
/// * `code`: any non-empty text (surrounding white space ignored). Its variant name is
///   derived by splitting the code on every character that is not an ASCII letter or digit,
///   splitting each run again at lower-to-upper case humps (`badRequest`, `HTTPServer`),
///   capitalising each word and lowering the rest (`KMS.0207` → `Kms0207`,
///   `Request-URI Too Large` → `RequestUriTooLarge`), and prefixing `E` when the result
///   starts with a digit (`1100` → `E1100`).
/// * A code on several rows is one variant that keeps every row; exact duplicate rows are
///   merged. Text cells (`message`, `description`, `measure`) are text, kept byte for byte:
///   the accessors and `Display` give them as written, and the generated rustdoc shows the
///   same text, escaped so that neither Markdown nor HTML interprets it. (A vendor page's
///   RST markup is converted by `kms-errors import` when it writes the catalog.) Across the
///   files of a composed catalog, rows of one code and status that agree in every cell both
///   give are one row (a file may repeat a row with fewer columns); rows that differ are a
///   compile error naming both places, since which text a received error shows would
///   otherwise depend on the order of the files.
/// * Everything else is a compile error naming `file:line:column`, the column and the text:
///   a missing, unreadable or non-UTF-8 file, no header or no rows, a missing required,
///   unknown or duplicate column, a row with the wrong number of fields, an empty code, a bad
///   status, two codes deriving the same variant name, a code deriving `Unknown` or `Self`,
///   malformed quoting, a bad alias, a code and status documented differently by two files,
///   and the size limits: 16 MiB per file, 100,000 rows per file, 16 KiB per cell, 65,535
///   distinct codes and aliases.
#[proc_macro]
pub fn kms_errors(input: TokenStream) -> TokenStream {
    expand::kms_errors(input.into()).into()
}
