//! The canonical catalog (`catalog.csv`) against its source, the KMS API reference page
//! "Error Code" (`kms_02_8887`, an RST grid table with the columns Status Code, Error Code,
//! Message, Description, Measure), and the generated `ErrorCode` against the catalog.
//!
//! The expected rows below were read by hand from that page and are written here as
//! literals; the page itself is not read by the test. Facts about the page that the sample
//! relies on:
//!
//! * 185 data rows, CSMS codes first (25 rows), then KMS codes, grouped by status.
//! * Every row of the grid occupies a single text line: no cell spans several lines (a
//!   multi-line cell would be joined with one space, which `no_cell_has_layout_residue`
//!   guards against).
//! * Eleven rows have a comma in a cell (quoted in the CSV); no cell contains a `"`.
//! * `**bold**` markup on the page: `kms-errors import` renders it as plain text when it
//!   writes the CSV (the samples below are the page's cells with the markers removed by
//!   hand), and the generated runtime text is the CSV's, byte for byte.

mod common;
use common::bundled::parse_csv;
use kms_errors::ErrorCode;

/// The catalog as compiled into `kms-errors` (the root `catalog.csv` is a symlink to it).
const CATALOG: &str = include_str!("../catalog.csv");

const HEADER: [&str; 6] = [
    "status",
    "code",
    "message",
    "description",
    "measure",
    "kind",
];

/// A catalog row as text cells.
#[derive(Debug, PartialEq)]
struct Row {
    status: String,
    code: String,
    message: String,
    description: String,
    measure: String,
    kind: String,
}

/// The data rows of `catalog.csv`, after checking the header and the width of every row.
fn rows() -> Vec<Row> {
    let mut records = parse_csv(CATALOG).into_iter();
    let header = records.next().expect("a header line");
    assert_eq!(header, HEADER);
    records
        .enumerate()
        .map(|(i, r)| {
            let [status, code, message, description, measure, kind]: [String; 6] =
                r.try_into().unwrap_or_else(|r: Vec<String>| {
                    panic!("data row {} has {} cells: {r:?}", i + 1, r.len())
                });
            Row {
                status,
                code,
                message,
                description,
                measure,
                kind,
            }
        })
        .collect()
}

#[test]
fn csv_reader_handles_quotes_commas_and_line_breaks() {
    let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\n,plain,last\n";
    assert_eq!(
        parse_csv(text),
        vec![
            vec!["a", "b", "c"],
            vec!["x, y", "say \"hi\"", "two\nlines"],
            vec!["", "", ""],
            vec!["", "plain", "last"],
        ]
    );
}

#[test]
#[should_panic(expected = "not exactly what the csv crate writes")]
fn csv_reader_rejects_an_unterminated_quote() {
    parse_csv("a,\"b\n");
}

#[test]
#[should_panic(expected = "not exactly what the csv crate writes")]
fn csv_reader_rejects_text_after_a_closing_quote() {
    parse_csv("\"a\"b,c\n");
}

#[test]
fn header_and_row_count() {
    let first_line = CATALOG.lines().next().unwrap();
    assert_eq!(first_line, "status,code,message,description,measure,kind");
    assert_eq!(rows().len(), 185);
}

#[test]
fn no_cell_has_layout_residue() {
    for (i, r) in rows().iter().enumerate() {
        for cell in [
            &r.status,
            &r.code,
            &r.message,
            &r.description,
            &r.measure,
            &r.kind,
        ] {
            assert!(!cell.is_empty(), "row {i}: empty cell in {r:?}");
            assert_eq!(cell.trim(), cell.as_str(), "row {i}: padding in {r:?}");
            assert!(!cell.contains("  "), "row {i}: double space in {r:?}");
            assert!(
                !cell.contains(['\n', '\r', '\t', '|', '"']),
                "row {i}: line break, tab, `|` or quote in {r:?}"
            );
        }
        assert!(
            r.status.len() == 3 && r.status.bytes().all(|b| b.is_ascii_digit()),
            "row {i}: status {:?}",
            r.status
        );
    }
}

