// An unquoted comma makes a row one field too long.
kms_errors::kms_errors!("tests/ui/catalogs/too_many_fields.csv");

fn main() {}
