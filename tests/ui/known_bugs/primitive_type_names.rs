// KNOWN BUG (run by the ignored test `primitive_type_names_in_the_invoking_module` in
// tests/hygiene.rs): the expansion writes `u8`, `u16`, `u32`, `u64`, `u128`, `usize`,
// `str` and `bool` by their bare names, which a type of the same name in the invoking
// module shadows: "mismatched types", "non-primitive cast: `decoys::u8` as
// `decoys::usize`", "`decoys::str` doesn't implement `Display`". Writing
// `::core::primitive::u16` and so on would make it immune. Move this file to
// tests/ui/pass/ once it compiles.
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
