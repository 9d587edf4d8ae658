// At most 30 errors are reported; the rest are counted.
kms_errors::kms_errors!("tests/ui/catalogs/too_many_errors.csv");

fn main() {}
