#!/usr/bin/env python3
"""Per-lookup medians and ratios from the last `cargo bench -p kms-errors-bench` run.

Reads criterion's estimates under target/criterion/<group>/<function>/new/estimates.json and
divides each median by the number of lookups per iteration (the group's throughput).
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"
ok = True
for group in ("lookup-known", "lookup-unknown"):
    gdir = root / group
    if not gdir.is_dir():
        sys.exit(f"no results for {group}: run `cargo bench -p kms-errors-bench` first")
    med = {}
    for est in gdir.glob("*/new/estimates.json"):
        bench = json.loads((est.parent / "benchmark.json").read_text())
        n = bench["throughput"]["Elements"]
        med[bench["function_id"]] = json.loads(est.read_text())["median"]["point_estimate"] / n
    print(f"\n{group} (median ns per lookup)")
    for name, t in sorted(med.items(), key=lambda kv: kv[1]):
        print(f"  {name:36} {t:7.2f}")
    ours = med["kms_errors::ErrorCode::from_code"]
    conv = med["kms_errors::KmsError::from"]
    for label, mine in (("from_code", ours), ("KmsError::from", conv)):
        for base, limit in (("phf::Map", 1 / 3), ("match", 1 / 2)):
            r = mine / med[base]
            flag = "ok" if r <= limit else "MISSED"
            ok &= r <= limit
            print(f"  {label:15} / {base:9} = {r:5.3f}  (target <= {limit:.3f}) {flag}")
    print(f"  std::HashMap / from_code = {med['std::HashMap'] / ours:5.1f}x")
sys.exit(0 if ok else 1)
