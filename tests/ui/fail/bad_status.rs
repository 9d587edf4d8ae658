// Status cells that are not an HTTP status: each is reported.
kms_errors::kms_errors!("tests/ui/catalogs/bad_status.csv");

fn main() {}
