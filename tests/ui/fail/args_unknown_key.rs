// An argument name the macro does not know.
kms_errors::kms_errors!(path = "tests/ui/catalogs/iam_like.csv", errors = IamError);

fn main() {}
