//! Converts the fixtures in `tests/fixtures/` with the binary and compares with the
//! hand-written expected CSV next to them.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kms-errors");

/// Runs the binary in the fixtures directory, so messages name the fixture as `NAME.rst`.
fn convert(fixture: &str) -> Output {
    Command::new(BIN)
        .args(["import", "--no-suggest"])
        .arg(fixture)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .output()
        .expect("run kms-errors")
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

fn convert_with(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(["import", "--no-suggest"])
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .output()
        .expect("run kms-errors")
}

const SKIPPED_PARAMETERS: &str = "several_tables.rst:34: warning: table skipped: table with \
     header `Parameter`, `Mandatory`, `Type`, `Description` has no `status` column and no \
     `code` column\n";

/// Three error-code tables in three column orders (the first code-first), vendor header
/// names, statuses such as `301 Moved Permanently` and `400/404/500`, numeric codes and RST
/// markup kept as written; a parameter table in between is skipped.
#[test]
fn several_tables_in_different_column_orders() {
    let out = assert_converts("several_tables.rst", "several_tables.csv");
    assert_eq!(text(&out.stderr), SKIPPED_PARAMETERS);
}

#[test]
fn a_module_column_is_dropped_with_a_warning() {
    let out = assert_converts("module_column.rst", "module_column.csv");
    assert_eq!(
        text(&out.stderr),
        "module_column.rst:7: warning: column `Module` dropped: it names no catalog column \
         (expected `status`, `code`, `message`, `description`, `measure`, `kind`, `suggested`, `url` or `alias`)\n"
    );
}

/// Rows the catalog rules reject: the errors name the RST line and code of each row, and
/// nothing is written.
#[test]
fn rows_the_front_end_rejects() {
    let out = convert("variant_clash.rst");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "variant_clash.rst:11: row `a.b`: column `code`: `a.b` derives the variant name `AB`, \
         as does `A-B` on line 9; variant names must be distinct\n\
         variant_clash.rst:15: row `C.2`: column `status`: `600` is outside the HTTP status \
         range 100..=599\n\
         variant_clash.rst: the converted catalog fails the kms-errors catalog checks (2 \
         error(s) above); nothing written\n"
    );
}

