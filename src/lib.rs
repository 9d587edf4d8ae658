//! The workspace's own package, `kms-errors-workspace` (not published): its tests
//! (`tests/`), its examples (`examples/`), and the repository README's code blocks, which
//! compile and run here as doc tests. The library is `kms-errors`.

#![forbid(unsafe_code)]

/// The repository README's code blocks, compiled and run as doc tests (the library's own
/// README is `kms-errors`').
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
