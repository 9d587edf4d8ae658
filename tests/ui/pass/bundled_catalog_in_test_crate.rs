// `kms_errors!()` with no arguments expands the bundled catalog in the calling crate; the
// result matches the facade crate's own expansion.
use kms_errors::kms_errors;

kms_errors!();

fn main() {
    assert_eq!(ErrorCode::ALL.len(), 185 + 64); // the KMS and CSMS codes, the gateway's
    assert_eq!(ErrorCode::ALL.len(), kms_errors::ErrorCode::ALL.len());
    for (ours, theirs) in ErrorCode::ALL.iter().zip(kms_errors::ErrorCode::ALL) {
        assert_eq!(ours.as_str(), theirs.as_str());
        assert_eq!(ours.name(), theirs.name());
        assert!(ours.rows().eq(theirs.rows()));
    }

    let err = KmsError::from((404, "KMS.0207"));
    assert_eq!(err.code(), ErrorCode::Kms0207);
    assert!(err.is_documented());
    assert_eq!(
        err.to_string(),
        "KMS.0207 (HTTP 404): The key does not exist."
    );
    let code: ErrorCode = "CSMS.0101".parse().unwrap();
    assert_eq!(code, ErrorCode::Csms0101);
    assert_eq!(code.status(), 409);
    assert!("csms.0101".parse::<ErrorCode>().is_err());
    assert_eq!(std::mem::size_of::<ErrorCode>(), 1);
}
