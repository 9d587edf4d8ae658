//! Lookup benchmark (performance issue, target 1): the macro's compile-time perfect hash
//! against a `match` on `&str`, a `phf::Map` and a `std::collections::HashMap`, over the same
//! inputs in the same run.
//!
//! `cargo bench --bench lookup`, then `python3 scripts/bench_ratios.py` prints per-lookup
//! medians and the ratios against the baselines.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kms_errors::{ErrorCode, KmsError};
use std::collections::HashMap;
use std::hint::black_box;

include!(concat!(env!("OUT_DIR"), "/baselines.rs"));

/// Every (status, spelling) row of the bundled tables: each row under its code and under
/// each of the code's aliases (the gateway's `APIGW.` spellings).
fn known() -> Vec<(u16, &'static str)> {
    SPELLINGS
        .iter()
        .flat_map(|&(s, i)| {
            ErrorCode::ALL[usize::from(i)]
                .rows()
                .map(move |r| (r.status(), s))
        })
        .collect()
}

/// Codes a server or a typo could produce that are not in the catalog: near misses of real
/// codes, other services' codes, empty, non-ASCII and over-long strings.
fn unknown() -> Vec<(u16, String)> {
    let mut v: Vec<String> = Vec::new();
    for c in ErrorCode::ALL.iter().step_by(12) {
        let s = c.as_str();
        v.push(s.to_lowercase()); // kms.0207
        v.push(format!("{s}0")); // KMS.02070
        v.push(format!(" {s}")); // leading space
        v.push(s.replacen(".0", ".", 1)); // KMS.207
    }
    for s in [
        "KMS.9999",
        "CSMS.9999",
        "APIGW.9999",
        "IAM.0001",
        "",
        "K",
        "KMS.",
        "ＫＭＳ.0207",
        "KMS.0207\0",
        "a-much-longer-code-than-any-in-the-catalog-at-all",
    ] {
        v.push(s.to_owned());
    }
    v.retain(|s| ErrorCode::from_code(s).is_none());
    v.into_iter().map(|s| (400, s)).collect()
}

fn bench_set(c: &mut Criterion, name: &str, inputs: &[(u16, &str)]) {
    let map: HashMap<&str, u16> = SPELLINGS.iter().copied().collect();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("kms_errors::ErrorCode::from_code", |b| {
        b.iter(|| {
            for &(_, s) in inputs {
                black_box(ErrorCode::from_code(black_box(s)));
            }
        })
    });
    g.bench_function("kms_errors::KmsError::from", |b| {
        b.iter(|| {
            for &(st, s) in inputs {
                black_box(KmsError::from((black_box(st), black_box(s))));
            }
        })
    });
    g.bench_function("match", |b| {
        b.iter(|| {
            for &(_, s) in inputs {
                black_box(match_lookup(black_box(s)));
            }
        })
    });
    g.bench_function("phf::Map", |b| {
        b.iter(|| {
            for &(_, s) in inputs {
                black_box(PHF.get(black_box(s)));
            }
        })
    });
    g.bench_function("std::HashMap", |b| {
        b.iter(|| {
            for &(_, s) in inputs {
                black_box(map.get(black_box(s)));
            }
        })
    });
    g.finish();
}

fn lookups(c: &mut Criterion) {
    let known = known();
    // 185 KMS and CSMS rows, 71 gateway rows, each of those also under its alias.
    assert_eq!(known.len(), 185 + 2 * 71);
    for &(_, s) in &known {
        assert_eq!(
            ErrorCode::from_code(s).map(|c| c as u16),
            match_lookup(s),
            "{s}"
        );
        assert_eq!(PHF.get(s).copied(), match_lookup(s), "{s}");
    }
    let unknown = unknown();
    let unknown: Vec<(u16, &str)> = unknown.iter().map(|(st, s)| (*st, s.as_str())).collect();
    for &(_, s) in &unknown {
        assert_eq!(match_lookup(s), None, "{s}");
    }
    bench_set(c, "lookup-known", &known);
    bench_set(c, "lookup-unknown", &unknown);
    accessors(c, &known);
}

/// The accessors that read the tables (text, kind, retry advice), over every catalog row
/// received with its documented status: what making them `const fn` costs or saves at run
/// time (compare runs of this group on two commits; there is no baseline in this group).
fn accessors(c: &mut Criterion, known: &[(u16, &str)]) {
    let errors: Vec<KmsError> = known.iter().map(|&(s, c)| KmsError::from((s, c))).collect();
    let codes: Vec<ErrorCode> = errors.iter().map(|e| e.code()).collect();
    let mut g = c.benchmark_group("accessors");
    g.throughput(Throughput::Elements(errors.len() as u64));
    g.bench_function("KmsError::message", |b| {
        b.iter(|| {
            for e in black_box(&errors[..]) {
                black_box(e.message());
            }
        })
    });
    g.bench_function("KmsError::kind", |b| {
        b.iter(|| {
            for e in black_box(&errors[..]) {
                black_box(e.kind());
            }
        })
    });
    g.bench_function("KmsError::is_retryable", |b| {
        b.iter(|| {
            for e in black_box(&errors[..]) {
                black_box(e.is_retryable());
            }
        })
    });
    g.bench_function("ErrorCode::status", |b| {
        b.iter(|| {
            for &c in black_box(&codes[..]) {
                black_box(c.status());
            }
        })
    });
    g.bench_function("ErrorCode::measure", |b| {
        b.iter(|| {
            for &c in black_box(&codes[..]) {
                black_box(c.measure());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
