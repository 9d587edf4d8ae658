// `Error Code,Response Code,Description`: the code column first, no message column.
kms_errors::kms_errors!("tests/ui/catalogs/code_first.csv");

fn main() {
    let e = KmsError::from((404, "APIGW.0101"));
    assert_eq!(e.code(), ErrorCode::Apigw0101);
    assert_eq!(e.status(), 404);
    assert_eq!(e.message(), "");
    assert_eq!(e.description(), "The API does not exist or has not been published.");
    assert_eq!(e.to_string(), "APIGW.0101 (HTTP 404)");
    let e = KmsError::from((400, "APIGW.0201"));
    assert_eq!(e.description(), "Invalid request: {0}, see \"docs\".");
    assert_eq!(ErrorCode::Apigw0201.status(), 400);
}
