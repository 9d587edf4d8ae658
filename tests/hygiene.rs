//! The hygiene cases of the trybuild suite (`tests/ui/pass/hygiene_*.rs`) outside trybuild:
//! linted by clippy, and built and run under editions 2018, 2021 and 2024, through the
//! standalone workspace `tests/hygiene-crate/` (one package per edition, all built from the
//! same sources, with every feature of `kms-errors`). Cargo runs offline with its own target
//! directory under this workspace's `target/`, so only the first run builds the macro's and
//! the features' dependencies (about 20 s); later runs take well under a second.
//!
//! Like rustc, clippy leaves most lints unreported inside the expansion of a macro from
//! another crate: the check shows what a user of the macro sees with these lints denied,
//! not a lint of the generated code as if written by hand.
//!
//! Tests that began as known bugs (now fixed) say so in their docs.

mod common;
use common::{cargo, check, facade_path, probe_crate, target_dir, ROOT};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The hygiene workspace's manifest, after giving it the repository's lock file (the same
/// dependency versions, so all in the local cache; cargo prunes the copy, which git
/// ignores). Done once per run: the tests that use it run in parallel.
fn hygiene_manifest() -> PathBuf {
    static LOCK: std::sync::Once = std::sync::Once::new();
    let dir = Path::new(ROOT).join("tests/hygiene-crate");
    LOCK.call_once(|| {
        std::fs::copy(Path::new(ROOT).join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    });
    dir.join("Cargo.toml")
}

#[test]
fn hygiene_cases_pass_clippy_pedantic() {
    let out = cargo(
        &hygiene_manifest(),
        &["clippy", "--workspace", "--all-targets", "--quiet"],
    )
    .args(["--", "-D", "warnings", "-D", "clippy::pedantic"])
    .output()
    .expect("cargo runs");
    check("cargo clippy -- -D warnings -D clippy::pedantic", &out);
}

#[test]
fn hygiene_cases_run_under_editions_2018_2021_2024() {
    let out = cargo(
        &hygiene_manifest(),
        &["build", "--workspace", "--bins", "--quiet"],
    )
    .output()
    .expect("cargo runs");
    check("cargo build", &out);
    for edition in ["2018", "2021", "2024"] {
        let bin = target_dir()
            .join("debug")
            .join(format!("hygiene-{edition}{}", std::env::consts::EXE_SUFFIX));
        let out = Command::new(&bin).output().expect("the binary runs");
        check(&format!("edition {edition}"), &out);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "hygiene cases passed\n",
            "edition {edition}"
        );
    }
}

#[test]
/// Found as a bug: the expansion named the facade `::kms_errors`; `kms_errors::kms_errors!`
/// now passes `$crate`.
fn renamed_facade_dependency() {
    let manifest = probe_crate(
        "renamed-facade",
        &format!("errs = {{ package = \"kms-errors\", path = {:?} }}", facade_path()),
        &[(
            "src/lib.rs",
            "//! The facade under another name.\n\
             errs::kms_errors!(\"tests/ui/catalogs/hygiene.csv\");\n\
             #[test]\nfn works() {\n    assert_eq!(KmsError::from((400, \"HYG.0001\")), ErrorCode::Hyg0001);\n}\n",
        )],
    );
    let out = cargo(&manifest, &["check", "--quiet"])
        .output()
        .expect("cargo runs");
    check("cargo check with the facade renamed to `errs`", &out);
}

#[test]
/// Found as a bug: bidirectional controls reached the rustdoc; docs now show U+FFFD.
fn docs_have_no_bidi_controls() {
    let manifest = probe_crate(
        "bidi_docs",
        &format!("kms-errors = {{ path = {:?} }}", facade_path()),
        &[(
            "src/lib.rs",
            "//! Docs of a catalog with direction overrides.\n\
             kms_errors::kms_errors!(\"tests/ui/catalogs/injection.csv\");\n",
        )],
    );
    let out = cargo(&manifest, &["doc", "--no-deps", "--quiet"])
        .output()
        .expect("cargo runs");
    check("cargo doc", &out);
    let html = std::fs::read_to_string(target_dir().join("doc/bidi_docs/enum.ErrorCode.html"))
        .expect("the enum's page");
    let bidi: Vec<String> = html
        .char_indices()
        .filter(|(_, c)| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .map(|(i, c)| format!("U+{:04X} at byte {i}", u32::from(c)))
        .collect();
    assert!(bidi.is_empty(), "bidi controls in the rustdoc: {bidi:?}");
}

#[test]
/// The generated types' accessors are their own: rustdoc lists them as inherent methods
/// (`const fn` where they are), with no "Methods from Deref" section and no `Deref` impl.
fn docs_list_inherent_methods_without_deref() {
    let manifest = probe_crate(
        "api_docs",
        &format!("kms-errors = {{ path = {:?} }}", facade_path()),
        &[(
            "src/lib.rs",
            "//! A catalog's generated API.\n\
             kms_errors::kms_errors!(path = \"tests/ui/catalogs/iam_like.csv\", error = IamError, code = IamCode);\n",
        )],
    );
    let out = cargo(&manifest, &["doc", "--no-deps", "--quiet"])
        .output()
        .expect("cargo runs");
    check("cargo doc", &out);
    let page = |name: &str| {
        std::fs::read_to_string(target_dir().join("doc/api_docs").join(name)).expect("a page")
    };
    let inherent = |html: &str, method: &str, konst: bool| {
        let head = format!(
            "pub {}fn <a href=\"#method.{method}\"",
            if konst { "const " } else { "" }
        );
        assert!(html.contains(&head), "no inherent `{head}`");
    };
    for (file, methods, non_const) in [
        (
            "enum.IamCode.html",
            &[
                "from_code",
                "as_str",
                "name",
                "status",
                "has_status",
                "kind",
                "message",
                "description",
                "measure",
                "doc_url",
                "rows",
            ][..],
            &[][..],
        ),
        (
            "struct.IamError.html",
            &[
                "status",
                "code",
                "code_str",
                "message",
                "description",
                "measure",
                "doc_url",
                "is_documented",
                "kind",
                "is_client_error",
                "is_server_error",
                "is_throttled",
                "is_quota_exceeded",
                "is_retryable",
                "is_retryable_for",
                "is_not_found",
                "is_conflict",
            ][..],
            &["new"][..],
        ),
    ] {
        let html = page(file);
        assert!(!html.contains("Methods from"), "{file}: a Deref section");
        assert!(!html.contains("impl-Deref"), "{file}: a Deref impl");
        for m in methods {
            inherent(&html, m, true);
        }
        for m in non_const {
            inherent(&html, m, false);
        }
    }
}
