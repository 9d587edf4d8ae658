// Codes deriving the reserved variant names `Unknown` and `Self`.
kms_errors::kms_errors!("tests/ui/catalogs/reserved_variant.csv");

fn main() {}
