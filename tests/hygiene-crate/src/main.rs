//! Runs the hygiene cases' assertions; the package sets the edition.

mod cases;

fn main() {
    cases::run();
    println!("hygiene cases passed");
}
