//! Generates the lookup baselines that `benches/lookup.rs` measures the macro's index against:
//! a `match` on `&str` and a `phf::Map`, both over the codes of `catalog.csv`. Only the
//! benchmark includes the generated file; std only, so it costs the other targets nothing.

use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=catalog.csv");
    println!("cargo:rerun-if-changed=build.rs");
    let csv = std::fs::read_to_string("catalog.csv").expect("catalog.csv is readable");
    let codes: Vec<String> = rows(&csv)
        .into_iter()
        .skip(1)
        .map(|r| r[1].clone())
        .collect();
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

/// Minimal RFC 4180 reader (quoted cells, `""`), enough for the catalog.
fn rows(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}
