//! Fuzz target `catalog`: the macro's front half (decode → parse → validate) on arbitrary
//! bytes, then the lookup index and the token expansion.
//!
//! A proc-macro crate exports only its macros, so the pipeline's modules are compiled into
//! this binary by path (as `kms-errors-macro/benches/expand.rs` does). The target checks:
//!
//! * `check::check_bytes` never panics; errors are non-empty, all name the file, and there
//!   are at most `MAX_ERRORS` of them plus one "N more" line;
//! * a valid catalog has distinct codes and variant names, names that start with an ASCII
//!   capital and are neither `Unknown` nor `Self`, and at least one status per code, each
//!   in 100..=599;
//! * `lookup::build` on the codes gives an index in which every code is found at its own
//!   position (probed as the generated `lookup` does: `Index::find` is `#[cfg(test)]` and
//!   the module's `bucket`/`slot` are private, so `probe` below restates them), and a few
//!   non-codes near each code are not found elsewhere;
//! * `expand::expand` runs on every catalog `valid::catalog` returns with at least one code
//!   (valid or not: the macro expands the valid part of a catalog with errors too), with
//!   default arguments (`syn::parse_str::<args::Args>("")`);
//!   every literal in it re-lexes to itself (no cell text escapes its string literal), and it
//!   holds no `compile_error!`.

#![no_main]
#![allow(dead_code, unused_imports)] // the modules' unit tests and test-only helpers come along

#[path = "../../kms-errors-macro/src/args.rs"]
mod args;
#[path = "../../kms-errors-macro/src/check.rs"]
mod check;
#[path = "../../kms-errors-macro/src/ctxt.rs"]
mod ctxt;
#[path = "../../kms-errors-macro/src/doc.rs"]
mod doc;
#[path = "../../kms-errors-macro/src/expand.rs"]
mod expand;
#[path = "../../kms-errors-macro/src/kind.rs"]
mod kind;
#[path = "../../kms-errors-macro/src/limits.rs"]
mod limits;
#[path = "../../kms-errors-macro/src/lookup.rs"]
mod lookup;
#[path = "../../kms-errors-macro/src/naming.rs"]
mod naming;
#[path = "../../kms-errors-macro/src/parse.rs"]
mod parse;
#[path = "../../kms-errors-macro/src/read.rs"]
mod read;
#[path = "../../kms-errors-macro/src/status.rs"]
mod status;
#[path = "../../kms-errors-macro/src/valid.rs"]
mod valid;

use libfuzzer_sys::fuzz_target;
use proc_macro2::{TokenStream, TokenTree};

const NAME: &str = "fuzz.csv";

fuzz_target!(|data: &[u8]| {
    let result = check::check_bytes(NAME, data);
    match &result {
        Err(errors) => {
            assert!(!errors.is_empty(), "Err without a message");
            for e in errors {
                assert!(e.starts_with(NAME), "message does not name the file: {e:?}");
            }
            assert!(
                errors.len() <= limits::MAX_ERRORS + 1,
                "{} messages",
                errors.len()
            );
        }
        Ok(codes) => check_valid(codes),
    }
    expand_all(data, result.is_ok());
});

