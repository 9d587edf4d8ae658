// A tab-separated catalog with vendor header names (`Handling Measure`): detected from the
// header line; commas, semicolons and quotes inside cells are text.
kms_errors::kms_errors!("tests/ui/catalogs/tabs.tsv");

fn main() {
    let e = KmsError::from((400, "VPC.0001"));
    assert_eq!(e.code(), ErrorCode::Vpc0001);
    assert_eq!(e.message(), "Invalid CIDR, \"10.0.0.0/33\".");
    assert_eq!(e.description(), "The mask is out of range; use 0-32.");
    assert_eq!(e.measure(), "Fix the CIDR.");
    let e = KmsError::from((404, "VPC.0002"));
    assert_eq!((e.message(), e.description(), e.measure()), ("VPC not found.", "", "Check the VPC ID."));
}
