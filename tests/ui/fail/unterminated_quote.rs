// A quoted cell that is never closed; nothing after it is read, and the half-read row
// adds no field-count error of its own.
kms_errors::kms_errors!("tests/ui/catalogs/unterminated_quote.csv");

fn main() {}
