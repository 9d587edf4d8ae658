// Types named `u8`, `u16`, `u32`, `u64`, `u128`, `usize`, `str` and `bool` in the invoking
// module do not affect the expansion: it writes `::core::primitive::u16` and so on. (Found by
// this test: the expansion used the bare names.)
#![deny(warnings)]

#[allow(non_camel_case_types, dead_code)]
mod decoys {
    pub(crate) struct u8;
    pub(crate) struct u16;
    pub(crate) struct u32;
    pub(crate) struct u64;
    pub(crate) struct u128;
    pub(crate) struct usize;
    pub(crate) struct str;
    pub(crate) struct bool;
}

mod shadowed {
    #[allow(unused_imports)]
    use super::decoys::{bool, str, u128, u16, u32, u64, u8, usize};

    kms_errors::kms_errors!(path = "tests/ui/catalogs/hygiene.csv");
}

fn main() {
    let err = shadowed::KmsError::from((400, "HYG.0001"));
    assert_eq!(err.code(), shadowed::ErrorCode::Hyg0001);
    assert_eq!(err.status(), 400);
    assert_eq!(err.message(), "The request is invalid.");
}
