// The required `code` column is absent.
kms_errors::kms_errors!("tests/ui/catalogs/missing_code_column.csv");

fn main() {}
