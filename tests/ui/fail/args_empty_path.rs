// An empty catalog path.
kms_errors::kms_errors!("");

mod named {
    kms_errors::kms_errors!(path = "");
}

fn main() {}
