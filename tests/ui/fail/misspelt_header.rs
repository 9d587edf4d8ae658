// A misspelt header (`Error Mesage`) is an error with a did-you-mean, never a dropped
// column, also among vendor header names.
kms_errors::kms_errors!("tests/ui/catalogs/misspelt_header.csv");

fn main() {}
