//! `kms-errors explain`: what an error code of a catalog means and what a client should do
//! about it (its usage text, `usage/explain.txt`, and the README describe it).
//!
//! Every decision is the runtime's: the catalog is encoded as the macro encodes it
//! (`kms_errors_catalog::table::Tables::encode`) and read with the runtime's decoder
//! (`kms_errors_core::table::Catalog`): the row an error reads (`row_for`), its texts, its
//! kind (`error_kind`), its retry decision (`error_retry`) and its link (`row_url`) are
//! computed by the code `KmsError` runs, and so is whether it is a quota
//! (`kms_errors_core::decide::is_quota_exceeded`, as `is_quota_exceeded()`). Codes and aliases are looked up exactly, as
//! `ErrorCode::from_code` does.

use crate::catalogs;
use crate::cli::{self, Command};
use kms_errors_catalog::source::{Bundled, KMS_DOCS};
use kms_errors_catalog::table::Tables;
use kms_errors_catalog::Catalog;
use kms_errors_core::decide::is_quota_exceeded;
use kms_errors_core::table::{row, Catalog as Decoded};
use kms_errors_core::{ErrorKind, Retry};
use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::process::ExitCode;

const USAGE: &str = include_str!("usage/explain.txt");

/// Which catalog: as `kms_errors!(path = [files], bundled = [bundled], delimiter = ...)`.
#[derive(Debug, Default, PartialEq, Eq)]
struct Which {
    files: Vec<String>,
    bundled: Vec<Bundled>,
    delimiter: Option<u8>,
}

impl Which {
    /// `kms_errors!()`: the catalog of `kms_errors::ErrorCode`.
    fn is_default(&self) -> bool {
        self.files.is_empty() && self.bundled.is_empty()
    }
}

/// What `explain` is asked to do.
#[derive(Debug, PartialEq, Eq)]
enum Task {
    /// `--all`: the table of every code; `--json`: as a JSON array.
    All(Which, bool),
    /// One code, perhaps with the status it came with.
    Explain(Which, Option<u16>, String),
}

/// Runs `explain` with `args` (after the command's name).
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    cli::dispatch("explain", USAGE, parse_args(args), |task| match task {
        Task::All(which, false) => run(&which, |e| Ok(e.table())),
        Task::All(which, true) => run(&which, |e| Ok(e.json())),
        Task::Explain(which, status, code) => run(&which, |e| e.explain(status, &code)),
    })
}

/// Parses the arguments (after the command's name) with `lexopt`.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command<Task>, String> {
    use lexopt::Arg::{Long, Short, Value};
    let mut parser = lexopt::Parser::from_args(args);
    let mut which = Which::default();
    let (mut all, mut json, mut words) = (false, false, Vec::new());
    while let Some(arg) = parser.next().map_err(cli::usage_error)? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Long("all") => all = true,
            Long("json") => json = true,
            Long("catalog") => {
                let file = parser.value().map_err(cli::usage_error)?;
                catalogs::file_arg(file, &mut which.files)?;
            }
            Long("bundled") => {
                let value = parser.value().map_err(cli::usage_error)?;
                which
                    .bundled
                    .push(catalogs::bundled_arg(&value, &which.bundled)?);
            }
            Long("delimiter") => {
                let d = catalogs::delimiter_arg(&parser.value().map_err(cli::usage_error)?)?;
                if which.delimiter.replace(d).is_some() {
                    return Err("option `--delimiter` given twice".to_owned());
                }
            }
            Value(word) => words.push(word.to_string_lossy().into_owned()),
            other => return Err(cli::usage_error(other.unexpected())),
        }
    }
    if all {
        return if words.is_empty() {
            Ok(Command::Run(Task::All(which, json)))
        } else {
            Err("`--all` takes no arguments".to_owned())
        };
    }
    if json {
        return Err("`--json` goes with `--all`".to_owned());
    }
    match words.as_slice() {
        [] => Err("no code to explain".to_owned()),
        [code] => Ok(Command::Run(Task::Explain(which, None, code.clone()))),
        [status, code] => match status.parse::<u16>() {
            Ok(status) => Ok(Command::Run(Task::Explain(
                which,
                Some(status),
                code.clone(),
            ))),
            Err(_) => Err(format!(
                "`{status}` is not an HTTP status (expected a number such as 404)"
            )),
        },
        _ => Err("too many arguments".to_owned()),
    }
}

