//! `kms-errors check`: the diagnostics `kms_errors!` gives for catalog files, without
//! compiling a crate (its usage text, `usage/check.txt`, and the README describe it).

use crate::catalogs::{self, Sources};
use crate::cli::{self, Command};
use kms_errors_catalog::source::Bundled;
use kms_errors_catalog::Ctxt;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::process::ExitCode;

const USAGE: &str = include_str!("usage/check.txt");

#[derive(Debug, PartialEq, Eq)]
struct Args {
    files: Vec<String>,
    bundled: Vec<Bundled>,
    delimiter: Option<u8>,
}

/// Runs `check` with `args` (after the command's name).
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    cli::dispatch("check", USAGE, parse_args(args), |args| {
        let (errors, summary) = check(&args);
        for e in &errors {
            eprintln!("{e}");
        }
        match crate::emit(None, &summary) {
            Err(code) => ExitCode::from(code),
            Ok(()) if errors.iter().all(|e| e.starts_with("warning: ")) => ExitCode::SUCCESS,
            Ok(()) => ExitCode::from(1),
        }
    })
}

/// Parses the arguments (after the command's name) with `lexopt`.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command<Args>, String> {
    use lexopt::Arg::{Long, Short, Value};
    let mut parser = lexopt::Parser::from_args(args);
    let (mut files, mut bundled, mut delimiter) = (Vec::new(), Vec::new(), None);
    while let Some(arg) = parser.next().map_err(cli::usage_error)? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Long("delimiter") => {
                let d = catalogs::delimiter_arg(&parser.value().map_err(cli::usage_error)?)?;
                if delimiter.replace(d).is_some() {
                    return Err("option `--delimiter` given twice".to_owned());
                }
            }
            Long("bundled") => {
                let table =
                    catalogs::bundled_arg(&parser.value().map_err(cli::usage_error)?, &bundled)?;
                bundled.push(table);
            }
            Value(file) => catalogs::file_arg(file, &mut files)?,
            other => return Err(cli::usage_error(other.unexpected())),
        }
    }
    if files.is_empty() && bundled.is_empty() {
        return Err("no catalog file".to_owned());
    }
    Ok(Command::Run(Args {
        files,
        bundled,
        delimiter,
    }))
}

/// The catalog's errors, each `error: message` as the compiler prints the macro's (or, for
/// a valid catalog, its warnings: [`unreviewed`]), and the summary line.
fn check(args: &Args) -> (Vec<String>, String) {
    let names = Sources::names(&args.files, &args.bundled);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut cx = Ctxt::for_files(&names);
    let sources = Sources::read(&args.files, &args.bundled, args.delimiter, &mut cx);
    let catalog = sources.catalog(&mut cx);
    let mut summary = String::new();
    if cx.is_ok() {
        let _ = write!(
            summary,
            "{}: ok, {} codes, {} rows",
            catalog.name,
            catalog.codes.len(),
            catalog.row_count()
        );
        if catalog.alias_count() > 0 {
            let _ = write!(summary, ", {} aliases", catalog.alias_count());
        }
        summary.push('\n');
        return (unreviewed(&catalog, &names), summary);
    }
    // Counted before `into_messages`: those left out of the messages too.
    let _ = writeln!(summary, "{} error(s) in {}", cx.count(), names.join(" + "));
    let errors = cx
        .into_messages()
        .into_iter()
        .map(|m| format!("error: {m}"))
        .collect();
    (errors, summary)
}

/// The warnings about a valid catalog's unreviewed suggested kinds that change a decision
/// (`suggest::changed_decisions`), `warning: FILE:LINE: ...`; `names` are its files'.
fn unreviewed(catalog: &kms_errors_catalog::Catalog, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for code in &catalog.codes {
        for r in code.rows.iter().filter(|r| !r.suggested.is_empty()) {
            let Some(kind) = r.kind else { continue };
            let changed = crate::suggest::changed_decisions(kind, r.throttled, r.status);
            if changed.is_empty() {
                continue;
            }
            let confidence = match crate::suggest::cell_confidence(&r.suggested) {
                Some(c) => format!("{} confidence", c.as_str()),
                None => "confidence not stated".to_owned(),
            };
            out.push(format!(
                "warning: {}:{}: `{}` (HTTP {}): the kind `{}` was suggested ({confidence}) and not reviewed, and changes what a client does: {}; review it, then clear the `suggested` cell",
                names.get(r.file).copied().unwrap_or(""),
                r.line,
                code.code,
                r.status,
                kms_errors_core::cell::kind_cell(kind, r.throttled),
                changed.join("; ")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command<Args>, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn arguments() {
        let run = |files: &[&str], bundled: &[Bundled], delimiter: Option<u8>| {
            Ok(Command::Run(Args {
                files: files.iter().map(|f| (*f).to_owned()).collect(),
                bundled: bundled.to_vec(),
                delimiter,
            }))
        };
        assert_eq!(parse(&["a.csv"]), run(&["a.csv"], &[], None));
        assert_eq!(
            parse(&["a.csv", "--delimiter", ";", "b.tsv", "--bundled=gateway"]),
            run(&["a.csv", "b.tsv"], &[Bundled::Gateway], Some(b';'))
        );
        assert_eq!(
            parse(&["--bundled", "gateway", "--bundled", "kms"]),
            run(&[], &[Bundled::Gateway, Bundled::Kms], None)
        );
        assert_eq!(
            parse(&["--delimiter=\\t", "--", "-x.csv"]),
            run(&["-x.csv"], &[], Some(b'\t'))
        );
        assert_eq!(parse(&["a.csv", "--help"]), Ok(Command::Help));
    }

    #[test]
    fn usage_errors() {
        for (args, message) in [
            (&[][..], "no catalog file"),
            (&["--delimiter", ";"], "no catalog file"),
            (
                &["a.csv", "--delimiter"],
                "option `--delimiter` needs a value",
            ),
            (&["a.csv", "--bogus"], "unknown option `--bogus`"),
            (&["a.csv", "a.csv"], "`a.csv` is listed twice"),
            (&[""], "the catalog path is empty"),
            (
                &["a.csv", "--delimiter", ";", "--delimiter", ","],
                "option `--delimiter` given twice",
            ),
            (
                &["a.csv", "--bundled", "kms", "--bundled", "kms"],
                "`--bundled`: `kms` is listed twice",
            ),
        ] {
            assert_eq!(parse(args), Err(message.to_owned()), "{args:?}");
        }
        assert!(parse(&["a.csv", "--delimiter", "x"])
            .unwrap_err()
            .starts_with("`--delimiter`: 'x' cannot be a delimiter"));
    }

    #[test]
    fn summaries() {
        let args = |bundled: &[Bundled]| Args {
            files: Vec::new(),
            bundled: bundled.to_vec(),
            delimiter: None,
        };
        let (errors, summary) = check(&args(&[Bundled::Gateway]));
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            summary.starts_with("gateway.csv: ok, ") && summary.ends_with(" aliases\n"),
            "{summary}"
        );
        let (errors, summary) = check(&args(&Bundled::ALL));
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            summary.starts_with("catalog.csv + gateway.csv: ok, "),
            "{summary}"
        );
        let (errors, summary) = check(&Args {
            files: vec!["does-not-exist.csv".to_owned()],
            ..args(&[Bundled::Kms])
        });
        assert_eq!(
            errors,
            ["error: does-not-exist.csv: cannot read the catalog: no such file"]
        );
        assert_eq!(summary, "1 error(s) in does-not-exist.csv + catalog.csv\n");
    }
}
