// Path policy: a relative path may contain `..` (and may leave the crate, e.g. a workspace's
// shared `../errors.csv`); it is resolved against the manifest directory (here the
// KMS_ERRORS_MANIFEST_DIR override). Absolute paths are used as they are (unit-tested in
// kms-errors-macro's read.rs, since they are machine-specific).
kms_errors::kms_errors!("tests/ui/../ui/catalogs/kinds.csv");

fn main() {
    assert_eq!(ErrorCode::ALL.len(), 18);
    assert_eq!(KmsError::from((404, "K.20")).code(), ErrorCode::K20);
}
