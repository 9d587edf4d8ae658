// A zero-byte catalog has no header.
kms_errors::kms_errors!("tests/ui/catalogs/empty.csv");

fn main() {}
