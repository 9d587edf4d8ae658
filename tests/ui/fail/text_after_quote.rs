// Text between a closing quote and the next comma.
kms_errors::kms_errors!("tests/ui/catalogs/text_after_quote.csv");

fn main() {}
