//! Fuzz target `catalog`: the catalog front end (`kms-errors-catalog`: decode → parse →
//! validate) on arbitrary bytes, then the hash index and the packed tables, read back by the
//! runtime decoder of `kms-errors` (`kms_errors::__private::Catalog`). It checks:
//!
//! * `check::check_bytes` never panics; errors are non-empty, all name the file (with a
//!   1-based `line:column` inside the input when they have one), and there are at most
//!   `MAX_ERRORS` of them plus one "N more" line;
//! * a valid catalog has distinct, non-empty, trimmed codes and distinct variant names that
//!   start with an ASCII capital, are ASCII alphanumeric, are neither `Unknown` nor `Self`
//!   and are what `naming::variant_name` derives; every code has at least one status, each
//!   in 100..=599; every `url` cell kept is trimmed and passes `url::check_url`; no code
//!   has two identical rows; and `check_bytes` reports exactly what `parse` returns;
//! * the CSV records (`csv::records`) are the `csv` crate's, field for field, up to a quoted
//!   cell that is never closed, and each field's `line:column` is where its raw text is;
//! * for every catalog `parse` returns with at least one code (valid or not: the macro
//!   expands the valid part of a catalog with errors too):
//!   - `hash::build` gives a well-formed index (each position in exactly one slot) in which
//!     `Index::find` gives every code's position, and non-codes near each code (a byte more,
//!     a character less, the last character changed, the case swapped, ...) are found only
//!     where they are codes themselves;
//!   - the runtime's `__private::find` over the codes and that index (the code enum's
//!     `CODES` and `PROBE` in the generated code) gives every code's position and `None`
//!     for the non-codes; `table::Tables::encode`, given to the runtime's `Catalog` as
//!     `'static` data, decodes to the catalog: `name(i)` is the variant name,
//!     `row_range(i)` holds the code's rows, in
//!     order, each decoding to its status, its cells' text byte for byte, its
//!     kind (the declared one, else `ErrorKind::from_status`) and its documentation link
//!     (its `url` cell, else the catalog's `docs` link, given for half of the inputs),
//!     `row_with_status` finds the first row of a status, and the `Unknown` position (the
//!     number of codes) is named `Unknown` and has no rows.

#![no_main]
#![forbid(unsafe_code)]

use kms_errors::__private::{self as private, Catalog as Runtime};
use kms_errors::ErrorKind;
use kms_errors_catalog::check::{self, Summary};
use kms_errors_catalog::hash::{self, Index};
use kms_errors_catalog::table::Tables;
use kms_errors_catalog::url::check_url;
use kms_errors_catalog::{limits, naming, source, Catalog, Ctxt};
use libfuzzer_sys::fuzz_target;

const NAME: &str = "fuzz.csv";
/// The catalog's documentation link (the macro's `docs` argument) given to the runtime for
/// half of the inputs; the other half have none.
const DOCS: &str = "https://docs.example/fuzz";

fuzz_target!(|data: &[u8]| {
    let result = check::check_bytes(NAME, data);
    match &result {
        Err(errors) => check_errors(errors, data),
        Ok(summary) => check_valid(summary),
    }

    // The same input through the pipeline step by step, for the catalog itself.
    let mut cx = Ctxt::new(NAME);
    let Some(text) = source::decode(data.to_vec(), &mut cx) else {
        assert!(result.is_err(), "check_bytes accepted undecodable input");
        return;
    };
    check_records(&text);
    let cat = kms_errors_catalog::parse(NAME, &text, None, &mut cx);
    match &result {
        Ok(summary) => {
            assert!(cx.is_ok(), "check_bytes and parse disagree on validity");
            assert_eq!(summary, &summary_of(&cat), "check_bytes and parse disagree");
        }
        Err(errors) => {
            assert!(!cx.is_ok(), "check_bytes and parse disagree on validity");
            assert_eq!(
                errors,
                &cx.into_messages(),
                "check_bytes and parse disagree"
            );
        }
    }
    if !cat.codes.is_empty() {
        check_codes(&cat);
        round_trip(&cat, &text);
    }
});

