// A misspelt column name gets a suggestion.
kms_errors::kms_errors!("tests/ui/catalogs/unknown_column_suggestion.csv");

fn main() {}
