//! `kms-errors import`: the error-code tables of an API reference page (RST grid tables) into
//! the catalog CSV that `kms_errors!` reads (its usage text, `usage/import.txt`, and the README
//! describe it).

use crate::catalog::{slot, Row};
use crate::cli::{self, Command};
use crate::{catalog, emit, grid, kinds, output, suggest};
use kms_errors_catalog::header::Column;
use kms_errors_catalog::kind::kind_cell;
use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = include_str!("usage/import.txt");

#[derive(Debug, Default, PartialEq, Eq)]
struct Args {
    input: OsString,
    output: Option<OsString>,
    kinds_from: Option<OsString>,
    /// No kind suggestions.
    no_suggest: bool,
    /// The page's address.
    url: Option<OsString>,
    /// The address of the page's directory.
    docs_base: Option<OsString>,
}

/// Runs `import` with `args` (after the command's name).
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    cli::dispatch("import", USAGE, parse_args(args), |args| {
        cli::exit(run(&args))
    })
}

/// Parses the arguments (after the command's name) with `lexopt`.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command<Args>, String> {
    use lexopt::Arg::{Long, Short, Value};
    let mut parser = lexopt::Parser::from_args(args);
    let mut args = Args::default();
    let mut input = None;
    while let Some(arg) = parser.next().map_err(usage_error)? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('o') | Long("output") => set(&mut args.output, "-o/--output", parser.value())?,
            Long("kinds-from") => set(&mut args.kinds_from, "--kinds-from", parser.value())?,
            Long("no-suggest") => args.no_suggest = true,
            Long("url") => set(&mut args.url, "--url", parser.value())?,
            Long("docs-base") => set(&mut args.docs_base, "--docs-base", parser.value())?,
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
    args.input = input.ok_or("no input file")?;
    if args.url.is_some() && args.docs_base.is_some() {
        return Err("`--url` and `--docs-base` both say where the page is: give one".into());
    }
    Ok(Command::Run(args))
}

/// Stores the value an option was given (a file name or a URL), which must be non-empty
/// and given once.
fn set(
    slot: &mut Option<OsString>,
    option: &str,
    value: Result<OsString, lexopt::Error>,
) -> Result<(), String> {
    let file = value.map_err(usage_error)?;
    if file.is_empty() {
        return Err(format!("option `{option}` needs {}", what(option)));
    }
    if slot.replace(file).is_some() {
        return Err(format!("option `{option}` given twice"));
    }
    Ok(())
}

/// What an option's value is.
fn what(option: &str) -> &'static str {
    if option.contains("url") || option.contains("docs-base") {
        "a URL"
    } else {
        "a file name"
    }
}

fn usage_error(e: lexopt::Error) -> String {
    match e {
        // Each of import's options takes a file name or a URL: say which.
        lexopt::Error::MissingValue {
            option: Some(option),
        } => format!("option `{option}` needs {}", what(&option)),
        other => cli::usage_error(other),
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
    let csv = convert(&name, &text, &args.options(), "; nothing written")?;
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

/// How a page is converted: the catalog to take kinds (and aliases) from, whether to suggest
/// the kinds still missing, and the page's address for the rows' links.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Options<'a> {
    /// `--kinds-from`.
    pub kinds_from: Option<&'a OsStr>,
    /// `--no-suggest`.
    pub no_suggest: bool,
    /// `--url`.
    pub url: Option<&'a OsStr>,
    /// `--docs-base`.
    pub docs_base: Option<&'a OsStr>,
}

impl Args {
    fn options(&self) -> Options<'_> {
        Options {
            kinds_from: self.kinds_from.as_deref(),
            no_suggest: self.no_suggest,
            url: self.url.as_deref(),
            docs_base: self.docs_base.as_deref(),
        }
    }
}

