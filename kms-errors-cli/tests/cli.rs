//! The command line: arguments, exit codes, `-o`, standard input and error messages.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_kms-errors");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh path under the target's scratch directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kms-errors-cli-tests");
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .args(["import", "--no-suggest"])
        .args(args)
        .output()
        .expect("run kms-errors")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(["import", "--no-suggest"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kms-errors");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("wait")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8 output")
}

const TABLE: &str = "\
+--------+------+
| Status | Code |
+========+======+
| 400    | A.1  |
+--------+------+
";

#[test]
fn usage_errors_exit_2() {
    let cases: &[&[&str]] = &[
        &[],
        &["-o"],
        &["a.rst", "-o"],
        &["a.rst", "b.rst"],
        &["--bogus", "a.rst"],
        &["a.rst", "-o", "x.csv", "--output", "y.csv"],
    ];
    for args in cases {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stdout), "", "{args:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with("kms-errors import: "), "{args:?}: {err}");
        assert!(
            err.contains("usage: kms-errors import INPUT [-o OUTPUT]"),
            "{err}"
        );
    }
}

/// The tool without a command, with an unknown one, and its help.
#[test]
fn commands() {
    let tool = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .output()
            .expect("run kms-errors")
    };
    for args in [&[][..], &["nope"]] {
        let out = tool(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains("usage: kms-errors COMMAND"), "{err}");
    }
    assert!(text(&tool(&["nope"]).stderr).starts_with("kms-errors: unknown command `nope`"));
    for flag in ["help", "-h", "--help"] {
        let out = tool(&[flag]);
        assert_eq!(out.status.code(), Some(0));
        assert!(text(&out.stdout).starts_with("usage: kms-errors COMMAND"));
        assert!(text(&out.stdout).contains("  import PAGE.rst"));
    }
}

#[test]
fn help() {
    for flag in ["-h", "--help"] {
        let out = run(&[flag.as_ref()]);
        assert_eq!(out.status.code(), Some(0));
        assert!(text(&out.stdout).starts_with("usage: kms-errors import INPUT [-o OUTPUT]"));
        assert_eq!(text(&out.stderr), "");
    }
}

