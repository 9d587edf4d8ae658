//! Explains an error code a KMS client receives: the KMS and CSMS codes and the API
//! gateway's (`APIG.0301`, also written `APIGW.0301`), from the bundled catalog.
//!
//! ```text
//! cargo run --example explain -- KMS.0207          # what the code means, its kind, whether
//!                                                  # to retry and where it is documented
//! cargo run --example explain -- 404 KMS.0207      # as received with HTTP 404
//! cargo run --example explain -- --all             # the whole catalog as a table
//! ```
//!
//! Exit status: 0 on success, 1 for a code that is not in the catalog, 2 for a usage error.

use kms_errors::{ErrorCode, KmsError};
use std::fmt::Write as _;
use std::process::ExitCode;

const USAGE: &str = "\
Explains a KMS/CSMS or API gateway error code from the bundled catalog.

Usage:
  explain CODE           the code's HTTP status(es), message, description, measure, kind,
                         retry advice and documentation link
  explain STATUS CODE    the same for an error received with HTTP STATUS
  explain --all          every row of the catalog as a table
  explain --help         this text

Codes are exact and case-sensitive (KMS.0207, CSMS.0101, APIG.0301 or APIGW.0301).
Exit status: 0 on success, 1 for an unknown code, 2 for a usage error.";

fn main() -> ExitCode {
    // Not `env::args`: it panics on an argument that is not UTF-8.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => usage_error(None),
        ["-h" | "--help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        ["--all"] => {
            print!("{}", table());
            ExitCode::SUCCESS
        }
        [flag @ ("-h" | "--help" | "--all"), ..] => {
            usage_error(Some(&format!("`{flag}` takes no arguments")))
        }
        [flag, ..] if flag.starts_with("--") => {
            usage_error(Some(&format!("unknown option `{flag}`")))
        }
        [code] => explain(None, code),
        [status, code] => match status.parse::<u16>() {
            Ok(status) => explain(Some(status), code),
            Err(_) => usage_error(Some(&format!(
                "`{status}` is not an HTTP status (expected a number such as 404)"
            ))),
        },
        _ => usage_error(Some("too many arguments")),
    }
}

fn usage_error(why: Option<&str>) -> ExitCode {
    if let Some(why) = why {
        eprintln!("error: {why}\n");
    }
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// Prints the block for `code` (as received with `status`, if given).
fn explain(status: Option<u16>, code: &str) -> ExitCode {
    let Some(c) = ErrorCode::from_code(code) else {
        eprintln!("error: `{code}` is not an error code of the catalog");
        let close = suggestions(code);
        if !close.is_empty() {
            let mut list: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
            let last = list.pop().unwrap_or_default();
            if list.is_empty() {
                eprintln!("did you mean {last}?");
            } else {
                eprintln!("did you mean {} or {last}?", list.join(", "));
            }
        }
        return ExitCode::from(1);
    };
    print!("{}", block(status, c, code));
    ExitCode::SUCCESS
}

/// The code's documented statuses, in catalog order, without repeats.
fn statuses(c: ErrorCode) -> Vec<u16> {
    let mut out: Vec<u16> = Vec::new();
    for s in c.rows().map(|r| r.status()) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn join(statuses: &[u16]) -> String {
    let s: Vec<String> = statuses.iter().map(u16::to_string).collect();
    s.join(", ")
}

/// The labelled block for a catalog code, asked for as `asked` (the code or an alias).
fn block(status: Option<u16>, c: ErrorCode, asked: &str) -> String {
    let mut out = String::new();
    let documented = join(&statuses(c));
    if asked == c.as_str() {
        let _ = writeln!(out, "Code:        {c}");
    } else {
        let _ = writeln!(out, "Code:        {asked} (the catalog writes it {c})");
    }
    let _ = writeln!(out, "Variant:     ErrorCode::{}", c.name());
    // As received with `status`, else as the service sends it (its first status).
    let err = status.map_or_else(|| KmsError::from(c), |s| KmsError::from((s, c.as_str())));
    let (message, description, measure) = match status {
        None => {
            let _ = writeln!(out, "HTTP status: {documented}");
            (c.message(), c.description(), c.measure())
        }
        Some(status) => {
            if err.is_documented() {
                let _ = writeln!(out, "HTTP status: {status}");
            } else {
                let _ = writeln!(
                    out,
                    "HTTP status: {status} (not documented for {c} in the catalog; documented: {documented})"
                );
            }
            (err.message(), err.description(), err.measure())
        }
    };
    let _ = writeln!(out, "Message:     {message}");
    let _ = writeln!(out, "Description: {description}");
    let _ = writeln!(out, "Measure:     {measure}");
    let _ = writeln!(out, "Kind:        {}", err.kind());
    let _ = writeln!(out, "Retry:       {}", retry_advice(&err));
    if let Some(url) = err.doc_url() {
        let _ = writeln!(out, "Docs:        {url}");
    }
    // A code documented with different texts for different statuses: show every row.
    let rows: Vec<_> = c.rows().collect();
    let texts = |r: &kms_errors::Row| (r.message(), r.description(), r.measure());
    if status.is_none() && rows.iter().any(|r| texts(r) != texts(&rows[0])) {
        for r in &rows[1..] {
            let (s, (m, d, x)) = (r.status(), texts(r));
            // The kind and the retry advice may differ by row (`APIG.0201`: 502 is retried).
            let err = KmsError::from((s, c.as_str()));
            let _ = writeln!(out, "\nHTTP {s}:");
            let _ = writeln!(out, "  Message:     {m}");
            let _ = writeln!(out, "  Description: {d}");
            let _ = writeln!(out, "  Measure:     {x}");
            let _ = writeln!(out, "  Kind:        {}", err.kind());
            let _ = writeln!(out, "  Retry:       {}", retry_advice(&err));
        }
    }
    out
}

/// Whether and how to retry, in words (the rules are `CatalogError`'s).
fn retry_advice(err: &KmsError) -> &'static str {
    if err.is_throttled() {
        "yes, after the server's Retry-After (throttled)"
    } else if err.is_quota_exceeded() {
        "no: a quota is exhausted; free resources or raise the quota"
    } else if err.is_retryable_for(false) {
        "yes, also a request that is not idempotent (it did not take effect)"
    } else if err.is_retryable() {
        "only an idempotent request (one that is not may have taken effect)"
    } else {
        "no"
    }
}

/// The whole catalog: a header line, then one line per catalog row.
fn table() -> String {
    let rows: Vec<(u16, &str, &str)> = ErrorCode::ALL
        .iter()
        .flat_map(|&c| c.rows().map(move |r| (r.status(), c.as_str(), r.message())))
        .collect();
    let width = rows
        .iter()
        .map(|r| r.1.chars().count())
        .chain(["CODE".len()])
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(out, "STATUS  {:<width$}  MESSAGE", "CODE");
    for (status, code, message) in rows {
        let _ = writeln!(out, "{status:<6}  {code:<width$}  {message}");
    }
    out
}

/// Catalog codes close to `input` (the nearest within two edits, case and surrounding
/// white space ignored: the rule `code!` suggests with).
fn suggestions(input: &str) -> Vec<&'static str> {
    let codes: Vec<&'static str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    kms_errors_catalog::names::nearest(&codes, input)
}
