// `delimiter` takes one ASCII character that can separate cells.
mod letter {
    kms_errors::kms_errors!("tests/ui/catalogs/iam_like.csv", delimiter = 'x');
}

mod quote {
    kms_errors::kms_errors!("tests/ui/catalogs/iam_like.csv", delimiter = '"');
}

mod string {
    kms_errors::kms_errors!("tests/ui/catalogs/iam_like.csv", delimiter = ";;");
}

mod number {
    kms_errors::kms_errors!("tests/ui/catalogs/iam_like.csv", delimiter = 59);
}

fn main() {}
