// The accessors are the types' own inherent methods: callable as paths (`ErrorCode::as_str`,
// `KmsError::status`), and `const fn`, so usable in `const` items and `const fn`s, for the
// bundled catalog and for one's own.
use kms_errors::{ErrorCode, ErrorKind, KmsError};

mod iam {
    kms_errors::kms_errors!(
        path = "tests/ui/catalogs/iam_like.csv",
        error = IamError,
        code = IamCode
    );
}
use iam::{IamCode, IamError};

const AS_STR: &str = ErrorCode::Kms0207.as_str();
const NAME: &str = ErrorCode::Kms0207.name();
const STATUS: u16 = ErrorCode::Kms0207.status();
const KIND: ErrorKind = ErrorCode::Kms0205.kind();
const HAS_404: bool = ErrorCode::Kms0207.has_status(404);
const MESSAGE: &str = ErrorCode::Kms0207.message();
const MEASURE: &str = ErrorCode::Kms0207.measure();
const FOUND: Option<ErrorCode> = ErrorCode::from_code("KMS.0207");
const MISSED: Option<ErrorCode> = ErrorCode::from_code("kms.0207");
const UNKNOWN: (&str, u16, ErrorKind) = (
    ErrorCode::Unknown.as_str(),
    ErrorCode::Unknown.status(),
    ErrorCode::Unknown.kind(),
);
const IAM_FOUND: Option<IamCode> = IamCode::from_code("Common.0001");
const IAM_MESSAGE: &str = IamCode::E1101.message();
// A table of constants, computed by the compiler.
const STATUSES: [u16; 3] = [
    IamCode::E1100.status(),
    IamCode::E1101.status(),
    IamCode::Common0001.status(),
];
static FIRST_CODE: &str = IamCode::E1100.as_str();

/// A `const fn` of the user's, over errors: the error accessors are `const fn` too.
const fn drop_from_state(e: &KmsError) -> bool {
    e.is_not_found() && e.is_client_error() && !e.is_server_error() && e.status() == 404
}

const fn denied(e: &IamError) -> bool {
    matches!(e.kind(), ErrorKind::PermissionDenied) && e.code_str().len() == 11
}

fn main() {
    assert_eq!((AS_STR, NAME, STATUS), ("KMS.0207", "Kms0207", 404));
    assert_eq!(KIND, ErrorKind::NotFound);
    assert!(HAS_404 && !ErrorCode::Kms0207.has_status(400));
    assert_eq!(MESSAGE, "The key does not exist.");
    assert_eq!(MEASURE, ErrorCode::Kms0207.measure());
    assert_eq!((FOUND, MISSED), (Some(ErrorCode::Kms0207), None));
    assert_eq!(UNKNOWN, ("unknown", 0, ErrorKind::Unknown));
    assert_eq!(IAM_FOUND, Some(IamCode::Common0001));
    assert_eq!(IAM_MESSAGE, "The token has expired.");
    assert_eq!(STATUSES, [400, 401, 403]);
    assert_eq!(FIRST_CODE, "1100");

    assert!(drop_from_state(&KmsError::from((404, "KMS.0207"))));
    assert!(!drop_from_state(&KmsError::from((400, "KMS.0207"))));
    assert!(denied(&IamError::from((403, "Common.0001"))));
    assert!(!denied(&IamError::from((400, "1100"))));

    // Paths: the methods are functions of the types.
    let codes: Vec<&str> = ErrorCode::ALL.iter().copied().map(ErrorCode::as_str).collect();
    assert_eq!(codes.len(), 185 + 64);
    assert!(codes.contains(&"KMS.0207"));
    let iam: Vec<u16> = IamCode::ALL.iter().copied().map(IamCode::status).collect();
    assert_eq!(iam, STATUSES);
    let errors = [KmsError::from((404, "KMS.0207")), KmsError::from((418, "X"))];
    let statuses: Vec<u16> = errors.iter().map(KmsError::status).collect();
    assert_eq!(statuses, [404, 418]);
    assert_eq!(errors.iter().filter(|e| KmsError::is_documented(e)).count(), 1);
    let parse: fn(&str) -> Option<IamCode> = IamCode::from_code;
    assert_eq!(parse("1101"), Some(IamCode::E1101));
    let kinds: Vec<ErrorKind> = IamCode::ALL.iter().copied().map(IamCode::kind).collect();
    assert_eq!(kinds[2], ErrorKind::PermissionDenied);
}