fn check_valid(codes: &check::Summary) {
    let mut keys: Vec<&str> = codes.iter().map(|c| c.0.as_str()).collect();
    let mut names: Vec<&str> = codes.iter().map(|c| c.1.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    names.sort_unstable();
    names.dedup();
    assert_eq!(keys.len(), codes.len(), "duplicate codes");
    assert_eq!(names.len(), codes.len(), "duplicate variant names");
    for (code, name, statuses) in codes {
        assert!(!code.trim().is_empty(), "empty code");
        assert_eq!(code.trim(), code, "code not trimmed");
        assert!(
            name.starts_with(|c: char| c.is_ascii_uppercase()),
            "name {name:?}"
        );
        assert!(
            name.bytes().all(|b| b.is_ascii_alphanumeric()),
            "name {name:?}"
        );
        assert!(name != "Unknown" && name != "Self", "name {name:?}");
        assert_eq!(naming::variant_name(code).as_deref(), Ok(name.as_str()));
        assert!(!statuses.is_empty(), "{code:?} has no status");
        assert!(
            statuses.iter().all(|s| (100..=599).contains(s)),
            "{statuses:?}"
        );
    }

    // The index, in catalog order, finds every code at its position.
    let keys: Vec<&str> = codes.iter().map(|c| c.0.as_str()).collect();
    let index = lookup::build(&keys);
    assert!(index.slots.len().is_power_of_two());
    assert_eq!(index.slots.len(), 1 << index.bits);
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(probe(&index, k, &keys), Some(i), "code {k:?} not found");
        // Near misses: found only if they are codes themselves.
        let mut shorter = k.to_string();
        shorter.pop();
        for miss in [format!("{k}x"), format!(" {k}"), shorter] {
            let expect = keys.iter().position(|x| *x == miss);
            assert_eq!(probe(&index, &miss, &keys), expect, "near miss {miss:?}");
        }
    }
}

/// Where `code` is, computed as the generated `lookup` does (see `lookup::tokens`).
fn probe(index: &lookup::Index, code: &str, keys: &[&str]) -> Option<usize> {
    const K_PILOT: u64 = 0x94D0_49BB_1331_11EB;
    const K_SLOT: u64 = 0xD6E8_FEB8_6659_FD93;
    let b = code.as_bytes();
    if b.len() < index.min_len || b.len() > index.max_len {
        return None;
    }
    let h = lookup::hash(b, index.seed);
    let bucket = (((h >> 32) * index.buckets) >> 32) as usize;
    let pilot = u64::from(index.pilots[bucket]);
    let slot =
        ((h ^ pilot.wrapping_mul(K_PILOT)).wrapping_mul(K_SLOT) >> (64 - index.bits)) as usize;
    let i = usize::from(index.slots[slot]);
    keys.get(i).filter(|k| **k == code).map(|_| i)
}

/// The rest of the macro: validate again to get the `Catalog`, expand it with default
/// arguments, and check the tokens.
fn expand_all(data: &[u8], valid: bool) {
    let mut cx = ctxt::Ctxt::new(NAME);
    let Some(text) = read::decode(data.to_vec(), &mut cx) else {
        return;
    };
    let records = parse::records(&text, &mut cx);
    let cat = valid::catalog(NAME, records, &mut cx);
    assert_eq!(cx.is_ok(), valid, "check_bytes and the pipeline disagree");
    if cat.codes.is_empty() {
        return; // nothing of the input's reaches the expansion; skip its fixed cost
    }
    let args = syn::parse_str::<args::Args>("").expect("default arguments");
    let out = expand::expand(&args, &cat, None);
    check_tokens(out);
}

/// No `compile_error!` in the expansion, and every literal re-lexes to itself: a cell's text
/// that broke out of its string literal (or doc attribute) would not. Cell text reaches the
/// expansion only as literals (an identifier is made by `Ident::new`, which panics on
/// anything else), so this is the whole injection check, without re-lexing the fixed part.
fn check_tokens(tokens: TokenStream) {
    for t in tokens {
        match t {
            TokenTree::Ident(i) => assert!(i != "compile_error", "compile_error! in the expansion"),
            TokenTree::Group(g) => check_tokens(g.stream()),
            TokenTree::Literal(l) => {
                let shown = l.to_string();
                let relexed: Vec<TokenTree> = match shown.parse::<TokenStream>() {
                    Ok(ts) => ts.into_iter().collect(),
                    Err(e) => panic!("literal {shown:?} does not re-lex: {e}"),
                };
                assert!(
                    matches!(relexed.as_slice(), [TokenTree::Literal(r)] if r.to_string() == shown),
                    "literal {shown:?} re-lexes as {relexed:?}"
                );
            }
            TokenTree::Punct(_) => {}
        }
    }
}
