// An error does not compare with a code: `KmsError == ErrorCode` could not be transitive
// (two errors with one code and different statuses would both equal the code, and not each
// other). Compare the error's code: `err.code() == ErrorCode::Kms0207`.
use kms_errors::{ErrorCode, KmsError};

fn main() {
    let err = KmsError::from((404, "KMS.0207"));
    let _ = err == ErrorCode::Kms0207;
    let _ = ErrorCode::Kms0207 == err;
}
