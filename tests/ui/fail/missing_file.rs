// A catalog path that names no file, and one that names a directory.
kms_errors::kms_errors!("tests/ui/catalogs/does_not_exist.csv");

mod directory {
    kms_errors::kms_errors!(path = "tests/ui/catalogs");
}

fn main() {}
