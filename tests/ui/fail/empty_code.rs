// A code cell of white space only.
kms_errors::kms_errors!("tests/ui/catalogs/empty_code.csv");

fn main() {}
