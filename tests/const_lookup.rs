//! The lookup evaluated by the compiler agrees with the lookup run by the program, and both
//! with a plain search, on every catalog of the test suite: every code and its near misses.
//!
//! A crate generated under `target/` invokes `kms_errors!` on each valid catalog of
//! `tests/ui/catalogs/`, each bundled table alone and both composed (`kms_errors!()`),
//! `kms-errors/doc/iam.csv` and a synthetic catalog of 3,000 codes of 1 to 40 bytes; for each
//! it holds a `const` array of `from_code(s)` over the strings below (computed by the
//! compiler's const evaluator), and its `main` compares each entry with `from_code` called
//! at run time (optimised machine code, the input hidden from the optimiser) and with the
//! variant the front end reads for the string (a code or an alias), if any.

mod common;
use common::{cargo, check, facade_path, probe_crate, ROOT};
use kms_errors_catalog::Ctxt;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// A code and the strings a typo, a case change or a truncation makes of it.
fn near_misses(code: &str, out: &mut BTreeSet<String>) {
    out.insert(code.to_owned());
    out.insert(code.to_lowercase());
    out.insert(code.to_uppercase());
    out.insert(format!("{code}x"));
    out.insert(format!("x{code}"));
    out.insert(format!(" {code}"));
    let chars: Vec<char> = code.chars().collect();
    if let Some((_, rest)) = chars.split_last() {
        out.insert(rest.iter().collect()); // last character dropped
        out.insert(rest.iter().chain(['#'].iter()).collect()); // last character changed
    }
    if chars.len() >= 2 {
        let mut swapped = chars.clone();
        swapped.swap(0, 1);
        out.insert(swapped.into_iter().collect());
        let mut mid = chars.clone();
        let m = chars.len() / 2;
        mid[m] = if mid[m] == '0' { '1' } else { '0' };
        out.insert(mid.into_iter().collect());
    }
}

/// A catalog of `n` codes of every length from 1 to 40 bytes, some sharing their first and
/// last eight bytes (what the hash reads first).
fn synthetic(n: usize) -> String {
    let mut csv = String::from("status,code\n");
    for i in 0..n {
        let code = match i % 4 {
            0 => format!("S{i}"),
            1 => format!("SVC.{i:05}"),
            2 => format!("PREFIX-{i:06}-{}", "m".repeat(i % 23)),
            _ => format!("{}{i}", "Long.Shared.Prefix.".get(..i % 20).unwrap_or("")),
        };
        writeln!(csv, "400,{code}").unwrap();
    }
    csv
}

struct Case {
    /// The module of the generated crate.
    module: String,
    /// The macro's arguments.
    args: String,
    /// The lookups, and the variant each string names (a code or an alias), if any, as the
    /// front end read the catalog.
    strings: Vec<(String, Option<String>)>,
}

