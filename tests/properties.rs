//! Property tests of the generated API over the canonical catalog: arbitrary statuses and
//! code strings (real codes, near misses of real codes, empty, long, arbitrary Unicode, NUL)
//! against a reference built here from the bundled tables themselves (`catalog.csv`,
//! `gateway.csv` with its aliases), not from the macro's lookup.
//!
//! Every property runs [`CASES`] cases; the seed is random (set `PROPTEST_RNG_SEED` to
//! replay one), and a failure prints the minimal input.

mod common;
use kms_errors::{ErrorCode, KmsError};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::sync::OnceLock;

/// Cases per property.
const CASES: u32 = 2_000;

fn config() -> Config {
    Config {
        cases: CASES,
        // A failure prints its minimal input; nothing is written to the source tree.
        failure_persistence: None,
        ..Config::default()
    }
}

/// What the bundled tables (`catalog.csv`, then `gateway.csv`) say, read by this test.
struct Reference {
    /// The distinct codes.
    codes: HashSet<String>,
    /// The distinct codes in file order.
    ordered: Vec<String>,
    /// Every spelling, a code or an alias, and the code it names.
    spellings: HashMap<String, String>,
    /// Every (status, spelling) row: each row under its code and under each alias.
    pairs: HashSet<(u16, String)>,
    /// Every status the catalog uses.
    statuses: Vec<u16>,
}

impl Reference {
    /// The code `s` names, if any.
    fn canonical(&self, s: &str) -> Option<&str> {
        self.spellings.get(s).map(String::as_str)
    }
}

fn reference() -> &'static Reference {
    static REF: OnceLock<Reference> = OnceLock::new();
    REF.get_or_init(|| {
        let mut r = Reference {
            codes: HashSet::new(),
            ordered: Vec::new(),
            spellings: HashMap::new(),
            pairs: HashSet::new(),
            statuses: Vec::new(),
        };
        for row in common::bundled::rows() {
            // The bundled tables write codes without surrounding white space; anything else
            // would need the macro's own rules, so it fails here.
            assert_eq!(
                row.code.trim(),
                row.code,
                "a code with surrounding white space"
            );
            if r.codes.insert(row.code.clone()) {
                r.ordered.push(row.code.clone());
            }
            if !r.statuses.contains(&row.status) {
                r.statuses.push(row.status);
            }
            for spelling in std::iter::once(&row.code).chain(&row.aliases) {
                r.spellings.insert(spelling.clone(), row.code.clone());
                r.pairs.insert((row.status, spelling.clone()));
            }
        }
        r
    })
}

/// A code of `ErrorCode::ALL` (which `every_code_of_all_round_trips` compares with the
/// files), or an alias of one.
fn real_code() -> impl Strategy<Value = String> {
    let mut all: Vec<String> = reference().spellings.keys().cloned().collect();
    all.sort();
    proptest::sample::select(all)
}

/// A real code, changed a little: what a typo, a proxy or a sloppy client might send.
fn near_miss() -> impl Strategy<Value = String> {
    (
        real_code(),
        0..9u8,
        any::<prop::sample::Index>(),
        any::<char>(),
    )
        .prop_map(|(code, how, at, ch)| {
            let chars: Vec<char> = code.chars().collect();
            let i = at.index(chars.len());
            match how {
                0 => code.to_lowercase(),
                1 => code.to_uppercase(),
                // A digit dropped, or one added.
                2 => code.chars().filter(|c| !c.is_ascii_digit()).collect(),
                3 => format!("{code}{}", i % 10),
                4 => format!(" {code}"),
                5 => format!("{code} "),
                // One byte changed (to another ASCII byte, so the text stays UTF-8).
                6 => {
                    let mut b = code.into_bytes();
                    let j = at.index(b.len());
                    b[j] = b[j].wrapping_add(1 + (ch as u8 % 126)) % 128;
                    String::from_utf8(b).expect("ASCII")
                }
                // One character replaced by any character.
                7 => chars
                    .iter()
                    .enumerate()
                    .map(|(k, &c)| if k == i { ch } else { c })
                    .collect(),
                // Cut short.
                _ => chars[..i].iter().collect(),
            }
        })
}