#[test]
fn codes_are_unique() {
    let rows = rows();
    let mut codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), rows.len());
}

/// `(row index, status, code, message, description, measure)`, read from the page.
const SAMPLE: [(usize, &str, &str, &str, &str, &str); 18] = [
    // The first row.
    (
        0,
        "400",
        "CSMS.0002",
        "The value of parameter is invalid.",
        "The XX parameter is invalid.",
        "Enter a valid parameter.",
    ),
    // CSMS, bold in the measure.
    (
        4,
        "400",
        "CSMS.0103",
        "The secret is in the scheduled deletion state.",
        "The secret is in Pending deletion state and cannot be used.",
        "Ensure that the secret is in Enabled or Disabled state.",
    ),
    // CSMS, bold in the description only.
    (
        12,
        "400",
        "CSMS.0301",
        "Invalid X-Auth-Token.",
        "Invalid X-Auth-Token.",
        "Obtain the token again and ensure the token string is complete.",
    ),
    // CSMS 404, message without a final period (as on the page).
    (
        16,
        "404",
        "CSMS.0205",
        "Version quota not found for secret",
        "No version quota is found for secret XX.",
        "The secret has been deleted. Select another secret.",
    ),
    // The first KMS row.
    (
        25,
        "400",
        "KMS.0105",
        "A system exception occurred. Contact technical support.",
        "A system exception occurs. Contact technical support.",
        "Contact technical support.",
    ),
    // Comma in the message.
    (
        26,
        "400",
        "KMS.0106",
        "It is replica service, readonly api allowed.",
        "The replica service allows only read-only operations.",
        "The replica service allows only read-only operations.",
    ),
    // Comma in the measure.
    (
        42,
        "400",
        "KMS.0311",
        "Failed to decrypt data using the RSA private key.",
        "Failed to decrypt data using the RSA private key.",
        "Ensure the input ciphertext is correct and try again, or contact customer service.",
    ),
    // Comma in the description.
    (
        61,
        "400",
        "KMS.0340",
        "not support keystore.",
        "Currently, the keystore is not supported.",
        "Contact technical support.",
    ),
    // A thousands separator in the description.
    (
        92,
        "400",
        "KMS.1401",
        "Set the pending deletion period between 7 to 1096 days.",
        "The scheduled deletion time ranges from 7 days to 1,096 days.",
        "Enter valid parameters.",
    ),
    (
        94,
        "400",
        "KMS.1404",
        "This region is not the original region of the key, and it is not allowed to import-key-material.",
        "The key material cannot be imported because this region is not the original region of the key.",
        "Importing key materials is not supported for the current site.",
    ),
    // Two bold spans in one cell.
    (
        97,
        "400",
        "KMS.1602",
        "marker must be greater than or equals 0.",
        "The value of marker must be greater than or equal to 0.",
        "Enter valid parameters.",
    ),
    // Commas in two cells and bold in one.
    (
        101,
        "400",
        "KMS.1901",
        "datakey_length must be in the range 8 bits to 8,192 bits.",
        "datakey_length must be in the range of 8 bits to 8,192 bits.",
        "Enter valid parameters.",
    ),
    // Three bold spans.
    (
        102,
        "400",
        "KMS.1902",
        "key_spec can only be AES_128 or AES_256.",
        "The value of key_spec must be AES_128 or AES_256.",
        "Enter valid parameters.",
    ),
    // The longest message and description on the page (the cells that come closest to
    // needing a second line in the grid).
    (
        135,
        "400",
        "KMS.2606",
        "You are importing a deleted key again. The imported plaintext must be the same as the deleted key plaintext.",
        "You are importing a deleted key again. The imported plaintext must be the same as the deleted key plaintext.",
        "Ensure the plaintext of the imported key is the same as that of the deleted key.",
    ),
    // Bold in the description and in the measure.
    (
        139,
        "400",
        "KMS.2701",
        "Key material is not in Enabled or Disabled state and cannot be deleted.",
        "Key material is not in Enabled or Disabled state and cannot be deleted.",
        "Ensure that the key is in Enabled or Disabled state.",
    ),
    (
        171,
        "404",
        "KMS.0207",
        "The key does not exist.",
        "The key does not exist.",
        "Choose a valid key or create a key.",
    ),
    (
        181,
        "500",
        "KMS.3806",
        "Unable to obtain enclave root certificate, please contact technical support.",
        "Failed to obtain the root certificate. Contact technical support.",
        "Contact technical support.",
    ),
    // The last row.
    (
        184,
        "503",
        "KMS.0104",
        "A system exception occurred. Contact technical support.",
        "A system exception occurs. Contact technical support.",
        "Contact technical support.",
    ),
];