/// Every message names the file, then either `: ` or a 1-based `line:column: ` inside the
/// input; there is at least one and at most `MAX_ERRORS` plus an "N more" line.
fn check_errors(errors: &[String], data: &[u8]) {
    assert!(!errors.is_empty(), "Err without a message");
    assert!(
        errors.len() <= limits::MAX_ERRORS + 1,
        "{} messages",
        errors.len()
    );
    // Upper bounds: every line end is at most one line, every character at least one byte.
    let max_line = 1 + data.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    let max_col = 1 + data.len();
    for e in errors {
        let rest = e
            .strip_prefix(NAME)
            .unwrap_or_else(|| panic!("message does not name the file: {e:?}"));
        let rest = rest
            .strip_prefix(':')
            .unwrap_or_else(|| panic!("no `:` after the file name: {e:?}"));
        if rest.starts_with(' ') {
            continue; // about the file as a whole
        }
        let mut parts = rest.splitn(3, ':');
        let (line, col, msg) = (parts.next(), parts.next(), parts.next());
        let line: usize = line
            .and_then(|l| l.parse().ok())
            .unwrap_or_else(|| panic!("no line number: {e:?}"));
        let col: usize = col
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no column number: {e:?}"));
        assert!(
            (1..=max_line).contains(&line),
            "line {line} of {max_line}: {e:?}"
        );
        assert!((1..=max_col).contains(&col), "column {col}: {e:?}");
        assert!(
            msg.is_some_and(|m| m.starts_with(' ') && m.len() > 1),
            "no message after the position: {e:?}"
        );
    }
}

/// A valid catalog, as `check_bytes` summarises it.
fn check_valid(codes: &Summary) {
    assert!(!codes.is_empty(), "a valid catalog without a code");
    let mut keys: Vec<&str> = codes.iter().map(|c| c.0.as_str()).collect();
    let mut names: Vec<&str> = codes.iter().map(|c| c.1.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    names.sort_unstable();
    names.dedup();
    assert_eq!(keys.len(), codes.len(), "duplicate codes");
    assert_eq!(names.len(), codes.len(), "duplicate variant names");
    for (code, name, statuses) in codes {
        check_code(code, name);
        assert!(!statuses.is_empty(), "{code:?} has no status");
        assert!(
            statuses.iter().all(|s| (100..=599).contains(s)),
            "{code:?}: {statuses:?}"
        );
    }
}

fn check_code(code: &str, name: &str) {
    assert!(!code.is_empty(), "empty code");
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
    assert_eq!(
        naming::variant_name(code).as_deref(),
        Ok(name),
        "code {code:?}"
    );
}

fn summary_of(cat: &Catalog) -> Summary {
    cat.codes
        .iter()
        .map(|c| {
            let statuses = c.rows.iter().map(|r| r.status).collect();
            (c.code.to_string(), c.ident.clone(), statuses)
        })
        .collect()
}

/// The codes of any catalog `parse` returns (the valid part of an invalid one too).
fn check_codes(cat: &Catalog) {
    let summary = summary_of(cat);
    check_valid(&summary);
    for c in &cat.codes {
        for r in &c.rows {
            assert_eq!(check_url(&r.url), Ok(()), "url of {:?}", c.code);
            assert_eq!(r.url.trim(), r.url, "url of {:?} not trimmed", c.code);
            assert!(
                !c.rows.iter().any(|o| !std::ptr::eq(o, r)
                    && (o.status, &o.message, &o.description, &o.measure, o.kind)
                        == (r.status, &r.message, &r.description, &r.measure, r.kind)
                    && o.url == r.url),
                "{:?}: duplicate row on line {}",
                c.code,
                r.line
            );
        }
    }
}

/// Strings that are not `code` but near it: found only where they are codes themselves.
fn near_misses(code: &str) -> Vec<String> {
    let mut shorter = code.to_owned();
    shorter.pop();
    let mut out = vec![
        format!("{code}x"),
        format!(" {code}"),
        format!("{code}\0"),
        shorter,
        code.repeat(2),
    ];
    // Same length: the last character changed.
    if let Some(last) = code.chars().last() {
        let stem = &code[..code.len() - last.len_utf8()];
        for c in [
            char::from_u32(u32::from(last) + 1),
            char::from_u32(u32::from(last) ^ 1),
        ]
        .into_iter()
        .flatten()
        {
            out.push(format!("{stem}{c}"));
        }
    }
    let swapped: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    out.push(swapped);
    out
}

/// Every string the lookups are asked about: the codes, their near misses, the variant
/// names, `Unknown`, the empty string and each line of the input.
fn probes<'t>(cat: &'t Catalog, text: &'t str) -> Vec<std::borrow::Cow<'t, str>> {
    use std::borrow::Cow;
    let mut out: Vec<Cow<str>> = vec![Cow::Borrowed(""), Cow::Borrowed("Unknown")];
    for c in &cat.codes {
        out.push(Cow::Borrowed(&c.code));
        out.push(Cow::Borrowed(&c.ident));
        out.extend(near_misses(&c.code).into_iter().map(Cow::Owned));
    }
    out.extend(text.lines().map(|l| Cow::Borrowed(l.trim())));
    out
}

/// The index is well formed and finds exactly the codes.
fn check_index(index: &Index, keys: &[&str], probes: &[std::borrow::Cow<str>]) {
    let n = keys.len();
    assert!(
        index.slots.len().is_power_of_two(),
        "{} slots",
        index.slots.len()
    );
    assert_eq!(
        index.shift,
        64 - index.slots.len().trailing_zeros(),
        "shift for {} slots",
        index.slots.len()
    );
    assert_eq!(
        index.pilots.len() as u64,
        index.buckets,
        "pilots per bucket"
    );
    let lens = keys.iter().map(|k| k.len());
    assert_eq!(index.min_len, lens.clone().min().unwrap_or(1), "min_len");
    assert_eq!(index.max_len, lens.max().unwrap_or(0), "max_len");
    let mut seen = vec![false; n];
    for &s in &index.slots {
        if s == u16::MAX {
            continue;
        }
        let s = usize::from(s);
        assert!(s < n, "slot holds position {s} of {n}");
        assert!(!seen[s], "position {s} in two slots");
        seen[s] = true;
    }
    assert!(seen.iter().all(|&x| x), "a code has no slot");
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(index.find(k, keys), Some(i), "code {k:?} not found");
    }
    for p in probes {
        let expect = keys.iter().position(|k| *k == p.as_ref());
        assert_eq!(index.find(p, keys), expect, "probe {p:?}");
    }
}

