#!/usr/bin/env python3
"""Size of the code `kms_errors!` generates for a 2-row catalog.

Usage::

    python3 scripts/expanded_size.py [--baseline REV] [--keep] [--lines-limit N]

Python 3.11 standard library only; not part of the test command. A scratch crate is generated
in ``target/expanded-size/current/`` inside this repository: its own workspace (``[workspace]``
in its manifest), a copy of the workspace's ``Cargo.lock``, a path dependency on the working
tree's ``kms-errors``, a catalog of two rows (``TWO.0001``, 404; ``TWO.0002``, 409) and a
``src/lib.rs`` that is only ``kms_errors::kms_errors!("catalog.csv");`` (plus
``#![allow(missing_docs)]``). The steps, each of which must succeed:

1. ``cargo fetch`` (online; crates.io only), falling back to ``cargo fetch --offline``;
2. ``RUSTC_BOOTSTRAP=1 cargo rustc --lib --offline -- -Zunpretty=expanded``: rustc prints the
   crate with every macro expanded, derives included, on stdout;
3. ``rustfmt --edition 2021``, reading that text on stdin.

Counted in the formatted text: non-blank lines, and functions, i.e. lines matching
``\\bfn\\s+\\w+`` that are not attribute lines (after expansion doc comments are
``#[doc = "..."]`` attributes, whose text might mention ``fn``). The whole crate is counted:
rustc's header (``#![feature(prelude_import)]``, ``extern crate std;``, the prelude import:
4 lines with rustc 1.95) and the crate's own ``#![allow(missing_docs)]`` are part of the line
count. The numbers depend on the toolchain as well (the derives' expansions change between
rustc versions), so compare numbers from one toolchain; the script uses the toolchain rustup
selects in the repository root for cargo and rustfmt (``RUSTUP_TOOLCHAIN``). Each scratch
crate has its own target directory inside it, so dependencies are compiled once per run.

``--baseline REV`` (any git revision) also measures REV's tree: it is exported with
``git archive REV | tar -x`` into ``target/expanded-size/baseline-src/`` (as
``build_bench.py --baseline`` does, with the same helper), and a second scratch crate,
``target/expanded-size/base/``, depends on its ``kms-errors`` and starts from its
``Cargo.lock``. Both counts are printed, and the ratios current / baseline.

``--lines-limit N``: exit 1 if the current tree's non-blank line count exceeds N.
``--keep``: keep ``target/expanded-size/`` (with the formatted expansion in each crate's
``expanded.rs``); otherwise it is deleted at the end, also after a failure.

Exit status: 0; 1 if the line limit is exceeded; 2 if a step fails (its stderr is printed).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_bench  # noqa: E402  (same directory)
from build_bench import export_revision, working_tree  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "target" / "expanded-size"
CATALOG = (
    "status,code,message,description,measure\n"
    "404,TWO.0001,Not found.,The thing does not exist.,Create it.\n"
    "409,TWO.0002,Exists.,It is already there.,Use it.\n"
)
LIB_RS = '#![allow(missing_docs)]\nkms_errors::kms_errors!("catalog.csv");\n'
FN_RE = re.compile(r"\bfn\s+\w+")
ATTRIBUTE_RE = re.compile(r"^\s*#!?\[")
COUNTED = (
    "counted: the rustfmt'ed output of `cargo rustc --lib -- -Zunpretty=expanded` for the whole\n"
    "         scratch crate (derives expanded; rustc's prelude header lines included);\n"
    "         lines = non-blank lines; functions = lines matching \\bfn\\s+\\w+ outside\n"
    "         #[...] attribute lines (the doc text)"
)


class StepError(Exception):
    """A step failed; the message names it and carries its stderr."""


def toolchain_env() -> dict[str, str]:
    """The environment for cargo and rustfmt: build_bench.py's (the repository root's
    toolchain, no target-dir override from outside), without its timing output."""
    env = build_bench.toolchain_env()
    env.pop("KMS_ERRORS_TIMINGS", None)
    return env


def run(step: str, cmd: list[str], cwd: Path, env: dict[str, str], stdin: str = "") -> str:
    """Runs `cmd`; its stdout, or StepError with its stderr."""
    out = subprocess.run(cmd, cwd=cwd, env=env, input=stdin, capture_output=True, text=True)
    if out.returncode != 0:
        raise StepError(
            f"{step}: `{' '.join(cmd)}` failed (exit {out.returncode}) in "
            f"{cwd.relative_to(ROOT)}:\n{out.stderr.rstrip()}"
        )
    return out.stdout


def scratch_crate(dir: Path, kms_errors: Path, lock: Path) -> None:
    """The 2-row crate in `dir`: its own workspace, a path dependency on `kms_errors`,
    starting from a copy of `lock`."""
    if dir.exists():
        shutil.rmtree(dir)
    (dir / "src").mkdir(parents=True)
    kms_errors_path = str(kms_errors).replace("\\", "\\\\").replace('"', '\\"')
    (dir / "Cargo.toml").write_text(
        f"""[package]
