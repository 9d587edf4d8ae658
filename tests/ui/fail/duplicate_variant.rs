// Two different codes that derive the same variant name.
kms_errors::kms_errors!("tests/ui/catalogs/duplicate_variant.csv");

fn main() {}