/// Encodes the tables and the index, and reads them back with the runtime decoder.
fn round_trip(cat: &Catalog, text: &str) {
    let keys: Vec<&str> = cat.codes.iter().map(|c| c.code.as_ref()).collect();
    let probes = probes(cat, text);
    let index = hash::build(&keys);
    check_index(&index, &keys, &probes);
    let tables = Tables::encode(cat);

    let runtime = Runtime {
        error_name: "FuzzError",
        code_name: "FuzzCode",
        docs: if cat.row_count().is_multiple_of(2) {
            DOCS
        } else {
            ""
        },
        text: &tables.text,
        code_data: &tables.codes,
        row_data: &tables.rows,
    };
    // The code strings and the index are the code enum's `CODES` and `PROBE` consts in the
    // generated code, which the runtime's `find` takes as they are.
    let find = |code: &str| private::find(&keys, &index.probe(), code);
    check_runtime(&runtime, &find, cat, &probes);
}

/// The runtime decoder reads back the catalog.
fn check_runtime(
    rt: &Runtime,
    find: &dyn Fn(&str) -> Option<usize>,
    cat: &Catalog,
    probes: &[std::borrow::Cow<str>],
) {
    let keys: Vec<&str> = cat.codes.iter().map(|c| c.code.as_ref()).collect();
    let n = cat.codes.len();
    let docs = Some(DOCS).filter(|_| cat.row_count().is_multiple_of(2));
    assert_eq!(rt.catalog_url(), docs, "catalog_url");
    for p in probes {
        let expect = keys.iter().position(|k| *k == p.as_ref());
        assert_eq!(find(p), expect, "runtime find({p:?})");
    }
    let mut next_row = 0;
    for (i, c) in cat.codes.iter().enumerate() {
        assert_eq!(find(&c.code), Some(i), "runtime find({:?})", c.code);
        assert_eq!(rt.name(i), c.ident, "name of {:?}", c.code);
        let (start, end) = rt.row_range(i);
        assert_eq!(
            (start, end),
            (next_row, next_row + c.rows.len()),
            "rows of {:?}",
            c.code
        );
        next_row = end;
        for (j, r) in (start..end).zip(&c.rows) {
            let want = (r.status, &*r.message, &*r.description, &*r.measure);
            let (status, message, description, measure) = (
                rt.status(j),
                rt.row_text(j, private::row::MESSAGE),
                rt.row_text(j, private::row::DESCRIPTION),
                rt.row_text(j, private::row::MEASURE),
            );
            assert_eq!(
                (status, message, description, measure),
                (want.0, &*want.1, &*want.2, &*want.3),
                "row {j} ({:?}, line {})",
                c.code,
                r.line
            );
            assert_eq!(rt.status(j), r.status, "status of row {j}");
            assert_eq!(rt.declared_kind(j), r.kind, "declared kind of row {j}");
            let kind = r.kind.unwrap_or_else(|| ErrorKind::from_status(r.status));
            assert_eq!(rt.row_kind(j), kind, "kind of row {j}");
            let url = Some(&*r.url).filter(|u| !u.is_empty());
            assert_eq!(rt.row_url(j), url.or(rt.catalog_url()), "url of row {j}");
        }
        for status in c
            .rows
            .iter()
            .map(|r| r.status)
            .chain([0, 99, 200, 404, 500, 600, u16::MAX])
        {
            let expect = c.rows.iter().position(|r| r.status == status);
            assert_eq!(
                rt.row_with_status(i, status),
                expect.map(|p| start + p),
                "row of {:?} with status {status}",
                c.code
            );
        }
    }
    assert_eq!(next_row, cat.row_count(), "row count");
    // `Unknown`: after the codes, named, without rows; past it, no rows either.
    assert_eq!(rt.name(n), "Unknown", "name of the Unknown position");
    for i in [n, n + 1, n + 2] {
        let (start, end) = rt.row_range(i);
        assert!(start >= end, "position {i} of {n} has rows {start}..{end}");
        assert_eq!(rt.row_with_status(i, 404), None, "position {i} of {n}");
    }
}

