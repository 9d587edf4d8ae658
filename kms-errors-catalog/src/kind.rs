//! A catalog's `kind` cell: which [`ErrorKind`] it names.

use crate::names::{closest, normalize};
use crate::ErrorKind;

/// The kind a catalog's `kind` cell names: its `snake_case` name, or the same in another
/// case or with `-` or spaces (`not_found`, `NotFound`, `NOT-FOUND`, `not found`).
/// Otherwise why not, with a did-you-mean.
pub fn from_name(cell: &str) -> Result<ErrorKind, String> {
    let n = normalize(cell);
    let names: Vec<(&str, String)> = ErrorKind::ALL
        .iter()
        .map(|k| (k.as_str(), normalize(k.as_str())))
        .collect();
    if let Some(i) = names.iter().position(|(_, name)| *name == n) {
        return Ok(ErrorKind::ALL[i]);
    }
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
            assert_eq!(from_name(k.as_str()), Ok(k));
        }
        assert_eq!(from_name("not_found"), Ok(ErrorKind::NotFound));
        assert_eq!(from_name("NotFound"), Ok(ErrorKind::NotFound));
        assert_eq!(from_name(" NOT-FOUND "), Ok(ErrorKind::NotFound));
        assert_eq!(
            from_name("resource exhausted"),
            Ok(ErrorKind::ResourceExhausted)
        );
    }

    #[test]
    fn unknown_kind_suggests() {
        let e = from_name("not_fuond").unwrap_err();
        assert!(e.starts_with("`not_fuond` is not a kind (expected one of `cancelled`, `unknown`, `invalid_argument`"), "{e}");
        assert!(
            e.ends_with("`unauthenticated`); did you mean `not_found`?"),
            "{e}"
        );
        let e = from_name("conflict").unwrap_err();
        assert!(!e.contains("did you mean"), "{e}");
    }
}
