// One's own code that the bundled gateway table already spells as an alias: the error names
// the bundled table's line.
kms_errors::kms_errors!(
    path = "tests/ui/catalogs/own_code_is_gateway_alias.csv",
    bundled = "gateway"
);

fn main() {}
