//! `kms-errors import`: the error-code tables of an API reference page (RST grid tables) into
//! the catalog CSV that `kms_errors!` reads (the crate docs, in `main.rs`, describe it).

use crate::{catalog, emit, grid, kinds, output};
use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: kms-errors import INPUT [-o OUTPUT] [--kinds-from CATALOG]

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

/// Runs `import` with `args` (after the command's name).
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    match parse_args(args) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Run(args)) => match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => ExitCode::from(code),
        },
        Err(message) => {
            eprintln!("kms-errors import: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Parses the arguments (after the command's name) with `lexopt`.
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
    let (name, text) = read_input(&args.input)?;
    let csv = convert(
        &name,
        &text,
        args.kinds_from.as_deref(),
        "; nothing written",
    )?;
    emit(args.output.as_deref(), &csv)
}

/// Reads the page `input` (`-`: standard input) as text: its name in messages (`<stdin>` for
/// standard input) and its text. Errors are printed; the error is the exit status.
pub(crate) fn read_input(input: &OsStr) -> Result<(String, String), u8> {
    let stdin = input == "-";
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        PathBuf::from(input).display().to_string()
    };
    let bytes = if stdin {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(input)
    };
    let bytes = bytes.map_err(|e| {
        eprintln!("{name}: cannot read: {e}");
        1
    })?;
    let text = decode(bytes).map_err(|d| {
        eprintln!("{name}:{d}");
        1
    })?;
    Ok((name, text))
}

/// Converts the page `text` (named `name` in messages) into the catalog CSV, with the kinds
/// (and aliases) of the catalog `kinds_from` if given, and checks it with the front end.
/// Warnings and errors are printed (`NAME:LINE: ...`), the last error line ending with
/// `failed` (`"; nothing written"`); the error is the exit status.
pub(crate) fn convert(
    name: &str,
    text: &str,
    kinds_from: Option<&OsStr>,
    failed: &str,
) -> Result<String, u8> {
    let conversion = catalog::convert(text).map_err(|diags| {
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
    if let Some(file) = kinds_from {
        alias |= carry_over(&mut rows, file, name)?;
    }
    let kind = conversion.kind_column || kinds_from.is_some();
    let written = output::write(&rows, kind, conversion.url_column, alias).map_err(|e| {
        eprintln!("{name}: {e}");
        1
    })?;
    output::check(name, &rows, &written).map_err(|errors| {
        for e in &errors {
            eprintln!("{e}");
        }
        eprintln!(
            "{name}: the converted catalog fails the kms-errors catalog checks ({} error(s) above){failed}",
            errors.len()
        );
        1
    })?;
    Ok(written.csv)
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
