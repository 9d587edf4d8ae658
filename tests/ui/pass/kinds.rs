// The `kind` column: every kind name, in the order of `ErrorKind::ALL` (which proves that
// the macro's list and the runtime enum agree), spelling variants, rows without a kind,
// per-row kinds, and the classification helpers.
use kms_errors::{CatalogError, ErrorKind};

kms_errors::kms_errors!("tests/ui/catalogs/kinds.csv");

fn main() {
    assert_eq!(ErrorKind::ALL.len(), 16);
    for (i, expected) in ErrorKind::ALL.iter().enumerate() {
        let code = ErrorCode::ALL[i];
        assert_eq!(code.as_str(), format!("K.{i:02}"));
        assert_eq!(code.kind(), *expected, "{code}");
        assert_eq!(
            KmsError::from((code.status(), code.as_str())).kind(),
            *expected
        );
    }

    // No kind cell: the status decides.
    assert_eq!(ErrorCode::K20.kind(), ErrorKind::NotFound);
    // A row's own kind wins over its status; a code's first declared kind covers statuses
    // the catalog does not document; unknown codes: the status decides.
    assert_eq!(KmsError::from((400, "K.21")).kind(), ErrorKind::NotFound);
    assert_eq!(
        KmsError::from((409, "K.21")).kind(),
        ErrorKind::AlreadyExists
    );
    assert_eq!(KmsError::from((500, "K.21")).kind(), ErrorKind::NotFound);
    assert_eq!(KmsError::from((500, "K.20")).kind(), ErrorKind::Internal);
    assert_eq!(
        KmsError::from((429, "NOPE")).kind(),
        ErrorKind::ResourceExhausted
    );
    assert_eq!(ErrorCode::Unknown.kind(), ErrorKind::Unknown);

    // Classification.
    let e = KmsError::from((400, "K.21"));
    assert!(e.is_not_found() && !e.is_conflict() && e.is_client_error() && !e.is_server_error());
    assert!(!e.is_retryable());
    let e = KmsError::from((409, "K.21"));
    assert!(e.is_conflict() && !e.is_not_found());
    assert!(KmsError::from((409, "K.09")).is_conflict()); // aborted
    assert!(KmsError::from((409, "K.09")).is_retryable()); // aborted is transient
    for status in [429, 500, 502, 503, 504] {
        let e = KmsError::from((status, "NOPE"));
        assert!(e.is_retryable(), "{status}");
    }
    assert!(KmsError::from((400, "K.13")).is_retryable()); // unavailable, whatever the status
    assert!(!KmsError::from((501, "K.11")).is_retryable());
    assert!(KmsError::from((501, "K.11")).is_server_error());

    // The trait gives the same answers, for generic code.
    fn kind_of<E: CatalogError>(e: &E) -> ErrorKind {
        e.kind()
    }
    assert_eq!(kind_of(&KmsError::from((404, "K.20"))), ErrorKind::NotFound);
}
