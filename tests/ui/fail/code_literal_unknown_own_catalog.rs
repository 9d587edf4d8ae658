// A code literal that is not in one's own catalog fails the build, naming the literal and
// the enum as written; `1100` and `1101` are a case or an edit away.
mod iam {
    kms_errors::kms_errors!(
        path = "tests/ui/catalogs/iam_like.csv",
        error = IamError,
        code = IamCode
    );
}
use iam::IamCode;

const EXPIRED: IamCode = kms_errors::code!(IamCode, "1102");
static DENIED: iam::IamCode = kms_errors::code!(iam::IamCode, "COMMON.0001");

fn main() {
    let _ = (EXPIRED, DENIED);
}
