// A `;`-separated catalog (what a spreadsheet writes in much of Europe): detected from the
// header line; commas in cells need no quotes, a `;` in a cell is quoted.
kms_errors::kms_errors!("tests/ui/catalogs/semicolons.csv");

fn main() {
    let e = KmsError::from((400, "DNS.0001"));
    assert_eq!(e.code(), ErrorCode::Dns0001);
    assert_eq!(e.message(), "Invalid zone name, too long.");
    assert_eq!(e.description(), "The name has a ; in it");
    assert_eq!(e.measure(), "Use at most 63 characters, then retry.");
    let e = KmsError::from((404, "DNS.0002"));
    assert_eq!((e.message(), e.description()), ("Zone not found.", ""));
    assert_eq!(ErrorCode::ALL, [ErrorCode::Dns0001, ErrorCode::Dns0002]);
}
