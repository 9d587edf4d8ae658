// Codes with no ASCII letter or digit have no variant name.
kms_errors::kms_errors!("tests/ui/catalogs/no_alphanumerics.csv");

fn main() {}
