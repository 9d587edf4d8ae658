//! `kms-errors`, the command line tool of kms-errors (`cargo install --path kms-errors-cli`,
//! or `cargo run -p kms-errors-cli -- COMMAND ...` in the repository). Its commands:
//!
//! * `import`: the error-code tables of an API reference page (reStructuredText grid
//!   tables) into the catalog CSV that `kms_errors!` reads (described below);
//! * `diff`: what changed between two versions of a catalog (or of a page) for the users of
//!   the generated types, and the semver verdict;
//! * `check`: the diagnostics `kms_errors!` gives for catalog files, without compiling a
//!   crate (for CI);
//! * `explain`: what an error code of the bundled catalog, or of one's own, means and what a
//!   client should do about it, as the runtime decides.
//!
//! ## `import`
//!
//! ```text
//! kms-errors import INPUT.rst [-o OUTPUT.csv] [--kinds-from CATALOG.csv]
//! ```
//!
//! `INPUT` may be `-` for standard input; the CSV goes to standard output unless `-o`/`--output`
//! names a file (written only when the conversion and the check below succeed). Arguments are
//! parsed with `lexopt`: values may be attached (`--output=FILE`, `-oFILE`,
//! `--kinds-from=FILE`) and `--` ends the options. To regenerate a bundled catalog, keeping
//! its hand-filled `kind` (and `alias`) column:
//! `kms-errors import error-code-page.rst --kinds-from catalog.csv -o catalog.csv`.
//!
//! **Input.** Any RST document; titles, labels, `:original_name:` fields and other text around
//! the tables are ignored. A table is a grid table (`+----+` borders, `|` rows, a `+====+` line
//! under the header), at any indentation (e.g. under a `.. table::` directive). A cell's lines are
//! trimmed, blank ones dropped and the rest joined with one space. The text cells (`message`,
//! `description`, `measure`) are then converted from RST inline markup to plain text
//! (`**bold**` reads `bold`, `` :ref:`Title <target>` `` reads `Title`, `\*` reads `*`,
//! `.. note::` reads `Note:`; the rules: [`rst`]): the macro keeps a catalog's cells byte for
//! byte, so markup is converted here, once. Other cells are copied as written. Tabs expand to 8 columns and East Asian
//! wide characters take two columns, as in docutils. Cells spanning several columns or rows are
//! not supported: a `|` or `+` that is not exactly under a `+` of the table's top border is an
//! error.
//!
//! **Headers** are read by the catalog front end (`kms_errors_catalog::header`): a table header
//! names a catalog column exactly when the same header in a catalog would — any case, `_`, `-`
//! and white space ignored, the canonical names (`status`, `code`, `message`, `description`,
//! `measure`, `kind`, `url`, `alias`) and the vendors' names listed in `kms_errors_catalog::header::COLUMNS`
//! (`Status Code`, `HTTP Status Code`, `Response Code`, `Error Code(s)`, `Error Type`,
//! `Error Message`, `Error (Code) Description`, `Measures`, `Solution`, `Handling Measure(s)`,
//! `Troubleshooting`, `Remediation`, `Category`, ...).
//!
//! A table with a `status` and a `code` column is an error-code table; every one is converted,
//! in document order, whatever its column order, into one CSV. Absent optional columns give
//! empty cells. Its other columns (a `Module` column, say) are dropped with a warning naming
//! them, except a header that looks like a misspelt catalog column (`Error Mesage`): that is an
//! error with a did-you-mean, as is a `status` or `code` header that looks misspelt and two
//! headers naming one column. Other tables (no `status` or `code` column, no header) are skipped
//! with a warning; no table to convert, or no rows in any, is an error.
//!
//! **Check.** Before anything is written, the CSV is read by `kms_errors_catalog::parse`, the
//! code `kms_errors!` reads a catalog with, so a catalog the importer writes always compiles:
//! statuses (`404`, `301 Moved Permanently`, `400/404/500`), codes and the variant names they
//! derive, kinds, limits. Errors name the input line and code of the row
//! (`INPUT:LINE: row `CODE`: message`; line numbers inside a message are input lines too); then
//! the importer exits with 1 and writes nothing.
//!
//! **Output** is `status,code,message,description,measure`, plus `kind` when a table has a kind
//! column or `--kinds-from` is given, `url` when a table has a link column and `alias` when a
//! table or the `--kinds-from` catalog has an alias column (in that order); written with the `csv` crate (RFC 4180; a field is quoted
//! only when it contains `,`, `"`, CR or LF, quotes doubled; LF line ends), the format of
//! `catalog.csv`.
//!
//! **`--kinds-from CATALOG`** carries the hand-filled `kind` and `alias` columns of an existing
//! catalog over, by code. The catalog is read by the front end as the macro reads it (`,`, `;`
//! or tab, any accepted header names, a byte-order mark); it must be a valid catalog with a
//! `kind` column, and may have an `alias` column.
//!
//! - `kind`: each row gets its code's kind (that of the code's rows with the same status when
//!   they differ). A kind the page gives is kept. Codes the catalog has no kind for are left
//!   empty (the kind then follows from the status); those, a code with several kinds and a
//!   page kind that differs get a warning, once per code.
//! - `alias`, when the catalog has that column (the output then has it too): each row gets all
//!   of its code's aliases there, in the catalog's order, each once, joined with `|`; a code
//!   without aliases gets an empty cell, without a warning. An alias cell the page gives that
//!   names a spelling is kept; when its spellings differ from the catalog's (other ones, or in
//!   another order) and the catalog has some for the code, that is a warning, once per code.
//!
//! **Exit status**: 0 on success (warnings, if any, on standard error as
//! `INPUT:LINE: warning: ...`); 1 on an input or output error, reported on standard error as
//! `INPUT:LINE: message` (`FILE:LINE:COLUMN: message` for the kinds catalog, `FILE: message` for
//! I/O errors); 2 on a usage error.
//!
//! ## `diff`
//!
//! ```text
//! kms-errors diff OLD NEW [--json] [--fail-on LEVEL]
//! ```
//!
//! **Inputs.** OLD and NEW are each a catalog CSV, read as `kms_errors!(path = "...")` reads it
//! (any delimiter and accepted header names), or an RST API reference page, converted as
//! `import` converts it (without `--kinds-from`: a page has no kinds unless it has a kind
//! column). A file is a page if its name ends in `.rst`, a catalog if it ends in `.csv` or
//! `.tsv`; any other file is a page if it has a grid-table border line (`+----+`, `+====+`) or a
//! line starting with `:original_name:`, else a catalog. Errors in either input are reported as
//! `import` and the catalog reader report them (both inputs are read first), and the exit
//! status is 1.
//!
//! **What is compared.** Codes by their exact string (lookups are exact and case-sensitive):
//! codes added and removed (each with its statuses, variant name and aliases). For a code in
//! both: its variant name; its first status (`ErrorCode::status()`) and, when that changes,
//! `ErrorCode::kind()`; its statuses added and removed; at each status either catalog
//! documents, the decisions about an error received with that status (kind, retry decision,
//! throttled, not found, conflict, quota), taken from the runtime's own reading of the encoded
//! tables (`kms_errors_core::table::Catalog::error_kind` and `error_retry`; at a status a
//! catalog does not document, the error reads the code's first row); the kind that decides
//! errors received with the statuses the code does not document (its first row's kind cell);
//! per row with a status both document, the kind cell (declared or by status), the message,
//! description and measure as written, and the link; the number of rows with a status and
//! the later ones' texts and kinds (a page may repeat a row: `rows()` and the docs read them,
//! errors read the first); the order of its statuses and of the codes (`Ord` follows catalog
//! order); aliases added and removed. Line numbers are not compared.
//!
//! **Verdict** for the generated types (the enum is `#[non_exhaustive]`): `breaking` (major)
//! when a code, an alias or a status is removed or any decision a client acts on changes
//! (kind, throttling, retry, not found, conflict, quota, the first status, the kind at the
//! statuses not documented); `additive` (minor) when codes, aliases or statuses are added (a
//! status added whose errors decide otherwise than they did is a decision change too) or codes
//! are reordered; `text-only` (patch) when only texts, links, kind cells that decide nothing,
//! row counts or status order change; `none` when nothing observable changes. The report lists
//! the reasons: each kind of change, how many, and where.
//!
//! **Output** on standard output. By default, for people: a summary line first
//! (`verdict: additive (minor); codes: 117 added, 0 removed, 25 changed; changes: 29; aliases:
//! 0 added, 0 removed; OLD: 68 codes, 68 rows; NEW: 185 codes, 185 rows`), then the sections
//! `reasons`, `added codes`, `removed codes`, `changes` and `aliases`, one line per item naming
//! the code and the status (`~ KMS.0205 404 kind: not_found -> invalid_argument  [breaking]`),
//! in the new catalog's order, then what only the old one has in its order. With `--json`,
//! one JSON document:
//!
//! ```text
//! {"old": {"name", "codes", "rows"}, "new": {...},
//!  "verdict": "breaking" | "additive" | "text-only" | "none",
//!  "semver": "major" | "minor" | "patch" | "none",
//!  "reasons": [{"impact", "text"}],
//!  "added": [{"code", "variant", "statuses": [404], "aliases": ["..."]}],
//!  "removed": [{"code", "variant", "statuses", "aliases", "variant_now_of": code or null}],
//!  "changed": [{"code", "status": 404 or null, "row": 1 or null, "field", "old", "new",
//!               "impact"}],
//!  "aliases": {"added": [{"code", "alias"}], "removed": [{"code", "alias"}]}}
//! ```
//!
//! `field` is one of `variant`, `first_status`, `code_kind`, `other_statuses`, `position`,
//! `statuses` (a code's; `status` and `row` null), `status` (added: `old` null; removed: `new`
//! null), `kind`, `retry`, `throttled`, `not_found`, `conflict`, `quota` (an error received
//! with the status; `row` null), `declared_kind`, `message`, `description`, `measure`, `url`
//! (the row's, `row` its position among the code's rows with the status) and `rows` (how many
//! rows have the status). The docs of `diff::report` list the values of each.
//!
//! **Exit status**: 0 when it ran, whatever the verdict; 1 when an input has errors; 2 on a
//! usage error; 3 with `--fail-on LEVEL` (`breaking`, `additive` or `text-only`) when the
//! verdict is that level or higher, the report written all the same: `kms-errors diff
//! catalog.csv new-page.rst --fail-on breaking` in CI.
//!
//! ## `check`
//!
//! ```text
//! kms-errors check [--delimiter C] [--bundled kms|gateway]... FILE...
//! ```
//!
//! Reads the catalog files as `kms_errors!(path = [FILE, ...], bundled = [...], delimiter =
//! 'C')` reads them: the same front end (`kms_errors_catalog::compose`, after
//! `source::read_file`), the files composed in order, then the bundled tables `--bundled`
//! adds (`kms`: KMS and CSMS, `gateway`: the API gateway; each once, in the order given),
//! with the macro's rules and messages. Paths are relative to the current directory (the
//! macro resolves them against `$KMS_ERRORS_MANIFEST_DIR` or `$CARGO_MANIFEST_DIR`). `--delimiter` takes what
//! the macro's `delimiter` takes (`kms_errors_catalog::csv::check_delimiter`: one ASCII
//! character that is not a letter, a digit, `"` or a line end; `\t` is a tab) and applies to
//! the files, not to the bundled tables; without it each file's delimiter is detected from
//! its header line. File names must be non-empty and given once, as the macro's `path`.
//!
//! **Output.** Each error as the compiler prints the macro's, `error: FILE:LINE:COLUMN:
//! message` (`error: FILE: message` for a file as a whole), in the macro's order, on standard
//! error: at most 30, then `error: FILE: N more error(s) not shown`, as the macro reports
//! them. Then one summary line on standard output: `N error(s) in FILE + FILE...` (all of
//! them, those not shown included), or `FILE + FILE...: ok, N codes, M rows[, K aliases]`.
//! The one difference with the compiler's messages: a file that is not found does not get the
//! macro's note on where it resolves relative paths. `tests/check.rs` runs the tool on every
//! catalog of the macro's `compile_fail` suite and compares its `error:` lines with the
//! compiler's.
//!
//! **Exit status**: 0 when the catalog is valid, 1 when it has errors, 2 on a usage error
//! (an unknown option or table, a delimiter the macro refuses, an empty or repeated file
//! name, no file and no `--bundled`).
//!
//! ## `explain`
//!
//! ```text
//! kms-errors explain [--catalog FILE]... [--bundled kms|gateway]... [--delimiter C] [STATUS] CODE
//! kms-errors explain [--catalog FILE]... [--bundled kms|gateway]... [--delimiter C] --all [--json]
//! ```
//!
//! **Which catalog.** Without `--catalog` and `--bundled`, both bundled tables (KMS and CSMS,
//! then the API gateway's): the catalog of `kms_errors::ErrorCode`, as `kms_errors!()`.
//! `--catalog FILE` explains one's own catalog instead; given several times, the files are
//! composed in order, as `kms_errors!(path = [...])` composes them; `--bundled` adds a bundled
//! table after them (or alone: `kms_errors!(bundled = "gateway")`); `--delimiter` applies to
//! the files, as the macro's. The catalog is read as `check` reads it (paths relative to the
//! current directory); if it has errors, they are printed as `check` prints them and the exit
//! status is 1.
//!
//! **Decisions.** The catalog is encoded as the macro encodes it
//! (`kms_errors_catalog::table::Tables::encode`) and read back with the runtime's decoder,
//! `kms_errors_core::table::Catalog`: the row an error reads (`row_for`: the code's first row
//! documented with the status, else its first row), its texts (`row_text`, the cells as
//! written, as at run time), its kind (`error_kind`), its retry decision
//! (`error_retry`) and its link (`row_url`) are what `KmsError::from((status, code))`
//! computes with the same code. Codes and aliases are looked up exactly (case-sensitive), as
//! `ErrorCode::from_code` does.
//!
//! **`CODE`**: the labelled block — `Code:` (for an alias, `ALIAS (the catalog writes it
//! CODE)`), `Variant:`, `HTTP status:` (every documented status), `Message:`,
//! `Description:`, `Measure:`, `Kind:`, `Retry:` and, when the row or the catalog has a
//! link, `Docs:`; for a code documented with different texts for different statuses, each
//! other row (`HTTP STATUS:`, its texts, kind and retry advice). Without a status the error
//! is the one the service sends for the code, with its first documented status
//! (`KmsError::from(code)`). `Variant:` is the generated variant: `ErrorCode::Kms0207` for the
//! bundled catalog; for any other catalog (`--catalog` or `--bundled` given) the code enum is
//! the one the user names with `code = ...`, unknown here, so the variant's name alone
//! (`Iam0001`).
//!
//! `Kind:` is the row's kind (`not_found`, ...); a throttling row (kind cell `throttled`)
//! shows as `resource_exhausted (throttled)`. `Retry:` is the runtime's `Retry` in words:
//! `yes, after the server's Retry-After (throttled)` (`Throttled`: HTTP 429 or a throttling
//! row), `no: a quota is exhausted; free resources or raise the quota` (`No` for a
//! `resource_exhausted` kind), `yes, also a request that is not idempotent (it did not take
//! effect)` (`Yes`), `only an idempotent request (one that is not may have taken effect)`
//! (`IfIdempotent`), `no` (`No`).
//!
//! **`STATUS CODE`**: the same block for an error received with that HTTP status: the row
//! documented with it, its kind and retry decision; a status the catalog does not document
//! for the code is noted (`HTTP status: 500 (not documented for KMS.0207 in the catalog;
//! documented: 404)`) and the code's first row is read, as at run time.
//!
//! **`--all --json`**: every row as one JSON array of objects (`code`, `variant`, `status`,
//! `message`, `description`, `measure` as written, `kind`, `throttled`, `retry`, `url`), for
//! scripts (`scripts/build_bench.py` reads its codes, variant names and texts this way).
//!
//! **`--all`**: every row of the catalog, in catalog order, as `STATUS  CODE  MESSAGE`
//! lines under a header, the codes padded to one width.
//!
//! **Exit status**: 0 on success; 1 for a code that is not in the catalog (`` error: `CODE` is
//! not an error code of the catalog ``, then `did you mean ...?` with the nearest codes, at
//! most two edits away, case ignored: `kms_errors_catalog::names::nearest`, the rule of
//! `code!`) or a catalog with errors; 2 for a usage error (`error: ...`, then the usage).