/// Converts the page `text` (named `name` in messages) into the catalog CSV as `options`
/// say, and checks it with the front end. Warnings and errors are printed (`NAME:LINE:
/// ...`), the last error line ending with `failed` (`"; nothing written"`); the error is the
/// exit status.
pub(crate) fn convert(
    name: &str,
    text: &str,
    options: &Options,
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
    let mut optional = Vec::new();
    let mut missing = Vec::new();
    if let Some(file) = options.kinds_from {
        let (has_alias, carried) = carry_over(&mut rows, file, name)?;
        if has_alias {
            optional.push(Column::Alias);
        }
        missing = carried;
    }
    let (suggested, review) = if options.no_suggest {
        (0, Vec::new())
    } else {
        suggest_kinds(&mut rows, name)
    };
    if !missing.is_empty() {
        let file = PathBuf::from(options.kinds_from.unwrap_or_default());
        eprintln!(
            "{name}: warning: {} code(s) have no kind in {}: {}; {}",
            missing.len(),
            file.display(),
            first_few(&missing),
            if options.no_suggest {
                "their kinds are left empty (derived from the status)"
            } else {
                "their kinds are suggested"
            }
        );
    }
    if !review.is_empty() {
        eprintln!(
            "{name}: review these {} suggestion(s) first: they change what a client does (retry, not found, conflict) from what the status alone gives, or rest on weak evidence:",
            review.len()
        );
        for line in &review {
            eprintln!("{line}");
        }
    }
    if suggested > 0 {
        eprintln!(
            "{name}: suggested the kind of {suggested} row(s) from their text; review them (the `suggested` column gives each one's confidence and why; clear it when the kind is right)"
        );
    }
    let url = page_url(options, text)?;
    if let Some(url) = &url {
        for row in &mut rows {
            if row.cell(Column::Url).is_empty() {
                row.cells[slot(Column::Url)].clone_from(url);
            }
        }
    }
    let has = |c: Column| rows.iter().any(|r| !r.cell(c).is_empty());
    if conversion.kind_column || options.kinds_from.is_some() || has(Column::Kind) {
        optional.push(Column::Kind);
    }
    if has(Column::Suggested) {
        optional.push(Column::Suggested);
    }
    if conversion.url_column || url.is_some() {
        optional.push(Column::Url);
    }
    if conversion.alias_column && !optional.contains(&Column::Alias) {
        optional.push(Column::Alias);
    }
    let written = output::write(&rows, &optional).map_err(|e| {
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
/// cells when it has an `alias` column; warnings name the input `name`. The first of the
/// result: the catalog has an `alias` column, so the output gets one; the second: the codes
/// it has no kind for.
fn carry_over(rows: &mut [Row], file: &OsStr, name: &str) -> Result<(bool, Vec<String>), u8> {
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
    let carried = kinds::fill(rows, &kinds, &shown);
    for w in &carried.warnings {
        eprintln!("{name}:{}: warning: {}", w.line, w.message);
    }
    Ok((kinds.has_alias_column(), carried.missing))
}

/// `A`, `B`, `C` and 12 more: the first few of `codes`, for a summary.
fn first_few(codes: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut out = String::new();
    for (i, c) in codes.iter().take(SHOWN).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(c);
        out.push('`');
    }
    if codes.len() > SHOWN {
        out.push_str(&format!(" and {} more", codes.len() - SHOWN));
    }
    out
}

/// Suggests a kind for every row that has none ([`suggest::suggest_all`], over the whole
/// table so that its boilerplate is no evidence; from each row's first status and its texts,
/// converted to plain text already), with its confidence and reason in its `suggested`
/// cell (`high: "not exist" in the message`). Returns how many rows got one, and the lines
/// to review first (`NAME:LINE: ...`): the suggestions that change a decision the status
/// alone would make (retried, not found, conflict), then those with low confidence.
fn suggest_kinds(rows: &mut [Row], name: &str) -> (usize, Vec<String>) {
    let status = |r: &Row| {
        kms_errors_catalog::status::statuses(r.cell(Column::Status))
            .ok()
            .and_then(|s| s.first().copied())
    };
    // Every row with a status, those with a kind too: the table's boilerplate is the whole
    // table's.
    let input: Vec<(usize, u16, [&str; 3])> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let texts = [Column::Message, Column::Description, Column::Measure].map(|c| r.cell(c));
            status(r).map(|s| (i, s, texts))
        })
        .collect();
    let got = suggest::suggest_all(&input.iter().map(|&(_, s, t)| (s, t)).collect::<Vec<_>>());
    let picks: Vec<(usize, u16, suggest::Suggestion)> = input
        .iter()
        .zip(got)
        .map(|(&(i, s, _), g)| (i, s, g))
        .collect();
    let (mut n, mut changed, mut weak) = (0, Vec::new(), Vec::new());
    for (i, status, s) in picks {
        let row = &mut rows[i];
        if !row.cell(Column::Kind).trim().is_empty() {
            continue; // a kind the page or `--kinds-from` gives is kept
        }
        row.cells[slot(Column::Kind)] = kind_cell(s.kind, s.throttled).to_owned();
        row.cells[slot(Column::Suggested)] = s.cell();
        n += 1;
        let head = format!(
            "{name}:{}: {} (HTTP {status}): {} ({})",
            row.line,
            row.cell(Column::Code),
            kind_cell(s.kind, s.throttled),
            s.cell()
        );
        let decisions = suggest::changed_decisions(s.kind, s.throttled, status);
        if !decisions.is_empty() {
            changed.push(format!("{head}; {}", decisions.join("; ")));
        } else if s.confidence == suggest::Confidence::Low {
            weak.push(head);
        }
    }
    changed.extend(weak);
    (n, changed)
}

/// The page's address: `--url`, or `--docs-base` followed by the page's `:original_name:`
/// (a field the vendor's RST pages start with: `:original_name: kms_02_8887.html`), checked
/// as a catalog's link; `None` without either option.
fn page_url(options: &Options, text: &str) -> Result<Option<String>, u8> {
    let url = match (options.url, options.docs_base) {
        (Some(url), _) => url.to_string_lossy().into_owned(),
        (None, Some(base)) => {
            let Some(file) = original_name(text) else {
                eprintln!(
                    "--docs-base: the page has no `:original_name:` field to name its file; give its address with --url"
                );
                return Err(1);
            };
            let base = base.to_string_lossy();
            let sep = if base.ends_with('/') { "" } else { "/" };
            format!("{base}{sep}{file}")
        }
        (None, None) => return Ok(None),
    };
    match kms_errors_catalog::url::check_url(&url) {
        Ok(()) => Ok(Some(url)),
        Err(why) => {
            eprintln!("the page's address: {why}");
            Err(1)
        }
    }
}

/// The value of the page's `:original_name:` field, if it has one.
fn original_name(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(":original_name:"))
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command<Args>, String> {
        parse_args(args.iter().map(OsString::from))
    }

    fn run_args(input: &str, output: Option<&str>) -> Command<Args> {
        Command::Run(Args {
            input: input.into(),
            output: output.map(OsString::from),
            ..Args::default()
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
                ..Args::default()
            }))
        );
        let kinds = |output: Option<&str>| {
            Ok(Command::Run(Args {
                input: "a.rst".into(),
                output: output.map(OsString::from),
                kinds_from: Some("c.csv".into()),
                ..Args::default()
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
