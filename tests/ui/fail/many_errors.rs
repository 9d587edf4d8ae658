// Every problem of a catalog is reported at once, header and rows.
kms_errors::kms_errors!("tests/ui/catalogs/many_errors.csv");

fn main() {}
