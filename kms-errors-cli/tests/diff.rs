//! `kms-errors diff`: the fixtures in `tests/fixtures/diff/`, each a change of `base.csv` of
//! one kind, compared with it: the verdict, the report's lines, the JSON document and the exit
//! status. And a measurement on reference data outside the repository: the KMS error-code
//! page of 2022 against the one of 2025.

use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kms-errors");

/// Runs `kms-errors diff ARGS` in the fixtures directory, so that the report names the
/// fixtures as `NAME.csv`.
fn diff(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("diff")
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff"))
        .output()
        .expect("run kms-errors diff")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8 output")
}

/// The report for people of `base.csv` against `new`: its summary line, and the rest.
fn report(new: &str) -> (String, String) {
    let out = diff(&["base.csv", new]);
    assert_eq!(out.status.code(), Some(0), "{new}: {}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "{new}");
    let stdout = text(&out.stdout);
    let (summary, rest) = stdout.split_once('\n').expect("a summary line");
    (summary.to_owned(), rest.to_owned())
}

/// The JSON document of `base.csv` against `new`.
fn document(new: &str) -> Value {
    let out = diff(&["--json", "base.csv", new]);
    assert_eq!(out.status.code(), Some(0), "{new}: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{new}: not JSON: {e}"))
}

/// Checks the report of `base.csv` against `new`: the summary's verdict and counts, every line
/// after it, and the JSON document's verdict and changes.
fn check(new: &str, verdict: &str, counts: &str, lines: &str, changed: Value) {
    let v = document(new);
    let (summary, rest) = report(new);
    let sizes = format!("{} codes, {} rows", v["new"]["codes"], v["new"]["rows"]);
    assert_eq!(
        summary,
        format!("verdict: {verdict}; {counts}; base.csv: 7 codes, 8 rows; {new}: {sizes}"),
        "{new}"
    );
    assert_eq!(rest, lines, "{new}");
    let level = verdict.split(' ').next().unwrap();
    assert_eq!(v["verdict"], level, "{new}");
    assert_eq!(v["changed"], changed, "{new}");
    assert_eq!(
        v["old"],
        json!({"name": "base.csv", "codes": 7, "rows": 8}),
        "{new}"
    );
}

/// One entry of `changed`.
fn entry(
    code: &str,
    status: impl Into<Value>,
    row: impl Into<Value>,
    field: &str,
    old: impl Into<Value>,
    new: impl Into<Value>,
    impact: &str,
) -> Value {
    json!({
        "code": code, "status": status.into(), "row": row.into(), "field": field,
        "old": old.into(), "new": new.into(), "impact": impact,
    })
}

const NO_ROW: Value = Value::Null;

#[test]
fn identical_catalogs() {
    // Another delimiter, other header names and column order, an exact duplicate row.
    check(
        "same.csv",
        "none",
        "codes: 0 added, 0 removed, 0 changed; changes: 0; aliases: 0 added, 0 removed",
        "",
        json!([]),
    );
    let v = document("base.csv");
    assert_eq!(v["verdict"], "none");
    assert_eq!(v["semver"], "none");
    assert_eq!(v["reasons"], json!([]));
}

#[test]
fn a_code_added() {
    check(
        "code_added.csv",
        "additive (minor)",
        "codes: 1 added, 0 removed, 0 changed; changes: 0; aliases: 0 added, 0 removed",
        "\nreasons:\n  additive: 1 code added: KMS.0302\n\
         \nadded codes (1):\n  + KMS.0302 403 (variant Kms0302), also written `KMS-0302`\n",
        json!([]),
    );
    let v = document("code_added.csv");
    assert_eq!(
        v["added"],
        json!([{"code": "KMS.0302", "variant": "Kms0302", "statuses": [403], "aliases": ["KMS-0302"]}])
    );
    assert_eq!(v["semver"], "minor");
    assert_eq!(
        v["reasons"],
        json!([{"impact": "additive", "text": "1 code added: KMS.0302"}])
    );
}

