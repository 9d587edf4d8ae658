//! Editing a user's catalog rebuilds the crate that expands it, with no `.rs` file touched:
//! a crate generated under `target/` is built and run, its CSV edited (a message changed, a
//! row added), then built and run again. Cargo runs offline with the target directory that
//! `tests/hygiene.rs` uses, so the macro and its dependencies are compiled once.

mod common;
use common::check;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const MAIN_RS: &str = r#"kms_errors::kms_errors!("errors.csv");

fn main() {
    let err = KmsError::from((404, "APP.0001"));
    println!("{} codes; {}", ErrorCode::ALL.len(), err.message());
}
"#;

const BEFORE: &str = "status,code,message\n404,APP.0001,The first message.\n";
const AFTER: &str = "status,code,message\n\
                     404,APP.0001,\"The edited message, with a comma.\"\n\
                     400,APP.0002,A new row.\n";

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

/// Builds the crate `name` (its `src/main.rs` and the catalog `files` under its directory),
/// runs it and expects `before`; then writes `edited` over the file `edit` (only that file)
/// and expects a rebuild that prints `after`; then a build without an edit rebuilds nothing.
fn rebuild_case(
    name: &str,
    main: &str,
    files: &[(&str, &str)],
    (edit, edited): (&str, &str),
    (before, after): (&str, &str),
) {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.join(name);
    let target = tmp.join("standalone");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    write_if_changed(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\nkms-errors = {{ path = {:?} }}\n\n[workspace]\n",
            Path::new(ROOT).join("kms-errors")
        ),
    );
    // The workspace's lock file: the same dependency versions, all in the local cache.
    std::fs::copy(Path::new(ROOT).join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let main_rs = dir.join("src/main.rs");
    write_if_changed(&main_rs, main);
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }

    let build = || {
        let out = Command::new(env!("CARGO"))
            .args(["build", "--offline", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&target)
            .env_remove("KMS_ERRORS_MANIFEST_DIR")
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("CARGO_BUILD_TARGET")
            .output()
            .expect("cargo runs");
        check("cargo build", &out);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let run = || {
        let bin: PathBuf = target
            .join("debug")
            .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
        let out = Command::new(bin).output().expect("the probe runs");
        check("the probe", &out);
        String::from_utf8(out.stdout).unwrap()
    };

    build();
    assert_eq!(run(), before);
    let source_mtime = std::fs::metadata(&main_rs).unwrap().modified().unwrap();

    std::fs::write(dir.join(edit), edited).unwrap();
    let log = build();
    assert!(
        log.contains(&format!("Compiling {name}")),
        "the edited catalog did not rebuild the crate:\n{log}"
    );
    assert_eq!(
        run(),
        after,
        "the rebuilt crate does not have the edited catalog"
    );
    // Only the catalog changed.
    assert_eq!(
        std::fs::metadata(&main_rs).unwrap().modified().unwrap(),
        source_mtime
    );
    // And nothing is rebuilt without an edit.
    let log = build();
    assert!(
        !log.contains("Compiling"),
        "rebuilt without an edit:\n{log}"
    );
}

#[test]
fn editing_the_catalog_rebuilds_the_crate() {
    rebuild_case(
        "rebuild-probe",
        MAIN_RS,
        &[("errors.csv", BEFORE)],
        ("errors.csv", AFTER),
        (
            "1 codes; The first message.\n",
            "2 codes; The edited message, with a comma.\n",
        ),
    );
}

#[test]
fn editing_any_file_of_a_composed_catalog_rebuilds_the_crate() {
    const MAIN: &str = r#"kms_errors::kms_errors!(path = ["errors.csv", "more.csv"], bundled = "gateway");

fn main() {
    let err = KmsError::from((409, "APP.0009"));
    println!("{} codes; {}", ErrorCode::ALL.len(), err.message());
}
"#;
    rebuild_case(
        "rebuild-composed",
        MAIN,
        &[
            ("errors.csv", BEFORE),
            ("more.csv", "code;status;message\nAPP.0009;409;Exists.\n"),
        ],
        (
            "more.csv",
            "code;status;message\nAPP.0009;409;Exists, edited.\nAPP.0010;400;New.\n",
        ),
        ("66 codes; Exists.\n", "67 codes; Exists, edited.\n"),
    );
}