/// Up to 1 KiB of arbitrary characters, cut at a character boundary.
fn long_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(any::<char>(), 0..=1024),
        prop::sample::select(vec!["", "KMS.0207", "CSMS.0101"]),
    )
        .prop_map(|(chars, tail)| {
            let mut s = String::new();
            for c in chars {
                if s.len() + c.len_utf8() + tail.len() > 1024 {
                    break;
                }
                s.push(c);
            }
            s + tail
        })
}

/// A code string: every kind the brief of this test names, in roughly equal parts.
fn any_code() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => real_code(),
        3 => near_miss(),
        1 => Just(String::new()),
        1 => long_text(),
        // Repeated codes: long inputs that share the real codes' bytes.
        1 => (real_code(), 2..64usize).prop_map(|(c, n)| c.repeat(n)),
        2 => any::<String>(),
        2 => prop::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        // The shape of the real codes, so the index sees plausible strangers.
        2 => "(KMS|CSMS|kms|KMs)\\.[0-9]{3,5}",
        // NUL: alone, around and inside a real code.
        2 => (real_code(), 0..4u8).prop_map(|(c, how)| match how {
            0 => "\0".to_owned(),
            1 => format!("{c}\0"),
            2 => format!("\0{c}"),
            _ => c.replacen('.', "\0", 1),
        }),
    ]
}

fn any_status() -> impl Strategy<Value = u16> {
    prop_oneof![
        2 => any::<u16>(),
        3 => proptest::sample::select(reference().statuses.clone()),
        1 => proptest::sample::select(vec![0, 99, 100, 200, 599, 600, u16::MAX]),
    ]
}

/// A (status, code) input: a catalog row as it is, a catalog code with another status, or
/// any status with any code.
fn any_input() -> impl Strategy<Value = (u16, String)> {
    let mut rows: Vec<(u16, String)> = reference().pairs.iter().cloned().collect();
    rows.sort();
    prop_oneof![
        2 => proptest::sample::select(rows.clone()),
        1 => (proptest::sample::select(rows), any_status())
            .prop_map(|((_, code), status)| (status, code)),
        5 => (any_status(), any_code()),
    ]
}

