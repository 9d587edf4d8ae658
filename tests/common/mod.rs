//! Shared by the tests that run examples.
//!
//! Cargo offers no `CARGO_BIN_EXE_*` for examples, and `cargo test --test X` does not build
//! them, so a test builds the example once with the same `cargo` that runs it and takes the
//! executable's path from cargo's JSON messages (this follows `CARGO_TARGET_DIR`,
//! `--target-dir` configuration and platform executable suffixes).

#![allow(dead_code)] // each test that includes this module uses part of it

use std::path::PathBuf;
use std::process::{Command, Output};

/// Builds example `name` and returns its executable.
pub fn example_exe(name: &str) -> PathBuf {
    let out = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--example", name])
        .args(["--message-format", "json-render-diagnostics"])
        .arg("--manifest-path")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("run cargo");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "cargo build --example {name} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name_key = format!(r#""name":"{name}""#);
    stdout
        .lines()
        .filter(|l| {
            l.contains(r#""reason":"compiler-artifact""#)
                && l.contains(r#""kind":["example"]"#)
                && l.contains(&name_key)
        })
        .find_map(executable)
        .unwrap_or_else(|| panic!("no executable for the example in:\n{stdout}"))
}

/// The `"executable"` string of a cargo JSON message, unescaped.
fn executable(line: &str) -> Option<PathBuf> {
    let key = r#""executable":""#;
    let start = line.find(key)? + key.len();
    let mut path = String::new();
    let mut chars = line[start..].chars();
    loop {
        match chars.next()? {
            '"' => return Some(PathBuf::from(path)),
            '\\' => match chars.next()? {
                'n' => path.push('\n'),
                't' => path.push('\t'),
                c => path.push(c),
            },
            c => path.push(c),
        }
    }
}

/// Fails the test with both output streams unless the command succeeded.
pub fn check(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs example `name` to completion and returns its standard output (failing the test,
/// with both streams, if it fails).
pub fn run_example(name: &str) -> String {
    let out = Command::new(example_exe(name))
        .output()
        .expect("run the example");
    check(&format!("example {name}"), &out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Fails the test unless each of `want` is a line of `text`, in this order.
pub fn assert_lines_in_order(text: &str, want: &[&str]) {
    let mut lines = text.lines();
    for w in want {
        assert!(
            lines.any(|l| l == *w),
            "missing (in order): {w}\n--- output ---\n{text}"
        );
    }
}
