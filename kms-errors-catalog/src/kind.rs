//! A catalog's `kind` cell: which [`ErrorKind`] it names, and whether it says the row is a
//! rate limit (`throttled`). The cell's text for a kind ([`kind_cell`], the inverse of
//! [`from_name`]) is `kms-errors-core`'s, re-exported here.

use crate::names::{closest, normalize};
use crate::ErrorKind;

pub use kms_errors_core::cell::{kind_cell, THROTTLED};

/// The kind a catalog's `kind` cell names, and whether the row is a rate limit: an
/// [`ErrorKind`]'s `snake_case` name, or [`THROTTLED`] (`ResourceExhausted`, throttling), in
/// any case and with `-` or spaces (`not_found`, `NotFound`, `NOT-FOUND`, `not found`).
/// Otherwise why not, with a did-you-mean.
pub fn from_name(cell: &str) -> Result<(ErrorKind, bool), String> {
    let n = normalize(cell);
    let mut names: Vec<(&str, String)> = ErrorKind::ALL
        .iter()
        .map(|k| (k.as_str(), normalize(k.as_str())))
        .collect();
    if let Some(i) = names.iter().position(|(_, name)| *name == n) {
        return Ok((ErrorKind::ALL[i], false));
    }
    if n == THROTTLED {
        return Ok((ErrorKind::ResourceExhausted, true));
    }
    names.push((THROTTLED, THROTTLED.to_owned()));
    let hint = match closest(cell, &names) {
        Some(k) => format!("; did you mean `{k}`?"),
        None => String::new(),
    };
    let mut all = String::new();
    for (i, (k, _)) in names.iter().enumerate() {
        all.push_str(if i == 0 { "`" } else { ", `" });
        all.push_str(k);
        all.push('`');
    }
    Err(format!(
        "`{}` is not a kind (expected one of {all}){hint}",
        cell.trim()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_and_its_spellings() {
        for &k in ErrorKind::ALL {
            assert_eq!(from_name(k.as_str()), Ok((k, false)));
        }
        assert_eq!(from_name("not_found"), Ok((ErrorKind::NotFound, false)));
        assert_eq!(from_name("NotFound"), Ok((ErrorKind::NotFound, false)));
        assert_eq!(from_name(" NOT-FOUND "), Ok((ErrorKind::NotFound, false)));
        assert_eq!(
            from_name("resource exhausted"),
            Ok((ErrorKind::ResourceExhausted, false))
        );
        // A rate limit: resource exhausted, retried after a delay.
        assert_eq!(
            from_name("throttled"),
            Ok((ErrorKind::ResourceExhausted, true))
        );
        assert_eq!(
            from_name("Throttled"),
            Ok((ErrorKind::ResourceExhausted, true))
        );
    }

    /// What the tools write ([`kind_cell`]) reads back as it was written.
    #[test]
    fn the_written_cell_reads_back() {
        for &k in ErrorKind::ALL {
            assert_eq!(from_name(kind_cell(k, false)), Ok((k, false)), "{k}");
        }
        let rate_limit = kind_cell(ErrorKind::ResourceExhausted, true);
        assert_eq!(
            from_name(rate_limit),
            Ok((ErrorKind::ResourceExhausted, true))
        );
    }

    #[test]
    fn unknown_kind_suggests() {
        let e = from_name("not_fuond").unwrap_err();
        assert!(e.starts_with("`not_fuond` is not a kind (expected one of `cancelled`, `unknown`, `invalid_argument`"), "{e}");
        assert!(
            e.ends_with("`unauthenticated`, `throttled`); did you mean `not_found`?"),
            "{e}"
        );
        let e = from_name("throtled").unwrap_err();
        assert!(e.ends_with("did you mean `throttled`?"), "{e}");
        let e = from_name("conflict").unwrap_err();
        assert!(!e.contains("did you mean"), "{e}");
    }
}