fn hash_of<T: std::hash::Hash>(value: &T) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn conversion_keeps_status_and_code((status, code) in any_input()) {
        let err = KmsError::from((status, code.as_str()));
        prop_assert_eq!(err.status(), status);
        prop_assert_eq!(err.code_str(), code.as_str());
        let owned = KmsError::from((status, code.clone()));
        prop_assert_eq!(owned.status(), status);
        prop_assert_eq!(owned.code_str(), code.as_str());
        prop_assert_eq!(&owned, &err);
        prop_assert_eq!(&KmsError::new(status, &code), &err);
        // The text accessors never panic either.
        let _ = (err.message(), err.description(), err.measure(), format!("{err:?}"));
    }

    #[test]
    fn code_is_a_variant_exactly_for_catalog_codes((status, code) in any_input()) {
        let canonical = reference().canonical(&code);
        let err = KmsError::from((status, code.as_str()));
        let c = err.code();
        prop_assert_eq!(c != ErrorCode::Unknown, canonical.is_some(), "{:?} -> {:?}", code, c);
        prop_assert_eq!(err.code_str(), code.as_str());
        if let Some(canonical) = canonical {
            // An alias is its code's variant, which the catalog spells its own way.
            prop_assert_eq!(c.as_str(), canonical);
            prop_assert_eq!(ErrorCode::from_code(&code), Some(c));
            prop_assert_eq!(code.parse::<ErrorCode>(), Ok(c));
        } else {
            prop_assert_eq!(ErrorCode::from_code(&code), None);
            let e = code.parse::<ErrorCode>().unwrap_err();
            prop_assert_eq!(e.code(), code.as_str());
        }
    }

    #[test]
    fn documented_exactly_for_catalog_rows((status, code) in any_input()) {
        let expected = reference().pairs.contains(&(status, code.clone()));
        let err = KmsError::from((status, code.as_str()));
        prop_assert_eq!(err.is_documented(), expected, "({}, {:?})", status, code);
        prop_assert_eq!(err.code().has_status(status), expected);
    }

    #[test]
    fn display_starts_with_the_code((status, code) in any_input()) {
        let err = KmsError::from((status, code.as_str()));
        let shown = err.to_string();
        if code.is_empty() {
            // No code at all (a body without one) says so.
            prop_assert_eq!(shown, format!("HTTP {status} without an error code"));
            return Ok(());
        }
        // The code as received, shown bounded and escaped (`Shown`: the server's text).
        let code = kms_errors::Shown::token(&code).to_string();
        prop_assert!(shown.starts_with(&code), "{:?} shows as {:?}", code, shown);
        let rest = &shown[code.len()..];
        // The contract format, `{code} (HTTP {status})...`, for every code.
        let head = format!(" (HTTP {status})");
        prop_assert!(rest.starts_with(&head), "{:?}", shown);
        // A catalog code prints its message; anything else says it is unknown.
        let tail = &rest[head.len()..];
        if err.code() == ErrorCode::Unknown {
            prop_assert_eq!(tail, ": unknown error code");
        } else if err.message().is_empty() {
            prop_assert_eq!(tail, "");
        } else {
            prop_assert_eq!(tail, format!(": {}", err.message()));
        }
    }

    #[test]
    fn clone_eq_and_hash_agree(
        a in any_input(),
        b in any_input(),
        how in 0..4u8,
    ) {
        // Half of the pairs are close: the same input, or one half of it changed.
        let b = match how {
            0 => a.clone(),
            1 => (b.0, a.1.clone()),
            2 => (a.0, b.1),
            _ => b,
        };
        let (x, y) = (
            KmsError::from((a.0, a.1.as_str())),
            KmsError::from((b.0, b.1.as_str())),
        );
        let (x2, y2) = (x.clone(), y.clone());
        prop_assert_eq!(&x2, &x);
        prop_assert_eq!(&y2, &y);
        prop_assert_eq!(hash_of(&x2), hash_of(&x));
        prop_assert_eq!(hash_of(&y2), hash_of(&y));
        prop_assert_eq!(x == y, a == b, "{:?} vs {:?}", a, b);
        if x == y {
            prop_assert_eq!(hash_of(&x), hash_of(&y));
        }
        let both_unknown = x.code() == ErrorCode::Unknown && y.code() == ErrorCode::Unknown;
        let same_code = a.1 == b.1 || {
            let r = reference();
            r.canonical(&a.1).is_some() && r.canonical(&a.1) == r.canonical(&b.1)
        };
        prop_assert_eq!(x.code() == y.code(), same_code || both_unknown);
    }
}

#[test]
fn every_code_of_all_round_trips() {
    let r = reference();
    for &c in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_code(c.as_str()), Some(c), "{c:?}");
        assert_eq!(c.as_str().parse::<ErrorCode>(), Ok(c));
        assert!(
            r.codes.contains(c.as_str()),
            "{c:?} is not in a bundled table"
        );
    }
    let mut seen = HashMap::new();
    for (i, &c) in ErrorCode::ALL.iter().enumerate() {
        if let Some(j) = seen.insert(c, i) {
            panic!("{c:?} at {j} and {i} in ErrorCode::ALL");
        }
    }
    assert_eq!(ErrorCode::ALL.len(), r.codes.len());
    let all: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(all, r.ordered, "ALL follows the catalog's order");
    assert!(!ErrorCode::ALL.contains(&ErrorCode::Unknown));
}
