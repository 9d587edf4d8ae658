// The items an invocation defines (`error`, `code`, `Unknown{code}` and the private
// `{error}Repr`) must have distinct names, also when one of them is the default.
mod explicit {
    kms_errors::kms_errors!(error = Same, code = Same);
}

mod default_code {
    kms_errors::kms_errors!(error = ErrorCode);
}

mod parse_error_name {
    kms_errors::kms_errors!(error = UnknownErrorCode);
}

mod repr_name {
    kms_errors::kms_errors!(error = Foo, code = FooRepr);
}

fn main() {}
