//! The generated runtime API over the bundled tables (the KMS and CSMS codes, then the API
//! gateway's): conversions, lookups, aliases, lossless handling of unknown codes,
//! formatting, equality and hashing.

mod common;
use kms_errors::{ErrorCode, KmsError, UnknownErrorCode};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// `(status, code, message)` of every data row of both bundled tables, read independently
/// of the generated code.
fn catalog_rows() -> Vec<(u16, String, String)> {
    common::bundled::rows()
        .into_iter()
        .map(|r| (r.status, r.code, r.message))
        .collect()
}

fn hash_of<T: Hash>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Unknown codes, each of which must survive a round trip unchanged.
fn unknown_codes() -> Vec<String> {
    vec![
        "KMS.9999".to_owned(),
        String::new(),
        "kms.0207".to_owned(),
        " KMS.0207".to_owned(),
        "KMS.0207 ".to_owned(),
        "KMS.02070".to_owned(),
        "KMS.020".to_owned(),
        "KMS_0207".to_owned(),
        "Kms0207".to_owned(),
        format!("KMS.{}", "9".repeat(100_000)),
        "KMS.０２０７".to_owned(),
        "Ошибка.0207".to_owned(),
        "错误🔑\u{0}\n\"`".to_owned(),
    ]
}

#[test]
fn every_catalog_row_converts() {
    let rows = catalog_rows();
    assert_eq!(rows.len(), 185 + 71);
    let mut codes = ErrorCode::ALL.iter().copied().peekable();
    for (status, code, _) in &rows {
        let err = KmsError::from((*status, code.as_str()));
        // The text is that of the code's first row with this status (`APIG.0101` has two
        // rows at 404).
        let message = &rows
            .iter()
            .find(|r| (r.0, &r.1) == (*status, code))
            .unwrap()
            .2;
        // A code on several rows is one variant: the rows of a variant are consecutive.
        if codes.peek().map(|c| c.as_str()) != Some(code.as_str()) {
            codes.next();
        }
        assert_eq!(Some(err.code()), codes.peek().copied(), "{code}");
        assert_eq!(err.code().as_str(), code);
        assert_ne!(err.code(), ErrorCode::Unknown, "{code}");
        assert!(err.is_documented(), "{code}");
        assert_eq!(err.status(), *status);
        assert_eq!(err.code_str(), code);
        assert_eq!(err.message(), message, "{code}");
        assert_eq!(
            err.to_string(),
            format!("{code} (HTTP {status}): {message}")
        );
        assert_eq!(err, KmsError::new(*status, code));
    }
}

#[test]
fn display_of_known_errors() {
    assert_eq!(
        KmsError::from((404, "KMS.0207")).to_string(),
        "KMS.0207 (HTTP 404): The key does not exist."
    );
    assert_eq!(
        KmsError::from((409, "CSMS.0101")).to_string(),
        "CSMS.0101 (HTTP 409): The secret name already exists."
    );
    // `**bold**` does not reach the text; commas survive.
    let err = KmsError::from((400, "KMS.1902"));
    assert_eq!(
        err.description(),
        "The value of key_spec must be AES_128 or AES_256."
    );
    assert_eq!(
        KmsError::from((400, "KMS.0106")).to_string(),
        "KMS.0106 (HTTP 400): It is replica service, readonly api allowed."
    );
}

#[test]
fn every_code_is_found_by_its_string() {
    assert_eq!(ErrorCode::ALL.len(), 185 + 64);
    for &c in ErrorCode::ALL {
        assert_ne!(c, ErrorCode::Unknown);
        assert!(!c.as_str().is_empty(), "{c:?}");
        assert_eq!(ErrorCode::from_code(c.as_str()), Some(c), "{c:?}");
        assert_eq!(c.as_str().parse::<ErrorCode>(), Ok(c), "{c:?}");
        assert_eq!(c.to_string(), c.as_str());
        assert!(c.has_status(c.status()), "{c:?}");
    }
    let distinct: HashSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(distinct.len(), ErrorCode::ALL.len());
}