#[test]
fn a_code_removed() {
    check(
        "code_removed.csv",
        "breaking (major)",
        "codes: 0 added, 1 removed, 0 changed; changes: 0; aliases: 0 added, 0 removed",
        "\nreasons:\n  breaking: 1 code removed: KMS.1104\n\
         \nremoved codes (1):\n  - KMS.1104 409 (variant Kms1104)\n",
        json!([]),
    );
    let v = document("code_removed.csv");
    assert_eq!(
        v["removed"],
        json!([{"code": "KMS.1104", "variant": "Kms1104", "statuses": [409], "aliases": [], "variant_now_of": null}])
    );
}

#[test]
fn a_status_added() {
    // An error received with KMS.0201 and 404 read the first row (no kind declared): not
    // found by its status, as the new row says.
    check(
        "status_added.csv",
        "additive (minor)",
        "codes: 0 added, 0 removed, 1 changed; changes: 1; aliases: 0 added, 0 removed",
        "\nreasons:\n  additive: 1 status added: KMS.0201 404\n\
         \nchanges (1):\n  + KMS.0201 404 status added  [additive]\n",
        json!([entry(
            "KMS.0201", 404, NO_ROW, "status", NO_ROW, 404, "additive"
        )]),
    );
}

#[test]
fn a_status_removed() {
    // An error received with KMS.0205 and 404 now reads the first row, declared
    // `invalid_argument`.
    check(
        "status_removed.csv",
        "breaking (major)",
        "codes: 0 added, 0 removed, 1 changed; changes: 3; aliases: 0 added, 0 removed",
        "\nreasons:\n  breaking: 1 status removed: KMS.0205 404\n  \
         breaking: kind changed (1): KMS.0205 404\n  \
         breaking: not found changed (1): KMS.0205 404\n\
         \nchanges (3):\n  - KMS.0205 404 status removed  [breaking]\n  \
         ~ KMS.0205 404 kind: not_found -> invalid_argument  [breaking]\n  \
         ~ KMS.0205 404 not found: yes -> no  [breaking]\n",
        json!([
            entry("KMS.0205", 404, NO_ROW, "status", 404, NO_ROW, "breaking"),
            entry(
                "KMS.0205",
                404,
                NO_ROW,
                "kind",
                "not_found",
                "invalid_argument",
                "breaking"
            ),
            entry(
                "KMS.0205",
                404,
                NO_ROW,
                "not_found",
                true,
                false,
                "breaking"
            ),
        ]),
    );
}

#[test]
fn a_declared_kind_changed() {
    check(
        "kind_declared.csv",
        "breaking (major)",
        "codes: 0 added, 0 removed, 1 changed; changes: 3; aliases: 0 added, 0 removed",
        "\nreasons:\n  breaking: kind changed (1): KMS.0205 404\n  \
         breaking: not found changed (1): KMS.0205 404\n  \
         text-only: kind cell changed (1): KMS.0205 404\n\
         \nchanges (3):\n  ~ KMS.0205 404 kind: not_found -> failed_precondition  [breaking]\n  \
         ~ KMS.0205 404 not found: yes -> no  [breaking]\n  \
         ~ KMS.0205 404 kind cell: not_found -> failed_precondition  [text-only]\n",
        json!([
            entry(
                "KMS.0205",
                404,
                NO_ROW,
                "kind",
                "not_found",
                "failed_precondition",
                "breaking"
            ),
            entry(
                "KMS.0205",
                404,
                NO_ROW,
                "not_found",
                true,
                false,
                "breaking"
            ),
            entry(
                "KMS.0205",
                404,
                1,
                "declared_kind",
                "not_found",
                "failed_precondition",
                "text-only"
            ),
        ]),
    );
}

