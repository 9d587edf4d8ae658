// `kms_errors::code!`: code literals checked at compile time, for the bundled `ErrorCode` and
// one's own catalog, in `const` and `static` items, config lists, match patterns (through a
// `const`) and test assertions.
use kms_errors::{code, ErrorCode, KmsError};

mod iam {
    kms_errors::kms_errors!(
        path = "tests/ui/catalogs/iam_like.csv",
        error = IamError,
        code = IamCode
    );
}
use iam::{IamCode, IamError};

const KEY_NOT_FOUND: ErrorCode = code!("KMS.0207");
const IGNORED: &[ErrorCode] = &[code!("KMS.2702"), code!("CSMS.0101")];
static RETRIED: [ErrorCode; 2] = [code!("KMS.0104"), kms_errors::code!("KMS.0101",)];
const TOKEN_EXPIRED: IamCode = code!(IamCode, "1101");
const DENIED: iam::IamCode = kms_errors::code!(iam::IamCode, "Common.0001");

fn classify(e: &KmsError) -> &'static str {
    match e.code() {
        KEY_NOT_FOUND => "gone",
        c if IGNORED.contains(&c) => "ignored",
        c if RETRIED.contains(&c) => "retry",
        _ => "other",
    }
}

fn main() {
    assert_eq!(KEY_NOT_FOUND, ErrorCode::Kms0207);
    assert_eq!(IGNORED, [ErrorCode::Kms2702, ErrorCode::Csms0101]);
    assert_eq!(RETRIED, [ErrorCode::Kms0104, ErrorCode::Kms0101]);
    assert_eq!(classify(&KmsError::from((404, "KMS.0207"))), "gone");
    assert_eq!(classify(&KmsError::from((409, "CSMS.0101"))), "ignored");
    assert_eq!(classify(&KmsError::from((503, "KMS.0104"))), "retry");
    assert_eq!(classify(&KmsError::from((400, "KMS.9999"))), "other");

    // In tests: a checked literal where a string comparison was.
    let err = KmsError::from((404, "KMS.0207"));
    assert_eq!(err.code(), code!("KMS.0207"));
    assert_eq!(err.code(), code!("KMS.0207"));
    assert_ne!(err.code(), code!("KMS.0205"));

    let iam = IamError::from((401, "1101"));
    assert_eq!(iam.code(), TOKEN_EXPIRED);
    assert_eq!(iam.code(), code!(IamCode, "1101"));
    match IamError::from((403, "Common.0001")).code() {
        DENIED => {}
        other => panic!("{other:?}"),
    }
    // In expressions, also in generic and nested positions.
    let codes = [code!(IamCode, "1100"), code!(iam::IamCode, "1101")];
    assert_eq!(codes.map(IamCode::status), [400, 401]);
}
