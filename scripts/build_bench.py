#!/usr/bin/env python3
"""Build-time benchmark of `kms_errors!` (performance issue, targets 3, 4 and 5).

Usage::

    python3 scripts/build_bench.py [--runs N] [--only 3|4|5] [--keep] [--baseline REV]
                                   [--timings]

Python 3.11 standard library only; not part of the test command. Everything is generated in
``target/build-bench/`` inside this repository (``t3/``, ``t4/`` and ``t5/``, removed at the
end unless ``--keep``): the baseline crates, their sources and synthetic catalogs, and their target
directories. Each generated crate is its own workspace (``[workspace]`` in its manifest) and
starts from a copy of the workspace's ``Cargo.lock``, so shared dependencies (proc-macro2,
quote, syn) resolve to the versions the workspace uses.

Every build runs with ``CARGO_INCREMENTAL=0`` and ``KMS_ERRORS_TIMINGS=1``, on the workspace's
toolchain (``RUSTUP_TOOLCHAIN`` is set to the toolchain rustup selects in the repository
root). Each crate is fetched once online (``cargo fetch``; crates.io only), then every build is
``cargo build --offline --locked``. Timed runs are interleaved (A B C A B C ...) so that
machine noise hits all variants alike; the times are wall-clock seconds of the whole
``cargo build``. The report gives, per variant, the median, min, max and number of runs, then
the ratios of the medians with their targets and PASS/MISS. The exit status is 0 even on MISS
(it is a report); it is non-zero only when a fetch, a build or a check of a built binary fails.

Target 3: clean ``cargo build`` (dev profile), dependencies included. Each run deletes the
variant's ``CARGO_TARGET_DIR``, so every dependency is rebuilt.

* (a) ``t3/a``: a binary that depends on ``kms-errors`` by path and uses ``KmsError``: it
  converts ``(404, "KMS.0207")`` and ``(418, <argv[1]>)``, prints ``Display`` and matches on
  a couple of codes.
* (b) ``t3/b``: the same binary with a hand-written error type for the same codes, generated
  from ``catalog.csv`` in the style a person would write: ``#[derive(thiserror::Error)]`` on
  an enum with one unit variant per code, each ``#[error("<catalog message>")]``, plus
  ``Unknown(String)``; ``from_code``, ``as_str``, ``status``, ``message``, ``description`` and
  ``measure`` as ``match``es; a ``KmsError`` struct (also ``thiserror``) with
  ``From<(u16, &str)>``. Dependency: the latest ``thiserror`` 2.x from crates.io.
* (b-min) ``t3/b-min``: the same binary with the smallest hand-written error type a person
  would write for the same codes: ``#[derive(Debug, thiserror::Error)]`` on an enum
  ``ErrorCode`` with one unit variant per code, each ``#[error("<catalog message>")]``, plus
  ``Unknown { status: u16, code: String }`` (``#[error("{code} (HTTP {status}): unknown error
  code")]``), and a ``match``-based ``From<(u16, &str)>``; no accessors and no ``KmsError``.
  Its program (``T3_MIN_MAIN``) does the same conversions and the same ``match``; the type
  keeps the status and the code only for an unknown code, so the first line of a known code is
  composed from the status and the code the program converted.

The binaries are run once after the timed builds. (a) and (b) must print the same text;
(b-min) must print it too, except the measure of KMS.0207 (``"; <measure>"``), which the
minimal type cannot say (it has no accessors). Limits: (a)/(b) <= 1.0, (a)/(b-min) <= 0.80.

Target 4: ``cargo build --release`` of a library crate with its dependencies PREBUILT: the
crates with dependencies (M1k, M10k) are built once, untimed, to warm the shared target
directory ``t4/target`` (H10k and N10k depend on std only); before each timed run the crate's
``src/lib.rs`` is touched, so only the crate itself is recompiled. If cargo compiles anything
else in a timed run (a dependency's source changed since the warm-up, e.g. someone edits the
macro), the run is repeated once, and either way it is flagged in the output. Synthetic
catalogs of 1,000 and 10,000 rows: the code prefixes ``SVC.00001``, ``APIGW.0001``,
``IAM.0001``, ``Ecs.0001``, ``dns.0001``, statuses 400/401/403/404/409/500, messages with
punctuation, ``{0}``, quotes, ``**bold**`` and some non-ASCII text, and every 25th row
repeating the previous code with another status.

* M1k, M10k: ``src/lib.rs`` is only ``kms_errors::kms_errors!("catalog.csv");``.
* H10k: a minimal hand-written equivalent of the 10,000-row catalog: a fieldless
  ``#[repr(u16)]`` enum (plus ``Unknown``), static tables (codes; first row per code;
  statuses, messages, descriptions and measures per row), ``from_code`` by binary search over a
  sorted static array, accessors indexing the tables, a small ``KmsError``.
* N10k: a naive generator's output for the same catalog: ``from_code``, ``as_str``,
  ``status``, ``message``, ``description`` and ``measure`` each a ``match`` with one arm per
  row, derived ``Debug``, ``Display`` via ``match``.
* C10: ten catalogs in one crate: ten modules, each ``kms_errors!("catalogN.csv")`` on its
  own copy of the canonical catalog (185 rows), the per-catalog cost of a client of several
  services. Reported for information, without a limit.

Limits: M10k/M1k <= 12 (linear growth), M10k/H10k <= 2.5, N10k/M10k >= 20.

Target 5: adding kms-errors to a small project that already builds syn. Clean ``cargo build``
(dev profile) like target 3: each run deletes the variant's ``CARGO_TARGET_DIR``.

* (S) ``t5/s``: a small binary depending on ``thiserror = "2"``, ``serde`` (feature
  ``derive``) and ``serde_json``; its main defines a ``#[derive(Deserialize, Serialize,
  Debug)]`` struct and a ``#[derive(thiserror::Error, Debug)]`` enum, parses a small JSON
  string into the struct, prints it (``Debug`` and serialized again) and two errors, so both
  derive macros, and syn under them, are really used.
* (S+K) ``t5/sk``: the same crate plus a path dependency on ``kms-errors`` (no features, as
  (a) has); its main also prints ``kms_errors::KmsError::from((404, "KMS.0207"))``.

Both binaries are run once after the timed builds; (S+K) must print (S)'s text and one line
more. Limit: (S+K)/(S) <= 1.25: what kms-errors adds to a build that already pays for syn.

Macro expansion time: with ``KMS_ERRORS_TIMINGS=1`` the macro prints ``kms_errors!: <file>:
N codes, M rows: read+parse+validate X ms, expand Y ms`` on stderr; cargo passes the line
through in its (captured) output. The medians of X+Y over the runs are reported for the
canonical catalog (expanded when ``kms-errors`` is compiled in the target-3 (a) builds) and
for M10k (and M1k, for information). Limits: canonical < 10 ms, M10k < 200 ms. Proc macros
are compiled without optimisation in release builds too (cargo's default ``build-override``),
so these are the times a user's build pays.

Baseline (``--baseline REV``, any git revision: ``main~3``, a tag, a commit hash): before and
after in one run. The revision's tree is exported with ``git archive REV | tar -x`` into
``target/build-bench/baseline-src/`` (removed at the end unless ``--keep``; the repository's own
worktrees and branches are not touched). Every variant that depends on ``kms-errors`` gets a
twin labelled with the suffix ``@base`` (``(a)@base``, ``M1k@base``, ``M10k@base``,
``C10@base``, ``(S+K)@base``): the same crate, sources and catalog, but its path dependency
points at the baseline tree's ``kms-errors`` and it starts from a copy of the baseline tree's
``Cargo.lock``. Twins have crate directories of their own (``t3/a-base``, ``t4/m1k-base``,
``t5/sk-base``, ...) and target directories of their own: ``t3/a-base-target``,
``t5/sk-base-target``, and for target 4 a second shared directory ``t4/target-base``, warmed up
like ``t4/target``, so that "only the crate itself is recompiled" holds for the twins too. The
twins run in the same interleaved loop, right after their originals (A A@base B ...).
``(a)@base`` and ``(S+K)@base`` are run after the builds like the others; if one prints other
text than ``(a)`` or ``(S+K)`` (the library's output changed between the revisions), that is
reported as a warning, not a failure. The results add the before/after ratios
``T3 (a) / (a)@base``, ``T4 M10k / M10k@base``, ``T4 C10 / C10@base`` and
``T5 (S+K) / (S+K)@base`` (for information, no limit), the baseline's own
``T3 (a)@base / (b) thiserror``, ``T3 (a)@base / (b-min)`` and ``T4 M10k@base / M1k@base``
against the same limits as the current tree's, ``T5 (S+K)@base / (S)`` for information, and the
baseline's macro expansion times (canonical catalog and M10k, same limits; M1k for information).
The current side is always the working tree, uncommitted changes included. Without
``--baseline`` nothing of this happens and the report is as before.

Critical path (``--timings``): after the timed runs (and the checks of the binaries), T3 (a) and
T5 (S+K), and their ``@base`` twins when present, get ONE more clean build (the variant's
``CARGO_TARGET_DIR`` deleted), untimed, with ``cargo build --offline --locked --timings``.
Cargo's HTML report, ``<target>/cargo-timings/cargo-timing.html``, is copied to
``target/build-bench/timings/<t3|t5>-<crate directory>.html`` (``t3-a.html``,
``t3-a-base.html``, ``t5-sk.html``, ``t5-sk-base.html``), which is kept even without
``--keep`` (the next ``--timings`` run overwrites it). The report embeds its units as JSON
(``const UNIT_DATA = [...]``: per unit ``i``, ``name``, ``version``, ``target``, ``start``,
``duration`` and the indices of the units it made ready when it finished,
``unblocked_units``, or when its metadata was written, ``unblocked_rmeta_units``, at the end
of its ``frontend`` section; cargo 1.95's names, the older ``unlocked_units``,
``unlocked_rmeta_units`` and ``rmeta_time`` are read too). Printed at the end, per build: the
wall time (the last unit's end, and the seconds of that ``cargo build``), the CPU work (the sum
of all units' durations) and the critical path: the chain of units ending at the last unit to
finish, each step the unit that made the next one ready the latest, with each unit's start,
duration, wait (ready but no free job slot; the first unit of the path has no dependency and
was ready at 0) and name, and whether it started on the previous unit's metadata, then the
path's time split into waiting and compiling. If the report cannot be read (its format changed), that is said instead; it
is not a failure.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "target" / "build-bench"
CATALOG = ROOT / "catalog.csv"
KMS_ERRORS = ROOT / "kms-errors"
BASELINE_SRC = SCRATCH / "baseline-src"
TIMINGS_DIR = SCRATCH / "timings"  # --timings: copies of cargo's HTML reports (always kept)
BASE = "@base"  # label suffix of a twin built against the baseline tree
TIMING_RE = re.compile(
    r"kms_errors!: (?P<file>.+?): (?P<codes>\d+) codes, (?P<rows>\d+) rows: "
    r"read\+parse\+validate (?P<x>[0-9.]+) ms, expand (?P<y>[0-9.]+) ms"
)
COMPILING_RE = re.compile(r"^\s*Compiling (\S+) v", re.M)


class BuildError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Environment



def text_accessors():
    """The per-row accessors both hand-written baselines generate: (name, type, value, unknown)."""
    return [
        ("status", "u16", lambda r: str(r["status"]), "0"),
        ("message", "&'static str", lambda r: rs(r["message"]), '"unknown error code"'),
        ("description", "&'static str", lambda r: rs(r["description"]), '""'),
        ("measure", "&'static str", lambda r: rs(r["measure"]), '""'),
    ]

def toolchain_env() -> dict[str, str]:
    env = dict(os.environ)
    env["CARGO_INCREMENTAL"] = "0"
    env["KMS_ERRORS_TIMINGS"] = "1"
    env.pop("CARGO_TARGET_DIR", None)  # set per build, always under SCRATCH
    env.pop("CARGO_BUILD_TARGET_DIR", None)
    if shutil.which("rustup"):
        out = subprocess.run(
            ["rustup", "show", "active-toolchain"], cwd=ROOT, capture_output=True, text=True
        )
        if out.returncode == 0 and out.stdout.split():
            env["RUSTUP_TOOLCHAIN"] = out.stdout.split()[0]
    return env


def capture(cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else f"({' '.join(cmd)} failed)"


def header(env: dict[str, str]) -> None:
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print("kms-errors build-time benchmark (scripts/build_bench.py)")
    print(f"nproc:     {nproc}")
    print(f"rustc:     {capture(['rustc', '-V'], ROOT, env)}")
    print(f"cargo:     {capture(['cargo', '-V'], ROOT, env)}")
    print(f"toolchain: {env.get('RUSTUP_TOOLCHAIN', '(no rustup: rustc on PATH)')}")
    print("env:       CARGO_INCREMENTAL=0 KMS_ERRORS_TIMINGS=1 (every build)")
    for var in ("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_JOBS", "RUSTC_WRAPPER"):
        if env.get(var):
            print(f"note:      {var}={env[var]} is set in the environment")
    print(f"scratch:   {SCRATCH.relative_to(ROOT)}/")
    sys.stdout.flush()


def git(args: list[str]) -> str:
    """`git <args>` in the repository root; its stdout, or SystemExit with its stderr."""
    out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"`git {' '.join(args)}` failed (exit {out.returncode}):\n{out.stderr}")
    return out.stdout.strip()


def short(line: str, width: int = 72) -> str:
    """`line` cut to `width` characters (a commit subject in the header)."""
    return line if len(line) <= width else line[: width - 3] + "..."


def export_revision(rev: str, dest: Path) -> str:
    """Exports the tree of git revision `rev` into `dest` (emptied first) with
    `git archive <commit> | tar -x`; returns "<short hash> <subject>" of the commit.
    Touches neither the repository's worktrees nor its refs. SystemExit if a step fails."""
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        cwd=ROOT, capture_output=True, text=True,
    )
    if found.returncode != 0:
        raise SystemExit(f"--baseline {rev}: not a commit in this repository")
    commit = found.stdout.strip()
    described = short(git(["log", "-1", "--format=%h %s", commit]))
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    archive = subprocess.Popen(
        ["git", "archive", "--format=tar", commit], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    untar = subprocess.run(
        ["tar", "-x", "-f", "-", "-C", str(dest)], stdin=archive.stdout, capture_output=True,
        text=True,
    )
    archive.stdout.close()
    archive_err = archive.stderr.read().decode(errors="replace")
    archive.stderr.close()
    if archive.wait() != 0:
        status = archive.returncode
        raise SystemExit(f"`git archive {commit}` failed (exit {status}):\n{archive_err}")
    if untar.returncode != 0:
        raise SystemExit(f"`tar -x` of {rev} failed (exit {untar.returncode}):\n{untar.stderr}")
    for needed in ("kms-errors/Cargo.toml", "Cargo.lock"):
        if not (dest / needed).is_file():
            raise SystemExit(f"revision {rev} ({described}) has no {needed}")
    return described


def working_tree() -> str:
    """HEAD's short hash and subject, and whether the working tree has uncommitted changes."""
    head = short(git(["log", "-1", "--format=%h %s"]))
    dirty = git(["status", "--porcelain", "--untracked-files=no"])
    return head + (" + uncommitted changes" if dirty else "")


# --------------------------------------------------------------------------------------------
# Cargo


def cargo(args: list[str], crate: Path, target: Path, env: dict[str, str]) -> tuple[float, str]:
    """Runs `cargo <args>` in `crate` with CARGO_TARGET_DIR=`target`; returns (seconds, stderr)."""
    assert SCRATCH in target.parents, target
    env = dict(env, CARGO_TARGET_DIR=str(target))
    t0 = time.perf_counter()
    out = subprocess.run(["cargo", *args], cwd=crate, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if out.returncode != 0:
        tail = "\n".join((out.stdout + out.stderr).splitlines()[-40:])
        raise BuildError(
            f"`cargo {' '.join(args)}` failed in {crate.relative_to(ROOT)} "
            f"(exit {out.returncode}):\n{tail}"
        )
    return dt, out.stderr


def fetch(crate: Path, target: Path, env: dict[str, str]) -> None:
    """The one online step: resolve and download (crates.io), falling back to the local cache."""
    try:
        cargo(["fetch"], crate, target, env)
    except BuildError as online:
        try:
            cargo(["fetch", "--offline"], crate, target, env)
        except BuildError:
            raise online from None


BUILD = ["build", "--offline", "--locked"]


def timings(stderr: str) -> list[dict[str, str]]:
    return [m.groupdict() for m in TIMING_RE.finditer(stderr)]



def clean_builds(variants, runs, env, w):
    """`runs` clean `cargo build`s of each variant, interleaved (A B C A B C ...): each run
    deletes the variant's CARGO_TARGET_DIR first; records each time and its `--timings`
    summary, and prints each time (labels padded to `w`)."""
    dirs = ", ".join(str(v.target.relative_to(SCRATCH)) for v in variants)
    print(f"  each run deletes the variant's CARGO_TARGET_DIR ({dirs}) first")
    for r in range(runs):
        for v in variants:
            if v.target.exists():
                shutil.rmtree(v.target)
            dt, err = cargo(BUILD, v.crate, v.target, env)
            v.times.append(dt)
            v.timings.append(timings(err))
            print(f"    run {r + 1}/{runs} {v.label:<{w}} {dt:7.2f} s", flush=True)

def locked_versions(lock: Path, names: tuple[str, ...]) -> str:
    text = lock.read_text()
    found = re.findall(r'name = "([^"]+)"\nversion = "([^"]+)"', text)
    return ", ".join(f"{n} {v}" for n, v in found if n in names) or "(none)"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def new_crate(
    dir: Path, name: str, kind: str, deps: str, lock: bool, lock_from: Path = ROOT / "Cargo.lock"
) -> None:
    """A fresh crate in `dir`, its own workspace; with `lock`, starting from a copy of
    `lock_from` (the workspace's lock file, or the baseline tree's for a twin)."""
    if dir.exists():
        shutil.rmtree(dir)
    manifest = f"""[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

# Its own workspace: not a member of the repository's workspace.
[workspace]

[dependencies]
{deps}
"""
    if kind == "lib":
        manifest += "\n[lib]\npath = \"src/lib.rs\"\n"
    write(dir / "Cargo.toml", manifest)
    if lock:
        shutil.copyfile(lock_from, dir / "Cargo.lock")


# --------------------------------------------------------------------------------------------
# Catalogs and generated sources


def read_catalog(path: Path) -> list[dict]:
    """Every row of the catalog at `path` as the project's tool reads it (`kms-errors explain
    --catalog PATH --all --json`): the macro's front end decides the codes, their variant
    names (`variant`), the statuses and the texts (as written), so this script re-implements
    none of those rules."""
    out = subprocess.run(
        ["cargo", "run", "--quiet", "-p", "kms-errors-cli", "--",
         "explain", "--catalog", str(path), "--all", "--json"],
        cwd=ROOT, capture_output=True, text=True,
    )
    if out.returncode != 0:
        raise BuildError(f"kms-errors explain --catalog {path} --all --json: {out.stderr}")
    return json.loads(out.stdout)


def read_catalog_text(text: str) -> list[dict]:
    """`read_catalog` of a catalog given as text (written to a scratch file first)."""
    path = SCRATCH / "catalog-for-explain.csv"
    write(path, text)
    return read_catalog(path)


def rs(s: str) -> str:
    """A Rust string literal."""
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{{{ord(c):x}}}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def codes_of(rows: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """Distinct codes in catalog order: (code, variant name, its rows)."""
    by_code: dict[str, list[dict]] = {}
    for r in rows:
        by_code.setdefault(r["code"], []).append(r)
    return [(code, rs_[0]["variant"], rs_) for code, rs_ in by_code.items()]


def synthetic_catalog(n_rows: int) -> str:
    """A realistic catalog of `n_rows` rows; every 25th row repeats the previous code."""
    prefixes = [("SVC", 5), ("APIGW", 4), ("IAM", 4), ("Ecs", 4), ("dns", 4)]
    statuses = [400, 401, 403, 404, 409, 500]
    counters = [0] * len(prefixes)
    messages = [
        'The request {i} is invalid: {{0}} "x".',
        "Resource {i} not found (id={{0}}); check the ID.",
        "Can't process request {i}, retry later!",
        "Access denied: policy \"deny-{i}\" applies.",
        "Zugriff verweigert – Kontingent {i} überschritten.",
        "Quota {i} exceeded: 100% used [limit={{0}}].",
    ]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["status", "code", "message", "description", "measure"])
    code, status = "", 0
    for i in range(n_rows):
        if i % 25 == 24:
            status = statuses[(statuses.index(status) + 3) % len(statuses)]
            msg = f"Conflict on {code}: the state is {{0}}."
        else:
            p = i % len(prefixes)
            counters[p] += 1
            name, width = prefixes[p]
            code = f"{name}.{counters[p]:0{width}d}"
            status = statuses[i % len(statuses)]
            msg = messages[i % len(messages)].format(i=i)
        w.writerow(
            [
                status,
                code,
                msg,
                f"**Parameter** {i} is wrong: expected {{0}}, got \"{i % 7}\".",
                f"Check parameter {i} and try again; see the API reference.",
            ]
        )
    return buf.getvalue()


def thiserror_module(rows: list[dict[str, str]]) -> str:
    """Target 3 (b): the hand-written-style thiserror error type for the catalog."""
    codes = codes_of(rows)

    def fmt_lit(s: str) -> str:  # a format string: braces doubled
        return rs(s.replace("{", "{{").replace("}", "}}"))

    o = ["//! Hand-written-style error type for the catalog (generated by build_bench.py).", ""]
    o.append("/// The error codes of the KMS API.")
    o.append("#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]")
    o.append("pub enum ErrorCode {")
    for code, name, rws in codes:
        o.append(f"    /// `{code}` (HTTP {rws[0]['status']})")
        o.append(f"    #[error({fmt_lit(rws[0]['message'])})]")
        o.append(f"    {name},")
    o.append("    /// A code that is not in the catalog.")
    o.append('    #[error("unknown error code")]')
    o.append("    Unknown(String),")
    o.append("}")
    o.append("")
    o.append("impl ErrorCode {")
    o.append("    /// The variant for `code`, or `Unknown` with its text.")
    o.append("    pub fn from_code(code: &str) -> ErrorCode {")
    o.append("        match code {")
    for code, name, _ in codes:
        o.append(f"            {rs(code)} => ErrorCode::{name},")
    o.append("            other => ErrorCode::Unknown(other.to_owned()),")
    o.append("        }")
    o.append("    }")
    o.append("")
    o.append("    /// The code string.")
    o.append("    pub fn as_str(&self) -> &str {")
    o.append("        match self {")
    for code, name, _ in codes:
        o.append(f"            ErrorCode::{name} => {rs(code)},")
    o.append("            ErrorCode::Unknown(code) => code,")
    o.append("        }")
    o.append("    }")
    for fname, ty, val, unknown in text_accessors():
        o.append("")
        o.append(f"    /// The catalog's {fname}.")
        o.append(f"    pub fn {fname}(&self) -> {ty} {{")
        o.append("        match self {")
        for _, name, rws in codes:
            o.append(f"            ErrorCode::{name} => {val(rws[0])},")
        o.append(f"            ErrorCode::Unknown(_) => {unknown},")
        o.append("        }")
        o.append("    }")
    o.append("}")
    o.append(
        """
/// An error response: the HTTP status and the error code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{} (HTTP {}): {}", .code.as_str(), .status, .code)]
pub struct KmsError {
    status: u16,
    code: ErrorCode,
}

impl From<(u16, &str)> for KmsError {
    fn from((status, code): (u16, &str)) -> KmsError {
        KmsError { status, code: ErrorCode::from_code(code) }
    }
}

impl KmsError {
    pub fn status(&self) -> u16 {
        self.status
    }
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }
    pub fn code_str(&self) -> &str {
        self.code.as_str()
    }
    pub fn message(&self) -> &'static str {
        self.code.message()
    }
    pub fn description(&self) -> &'static str {
        self.code.description()
    }
    pub fn measure(&self) -> &'static str {
        self.code.measure()
    }
    pub fn is_documented(&self) -> bool {
        !matches!(self.code, ErrorCode::Unknown(_))
    }
}
"""
    )
    return "\n".join(o)


def thiserror_min_module(rows: list[dict[str, str]]) -> str:
    """Target 3 (b-min): the smallest hand-written thiserror type for the catalog: one unit
    variant per code with its message, `Unknown { status, code }`, and a `match`-based
    `From<(u16, &str)>`. No accessors (no code string, status, description or measure)."""
    codes = codes_of(rows)

    def fmt_lit(s: str) -> str:  # a format string: braces doubled
        return rs(s.replace("{", "{{").replace("}", "}}"))

    o = ["//! Minimal hand-written thiserror error type (generated by build_bench.py).", ""]
    o.append("/// The error codes of the KMS API.")
    o.append("#[derive(Debug, thiserror::Error)]")
    o.append("pub enum ErrorCode {")
    for code, name, rws in codes:
        o.append(f"    /// `{code}`")
        o.append(f"    #[error({fmt_lit(rws[0]['message'])})]")
        o.append(f"    {name},")
    o.append("    /// A code that is not in the catalog, with the status it came with.")
    o.append('    #[error("{code} (HTTP {status}): unknown error code")]')
    o.append("    Unknown { status: u16, code: String },")
    o.append("}")
    o.append("")
    o.append("impl From<(u16, &str)> for ErrorCode {")
    o.append("    fn from((status, code): (u16, &str)) -> ErrorCode {")
    o.append("        match code {")
    for code, name, _ in codes:
        o.append(f"            {rs(code)} => ErrorCode::{name},")
    o.append("            _ => ErrorCode::Unknown { status, code: code.to_owned() },")
    o.append("        }")
    o.append("    }")
    o.append("}")
    o.append("")
    return "\n".join(o)


T3_MAIN = """//! Target 3 {label}: convert a status and a code, print the error, match on it.
{prelude}

fn report(err: &KmsError) {{
    println!("{{err}}");
    match err.code() {{
        ErrorCode::Kms0207 => println!("  key not found; {{}}", err.measure()),
        ErrorCode::Csms0101 => println!("  conflict: {{}}", err.message()),
        {unknown} => println!("  undocumented code {{}} (HTTP {{}})", err.code_str(), err.status()),
        _ => println!("  documented: {{}}", err.is_documented()),
    }}
}}

fn main() {{
    report(&KmsError::from((404, "KMS.0207")));
    let code = std::env::args().nth(1).unwrap_or_else(|| String::from("KMS.9999"));
    report(&KmsError::from((418, code.as_str())));
}}
"""


# Target 3 (b-min)'s program: the same conversions and the same `match` as T3_MAIN, printing what
# the minimal type can say. It keeps the status and the code only for an unknown code, so the
# first line of a known code is composed from the status and code the program converted (the
# text (a) and (b) print with `{err}`); an unknown code's `#[error]` is that text itself. It has
# no measure: the KMS.0207 line stops before it, and target3() compares this output with (a)'s
# without that measure (`"; " + measure`).
T3_MIN_MAIN = """//! Target 3 {label}: convert a status and a code, print the error, match on it.
mod errors;
use errors::ErrorCode;

fn report(status: u16, code: &str) {{
    let err = ErrorCode::from((status, code));
    match &err {{
        ErrorCode::Unknown {{ .. }} => println!("{{err}}"),
        _ => println!("{{code}} (HTTP {{status}}): {{err}}"),
    }}
    match &err {{
        ErrorCode::Kms0207 => println!("  key not found"),
        ErrorCode::Csms0101 => println!("  conflict: {{err}}"),
        ErrorCode::Unknown {{ status, code }} => {{
            println!("  undocumented code {{code}} (HTTP {{status}})")
        }}
        _ => println!("  documented: true"),
    }}
}}

fn main() {{
    report(404, "KMS.0207");
    let code = std::env::args().nth(1).unwrap_or_else(|| String::from("KMS.9999"));
    report(418, code.as_str());
}}
"""


def handwritten_lib(rows: list[dict[str, str]]) -> str:
    """Target 4 H10k: fieldless enum, static tables, binary search."""
    codes = codes_of(rows)
    n, nrows = len(codes), len(rows)
    o = ["//! Minimal hand-written equivalent (generated by build_bench.py).", ""]
    o.append("/// The error codes of the catalog.")
    o.append("#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]")
    o.append("#[repr(u16)]")
    o.append("pub enum ErrorCode {")
    for code, name, _ in codes:
        o.append(f"    /// `{code}`")
        o.append(f"    {name},")
    o.append("    /// A code that is not in the catalog.")
    o.append("    Unknown,")
    o.append("}")
    o.append("")
    o.append(f"static CODES: [&str; {n}] = [")
    o += [f"    {rs(code)}," for code, _, _ in codes]
    o.append("];")
    first, start = [], 0
    for _, _, rws in codes:
        first.append(start)
        start += len(rws)
    first.append(start)
    o.append(f"/// Rows of code `i`: `FIRST_ROW[i]..FIRST_ROW[i + 1]`.")
    o.append(f"static FIRST_ROW: [u32; {n + 1}] = [{', '.join(map(str, first))}];")
    ordered = [r for _, _, rws in codes for r in rws]
    o.append(f"static STATUSES: [u16; {nrows}] = [{', '.join(str(r['status']) for r in ordered)}];")
    tables = (("MESSAGES", "message"), ("DESCRIPTIONS", "description"), ("MEASURES", "measure"))
    for table, col in tables:
        o.append(f"static {table}: [&str; {nrows}] = [")
        o += [f"    {rs(r[col])}," for r in ordered]
        o.append("];")
    o.append(f"/// The codes sorted by their strings, for the binary search.")
    o.append(f"static SORTED: [(&str, ErrorCode); {n}] = [")
    for code, name, _ in sorted(codes, key=lambda c: c[0].encode()):
        o.append(f"    ({rs(code)}, ErrorCode::{name}),")
    o.append("];")
    o.append("")
    o.append("impl ErrorCode {")
    o.append("    /// Every code, in catalog order.")
    o.append("    pub const ALL: &'static [ErrorCode] = &[")
    o += [f"        ErrorCode::{name}," for _, name, _ in codes]
    o.append("    ];")
    o.append(
        """
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        match SORTED.binary_search_by(|(c, _)| (*c).cmp(code)) {
            Ok(i) => Some(SORTED[i].1),
            Err(_) => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        CODES.get(self as usize).copied().unwrap_or("")
    }

    fn first_row(self) -> Option<usize> {
        if self == ErrorCode::Unknown {
            None
        } else {
            Some(FIRST_ROW[self as usize] as usize)
        }
    }

    pub fn status(self) -> u16 {
        self.first_row().map_or(0, |r| STATUSES[r])
    }

    pub fn message(self) -> &'static str {
        self.first_row().map_or("unknown error code", |r| MESSAGES[r])
    }

    pub fn description(self) -> &'static str {
        self.first_row().map_or("", |r| DESCRIPTIONS[r])
    }

    pub fn measure(self) -> &'static str {
        self.first_row().map_or("", |r| MEASURES[r])
    }
}

impl core::fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an unknown code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownErrorCode(pub String);

impl core::str::FromStr for ErrorCode {
    type Err = UnknownErrorCode;
    fn from_str(s: &str) -> Result<ErrorCode, UnknownErrorCode> {
        ErrorCode::from_code(s).ok_or_else(|| UnknownErrorCode(s.to_owned()))
    }
}

/// An error response: status and code as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KmsError {
    status: u16,
    code: ErrorCode,
    unknown: Option<Box<str>>,
}

impl From<(u16, &str)> for KmsError {
    fn from((status, code): (u16, &str)) -> KmsError {
        match ErrorCode::from_code(code) {
            Some(c) => KmsError { status, code: c, unknown: None },
            None => KmsError { status, code: ErrorCode::Unknown, unknown: Some(code.into()) },
        }
    }
}

impl KmsError {
    pub fn status(&self) -> u16 {
        self.status
    }
    pub fn code(&self) -> ErrorCode {
        self.code
    }
    pub fn code_str(&self) -> &str {
        self.unknown.as_deref().unwrap_or(self.code.as_str())
    }
    pub fn message(&self) -> &'static str {
        self.code.message()
    }
    pub fn is_documented(&self) -> bool {
        self.code != ErrorCode::Unknown
    }
}

impl core::fmt::Display for KmsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} (HTTP {}): {}", self.code_str(), self.status, self.message())
    }
}

impl std::error::Error for KmsError {}
"""
    )
    return "\n".join(o)


def naive_lib(rows: list[dict[str, str]]) -> str:
    """Target 4 N10k: a naive generator: a match arm per row in every accessor."""
    codes = codes_of(rows)
    name_of = {code: name for code, name, _ in codes}
    o = ["//! A naive generator's output (generated by build_bench.py).", ""]
    o.append("#![allow(unreachable_patterns)] // a code on two rows: the second arm never matches")
    o.append("")
    o.append("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]")
    o.append("pub enum ErrorCode {")
    o += [f"    {name}," for _, name, _ in codes]
    o.append("    Unknown,")
    o.append("}")
    o.append("")
    o.append("impl ErrorCode {")
    o.append("    pub fn from_code(code: &str) -> Option<ErrorCode> {")
    o.append("        match code {")
    o += [f"            {rs(r['code'])} => Some(ErrorCode::{name_of[r['code']]})," for r in rows]
    o.append("            _ => None,")
    o.append("        }")
    o.append("    }")
    for fname, ty, val, unknown in [("as_str", "&'static str", lambda r: rs(r["code"]), '""')] + text_accessors():
        o.append("")
        o.append(f"    pub fn {fname}(self) -> {ty} {{")
        o.append("        match self {")
        o += [f"            ErrorCode::{name_of[r['code']]} => {val(r)}," for r in rows]
        o.append(f"            ErrorCode::Unknown => {unknown},")
        o.append("        }")
        o.append("    }")
    o.append("}")
    o.append("")
    o.append("impl core::fmt::Display for ErrorCode {")
    o.append("    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {")
    o.append("        match self {")
    for r in rows:
        o.append(f"            ErrorCode::{name_of[r['code']]} => f.write_str({rs(r['code'])}),")
    o.append('            ErrorCode::Unknown => f.write_str("Unknown"),')
    o.append("        }")
    o.append("    }")
    o.append("}")
    o.append(
        """
/// The error of parsing an unknown code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownErrorCode(pub String);

impl core::str::FromStr for ErrorCode {
    type Err = UnknownErrorCode;
    fn from_str(s: &str) -> Result<ErrorCode, UnknownErrorCode> {
        ErrorCode::from_code(s).ok_or_else(|| UnknownErrorCode(s.to_owned()))
    }
}
"""
    )
    return "\n".join(o)


# --------------------------------------------------------------------------------------------
# Report


class Variant:
    def __init__(self, label: str, crate: Path, target: Path, what: str, crate_name: str = ""):
        self.label, self.crate, self.target, self.what = label, crate, target, what
        self.crate_name = crate_name
        self.has_deps = True
        self.exe = ""  # target 3: the binary's name
        self.times: list[float] = []
        self.timings: list[list[dict[str, str]]] = []
        self.warnings: list[str] = []
        # --timings: (copy of cargo's HTML report, seconds of that build, its units or the
        # reason they could not be read)
        self.cargo_timings: tuple[Path, float, list[dict] | str] | None = None

    def median(self) -> float:
        return statistics.median(self.times)


def label_width(variants: list[Variant], minimum: int) -> int:
    """Column width for the labels: `minimum`, wider only for longer (`@base`) labels."""
    return max([minimum] + [len(v.label) for v in variants])


def table(title: str, variants: list[Variant]) -> None:
    w = label_width(variants, 8)
    print(f"\n{title}")
    print(f"  {'variant':<{w}} {'median s':>9} {'min':>8} {'max':>8} {'runs':>5}   what")
    for v in variants:
        t = v.times
        print(
            f"  {v.label:<{w}} {v.median():9.2f} {min(t):8.2f} {max(t):8.2f} {len(t):5d}   {v.what}"
        )
        for warning in v.warnings:
            print(f"  {'':<{w}} warning: {warning}")


def ratio_line(name: str, value: float, op: str, limit: float) -> None:
    ok = value <= limit if op == "<=" else value >= limit
    print(f"  {name:<34} {value:8.3f}   target {op} {limit:<6g} {'PASS' if ok else 'MISS'}")


def info_line(name: str, value: float, what: str = "current / baseline") -> None:
    """A ratio for information, without a limit: by default before/after (current / baseline)."""
    print(f"  {name:<34} {value:8.3f}   ({what}, no target)")


def expansion_line(name: str, v: Variant, file_suffix: str, limit_ms: float) -> None:
    per_run = []
    for run in v.timings:
        # A composed catalog is named `a.csv + b.csv` (the canonical one: `catalog.csv +
        # gateway.csv`, since the gateway's table joined the KMS one).
        hits = [t for t in run if t["file"].split(" + ")[0].endswith(file_suffix)]
        if hits:
            per_run.append(hits[-1])
    if not per_run:
        print(f"  {name:<34} n/a: no `kms_errors!:` line in cargo's output   MISS")
        return
    x = statistics.median(float(t["x"]) for t in per_run)
    y = statistics.median(float(t["y"]) for t in per_run)
    tot = statistics.median(float(t["x"]) + float(t["y"]) for t in per_run)
    info = f"{per_run[0]['codes']} codes, {per_run[0]['rows']} rows"
    print(
        f"  {name:<34} {tot:8.2f} ms (X {x:.2f} + Y {y:.2f}, {info}, {len(per_run)} runs)"
        f"   target < {limit_ms:g} ms {'PASS' if tot < limit_ms else 'MISS'}"
    )


# --------------------------------------------------------------------------------------------
# Critical path (--timings)


def timings_build(v: Variant, name: str, env: dict[str, str]) -> None:
    """--timings: one more clean build of `v` (its CARGO_TARGET_DIR deleted), untimed, with
    `cargo build --timings`. Cargo's HTML report is copied to `timings/<name>.html` and its
    units are kept in `v.cargo_timings` for the critical path."""
    if v.target.exists():
        shutil.rmtree(v.target)
    dt, _ = cargo(BUILD + ["--timings"], v.crate, v.target, env)
    html = v.target / "cargo-timings" / "cargo-timing.html"
    if not html.is_file():
        raise BuildError(f"{v.label}: `cargo build --timings` wrote no {html.relative_to(ROOT)}")
    TIMINGS_DIR.mkdir(parents=True, exist_ok=True)
    report = TIMINGS_DIR / f"{name}.html"
    shutil.copyfile(html, report)
    try:
        units: list[dict] | str = unit_data(html.read_text(encoding="utf-8"))
    except ValueError as e:  # the report's format changed: say so, the benchmark goes on
        units = str(e)
    v.cargo_timings = (report, dt, units)
    print(f"    --timings {v.label}: {dt:.2f} s, report {report.relative_to(ROOT)}", flush=True)


def unit_data(html: str) -> list[dict]:
    """The units of cargo's HTML timing report: the JSON array `const UNIT_DATA = [...]` of its
    script. Checks the fields the critical path needs (the names of cargo 1.95 and of older
    versions: `unblocked_*`/`sections` or `unlocked_*`/`rmeta_time`)."""
    found = re.search(r"\bconst UNIT_DATA\s*=\s*", html)
    if not found:
        raise ValueError("no `const UNIT_DATA = [...]` in the report")
    try:
        units, _ = json.JSONDecoder().raw_decode(html, found.end())
    except json.JSONDecodeError as e:
        raise ValueError(f"UNIT_DATA is not JSON: {e}") from None
    if not isinstance(units, list) or not units:
        raise ValueError("UNIT_DATA is not a non-empty array")
    for u in units:
        missing = [k for k in ("name", "version", "target", "start", "duration") if k not in u]
        if not any(k in u for k in ("unblocked_units", "unlocked_units")):
            missing.append("unblocked_units (or unlocked_units)")
        if missing:
            raise ValueError(f"a unit in UNIT_DATA has no {', '.join(missing)}: {u}")
    return units


def critical_path(units: list[dict]) -> list[tuple[dict, float, bool]]:
    """The chain of units ending at the last unit to finish, each step the unit that unlocked the
    next one the latest: [(unit, ready, on_rmeta)], first unit first. `ready` is when the unit's
    last dependency was done (0, the build's start, for the first unit of the chain, which has
    none); `on_rmeta` whether that was the dependency's metadata (pipelining: the unit started
    before its dependency finished).

    A unit's `unblocked_units` (`unlocked_units` before cargo 1.9x) are the units it made
    ready when it finished, its `unblocked_rmeta_units` those it made ready when its metadata
    was written: at the end of its `frontend` section (older cargo: `start + rmeta_time`)."""
    index = {u.get("i", n): u for n, u in enumerate(units)}  # cargo's unit index: the unit

    def end(u: dict) -> float:
        return u["start"] + u["duration"]

    def rmeta(u: dict) -> float:
        if u.get("rmeta_time") is not None:
            return u["start"] + u["rmeta_time"]
        for name, section in u.get("sections") or []:
            if name == "frontend":
                return u["start"] + section["end"]
        return end(u)

    # unit index -> [(when it was made ready, by which unit, on that unit's metadata)]
    unlocked_by: dict[int, list[tuple[float, int, bool]]] = {}
    for i, u in index.items():
        for key, on_rmeta in (
            ("unblocked_units", False), ("unlocked_units", False),
            ("unblocked_rmeta_units", True), ("unlocked_rmeta_units", True),
        ):
            for j in u.get(key) or []:
                ready = rmeta(u) if on_rmeta else end(u)
                unlocked_by.setdefault(j, []).append((ready, i, on_rmeta))
    i = max(index, key=lambda k: end(index[k]))  # the last unit to finish
    chain: list[tuple[dict, float, bool]] = []
    seen = {i}
    while True:
        before = [b for b in unlocked_by.get(i, []) if b[1] not in seen]
        if not before:
            chain.append((index[i], 0.0, False))
            break
        ready, previous, on_rmeta = max(before, key=lambda b: b[0])
        chain.append((index[i], ready, on_rmeta))
        i = previous
        seen.add(i)
    chain.reverse()
    return chain


def critical_path_lines(label: str, v: Variant) -> None:
    """Prints `v`'s critical path from its --timings build, with the wall time and the CPU work."""
    report, dt, units = v.cargo_timings
    print(f"  {label}: report {report.relative_to(ROOT)}")
    if isinstance(units, str):
        print(f"    cannot read the report: {units}")
        return
    wall = max(u["start"] + u["duration"] for u in units)
    work = sum(u["duration"] for u in units)
    print(
        f"    wall time {wall:.2f} s (the last unit's end; that `cargo build` took {dt:.2f} s), "
        f"{len(units)} units"
    )
    print(
        f"    CPU work {work:.2f} s (the sum of all units' durations, {work / wall:.2f} x the "
        f"wall time)"
    )
    print(f"    {'start':>7} {'dur':>6} {'wait':>6}   unit (wait: ready, no free job slot)")
    path = critical_path(units)
    waited = 0.0
    for unit, ready, on_rmeta in path:
        wait = max(0.0, unit["start"] - ready)
        waited += wait
        name = f"{unit['name']} v{unit['version']}{unit['target']}"
        after = "   (started on the previous unit's metadata)" if on_rmeta else ""
        print(f"    {unit['start']:7.2f} {unit['duration']:6.2f} {wait:6.2f}   {name}{after}")
    last = path[-1][0]
    print(
        f"    on the path: {waited:.2f} s waiting, {last['start'] + last['duration'] - waited:.2f} s "
        f"compiling (until each unit made the next one ready)"
    )


# --------------------------------------------------------------------------------------------
# Targets


def kms_errors_dep(crate: Path) -> str:
    """The manifest line of a path dependency on the `kms-errors` crate in directory `crate`."""
    return f"kms-errors = {{ path = {rs(str(crate))} }}"


def target3(
    runs: int, env: dict[str, str], baseline: Path | None, cargo_timings: bool = False
) -> dict[str, Variant]:
    """Target 3's variants by label, in table order: (a), with a baseline (a)@base, then (b)
    and (b-min)."""
    base = SCRATCH / "t3"
    rows = read_catalog(CATALOG)
    a_dir, b_dir, bm_dir = base / "a", base / "b", base / "b-min"
    a_main = T3_MAIN.format(
        label="(a) kms-errors",
        prelude="use kms_errors::{ErrorCode, KmsError};",
        unknown="ErrorCode::Unknown",
    )
    new_crate(a_dir, "t3_kms_errors", "bin", kms_errors_dep(KMS_ERRORS), True)
    write(a_dir / "src/main.rs", a_main)
    new_crate(b_dir, "t3_thiserror", "bin", 'thiserror = "2"', True)
    write(b_dir / "src/errors.rs", thiserror_module(rows))
    write(
        b_dir / "src/main.rs",
        T3_MAIN.format(
            label="(b) hand-written thiserror",
            prelude="mod errors;\nuse errors::{ErrorCode, KmsError};",
            unknown="ErrorCode::Unknown(_)",
        ),
    )
    new_crate(bm_dir, "t3_thiserror_min", "bin", 'thiserror = "2"', True)
    write(bm_dir / "src/errors.rs", thiserror_min_module(rows))
    write(bm_dir / "src/main.rs", T3_MIN_MAIN.format(label="(b-min) minimal thiserror"))
    a = Variant("(a)", a_dir, base / "a-target", "bin using kms_errors::KmsError (path dependency)")
    a.exe = "t3_kms_errors"
    what = f"bin with hand-written thiserror type ({len(codes_of(rows))} codes)"
    b = Variant("(b)", b_dir, base / "b-target", what)
    b.exe = "t3_thiserror"
    what = f"bin with minimal thiserror enum ({len(codes_of(rows))} codes, From only)"
    b_min = Variant("(b-min)", bm_dir, base / "b-min-target", what)
    b_min.exe = "t3_thiserror_min"
    variants = [a]
    if baseline:
        # The twin: the same binary, its path dependency on the baseline tree's kms-errors.
        ab_dir = base / "a-base"
        new_crate(
            ab_dir, "t3_kms_errors", "bin", kms_errors_dep(baseline / "kms-errors"), True,
            lock_from=baseline / "Cargo.lock",
        )
        write(ab_dir / "src/main.rs", a_main)
        what_ab = "the same bin, baseline kms-errors"
        ab = Variant(a.label + BASE, ab_dir, base / "a-base-target", what_ab)
        ab.exe = a.exe
        variants.append(ab)
    variants += [b, b_min]
    w = label_width(variants, 4)

    print(
        f"\nTarget 3: clean `cargo build` (dev), dependencies included; "
        f"{runs} run(s) each, interleaved"
    )
    for v in variants:
        fetch(v.crate, v.target, env)
    for v in variants:
        names = ("proc-macro2", "quote", "syn")
        if v in (b, b_min):
            names = ("thiserror", "thiserror-impl") + names
        print(f"  {v.label} deps: {locked_versions(v.crate / 'Cargo.lock', names)}")
    clean_builds(variants, runs, env, w)

    outputs = {}
    for v in variants:
        out = subprocess.run(
            [str(v.target / "debug" / v.exe), "KMS.9999"], capture_output=True, text=True
        )
        if out.returncode != 0:
            raise BuildError(f"{v.label} {v.exe} failed (exit {out.returncode}): {out.stderr}")
        outputs[v.label] = out.stdout
    if outputs[a.label] != outputs[b.label]:
        raise BuildError(
            f"(a) and (b) print different output:\n{outputs[a.label]}---\n{outputs[b.label]}"
        )
    # (b-min) has no measure accessor: it prints (a)'s text without KMS.0207's measure.
    kms0207 = next(r for r in rows if r["code"] == "KMS.0207")
    cut = "; " + kms0207["measure"]
    expected_min = outputs[a.label].replace(cut, "", 1)
    if cut not in outputs[a.label] or outputs[b_min.label] != expected_min:
        raise BuildError(
            f"(b-min) does not print (a)'s text without the measure {cut[2:]!r}:\n"
            f"{outputs[a.label]}---\n{outputs[b_min.label]}"
        )
    print("  (a) and (b) print:")
    for line in outputs[a.label].splitlines():
        print(f"    {line}")
    print("  (b-min) prints the same without KMS.0207's measure (it has no accessors)")
    for v in variants:
        if v.label.endswith(BASE) and outputs[v.label] != outputs[a.label]:
            # Not a failure: the library's output may have changed between the revisions.
            v.warnings.append("prints other text than (a) (see above)")
            print(f"  {v.label} prints other text:")
            for line in outputs[v.label].splitlines():
                print(f"    {line}")
        elif v.label.endswith(BASE):
            print(f"  {v.label} prints the same")
    if cargo_timings:
        for v in variants:
            if v.label.startswith(a.label):  # (a) and (a)@base
                timings_build(v, "t3-" + v.crate.name, env)
    return {v.label: v for v in variants}


def target4(runs: int, env: dict[str, str], baseline: Path | None) -> dict[str, Variant]:
    """Target 4's variants by label, in table order (each @base twin after its original)."""
    base = SCRATCH / "t4"
    target, target_base = base / "target", base / "target-base"
    for t in (target, target_base):
        if t.exists():
            shutil.rmtree(t)
    cat1k, cat10k = synthetic_catalog(1_000), synthetic_catalog(10_000)
    rows10k = read_catalog_text(cat10k)
    macro_lib = (
        "//! Target 4: the macro on a synthetic catalog.\n"
        "#![allow(missing_docs)]\n\n"
        'kms_errors::kms_errors!("catalog.csv");\n'
    )
    dep = kms_errors_dep(KMS_ERRORS)
    specs = [
        ("M1k", "t4_m1k", dep, cat1k, macro_lib, "kms_errors! on 1,000 rows"),
        ("M10k", "t4_m10k", dep, cat10k, macro_lib, "kms_errors! on 10,000 rows"),
        ("H10k", "t4_h10k", "", cat10k, handwritten_lib(rows10k), "hand-written: tables, bsearch"),
        ("N10k", "t4_n10k", "", cat10k, naive_lib(rows10k), "naive: arm per row per accessor"),
        ("C10", "t4_c10", dep, CATALOG.read_text(), ten_catalogs_lib(), "ten catalogs of 185 rows, one module each"),
    ]
    variants = []
    for label, name, deps, cat, lib, what in specs:
        twins = [(label, label.lower(), deps, target, ROOT / "Cargo.lock", what)]
        if baseline and deps:
            # The same crate and catalog; only the kms-errors it depends on (and the lock) differ.
            base_dep = kms_errors_dep(baseline / "kms-errors")
            twins.append(
                (label + BASE, label.lower() + "-base", base_dep, target_base,
                 baseline / "Cargo.lock", "the same, baseline kms-errors")
            )
        for label_, dir_name, deps_, target_, lock_from, what_ in twins:
            crate = base / dir_name
            new_crate(crate, name, "lib", deps_, bool(deps_), lock_from=lock_from)
            write(crate / "catalog.csv", cat)
            if label == "C10":
                for i in range(10):
                    write(crate / f"catalog{i}.csv", cat)
            write(crate / "src/lib.rs", lib)
            variants.append(Variant(label_, crate, target_, what_, name))
            variants[-1].has_deps = bool(deps_)
    w = label_width(variants, 5)
    n1k, n10k = len(codes_of(read_catalog_text(cat1k))), len(codes_of(rows10k))
    print(
        f"\nTarget 4: `cargo build --release` of a lib crate, dependencies prebuilt; "
        f"{runs} run(s) each, interleaved"
    )
    print(f"  catalogs: 1,000 rows ({n1k} codes), 10,000 rows ({n10k} codes)")
    print("  shared CARGO_TARGET_DIR t4/target (deleted first)")
    if baseline:
        print(f"  the {BASE} twins share CARGO_TARGET_DIR t4/target-base (deleted first)")
    print("  ten catalogs: C10, ten modules each invoking kms_errors! on a copy of catalog.csv")
    if baseline:
        print(f"  warm-up: one untimed build of M1k, M10k and C10 and of their {BASE} twins")
    else:
        print(
            "  warm-up: one untimed build of M1k, M10k and C10 (H10k and N10k depend on std only)"
        )
    print("  each timed run touches the crate's src/lib.rs: only the crate itself is recompiled")
    for v in variants:
        fetch(v.crate, v.target, env)
    for v in variants:
        if v.has_deps:
            dt, _ = cargo(BUILD + ["--release"], v.crate, v.target, env)
            print(f"    warm-up {v.label:<{w}} {dt:7.2f} s", flush=True)
    for r in range(runs):
        for v in variants:
            for attempt in (1, 2):
                os.utime(v.crate / "src" / "lib.rs")
                dt, err = cargo(BUILD + ["--release"], v.crate, v.target, env)
                compiled = COMPILING_RE.findall(err)
                others = sorted(set(compiled) - {v.crate_name})
                if v.crate_name not in compiled:
                    v.warnings.append(f"run {r + 1}: cargo did not recompile {v.crate_name}")
                if not others:
                    break
                # A dependency's source changed since the warm-up: now it is rebuilt, time again.
                note = f"run {r + 1} (attempt {attempt}) also compiled {', '.join(others)}"
                v.warnings.append(note + ("; timed again" if attempt == 1 else "; kept"))
            v.times.append(dt)
            v.timings.append(timings(err))
            print(f"    run {r + 1}/{runs} {v.label:<{w}} {dt:7.2f} s", flush=True)
    return {v.label: v for v in variants}


def ten_catalogs_lib() -> str:
    """Target 4 C10: ten invocations in one crate, each on its own copy of the canonical
    catalog (what a client of several services does), to measure the per-catalog cost."""
    mods = "".join(
        f'pub mod service{i} {{\n    kms_errors::kms_errors!("catalog{i}.csv");\n}}\n' for i in range(10)
    )
    return "//! Target 4 C10: ten catalogs in one crate.\n#![allow(missing_docs)]\n\n" + mods


T5_MAIN = """//! Target 5 {label}: a small program that already builds syn: serde's and
//! thiserror's derives.
use serde::{{Deserialize, Serialize}};

#[derive(Deserialize, Serialize, Debug)]
struct Key {{
    id: String,
    alias: String,
    enabled: bool,
    rotation_days: Option<u32>,
}}

#[derive(thiserror::Error, Debug)]
enum AppError {{
    #[error("cannot read the key: {{0}}")]
    Json(#[from] serde_json::Error),
    #[error("key {{id}} is disabled")]
    Disabled {{ id: String }},
}}

fn parse(text: &str) -> Result<Key, AppError> {{
    let key: Key = serde_json::from_str(text)?;
    if !key.enabled {{
        return Err(AppError::Disabled {{ id: key.id }});
    }}
    Ok(key)
}}

fn main() {{
    let key = parse(r#"{{"id": "0d0466b0", "alias": "app", "enabled": true, "rotation_days": 90}}"#)
        .expect("a valid key");
    println!("{{key:?}}");
    println!("{{}}", serde_json::to_string(&key).expect("serializable"));
    for text in [r#"{{"id": "1", "alias": "old", "enabled": false}}"#, r#"{{"id": 7}}"#] {{
        match parse(text) {{
            Ok(key) => println!("unexpected: {{key:?}}"),
            Err(err) => println!("error: {{err}}"),
        }}
    }}
{extra}}}
"""

# What (S+K)'s main does in addition to (S)'s.
T5_KMS = """    let err = kms_errors::KmsError::from((404, "KMS.0207"));
    println!("{err}");
"""


def target5(
    runs: int, env: dict[str, str], baseline: Path | None, cargo_timings: bool = False
) -> dict[str, Variant]:
    """Target 5's variants by label, in table order: (S), (S+K), with a baseline (S+K)@base."""
    base = SCRATCH / "t5"
    small_deps = (
        'thiserror = "2"\n'
        'serde = { version = "1", features = ["derive"] }\n'
        'serde_json = "1"\n'
    )
    s_dir, sk_dir = base / "s", base / "sk"
    new_crate(s_dir, "t5_small", "bin", small_deps, True)
    write(s_dir / "src/main.rs", T5_MAIN.format(label="(S)", extra=""))
    sk_main = T5_MAIN.format(label="(S+K)", extra=T5_KMS)
    new_crate(sk_dir, "t5_small", "bin", small_deps + kms_errors_dep(KMS_ERRORS), True)
    write(sk_dir / "src/main.rs", sk_main)
    s = Variant("(S)", s_dir, base / "s-target", "bin with serde (derive), serde_json, thiserror")
    what = "the same bin plus kms-errors (path dependency)"
    sk = Variant("(S+K)", sk_dir, base / "sk-target", what)
    variants = [s, sk]
    if baseline:
        # The twin: the same binary, its path dependency on the baseline tree's kms-errors.
        skb_dir = base / "sk-base"
        new_crate(
            skb_dir, "t5_small", "bin", small_deps + kms_errors_dep(baseline / "kms-errors"),
            True, lock_from=baseline / "Cargo.lock",
        )
        write(skb_dir / "src/main.rs", sk_main)
        what = "the same bin plus baseline kms-errors"
        variants.append(Variant(sk.label + BASE, skb_dir, base / "sk-base-target", what))
    for v in variants:
        v.exe = "t5_small"
    w = label_width(variants, 5)

    print(
        f"\nTarget 5: clean `cargo build` (dev) of a small project that already builds syn, "
        f"without and with kms-errors; {runs} run(s) each, interleaved"
    )
    for v in variants:
        fetch(v.crate, v.target, env)
    names = (
        "proc-macro2", "quote", "syn", "serde", "serde_derive", "serde_json", "thiserror",
        "thiserror-impl",
    )
    for v in variants:
        print(f"  {v.label} deps: {locked_versions(v.crate / 'Cargo.lock', names)}")
    clean_builds(variants, runs, env, w)

    outputs = {}
    for v in variants:
        out = subprocess.run([str(v.target / "debug" / v.exe)], capture_output=True, text=True)
        if out.returncode != 0:
            raise BuildError(f"{v.label} {v.exe} failed (exit {out.returncode}): {out.stderr}")
        outputs[v.label] = out.stdout
    # (S+K) prints what (S) prints, then one line: the KmsError.
    extra = outputs[sk.label][len(outputs[s.label]) :]
    if not outputs[sk.label].startswith(outputs[s.label]) or extra.count("\n") != 1:
        raise BuildError(
            f"(S+K) does not print (S)'s text and one line more:\n"
            f"{outputs[s.label]}---\n{outputs[sk.label]}"
        )
    print("  (S) prints:")
    for line in outputs[s.label].splitlines():
        print(f"    {line}")
    print(f"  (S+K) prints the same and: {extra.rstrip()}")
    for v in variants:
        if v.label.endswith(BASE) and outputs[v.label] != outputs[sk.label]:
            # Not a failure: the library's output may have changed between the revisions.
            v.warnings.append("prints other text than (S+K) (see above)")
            print(f"  {v.label} prints other text:")
            for line in outputs[v.label].splitlines():
                print(f"    {line}")
        elif v.label.endswith(BASE):
            print(f"  {v.label} prints the same")
    if cargo_timings:
        for v in variants:
            if v.label.startswith(sk.label):  # (S+K) and (S+K)@base
                timings_build(v, "t5-" + v.crate.name, env)
    return {v.label: v for v in variants}


# --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(
        description="Build-time benchmark of kms_errors! (targets 3, 4 and 5); see the docstring."
    )
    ap.add_argument("--runs", type=int, default=5, help="timed runs per variant (default 5)")
    ap.add_argument("--only", choices=["3", "4", "5"], help="run only target 3, 4 or 5")
    ap.add_argument("--keep", action="store_true", help="keep target/build-bench/ afterwards")
    ap.add_argument(
        "--baseline",
        metavar="REV",
        help="also build every kms-errors variant against git revision REV (an @base twin)",
    )
    ap.add_argument(
        "--timings",
        action="store_true",
        help="one more clean `cargo build --timings` of T3 (a) and T5 (S+K) (and @base twins), "
        "untimed: the critical path; reports kept in target/build-bench/timings/",
    )
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    env = toolchain_env()
    header(env)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    baseline = None
    if args.baseline:
        described = export_revision(args.baseline, BASELINE_SRC)
        baseline = BASELINE_SRC
        print(f"current:   working tree, {working_tree()}")
        print(f"baseline:  {args.baseline} = {described}")
        print(f"           exported to {BASELINE_SRC.relative_to(ROOT)}/ (git archive | tar -x)")
        sys.stdout.flush()
    t3 = t4 = t5 = None
    try:
        if args.only in (None, "3"):
            t3 = target3(args.runs, env, baseline, args.timings)
        if args.only in (None, "4"):
            t4 = target4(args.runs, env, baseline)
        if args.only in (None, "5"):
            t5 = target5(args.runs, env, baseline, args.timings)
    except BuildError as e:
        print(f"\nBUILD FAILED: {e}", file=sys.stderr)
        print(f"(scratch kept in {SCRATCH.relative_to(ROOT)}/)", file=sys.stderr)
        return 2

    print("\n" + "=" * 96)
    print("Results (wall-clock seconds of `cargo build`; CARGO_INCREMENTAL=0)")
    if t3:
        title = "Target 3: clean dev build, dependencies included (fresh CARGO_TARGET_DIR per run)"
        table(title, list(t3.values()))
    if t4:
        title = "Target 4: release build, dependencies prebuilt (src/lib.rs touched per run)"
        table(title, list(t4.values()))
    if t5:
        title = "Target 5: clean dev build of a small project with syn, without and with kms-errors"
        table(title, list(t5.values()))

    print("\nRatios of medians")
    if t3:
        a, b, b_min = t3["(a)"], t3["(b)"], t3["(b-min)"]
        ratio_line("T3 (a) kms-errors / (b) thiserror", a.median() / b.median(), "<=", 1.0)
        ratio_line("T3 (a) / (b-min) minimal thiserror", a.median() / b_min.median(), "<=", 0.80)
        if baseline:
            a_base = t3["(a)" + BASE]
            info_line("T3 (a) / (a)@base", a.median() / a_base.median())
            ratio_line("T3 (a)@base / (b) thiserror", a_base.median() / b.median(), "<=", 1.0)
            ratio_line("T3 (a)@base / (b-min)", a_base.median() / b_min.median(), "<=", 0.80)
    if t4:
        m1k, m10k, h10k, n10k, c10 = (t4[k] for k in ("M1k", "M10k", "H10k", "N10k", "C10"))
        print(f"  {'T4 C10 (ten catalogs, for information)':<40} {c10.median():8.2f} s")
        if baseline:
            print(f"  {'T4 C10@base (for information)':<40} {t4['C10' + BASE].median():8.2f} s")
        ratio_line("T4 M10k / M1k", m10k.median() / m1k.median(), "<=", 12)
        ratio_line("T4 M10k / H10k", m10k.median() / h10k.median(), "<=", 2.5)
        ratio_line("T4 N10k / M10k", n10k.median() / m10k.median(), ">=", 20)
        if baseline:
            m1k_b, m10k_b, c10_b = (t4[k + BASE] for k in ("M1k", "M10k", "C10"))
            info_line("T4 M10k / M10k@base", m10k.median() / m10k_b.median())
            info_line("T4 C10 / C10@base", c10.median() / c10_b.median())
            ratio_line("T4 M10k@base / M1k@base", m10k_b.median() / m1k_b.median(), "<=", 12)
    if t5:
        small, sk = t5["(S)"], t5["(S+K)"]
        ratio_line("T5 (S+K) / (S)", sk.median() / small.median(), "<=", 1.25)
        if baseline:
            sk_base = t5["(S+K)" + BASE]
            info_line("T5 (S+K)@base / (S)", sk_base.median() / small.median(), "baseline")
            info_line("T5 (S+K) / (S+K)@base", sk.median() / sk_base.median())

    if t3 or t4:
        what = "KMS_ERRORS_TIMINGS, median of read+parse+validate X + expand Y"
        print(f"\nMacro expansion time ({what})")
    if t3:
        expansion_line("canonical catalog (T3 (a) build)", t3["(a)"], "catalog.csv", 10)
        if baseline:
            name = "canonical catalog ((a)@base build)"
            expansion_line(name, t3["(a)" + BASE], "catalog.csv", 10)
    if t4:
        expansion_line("M10k (10,000 rows)", t4["M10k"], "catalog.csv", 200)
        if baseline:
            expansion_line("M10k@base (10,000 rows)", t4["M10k" + BASE], "catalog.csv", 200)
        m1k_lines = [("M1k (1,000 rows, for information)", t4["M1k"])]
        if baseline:
            m1k_lines.append(("M1k@base (for information)", t4["M1k" + BASE]))
        for name, v in m1k_lines:
            per_run = [t for run in v.timings for t in run]
            if per_run:
                tot = statistics.median(float(t["x"]) + float(t["y"]) for t in per_run)
                print(f"  {name:<34} {tot:8.2f} ms")

    with_timings = [
        (f"T{n} {v.label}", v)
        for n, t in ((3, t3), (5, t5)) if t
        for v in t.values() if v.cargo_timings
    ]
    if with_timings:
        print(
            "\nCritical path (--timings: one more clean `cargo build --timings` each, untimed; "
            "seconds)"
        )
        for label, v in with_timings:
            critical_path_lines(label, v)
    elif args.timings:
        print("\n--timings: no target-3 or target-5 build in this run, no critical path")

    if not args.keep:
        for part in ("t3", "t4", "t5", BASELINE_SRC.name):
            if (SCRATCH / part).exists():
                shutil.rmtree(SCRATCH / part)
        if SCRATCH.exists() and not any(SCRATCH.iterdir()):
            SCRATCH.rmdir()
    else:
        print(f"\nscratch kept in {SCRATCH.relative_to(ROOT)}/")
    if with_timings:
        print(f"timing reports kept in {TIMINGS_DIR.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
