//! `kms-errors check` against the compiler: for every `compile_fail` case of the workspace's
//! trybuild suite (`tests/ui/fail/*.rs`) whose `kms_errors!` call the tool can run, the tool's
//! `error: ...` lines are the ones the compiler printed for that call (the case's checked-in
//! `.stderr`), in the same order. Plus the command line itself: summaries, exit statuses,
//! usage errors.
//!
//! **Which calls are compared.** A case's `kms_errors!(...)` calls are read with a small
//! tokenizer (comments, string and character literals). A call is compared when it names at
//! least one catalog path and each of its arguments is one `check` takes, with a value the
//! macro accepts: a path literal, `path = "..."` or `path = [...]` (non-empty, distinct
//! paths, given once), `bundled = "..."` or a list (known tables, each once), `delimiter =
//! '...'` (or a one-character string) that `check_delimiter` accepts, and the type names
//! `error = X` and `code = Y` (which name the generated types, not the catalog: ignored). A
//! call with any other argument (`docs`, `crate`, an unknown key, a non-literal path, an
//! argument the macro rejects) is not compared: its errors are the arguments', which the
//! macro gives before it reads a catalog. A case is compared when it has a compared call;
//! the others (no `kms_errors!` call: `code!` literal and type errors; only argument errors:
//! the `args_*` cases) are skipped.
//!
//! **Which errors a call has.** The compiler's errors of the `.stderr` are attributed to a
//! call by their `--> FILE:LINE:COLUMN` line: those within the call's lines are the call's
//! (errors elsewhere are `code!` literal or type errors of the case, and stay out). For a
//! compared call, the tool's `error:` lines must be exactly those, in order, and it exits 1
//! (0 and `...: ok, ...` when there are none). One difference is allowed, and only in the
//! message for a file that is not found: the macro adds where it resolves relative paths
//! (`(relative paths are resolved against $KMS_ERRORS_MANIFEST_DIR or $CARGO_MANIFEST_DIR)`),
//! the tool, which resolves them against the current directory, does not.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kms-errors");

/// The macro's words on where it looks for a relative path (see the module docs).
const MACRO_PATH_HINT: &str =
    " (relative paths are resolved against $KMS_ERRORS_MANIFEST_DIR or $CARGO_MANIFEST_DIR)";

/// Compared cases: every case of the suite whose call names a catalog the macro reads (one
/// of them, `code_literal_unknown_own_catalog`, is a valid catalog: no errors in its call).
const COMPARED_CASES: usize = 29;
/// Skipped cases: the six `args_*` cases, and `code_literal_unknown` and `error_equals_code`
/// (no `kms_errors!` call).
const SKIPPED_CASES: usize = 8;

/// The workspace root: the suite's paths are relative to it.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn check(args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(root())
        .arg("check")
        .args(args)
        .output()
        .expect("run kms-errors check")
}

// ---- a small Rust tokenizer: enough for the suite's macro calls ----

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Char(char),
    /// A number, a lifetime or anything else that is not an argument the tool takes.
    Other(String),
    Punct(char),
}

/// The tokens of `src`, each with its 1-based line; comments dropped.
fn tokens(src: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = src.chars().collect();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            c if c.is_whitespace() => i += 1,
            '/' if at(i + 1) == '/' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && at(i + 1) == '/') {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
            }
            '"' => {
                let mut s = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                        s.push(unescape(at(i)));
                    } else {
                        line += usize::from(chars[i] == '\n');
                        s.push(chars[i]);
                    }
                    i += 1;
                }
                i += 1;
                out.push((Tok::Str(s), start_line));
            }
            '\'' => {
                // A character literal ('x', '\t'), else a lifetime.
                if at(i + 1) == '\\' && at(i + 3) == '\'' {
                    out.push((Tok::Char(unescape(at(i + 2))), line));
                    i += 4;
                } else if at(i + 2) == '\'' {
                    out.push((Tok::Char(at(i + 1)), line));
                    i += 3;
                } else {
                    let mut s = String::from('\'');
                    i += 1;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        s.push(chars[i]);
                        i += 1;
                    }
                    out.push((Tok::Other(s), line));
                }
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut s = String::new();
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    s.push(chars[i]);
                    i += 1;
                }
                if c.is_ascii_digit() {
                    out.push((Tok::Other(s), line));
                } else {
                    out.push((Tok::Ident(s), line));
                }
            }
            c => {
                out.push((Tok::Punct(c), line));
                i += 1;
            }
        }
    }
    out
}

fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        c => c,
    }
}

/// A `kms_errors!(...)` call: its lines and its argument tokens.
struct Call {
    first_line: usize,
    last_line: usize,
    args: Vec<Tok>,
}

/// Every `kms_errors!(...)` call of `src` (`kms_errors::kms_errors!` or `kms_errors!`).
fn calls(src: &str) -> Vec<Call> {
    let toks = tokens(src);
    let mut out = Vec::new();
    let mut k = 0;
    while k + 2 < toks.len() {
        let is_call = toks[k].0 == Tok::Ident("kms_errors".into())
            && toks[k + 1].0 == Tok::Punct('!')
            && toks[k + 2].0 == Tok::Punct('(');
        if !is_call {
            k += 1;
            continue;
        }
        // The call starts at its path (`kms_errors::kms_errors!`): the line of a call-site
        // error.
        let mut first = k;
        while first >= 3
            && toks[first - 1].0 == Tok::Punct(':')
            && toks[first - 2].0 == Tok::Punct(':')
            && matches!(toks[first - 3].0, Tok::Ident(_))
        {
            first -= 3;
        }
        let (mut depth, mut j) = (1, k + 3);
        let mut args = Vec::new();
        while j < toks.len() {
            match toks[j].0 {
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
            args.push(toks[j].0.clone());
            j += 1;
        }
        out.push(Call {
            first_line: toks[first].1,
            last_line: toks[j.min(toks.len() - 1)].1,
            args,
        });
        k = j;
    }
    out
}

/// The arguments of `kms-errors check` for a call, if the tool can run it (module docs).
fn check_args(call: &Call) -> Option<Vec<String>> {
    // Split at the top-level commas.
    let mut args: Vec<Vec<Tok>> = vec![Vec::new()];
    let mut depth = 0;
    for t in &call.args {
        match t {
            Tok::Punct('[') => depth += 1,
            Tok::Punct(']') => depth -= 1,
            Tok::Punct(',') if depth == 0 => {
                args.push(Vec::new());
                continue;
            }
            _ => {}
        }
        args.last_mut().expect("an argument").push(t.clone());
    }
    args.retain(|a| !a.is_empty());
    let (mut paths, mut bundled, mut delimiter) = (None::<Vec<String>>, None::<Vec<String>>, None);
    for a in &args {
        match a.as_slice() {
            [Tok::Str(p)] if paths.is_none() => paths = Some(vec![p.clone()]),
            [Tok::Ident(key), Tok::Punct('='), value @ ..] => match (key.as_str(), value) {
                ("path", v) if paths.is_none() => paths = Some(strings(v)?),
                ("bundled", v) if bundled.is_none() => bundled = Some(strings(v)?),
                ("delimiter", [Tok::Char(c)]) if delimiter.is_none() => delimiter = Some(*c),
                ("delimiter", [Tok::Str(s)]) if delimiter.is_none() && s.chars().count() == 1 => {
                    delimiter = s.chars().next();
                }
                ("error" | "code", [Tok::Ident(_)]) => {}
                _ => return None,
            },
            _ => return None,
        }
    }
    let paths = paths?;
    let distinct = |v: &[String]| (0..v.len()).all(|i| !v[..i].contains(&v[i]));
    if paths.iter().any(String::is_empty) || !distinct(&paths) {
        return None;
    }
    let mut out = Vec::new();
    if let Some(d) = delimiter {
        kms_errors_catalog::csv::check_delimiter(d).ok()?;
        out.push("--delimiter".to_owned());
        out.push(d.to_string());
    }
    let bundled = bundled.unwrap_or_default();
    if !distinct(&bundled) {
        return None;
    }
    for b in bundled {
        kms_errors_catalog::source::Bundled::from_key(&b)?;
        out.push("--bundled".to_owned());
        out.push(b);
    }
    out.push("--".to_owned());
    out.extend(paths);
    Some(out)
}

/// A string literal or a non-empty bracketed list of them.
fn strings(v: &[Tok]) -> Option<Vec<String>> {
    match v {
        [Tok::Str(s)] => Some(vec![s.clone()]),
        [Tok::Punct('['), inner @ .., Tok::Punct(']')] => {
            let mut out = Vec::new();
            for (n, t) in inner.iter().enumerate() {
                match (n % 2, t) {
                    (0, Tok::Str(s)) => out.push(s.clone()),
                    (1, Tok::Punct(',')) => {}
                    _ => return None,
                }
            }
            (!out.is_empty()).then_some(out)
        }
        _ => None,
    }
}

/// The compiler's errors of a `.stderr`: each `error: message` with the line its `-->`
/// points at in `case` (`None` for another file or none).
fn compiler_errors(stderr: &str, case: &str) -> Vec<(String, Option<usize>)> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        let Some(message) = l.strip_prefix("error: ") else {
            continue;
        };
        let at = lines.get(n + 1).and_then(|next| {
            let loc = next.trim_start().strip_prefix("--> ")?;
            let mut parts = loc.rsplitn(3, ':');
            let (_col, line, file) = (parts.next()?, parts.next()?, parts.next()?);
            (file == case).then(|| line.parse().ok()).flatten()
        });
        out.push((message.to_owned(), at));
    }
    out
}

