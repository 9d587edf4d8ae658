// Aliases that would make a spelling name two codes, or read as another code, are compile
// errors naming both places: an alias that is another code, one already an alias of another
// code, one deriving another code's variant name, and one that is its own code.
kms_errors::kms_errors!("tests/ui/catalogs/alias_collision.csv");

fn main() {
    // The types are still defined, with the valid aliases.
    let _ = ErrorCode::from_code("AUTH-1");
}
