//! Runs `kms-errors explain` and checks its output and exit status: the bundled catalog (the
//! checks of the former `examples/explain.rs`, kept), one's own (`--catalog`, the fixture
//! `tests/fixtures/explain_iam.csv`: a link, an alias, a throttling row, a code of several
//! rows, a quota), and, for every row of the bundled tables, the kind, retry advice, texts
//! and link the tool shows against what `kms_errors::KmsError` says at run time.

use kms_errors::{ErrorCode, KmsError, Retry};
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kms-errors");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `kms-errors explain ARGS...` in the current directory.
fn run(args: &[&str]) -> Run {
    explain(Command::new(BIN).arg("explain").args(args))
}

/// Runs the command and reads what it printed.
fn explain(command: &mut Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("run kms-errors explain");
    Run {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(stderr).expect("UTF-8 stderr"),
    }
}

#[test]
fn known_code() {
    let r = run(&["KMS.0207"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        "\
Code:        KMS.0207
Variant:     ErrorCode::Kms0207
HTTP status: 404
Message:     The key does not exist.
Description: The key does not exist.
Measure:     Choose a valid key or create a key.
Kind:        not_found
Retry:       no
Docs:        https://docs.otc.t-systems.com/key-management-service/api-ref/appendix/error_code.html
"
    );
}

#[test]
fn kind_retry_advice_and_link() {
    for (args, kind, retry) in [
        (
            &["KMS.1105"][..],
            "resource_exhausted",
            "no: a quota is exhausted; free resources or raise the quota",
        ),
        (
            &["KMS.0104"],
            "unavailable",
            "yes, also a request that is not idempotent (it did not take effect)",
        ),
        (
            &["KMS.0101"],
            "internal",
            "only an idempotent request (one that is not may have taken effect)",
        ),
        (
            &["429", "KMS.1105"],
            "resource_exhausted",
            "yes, after the server's Retry-After (throttled)",
        ),
        (&["400", "KMS.0101"], "internal", "no"),
    ] {
        let r = run(args);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(
            r.stdout.contains(&format!("\nKind:        {kind}\n")),
            "{args:?}: {}",
            r.stdout
        );
        assert!(
            r.stdout.contains(&format!("\nRetry:       {retry}\n")),
            "{args:?}: {}",
            r.stdout
        );
        assert!(r.stdout.ends_with("\nDocs:        https://docs.otc.t-systems.com/key-management-service/api-ref/appendix/error_code.html\n"), "{args:?}: {}", r.stdout);
    }
}

#[test]
fn known_code_with_bold_markup_and_commas() {
    let r = run(&["CSMS.0103"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("\nHTTP status: 400\n"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("\nMeasure:     Ensure that the secret is in Enabled or Disabled state.\n"),
        "{}",
        r.stdout
    );

    let r = run(&["KMS.1901"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "\nDescription: datakey_length must be in the range of 8 bits to 8,192 bits.\n"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn status_and_code() {
    let r = run(&["404", "KMS.0207"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(r.stdout, run(&["KMS.0207"]).stdout);
    assert!(!r.stdout.contains("not documented"));

    let r = run(&["500", "KMS.0207"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "\
Code:        KMS.0207
Variant:     ErrorCode::Kms0207
HTTP status: 500 (not documented for KMS.0207 in the catalog; documented: 404)
Message:     The key does not exist.
Description: The key does not exist.
Measure:     Choose a valid key or create a key.
Kind:        not_found
Retry:       no
Docs:        https://docs.otc.t-systems.com/key-management-service/api-ref/appendix/error_code.html
"
    );
}

#[test]
fn unknown_code() {
    let r = run(&["KMS.9999"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: `KMS.9999` is not an error code of the catalog\n"
    );

    let r = run(&["404", "KMS.9999"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("`KMS.9999` is not an error code"),
        "{}",
        r.stderr
    );
}

#[test]
fn unknown_code_suggestions() {
    // Same code but for case and surrounding white space.
    for input in ["kms.0207", " KMS.0207", "Kms.0207 "] {
        let r = run(&[input]);
        assert_eq!(r.code, Some(1), "{input:?}");
        assert_eq!(r.stdout, "");
        assert!(
            r.stderr.ends_with("\ndid you mean `KMS.0207`?\n"),
            "{input:?}: {}",
            r.stderr
        );
    }
    // One edit away.
    let r = run(&["KMS.207"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.ends_with("\ndid you mean `KMS.0207`?\n"),
        "{}",
        r.stderr
    );
    let r = run(&["CSMS0101"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.ends_with("\ndid you mean `CSMS.0101`?\n"),
        "{}",
        r.stderr
    );
    // Nothing close.
    let r = run(&["NOPE"]);
    assert_eq!(r.code, Some(1));
    assert!(!r.stderr.contains("did you mean"), "{}", r.stderr);
}

#[test]
fn all() {
    let r = run(&["--all"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let lines: Vec<&str> = r.stdout.lines().collect();
    // Both bundled tables: 185 KMS and CSMS rows, then 71 gateway rows.
    assert_eq!(lines.len(), 1 + 185 + 71);
    assert_eq!(lines[0], "STATUS  CODE       MESSAGE");
    assert_eq!(
        lines[1],
        "400     CSMS.0002  The value of parameter is invalid."
    );
    assert_eq!(
        lines[185],
        "503     KMS.0104   A system exception occurred. Contact technical support."
    );
    assert_eq!(
        lines[186],
        "404     APIG.0101  The API does not exist or has not been published in the environment."
    );
    assert_eq!(
        lines[256],
        "400     APIG.1009  AppKey or AppSecret is invalid"
    );
    // One line per catalog row, in catalog order, with the message column aligned.
    let column = lines[0].find("MESSAGE").unwrap();
    let rows = ErrorCode::ALL
        .iter()
        .flat_map(|&c| c.rows().map(move |r| (c, r)));
    for (line, (c, row)) in lines[1..].iter().zip(rows) {
        let (status, message) = (row.status(), row.message());
        let (shown, rest) = line.split_at(8);
        assert_eq!(shown.trim_end(), status.to_string(), "{line}");
        assert_eq!(rest[..column - 8].trim_end(), c.as_str(), "{line}");
        assert_eq!(&line[column..], message, "{line}");
        assert!(line[..column].ends_with("  "), "{line}");
    }
}

#[test]
fn usage() {
    for flag in ["--help", "-h"] {
        let r = run(&[flag]);
        assert_eq!(r.code, Some(0), "{flag}");
        assert_eq!(r.stderr, "");
        assert!(
            r.stdout.starts_with("usage: kms-errors explain "),
            "{}",
            r.stdout
        );
        assert!(r.stdout.contains("--all"), "{}", r.stdout);
    }

    for args in [
        &[][..],
        &["abc", "KMS.0207"],
        &["70000", "KMS.0207"],
        &["--bogus"],
        &["--all", "KMS.0207"],
        &["404", "KMS.0207", "extra"],
    ] {
        let r = run(args);
        assert_eq!(r.code, Some(2), "{args:?}");
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(
            r.stderr.starts_with("kms-errors explain: "),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("usage: kms-errors explain "),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn gateway_codes_in_either_spelling() {
    let r = run(&["APIGW.0301"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "\
Code:        APIGW.0301 (the catalog writes it APIG.0301)
Variant:     ErrorCode::Apig0301
HTTP status: 401
Message:     Incorrect IAM authentication information.
Description: The IAM authentication details are incorrect.
Measure:     Check whether the token is correct.
Kind:        unauthenticated
Retry:       no
Docs:        https://docs.otc.t-systems.com/api-gateway/umn/published_api_calling/error_codes.html
"
    );
    // A wrong endpoint is not a missing key; as received with its status.
    let r = run(&["404", "APIG.0101"]);
    assert!(
        r.stdout
            .contains("Kind:        unimplemented\nRetry:       no\n"),
        "{}",
        r.stdout
    );
    // One code, seven rows: the retry advice of each.
    let r = run(&["APIGW.0201"]);
    assert!(r
        .stdout
        .starts_with("Code:        APIGW.0201 (the catalog writes it APIG.0201)\n"));
    assert!(r
        .stdout
        .contains("HTTP status: 400, 413, 414, 494, 502, 504, 500\n"));
    for (status, kind, retry) in [
        (
            502,
            "unavailable",
            "yes, also a request that is not idempotent (it did not take effect)",
        ),
        (
            504,
            "deadline_exceeded",
            "only an idempotent request (one that is not may have taken effect)",
        ),
        (413, "out_of_range", "no"),
    ] {
        let section = r
            .stdout
            .split(&format!("\nHTTP {status}:\n"))
            .nth(1)
            .unwrap();
        let section = section.split("\n\n").next().unwrap();
        assert!(
            section.contains(&format!("  Kind:        {kind}\n  Retry:       {retry}")),
            "{section}"
        );
    }
    let r = run(&["429", "APIGW.0308"]);
    assert!(
        r.stdout
            .contains("Retry:       yes, after the server's Retry-After (throttled)"),
        "{}",
        r.stdout
    );
    let r = run(&["405", "APIG.0501"]);
    assert!(
        r.stdout.contains("Retry:       no: a quota is exhausted"),
        "{}",
        r.stdout
    );
}

// ---- one's own catalog ----

/// Runs `explain --catalog explain_iam.csv ARGS...` in the fixtures directory, so the
/// catalog is named as it is given.
fn run_own(args: &[&str]) -> Run {
    explain(
        Command::new(BIN)
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
            .args(["explain", "--catalog", "explain_iam.csv"])
            .args(args),
    )
}

#[test]
fn own_catalog() {
    let r = run_own(&["IAM.0001"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
    // The code enum is the user's (`code = ...`): the variant's name alone. The row's link.
    assert_eq!(
        r.stdout,
        "\
Code:        IAM.0001
Variant:     Iam0001
HTTP status: 404
Message:     The user does not exist.
Description: No user has this ID.
Measure:     Check the user ID.
Kind:        not_found
Retry:       no
Docs:        https://iam.example/errors#IAM.0001
"
    );
    // No link in the row and no `docs`: no Docs line. The kind from the status.
    let r = run_own(&["IAM.0003"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stdout.contains("Docs:"), "{}", r.stdout);
    assert!(
        r.stdout
            .ends_with("\nKind:        permission_denied\nRetry:       no\n"),
        "{}",
        r.stdout
    );
    // A quota; as received with an undocumented status.
    let r = run_own(&["500", "IAM.0006"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "\nHTTP status: 500 (not documented for IAM.0006 in the catalog; documented: 400)\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with(
            "\nKind:        resource_exhausted\n\
             Retry:       no: a quota is exhausted; free resources or raise the quota\n"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn own_catalog_alias_and_throttling_row() {
    // An alias, and a throttling row (kind cell `throttled`) documented with HTTP 400.
    let r = run_own(&["IAM-RATE"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "\
Code:        IAM-RATE (the catalog writes it IAM.0002)
Variant:     Iam0002
HTTP status: 400
Message:     Request rate exceeded.
Description: The account sends more requests than its rate limit allows.
Measure:     Wait and send the request again.
Kind:        resource_exhausted (throttled)
Retry:       yes, after the server's Retry-After (throttled)
"
    );
    // Received with another status: the row read is still the throttling row.
    let r = run_own(&["503", "IAM.0002"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "\nKind:        resource_exhausted (throttled)\n\
             Retry:       yes, after the server's Retry-After (throttled)\n"
        ),
        "{}",
        r.stdout
    );
    // The alias is the runtime's spelling: exact, case-sensitive.
    let r = run_own(&["iam-rate"]);
    assert_eq!(r.code, Some(1));
}

#[test]
fn own_catalog_code_of_several_rows() {
    let r = run_own(&["IAM.0005"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "\
Code:        IAM.0005
Variant:     Iam0005
HTTP status: 500, 503
Message:     Internal error.
Description: The service failed.
Measure:     Contact technical support.
Kind:        internal
Retry:       only an idempotent request (one that is not may have taken effect)

HTTP 503:
  Message:     The service is busy.
  Description: The service cannot take the request now.
  Measure:     Send the request again later.
  Kind:        unavailable
  Retry:       yes, also a request that is not idempotent (it did not take effect)
"
    );
}

#[test]
fn own_catalog_unknown_codes() {
    // A code of the bundled catalog is not one of one's own.
    let r = run_own(&["KMS.0207"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: `KMS.0207` is not an error code of the catalog\n"
    );
    // Suggestions from one's own codes.
    let r = run_own(&["IAM.001"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.ends_with("\ndid you mean `IAM.0001`?\n"),
        "{}",
        r.stderr
    );
    let r = run_own(&["IAM.000"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .ends_with("\ndid you mean `IAM.0001`, `IAM.0002` or `IAM.0003`?\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn own_catalog_with_a_bundled_table_and_its_table() {
    // `--bundled gateway`: one's own codes and the gateway's, in either spelling.
    let r = run_own(&["--bundled", "gateway", "APIGW.0301"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "Code:        APIGW.0301 (the catalog writes it APIG.0301)\nVariant:     Apig0301\n"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with(
        "\nDocs:        https://docs.otc.t-systems.com/api-gateway/umn/published_api_calling/error_codes.html\n"
    ));
    let r = run_own(&["--bundled", "gateway", "IAM.0004"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("\nKind:        already_exists\n"));
    // Not the KMS table.
    assert_eq!(run_own(&["--bundled", "gateway", "KMS.0207"]).code, Some(1));

    let r = run_own(&["--all"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "\
STATUS  CODE      MESSAGE
404     IAM.0001  The user does not exist.
400     IAM.0002  Request rate exceeded.
403     IAM.0003  Permission denied.
409     IAM.0004  The user already exists.
500     IAM.0005  Internal error.
503     IAM.0005  The service is busy.
400     IAM.0006  The user quota is used up.
"
    );
    let r = run_own(&["--bundled", "gateway", "--all"]);
    assert_eq!(r.stdout.lines().count(), 1 + 7 + 71);
}

#[test]
fn composed_catalogs_and_broken_ones() {
    // Two files composed, as `path = [...]`; a forced delimiter for one's own files.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kms-errors-explain");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let extra = dir.join("extra.csv");
    std::fs::write(&extra, "code|status|message\nIAM.0007|410|Gone.\n").expect("write");
    let extra = extra.to_str().expect("UTF-8 path");
    let r = run_own(&["--catalog", extra, "--delimiter", "|", "IAM.0007"]);
    // `|` applies to every file of one's own: `explain_iam.csv` then has one column.
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    assert!(
        r.stderr
            .starts_with("error: explain_iam.csv:1:1: unknown column"),
        "{}",
        r.stderr
    );
    let semicolons = dir.join("extra_semicolons.csv");
    std::fs::write(&semicolons, "code;status;message\nIAM.0007;410;Gone.\n").expect("write");
    let r = run_own(&["--catalog", semicolons.to_str().unwrap(), "IAM.0007"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("\nHTTP status: 410\nMessage:     Gone.\n"),
        "{}",
        r.stdout
    );
    // A broken catalog: its errors as the macro words them, exit 1.
    let r = run(&["--catalog", "does-not-exist.csv", "A.1"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: does-not-exist.csv: cannot read the catalog: no such file\n"
    );
}

// ---- the runtime's decisions ----

/// The retry advice for a runtime decision, in the tool's words.
fn advice(err: &KmsError) -> &'static str {
    match err.retry() {
        Retry::Throttled => "yes, after the server's Retry-After (throttled)",
        Retry::No if err.is_quota_exceeded() => {
            "no: a quota is exhausted; free resources or raise the quota"
        }
        Retry::No => "no",
        Retry::Yes => "yes, also a request that is not idempotent (it did not take effect)",
        Retry::IfIdempotent => "only an idempotent request (one that is not may have taken effect)",
        other => panic!("a retry decision the test does not know: {other:?}"),
    }
}

/// The value of the `Label:` line of a block.
fn field<'a>(block: &'a str, label: &str) -> Option<&'a str> {
    let prefix = format!("{label}:");
    block
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map(str::trim_start)
}

/// For every row of both bundled tables, as received with its status (and, for every code,
/// with a status it does not document), the tool shows what `KmsError::from((status, code))`
/// says: its kind, its retry decision, its texts and its link. (The bundled tables have no
/// throttling row: no kind is marked `(throttled)`.)
#[test]
fn every_bundled_row_as_the_runtime_decides() {
    let mut checked = 0;
    for &c in ErrorCode::ALL {
        let statuses = c.rows().map(|r| r.status()).chain([599]);
        for status in statuses {
            let err = KmsError::from((status, c.as_str()));
            let r = run(&[&status.to_string(), c.as_str()]);
            assert_eq!(r.code, Some(0), "{status} {c}: {}", r.stderr);
            let at = format!("{status} {c}:\n{}", r.stdout);
            assert_eq!(field(&r.stdout, "Kind"), Some(err.kind().as_str()), "{at}");
            assert_eq!(field(&r.stdout, "Retry"), Some(advice(&err)), "{at}");
            assert_eq!(field(&r.stdout, "Message"), Some(err.message()), "{at}");
            assert_eq!(
                field(&r.stdout, "Description"),
                Some(err.description()),
                "{at}"
            );
            assert_eq!(field(&r.stdout, "Measure"), Some(err.measure()), "{at}");
            assert_eq!(field(&r.stdout, "Docs"), err.doc_url(), "{at}");
            assert_eq!(
                r.stdout.contains("(not documented for "),
                !err.is_documented(),
                "{at}"
            );
            checked += 1;
        }
    }
    // 185 KMS and CSMS rows and 71 gateway rows, and a status none documents per code.
    assert_eq!(checked, 185 + 71 + ErrorCode::ALL.len());
}

/// `--all --json`: every row of the bundled tables, in catalog order, with the variant
/// name, texts, kind, retry decision and link that the generated `ErrorCode` and its rows
/// have at run time.
#[test]
fn all_as_json_is_every_row_as_the_runtime_reads_it() {
    let r = run(&["--all", "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).expect("a JSON array");
    let runtime: Vec<(ErrorCode, kms_errors::Row)> = ErrorCode::ALL
        .iter()
        .flat_map(|&c| c.rows().map(move |row| (c, row)))
        .collect();
    assert_eq!(rows.len(), 256);
    assert_eq!(rows.len(), runtime.len());
    for (json, (code, row)) in rows.iter().zip(&runtime) {
        let text = |k: &str| json[k].as_str().unwrap_or_else(|| panic!("{k} in {json}"));
        assert_eq!(text("code"), code.as_str());
        assert_eq!(text("variant"), format!("{code:?}"));
        assert_eq!(json["status"], row.status());
        assert_eq!(
            [text("message"), text("description"), text("measure")],
            [row.message(), row.description(), row.measure()]
        );
        assert_eq!(text("kind"), row.kind().as_str());
        assert_eq!(text("retry"), row.retry().as_str());
        assert_eq!(
            json["throttled"],
            row.retry() == Retry::Throttled && row.status() != 429
        );
        assert_eq!(json["url"].as_str(), row.doc_url());
    }
    assert_eq!(run(&["--json", "KMS.0207"]).code, Some(2));
}