#[test]
fn sample_rows_match_the_reference_page() {
    let rows = rows();
    for (i, status, code, message, description, measure) in SAMPLE {
        let expected = Row {
            status: status.to_owned(),
            code: code.to_owned(),
            message: message.to_owned(),
            description: description.to_owned(),
            measure: measure.to_owned(),
            // The kind is ours, not the page's (see `kinds_follow_the_documented_decisions`).
            kind: rows[i].kind.clone(),
        };
        assert_eq!(rows[i], expected, "data row {i}");
    }
    assert_eq!(rows.first().unwrap().code, "CSMS.0002");
    assert_eq!(rows.last().unwrap().code, "KMS.0104");
}

#[test]
fn csms_rows_come_first() {
    let rows = rows();
    let csms = rows
        .iter()
        .take_while(|r| r.code.starts_with("CSMS."))
        .count();
    assert_eq!(csms, 25);
    assert!(rows[csms..].iter().all(|r| r.code.starts_with("KMS.")));
}

#[test]
fn cells_with_commas_are_quoted_exactly_as_needed() {
    // Raw lines of the file for rows whose cells contain commas.
    let expected_lines = [
        "400,KMS.0106,\"It is replica service, readonly api allowed.\",The replica service allows only read-only operations.,The replica service allows only read-only operations.,failed_precondition",
        "400,KMS.0340,not support keystore.,\"Currently, the keystore is not supported.\",Contact technical support.,unimplemented",
        "400,KMS.1901,\"datakey_length must be in the range 8 bits to 8,192 bits.\",\"datakey_length must be in the range of 8 bits to 8,192 bits.\",Enter valid parameters.,out_of_range",
        "500,KMS.3806,\"Unable to obtain enclave root certificate, please contact technical support.\",Failed to obtain the root certificate. Contact technical support.,Contact technical support.,internal",
    ];
    let lines: Vec<&str> = CATALOG.lines().map(|l| l.trim_end_matches('\r')).collect();
    for line in expected_lines {
        assert!(lines.contains(&line), "missing line: {line}");
    }
    // Eleven rows of the page have a comma in some cell.
    let with_comma = rows()
        .iter()
        .filter(|r| {
            [&r.message, &r.description, &r.measure]
                .iter()
                .any(|c| c.contains(','))
        })
        .count();
    assert_eq!(with_comma, 11);
    // Every physical line is one record: no quoted line breaks.
    assert_eq!(lines.iter().filter(|l| !l.is_empty()).count(), 186);
}

