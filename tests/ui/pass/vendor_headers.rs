// The header names of the vendors' documentation pages:
// `Status Code,Error Code,Error Message,Description,Solution`.
kms_errors::kms_errors!("tests/ui/catalogs/vendor_headers.csv");

fn main() {
    let e = KmsError::from((404, "IAM.0001"));
    assert_eq!(e.code(), ErrorCode::Iam0001);
    assert_eq!(e.message(), "The user does not exist.");
    assert_eq!(e.description(), "No user with this ID, in this domain.");
    assert_eq!(e.measure(), "Check the user ID.");
    let e = KmsError::from((403, "IAM.0002"));
    assert!(e.is_documented());
    assert_eq!(e.message(), "Forbidden: **admin** only.");
    assert_eq!((e.description(), e.measure()), ("", "Ask an administrator."));
    assert_eq!(ErrorCode::Iam0002.rows().map(|r| r.status()).collect::<Vec<_>>(), [400, 403]);
    assert_eq!(ErrorCode::ALL.len(), 2);
}
