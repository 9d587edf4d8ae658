//! `kms-errors-import`: converts the error-code tables of an API reference page (reStructuredText
//! grid tables) into the catalog CSV that `kms_errors!` reads.
//!
//! ```text
//! cargo run -p kms-errors-import -- INPUT.rst [-o OUTPUT.csv] [--kinds-from CATALOG.csv]
//! ```
//!
//! `INPUT` may be `-` for standard input; the CSV goes to standard output unless `-o`/`--output`
//! names a file (written only when the conversion and the check below succeed). Arguments are
//! parsed with `lexopt`: values may be attached (`--output=FILE`, `-oFILE`,
//! `--kinds-from=FILE`) and `--` ends the options. To regenerate a bundled catalog, keeping
//! its hand-filled `kind` (and `alias`) column:
//! `cargo run -p kms-errors-import -- error-code-page.rst --kinds-from catalog.csv -o catalog.csv`.
//!
//! **Input.** Any RST document; titles, labels, `:original_name:` fields and other text around
//! the tables are ignored. A table is a grid table (`+----+` borders, `|` rows, a `+====+` line
//! under the header), at any indentation (e.g. under a `.. table::` directive). A cell's lines are
//! trimmed, blank ones dropped and the rest joined with one space; RST markup (`**bold**`,
//! `` :ref:`...` ``, backslash escapes) is kept as written. Tabs expand to 8 columns and East Asian
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

mod catalog;
mod grid;
mod kinds;
mod output;
// Not called by the conversion yet: the `import` command will suggest kinds with it.
#[allow(dead_code)]
mod suggest;

use std::ffi::{OsStr, OsString};
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: kms-errors-import INPUT [-o OUTPUT] [--kinds-from CATALOG]

Converts the RST grid error-code table(s) in INPUT (`-` for standard input) into the
kms-errors catalog CSV (status,code,message,description,measure[,kind][,url][,alias]),
checked with the catalog rules of kms_errors! before it is written.

options:
  -o, --output FILE   write the CSV to FILE (only if the conversion and the check
                      succeed) instead of standard output
  --kinds-from CATALOG
                      add a `kind` column, taking each code's kind from the existing
                      catalog (codes it lacks get an empty kind and a warning); if that
                      catalog has an `alias` column, add one too, with each code's aliases
                      there
  -h, --help          print this help
  --                  end of options: a later argument is INPUT even if it starts with `-`

Values may also be attached: `--output=FILE`, `-oFILE`, `--kinds-from=CATALOG`.
Exit status: 0 success, 1 input or output error, 2 usage error.
";

#[derive(Debug, PartialEq, Eq)]
struct Args {
    input: OsString,
    output: Option<OsString>,
    kinds_from: Option<OsString>,
}

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Run(Args),
    Help,
}

/// Parses the arguments (without the program name) with `lexopt`.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    use lexopt::Arg::{Long, Short, Value};
    let mut parser = lexopt::Parser::from_args(args);
    let (mut input, mut output, mut kinds_from) = (None, None, None);
    while let Some(arg) = parser.next().map_err(usage_error)? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('o') | Long("output") => set(&mut output, "-o/--output", parser.value())?,
            Long("kinds-from") => set(&mut kinds_from, "--kinds-from", parser.value())?,
            Value(file) => {
                if input.is_some() {
                    return Err(format!(
                        "more than one input file (`{}`)",
                        file.to_string_lossy()
                    ));
                }
                input = Some(file);
            }
            other => return Err(usage_error(other.unexpected())),
        }
    }
    let input = input.ok_or("no input file")?;
    Ok(Command::Run(Args {
        input,
        output,
        kinds_from,
    }))
}

/// Stores the file name an option was given, which must be non-empty and given once.
fn set(
    slot: &mut Option<OsString>,
    option: &str,
    value: Result<OsString, lexopt::Error>,
) -> Result<(), String> {
    let file = value.map_err(usage_error)?;
    if file.is_empty() {
        return Err(format!("option `{option}` needs a file name"));
    }
    if slot.replace(file).is_some() {
        return Err(format!("option `{option}` given twice"));
    }
    Ok(())
}

fn usage_error(e: lexopt::Error) -> String {
    match e {
        lexopt::Error::MissingValue {
            option: Some(option),
        } => format!("option `{option}` needs a file name"),
        lexopt::Error::UnexpectedOption(option) => format!("unknown option `{option}`"),
        other => other.to_string(),
    }
}

/// The input as text: a UTF-8 byte order mark is dropped; invalid UTF-8 is an error at its line.
fn decode(bytes: Vec<u8>) -> Result<String, grid::Diag> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        grid::Diag::new(line, "not valid UTF-8")
    })
}

/// Runs a conversion; the error is the exit status (messages already printed).
fn run(args: &Args) -> Result<(), u8> {
    let stdin = args.input == "-";
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        PathBuf::from(&args.input).display().to_string()
    };
    let bytes = if stdin {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(&args.input)
    };
    let bytes = bytes.map_err(|e| {
        eprintln!("{name}: cannot read: {e}");
        1
    })?;
    let text = decode(bytes).map_err(|d| {
        eprintln!("{name}:{d}");
        1
    })?;
    let conversion = catalog::convert(&text).map_err(|diags| {
        for d in diags {
            eprintln!("{name}:{d}");
        }
        1
    })?;
    for w in &conversion.warnings {
        eprintln!("{name}:{}: warning: {}", w.line, w.message);
    }
    let mut rows = conversion.rows;
    let mut alias = conversion.alias_column;
    if let Some(file) = &args.kinds_from {
        alias |= carry_over(&mut rows, file, &name)?;
    }
    let kind = conversion.kind_column || args.kinds_from.is_some();
    let written = output::write(&rows, kind, conversion.url_column, alias).map_err(|e| {
        eprintln!("{name}: {e}");
        1
    })?;
    output::check(&name, &rows, &written).map_err(|errors| {
        for e in &errors {
            eprintln!("{e}");
        }
        eprintln!(
            "{name}: the converted catalog fails the kms-errors catalog checks ({} error(s) above); nothing written",
            errors.len()
        );
        1
    })?;
    emit(args.output.as_deref(), &written.csv)
}

