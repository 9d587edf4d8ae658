// The items an invocation defines (`error`, `code` and `Unknown{code}`) must have distinct
// names, also when one of them is the default.
mod explicit {
    kms_errors::kms_errors!(error = Same, code = Same);
}

mod default_code {
    kms_errors::kms_errors!(error = ErrorCode);
}

mod parse_error_name {
    kms_errors::kms_errors!(error = UnknownErrorCode);
}

fn main() {}
