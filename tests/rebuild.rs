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

#[test]
fn editing_the_catalog_rebuilds_the_crate() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.join("rebuild-probe");
    let target = tmp.join("standalone");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    write_if_changed(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"rebuild-probe\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\nkms-errors = {{ path = {:?} }}\n\n[workspace]\n",
            Path::new(ROOT).join("kms-errors")
        ),
    );
    // The workspace's lock file: the same dependency versions, all in the local cache.
    std::fs::copy(Path::new(ROOT).join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let main_rs = dir.join("src/main.rs");
    write_if_changed(&main_rs, MAIN_RS);
    let csv = dir.join("errors.csv");
    std::fs::write(&csv, BEFORE).unwrap();

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
            .join(format!("rebuild-probe{}", std::env::consts::EXE_SUFFIX));
        let out = Command::new(bin).output().expect("the probe runs");
        check("the probe", &out);
        String::from_utf8(out.stdout).unwrap()
    };

    build();
    assert_eq!(run(), "1 codes; The first message.\n");
    let source_mtime = std::fs::metadata(&main_rs).unwrap().modified().unwrap();

    std::fs::write(&csv, AFTER).unwrap();
    let log = build();
    assert!(
        log.contains("Compiling rebuild-probe"),
        "the edited catalog did not rebuild the crate:\n{log}"
    );
    assert_eq!(
        run(),
        "2 codes; The edited message, with a comma.\n",
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
