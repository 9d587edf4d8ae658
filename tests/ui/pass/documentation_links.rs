// Documentation links: a row's `url` cell (here under the header `Documentation`), else
// the catalog's `docs` argument; none without either.
kms_errors::kms_errors!(path = "tests/ui/catalogs/links.csv", docs = "https://e.example/errors");

mod without_links {
    kms_errors::kms_errors!("tests/ui/catalogs/iam_like.csv");
}

fn main() {
    assert_eq!(ErrorCode::Doc0001.doc_url(), Some("https://e.example/errors/doc-0001"));
    // A code's first row has no link: the catalog's.
    assert_eq!(ErrorCode::Doc0002.doc_url(), Some("https://e.example/errors"));
    assert_eq!(ErrorCode::Unknown.doc_url(), Some("https://e.example/errors"));
    // The error: the row for the received status.
    let e = KmsError::from((409, "DOC.0002"));
    assert_eq!(e.doc_url(), Some("https://e.example/errors/doc-0002#conflict"));
    assert_eq!(KmsError::from((400, "DOC.0002")).doc_url(), Some("https://e.example/errors"));
    assert_eq!(KmsError::from((404, "NOPE")).doc_url(), Some("https://e.example/errors"));

    assert_eq!(without_links::ErrorCode::ALL[0].doc_url(), None);
    assert_eq!(without_links::KmsError::from((400, "IAM.0001")).doc_url(), None);
}
