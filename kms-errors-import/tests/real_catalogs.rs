//! An additional check against reference data kept outside the repository, beside the
//! workspace: the real API reference pages in `../shared/real-catalogs/raw/` convert to exactly
//! the rows of the CSV next to each in `../shared/real-catalogs/`, the KMS page
//! (`../shared/seed/`) with `--kinds-from catalog.csv` reproduces `catalog.csv` byte for byte,
//! and the API gateway's page with `--kinds-from kms-errors-catalog/gateway.csv` reproduces
//! `gateway.csv` (its kinds and aliases included) byte for byte.
//! Where that data is absent (a fresh clone) these tests say so and pass: the fixtures in
//! `tests/fixtures/` are the real tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kms-errors");

/// The KMS error-code page `catalog.csv` was converted from, relative to the workspace root.
const KMS_PAGE: &str = "../shared/seed/000_c3014c75c0fef11c.txt";

/// The API gateway's page `kms-errors-catalog/gateway.csv` was converted from, relative to the
/// workspace root.
const GATEWAY_PAGE: &str = "../shared/real-catalogs/raw/api-gateway-calling.rst";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is inside the workspace")
        .to_path_buf()
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .arg("import")
        .args(args)
        .output()
        .expect("run kms-errors-import")
}

/// Every record, the header included, as the `csv` crate reads it.
fn records(name: &str, bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("{name}: {e}"))
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn real_pages_convert_to_the_reference_rows() {
    let dir = workspace_root().join("../shared/real-catalogs");
    let raw = dir.join("raw");
    if !raw.is_dir() {
        println!("skipped: ../shared/real-catalogs/raw/ is not there (reference data outside the repository)");
        return;
    }
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&raw)
        .expect("list ../shared/real-catalogs/raw")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rst"))
        .collect();
    pages.sort();
    assert!(
        !pages.is_empty(),
        "no .rst page in ../shared/real-catalogs/raw"
    );
    for page in &pages {
        let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
        let reference = dir.join(format!("{stem}.csv"));
        let expected = std::fs::read(&reference)
            .unwrap_or_else(|e| panic!("{stem}.csv beside the raw page: {e}"));
        let out = run(&[page.as_ref()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stem}.rst: {stderr}");
        let got = records(&format!("{stem} (converted)"), &out.stdout);
        let want = records(&format!("{stem}.csv"), &expected);
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "{stem}: record {k} (0 is the header)");
        }
        assert_eq!(got.len(), want.len(), "{stem}: number of records");
        println!("{stem}: {} rows as in {stem}.csv", got.len() - 1);
    }
}

/// Converts `page` with `--kinds-from catalog` (both relative to the workspace root) and
/// checks that the output is `catalog` byte for byte, without a warning.
fn reproduces(page: &str, catalog: &str) {
    let root = workspace_root();
    let page_path = root.join(page);
    if !page_path.is_file() {
        println!("skipped: {page} is not there (reference data outside the repository)");
        return;
    }
    let catalog_path = root.join(catalog);
    let out = run(&[
        page_path.as_ref(),
        "--kinds-from".as_ref(),
        catalog_path.as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{page}: {stderr}");
    assert_eq!(stderr, "", "{page}: no warning expected");
    let expected = std::fs::read(&catalog_path).unwrap_or_else(|e| panic!("read {catalog}: {e}"));
    assert!(
        out.stdout == expected,
        "the conversion of {page} differs from {catalog} (first difference at byte {})",
        out.stdout
            .iter()
            .zip(&expected)
            .position(|(a, b)| a != b)
            .unwrap_or(out.stdout.len().min(expected.len()))
    );
    println!("{page}: reproduces {catalog} ({} bytes)", expected.len());
}

#[test]
fn the_kms_page_reproduces_catalog_csv() {
    reproduces(KMS_PAGE, "catalog.csv");
}

/// `gateway.csv` has hand-filled `kind` and `alias` columns: both are carried over.
#[test]
fn the_gateway_page_reproduces_gateway_csv() {
    reproduces(GATEWAY_PAGE, "kms-errors-catalog/gateway.csv");
}
