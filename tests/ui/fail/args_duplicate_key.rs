// The same argument twice, by name or as the positional path plus `path =`.
mod by_name {
    kms_errors::kms_errors!(error = A, code = B, error = C);
}

mod positional_and_named {
    kms_errors::kms_errors!(
        "tests/ui/catalogs/iam_like.csv",
        path = "tests/ui/catalogs/iam_like.csv"
    );
}

fn main() {}