/// Reads the catalog and prints what `f` makes of it; `f`'s error is the exit status (its
/// message printed). A catalog with errors: each as the macro gives it, and exit 1.
fn run(which: &Which, f: impl FnOnce(&Explainer) -> Result<String, u8>) -> ExitCode {
    let out = catalogs::with_catalog(&which.files, &which.bundled, which.delimiter, |cat| {
        let tables = Tables::encode(cat);
        f(&Explainer::new(which, cat, &tables))
    });
    match out {
        Ok(Ok(text)) => match crate::emit(None, &text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => ExitCode::from(code),
        },
        Ok(Err(code)) => ExitCode::from(code),
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            ExitCode::from(1)
        }
    }
}

/// A catalog, encoded and decoded as the runtime reads it.
struct Explainer<'a> {
    /// The codes as the catalog writes them, in catalog order (variant `i` is code `i`).
    codes: Vec<&'a str>,
    /// Every spelling (the codes and their aliases) to its variant.
    spellings: HashMap<&'a str, usize>,
    /// The runtime's view of the tables.
    t: Decoded<'a>,
    /// What the variant names are shown after: `ErrorCode::` for the bundled catalog (the
    /// type `kms_errors` exports); nothing for one's own, whose enum the user names.
    prefix: &'static str,
}

impl<'a> Explainer<'a> {
    fn new(which: &Which, cat: &'a Catalog, tables: &'a Tables) -> Self {
        let codes: Vec<&str> = cat.codes.iter().map(|c| c.code.as_ref()).collect();
        let mut spellings: HashMap<&str, usize> = HashMap::new();
        for (i, c) in cat.codes.iter().enumerate() {
            spellings.entry(c.code.as_ref()).or_insert(i);
        }
        for (i, c) in cat.codes.iter().enumerate() {
            for a in &c.aliases {
                spellings.entry(a.text.as_ref()).or_insert(i);
            }
        }
        // The macro's `docs` default: the KMS page for a catalog of bundled tables only,
        // the KMS table first.
        let bundled = if which.is_default() {
            &Bundled::ALL[..]
        } else {
            &which.bundled[..]
        };
        let docs = if which.files.is_empty() && bundled.first() == Some(&Bundled::Kms) {
            KMS_DOCS
        } else {
            ""
        };
        Explainer {
            codes,
            spellings,
            t: Decoded {
                error_name: "KmsError",
                code_name: "ErrorCode",
                docs,
                text: &tables.text,
                code_data: &tables.codes,
                row_data: &tables.rows,
            },
            prefix: if which.is_default() {
                "ErrorCode::"
            } else {
                ""
            },
        }
    }

    /// The block for `asked` (as received with `status`, if given); an unknown code is an
    /// error (exit 1), with the nearest codes.
    fn explain(&self, status: Option<u16>, asked: &str) -> Result<String, u8> {
        let Some(&i) = self.spellings.get(asked) else {
            eprintln!("error: `{asked}` is not an error code of the catalog");
            let mut list: Vec<String> = kms_errors_catalog::names::nearest(&self.codes, asked)
                .iter()
                .map(|c| format!("`{c}`"))
                .collect();
            if let Some(last) = list.pop() {
                if list.is_empty() {
                    eprintln!("did you mean {last}?");
                } else {
                    eprintln!("did you mean {} or {last}?", list.join(", "));
                }
            }
            return Err(1);
        };
        Ok(self.block(status, i, asked))
    }

    /// The rows of variant `i`.
    fn rows(&self, i: usize) -> std::ops::Range<usize> {
        let (start, end) = self.t.row_range(i);
        start..end
    }

    /// The documented statuses of variant `i`, in catalog order, each once.
    fn statuses(&self, i: usize) -> String {
        let mut out: Vec<u16> = Vec::new();
        for s in self.rows(i).map(|j| self.t.status(j)) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        let out: Vec<String> = out.iter().map(u16::to_string).collect();
        out.join(", ")
    }

    /// The kind of an error of variant `i` received with `status`; a throttling row's is
    /// marked so.
    fn kind(&self, i: usize, status: u16) -> String {
        let kind = self.t.error_kind(i, status);
        match self.t.row_for(i, status) {
            Some(j) if self.t.row_throttled(j) => format!("{kind} (throttled)"),
            _ => kind.to_string(),
        }
    }

