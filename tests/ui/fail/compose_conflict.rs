// Two files of one catalog that document one code with the same status differently, or two
// codes that derive one variant name: errors in the second file, pointing at its path, naming
// the place in the first.
kms_errors::kms_errors!(
    path = [
        "tests/ui/catalogs/compose_conflict_a.csv",
        "tests/ui/catalogs/compose_conflict_b.tsv",
    ],
    error = ZoneError,
    code = ZoneCode
);

fn main() {
    // The valid rows of both files are there: no cascade of unrelated errors.
    assert_eq!(ZoneCode::Zone0001.rows().len(), 2);
}
