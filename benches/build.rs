//! Generates the lookup baselines that `benches/lookup.rs` measures the macro's index against:
//! a `match` on `&str` and a `phf::Map`, both over every spelling of the bundled tables (the
//! KMS and CSMS codes, the API gateway's codes and their aliases) composed as `kms_errors!()`
//! composes them, with the catalog front end (the same reader and rules as the macro); and
//! the list of those spellings. Only the benchmark includes the generated file.

use kms_errors_catalog::source::Bundled;
use kms_errors_catalog::{compose, Ctxt, Part};
use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // The tables are the front end's (`include_str!` there): a change rebuilds it, and this.
    let parts: Vec<Part> = Bundled::ALL
        .iter()
        .map(|b| Part {
            name: b.name(),
            text: Some(b.text()),
            docs: b.docs(),
            delimiter: None,
        })
        .collect();
    let names: Vec<&str> = parts.iter().map(|p| p.name).collect();
    let mut cx = Ctxt::for_files(&names);
    let catalog = compose(&parts, &mut cx);
    assert!(cx.is_ok(), "the bundled tables: {:?}", cx.into_messages());
    // Every spelling and its code's position (the variant's discriminant).
    let mut spellings: Vec<(&str, usize)> = Vec::new();
    for (i, c) in catalog.codes.iter().enumerate() {
        spellings.push((&c.code, i));
        spellings.extend(c.aliases.iter().map(|a| (a.text.as_ref(), i)));
    }
    let mut out = String::from(
        "/// Every spelling of the bundled tables and its code's position.\n\
         pub static SPELLINGS: &[(&str, u16)] = &[\n",
    );
    for (s, i) in &spellings {
        writeln!(out, "    ({s:?}, {i}),").unwrap();
    }
    out.push_str("];\n\n/// A plain `match` over the spellings.\n#[inline(never)]\npub fn match_lookup(code: &str) -> Option<u16> {\n    match code {\n");
    for (s, i) in &spellings {
        writeln!(out, "        {s:?} => Some({i}),").unwrap();
    }
    out.push_str("        _ => None,\n    }\n}\n\n/// A `phf::Map` over the spellings.\npub static PHF: phf::Map<&'static str, u16> = phf::phf_map! {\n");
    for (s, i) in &spellings {
        writeln!(out, "    {s:?} => {i},").unwrap();
    }
    out.push_str("};\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("baselines.rs");
    std::fs::write(dest, out).unwrap();
}
