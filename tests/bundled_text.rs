//! The run-time text of every row of the two bundled tables (256) is exactly what it was
//! when the macro still rendered RST markup itself (commit 4708fde): `tests/data/bundled_text.csv`
//! was written then from `ErrorCode::ALL` and `rows()`. Since then the importer renders the
//! markup once, when it writes `catalog.csv` and `gateway.csv`, and the macro keeps every cell
//! byte for byte; this test is the proof that no row's text changed on the way.

mod common;

use common::bundled::parse_csv;
use kms_errors::{ErrorCode, KmsError};

const BEFORE: &str = include_str!("data/bundled_text.csv");

#[test]
fn every_bundled_row_reads_as_before() {
    let before = parse_csv(BEFORE);
    assert_eq!(
        before[0],
        ["status", "code", "message", "description", "measure"]
    );
    let mut now = Vec::new();
    for code in ErrorCode::ALL {
        for r in code.rows() {
            now.push(vec![
                r.status().to_string(),
                code.as_str().to_owned(),
                r.message().to_owned(),
                r.description().to_owned(),
                r.measure().to_owned(),
            ]);
        }
    }
    assert_eq!(now.len(), 256, "rows of the two bundled tables");
    assert_eq!(now.len(), before.len() - 1);
    for (was, is) in before[1..].iter().zip(&now) {
        assert_eq!(was, is, "{} {}", is[1], is[0]);
    }
}

#[test]
fn a_received_error_reads_its_rows_text_as_before() {
    let before = parse_csv(BEFORE);
    let mut seen = std::collections::HashSet::new();
    for row in &before[1..] {
        let status: u16 = row[0].parse().expect("a status");
        // A code documented twice with one status reads its first row.
        if !seen.insert((status, row[1].clone())) {
            continue;
        }
        let err = KmsError::from((status, row[1].as_str()));
        assert!(err.is_documented(), "{} {status}", row[1]);
        let texts = [err.message(), err.description(), err.measure()];
        assert_eq!(texts, [&row[2], &row[3], &row[4]], "{} {status}", row[1]);
    }
}