    /// Whether and how to retry an error of variant `i` received with `status`, in words:
    /// the runtime's decision ([`Decoded::error_retry`]).
    fn retry(&self, i: usize, status: u16) -> &'static str {
        retry_advice(self.t.error_retry(i, status), self.t.error_kind(i, status))
    }

    /// The labelled block for variant `i`, asked for as `asked` (the code or an alias).
    fn block(&self, status: Option<u16>, i: usize, asked: &str) -> String {
        let t = &self.t;
        let code = self.codes[i];
        let mut out = String::new();
        if asked == code {
            let _ = writeln!(out, "Code:        {code}");
        } else {
            let _ = writeln!(out, "Code:        {asked} (the catalog writes it {code})");
        }
        let _ = writeln!(out, "Variant:     {}{}", self.prefix, t.name(i));
        // As received with `status`, else as the service sends it: with its first status
        // (`KmsError::from(code)`).
        let first = self.rows(i).start;
        let received = status.unwrap_or_else(|| t.status(first));
        let j = t.row_for(i, received).unwrap_or(first);
        let documented = self.statuses(i);
        match status {
            None => {
                let _ = writeln!(out, "HTTP status: {documented}");
            }
            Some(s) if t.row_with_status(i, s).is_some() => {
                let _ = writeln!(out, "HTTP status: {s}");
            }
            Some(s) => {
                let _ = writeln!(
                    out,
                    "HTTP status: {s} (not documented for {code} in the catalog; documented: {documented})"
                );
            }
        }
        let _ = writeln!(out, "Message:     {}", t.row_text(j, row::MESSAGE));
        let _ = writeln!(out, "Description: {}", t.row_text(j, row::DESCRIPTION));
        let _ = writeln!(out, "Measure:     {}", t.row_text(j, row::MEASURE));
        let _ = writeln!(out, "Kind:        {}", self.kind(i, received));
        let _ = writeln!(out, "Retry:       {}", self.retry(i, received));
        if let Some(url) = t.row_url(j) {
            let _ = writeln!(out, "Docs:        {url}");
        }
        // A code documented with different texts for different statuses: every row.
        let texts = |j: usize| {
            [row::MESSAGE, row::DESCRIPTION, row::MEASURE].map(|field| t.row_text(j, field))
        };
        if status.is_none() && self.rows(i).any(|j| texts(j) != texts(first)) {
            for j in self.rows(i).skip(1) {
                let s = t.status(j);
                let [m, d, x] = texts(j);
                // The kind and the retry advice may differ by row (`APIG.0201`: 502 is
                // retried).
                let _ = writeln!(out, "\nHTTP {s}:");
                let _ = writeln!(out, "  Message:     {m}");
                let _ = writeln!(out, "  Description: {d}");
                let _ = writeln!(out, "  Measure:     {x}");
                let _ = writeln!(out, "  Kind:        {}", self.kind(i, s));
                let _ = writeln!(out, "  Retry:       {}", self.retry(i, s));
            }
        }
        out
    }

    /// The whole catalog: a header line, then one line per row, in catalog order.
    fn table(&self) -> String {
        let width = self
            .codes
            .iter()
            .map(|c| c.chars().count())
            .chain(["CODE".len()])
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        let _ = writeln!(out, "STATUS  {:<width$}  MESSAGE", "CODE");
        for (i, code) in self.codes.iter().enumerate() {
            for j in self.rows(i) {
                let (status, message) = (self.t.status(j), self.t.row_text(j, row::MESSAGE));
                let _ = writeln!(out, "{status:<6}  {code:<width$}  {message}");
            }
        }
        out
    }

    /// Every row as a JSON array of objects (`code`, `variant`, `status`, `message`,
    /// `description`, `measure`, `kind`, `throttled`, `retry`, `url`), in catalog order, as
    /// the runtime reads them: for scripts (the build benchmark takes its codes, variant
    /// names and texts from it rather than re-deriving them).
    fn json(&self) -> String {
        let t = &self.t;
        let mut rows = Vec::new();
        for (i, code) in self.codes.iter().enumerate() {
            for j in self.rows(i) {
                let status = t.status(j);
                rows.push(serde_json::json!({
                    "code": code,
                    "variant": t.name(i),
                    "status": status,
                    "message": t.row_text(j, row::MESSAGE),
                    "description": t.row_text(j, row::DESCRIPTION),
                    "measure": t.row_text(j, row::MEASURE),
                    "kind": t.row_kind(j).as_str(),
                    "throttled": t.row_throttled(j),
                    "retry": Retry::of(t.row_kind(j), status, t.row_throttled(j)).as_str(),
                    "url": t.row_url(j),
                }));
            }
        }
        let mut out = serde_json::to_string_pretty(&rows).expect("JSON of strings and numbers");
        out.push('\n');
        out
    }
}

