// A `url` cell or a `docs` argument that is not an http(s) link.
kms_errors::kms_errors!("tests/ui/catalogs/bad_url.csv");

mod docs {
    kms_errors::kms_errors!(path = "tests/ui/catalogs/iam_like.csv", docs = "errors.html");
}

fn main() {}
