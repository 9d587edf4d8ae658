//! Runtime text: how a cell's text reads at run time (the generated rustdoc keeps it as
//! written).

use std::borrow::Cow;

/// `s` with RST `**bold**` markers removed (only balanced pairs around non-blank text;
/// anything else, such as `2**10`, stays as written).
pub fn plain(s: &str) -> Cow<'_, str> {
    // A byte loop first: this runs unoptimised in most builds, and most cells have no `**`.
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() && !(b[i] == b'*' && b[i - 1] == b'*') {
        i += 1;
    }
    if i >= b.len() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find("**") {
        let after = &rest[open + 2..];
        match after.find("**") {
            Some(close)
                if close > 0
                    && !after.starts_with(char::is_whitespace)
                    && !after[..close].ends_with(char::is_whitespace) =>
            {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[close + 2..];
            }
            _ => {
                out.push_str(&rest[..open + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::plain;
    use std::borrow::Cow;

    #[test]
    fn plain_removes_balanced_bold_only() {
        assert_eq!(plain("Invalid **X-Auth-Token**."), "Invalid X-Auth-Token.");
        assert_eq!(plain("**a** and **b**"), "a and b");
        assert_eq!(plain("2**10 is 1024"), "2**10 is 1024");
        assert_eq!(plain("** not bold **"), "** not bold **");
        assert_eq!(plain("****"), "****");
        assert_eq!(plain("x ** y ** z"), "x ** y ** z");
        assert_eq!(plain("é**ü**"), "éü");
        assert_eq!(plain(""), "");
        assert_eq!(plain("*"), "*");
        assert_eq!(plain("a*b*"), "a*b*");
        assert!(matches!(plain("no bold"), Cow::Borrowed(_)));
    }
}
