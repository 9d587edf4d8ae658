//! The bundled tables, read by the tests with the `csv` crate (not the macro's front end), as
//! the reference the generated `ErrorCode` is checked against: `catalog.csv` (the KMS
//! and CSMS codes) and `gateway.csv` (the API gateway's), in the order `kms_errors!()`
//! composes them.

#![allow(dead_code)] // each test that includes this module uses part of it

/// The KMS and CSMS table as compiled into `kms-errors` (the root `catalog.csv` links to it).
pub const KMS: &str = include_str!("../../kms-errors-catalog/catalog.csv");
/// The API gateway's table as compiled into `kms-errors`.
pub const GATEWAY: &str = include_str!("../../kms-errors-catalog/gateway.csv");

/// A row of a bundled table, its cells as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub description: String,
    pub measure: String,
    pub kind: String,
    /// The `alias` cell split at `|` (none for the KMS table, which has no such column).
    pub aliases: Vec<String>,
}

/// The records of `text`, read with the `csv` crate. `text` must be exactly what that crate
/// writes for those records (RFC 4180, quotes only where needed, LF line ends), as the
/// importer writes the bundled tables: malformed quoting, which a lenient reader repairs
/// silently, fails the test instead of passing as other text.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect();
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for r in &records {
        writer.write_record(r).expect("write a record");
    }
    let written = String::from_utf8(writer.into_inner().expect("flush")).expect("UTF-8");
    assert!(
        written == text,
        "the text is not exactly what the csv crate writes for its records (malformed quoting?)"
    );
    records
}

/// The rows of one table, its cells found by header name; every row must have the header's
/// width.
pub fn table(text: &str) -> Vec<Row> {
    let mut records = parse_csv(text).into_iter();
    let header = records.next().expect("a header line");
    let col = |name: &str| header.iter().position(|h| h == name);
    let need = |name: &str| col(name).unwrap_or_else(|| panic!("no `{name}` in {header:?}"));
    let (status, code, message) = (need("status"), need("code"), need("message"));
    let (description, measure, kind) = (need("description"), need("measure"), need("kind"));
    let alias = col("alias");
    records
        .enumerate()
        .map(|(i, r)| {
            assert_eq!(r.len(), header.len(), "data row {}: {r:?}", i + 1);
            Row {
                status: r[status]
                    .parse()
                    .unwrap_or_else(|_| panic!("status {:?}", r[status])),
                code: r[code].clone(),
                message: r[message].clone(),
                description: r[description].clone(),
                measure: r[measure].clone(),
                kind: r[kind].clone(),
                aliases: alias.map_or_else(Vec::new, |a| {
                    r[a].split('|')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                }),
            }
        })
        .collect()
}

/// Every row of both tables, the KMS table's first.
pub fn rows() -> Vec<Row> {
    let mut rows = table(KMS);
    rows.extend(table(GATEWAY));
    rows
}