/// The valid catalogs and their lookups.
fn cases(synthetic_path: &Path) -> Vec<Case> {
    let mut files: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("tests/ui/catalogs"))
        .unwrap()
        .map(|e| {
            format!(
                "tests/ui/catalogs/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    files.push("catalog.csv".into());
    files.push("kms-errors-catalog/gateway.csv".into());
    files.push("kms-errors/doc/iam.csv".into());
    files.push(synthetic_path.to_string_lossy().into_owned());
    let mut cases = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(Path::new(ROOT).join(&file)) else {
            continue; // not UTF-8: a compile-error case
        };
        // The forced-delimiter case is the only one detection does not read.
        for delimiter in [None, Some(b'|')] {
            let mut cx = Ctxt::new(&file);
            let cat = kms_errors_catalog::parse(&file, &text, delimiter, &mut cx);
            if !cx.is_ok() {
                continue;
            }
            let mut names = BTreeMap::new();
            add_spellings(&cat, &mut names);
            let args = match delimiter {
                None => format!("path = {file:?}"),
                Some(d) => format!("path = {file:?}, delimiter = '{}'", d as char),
            };
            cases.push(case(format!("c{}", cases.len()), args, &names));
            break;
        }
    }
    cases
}

/// Every spelling of `cat` (its codes and aliases) and the variant it names.
fn add_spellings(cat: &kms_errors_catalog::Catalog, names: &mut BTreeMap<String, String>) {
    for c in &cat.codes {
        names.insert(c.code.to_string(), c.ident.clone());
        for a in &c.aliases {
            names.insert(a.text.to_string(), c.ident.clone());
        }
    }
}

/// The case of module `module`: every spelling of `names`, its near misses, and a few
/// strings that are no code.
fn case(module: String, args: String, names: &BTreeMap<String, String>) -> Case {
    let mut strings = BTreeSet::from([String::new(), " ".into(), "\0".into()]);
    for spelling in names.keys() {
        near_misses(spelling, &mut strings);
    }
    let strings = strings
        .into_iter()
        .map(|s| {
            let variant = names.get(&s).cloned();
            (s, variant)
        })
        .collect();
    Case {
        module,
        args,
        strings,
    }
}

/// `kms_errors!()`: the bundled tables composed, with the gateway's aliases.
fn bundled_case() -> Case {
    let mut names = BTreeMap::new();
    for text in [
        kms_errors_catalog::source::KMS,
        kms_errors_catalog::source::GATEWAY,
    ] {
        let mut cx = Ctxt::new("bundled");
        let cat = kms_errors_catalog::parse("bundled", text, None, &mut cx);
        assert!(cx.is_ok());
        add_spellings(&cat, &mut names);
    }
    case("bundled".into(), String::new(), &names)
}

/// Lookups per `const` item: rustc's `long_running_const_eval` lint stops one that runs
/// too long (25,000 lookups in one item tripped it).
const CHUNK: usize = 1_000;

/// The generated crate's `main.rs`.
fn main_rs(cases: &[Case]) -> String {
    let mut src = String::from(
        "//! Generated by tests/const_lookup.rs.\n#![allow(missing_docs)]\n\
         use std::hint::black_box;\n\n",
    );
    let mut checks = String::new();
    for c in cases {
        let m = &c.module;
        writeln!(
            src,
            "mod {m} {{\n    kms_errors::kms_errors!({});\n}}",
            c.args
        )
        .unwrap();
        for (k, chunk) in c.strings.chunks(CHUNK).enumerate() {
            let n = chunk.len();
            let strings: Vec<String> = chunk.iter().map(|(s, _)| format!("{s:?}")).collect();
            let lookups: Vec<String> = strings
                .iter()
                .map(|s| format!("{m}::ErrorCode::from_code({s})"))
                .collect();
            let expected: Vec<String> = chunk
                .iter()
                .map(|(_, v)| match v {
                    Some(v) => format!("Some({m}::ErrorCode::{v})"),
                    None => "None".to_owned(),
                })
                .collect();
            let name = format!("{}_{k}", m.to_uppercase());
            writeln!(
                src,
                "const {name}_S: [&str; {n}] = [{}];\n\
                 const {name}_C: [Option<{m}::ErrorCode>; {n}] = [{}];\n\
                 const {name}_E: [Option<{m}::ErrorCode>; {n}] = [{}];",
                strings.join(", "),
                lookups.join(", "),
                expected.join(", "),
            )
            .unwrap();
            writeln!(
                checks,
                "    for ((s, at_compile_time), expected) in {name}_S.iter().zip({name}_C).zip({name}_E) {{\n\
                 \x20       let at_run_time = {m}::ErrorCode::from_code(black_box(s));\n\
                 \x20       assert_eq!(at_compile_time, at_run_time, \"{m} {{s:?}}\");\n\
                 \x20       assert_eq!(at_run_time, expected, \"{m} {{s:?}}\");\n\
                 \x20       if let Some(c) = at_run_time {{\n\
                 \x20           assert!(c.as_str() == *s || {m}::ErrorCode::ALL.iter().all(|o| o.as_str() != *s));\n\
                 \x20       }}\n\
                 \x20       lookups += 1;\n\
                 \x20       found += usize::from(at_run_time.is_some());\n\
                 \x20   }}"
            )
            .unwrap();
        }
    }
    format!(
        "{src}\nfn main() {{\n    let (mut lookups, mut found) = (0usize, 0usize);\n{checks}\
         \x20   println!(\"{{lookups}} lookups agree, {{found}} found\");\n}}\n"
    )
}

#[test]
fn compile_time_and_run_time_lookups_agree_on_every_catalog() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("const-lookup");
    std::fs::create_dir_all(&dir).unwrap();
    let synthetic_path = dir.join("synthetic.csv");
    let text = synthetic(3_000);
    if std::fs::read_to_string(&synthetic_path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&synthetic_path, text).unwrap();
    }
    let mut cases = cases(&synthetic_path);
    cases.push(bundled_case());
    assert!(cases.len() >= 25, "only {} valid catalogs", cases.len());
    let main = main_rs(&cases);
    let manifest = probe_crate(
        "const-lookup",
        &format!("kms-errors = {{ path = {:?} }}", facade_path()),
        &[("src/main.rs", &main)],
    );
    let out = cargo(&manifest, &["run", "--release", "--quiet"])
        .output()
        .expect("cargo runs");
    check("the generated lookups", &out);
    let lookups: usize = cases.iter().map(|c| c.strings.len()).sum();
    let found: usize = cases
        .iter()
        .map(|c| c.strings.iter().filter(|(_, v)| v.is_some()).count())
        .sum();
    // The synthetic codes, the KMS codes (twice: alone and bundled), the gateway's codes and
    // aliases (twice).
    assert!(
        found >= 3_000 + 2 * 185 + 2 * 128 && lookups > 5 * found,
        "{lookups} {found}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{lookups} lookups agree, {found} found\n")
    );
}