#[test]
fn lookups_are_exact() {
    for s in unknown_codes() {
        assert_eq!(ErrorCode::from_code(&s), None, "{s:?}");
        let e = s.parse::<ErrorCode>().unwrap_err();
        assert_eq!(e.code(), s);
    }
    // "Unknown" is a variant name, not a code; the empty string is `Unknown`'s `as_str`.
    assert_eq!(ErrorCode::from_code("Unknown"), None);
    assert_eq!(ErrorCode::from_code("unknown"), None);
    assert_eq!(ErrorCode::from_code(ErrorCode::Unknown.as_str()), None);
    // Neighbours of real codes in the sorted index.
    assert_eq!(ErrorCode::from_code("CSMS.0001"), Some(ErrorCode::Csms0001));
    assert_eq!(ErrorCode::from_code("KMS.5023"), Some(ErrorCode::Kms5023));
    assert_eq!(ErrorCode::from_code("A"), None);
    assert_eq!(ErrorCode::from_code("Z"), None);
}

#[test]
fn unknown_codes_are_lossless() {
    for s in unknown_codes() {
        for status in [0, 100, 404, 418, 999, u16::MAX] {
            let err = KmsError::from((status, s.as_str()));
            assert_eq!(err.status(), status);
            assert_eq!(err.code_str(), s);
            assert_eq!(err.code(), ErrorCode::Unknown);
            assert!(!err.is_documented(), "{s:?}");
            let display = match s.as_str() {
                "" => format!("HTTP {status} without an error code"),
                // The server's text, shown bounded and escaped; `code_str()` keeps it whole.
                _ => format!(
                    "{} (HTTP {status}): unknown error code",
                    kms_errors::Shown::token(&s)
                ),
            };
            assert_eq!(err.to_string(), display);
            assert_eq!(
                (err.message(), err.description(), err.measure()),
                ("", "", "")
            );
            assert_eq!(err.code(), ErrorCode::Unknown);
        }
    }
    assert_eq!(
        KmsError::from((418, "KMS.9999")).to_string(),
        "KMS.9999 (HTTP 418): unknown error code"
    );
    assert_eq!(
        KmsError::from((500, "")).to_string(),
        "HTTP 500 without an error code"
    );
}

/// A code of `n` bytes whose every byte differs from its neighbours, so that a byte copied to
/// the wrong place or dropped shows.
fn patterned(n: usize) -> String {
    (0..n).map(|i| char::from(b'!' + (i % 90) as u8)).collect()
}

#[test]
fn unknown_codes_of_every_length_are_lossless() {
    // Short unknown codes may be stored differently from long ones; cross every boundary.
    for n in 0..=64 {
        let s = patterned(n);
        let err = KmsError::from((400, s.as_str()));
        assert_eq!(err.code_str(), s, "length {n}");
        assert_eq!(err.status(), 400, "length {n}");
        assert_eq!(err.code(), ErrorCode::Unknown, "length {n}");
        assert_eq!(err, KmsError::from((400, s.as_str())), "length {n}");
        assert_eq!(hash_of(&err), hash_of(&KmsError::from((400, s.as_str()))));
        // Changing any one byte gives a different, unequal error.
        for p in 0..n {
            let mut other = s.clone().into_bytes();
            other[p] = b' ';
            let other = String::from_utf8(other).unwrap();
            let e2 = KmsError::from((400, other.as_str()));
            assert_eq!(e2.code_str(), other, "length {n}, byte {p}");
            assert_ne!(err, e2, "length {n}, byte {p}");
        }
        // A prefix is a different error (the length is part of the value).
        if n > 0 {
            assert_ne!(err, KmsError::from((400, &s[..n - 1])), "length {n}");
        }
    }
    // Multi-byte characters at every position and around the same boundaries.
    for n in 0..=24 {
        for c in ['é', '€', '🔑'] {
            let s: String = patterned(n) + &c.to_string() + &patterned(3);
            let err = KmsError::from((404, s.as_str()));
            assert_eq!(err.code_str(), s);
            assert_eq!(
                err.to_string(),
                format!("{s} (HTTP 404): unknown error code")
            );
        }
    }
    // Zero bytes are text like any other.
    for s in ["\0", "KMS\0", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"] {
        assert_eq!(KmsError::from((400, s)).code_str(), s);
    }
    assert_ne!(KmsError::from((400, "")), KmsError::from((400, "\0")));
}

