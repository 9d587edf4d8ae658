//! An additional check against reference data kept outside the repository, beside the
//! workspace: the real API reference pages in `../shared/real-catalogs/raw/` convert to exactly
//! the rows of the CSV next to each in `../shared/real-catalogs/`, the KMS page
//! (`../shared/seed/`) with `--kinds-from catalog.csv` reproduces `catalog.csv` byte for byte,
//! and the API gateway's page with `--kinds-from kms-errors-catalog/gateway.csv` reproduces
//! `gateway.csv` (its kinds and aliases included) byte for byte.
//! Where that data is absent (a fresh clone) these tests say so and pass: the fixtures in
//! `tests/fixtures/` are the real tests.

use kms_errors_cli::rst::plain;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Says that a test skipped, past libtest's capture of its output (which hides `println!`
/// of a passing test): a skip is said out loud, not hidden in a quiet `ok`.
fn skip(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "{test}: skipped: {why}");
}

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
        .args(["import", "--no-suggest"])
        .args(args)
        .output()
        .expect("run kms-errors")
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
        skip(
            "real_pages_convert_to_the_reference_rows",
            "../shared/real-catalogs/raw/ is absent (reference data outside the repository)",
        );
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
        let mut want = records(&format!("{stem}.csv"), &expected);
        // The reference keeps the page's markup; the importer writes the text cells
        // (`message`, `description`, `measure`: columns 2, 3, 4) as plain text.
        let mut rendered = 0;
        for record in &mut want[1..] {
            for cell in &mut record[2..5] {
                let plain = plain(cell).into_owned();
                rendered += usize::from(plain != *cell);
                *cell = plain;
            }
        }
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "{stem}: record {k} (0 is the header)");
        }
        assert_eq!(got.len(), want.len(), "{stem}: number of records");
        println!(
            "{stem}: {} rows as in {stem}.csv ({rendered} text cells with markup rendered)",
            got.len() - 1
        );
    }
}

/// Converts `page` with `--kinds-from catalog` (both relative to the workspace root) and
/// checks that the output is `catalog` byte for byte, without a warning.
fn reproduces(page: &str, catalog: &str) {
    let root = workspace_root();
    let page_path = root.join(page);
    if !page_path.is_file() {
        skip(
            "reproduces",
            &format!("{page} is absent (reference data outside the repository)"),
        );
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

/// Every real page imported with suggestions (no `--kinds-from`): the kind distribution of
/// each (printed: `-- --nocapture`), every row with a kind and its reason, and no text cell
/// (kept byte for byte by the macro) with RST markup left: `\_`, double backquotes, `.. `,
/// `**`.
#[test]
fn real_pages_import_with_suggestions_and_plain_text() {
    let raw = workspace_root().join("../shared/real-catalogs/raw");
    if !raw.is_dir() {
        skip(
            "real_pages_import_with_suggestions_and_plain_text",
            "../shared/real-catalogs/raw/ is absent (reference data outside the repository)",
        );
        return;
    }
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&raw)
        .expect("list the pages")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rst"))
        .collect();
    pages.sort();
    for page in &pages {
        let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
        let out = Command::new(BIN)
            .arg("import")
            .arg(page)
            .output()
            .expect("run kms-errors");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stem}: {stderr}");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        let mut cx = kms_errors_catalog::Ctxt::new(&stem);
        let cat = kms_errors_catalog::parse(&stem, &text, None, &mut cx);
        assert!(cx.is_ok(), "{stem}: {:?}", cx.into_messages());
        let mut kinds = std::collections::BTreeMap::new();
        let (mut rows, mut suggested) = (0, 0);
        for code in &cat.codes {
            for r in &code.rows {
                rows += 1;
                let kind = r
                    .kind
                    .unwrap_or_else(|| panic!("{stem}: {} has no kind", code.code));
                suggested += usize::from(!r.suggested.is_empty());
                let name = kms_errors_core::cell::kind_cell(kind, r.throttled);
                *kinds.entry(name).or_insert(0) += 1;
                for cell in [&r.message, &r.description, &r.measure] {
                    for markup in ["\\_", "``", ".. ", "**"] {
                        assert!(
                            !cell.contains(markup),
                            "{stem} {}: {markup:?} in {cell:?}",
                            code.code
                        );
                    }
                }
            }
        }
        assert_eq!(suggested, rows, "{stem}: every row's kind is suggested");
        let dist: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!("{stem}: {rows} rows: {}", dist.join(", "));
    }
}