/// The kinds catalog is `;`-separated, has a byte-order mark and upper-case vendor header
/// names, writes a kind in another case and gives one code two kinds.
#[test]
fn kinds_from_a_semicolon_catalog() {
    let expected_stderr = format!(
        "{SKIPPED_PARAMETERS}\
         several_tables.rst:25: warning: kinds_semicolon.csv gives `InternalError` several kinds \
         (`invalid_argument`, `internal`); took the first\n\
         several_tables.rst: warning: 3 code(s) have no kind in kinds_semicolon.csv: \
         `KEY.0002`, `111400002`, `Ids.NoAccess`; their kinds are left empty (derived from \
         the status)\n"
    );
    let attached: &[&str] = &["several_tables.rst", "--kinds-from=kinds_semicolon.csv"];
    let separate: &[&str] = &["--kinds-from", "kinds_semicolon.csv", "several_tables.rst"];
    for args in [attached, separate] {
        let out = convert_with(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(
            text(&out.stdout),
            expected("several_tables_kinds.csv"),
            "{args:?}"
        );
        assert_eq!(text(&out.stderr), expected_stderr, "{args:?}");
    }
}

/// A page shaped as the API gateway's (code first, status third, `.. table::`, one code on
/// several rows with different statuses) converts without `kind` or `alias` column.
#[test]
fn a_gateway_shaped_page() {
    let out = assert_converts("calling.rst", "calling.csv");
    assert_eq!(text(&out.stderr), "");
    let out = assert_converts("calling_aliases.rst", "calling_aliases.csv");
    assert_eq!(text(&out.stderr), "");
}

/// `kinds_calling.csv` has hand-filled `kind` and `alias` columns: each row gets its code's
/// kind (by status) and all its code's aliases (spread over its rows there, one given twice),
/// joined with `|`; a code without aliases gets an empty cell, silently; a code the catalog
/// lacks gets an empty kind, counted in one summary line (with `--no-suggest`; see
/// `suggestions` for what happens without it). (A catalog without an alias column adds none:
/// `kinds_from_a_semicolon_catalog`.)
#[test]
fn kinds_and_aliases_carried_over() {
    let out = convert_with(&["calling.rst", "--kinds-from", "kinds_calling.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), expected("calling_kinds.csv"));
    assert_eq!(
        text(&out.stderr),
        "calling.rst: warning: 1 code(s) have no kind in kinds_calling.csv: `GW.0401`; their \
         kinds are left empty (derived from the status)\n"
    );
    // The output, taken as the catalog, reproduces itself byte for byte.
    let out = convert_with(&["calling.rst", "--kinds-from=calling_kinds.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), expected("calling_kinds.csv"));
}

/// The page has an alias column of its own: a non-empty cell is kept, with a warning (once
/// for the code) when it differs from the catalog's; an empty one is filled; a code the
/// catalog has no aliases for keeps the page's silently.
#[test]
fn page_aliases_are_kept() {
    let out = convert_with(&["calling_aliases.rst", "--kinds-from", "kinds_calling.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), expected("calling_aliases_kinds.csv"));
    assert_eq!(
        text(&out.stderr),
        "calling_aliases.rst:21: warning: the page gives `GW.0201` the aliases `APIGW.0201`, \
         kinds_calling.csv gives `GWX.0201|gw-0201`; the page's are kept\n\
         calling_aliases.rst: warning: 1 code(s) have no kind in kinds_calling.csv: \
         `GW.0401`; their kinds are left empty (derived from the status)\n"
    );
}

/// Every expected output is a catalog the front end (and so `kms_errors!`) accepts.
#[test]
fn expected_outputs_are_valid_catalogs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("list fixtures") {
        let path = entry.expect("fixture").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".csv") || name.starts_with("kinds_") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read fixture");
        let mut cx = kms_errors_catalog::Ctxt::new(&name);
        let catalog = kms_errors_catalog::parse(&name, &text, None, &mut cx);
        assert!(cx.is_ok(), "{:?}", cx.into_messages());
        assert!(catalog.row_count() > 0, "{name}");
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}

/// Without `--no-suggest`: every row without a kind gets one suggested from its text, with
/// the reason in the `suggested` column (the expected output read and judged by hand: an
/// unpublished API is `unimplemented`, a request body over its limit `out_of_range`, 429 a
/// throttling row).
#[test]
fn kinds_are_suggested_with_their_reason() {
    let out = import(&["calling.rst"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), expected("calling_suggested.csv"));
    // The rows to review come first: those whose kind changes a decision of the status's.
    assert_eq!(
        text(&out.stderr),
        "calling.rst: review these 2 suggestion(s) first: they change what a client does \
         (retry, not found, conflict) from what the status alone gives, or rest on weak \
         evidence:\n\
         calling.rst:16: GW.0101 (HTTP 404): unimplemented (high: \"has not been published\" in \
         the description); not found: no (HTTP 404 alone: yes)\n\
         calling.rst:22: GW.0201 (HTTP 502): unavailable (medium: \"unavailable\" in the message \
         at HTTP 502); retried for any request: yes (HTTP 502 alone: no)\n\
         calling.rst: suggested the kind of 6 row(s) from their text; review them (the \
         `suggested` column gives each one's confidence and why; clear it when the kind is \
         right)\n"
    );
    // Its output, the suggestions unreviewed, is a catalog: the macro reads the column.
    let mut cx = kms_errors_catalog::Ctxt::new("calling_suggested.csv");
    let text = expected("calling_suggested.csv");
    let cat = kms_errors_catalog::parse("calling_suggested.csv", &text, None, &mut cx);
    assert!(cx.is_ok());
    assert!(cat
        .codes
        .iter()
        .all(|c| c.rows.iter().all(|r| !r.suggested.is_empty())));
}

/// With `--kinds-from`: kinds filled by hand are carried, never overridden; a kind the
/// catalog marks as suggested stays marked; codes it lacks get suggestions, counted in one
/// summary line.
#[test]
fn suggestions_never_override_a_kind_filled_by_hand() {
    let out = import(&["calling.rst", "--kinds-from", "kinds_suggested.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "status,code,message,description,measure,kind,suggested"
    );
    // Filled by hand: carried without a mark.
    assert!(lines[1].ends_with(",unimplemented,"), "{}", lines[1]);
    assert!(lines[3].ends_with(",out_of_range,"), "{}", lines[3]);
    // Suggested in the catalog: still marked.
    assert!(
        lines[2].ends_with(r#",invalid_argument,"""invalid"" in the description at HTTP 400""#),
        "{}",
        lines[2]
    );
    // Not in the catalog: suggested now.
    assert!(
        lines[6].ends_with(",throttled,high: HTTP 429"),
        "{}",
        lines[6]
    );
    assert_eq!(
        text(&out.stderr),
        "calling.rst: warning: 1 code(s) have no kind in kinds_suggested.csv: `GW.0401`; their \
         kinds are suggested\n\
         calling.rst: suggested the kind of 1 row(s) from their text; review them (the \
         `suggested` column gives each one's confidence and why; clear it when the kind is \
         right)\n"
    );
}

/// The page's address fills every row's link: `--url`, or `--docs-base` and the page's
/// `:original_name:`; a link the page gives is kept; a bad one is refused.
#[test]
fn the_page_address_is_the_rows_link() {
    let url = |out: &Output| -> Vec<String> {
        let csv = text(&out.stdout);
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let at = header
            .iter()
            .position(|h| *h == "url")
            .expect("a url column");
        lines
            .map(|l| l.rsplit(',').nth(header.len() - 1 - at).unwrap().to_owned())
            .collect()
    };
    let out = convert_with(&["calling.rst", "--docs-base", "https://docs.example/gw"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(url(&out)
        .iter()
        .all(|u| u == "https://docs.example/gw/calling_error_codes.html"));
    let out = convert_with(&["calling.rst", "--url=https://docs.example/errors.html"]);
    assert!(url(&out)
        .iter()
        .all(|u| u == "https://docs.example/errors.html"));
    // A page without `:original_name:`, a bad address, both options.
    let out = convert_with(&["multiline.rst", "--docs-base", "https://docs.example/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no `:original_name:` field"),
        "{}",
        text(&out.stderr)
    );
    let out = convert_with(&["calling.rst", "--url", "docs/errors.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not a link"),
        "{}",
        text(&out.stderr)
    );
    let out = convert_with(&[
        "calling.rst",
        "--url",
        "https://a.example",
        "--docs-base",
        "https://b.example",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

fn import(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("import")
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .output()
        .expect("run kms-errors")
}
