// An unknown kind is an error with a did-you-mean for near misses.
kms_errors::kms_errors!("tests/ui/catalogs/bad_kind.csv");

fn main() {}
