// A header and no rows.
kms_errors::kms_errors!("tests/ui/catalogs/header_only.csv");

fn main() {}