#[test]
fn catalog_code_with_an_undocumented_status() {
    let err = KmsError::from((500, "KMS.0207"));
    assert_eq!(err.status(), 500);
    assert_eq!(err.code(), ErrorCode::Kms0207);
    assert_eq!(err.code_str(), "KMS.0207");
    assert!(!err.is_documented());
    assert_eq!(err.message(), "The key does not exist.");
    assert_eq!(err.measure(), "Choose a valid key or create a key.");
    assert_eq!(
        err.to_string(),
        "KMS.0207 (HTTP 500): The key does not exist."
    );
    assert_ne!(err, KmsError::from((404, "KMS.0207")));
    assert_eq!(err.code(), ErrorCode::Kms0207);

    // Every code: a status it is not documented with falls back to its first row.
    for &c in ErrorCode::ALL {
        let status = if c.status() == 599 { 598 } else { 599 };
        assert!(!c.has_status(status));
        let err = KmsError::new(status, c.as_str());
        assert_eq!(err.code(), c);
        assert_eq!(err.status(), status);
        assert!(!err.is_documented(), "{c:?}");
        let r = c.rows().next().unwrap();
        let (m, d, x) = (r.message(), r.description(), r.measure());
        assert_eq!((err.message(), err.description(), err.measure()), (m, d, x));
        assert_eq!(
            err.to_string(),
            format!("{} (HTTP {status}): {m}", c.as_str())
        );
    }
}