#[test]
fn a_kind_changed_by_its_status() {
    // KMS.0201's only row goes from 400 to 404, without a kind: `ErrorCode::kind()` follows
    // the status. An error received with 400 or 404 decides as before (both by status).
    check(
        "kind_by_status.csv",
        "breaking (major)",
        "codes: 0 added, 0 removed, 1 changed; changes: 4; aliases: 0 added, 0 removed",
        "\nreasons:\n  breaking: first status (ErrorCode::status()) changed (1): KMS.0201 (code)\n  \
         breaking: kind of the code (ErrorCode::kind()) changed (1): KMS.0201 (code)\n  \
         breaking: 1 status removed: KMS.0201 400\n  \
         additive: 1 status added: KMS.0201 404\n\
         \nchanges (4):\n  \
         ~ KMS.0201 (code) first status (ErrorCode::status()): 400 -> 404  [breaking]\n  \
         ~ KMS.0201 (code) kind of the code (ErrorCode::kind()): invalid_argument -> not_found  [breaking]\n  \
         + KMS.0201 404 status added  [additive]\n  \
         - KMS.0201 400 status removed  [breaking]\n",
        json!([
            entry("KMS.0201", NO_ROW, NO_ROW, "first_status", 400, 404, "breaking"),
            entry("KMS.0201", NO_ROW, NO_ROW, "code_kind", "invalid_argument", "not_found", "breaking"),
            entry("KMS.0201", 404, NO_ROW, "status", NO_ROW, 404, "additive"),
            entry("KMS.0201", 400, NO_ROW, "status", 400, NO_ROW, "breaking"),
        ]),
    );
}

#[test]
fn a_throttling_row() {
    check(
        "throttled.csv",
        "breaking (major)",
        "codes: 0 added, 0 removed, 1 changed; changes: 5; aliases: 0 added, 0 removed",
        "\nreasons:\n  breaking: kind at the statuses it does not document changed (1): KMS.2003 (code)\n  \
         breaking: kind changed (1): KMS.2003 400\n  \
         breaking: retry changed (1): KMS.2003 400\n  \
         breaking: throttled changed (1): KMS.2003 400\n  \
         text-only: kind cell changed (1): KMS.2003 400\n\
         \nchanges (5):\n  \
         ~ KMS.2003 (code) kind at the statuses it does not document: (by status) -> throttled  [breaking]\n  \
         ~ KMS.2003 400 kind: invalid_argument -> resource_exhausted  [breaking]\n  \
         ~ KMS.2003 400 retry: no -> throttled  [breaking]\n  \
         ~ KMS.2003 400 throttled: no -> yes  [breaking]\n  \
         ~ KMS.2003 400 kind cell: (by status) -> throttled  [text-only]\n",
        json!([
            entry("KMS.2003", NO_ROW, NO_ROW, "other_statuses", NO_ROW, "throttled", "breaking"),
            entry("KMS.2003", 400, NO_ROW, "kind", "invalid_argument", "resource_exhausted", "breaking"),
            entry("KMS.2003", 400, NO_ROW, "retry", "no", "throttled", "breaking"),
            entry("KMS.2003", 400, NO_ROW, "throttled", false, true, "breaking"),
            entry("KMS.2003", 400, 1, "declared_kind", NO_ROW, "throttled", "text-only"),
        ]),
    );
}

#[test]
fn a_retry_decision_changed() {
    check(
        "retry.csv",
        "breaking (major)",
        "codes: 0 added, 0 removed, 1 changed; changes: 4; aliases: 0 added, 0 removed",
        "\nreasons:\n  breaking: kind at the statuses it does not document changed (1): KMS.0101 (code)\n  \
         breaking: kind changed (1): KMS.0101 500\n  \
         breaking: retry changed (1): KMS.0101 500\n  \
         text-only: kind cell changed (1): KMS.0101 500\n\
         \nchanges (4):\n  \
         ~ KMS.0101 (code) kind at the statuses it does not document: (by status) -> unavailable  [breaking]\n  \
         ~ KMS.0101 500 kind: internal -> unavailable  [breaking]\n  \
         ~ KMS.0101 500 retry: if_idempotent -> yes  [breaking]\n  \
         ~ KMS.0101 500 kind cell: (by status) -> unavailable  [text-only]\n",
        json!([
            entry("KMS.0101", NO_ROW, NO_ROW, "other_statuses", NO_ROW, "unavailable", "breaking"),
            entry("KMS.0101", 500, NO_ROW, "kind", "internal", "unavailable", "breaking"),
            entry("KMS.0101", 500, NO_ROW, "retry", "if_idempotent", "yes", "breaking"),
            entry("KMS.0101", 500, 1, "declared_kind", NO_ROW, "unavailable", "text-only"),
        ]),
    );
}

