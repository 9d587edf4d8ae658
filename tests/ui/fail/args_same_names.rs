// `error` and `code` must name different types, also when one of them is the default.
mod explicit {
    kms_errors::kms_errors!(error = Same, code = Same);
}

mod default_code {
    kms_errors::kms_errors!(error = ErrorCode);
}

fn main() {}
