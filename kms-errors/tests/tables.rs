//! The runtime's decoding of the tables (`__private::Catalog`), on catalogs of every shape:
//! each is encoded with the catalog front end, as the macro does, and must decode to exactly
//! what was encoded. The typed layer on top (`CodeInfo`, `ErrorInfo`) is tested on generated
//! catalogs in the workspace's `tests/` and trybuild suites.
//!
//! The mutants of `src/private.rs` that no test can catch are listed in `codes.rs`.

use kms_errors::__private::table::{row, substr};
use kms_errors::__private::{find, same_bytes, Catalog, Probe};
use kms_errors::ErrorKind;
use kms_errors_catalog::model::{self as valid, Code, Row};
use kms_errors_catalog::{hash, table::Tables};
use proptest::prelude::*;
use std::borrow::Cow;

/// The link of the second file of the generated catalogs.
const FILE_DOCS: &str = "https://e.example/second-file";

/// Every spelling of `cat`, as the macro lists them: the codes, then the aliases; and the
/// code each names.
fn spellings<'c>(cat: &'c valid::Catalog) -> Vec<(&'c str, usize)> {
    let codes = cat
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.as_ref(), i));
    let aliases = cat
        .codes
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.aliases.iter().map(move |a| (a.text.as_ref(), i)));
    codes.chain(aliases).collect()
}

/// What the macro emits for a catalog: the packed tables and the index of its spellings.
fn encode(cat: &valid::Catalog) -> (Tables, hash::Index) {
    let keys: Vec<&str> = spellings(cat).into_iter().map(|(s, _)| s).collect();
    (Tables::encode(cat), hash::build(&keys))
}

/// The runtime's view of `tables`, as the generated code holds it.
fn runtime(tables: &Tables) -> Catalog<'_> {
    Catalog {
        error_name: "E",
        code_name: "C",
        docs: "https://e.example/catalog",
        text: &tables.text,
        code_data: &tables.codes,
        row_data: &tables.rows,
    }
}

/// Every fact of `cat` must be read back from `rt`.
fn check(cat: &valid::Catalog) -> Result<(), TestCaseError> {
    let (tables, index) = encode(cat);
    let rt = runtime(&tables);
    let probe: Probe = index.probe();
    let spelled = spellings(cat);
    let codes: Vec<&str> = spelled.iter().map(|(s, _)| *s).collect();
    let probe = &probe;
    let n = cat.codes.len();
    // Every spelling is found at its place, and names its code.
    for (j, (s, i)) in spelled.iter().enumerate() {
        prop_assert_eq!(find(&codes, probe, s), Some(j));
        prop_assert!(*i < n && (j < n) == (j == *i));
    }
    for (i, c) in cat.codes.iter().enumerate() {
        prop_assert_eq!(find(&codes, probe, &c.code), Some(i));
        prop_assert_eq!(rt.name(i), c.ident.as_str());
        let (start, end) = rt.row_range(i);
        prop_assert_eq!(end - start, c.rows.len());
        for (k, r) in c.rows.iter().enumerate() {
            let j = start + k;
            let want = (
                r.status,
                // A cell is text: byte for byte.
                r.message.to_string(),
                r.description.to_string(),
                r.measure.to_string(),
            );
            let got = (
                rt.status(j),
                rt.row_text(j, row::MESSAGE).to_owned(),
                rt.row_text(j, row::DESCRIPTION).to_owned(),
                rt.row_text(j, row::MEASURE).to_owned(),
            );
            prop_assert_eq!(got, want);
            prop_assert_eq!(rt.declared_kind(j), r.kind);
            prop_assert_eq!(rt.row_throttled(j), r.throttled);
            let url = match (r.url.as_ref(), r.file) {
                ("", 1) => FILE_DOCS,
                ("", _) => "https://e.example/catalog",
                (url, _) => url,
            };
            prop_assert_eq!(rt.row_url(j), Some(url));
            prop_assert_eq!(
                rt.row_kind(j),
                r.kind.unwrap_or_else(|| ErrorKind::from_status(r.status))
            );
            let first = c.rows.iter().position(|x| x.status == r.status).unwrap();
            prop_assert_eq!(rt.row_with_status(i, r.status), Some(start + first));
        }
        prop_assert_eq!(rt.row_with_status(i, 999), None);
        // Near misses are not found.
        for miss in [
            format!("{}x", c.code),
            format!(" {}", c.code),
            c.code.to_lowercase(),
        ] {
            if !cat.codes.iter().any(|o| o.code == miss) {
                prop_assert_eq!(find(&codes, probe, &miss), None, "{:?}", miss);
            }
        }
    }
    // `Unknown` (position n) has no rows and its name; past it, nothing.
    prop_assert_eq!(rt.name(n), "Unknown");
    let (start, end) = rt.row_range(n);
    prop_assert_eq!(start, end);
    let (start, end) = rt.row_range(n + 7);
    prop_assert_eq!(start, end);
    prop_assert_eq!(rt.name(n + 7), "");
    prop_assert_eq!(rt.catalog_url(), Some("https://e.example/catalog"));
    Ok(())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("**Bold** text".to_owned()),
        Just("2**10 stays".to_owned()),
        Just("shared text".to_owned()),
        "[^\u{0}]{0,16}",
    ]
}

