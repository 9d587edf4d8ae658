//! Converts the fixtures in `tests/fixtures/` with the binary and compares with the
//! hand-written expected CSV next to them.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kms-errors-import");

/// Runs the binary in the fixtures directory, so messages name the fixture as `NAME.rst`.
fn convert(fixture: &str) -> Output {
    Command::new(BIN)
        .arg(fixture)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .output()
        .expect("run kms-errors-import")
}

fn expected(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8 output")
}

fn assert_converts(fixture: &str, csv: &str) -> Output {
    let out = convert(fixture);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{fixture}: {}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), expected(csv), "{fixture}");
    out
}

#[test]
fn indented_table_directive() {
    let out = assert_converts("indented.rst", "indented.csv");
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn multi_line_cells_commas_and_quotes() {
    let out = assert_converts("multiline.rst", "multiline.csv");
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn two_error_tables_and_a_parameter_table() {
    let out = assert_converts("two_tables.rst", "two_tables.csv");
    assert_eq!(
        text(&out.stderr),
        "two_tables.rst:26: warning: table skipped: table with header `Parameter`, \
         `Mandatory`, `Type`, `Description` has no `status` column and no `code` column\n"
    );
}

#[test]
fn malformed_table() {
    let out = convert("malformed.rst");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    assert!(
        err.starts_with("malformed.rst:9: cell separators do not line up"),
        "{err}"
    );
    assert!(
        err.contains("(line 4)") && err.contains("column 28"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn misspelt_header_is_an_error_with_a_suggestion() {
    let out = convert("unknown_header.rst");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    assert!(
        err.starts_with(
            "unknown_header.rst:2: unknown column header `Error Mesage`: did you mean `message`?; "
        ),
        "{err}"
    );
    // The accepted names are the front end's, vendor names included.
    for name in [
        "Status Code",
        "HTTP Status Code",
        "Response Code",
        "Error Code",
        "Error Codes",
        "Error Type",
        "Error Message",
        "Error Description",
        "Error Code Description",
        "Measures",
        "Solution",
        "Handling Measure(s)",
        "Troubleshooting",
        "Remediation",
        "Category",
    ] {
        assert!(err.contains(&format!("`{name}`")), "{name}: {err}");
    }
    assert_eq!(err.lines().count(), 1, "{err}");
}