/// Fills the `kind` cells of `rows` from the catalog `file` (`--kinds-from`), and the `alias`
/// cells when it has an `alias` column; warnings name the input `name`. `Ok(true)`: the
/// catalog has an `alias` column, so the output gets one.
fn carry_over(rows: &mut [catalog::Row], file: &OsStr, name: &str) -> Result<bool, u8> {
    let shown = PathBuf::from(file).display().to_string();
    let bytes = std::fs::read(file).map_err(|e| {
        eprintln!("{shown}: cannot read: {e}");
        1
    })?;
    let kinds = kinds::Kinds::read(&shown, bytes).map_err(|errors| {
        for e in errors {
            eprintln!("{e}");
        }
        1
    })?;
    for w in kinds::fill(rows, &kinds, &shown) {
        eprintln!("{name}:{}: warning: {}", w.line, w.message);
    }
    Ok(kinds.has_alias_column())
}

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

fn main() -> ExitCode {
    match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Run(args)) => match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => ExitCode::from(code),
        },
        Err(message) => {
            eprintln!("kms-errors-import: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(OsString::from))
    }

    fn run_args(input: &str, output: Option<&str>) -> Command {
        Command::Run(Args {
            input: input.into(),
            output: output.map(OsString::from),
            kinds_from: None,
        })
    }

    #[test]
    fn arguments() {
        assert_eq!(parse(&["a.rst"]), Ok(run_args("a.rst", None)));
        assert_eq!(
            parse(&["a.rst", "-o", "b.csv"]),
            Ok(run_args("a.rst", Some("b.csv")))
        );
        assert_eq!(
            parse(&["-o", "b.csv", "a.rst"]),
            Ok(run_args("a.rst", Some("b.csv")))
        );
        assert_eq!(
            parse(&["a.rst", "-ob.csv"]),
            Ok(run_args("a.rst", Some("b.csv")))
        );
        assert_eq!(
            parse(&["--output=b.csv", "-"]),
            Ok(run_args("-", Some("b.csv")))
        );
        assert_eq!(parse(&["--output", "-", "a"]), Ok(run_args("a", Some("-"))));
        assert_eq!(parse(&["--", "-o"]), Ok(run_args("-o", None)));
        assert_eq!(parse(&["a", "--help"]), Ok(Command::Help));
        assert_eq!(parse(&["-h"]), Ok(Command::Help));
        assert_eq!(
            parse(&["a.rst", "--kinds-from", "c.csv"]),
            Ok(Command::Run(Args {
                input: "a.rst".into(),
                output: None,
                kinds_from: Some("c.csv".into()),
            }))
        );
        let kinds = |output: Option<&str>| {
            Ok(Command::Run(Args {
                input: "a.rst".into(),
                output: output.map(OsString::from),
                kinds_from: Some("c.csv".into()),
            }))
        };
        assert_eq!(parse(&["--kinds-from=c.csv", "a.rst"]), kinds(None));
        assert_eq!(
            parse(&["a.rst", "--kinds-from", "c.csv", "--output=-"]),
            kinds(Some("-"))
        );
        // A value is taken even if it looks like an option.
        assert_eq!(
            parse(&["a.rst", "-o", "-x"]),
            Ok(run_args("a.rst", Some("-x")))
        );
        assert_eq!(parse(&["-o=b.csv", "a"]), Ok(run_args("a", Some("b.csv"))));
        assert_eq!(
            parse(&["-", "--", "-h"]),
            Err("more than one input file (`-h`)".into())
        );
    }

    #[test]
    fn usage_errors() {
        let cases: &[(&[&str], &str)] = &[
            (&[], "no input file"),
            (&["-o"], "option `-o` needs a file name"),
            (&["a", "--output"], "option `--output` needs a file name"),
            (
                &["a", "--kinds-from"],
                "option `--kinds-from` needs a file name",
            ),
            (&["a", "-o", ""], "option `-o/--output` needs a file name"),
            (
                &["a", "--output="],
                "option `-o/--output` needs a file name",
            ),
            (
                &["a", "--kinds-from="],
                "option `--kinds-from` needs a file name",
            ),
            (&["a", "b"], "more than one input file (`b`)"),
            (
                &["a", "-o", "x", "--output", "y"],
                "option `-o/--output` given twice",
            ),
            (
                &["a", "--kinds-from=x", "--kinds-from", "y"],
                "option `--kinds-from` given twice",
            ),
            (&["-x", "a"], "unknown option `-x`"),
            (&["--out=a", "b"], "unknown option `--out`"),
        ];
        for (args, want) in cases {
            assert_eq!(parse(args), Err(want.to_string()), "{args:?}");
        }
    }

    #[test]
    fn utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFab".to_vec()), Ok("ab".to_string()));
        let d = decode(b"a\nb\n\xFFc".to_vec()).unwrap_err();
        assert_eq!(d.line, 3);
    }
}
