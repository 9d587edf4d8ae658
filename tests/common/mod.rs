//! Shared by the tests that run examples or build crates of their own.
//!
//! Cargo offers no `CARGO_BIN_EXE_*` for examples, and `cargo test --test X` does not build
//! them, so a test builds the example once with the same `cargo` that runs it and takes the
//! executable's path from cargo's JSON messages (this follows `CARGO_TARGET_DIR`,
//! `--target-dir` configuration and platform executable suffixes).

#![allow(dead_code)] // each test that includes this module uses part of it

pub mod bundled;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

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

/// Fails the test unless `text` has lines containing each of `want`, in that order.
pub fn assert_fragments_in_order(text: &str, want: &[&str]) {
    let mut lines = text.lines();
    for w in want {
        assert!(
            lines.any(|l| l.contains(w)),
            "missing (in order): {w}\n--- output ---\n{text}"
        );
    }
}

/// The target directory of the standalone crates the tests build (shared, so the macro and
/// its dependencies are compiled once).
pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("standalone")
}

/// `cargo <args> --offline --manifest-path <manifest> --target-dir <target_dir()>`, with the
/// suite's catalogs resolved against the repository root.
pub fn cargo(manifest: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(args)
        .arg("--offline")
        .arg("--manifest-path")
        .arg(manifest)
        .arg("--target-dir")
        .arg(target_dir())
        .env("KMS_ERRORS_MANIFEST_DIR", ROOT)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET");
    cmd
}

/// A crate generated under `target/` with `dependency` (a line of `[dependencies]`) and
/// `files` (path in the crate, text), sharing the standalone target directory; returns its
/// manifest.
pub fn probe_crate(name: &str, dependency: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = dir.join("Cargo.toml");
    std::fs::write(
        &manifest,
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\n{dependency}\n\n[workspace]\n"
        ),
    )
    .unwrap();
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Unchanged files keep their time stamps, so a second run rebuilds nothing.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(*text) {
            std::fs::write(path, text).unwrap();
        }
    }
    // The workspace's lock file: the same dependency versions, all in the local cache.
    std::fs::copy(Path::new(ROOT).join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    manifest
}

/// The path of the `kms-errors` crate, for a dependency line.
pub fn facade_path() -> PathBuf {
    Path::new(ROOT).join("kms-errors")
}
