// The path must be a string literal: a constant or a macro call is not expanded first.
const PATH: &str = "tests/ui/catalogs/iam_like.csv";

mod constant {
    kms_errors::kms_errors!(path = super::PATH);
}

mod macro_call {
    kms_errors::kms_errors!(path = concat!("tests/ui/catalogs/", "iam_like.csv"));
}

fn main() {}
