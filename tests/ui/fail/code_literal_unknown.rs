// A code literal that is not in the bundled catalog fails the build, naming the literal and
// the enum, with the nearest codes (a swap of two digits, a wrong digit).
const IGNORED: &[kms_errors::ErrorCode] = &[kms_errors::code!("KMS.0270")];

fn main() {
    // In a function body too, and without a suggestion when nothing is near.
    let _ = kms_errors::code!("kms-0207-x");
    let _ = IGNORED;
}