type RowParts = (u16, String, String, String, Option<usize>, &'static str);

fn row() -> impl Strategy<Value = RowParts> {
    (
        prop_oneof![Just(400u16), Just(404), Just(429), Just(500), 100u16..600],
        text(),
        text(),
        text(),
        proptest::option::of(0..ErrorKind::ALL.len()),
        prop_oneof![
            Just(""),
            Just("https://e.example/a"),
            Just("http://e.example/b#x")
        ],
    )
}

/// Catalogs of 0 to 40 codes with 1 to 4 rows each; codes of many shapes and lengths.
fn catalog() -> impl Strategy<Value = valid::Catalog<'static>> {
    proptest::collection::btree_map(
        "[A-Za-z0-9._ -]{1,24}",
        proptest::collection::vec(row(), 1..5),
        0..40,
    )
    .prop_map(|codes| valid::Catalog {
        name: "t.csv + u.csv".to_owned(),
        // Two files; the second's rows without a link have its link.
        files: vec![
            valid::File {
                name: "t.csv".to_owned(),
                docs: Cow::Borrowed(""),
            },
            valid::File {
                name: "u.csv".to_owned(),
                docs: Cow::Borrowed(FILE_DOCS),
            },
        ],
        codes: codes
            .into_iter()
            .enumerate()
            .map(|(i, (code, rows))| Code {
                // Every third code has aliases (`~` is not in the codes' alphabet).
                aliases: (0..i % 3)
                    .map(|k| valid::Alias {
                        text: Cow::Owned(format!("{code}~{k}")),
                        file: 0,
                        line: i + 2,
                        col: 1,
                    })
                    .collect(),
                code: Cow::Owned(code),
                ident: format!("V{i}"),
                line: i + 2,
                file: 0,
                rows: rows
                    .into_iter()
                    .enumerate()
                    .map(|(k, (status, m, d, x, kind, url))| Row {
                        status,
                        message: Cow::Owned(m),
                        description: Cow::Owned(d),
                        measure: Cow::Owned(x),
                        kind: kind.map(|k| ErrorKind::ALL[k]),
                        // Every row of a resource-exhausted kind at an odd line throttles.
                        throttled: kind == Some(7) && (i + k) % 2 == 1,
                        suggested: Cow::Borrowed(""),
                        url: Cow::Borrowed(url),
                        line: i + 2,
                        file: (i + k) % 2,
                    })
                    .collect(),
            })
            .collect(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_catalog_decodes_to_what_was_encoded(cat in catalog()) {
        check(&cat)?;
    }

    /// The lookup's `const` comparison agrees with `==`, at every length (eight bytes at a
    /// time with an overlapping last word, four, then bytes), on equal strings and on
    /// strings that differ in one byte anywhere.
    #[test]
    fn the_const_comparison_is_slice_equality(
        a in proptest::collection::vec(any::<u8>(), 0..40),
        flip in any::<prop::sample::Index>(),
        other in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        prop_assert!(same_bytes(&a, &a.clone()));
        prop_assert_eq!(same_bytes(&a, &other), a == other);
        if !a.is_empty() {
            let mut b = a.clone();
            let i = flip.index(a.len());
            b[i] ^= 1 << (i % 8);
            prop_assert!(!same_bytes(&a, &b) && !same_bytes(&b, &a));
            prop_assert!(!same_bytes(&a, &a[..a.len() - 1]));
        }
    }

    /// `substr` is `str::get` on ranges, `""` where that gives `None`.
    #[test]
    fn substr_is_get(s in "[a-zé€]{0,12}", start in 0usize..30, end in 0usize..30) {
        prop_assert_eq!(substr(&s, start, end), s.get(start..end).unwrap_or(""));
    }
}

#[test]
fn the_bundled_catalog_decodes_to_what_was_encoded() {
    let mut cx = kms_errors_catalog::Ctxt::new("catalog.csv");
    let cat = kms_errors_catalog::parse(
        "catalog.csv",
        kms_errors_catalog::source::KMS,
        None,
        &mut cx,
    );
    assert!(cx.is_ok());
    check(&cat).unwrap();
    let (tables, index) = encode(&cat);
    let (catalog, probe) = (runtime(&tables), index.probe());
    let codes: Vec<&str> = spellings(&cat).into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        find(&codes, &probe, "KMS.0207").map(|i| catalog.name(i)),
        Some("Kms0207")
    );
    assert_eq!(find(&codes, &probe, ""), None);
    assert_eq!(find(&codes, &probe, "KMS.02O7"), None);
}

#[test]
fn an_empty_slot_is_no_code_even_in_the_largest_catalog() {
    // An empty slot holds `u16::MAX`: the number of spellings of a catalog with as many as
    // the front end allows. The lookup must not take it for a position.
    let max = kms_errors_catalog::limits::MAX_CODES;
    assert_eq!(max, usize::from(u16::MAX));
    let keys: Vec<String> = (0..max).map(|i| format!("C.{i:05}")).collect();
    let codes: Vec<&str> = keys.iter().map(String::as_str).collect();
    let index = hash::build(&codes);
    let probe = index.probe();
    assert!(index.slots.contains(&u16::MAX), "no empty slot");
    let mut empty = 0;
    for i in 0..max {
        let miss = format!("D.{i:05}");
        if probe.position(miss.as_bytes()) == max {
            empty += 1;
        }
        assert_eq!(find(&codes, &probe, &miss), None, "{miss}");
    }
    assert!(empty > 0, "no unknown code probed an empty slot");
    for (i, code) in codes.iter().enumerate().step_by(997) {
        assert_eq!(find(&codes, &probe, code), Some(i));
    }
}
