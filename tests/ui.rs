//! Compile-time tests of `kms_errors!`: catalogs that must expand (and behave as documented
//! at run time) and catalogs or arguments that must be rejected with a precise message.
//!
//! Run `TRYBUILD=overwrite cargo test --test ui` to regenerate the `.stderr` files after an
//! intended change to a message, then read the diff.

#[test]
fn ui() {
    // trybuild compiles every case in a project it generates under `target/`, so the
    // `CARGO_MANIFEST_DIR` the macro sees there is that project's, not ours. The macro
    // resolves a relative catalog path against `KMS_ERRORS_MANIFEST_DIR` first, so point it
    // at this package: the cases then name their fixtures as `tests/ui/catalogs/NAME.csv`.
    // The root package is edition 2021, where `set_var` is a safe function; it runs before
    // trybuild spawns cargo, which inherits the variable.
    std::env::set_var("KMS_ERRORS_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));

    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
