//! The `url` cell and the macro's `docs` argument: a documentation link.

/// Whether `url` (a `url` cell or the macro's `docs` argument) is a documentation link:
/// empty (none), or an `http://` or `https://` URL without white space, control characters,
/// quotes, backticks or angle brackets (it is shown as a link in rustdoc and IDEs).
pub fn check_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Ok(());
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let bad = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '`'));
    match (rest, bad) {
        (_, Some(c)) => Err(format!(
            "`{}` is not a link: it contains {c:?} (write the URL without spaces, quotes or angle brackets)",
            url.escape_debug()
        )),
        (Some(rest), None) if !rest.is_empty() && !rest.starts_with('/') => Ok(()),
        _ => Err(format!(
            "`{}` is not a link (expected an `https://` or `http://` URL)",
            url.escape_debug()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn links() {
        assert!(check_url("https://e.example/\"x").is_err());
        assert!(check_url("ftp://e.example/").is_err());
        assert!(check_url("https:///path").is_err());
        assert!(check_url("https://").is_err());
        assert!(check_url("docs/a.html").is_err());
        assert!(check_url("https://x y")
            .unwrap_err()
            .contains("it contains ' '"));
        assert!(check_url("https://e.example/<x>").is_err());
        assert!(check_url("https://e.example/`x`").is_err());
        assert!(check_url("https://e.example/\u{7}").is_err());
        assert_eq!(check_url("https://e.example"), Ok(()));
        assert_eq!(check_url("http://e.example/a#b?c=d"), Ok(()));
        assert_eq!(check_url(""), Ok(()));
    }
}
