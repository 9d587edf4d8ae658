//! The `diff` command: its arguments (read with `lexopt`), its inputs and its exit status.
//!
//! **Inputs.** A catalog CSV, read by the front end as the macro reads one
//! ([`crate::catalogs::with_catalog`]), or an RST API reference page, converted as `import`
//! converts it ([`crate::import::convert`], without `--kinds-from` and without suggestions:
//! the page as it is) and the CSV it writes read by the front end. A file is a page if its
//! name ends in `.rst`; a catalog if it ends in `.csv` or `.tsv`; otherwise a page if it has a
//! grid-table border line (`+---+...`, `+===+...`, at any indentation) or a line starting with
//! `:original_name:`, and a catalog if not.
//!
//! **Exit status**: 0 when it ran, whatever the verdict; 1 when an input has errors (reported
//! as `import` and the catalog reader report them); 2 on a usage error; 3 with `--fail-on
//! LEVEL` when the verdict is at least `LEVEL` (`breaking`, `additive` or `text-only`), for CI.

use super::model::{compare, Side};
use super::report::Impact;
use crate::cli::{self, Command};
use crate::{catalogs, emit, import};
use kms_errors_catalog::Ctxt;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = include_str!("../usage/diff.txt");

#[derive(Debug, PartialEq, Eq)]
struct Args {
    old: OsString,
    new: OsString,
    json: bool,
    fail_on: Option<Impact>,
}

/// Runs `diff` with `args` (after the command's name).
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    cli::dispatch("diff", USAGE, parse_args(args), |args| {
        cli::exit(run(&args))
    })
}

/// Parses the arguments (after the command's name) with `lexopt`.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command<Args>, String> {
    use lexopt::Arg::{Long, Short, Value};
    let mut parser = lexopt::Parser::from_args(args);
    let mut files = Vec::new();
    let (mut json, mut fail_on) = (false, None);
    while let Some(arg) = parser.next().map_err(cli::usage_error)? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Long("json") => json = true,
            Long("fail-on") => {
                let value = parser.value().map_err(cli::usage_error)?;
                let value = value.to_string_lossy();
                let level = Impact::parse(&value).ok_or_else(|| {
                    format!(
                        "option `--fail-on`: `{value}` is not a level (expected `breaking`, `additive` or `text-only`)"
                    )
                })?;
                if fail_on.replace(level).is_some() {
                    return Err("option `--fail-on` given twice".into());
                }
            }
            Value(file) => {
                if file.is_empty() {
                    return Err("an empty file name".into());
                }
                files.push(file);
            }
            other => return Err(cli::usage_error(other.unexpected())),
        }
    }
    let mut files = files.into_iter();
    match (files.next(), files.next(), files.next()) {
        (Some(old), Some(new), None) => Ok(Command::Run(Args {
            old,
            new,
            json,
            fail_on,
        })),
        (None, _, _) => Err("no input files (expected OLD and NEW)".into()),
        (Some(_), None, _) => Err("one input file (expected OLD and NEW)".into()),
        (Some(_), Some(_), Some(extra)) => Err(format!(
            "more than two input files (`{}`)",
            extra.to_string_lossy()
        )),
    }
}

/// Runs a comparison; the error is the exit status (messages already printed).
fn run(args: &Args) -> Result<(), u8> {
    // Both inputs are read, so that the errors of both are reported.
    let (old, new) = (load(&args.old), load(&args.new));
    let (old, new) = (old?, new?);
    let report = compare(&old, &new);
    let text = if args.json {
        let mut s = serde_json::to_string_pretty(&report.json()).map_err(|e| {
            eprintln!("kms-errors diff: cannot write the JSON: {e}");
            1
        })?;
        s.push('\n');
        s
    } else {
        report.human()
    };
    emit(None, &text)?;
    match args.fail_on {
        Some(level) if report.verdict() >= level => Err(3),
        _ => Ok(()),
    }
}

/// Whether the file `path`, whose text is `text` (read if needed), is an RST page rather than
/// a catalog CSV: by its extension (`.rst`; `.csv`, `.tsv`), else by its content (a grid
/// table border line, or an `:original_name:` line).
pub fn is_page(path: &Path, text: impl FnOnce() -> Option<String>) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("rst") => true,
        Some("csv" | "tsv") => false,
        _ => text().is_some_and(|t| looks_like_rst(&t)),
    }
}

