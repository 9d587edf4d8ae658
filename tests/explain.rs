//! Runs `examples/explain.rs` and checks its output and exit status.

mod common;

use kms_errors::ErrorCode;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

fn explain_exe() -> &'static PathBuf {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| common::example_exe("explain"))
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(explain_exe())
        .args(args)
        .output()
        .expect("run the example");
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
    let r = run(&[]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("Usage:"), "{}", r.stderr);

    for flag in ["--help", "-h"] {
        let r = run(&[flag]);
        assert_eq!(r.code, Some(0), "{flag}");
        assert_eq!(r.stderr, "");
        assert!(r.stdout.contains("Usage:"), "{}", r.stdout);
        assert!(r.stdout.contains("--all"), "{}", r.stdout);
    }

    for args in [
        &["abc", "KMS.0207"][..],
        &["70000", "KMS.0207"],
        &["--bogus"],
        &["--all", "KMS.0207"],
        &["404", "KMS.0207", "extra"],
    ] {
        let r = run(args);
        assert_eq!(r.code, Some(2), "{args:?}");
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(r.stderr.starts_with("error: "), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("Usage:"), "{args:?}: {}", r.stderr);
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
