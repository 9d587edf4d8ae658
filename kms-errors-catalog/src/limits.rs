//! Bounds that keep a hostile or mistaken catalog from exhausting the compiler.

/// Largest catalog file, in bytes (16 MiB).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// Most data rows in a catalog.
pub const MAX_ROWS: usize = 100_000;
/// Longest cell, in bytes.
pub const MAX_CELL: usize = 16 * 1024;
/// Most distinct codes (the code enum is at most two bytes).
pub const MAX_CODES: usize = 65_535;
/// Most errors reported for one catalog; the rest are counted.
pub const MAX_ERRORS: usize = 30;
