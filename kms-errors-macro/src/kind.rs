//! The optional `kind` column: a fixed set of categories modelled on the gRPC canonical
//! status codes. The generated code maps them onto `kms_errors::ErrorKind`, whose variants
//! are declared in this order (a test in `kms-errors` checks that the two lists agree).

/// The kinds, as written in a catalog (`snake_case`), in `ErrorKind` declaration order.
pub(crate) const KINDS: [&str; 16] = [
    "cancelled",
    "unknown",
    "invalid_argument",
    "deadline_exceeded",
    "not_found",
    "already_exists",
    "permission_denied",
    "resource_exhausted",
    "failed_precondition",
    "aborted",
    "out_of_range",
    "unimplemented",
    "internal",
    "unavailable",
    "data_loss",
    "unauthenticated",
];

/// `NotFound`, `NOT_FOUND`, `not-found` and `not found` all mean `not_found`.
fn normalize(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `a` and `b` are equal once both are normalized (no allocation: this runs per row).
fn same(a: &str, b: &str) -> bool {
    let skip = |c: &char| !matches!(c, '_' | '-' | ' ');
    let mut x = a
        .trim()
        .chars()
        .filter(skip)
        .map(|c| c.to_ascii_lowercase());
    let mut y = b.chars().filter(skip).map(|c| c.to_ascii_lowercase());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (p, q) if p != q => return false,
            _ => {}
        }
    }
}

/// The position of `cell` in [`KINDS`], or why it is not a kind.
pub(crate) fn parse(cell: &str) -> Result<usize, String> {
    if let Some(i) = KINDS.iter().position(|k| same(cell, k)) {
        return Ok(i);
    }
    let n = normalize(cell);
    let hint = KINDS
        .iter()
        .map(|k| (k, crate::valid::distance(&n, &normalize(k))))
        .filter(|&(_, d)| d <= 3)
        .min_by_key(|&(_, d)| d)
        .map(|(k, _)| format!("; did you mean `{k}`?"))
        .unwrap_or_default();
    Err(format!(
        "`{}` is not a kind (expected one of {}){hint}",
        cell.trim(),
        KINDS.map(|k| format!("`{k}`")).join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!(parse("not_found"), Ok(4));
        assert_eq!(parse("NotFound"), Ok(4));
        assert_eq!(parse(" NOT-FOUND "), Ok(4));
        assert_eq!(parse("resource exhausted"), Ok(7));
        assert_eq!(parse("unauthenticated"), Ok(15));
    }

    #[test]
    fn unknown_kind_suggests() {
        let e = parse("not_fuond").unwrap_err();
        assert!(e.starts_with("`not_fuond` is not a kind"), "{e}");
        assert!(e.ends_with("did you mean `not_found`?"), "{e}");
        let e = parse("conflict").unwrap_err();
        assert!(!e.contains("did you mean"), "{e}");
    }
}
