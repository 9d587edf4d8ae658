//! The variant name of a code: the naming rule (documented on `kms_errors!`).

/// Derives the UpperCamelCase variant name of `code`, or says why there is none.
///
/// One pass over the bytes: anything but an ASCII letter or digit separates words (so does
/// every byte of a non-ASCII character); a word also starts at a lower-to-upper hump
/// (`badRequest`) and at the last capital of an acronym followed by lower case (`HTTPServer`).
/// A word's first letter is upper case, the rest lower case.
pub fn variant_name(code: &str) -> Result<String, String> {
    let b = code.as_bytes();
    let mut name = String::with_capacity(b.len() + 1);
    let mut prev = 0u8; // 0: at a separator
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        i += 1;
        if !x.is_ascii_alphanumeric() {
            prev = 0;
            continue;
        }
        let next = if i < b.len() { b[i] } else { 0 };
        let word_start = prev == 0
            || ((prev.is_ascii_lowercase() || prev.is_ascii_digit()) && x.is_ascii_uppercase())
            || (prev.is_ascii_uppercase() && x.is_ascii_uppercase() && next.is_ascii_lowercase());
        name.push(if word_start {
            x.to_ascii_uppercase()
        } else {
            x.to_ascii_lowercase()
        } as char);
        prev = x;
    }
    if name.is_empty() {
        return Err("it has no ASCII letter or digit to derive a variant name from".to_owned());
    }
    if name.as_bytes()[0].is_ascii_digit() {
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
        for line in crate::source::KMS.lines().skip(1) {
            let code = line.split(',').nth(1).unwrap();
            assert!(seen.insert(ok(code)), "{code}");
            assert_eq!(ok(code), ok(code));
        }
        assert_eq!(seen.len(), 185);
    }
}
