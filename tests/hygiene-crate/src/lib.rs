//! The hygiene cases as a library: their public items are checked as a public API (missing
//! docs, clippy's pedantic lints on exported items).
#![deny(missing_docs)]

pub mod cases;