#[test]
fn texts_changed() {
    check(
        "texts.csv",
        "text-only (patch)",
        "codes: 0 added, 0 removed, 2 changed; changes: 2; aliases: 0 added, 0 removed",
        "\nreasons:\n  text-only: message changed (1): KMS.0201 400\n  \
         text-only: measure changed (1): KMS.0101 500\n\
         \nchanges (2):\n  \
         ~ KMS.0201 400 message: \"Invalid request URL.\" -> \"The request URL is invalid.\"  [text-only]\n  \
         ~ KMS.0101 500 measure: \"Try again later or contact customer support.\" -> \"Try again later or contact **customer support**.\"  [text-only]\n",
        json!([
            entry("KMS.0201", 400, 1, "message", "Invalid request URL.", "The request URL is invalid.", "text-only"),
            entry(
                "KMS.0101", 500, 1, "measure",
                "Try again later or contact customer support.",
                "Try again later or contact **customer support**.",
                "text-only",
            ),
        ]),
    );
}

#[test]
fn a_link_changed() {
    check(
        "link.csv",
        "text-only (patch)",
        "codes: 0 added, 0 removed, 1 changed; changes: 1; aliases: 0 added, 0 removed",
        "\nreasons:\n  text-only: link changed (1): KMS.0301 403\n\
         \nchanges (1):\n  \
         ~ KMS.0301 403 link: \"https://docs.example/kms/0301\" -> \"https://docs.example/kms/errors#0301\"  [text-only]\n",
        json!([entry(
            "KMS.0301", 403, 1, "url",
            "https://docs.example/kms/0301", "https://docs.example/kms/errors#0301",
            "text-only",
        )]),
    );
}

#[test]
fn an_alias_added() {
    check(
        "alias_added.csv",
        "additive (minor)",
        "codes: 0 added, 0 removed, 1 changed; changes: 0; aliases: 1 added, 0 removed",
        "\nreasons:\n  additive: 1 alias added: KMS.0201 `KMS-0201`\n\
         \naliases (1):\n  + KMS.0201 alias `KMS-0201`  [additive]\n",
        json!([]),
    );
    let v = document("alias_added.csv");
    assert_eq!(
        v["aliases"],
        json!({"added": [{"code": "KMS.0201", "alias": "KMS-0201"}], "removed": []})
    );
}

#[test]
fn an_alias_removed() {
    check(
        "alias_removed.csv",
        "breaking (major)",
        "codes: 0 added, 0 removed, 1 changed; changes: 0; aliases: 0 added, 1 removed",
        "\nreasons:\n  breaking: 1 alias removed: KMS.0205 `KMS-0205`\n\
         \naliases (1):\n  - KMS.0205 alias `KMS-0205`  [breaking]\n",
        json!([]),
    );
    let v = document("alias_removed.csv");
    assert_eq!(
        v["aliases"],
        json!({"added": [], "removed": [{"code": "KMS.0205", "alias": "KMS-0205"}]})
    );
}

