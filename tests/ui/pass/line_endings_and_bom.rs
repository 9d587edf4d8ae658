// CRLF line endings (a blank CRLF line, a CRLF inside a quoted cell, no final line ending)
// and a UTF-8 byte-order mark before the header.
mod crlf {
    kms_errors::kms_errors!(
        path = "tests/ui/catalogs/crlf.csv",
        error = WinError,
        code = WinCode
    );
}

mod bom {
    kms_errors::kms_errors!(
        path = "tests/ui/catalogs/bom.csv",
        error = BomError,
        code = BomCode
    );
}

use bom::{BomCode, BomError};
use crlf::{WinCode, WinError};

fn main() {
    assert_eq!(WinCode::ALL, &[WinCode::Win0001, WinCode::Win0002]);
    let err = WinError::from((400, "WIN.0001"));
    assert_eq!(err.code(), WinCode::Win0001);
    // No `\r` is left at the end of the last cell of a line.
    assert_eq!(err.measure(), "Nothing to do.");
    assert_eq!(err.description(), "Line endings are CRLF.");
    // A line break inside a quoted cell is kept as written.
    assert_eq!(WinCode::Win0002.message(), "Two\r\nlines");
    assert_eq!(WinCode::Win0002.measure(), "Nothing.");
    assert_eq!(WinCode::Win0002.status(), 404);

    // The byte-order mark is not part of the first column's name.
    let err = BomError::from((400, "BOM.0001"));
    assert_eq!(err.code(), BomCode::Bom0001);
    assert_eq!(err.message(), "The file starts with a byte-order mark.");
}
