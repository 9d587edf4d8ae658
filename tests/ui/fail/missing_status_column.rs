// The required `status` column is absent.
kms_errors::kms_errors!("tests/ui/catalogs/missing_status_column.csv");

fn main() {}