#[test]
fn the_first_status_changed() {
    // KMS.0205's rows swapped: `ErrorCode::status()` and `kind()` read the other row, and so
    // do errors received with a status the code does not document (its declared kind).
    check(
        "first_status.csv",
        "breaking (major)",
        "codes: 0 added, 0 removed, 1 changed; changes: 3; aliases: 0 added, 0 removed",
        "\nreasons:\n  breaking: first status (ErrorCode::status()) changed (1): KMS.0205 (code)\n  \
         breaking: kind of the code (ErrorCode::kind()) changed (1): KMS.0205 (code)\n  \
         breaking: kind at the statuses it does not document changed (1): KMS.0205 (code)\n\
         \nchanges (3):\n  \
         ~ KMS.0205 (code) first status (ErrorCode::status()): 400 -> 404  [breaking]\n  \
         ~ KMS.0205 (code) kind of the code (ErrorCode::kind()): invalid_argument -> not_found  [breaking]\n  \
         ~ KMS.0205 (code) kind at the statuses it does not document: invalid_argument -> not_found  [breaking]\n",
        json!([
            entry("KMS.0205", NO_ROW, NO_ROW, "first_status", 400, 404, "breaking"),
            entry("KMS.0205", NO_ROW, NO_ROW, "code_kind", "invalid_argument", "not_found", "breaking"),
            entry("KMS.0205", NO_ROW, NO_ROW, "other_statuses", "invalid_argument", "not_found", "breaking"),
        ]),
    );
}

