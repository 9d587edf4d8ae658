//! The variant name of a code (the rule is documented on `kms_errors!`).

/// Derives the UpperCamelCase variant name of `code`, or says why there is none.
pub(crate) fn variant_name(code: &str) -> Result<String, String> {
    let mut name = String::new();
    for run in code.split(|c: char| !c.is_ascii_alphanumeric()) {
        for word in humps(run) {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                name.push(first.to_ascii_uppercase());
                name.extend(chars.map(|c| c.to_ascii_lowercase()));
            }
        }
    }
    if name.is_empty() {
        return Err("it has no ASCII letter or digit to derive a variant name from".to_owned());
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'E');
    }
    match name.as_str() {
        "Unknown" => Err(
            "it derives the variant name `Unknown`, which is reserved for codes not in the catalog"
                .to_owned(),
        ),
        "Self" => Err("it derives the variant name `Self`, a Rust keyword".to_owned()),
        _ => Ok(name),
    }
}

/// Splits an ASCII-alphanumeric run at case humps: `badRequest` → `bad`, `Request`;
/// `HTTPServer` → `HTTP`, `Server`; digits stay with what precedes them.
fn humps(run: &str) -> Vec<&str> {
    let b = run.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..b.len() {
        let (prev, cur) = (b[i - 1], b[i]);
        let next_lower = b.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        let lower_to_upper =
            (prev.is_ascii_lowercase() || prev.is_ascii_digit()) && cur.is_ascii_uppercase();
        let acronym_end = prev.is_ascii_uppercase() && cur.is_ascii_uppercase() && next_lower;
        if lower_to_upper || acronym_end {
            out.push(&run[start..i]);
            start = i;
        }
    }
    if start < run.len() {
        out.push(&run[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::variant_name;

    fn ok(code: &str) -> String {
        variant_name(code).unwrap()
    }

    #[test]
    fn documented_examples() {
        assert_eq!(ok("KMS.0207"), "Kms0207");
        assert_eq!(ok("CSMS.0101"), "Csms0101");
        assert_eq!(ok("badRequest"), "BadRequest");
        assert_eq!(ok("Request-URI Too Large"), "RequestUriTooLarge");
        assert_eq!(ok("1100"), "E1100");
    }

    #[test]
    fn messy_real_world_codes() {
        assert_eq!(ok("DCS. 4855"), "Dcs4855");
        assert_eq!(ok("ces.0001"), "Ces0001");
        assert_eq!(ok("Ecs.0001"), "Ecs0001");
        assert_eq!(ok("KMS.DisabledException"), "KmsDisabledException");
        assert_eq!(ok("HTTPServerError"), "HttpServerError");
        assert_eq!(ok("APIGW.0101"), "Apigw0101");
        assert_eq!(ok("SMN.00290"), "Smn00290");
        assert_eq!(ok("v2Api"), "V2Api");
        assert_eq!(ok("111400002"), "E111400002");
        assert_eq!(ok("  KMS__0207  "), "Kms0207");
        assert_eq!(ok("Ошибка.12"), "E12");
    }

    #[test]
    fn rejects_codes_without_a_name() {
        assert!(variant_name("").is_err());
        assert!(variant_name("--.--").is_err());
        assert!(variant_name("ошибка").is_err());
        assert!(variant_name("unknown").unwrap_err().contains("`Unknown`"));
        assert!(variant_name("UNKNOWN").unwrap_err().contains("`Unknown`"));
        assert!(variant_name("self").unwrap_err().contains("`Self`"));
    }

    #[test]
    fn deterministic_and_distinct_for_the_bundled_catalog() {
        let mut seen = std::collections::HashSet::new();
        for line in crate::read::BUNDLED.lines().skip(1) {
            let code = line.split(',').nth(1).unwrap();
            assert!(seen.insert(ok(code)), "{code}");
            assert_eq!(ok(code), ok(code));
        }
        assert_eq!(seen.len(), 185);
    }
}