/// What the tool must print for a compiler message (the module docs' one difference).
fn as_the_tool_words_it(message: &str) -> String {
    match message.strip_suffix(MACRO_PATH_HINT) {
        Some(m) if m.ends_with(": cannot read the catalog: no such file") => m.to_owned(),
        _ => message.to_owned(),
    }
}

#[test]
fn the_compilers_diagnostics_for_every_catalog_of_the_trybuild_suite() {
    let dir = root().join("tests/ui/fail");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("list tests/ui/fail")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let (mut compared, mut skipped, mut clean) = (Vec::new(), Vec::new(), Vec::new());
    let (mut calls_compared, mut errors_compared, mut hints) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let src = std::fs::read_to_string(case).expect("read the case");
        let stderr =
            std::fs::read_to_string(case.with_extension("stderr")).expect("read the .stderr");
        let errors = compiler_errors(&stderr, &format!("tests/ui/fail/{name}.rs"));
        let mut any = false;
        let mut case_errors = 0;
        for call in calls(&src) {
            let Some(args) = check_args(&call) else {
                continue;
            };
            any = true;
            calls_compared += 1;
            let want: Vec<String> = errors
                .iter()
                .filter(|(_, at)| {
                    at.is_some_and(|l| (call.first_line..=call.last_line).contains(&l))
                })
                .map(|(m, _)| {
                    let m2 = as_the_tool_words_it(m);
                    hints += usize::from(&m2 != m);
                    format!("error: {m2}")
                })
                .collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = check(&args);
            let got: Vec<String> = text(&out.stderr).lines().map(str::to_owned).collect();
            let stdout = text(&out.stdout);
            let code = out.status.code();
            let ok = if want.is_empty() {
                code == Some(0) && got.is_empty() && stdout.contains(": ok, ")
            } else {
                code == Some(1) && got == want && stdout.contains(" error(s) in ")
            };
            if !ok {
                failures.push(format!(
                    "{name} (lines {}..={}): check {args:?} exited {code:?}\n  \
                     want: {want:#?}\n  got:  {got:#?}\n  stdout: {stdout}",
                    call.first_line, call.last_line
                ));
            }
            case_errors += want.len();
        }
        if any {
            errors_compared += case_errors;
            if case_errors == 0 {
                clean.push(name.clone());
            }
            compared.push(name);
        } else {
            skipped.push(name);
        }
    }
    eprintln!(
        "check: {} trybuild fail cases compared ({calls_compared} calls, {errors_compared} \
         errors, of which {hints} without the macro's path hint; clean: {clean:?}); {} \
         skipped: {skipped:?}",
        compared.len(),
        skipped.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(compared.len(), COMPARED_CASES, "compared: {compared:?}");
    assert_eq!(skipped.len(), SKIPPED_CASES, "skipped: {skipped:?}");
    assert_eq!(clean, ["code_literal_unknown_own_catalog"]);
    assert_eq!(
        hints, 1,
        "only `missing_file`'s first message has the macro's hint"
    );
    for s in &skipped {
        assert!(
            s.starts_with("args_")
                || ["code_literal_unknown", "error_equals_code"].contains(&s.as_str()),
            "{s} is skipped"
        );
    }
}

