// Only `status` and `code` are required; absent or empty text columns read as "".
mod bare {
    // `code,status`: no message, description or measure column at all.
    kms_errors::kms_errors!(
        path = "tests/ui/catalogs/status_code_only.csv",
        error = AppError,
        code = AppCode
    );
}

mod no_description {
    // A description column whose cells are all empty.
    kms_errors::kms_errors!(
        path = "tests/ui/catalogs/empty_description.csv",
        error = ObjError,
        code = ObjCode
    );
}

use bare::{AppCode, AppError};
use no_description::{ObjCode, ObjError};

fn main() {
    let err = AppError::from((404, "APP.0002"));
    assert_eq!(err.code(), AppCode::App0002);
    assert!(err.is_documented());
    assert_eq!(err.message(), "");
    assert_eq!(err.description(), "");
    assert_eq!(err.measure(), "");
    // Without a message, Display stops after the status.
    assert_eq!(err.to_string(), "APP.0002 (HTTP 404)");
    assert_eq!(
        AppCode::App0001.rows().map(|r| (r.status(), r.message(), r.description(), r.measure())).collect::<Vec<_>>(),
        [(400, "", "", "")]
    );
    assert_eq!(AppCode::App0001.message(), "");

    let err = ObjError::from((400, "OBJ.0001"));
    assert_eq!(err.code(), ObjCode::Obj0001);
    assert_eq!(err.message(), "The object key is too long.");
    assert_eq!(err.description(), "");
    assert_eq!(err.measure(), "Shorten the object key.");
    assert_eq!(ObjCode::Obj0002.description(), "");
    assert_eq!(ObjCode::Obj0002.measure(), "Check the object key.");
}
