// RFC 4180 quoting: commas, doubled quotes and line breaks inside quoted cells.
kms_errors::kms_errors!("tests/ui/catalogs/quoted.csv");

fn main() {
    let code = ErrorCode::Q0001;
    assert_eq!(code.message(), "Invalid parameter: name, type, or size.");
    assert_eq!(code.description(), r#"The "name" field is "required"."#);
    assert_eq!(code.measure(), "Line one\nline two\nline three");
    assert_eq!(code.status(), 400);

    // An empty quoted cell is empty; white space inside text cells is kept.
    let code = ErrorCode::Q0002;
    assert_eq!(code.message(), "");
    assert_eq!(code.description(), "plain");
    assert_eq!(code.measure(), "   padded   ");

    assert_eq!(ErrorCode::ALL.len(), 2);
}
