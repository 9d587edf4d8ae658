// Two catalogs side by side in one module, told apart by the `error` and `code` names.
// Both define `Common.0001`; each type knows only its own catalog.
use kms_errors::kms_errors;

kms_errors!(
    path = "tests/ui/catalogs/iam_like.csv",
    error = IamError,
    code = IamCode
);
kms_errors!(
    error = StorageError,
    path = "tests/ui/catalogs/storage_like.csv",
    code = StorageCode,
);

fn main() {
    let iam = IamError::from((403, "Common.0001"));
    let storage = StorageError::from((403, "Common.0001"));
    assert_eq!(iam.code(), IamCode::Common0001);
    assert_eq!(storage.code(), StorageCode::Common0001);
    assert_eq!(iam.message(), "Access to the account is denied.");
    assert_eq!(storage.message(), "The bucket policy denies access.");
    assert_eq!(iam.measure(), "");
    assert_eq!(storage.measure(), "Check the bucket policy.");

    assert_eq!(IamError::from((401, "1101")).code(), IamCode::E1101);
    assert_eq!(
        StorageError::from((401, "1101")).code(),
        StorageCode::Unknown
    );
    assert_eq!(
        IamError::from((404, "NoSuchBucket")).code(),
        IamCode::Unknown
    );
    assert_eq!(StorageCode::NoSuchBucket.status(), 404);

    // The parse error type is named after the code type.
    let e: UnknownIamCode = "NoSuchBucket".parse::<IamCode>().unwrap_err();
    assert_eq!(e.code(), "NoSuchBucket");
    let e: UnknownStorageCode = "1100".parse::<StorageCode>().unwrap_err();
    assert_eq!(e.to_string(), "unknown error code `1100`");

    // Debug names the configured type.
    assert_eq!(
        format!("{storage:?}"),
        r#"StorageError { status: 403, code: "Common.0001" }"#
    );
    assert_eq!(IamCode::ALL.len(), 3);
    assert_eq!(StorageCode::ALL.len(), 2);
}
