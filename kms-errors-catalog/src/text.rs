//! Runtime text: how a cell's text reads at run time (the generated rustdoc keeps it as
//! written).

use std::borrow::Cow;

/// `s` with RST `**bold**` markers removed (only balanced pairs around non-blank text;
/// anything else, such as `2**10`, stays as written).
pub fn plain(s: &str) -> Cow<'_, str> {
    if !s.contains("**") {
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
    }
}