#[test]
fn error_code_all_follows_the_catalog() {
    let rows = rows();
    // The KMS table's codes first, then the API gateway's 64 (`tests/gateway.rs`).
    assert_eq!(ErrorCode::ALL.len(), rows.len() + 64);
    for (i, (c, r)) in ErrorCode::ALL.iter().zip(&rows).enumerate() {
        let status: u16 = r.status.parse().unwrap();
        // A cell is text: what the catalog holds is what the accessors give.
        let (m, d, x) = (&r.message, &r.description, &r.measure);
        assert_eq!(c.as_str(), r.code, "row {i}");
        assert_eq!(c.status(), status, "row {i}: {}", r.code);
        assert_eq!(c.message(), m, "row {i}: {}", r.code);
        assert_eq!(c.description(), d, "row {i}: {}", r.code);
        assert_eq!(c.measure(), x, "row {i}: {}", r.code);
        assert_eq!(c.kind().as_str(), r.kind, "row {i}: {}", r.code);
        assert_eq!(
            c.rows()
                .map(|r| (r.status(), r.message(), r.description(), r.measure()))
                .collect::<Vec<_>>(),
            [(status, m.as_str(), d.as_str(), x.as_str())][..],
            "row {i}: {}",
            r.code
        );
        // The importer rendered the page's RST markup when it wrote the catalog.
        for text in [c.message(), c.description(), c.measure()] {
            assert!(!text.contains("**"), "row {i}: {text:?}");
        }
    }
}

#[test]
fn runtime_text_has_the_pages_markup_rendered() {
    // Read from the page, with the ** markers removed by hand.
    assert_eq!(
        ErrorCode::Kms1902.description(),
        "The value of key_spec must be AES_128 or AES_256."
    );
    assert_eq!(
        ErrorCode::Kms1602.description(),
        "The value of marker must be greater than or equal to 0."
    );
    assert_eq!(
        ErrorCode::Kms2701.measure(),
        "Ensure that the key is in Enabled or Disabled state."
    );
    assert_eq!(ErrorCode::Csms0301.description(), "Invalid X-Auth-Token.");
    assert_eq!(
        ErrorCode::Kms1901.description(),
        "datakey_length must be in the range of 8 bits to 8,192 bits."
    );
    // A cell without markup is unchanged.
    assert_eq!(
        ErrorCode::Kms1404.message(),
        "This region is not the original region of the key, and it is not allowed to import-key-material."
    );
}

/// The `kind` column is not on the reference page: it was filled by reading every row (the
/// README's "Classification" section says how). These rows pin the decisions the README names,
/// among them the "not found" and "conflict" conditions that arrive as HTTP 400.
#[test]
fn kinds_follow_the_documented_decisions() {
    let rows = rows();
    let kind = |code: &str| rows.iter().find(|r| r.code == code).unwrap().kind.as_str();
    for (code, expected) in [
        ("KMS.0205", "not_found"),            // 400 "Invalid key ID."
        ("CSMS.0106", "not_found"),           // 400 "The secret name not found"
        ("CSMS.0005", "not_found"),           // 400 "The resource does not exist."
        ("KMS.2501", "not_found"),            // 400 "Invalid grant ID."
        ("KMS.1104", "already_exists"),       // 400 "Duplicate key aliases."
        ("KMS.0318", "already_exists"),       // 400 "Partition name has exist."
        ("KMS.0209", "failed_precondition"),  // the key is disabled
        ("CSMS.0109", "failed_precondition"), // 403, but a state: the secret is not enabled
        ("KMS.0302", "unauthenticated"),      // 403 invalid token
        ("KMS.0306", "permission_denied"),
        ("CSMS.0201", "resource_exhausted"), // 500, but a quota
        ("KMS.1105", "resource_exhausted"),
        ("KMS.1401", "out_of_range"),
        ("KMS.0215", "unimplemented"), // 405
        ("KMS.0323", "unavailable"),   // 400 "Try again later"
        ("KMS.0104", "unavailable"),   // 503
        ("KMS.0101", "internal"),
    ] {
        assert_eq!(kind(code), expected, "{code}");
    }
    let known = [
        "invalid_argument",
        "not_found",
        "already_exists",
        "permission_denied",
        "unauthenticated",
        "resource_exhausted",
        "failed_precondition",
        "out_of_range",
        "unimplemented",
        "internal",
        "unavailable",
    ];
    assert!(rows.iter().all(|r| known.contains(&r.kind.as_str())));
}