mod catalog;
mod catalogs;
mod check;
mod cli;
mod diff;
mod explain;
mod grid;
mod import;
mod kinds;
mod output;
pub mod rst;
pub mod suggest;

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: kms-errors COMMAND [ARGS]

commands:
  import PAGE.rst     convert an API reference page's error-code tables into a catalog CSV
  diff OLD NEW        what changed between two catalogs (CSV or RST pages) for the users of
                      the generated types, and the semver verdict; --json for one JSON
                      document, --fail-on breaking to exit with 3 on a breaking change
  check FILE...       the diagnostics kms_errors! gives for catalog files (for CI)
  explain CODE        what an error code means and what to do about it, for the bundled
                      catalog or one's own (--catalog FILE)
  help                this text; `kms-errors COMMAND --help` for a command's

Exit status: 0 success, 1 an error in the input or output, 2 a usage error (diff: 3
the verdict reached its --fail-on level).
";

/// Writes `csv` to `output`, or to standard output if that is `None` or `-`.
fn emit(output: Option<&OsStr>, csv: &str) -> Result<(), u8> {
    match output {
        Some(file) if file != "-" => std::fs::write(file, csv).map_err(|e| {
            eprintln!("{}: cannot write: {e}", PathBuf::from(file).display());
            1
        }),
        _ => {
            let mut out = io::stdout().lock();
            match out.write_all(csv.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // The reader went away (`| head`): not an error of ours.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => {
                    eprintln!("<stdout>: cannot write: {e}");
                    Err(1)
                }
            }
        }
    }
}

/// Runs the tool with `args`, the command line without the program name; the exit status.
pub fn main(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let mut args = args.into_iter();
    let command = args.next();
    match command.as_deref().map(OsStr::to_string_lossy).as_deref() {
        Some("import") => import::main(args),
        Some("diff") => diff::main(args),
        Some("check") => check::main(args),
        Some("explain") => explain::main(args),
        Some("help" | "-h" | "--help") => cli::help(USAGE),
        Some(other) => {
            eprintln!("kms-errors: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprintln!("kms-errors: no command\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
