//! The `status` cell: `404`, `400 Bad Request`, `400/404/500`.

/// The statuses of a cell, in order and without repeats, or why it is not one.
pub fn statuses(cell: &str) -> Result<Vec<u16>, String> {
    if cell.trim().is_empty() {
        return Err("the status is empty".to_owned());
    }
    let mut out = Vec::new();
    for part in cell.split('/') {
        let part = part.trim();
        let digits = part.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &part[digits..];
        if digits == 0 || !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            return Err(format!(
                "`{part}` is not an HTTP status (expected a number such as `404`, optionally followed by a reason or `/` and more statuses)"
            ));
        }
        let n: u32 = if digits > 3 {
            u32::MAX
        } else {
            part[..digits].parse().unwrap_or(u32::MAX)
        };
        if !(100..=599).contains(&n) {
            return Err(format!(
                "`{}` is outside the HTTP status range 100..=599",
                &part[..digits]
            ));
        }
        let n = n as u16;
        if !out.contains(&n) {
            out.push(n);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::statuses;

    #[test]
    fn accepted_forms() {
        assert_eq!(statuses("404"), Ok(vec![404]));
        assert_eq!(statuses(" 400 Bad Request "), Ok(vec![400]));
        assert_eq!(statuses("409 ObjectNotAppendable"), Ok(vec![409]));
        assert_eq!(statuses("400/404/500"), Ok(vec![400, 404, 500]));
        assert_eq!(statuses("400 / 400"), Ok(vec![400]));
        assert_eq!(statuses("204"), Ok(vec![204]));
        assert_eq!(statuses("100"), Ok(vec![100]));
        assert_eq!(statuses("599"), Ok(vec![599]));
    }

    #[test]
    fn rejected_forms() {
        for bad in [
            "", "  ", "abc", "4O4", "404x", "99", "600", "0404", "65936", "400/", "/400", "-400",
            "Bad 400",
        ] {
            let e = statuses(bad).unwrap_err();
            assert!(e.contains('`') || e.contains("empty"), "{bad}: {e}");
        }
        assert!(statuses("600").unwrap_err().contains("100..=599"));
        assert!(statuses("99999999999999999999")
            .unwrap_err()
            .contains("100..=599"));
    }
}
