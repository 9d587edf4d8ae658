//! The front end's share of a macro expansion: parse, validate, encode the tables and build
//! the index, for the bundled catalog and synthetic catalogs of 1,000 and 10,000 rows.
//!
//! `cargo bench -p kms-errors-catalog --bench front`. Cargo builds proc macros and their
//! dependencies without optimisation by default (also in release builds), so run it with
//! `--profile dev` too to see the time a user's build pays; `KMS_ERRORS_TIMINGS=1` during a
//! build prints the whole expansion's time (see `scripts/build_bench.py`).

use criterion::{criterion_group, criterion_main, Criterion};
use kms_errors_catalog::{hash, source, table, Ctxt};
use std::hint::black_box;

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

/// The front end's whole job for one catalog; returns the size of its output.
fn run(text: &str) -> usize {
    let mut cx = Ctxt::new("bench.csv");
    let cat = kms_errors_catalog::parse("bench.csv", text, None, &mut cx);
    assert!(cx.is_ok(), "the catalog has errors");
    let tables = table::Tables::encode(&cat);
    let keys: Vec<&str> = cat.codes.iter().map(|c| c.code.as_ref()).collect();
    let index = hash::build(&keys);
    tables.text.len() + tables.rows.len() + index.slots.len()
}

fn front_end(c: &mut Criterion) {
    let mut g = c.benchmark_group("front");
    g.sample_size(20);
    g.bench_function("bundled (185 rows)", |b| {
        b.iter(|| black_box(run(source::KMS)))
    });
    for rows in [1_000, 10_000] {
        let text = synthetic(rows);
        g.bench_function(format!("synthetic ({rows} rows)"), |b| {
            b.iter(|| black_box(run(&text)))
        });
    }
    g.finish();
}

criterion_group!(benches, front_end);
criterion_main!(benches);
