// The same column twice.
kms_errors::kms_errors!("tests/ui/catalogs/duplicate_column.csv");

fn main() {}
