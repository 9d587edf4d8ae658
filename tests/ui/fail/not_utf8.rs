// A catalog in Latin-1: the error points at the first invalid byte.
kms_errors::kms_errors!("tests/ui/catalogs/not_utf8.csv");

fn main() {}
