//! The hygiene cases of `tests/ui/pass/`, each a module here with its own lint attributes.

/// `hygiene_const_and_code_literals.rs`
#[path = "../../ui/pass/hygiene_const_and_code_literals.rs"]
pub mod const_and_code_literals;
/// `hygiene_in_function_body.rs`
#[path = "../../ui/pass/hygiene_in_function_body.rs"]
pub mod in_function_body;
/// `hygiene_no_implicit_prelude.rs`
#[path = "../../ui/pass/hygiene_no_implicit_prelude.rs"]
pub mod no_implicit_prelude;
/// `hygiene_shadowed_names.rs`
#[path = "../../ui/pass/hygiene_shadowed_names.rs"]
pub mod shadowed_names;
/// `hygiene_strict_lints.rs`
#[path = "../../ui/pass/hygiene_strict_lints.rs"]
pub mod strict_lints;
/// `hygiene_two_modules.rs`
#[path = "../../ui/pass/hygiene_two_modules.rs"]
pub mod two_modules;

/// Runs every case's assertions.
pub fn run() {
    const_and_code_literals::main();
    in_function_body::main();
    no_implicit_prelude::main();
    shadowed_names::main();
    strict_lints::main();
    two_modules::main();
}