/// A grid table's border line (`+---+`, `+===+`, at any indentation) or an
/// `:original_name:` line.
fn looks_like_rst(text: &str) -> bool {
    text.lines().map(str::trim).any(|line| {
        line.starts_with(":original_name:")
            || (line.len() >= 3
                && line.starts_with('+')
                && line.ends_with('+')
                && line.contains(['-', '='])
                && line.bytes().all(|b| matches!(b, b'+' | b'-' | b'=')))
    })
}

/// Reads the input `path` (a catalog CSV or a page): its errors are printed, the error is
/// the exit status.
fn load(path: &OsStr) -> Result<Side, u8> {
    let name = PathBuf::from(path).display().to_string();
    let mut page = None;
    let rst = is_page(Path::new(path), || {
        // The text is needed to tell: read it as `import` reads a page.
        let read = import::read_input(path);
        let text = read.as_ref().ok().map(|(_, t)| t.clone());
        page = Some(read);
        text
    });
    if let Some(Err(code)) = page {
        return Err(code);
    }
    if !rst {
        return catalogs::with_catalog(std::slice::from_ref(&name), &[], None, |cat| {
            Side::of(&name, cat)
        })
        .map_err(|errors| {
            for e in errors {
                eprintln!("{e}");
            }
            1
        });
    }
    let text = match page {
        Some(Ok((_, text))) => text,
        _ => import::read_input(path)?.1,
    };
    let options = import::Options {
        no_suggest: true,
        ..import::Options::default()
    };
    let csv = import::convert(&name, &text, &options, "")?;
    let mut cx = Ctxt::new(&name);
    let cat = kms_errors_catalog::parse(&name, &csv, Some(b','), &mut cx);
    if !cx.is_ok() {
        // `convert` checked the CSV with the same front end: not expected.
        for e in cx.into_messages() {
            eprintln!("{e}");
        }
        return Err(1);
    }
    Ok(Side::of(&name, &cat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rst_is_recognised() {
        let page = ":original_name: x.html\n\nTitle\n=====\n";
        let grid = "  +----+-----+\n  | a  | b   |\n  +====+=====+\n";
        assert!(looks_like_rst(page) && looks_like_rst(grid));
        assert!(!looks_like_rst("status,code\n400,A\n"));
        assert!(!looks_like_rst("+\n++\n+-\n"));
        let csv_text = || Some("status,code\n400,A\n".to_owned());
        assert!(is_page(Path::new("a.rst"), || None));
        assert!(is_page(Path::new("a.RST"), || None));
        assert!(!is_page(Path::new("a.csv"), || Some(page.to_owned())));
        assert!(is_page(Path::new("a.txt"), || Some(grid.to_owned())));
        assert!(!is_page(Path::new("a.txt"), csv_text));
        assert!(!is_page(Path::new("catalog"), csv_text));
    }

    fn parse(args: &[&str]) -> Result<Command<Args>, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn arguments() {
        let run = |json, fail_on| {
            Ok(Command::Run(Args {
                old: "a.csv".into(),
                new: "b.rst".into(),
                json,
                fail_on,
            }))
        };
        assert_eq!(parse(&["a.csv", "b.rst"]), run(false, None));
        assert_eq!(parse(&["--json", "a.csv", "b.rst"]), run(true, None));
        assert_eq!(
            parse(&["a.csv", "--fail-on", "breaking", "b.rst"]),
            run(false, Some(Impact::Breaking))
        );
        assert_eq!(
            parse(&["a.csv", "b.rst", "--fail-on=additive", "--json"]),
            run(true, Some(Impact::Additive))
        );
        assert_eq!(parse(&["a.csv", "-h"]), Ok(Command::Help));
        let errors: &[(&[&str], &str)] = &[
            (&[], "no input files (expected OLD and NEW)"),
            (&["a.csv"], "one input file (expected OLD and NEW)"),
            (&["a", "b", "c"], "more than two input files (`c`)"),
            (&["a", "b", "--fail-on"], "option `--fail-on` needs a value"),
            (
                &["a", "b", "--fail-on", "major"],
                "option `--fail-on`: `major` is not a level (expected `breaking`, `additive` or `text-only`)",
            ),
            (
                &["a", "b", "--fail-on=breaking", "--fail-on=breaking"],
                "option `--fail-on` given twice",
            ),
            (&["a", "b", "--jsn"], "unknown option `--jsn`"),
            (&["a", "b", "--json=yes"], "option `--json` takes no value"),
            (&["a", ""], "an empty file name"),
        ];
        for (args, want) in errors {
            assert_eq!(parse(args), Err(want.to_string()), "{args:?}");
        }
    }
}
