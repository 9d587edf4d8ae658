// Upper-case header names (and an upper-case kind).
use kms_errors::ErrorKind;

kms_errors::kms_errors!("tests/ui/catalogs/upper_case_headers.csv");

fn main() {
    let e = KmsError::from((409, "OBS.0001"));
    assert_eq!(e.code(), ErrorCode::Obs0001);
    assert_eq!(e.message(), "Bucket exists.");
    assert_eq!(e.description(), "The bucket name is taken.");
    assert_eq!(e.measure(), "Choose another name.");
    assert_eq!(e.kind(), ErrorKind::AlreadyExists);
    let e = KmsError::from((500, "OBS.0002"));
    assert_eq!((e.message(), e.measure()), ("Internal error.", "Retry later."));
    assert_eq!(e.kind(), ErrorKind::Internal);
}
