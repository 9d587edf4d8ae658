// A cell over the documented limit (16 KiB) is a compile error, not a huge expansion.
kms_errors::kms_errors!("tests/ui/catalogs/cell_too_long.csv");

fn main() {}
