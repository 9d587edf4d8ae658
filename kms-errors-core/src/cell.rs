//! A catalog's `kind` cell as text: what a tool writes for a row's kind, the inverse of the
//! front end's reader (`kms_errors_catalog::kind::from_name`, which also takes other
//! spellings). Written once here for the importer, `diff` and the generated docs.

use crate::ErrorKind;

/// The `kind` cell of a row that is a rate limit, whatever its status (a "Flow limit
/// exceeded" row documented as HTTP 400 or 202): its kind is
/// [`ErrorKind::ResourceExhausted`], and its errors are retried after a delay, as HTTP 429
/// is ([`Retry::Throttled`](crate::Retry::Throttled)); a plain `resource_exhausted` row is a
/// quota, never retried.
pub const THROTTLED: &str = "throttled";

/// The `kind` cell of a row of `kind` that is a rate limit (`throttled`) or not: [`THROTTLED`]
/// for a throttling row (whatever `kind`: the front end gives such a row
/// [`ErrorKind::ResourceExhausted`]), else the kind's `snake_case` name
/// ([`ErrorKind::as_str`]).
///
/// ```
/// use kms_errors_core::cell::{kind_cell, THROTTLED};
/// use kms_errors_core::ErrorKind;
///
/// assert_eq!(kind_cell(ErrorKind::NotFound, false), "not_found");
/// // A quota, and a rate limit.
/// assert_eq!(kind_cell(ErrorKind::ResourceExhausted, false), "resource_exhausted");
/// assert_eq!(kind_cell(ErrorKind::ResourceExhausted, true), THROTTLED);
/// ```
#[must_use]
pub const fn kind_cell(kind: ErrorKind, throttled: bool) -> &'static str {
    if throttled {
        THROTTLED
    } else {
        kind.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_throttling() {
        for &k in ErrorKind::ALL {
            assert_eq!(kind_cell(k, false), k.as_str(), "{k}");
            assert_eq!(kind_cell(k, true), "throttled", "{k}");
            // `throttled` is not a kind's name: the cell tells the two apart.
            assert_ne!(k.as_str(), THROTTLED);
        }
    }

    /// Usable in `const` items.
    #[test]
    fn in_const_items() {
        const QUOTA: &str = kind_cell(ErrorKind::ResourceExhausted, false);
        const RATE_LIMIT: &str = kind_cell(ErrorKind::ResourceExhausted, true);
        assert_eq!((QUOTA, RATE_LIMIT), ("resource_exhausted", "throttled"));
    }
}
