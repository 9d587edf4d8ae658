//! Macro expansion time (performance issue, target 4): the whole pipeline — read, parse,
//! validate, expand to tokens, and the tokens' text as rustc would receive them — for the
//! bundled catalog and for synthetic catalogs of 1,000 and 10,000 rows.
//!
//! `cargo bench -p kms-errors-macro --bench expand`. Cargo builds proc macros without
//! optimisation by default (also in release builds), so run it with `--profile dev` too to
//! see the time a user's build pays.

#![allow(dead_code, unused_imports)] // the modules' unit tests and test-only helpers come along

// A proc-macro crate exports only its macros: compile the pipeline's modules directly.
#[path = "../src/args.rs"]
mod args;
#[path = "../src/ctxt.rs"]
mod ctxt;
#[path = "../src/doc.rs"]
mod doc;
#[path = "../src/expand.rs"]
mod expand;
#[path = "../src/kind.rs"]
mod kind;
#[path = "../src/limits.rs"]
mod limits;
#[path = "../src/lookup.rs"]
mod lookup;
#[path = "../src/naming.rs"]
mod naming;
#[path = "../src/parse.rs"]
mod parse;
#[path = "../src/read.rs"]
mod read;
#[path = "../src/status.rs"]
mod status;
#[path = "../src/valid.rs"]
mod valid;

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::PathBuf;

/// A synthetic catalog shaped like real ones: prefixes, mixed statuses, repeated codes.
fn synthetic(rows: usize) -> String {
    let mut s = String::from("status,code,message,description,measure\n");
    for i in 0..rows {
        let status = [400, 401, 403, 404, 409, 500][i % 6];
        let prefix = ["SVC", "APIGW", "Ecs", "dns"][i % 4];
        s.push_str(&format!(
            "{status},{prefix}.{i:05},\"The request {i} is invalid: {{0}} \"\"x\"\"\",**Parameter** {i} is wrong.,Check parameter {i} and try again.\n"
        ));
    }
    s
}

fn write_catalog(rows: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-catalogs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("synthetic-{rows}.csv"));
    std::fs::write(&path, synthetic(rows)).unwrap();
    path.canonicalize().unwrap()
}

fn run(input: &str) -> usize {
    let tokens: proc_macro2::TokenStream = input.parse().unwrap();
    let out = expand::kms_errors(tokens);
    let text = out.to_string();
    assert!(!text.contains("compile_error"), "the catalog has errors");
    text.len()
}

fn expansion(c: &mut Criterion) {
    let mut g = c.benchmark_group("expand");
    g.sample_size(20);
    g.bench_function("bundled (185 rows)", |b| b.iter(|| black_box(run(""))));
    for rows in [1_000, 10_000] {
        let path = write_catalog(rows);
        let input = format!("{:?}", path.to_str().unwrap());
        g.bench_function(format!("synthetic ({rows} rows)"), |b| {
            b.iter(|| black_box(run(&input)))
        });
    }
    g.finish();
}

criterion_group!(benches, expansion);
criterion_main!(benches);