#[test]
fn parse_error_keeps_the_string() {
    let e: UnknownErrorCode = "kms.0207".parse::<ErrorCode>().unwrap_err();
    assert_eq!(e.code(), "kms.0207");
    assert_eq!(e.to_string(), "unknown error code `kms.0207`");
    assert_eq!(format!("{e:?}"), r#"UnknownErrorCode { code: "kms.0207" }"#);
    assert_eq!(e, "kms.0207".parse::<ErrorCode>().unwrap_err());
    assert_ne!(e, "KMS.9999".parse::<ErrorCode>().unwrap_err());

    let long = format!("KMS.{}", "9".repeat(10_000));
    let e = long.parse::<ErrorCode>().unwrap_err();
    assert_eq!(e.code(), long);
    assert_eq!(e.to_string(), format!("unknown error code `{long}`"));

    let e = "".parse::<ErrorCode>().unwrap_err();
    assert_eq!(e.code(), "");
    assert_eq!(e.to_string(), "unknown error code ``");

    // (Its use with `?` into `Box<dyn Error>`: kms-errors/tests/codes.rs.)
}

#[test]
fn debug_output() {
    assert_eq!(format!("{:?}", ErrorCode::Kms0207), "Kms0207");
    assert_eq!(format!("{:?}", ErrorCode::Csms0101), "Csms0101");
    assert_eq!(format!("{:?}", ErrorCode::Unknown), "Unknown");
    assert_eq!(format!("{:?}", Some(ErrorCode::Kms0207)), "Some(Kms0207)");
    assert_eq!(
        format!("{:?}", KmsError::from((404, "KMS.0207"))),
        r#"KmsError { status: 404, code: "KMS.0207" }"#
    );
    assert_eq!(
        format!("{:?}", KmsError::from((418, "KMS.9999"))),
        r#"KmsError { status: 418, code: "KMS.9999" }"#
    );
    assert_eq!(
        format!("{:?}", KmsError::from((400, "say \"hi\""))),
        r#"KmsError { status: 400, code: "say \"hi\"" }"#
    );
    assert_eq!(
        format!("{:#?}", KmsError::from((404, "KMS.0207"))),
        "KmsError {\n    status: 404,\n    code: \"KMS.0207\",\n}"
    );
}

#[test]
fn unknown_variant() {
    // One meaning: not a catalog code, no catalog data; its string is `unknown` everywhere.
    let u = ErrorCode::Unknown;
    assert_eq!(u.as_str(), "unknown");
    assert_eq!(u.to_string(), "unknown");
    assert_eq!(u.name(), "Unknown");
    assert_eq!(u.status(), 0);
    assert!(u.rows().len() == 0);
    assert_eq!((u.message(), u.description(), u.measure()), ("", "", ""));
    assert!(!u.has_status(0));
    assert!(!ErrorCode::ALL.contains(&u));
}

#[test]
fn display_pads_like_a_string() {
    assert_eq!(format!("{:>10}|", ErrorCode::Kms0207), "  KMS.0207|");
    assert_eq!(format!("{:<10}|", ErrorCode::Csms0101), "CSMS.0101 |");
    assert_eq!(format!("{:^9}|", ErrorCode::Unknown), " unknown |");
}

/// The variant-name rule for the catalog's `PREFIX.DIGITS` codes: the prefix capitalised,
/// then the digits (`KMS.0207` → `Kms0207`).
fn expected_name(code: &str) -> String {
    let (prefix, digits) = code.split_once('.').expect("PREFIX.DIGITS");
    assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{code}");
    let mut name = prefix[..1].to_ascii_uppercase();
    name.push_str(&prefix[1..].to_ascii_lowercase());
    name.push_str(digits);
    name
}

#[test]
fn names() {
    assert_eq!(ErrorCode::Kms0207.name(), "Kms0207");
    assert_eq!(ErrorCode::Csms0101.name(), "Csms0101");
    assert_eq!(ErrorCode::Kms0104.name(), "Kms0104");
    for &c in ErrorCode::ALL {
        assert_eq!(c.name(), expected_name(c.as_str()));
        assert_eq!(format!("{c:?}"), c.name());
    }
}

#[test]
fn rows() {
    let tuple = |r: kms_errors::Row| (r.status(), r.message(), r.description(), r.measure());
    assert_eq!(
        ErrorCode::Kms0207.rows().map(tuple).collect::<Vec<_>>(),
        [(
            404,
            "The key does not exist.",
            "The key does not exist.",
            "Choose a valid key or create a key."
        )]
    );
    assert_eq!(
        ErrorCode::Csms0103.rows().map(tuple).collect::<Vec<_>>(),
        [(
            400,
            "The secret is in the scheduled deletion state.",
            "The secret is in Pending deletion state and cannot be used.",
            "Ensure that the secret is in Enabled or Disabled state."
        )]
    );
    // Every variant's rows are its catalog rows, in order (the KMS table has one a code; the
    // gateway's `APIG.0201` has seven, `APIG.0101` two).
    let rows = catalog_rows();
    let generated: Vec<(u16, String, String)> = ErrorCode::ALL
        .iter()
        .flat_map(|&c| {
            c.rows()
                .map(move |r| (r.status(), c.as_str().to_owned(), r.message().to_owned()))
        })
        .collect();
    assert_eq!(generated, rows);
    for &c in ErrorCode::ALL {
        let r = c.rows().next().unwrap();
        assert_eq!((c.status(), c.message()), (r.status(), r.message()));
        assert_eq!((c.kind(), c.doc_url()), (r.kind(), r.doc_url()));
    }
    assert_eq!(ErrorCode::Apig0201.rows().len(), 7);
    assert_eq!(ErrorCode::Apig0101.rows().len(), 2);
    let total: usize = ErrorCode::ALL.iter().map(|c| c.rows().len()).sum();
    assert_eq!(total, 185 + 71);
}

#[test]
fn has_status() {
    assert!(ErrorCode::Kms0207.has_status(404));
    assert!(!ErrorCode::Kms0207.has_status(400));
    assert!(ErrorCode::Csms0101.has_status(409));
    assert!(ErrorCode::Kms0104.has_status(503));
    assert!(!ErrorCode::Kms0104.has_status(500));
}

#[test]
fn hash_agrees_with_eq() {
    let a = KmsError::from((404, "KMS.0207"));
    let b = KmsError::new(404, "KMS.0207");
    assert_eq!(a, b);
    assert_eq!(hash_of(&a), hash_of(&b));
    assert_eq!(a.clone(), a);

    let mut set = HashSet::new();
    assert!(set.insert(a.clone()));
    assert!(!set.insert(b.clone()));
    assert!(set.insert(KmsError::from((500, "KMS.0207"))));
    assert!(set.insert(KmsError::from((404, "KMS.9999"))));
    assert!(!set.insert(KmsError::from((404, String::from("KMS.9999").as_str()))));
    // Unknown codes with different text are different errors.
    assert!(set.insert(KmsError::from((404, "KMS.9998"))));
    assert!(set.insert(KmsError::from((404, ""))));
    assert_eq!(set.len(), 5);
    assert!(set.contains(&KmsError::from((404, "KMS.0207"))));
    assert!(set.contains(&KmsError::from((404, "KMS.9998"))));
    assert!(!set.contains(&KmsError::from((403, "KMS.0207"))));
    assert!(!set.contains(&KmsError::from((404, "KMS.9997"))));
    assert_ne!(
        KmsError::from((404, "KMS.9999")),
        KmsError::from((404, "KMS.9998"))
    );

    // Every catalog row, built twice: equal, hash-equal, and all distinct from each other.
    let all: HashSet<KmsError> = ErrorCode::ALL
        .iter()
        .map(|c| KmsError::new(c.status(), c.as_str()))
        .collect();
    assert_eq!(all.len(), 185 + 64);
    for &c in ErrorCode::ALL {
        let again = KmsError::from((c.status(), c.as_str()));
        assert!(all.contains(&again), "{c:?}");
        assert_eq!(
            hash_of(&again),
            hash_of(&KmsError::new(c.status(), c.as_str()))
        );
    }
    let codes: HashSet<ErrorCode> = ErrorCode::ALL.iter().copied().collect();
    assert_eq!(codes.len(), 185 + 64);
    // One code in two spellings: the same code, but not the same error (nothing received is
    // lost, the spelling included).
    let (a, b) = (
        KmsError::from((401, "APIG.0301")),
        KmsError::from((401, "APIGW.0301")),
    );
    assert_eq!(a.code(), b.code());
    assert_ne!(a, b);
    assert_ne!(hash_of(&a), hash_of(&b));
}

#[test]
fn codes_order_by_catalog_position() {
    assert!(ErrorCode::ALL.windows(2).all(|w| w[0] < w[1]));
    assert!(ErrorCode::ALL.iter().all(|&c| c < ErrorCode::Unknown));
    assert_eq!(ErrorCode::ALL.first(), Some(&ErrorCode::Csms0002));
    // The KMS table's codes, then the gateway's.
    assert_eq!(ErrorCode::ALL[184], ErrorCode::Kms0104);
    assert_eq!(ErrorCode::ALL[185], ErrorCode::Apig0101);
    assert_eq!(ErrorCode::ALL.last(), Some(&ErrorCode::Apig1009));
}

#[test]
fn types_are_small_and_thread_safe() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<ErrorCode>();
    assert_send_sync::<KmsError>();
    assert_send_sync::<UnknownErrorCode>();
    assert_eq!(std::mem::size_of::<ErrorCode>(), 1);
    assert_eq!(std::mem::size_of::<Option<ErrorCode>>(), 1);
}

