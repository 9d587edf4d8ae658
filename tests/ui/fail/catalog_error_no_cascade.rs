// A catalog with one bad row still defines its valid codes, so code that uses them adds no
// "no variant named" errors: the catalog's own error is the only one.
use kms_errors::kms_errors;

kms_errors!(
    path = "tests/ui/catalogs/one_bad_row.csv",
    error = OkError,
    code = OkCode
);

fn main() {
    let err = OkError::from((404, "OK.0003"));
    match err.code() {
        OkCode::Ok0001 => println!("first"),
        OkCode::Ok0003 => println!("{}", err.message()),
        _ => {}
    }
    assert_eq!(OkCode::ALL, &[OkCode::Ok0001, OkCode::Ok0003]);
}