/// The front end's CSV records against the `csv` crate's reader (the same `csv-core` engine,
/// without the front end's walk through the raw text that locates each field): the same
/// fields, up to a quoted cell that is never closed (where the front end stops reading);
/// and every field's `line:column` is where its raw text is.
fn check_records(text: &str) {
    let delimiter = kms_errors_catalog::csv::detect_delimiter(text);
    let mut cx = Ctxt::new(NAME);
    let got = kms_errors_catalog::csv::records(text, delimiter, &mut cx);
    let reported = cx.count();
    let never_closed = cx
        .into_messages()
        .iter()
        .any(|m| m.contains("is never closed"));
    // A blank line first keeps a byte-order mark at the start as data, as the front end does
    // (the file's own mark is gone before this step).
    let prefixed = format!("\n{text}");
    let mut reference = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(prefixed.as_bytes());
    let mut expected = Vec::new();
    let mut record = csv::ByteRecord::new();
    while reference.read_byte_record(&mut record).expect("csv reader") {
        expected.push(record.iter().map(<[u8]>::to_vec).collect::<Vec<_>>());
    }
    let texts: Vec<Vec<Vec<u8>>> = got
        .iter()
        .map(|r| {
            r.fields
                .iter()
                .map(|f| f.text.as_bytes().to_vec())
                .collect()
        })
        .collect();
    let read = texts.len().min(expected.len());
    assert_eq!(texts[..read], expected[..read], "records");
    if texts.len() < expected.len() {
        // Stopped at a quote never closed: the record holding it runs to the end of the
        // input, and the error is reported (shown unless past the `MAX_ERRORS` shown).
        assert_eq!(texts.len() + 1, expected.len(), "records dropped");
        assert!(
            never_closed || reported > limits::MAX_ERRORS,
            "records dropped without a quote never closed"
        );
    } else {
        assert_eq!(
            texts.len(),
            expected.len(),
            "records the csv crate does not read"
        );
        assert!(!never_closed, "a quote never closed, yet every record read");
    }

    let starts = line_starts(text);
    for r in &got {
        for f in &r.fields {
            assert!(f.start.line >= r.line, "field before its record");
            assert!(
                (f.start.line, f.start.col()) <= (f.end.line, f.end.col()),
                "field ends before it starts"
            );
            let line_start = *starts
                .get(f.start.line - 1)
                .unwrap_or_else(|| panic!("line {} of {}", f.start.line, starts.len()));
            let line = &text[line_start..];
            let before: usize = line
                .chars()
                .take(f.start.col() - 1)
                .map(char::len_utf8)
                .sum();
            let raw = &line[before..];
            match raw.strip_prefix('"') {
                // Quoted: the unescaped text up to the closing quote, then what `csv-core`
                // keeps after it.
                Some(quoted) => {
                    let mut content = String::new();
                    let mut chars = quoted.chars().peekable();
                    while let Some(c) = chars.next() {
                        match c {
                            '"' if chars.peek() == Some(&'"') => {
                                chars.next();
                                content.push('"');
                            }
                            '"' => break,
                            c => content.push(c),
                        }
                    }
                    assert!(
                        f.text.starts_with(&content),
                        "quoted field {:?} at {}:{} reads {content:?}",
                        f.text,
                        f.start.line,
                        f.start.col()
                    );
                }
                None => assert!(
                    raw.starts_with(f.text.as_ref()),
                    "field {:?} at {}:{} is {raw:?}",
                    f.text,
                    f.start.line,
                    f.start.col()
                ),
            }
        }
    }
}

/// The byte offset of each line's start (`\r\n`, `\n` and `\r` end lines).
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut v = vec![0];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            i += 1;
        }
        if b[i] == b'\n' || b[i] == b'\r' {
            v.push(i + 1);
        }
        i += 1;
    }
    v
}
