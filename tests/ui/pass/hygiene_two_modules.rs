// Hygiene: the macro with its default names in two (and a nested third) modules of one
// crate, twice on the same catalog: each module has its own independent types.
// Also built under editions 2018, 2021 and 2024 and with clippy by `tests/hygiene.rs`.
#![deny(warnings)]

mod a {
    kms_errors::kms_errors!(path = "tests/ui/catalogs/hygiene.csv");
}

mod b {
    kms_errors::kms_errors!(path = "tests/ui/catalogs/hygiene_other.csv");

    pub(crate) mod inner {
        kms_errors::kms_errors!(path = "tests/ui/catalogs/hygiene.csv");
    }
}

pub(crate) fn main() {
    let (x, y) = (
        a::KmsError::from((400, "HYG.0001")),
        b::KmsError::from((400, "HYG.0001")),
    );
    assert_eq!(x.code(), a::ErrorCode::Hyg0001);
    assert_eq!(y.code(), b::ErrorCode::Hyg0001);
    assert_eq!(x.message(), "The request is invalid.");
    assert_eq!(y.message(), "Another catalog's message for the same code.");
    assert_eq!(a::ErrorCode::from_code("OTHER.0001"), None);
    assert_eq!(
        b::ErrorCode::from_code("OTHER.0001"),
        Some(b::ErrorCode::Other0001)
    );
    // The same catalog twice: equal behaviour, distinct types.
    let z = b::inner::KmsError::from((400, "HYG.0001"));
    assert_eq!(z.to_string(), x.to_string());
    assert_eq!(b::inner::ErrorCode::ALL.len(), a::ErrorCode::ALL.len());
    assert_eq!(a::ErrorCode::ALL.len(), 13);
    assert_eq!(b::ErrorCode::ALL.len(), 2);
}