#[test]
fn a_page_against_the_same_rows_in_csv() {
    // page.txt is page.rst under another extension: an RST page by its content.
    for (old, new) in [
        ("page.csv", "page.rst"),
        ("page.rst", "page.csv"),
        ("page.rst", "page.txt"),
    ] {
        let out = diff(&[old, new]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            format!(
                "verdict: none; codes: 0 added, 0 removed, 0 changed; changes: 0; aliases: 0 added, \
                 0 removed; {old}: 3 codes, 4 rows; {new}: 3 codes, 4 rows\n"
            )
        );
        assert_eq!(text(&out.stderr), "");
    }
    // The page has no kind or alias column: against base.csv, the declared kinds and the
    // alias of KMS.0205 are gone, as are the codes the page lacks.
    let out = diff(&["base.csv", "page.txt", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["verdict"], "breaking");
    assert_eq!(v["removed"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        v["aliases"]["removed"],
        json!([{"code": "KMS.0205", "alias": "KMS-0205"}])
    );
}

#[test]
fn fail_on() {
    let status = |args: &[&str]| diff(args).status.code();
    assert_eq!(
        status(&["--fail-on", "breaking", "base.csv", "code_removed.csv"]),
        Some(3)
    );
    assert_eq!(
        status(&["--fail-on", "breaking", "base.csv", "code_added.csv"]),
        Some(0)
    );
    assert_eq!(
        status(&["--fail-on=additive", "base.csv", "code_added.csv"]),
        Some(3)
    );
    assert_eq!(
        status(&["--fail-on=text-only", "base.csv", "link.csv", "--json"]),
        Some(3)
    );
    assert_eq!(
        status(&["--fail-on=text-only", "base.csv", "same.csv"]),
        Some(0)
    );
    // The report is written all the same.
    let out = diff(&["--fail-on", "breaking", "base.csv", "code_removed.csv"]);
    assert!(text(&out.stdout).starts_with("verdict: breaking (major); "));
}

#[test]
fn input_errors_exit_1() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["base.csv", "invalid.csv"],
            "invalid.csv:3:1: column `status`: `4O4` is not an HTTP status (expected a number \
             such as `404`, optionally followed by a reason or `/` and more statuses)\n",
        ),
        (
            &["invalid.rst", "base.csv"],
            "invalid.rst:6: row `a.b`: column `code`: `a.b` derives the variant name `AB`, as \
             does `A-B` on line 4; variant names must be distinct\n\
             invalid.rst: the converted catalog fails the kms-errors catalog checks (1 error(s) above)\n",
        ),
        (
            &["missing.csv", "base.csv"],
            "missing.csv: cannot read the catalog: no such file\n",
        ),
    ];
    for (args, want) in cases {
        let out = diff(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(text(&out.stdout), "", "{args:?}");
        assert_eq!(text(&out.stderr), *want, "{args:?}");
    }
    // Both inputs are read: the errors of both are reported.
    let out = diff(&["invalid.rst", "invalid.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.starts_with("invalid.rst:6: ") && err.contains("\ninvalid.csv:3:1: "));
    // A file whose kind is told by its content, unreadable.
    let out = diff(&["missing.txt", "base.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("missing.txt: cannot read: "));
}

#[test]
fn usage_errors_exit_2() {
    let cases: &[&[&str]] = &[
        &[],
        &["base.csv"],
        &["base.csv", "same.csv", "link.csv"],
        &["--bogus", "base.csv", "same.csv"],
        &["base.csv", "same.csv", "--fail-on", "major"],
        &["base.csv", "same.csv", "--fail-on"],
    ];
    for args in cases {
        let out = diff(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stdout), "", "{args:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with("kms-errors diff: "), "{args:?}: {err}");
        assert!(err.contains("usage: kms-errors diff OLD NEW"), "{err}");
    }
    let out = diff(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout)
        .starts_with("usage: kms-errors diff OLD NEW [--json] [--fail-on LEVEL]\n"));
}

/// The KMS error-code page of 2022, relative to the workspace root.
const KMS_2022: &str =
    "../shared/real-catalogs/history/key-management-service-error_code-4aab20a.rst";
/// The KMS error-code page of 2025 (`catalog.csv` is converted from it), an RST page with the
/// extension `.txt`, relative to the workspace root.
const KMS_2025: &str = "../shared/seed/000_c3014c75c0fef11c.txt";

/// A measurement on reference data outside the repository, where it is: the KMS page of
/// 2022 against that of 2025. 117 codes are added and none removed (68 codes, then 185); the
/// rest is printed (on standard error, past libtest's capture) for quoting.
#[test]
fn kms_page_2022_to_2025() {
    let mut stderr = std::io::stderr();
    for (path, shown) in [
        (
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/real-catalogs/history/key-management-service-error_code-4aab20a.rst"
            ),
            KMS_2022,
        ),
        (
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/seed/000_c3014c75c0fef11c.txt"
            ),
            KMS_2025,
        ),
    ] {
        if !Path::new(path).is_file() {
            let _ = writeln!(stderr, "skipped: {shown} is absent");
            return;
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let run = |json: bool| {
        let mut cmd = Command::new(BIN);
        cmd.arg("diff").current_dir(&root);
        if json {
            cmd.arg("--json");
        }
        let out = cmd
            .args([KMS_2022, KMS_2025])
            .output()
            .expect("run kms-errors diff");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        out
    };
    let v: Value = serde_json::from_slice(&run(true).stdout).expect("JSON");
    assert_eq!(v["old"]["codes"], 68);
    assert_eq!(v["new"]["codes"], 185);
    assert_eq!(v["added"].as_array().map(Vec::len), Some(117));
    assert_eq!(v["removed"], json!([]));
    let changed = v["changed"].as_array().expect("changed");
    // No status, kind or decision changed for the 68 codes of 2022.
    assert!(
        changed.iter().all(|c| c["impact"] != "breaking"),
        "{changed:#?}"
    );
    assert_eq!(v["verdict"], "additive");

    let report = String::from_utf8(run(false).stdout).expect("UTF-8");
    let summary = report.lines().next().unwrap_or("");
    assert!(summary.starts_with("verdict: additive (minor); codes: 117 added, 0 removed, "));
    let _ = writeln!(stderr, "\n{KMS_2022} -> {KMS_2025}:\n{summary}");
    let _ = writeln!(stderr, "reasons:");
    for r in v["reasons"].as_array().expect("reasons") {
        let _ = writeln!(
            stderr,
            "  {}: {}",
            r["impact"].as_str().unwrap_or(""),
            r["text"].as_str().unwrap_or("")
        );
    }
    // The rows whose status, kind (by status) or texts changed.
    let _ = writeln!(stderr, "changed rows:");
    let change = |l: &&str| {
        l.starts_with("  ~ ")
            || (l.starts_with("  + ") || l.starts_with("  - ")) && l.contains(" status ")
    };
    for line in report.lines().filter(change) {
        let _ = writeln!(stderr, "{line}");
    }
}