/// No catalog diagnostic of the suite escapes the comparison: every compiler error that
/// names a catalog file (a `tests/ui/catalogs/` path or a bundled table) is in a compared
/// case.
#[test]
fn every_catalog_diagnostic_of_the_suite_is_compared() {
    let dir = root().join("tests/ui/fail");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("list tests/ui/fail") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "stderr") {
            continue;
        }
        let stderr = std::fs::read_to_string(&path).expect("read the .stderr");
        let catalog_error = stderr.lines().any(|l| {
            [
                "error: tests/ui/catalogs",
                "error: catalog.csv:",
                "error: gateway.csv:",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        });
        if catalog_error {
            names.push(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    // All the compared cases but the clean one.
    assert_eq!(names.len(), COMPARED_CASES - 1, "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with("args_")), "{names:?}");
}

#[test]
fn the_tokenizer_reads_the_suites_calls() {
    let src = "// kms_errors!(\"not/a/call.csv\")\n\
               kms_errors::kms_errors!(\n    path = [\"a.csv\", \"b.tsv\",],\n    \
               bundled = \"gateway\", delimiter = '\\t', error = E, code = C\n);\n\
               mod m { kms_errors::kms_errors!(\"c.csv\", docs = \"https://e.example/x\"); }\n\
               fn f<'a>(_: &'a str) {}\n";
    let c = calls(src);
    assert_eq!(c.len(), 2);
    assert_eq!((c[0].first_line, c[0].last_line), (2, 5));
    assert_eq!(
        check_args(&c[0]).unwrap(),
        [
            "--delimiter",
            "\t",
            "--bundled",
            "gateway",
            "--",
            "a.csv",
            "b.tsv"
        ]
    );
    assert_eq!((c[1].first_line, c[1].last_line), (6, 6));
    assert_eq!(check_args(&c[1]), None); // `docs`: an argument check does not take
    for (args, runs) in [
        ("\"a.csv\"", true),
        ("path = \"a.csv\", path = \"b.csv\"", false),
        ("\"\"", false),
        ("path = [\"a.csv\", \"a.csv\"]", false),
        ("path = []", false),
        ("path = super::PATH", false),
        ("\"a.csv\", delimiter = 'x'", false),
        ("\"a.csv\", delimiter = \";\"", true),
        ("\"a.csv\", delimiter = \";;\"", false),
        ("\"a.csv\", bundled = \"gw\"", false),
        ("\"a.csv\", bundled = [\"kms\", \"kms\"]", false),
        ("\"a.csv\", errors = E", false),
        ("error = A, code = B", false),
        ("bundled = \"gateway\"", false),
    ] {
        let c = calls(&format!("kms_errors!({args});"));
        assert_eq!(check_args(&c[0]).is_some(), runs, "{args}");
    }
}

// ---- the command line ----

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_valid_catalog_summary() {
    let out = check(&["kms-errors-catalog/gateway.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "kms-errors-catalog/gateway.csv: ok, 64 codes, 71 rows, 64 aliases\n"
    );
    // One's own catalog composed with a bundled table; no aliases: none counted.
    let out = check(&["--bundled", "kms", "tests/ui/catalogs/iam_like.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("tests/ui/catalogs/iam_like.csv + catalog.csv: ok, ")
            && stdout.ends_with(" rows\n"),
        "{stdout}"
    );
    // The explain fixture: an alias, a throttling row.
    let iam = fixture("explain_iam.csv");
    let out = check(&[&iam]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with(": ok, 6 codes, 7 rows, 1 aliases\n"));
}

#[test]
fn errors_then_their_count() {
    let out = check(&["tests/ui/catalogs/too_many_errors.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    // At most 30 shown, then the count of the others, as the compiler shows them.
    assert_eq!(stderr.lines().count(), 31, "{stderr}");
    assert!(stderr
        .lines()
        .all(|l| l.starts_with("error: tests/ui/catalogs/too_many_errors.csv")));
    assert_eq!(
        text(&out.stdout),
        "35 error(s) in tests/ui/catalogs/too_many_errors.csv\n"
    );
    // A forced delimiter: `iam_like.csv` read with `;` has one column, named
    // `status,code,message`.
    let out = check(&["--delimiter", ";", "tests/ui/catalogs/iam_like.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "error: tests/ui/catalogs/iam_like.csv:1:1: missing required column `status` \
             (the header is `status,code,message`)\n"
        ),
        "{stderr}"
    );
    assert_eq!(
        text(&out.stdout),
        "3 error(s) in tests/ui/catalogs/iam_like.csv\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    for (args, message) in [
        (&[][..], "no catalog file"),
        (&["--bogus", "a.csv"], "unknown option `--bogus`"),
        (
            &["a.csv", "--delimiter"],
            "option `--delimiter` needs a value",
        ),
        (
            &["a.csv", "--delimiter", "x"],
            "`--delimiter`: 'x' cannot be a delimiter",
        ),
        (
            &["a.csv", "--bundled", "iam"],
            "`--bundled`: no bundled table `iam`",
        ),
        (&["a.csv", "a.csv"], "`a.csv` is listed twice"),
        (&[""], "the catalog path is empty"),
    ] {
        let out = check(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stdout), "", "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.starts_with(&format!("kms-errors check: {message}")),
            "{args:?}: {err}"
        );
        assert!(err.contains("usage: kms-errors check "), "{err}");
    }
    let out = check(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("usage: kms-errors check "));
}

/// A valid catalog whose suggested kinds nobody reviewed (a `suggested` cell) and that change
/// a client's decision from the status's: a warning each, with the confidence the cell states
/// (none in a cell written before confidences were), and exit 0. Suggestions that decide as
/// the status would are no warning.
#[test]
fn unreviewed_suggestions_that_change_a_decision_are_warnings() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-unreviewed");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("unreviewed.csv");
    std::fs::write(
        &file,
        "status,code,message,kind,suggested\n\
         400,OLD.1,The key does not exist.,not_found,\"\"\"not exist\"\" in the message\"\n\
         400,NEW.1,The service is busy.,unavailable,\"high: \"\"service is busy\"\" in the message\"\n\
         400,NEW.2,Bad value.,invalid_argument,medium: HTTP 400\n\
         404,DONE.1,Gone.,unimplemented,\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .arg("check")
        .arg(&file)
        .output()
        .expect("run kms-errors check");
    assert_eq!(out.status.code(), Some(0));
    let name = file.display().to_string();
    assert_eq!(
        text(&out.stderr),
        format!(
            "warning: {name}:2: `OLD.1` (HTTP 400): the kind `not_found` was suggested (confidence \
             not stated) and not reviewed, and changes what a client does: not found: yes (HTTP 400 \
             alone: no); review it, then clear the `suggested` cell\n\
             warning: {name}:3: `NEW.1` (HTTP 400): the kind `unavailable` was suggested (high \
             confidence) and not reviewed, and changes what a client does: retried for any request: \
             yes (HTTP 400 alone: no); retried if idempotent: yes (HTTP 400 alone: no); review it, \
             then clear the `suggested` cell\n"
        )
    );
    assert_eq!(text(&out.stdout), format!("{name}: ok, 4 codes, 4 rows\n"));
}
