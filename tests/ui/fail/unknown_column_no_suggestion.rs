// A column name that resembles no known column gets none.
kms_errors::kms_errors!("tests/ui/catalogs/unknown_column_no_suggestion.csv");

fn main() {}