#[test]
fn output_file() {
    let expected = std::fs::read_to_string(fixture("indented.csv")).expect("read expected");
    for flag in ["-o", "--output"] {
        let path = scratch(&format!("out{flag}.csv"));
        let input = fixture("indented.rst");
        let out = run(&[input.as_ref(), flag.as_ref(), path.as_ref()]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "");
        assert_eq!(text(&out.stderr), "");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read output"),
            expected
        );
    }
    // `-o` before the input, attached value, and overwriting an existing file.
    let path = scratch("attached.csv");
    std::fs::write(
        &path,
        "old contents that are longer than the new ones ...............",
    )
    .unwrap();
    let mut attached = std::ffi::OsString::from("-o");
    attached.push(&path);
    let out = run(&[attached.as_ref(), fixture("indented.rst").as_ref()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn failed_conversion_leaves_the_output_alone() {
    let path = scratch("kept.csv");
    std::fs::write(&path, "keep me\n").unwrap();
    let out = run(&[
        fixture("malformed.rst").as_ref(),
        "-o".as_ref(),
        path.as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me\n");
    let missing = scratch("never-created.csv");
    let out = run(&[
        fixture("malformed.rst").as_ref(),
        "-o".as_ref(),
        missing.as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!missing.exists());
}

#[test]
fn io_errors_exit_1() {
    let input = scratch("does-not-exist.rst");
    let out = run(&[input.as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!("{}: cannot read: ", input.display())),
        "{err}"
    );

    let output = scratch("no-such-dir").join("out.csv");
    let out = run(&[
        fixture("indented.rst").as_ref(),
        "-o".as_ref(),
        output.as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!("{}: cannot write: ", output.display())),
        "{err}"
    );
}

#[test]
fn standard_input() {
    let out = run_stdin(&["-"], TABLE.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "status,code,message,description,measure\n400,A.1,,,\n"
    );
    // `-o -` is standard output too.
    let out = run_stdin(&["-", "-o", "-"], TABLE.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "status,code,message,description,measure\n400,A.1,,,\n"
    );
}

#[test]
fn input_errors_name_the_line() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "<stdin>:1: no RST grid table found"),
        (b"Title\n=====\n\nNo table here.\n", "<stdin>:1: no RST grid table found"),
        (
            b"text\n\n+---+---+\n| a | b |\n+===+===+\n| 1 | 2 |\n",
            "<stdin>:6: the table starting at line 3 is not closed by a border line",
        ),
        (
            b"+------+---------+\n| Code | Message |\n+======+=========+\n| A    | x       |\n+------+---------+\n",
            "<stdin>:2: table with header `Code`, `Message` has no `status` column; accepted headers",
        ),
        (b"\n\n\xFF\n", "<stdin>:3: not valid UTF-8"),
    ];
    for (input, want) in cases {
        let out = run_stdin(&["-"], input);
        assert_eq!(out.status.code(), Some(1), "{want}");
        assert_eq!(text(&out.stdout), "", "{want}");
        let err = text(&out.stderr);
        assert!(err.starts_with(want), "want {want:?}, got {err:?}");
    }
}

/// Odd inputs end with 0 or 1, never with a panic (exit 101).
#[test]
fn no_panic_on_odd_input() {
    let inputs: &[&[u8]] = &[
        b"+",
        b"+-",
        b"+-+",
        b"+-+\n|",
        b"+-+\n|\n",
        b"+-+\n| |\n+=+\n",
        b"+-+\n|x|\n+=+\n|y|\n+-+",
        b"  +-+\n|x|\n",
        b"+-+\n|\xE7\xA0\x81|\n+-+\n",
        b"\xEF\xBB\xBF+---+\r\n| a |\r\n+---+\r\n",
        b"\t+-+\n\t|\t|\n\t+-+\n",
        b"\0\0\0",
    ];
    for input in inputs {
        let out = run_stdin(&["-"], input);
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "{input:?}: {code:?} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text(&out.stderr).contains("panicked"), "{input:?}");
    }
}

#[test]
fn a_catalog_the_front_end_rejects_is_not_written() {
    let input = fixture("variant_clash.rst");
    let kept = scratch("rejected-kept.csv");
    std::fs::write(&kept, "keep me\n").unwrap();
    let out = run(&[input.as_ref(), "-o".as_ref(), kept.as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nothing written"));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "keep me\n");
    let missing = scratch("rejected-never-created.csv");
    let mut attached = std::ffi::OsString::from("--output=");
    attached.push(&missing);
    let out = run(&[input.as_ref(), attached.as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!missing.exists());
}

#[test]
fn kinds_catalog_errors_exit_1() {
    let input = fixture("indented.rst");
    let missing = scratch("no-such-kinds.csv");
    let out = run(&[input.as_ref(), "--kinds-from".as_ref(), missing.as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!("{}: cannot read: ", missing.display())),
        "{err}"
    );
    let cases: &[(&str, &str)] = &[
        (
            "status,code\n400,A\n",
            ":1: the catalog has no `kind` column to take kinds from",
        ),
        (
            "status;code;kind\n400;A;not_found\n4O4;B;internal\n",
            ":3:1: column `status`: `4O4` is not an HTTP status",
        ),
        (
            "status,code,kind\n400,A,\"x\n",
            ":2:7: this quoted cell is never closed",
        ),
        (
            "status,code,kind,alias\n400,A,internal,B|A\n",
            ":2:16: column `alias`: `A` is the code itself",
        ),
    ];
    for (k, (catalog, want)) in cases.iter().enumerate() {
        let path = scratch(&format!("bad-kinds-{k}.csv"));
        std::fs::write(&path, catalog).unwrap();
        let output = scratch(&format!("bad-kinds-out-{k}.csv"));
        let mut kinds = std::ffi::OsString::from("--kinds-from=");
        kinds.push(&path);
        let out = run(&[
            input.as_ref(),
            kinds.as_ref(),
            "-o".as_ref(),
            output.as_ref(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{catalog}");
        let err = text(&out.stderr);
        let want = format!("{}{want}", path.display());
        assert!(err.starts_with(&want), "want {want:?}, got {err:?}");
        assert!(!output.exists());
    }
}