#[test]
fn aliases_resolve_to_their_code_and_keep_their_spelling() {
    let rows = common::bundled::table(common::bundled::GATEWAY);
    for row in &rows {
        let [alias] = row.aliases.as_slice() else {
            panic!("{}: {:?}", row.code, row.aliases)
        };
        let (code, alias) = (row.code.as_str(), alias.as_str());
        assert_eq!(alias, code.replace("APIG.", "APIGW."));
        let c = ErrorCode::from_code(code).unwrap();
        assert_eq!(ErrorCode::from_code(alias), Some(c));
        assert_eq!(alias.parse::<ErrorCode>(), Ok(c));
        let (by_code, by_alias) = (
            KmsError::from((row.status, code)),
            KmsError::from((row.status, alias)),
        );
        assert_eq!((by_alias.code(), by_alias.code_str()), (c, alias));
        assert_eq!(by_code.code_str(), code);
        assert!(by_alias.is_documented(), "{alias}");
        // The first row with this status (`APIG.0101` has two at 404).
        let first = rows
            .iter()
            .find(|r| (r.status, &r.code) == (row.status, &row.code));
        let message = &first.unwrap().message;
        assert_eq!(by_alias.message(), message);
        assert_eq!(
            by_alias.to_string(),
            format!("{alias} (HTTP {}): {message}", row.status)
        );
        assert_eq!(by_alias.kind(), by_code.kind());
        assert_eq!(c.as_str(), code);
    }
    // Only the exact spellings: an alias is case-sensitive as a code is.
    assert_eq!(ErrorCode::from_code("apigw.0301"), None);
    assert_eq!(ErrorCode::from_code("APIGW.301"), None);
}
