//! The whole front end as a plain function on bytes — decode, parse, validate — for the
//! property tests below and the fuzz target (`fuzz/`): any input yields either a catalog or
//! a list of errors, never a panic.

use crate::ctxt::Ctxt;
use crate::source;

/// What a valid catalog holds: `(code, variant name, statuses)` per code.
pub type Summary = Vec<(String, String, Vec<u16>)>;

/// Checks `bytes` as a catalog file named `name` (the delimiter detected).
pub fn check_bytes(name: &str, bytes: &[u8]) -> Result<Summary, Vec<String>> {
    let mut cx = Ctxt::new(name);
    let Some(text) = source::decode(bytes.to_vec(), &mut cx) else {
        return Err(cx.into_messages());
    };
    let cat = crate::parse(name, &text, None, &mut cx);
    if !cx.is_ok() {
        return Err(cx.into_messages());
    }
    Ok(cat
        .codes
        .iter()
        .map(|c| {
            let statuses = c.rows.iter().map(|r| r.status).collect();
            (c.code.to_string(), c.ident.clone(), statuses)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Cells that exercise the grammar: statuses good and bad, codes, kinds, quoting.
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("404".to_owned()),
            Just("400 Bad Request".to_owned()),
            Just("400/404/500".to_owned()),
            Just("600".to_owned()),
            Just("KMS.0207".to_owned()),
            Just("kms-0207".to_owned()),
            Just("unknown".to_owned()),
            Just("not_found".to_owned()),
            Just("\"quoted, \"\"cell\"\"\"".to_owned()),
            Just("\"unterminated".to_owned()),
            Just("\"a\"b".to_owned()),
            Just("**bold**".to_owned()),
            "[A-Za-z0-9 ._-]{0,12}",
            any::<String>(),
        ]
    }

    fn header() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("status,code,message,description,measure,kind".to_owned()),
            Just("Status Code;Error Code;Error Message".to_owned()),
            Just("code\tstatus".to_owned()),
            Just("code,status".to_owned()),
            Just("status,code,mesage".to_owned()),
            Just("status,status,code".to_owned()),
            Just("status,code,".to_owned()),
            proptest::collection::vec("[a-z ]{0,10}", 0..7).prop_map(|v| v.join(",")),
        ]
    }

    /// CSV-shaped documents: a header, rows of 0..8 cells, mixed line endings.
    fn document() -> impl Strategy<Value = Vec<u8>> {
        let row = proptest::collection::vec(cell(), 0..8).prop_map(|v| v.join(","));
        (
            header(),
            proptest::collection::vec(row, 0..12),
            prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        )
            .prop_map(|(h, rows, eol)| {
                let mut s = h;
                for r in rows {
                    s.push_str(eol);
                    s.push_str(&r);
                }
                s.into_bytes()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        /// Raw bytes: never a panic; errors name the file.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            if let Err(errors) = check_bytes("f.csv", &bytes) {
                prop_assert!(!errors.is_empty());
                prop_assert!(errors.iter().all(|e| e.starts_with("f.csv")), "{:?}", errors);
                prop_assert!(errors.len() <= crate::limits::MAX_ERRORS + 1);
            }
        }

        /// CSV-shaped input: never a panic; a valid catalog has distinct codes and variant
        /// names, statuses in range, and its index finds every code.
        #[test]
        fn csv_shaped_input(bytes in document()) {
            match check_bytes("f.csv", &bytes) {
                Err(errors) => prop_assert!(!errors.is_empty()),
                Ok(codes) => {
                    let mut names: Vec<&str> = codes.iter().map(|c| c.1.as_str()).collect();
                    names.sort_unstable();
                    names.dedup();
                    prop_assert_eq!(names.len(), codes.len());
                    for (_, name, statuses) in &codes {
                        prop_assert!(name.starts_with(|c: char| c.is_ascii_uppercase()));
                        prop_assert!(name != "Unknown" && name != "Self");
                        prop_assert!(!statuses.is_empty());
                        prop_assert!(statuses.iter().all(|s| (100..=599).contains(s)));
                    }
                    let keys: Vec<&str> = codes.iter().map(|c| c.0.as_str()).collect();
                    let index = crate::hash::build(&keys);
                    for (i, k) in keys.iter().enumerate() {
                        prop_assert_eq!(index.find(k, &keys), Some(i));
                    }
                }
            }
        }
    }

    #[test]
    fn a_valid_document_is_accepted() {
        let ok = check_bytes("f.csv", b"status,code\n404,KMS.0207\n400/500,X\n").unwrap();
        assert_eq!(
            ok,
            vec![
                ("KMS.0207".into(), "Kms0207".into(), vec![404]),
                ("X".into(), "X".into(), vec![400, 500]),
            ]
        );
        assert!(check_bytes("f.csv", b"\xff").unwrap_err()[0].contains("not valid UTF-8"));
    }
}
