// `delimiter = '|'`: a delimiter the detection does not try, given explicitly; commas and
// semicolons in cells are then text.
kms_errors::kms_errors!(path = "tests/ui/catalogs/pipes.csv", delimiter = '|');

mod semicolons {
    // Forcing the delimiter that detection would choose changes nothing.
    kms_errors::kms_errors!("tests/ui/catalogs/semicolons.csv", delimiter = ';');
}

fn main() {
    let e = KmsError::from((404, "SMN.0001"));
    assert_eq!(e.code(), ErrorCode::Smn0001);
    assert_eq!(e.message(), "Topic not found, check the URN.");
    assert_eq!(KmsError::from((400, "SMN.0002")).message(), "Bad subject; too long.");
    assert_eq!(semicolons::KmsError::from((404, "DNS.0002")).message(), "Zone not found.");
}