name = "expanded_size"
version = "0.1.0"
edition = "2021"
publish = false

# Its own workspace: not a member of the repository's workspace.
[workspace]

[dependencies]
kms-errors = {{ path = "{kms_errors_path}" }}
""",
        encoding="utf-8",
    )
    shutil.copyfile(lock, dir / "Cargo.lock")
    (dir / "catalog.csv").write_text(CATALOG, encoding="utf-8")
    (dir / "src" / "lib.rs").write_text(LIB_RS, encoding="utf-8")


def measure(dir: Path, env: dict[str, str]) -> tuple[int, int]:
    """Fetches, expands and formats the crate in `dir`; (non-blank lines, functions)."""
    env = dict(env, CARGO_TARGET_DIR=str(dir / "target"))
    try:
        run("cargo fetch", ["cargo", "fetch"], dir, env)
    except StepError as online:
        try:
            run("cargo fetch --offline", ["cargo", "fetch", "--offline"], dir, env)
        except StepError as offline:
            raise StepError(f"{online}\n{offline}") from None
    expand = ["cargo", "rustc", "--lib", "--offline", "--", "-Zunpretty=expanded"]
    expanded = run("expand", expand, dir, dict(env, RUSTC_BOOTSTRAP="1"))
    formatted = run("rustfmt", ["rustfmt", "--edition", "2021"], dir, env, stdin=expanded)
    (dir / "expanded.rs").write_text(formatted, encoding="utf-8")
    lines = [line for line in formatted.splitlines() if line.strip()]
    fns = [line for line in lines if FN_RE.search(line) and not ATTRIBUTE_RE.match(line)]
    return len(lines), len(fns)


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(
        description="Size of the code kms_errors! generates for a 2-row catalog; see the docstring."
    )
    ap.add_argument("--baseline", metavar="REV", help="also measure git revision REV's tree")
    ap.add_argument("--keep", action="store_true", help="keep target/expanded-size/ afterwards")
    ap.add_argument(
        "--lines-limit",
        type=int,
        metavar="N",
        help="exit 1 if the current tree's non-blank line count exceeds N",
    )
    args = ap.parse_args()

    env = toolchain_env()
    rustc = subprocess.run(["rustc", "-V"], cwd=ROOT, env=env, capture_output=True, text=True)
    print("kms-errors generated code size (scripts/expanded_size.py)")
    print(f"rustc:     {rustc.stdout.strip() or '(rustc -V failed)'}")
    print(f"toolchain: {env.get('RUSTUP_TOOLCHAIN', '(no rustup: rustc on PATH)')}")
    print('catalog:   2 rows (TWO.0001 404, TWO.0002 409); src/lib.rs: kms_errors!("catalog.csv")')
    print(COUNTED)
    sys.stdout.flush()

    SCRATCH.mkdir(parents=True, exist_ok=True)
    try:
        sides = [("current", f"working tree, {working_tree()}", ROOT)]
        if args.baseline:
            src = SCRATCH / "baseline-src"
            try:
                described = export_revision(args.baseline, src)
            except SystemExit as e:  # the helper's way to report a failed git or tar
                raise StepError(f"export of {args.baseline}: {e}") from None
            sides.append(("base", f"{args.baseline} = {described}", src))
        results = {}
        for name, what, tree in sides:
            crate = SCRATCH / name
            scratch_crate(crate, tree / "kms-errors", tree / "Cargo.lock")
            results[name] = measure(crate, env)
            lines, fns = results[name]
            print(f"\n{name + ':':<9} {what}")
            print(f"  {lines:6d} non-blank lines")
            print(f"  {fns:6d} functions")
            sys.stdout.flush()
    except StepError as e:
        print(f"\nFAILED: {e}", file=sys.stderr)
        kept = f"scratch kept in {SCRATCH.relative_to(ROOT)}/"
        print(f"({kept if args.keep else 'rerun with --keep to inspect the scratch crates'})",
              file=sys.stderr)
        return 2
    finally:
        if not args.keep and SCRATCH.exists():
            shutil.rmtree(SCRATCH)

    if args.keep:
        print(f"\nscratch kept in {SCRATCH.relative_to(ROOT)}/ (expanded.rs in each crate)")
    lines, fns = results["current"]
    if "base" in results:
        base_lines, base_fns = results["base"]
        print(
            f"\ncurrent / baseline: lines {ratio(lines, base_lines)}, "
            f"functions {ratio(fns, base_fns)}"
        )
    if args.lines_limit is not None:
        ok = lines <= args.lines_limit
        print(f"\nlines limit: {lines} <= {args.lines_limit}: {'PASS' if ok else 'MISS'}")
        if not ok:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
