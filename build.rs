//! Generates the lookup baselines that `benches/lookup.rs` measures the macro's index against:
//! a `match` on `&str` and a `phf::Map`, both over the codes of `catalog.csv`, read with the
//! catalog front end (the same reader and rules as the macro). Only the benchmark includes
//! the generated file.

use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=catalog.csv");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string("catalog.csv").expect("catalog.csv is readable");
    let mut cx = kms_errors_catalog::Ctxt::new("catalog.csv");
    let catalog = kms_errors_catalog::parse("catalog.csv", &text, None, &mut cx);
    assert!(cx.is_ok(), "catalog.csv: {:?}", cx.into_messages());
    let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_ref()).collect();
    let mut out = String::from("/// A plain `match` over the catalog codes.\n#[inline(never)]\npub fn match_lookup(code: &str) -> Option<u16> {\n    match code {\n");
    for (i, c) in codes.iter().enumerate() {
        writeln!(out, "        {c:?} => Some({i}),").unwrap();
    }
    out.push_str("        _ => None,\n    }\n}\n\n/// A `phf::Map` over the catalog codes.\npub static PHF: phf::Map<&'static str, u16> = phf::phf_map! {\n");
    for (i, c) in codes.iter().enumerate() {
        writeln!(out, "    {c:?} => {i},").unwrap();
    }
    out.push_str("};\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("baselines.rs");
    std::fs::write(dest, out).unwrap();
}