/// A retry decision in words; a quota (kind `resource_exhausted`, not throttled) says so.
fn retry_advice(retry: Retry, kind: ErrorKind) -> &'static str {
    match retry {
        Retry::Throttled => "yes, after the server's Retry-After (throttled)",
        Retry::No if is_quota_exceeded(kind, retry) => {
            "no: a quota is exhausted; free resources or raise the quota"
        }
        Retry::Yes => "yes, also a request that is not idempotent (it did not take effect)",
        Retry::IfIdempotent => "only an idempotent request (one that is not may have taken effect)",
        Retry::No => "no",
        // `Retry` is non-exhaustive: a decision added later shows by its name.
        other => other.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command<Task>, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn arguments() {
        let default = || Which::default();
        assert_eq!(
            parse(&["KMS.0207"]),
            Ok(Command::Run(Task::Explain(
                default(),
                None,
                "KMS.0207".into()
            )))
        );
        assert_eq!(
            parse(&["404", "KMS.0207"]),
            Ok(Command::Run(Task::Explain(
                default(),
                Some(404),
                "KMS.0207".into()
            )))
        );
        assert_eq!(
            parse(&["--all"]),
            Ok(Command::Run(Task::All(default(), false)))
        );
        assert_eq!(
            parse(&["--all", "--json"]),
            Ok(Command::Run(Task::All(default(), true)))
        );
        let own = Which {
            files: vec!["a.csv".into(), "b.csv".into()],
            bundled: vec![Bundled::Gateway],
            delimiter: Some(b';'),
        };
        assert_eq!(
            parse(&[
                "--catalog",
                "a.csv",
                "--catalog=b.csv",
                "--bundled",
                "gateway",
                "--delimiter",
                ";",
                "A.1"
            ]),
            Ok(Command::Run(Task::Explain(own, None, "A.1".into())))
        );
        assert_eq!(
            parse(&["--", "-1"]),
            Ok(Command::Run(Task::Explain(default(), None, "-1".into())))
        );
        assert_eq!(parse(&["--help", "KMS.0207"]), Ok(Command::Help));
    }

    #[test]
    fn usage_errors() {
        let why = |args: &[&str]| parse(args).unwrap_err();
        for (args, message) in [
            (&[][..], "no code to explain"),
            (&["--catalog", "a.csv"], "no code to explain"),
            (&["--all", "KMS.0207"], "`--all` takes no arguments"),
            (&["--json", "KMS.0207"], "`--json` goes with `--all`"),
            (&["1", "2", "3"], "too many arguments"),
            (&["--bogus"], "unknown option `--bogus`"),
            (&["--catalog"], "option `--catalog` needs a value"),
            (&["--catalog", "", "A"], "the catalog path is empty"),
            (
                &["--catalog", "a", "--catalog", "a", "A"],
                "`a` is listed twice",
            ),
            (
                &["--bundled", "iam", "A"],
                "`--bundled`: no bundled table `iam` (expected `kms` or `gateway`)",
            ),
            (
                &["70000", "A"],
                "`70000` is not an HTTP status (expected a number such as 404)",
            ),
        ] {
            assert_eq!(why(args), message, "{args:?}");
        }
    }

    #[test]
    fn retry_in_words() {
        use ErrorKind::*;
        assert_eq!(
            retry_advice(Retry::No, ResourceExhausted),
            "no: a quota is exhausted; free resources or raise the quota"
        );
        assert_eq!(retry_advice(Retry::No, NotFound), "no");
        assert!(retry_advice(Retry::Throttled, ResourceExhausted).ends_with("(throttled)"));
        assert!(retry_advice(Retry::Yes, Unavailable).starts_with("yes, also"));
        assert!(retry_advice(Retry::IfIdempotent, Internal).starts_with("only an idempotent"));
    }
}
