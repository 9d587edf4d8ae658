// A row one field short.
kms_errors::kms_errors!("tests/ui/catalogs/too_few_fields.csv");

fn main() {}
