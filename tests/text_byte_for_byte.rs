//! A catalog cell is text: compiled by `kms_errors!`, every `message`, `description` and
//! `measure` cell comes back byte for byte from the accessors of every row and from
//! `Display`. Checked on a crate generated under `target/` (built offline with the target
//! directory `tests/hygiene.rs` and `tests/rebuild.rs` use), whose catalogs are
//!
//! * hostile texts of our own: quotes, backslashes, backquotes, `*`, `|`, `_`, braces, Rust
//!   tokens, RST and Markdown markup, HTML, bidirectional controls, CR/LF, a NUL, cells of
//!   1,000 bytes and more;
//! * the real tables of `../shared/real-catalogs/` (outside the repository), compiled as
//!   they are, when that directory is present (said on standard error when it is absent).
//!
//! The expected rows are read with the `csv` crate, not the macro's front end.

mod common;
use common::check;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A row as compared: status, code, message, description, measure.
type Row = (u16, String, String, String, String);

/// Cell texts that a renderer, an escaper or a code generator could change.
fn hostile() -> Vec<String> {
    let mut v: Vec<String> = [
        r#"He said "stop", and 'go'; it's "#,
        r"C:\temp\new \n \\ \* \_ \` and a trailing \",
        "it's `code`, ``literal`` and ``` and `",
        "*/ /* */ and **bold** text, 2**10, *emphasis* and a lone *",
        "|x| and |sub|_ and a | b || c",
        "x_ and _y_ and __init__ and name_ and AES_128",
        "{} {0} {x:?} {{}} } { %s %n %(key)s",
        r###"r#"raw"# ")]; compile_error!("x"); /* c */ // #[doc = ""] $crate::x '\''"###,
        "bidi \u{202E}abc\u{2066}d\u{2069}\u{200F} and \u{61C} marks, e\u{301}",
        "CR LF\r\nLF\nCR\rend",
        "NUL\0 and DEL\u{7F} and \u{85} and \u{2028}",
        ".. note:: an RST directive, :ref:`Title <target>` and `a link <https://e.example>`_",
        "<b>html</b> &amp; [md](https://e.example) # heading ~~strike~~ > quote",
        "  leading and trailing spaces  ",
        "\t",
    ]
    .map(str::to_owned)
    .into();
    v.push("é".repeat(500)); // 1,000 bytes
    v.push(r#""\*`|_{}"#.repeat(125)); // 1,000 bytes of markup
    v.push("\u{1F511}\r\n".repeat(2000)); // 12,000 bytes
    v
}

/// The hostile catalog: every text in every column, over several codes and statuses.
fn hostile_catalog() -> String {
    let texts = hostile();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["status", "code", "message", "description", "measure"])
        .unwrap();
    for (i, t) in texts.iter().enumerate() {
        let next = &texts[(i + 1) % texts.len()];
        let last = &texts[(i + 2) % texts.len()];
        let status = [400, 404, 409, 500, 503][i % 5].to_string();
        w.write_record([status.as_str(), &format!("HOSTILE.{i:04}"), t, next, last])
            .unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// The rows a catalog's text holds, as the `csv` crate reads it: each status of a
/// `400/404`-style cell on its own row, the code trimmed, exact duplicates once.
fn expected_rows(name: &str, text: &str) -> BTreeSet<Row> {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        ["status", "code", "message", "description", "measure"],
        "{name}"
    );
    let mut rows = BTreeSet::new();
    for rec in r.records() {
        let rec = rec.unwrap_or_else(|e| panic!("{name}: {e}"));
        for part in rec[0].split('/') {
            let digits: String = part
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let status = digits
                .parse()
                .unwrap_or_else(|_| panic!("{name}: {:?}", &rec[0]));
            rows.insert((
                status,
                rec[1].trim().to_owned(),
                rec[2].to_owned(),
                rec[3].to_owned(),
                rec[4].to_owned(),
            ));
        }
    }
    rows
}

/// The probe: one module per catalog; prints every row of every code, then the `Display` of
/// an error received with each row's status, each field as `LEN:BYTES`.
fn probe_main(catalogs: usize) -> String {
    let mut s = String::from(
        "fn field(out: &mut String, s: &str) {\n    out.push_str(&s.len().to_string());\n    out.push(':');\n    out.push_str(s);\n}\n\n",
    );
    for i in 0..catalogs {
        s.push_str(&format!(
            "mod c{i} {{\n    kms_errors::kms_errors!(path = \"c{i}.csv\", error = E, code = C);\n}}\n"
        ));
    }
    s.push_str("\nfn main() {\n    let mut out = String::new();\n");
    for i in 0..catalogs {
        s.push_str(&format!(
            "    out.push_str(\"catalog\\n\");\n    for code in c{i}::C::ALL {{\n        for r in code.rows() {{\n            let err = c{i}::E::from((r.status(), code.as_str()));\n            for f in [&r.status().to_string(), code.as_str(), r.message(), r.description(), r.measure(), &err.to_string(), err.message()] {{\n                field(&mut out, f);\n            }}\n            out.push('\\n');\n        }}\n    }}\n"
        ));
    }
    s.push_str("    print!(\"{out}\");\n}\n");
    s
}

/// The probe's output: per catalog, its rows, with the `Display` and `message()` of an error
/// received with the row's status.
fn parse_probe(out: &str) -> Vec<Vec<(Row, String, String)>> {
    let mut catalogs = Vec::new();
    let mut rest = out;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("catalog\n") {
            catalogs.push(Vec::new());
            rest = r;
            continue;
        }
        let mut f = Vec::new();
        for _ in 0..7 {
            let colon = rest.find(':').expect("LEN:");
            let len: usize = rest[..colon].parse().expect("a length");
            f.push(rest[colon + 1..colon + 1 + len].to_owned());
            rest = &rest[colon + 1 + len..];
        }
        rest = rest.strip_prefix('\n').expect("end of row");
        let row = (
            f[0].parse().unwrap(),
            f[1].clone(),
            f[2].clone(),
            f[3].clone(),
            f[4].clone(),
        );
        catalogs
            .last_mut()
            .expect("a catalog")
            .push((row, f[5].clone(), f[6].clone()));
    }
    catalogs
}

/// Builds the probe over `catalogs` (name, text) and checks every row of each.
fn byte_for_byte(crate_name: &str, catalogs: &[(String, String)]) {
    let main = probe_main(catalogs.len());
    let names: Vec<String> = (0..catalogs.len()).map(|i| format!("c{i}.csv")).collect();
    let mut files = vec![("src/main.rs", main.as_str())];
    files.extend(
        names
            .iter()
            .zip(catalogs)
            .map(|(n, (_, t))| (n.as_str(), t.as_str())),
    );
    let dependency = format!("kms-errors = {{ path = {:?} }}", common::facade_path());
    let manifest = common::probe_crate(crate_name, &dependency, &files);
    // The catalogs are the probe's own files, relative to its manifest.
    let out = common::cargo(&manifest, &["build"])
        .env_remove("KMS_ERRORS_MANIFEST_DIR")
        .output()
        .expect("cargo runs");
    check("cargo build", &out);
    let bin: PathBuf = common::target_dir()
        .join("debug")
        .join(format!("{crate_name}{}", std::env::consts::EXE_SUFFIX));
    let out = Command::new(bin).output().expect("the probe runs");
    check("the probe", &out);
    let got = parse_probe(&String::from_utf8(out.stdout).expect("UTF-8"));
    assert_eq!(got.len(), catalogs.len());
    for ((name, text), rows) in catalogs.iter().zip(&got) {
        let want = expected_rows(name, text);
        let have: BTreeSet<Row> = rows.iter().map(|r| r.0.clone()).collect();
        let missing: Vec<_> = want.difference(&have).take(3).collect();
        let extra: Vec<_> = have.difference(&want).take(3).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: rows not kept byte for byte\n  in the CSV only: {missing:?}\n  at run time only: {extra:?}"
        );
        // `Display` and `message()` of an error received with a row's status: that
        // status's first row, as written.
        for ((status, code, ..), display, message) in rows {
            let first = rows
                .iter()
                .find(|(r, ..)| (r.0, &r.1) == (*status, code))
                .unwrap();
            assert_eq!(message, &first.0 .2, "{name}: {code} {status}");
            let expected = if message.is_empty() {
                format!("{code} (HTTP {status})")
            } else {
                format!("{code} (HTTP {status}): {message}")
            };
            assert_eq!(display, &expected, "{name}: {code} {status}");
        }
        let cells = 3 * want.len();
        println!(
            "{name}: {} rows, {cells} text cells, every one byte for byte",
            want.len()
        );
    }
}

#[test]
fn hostile_texts_come_back_byte_for_byte() {
    let catalog = hostile_catalog();
    assert!(hostile().iter().any(|t| t.len() >= 1000));
    byte_for_byte("text-probe-hostile", &[("hostile.csv".to_owned(), catalog)]);
}

#[test]
fn real_catalogs_compiled_as_they_are_come_back_byte_for_byte() {
    let dir = Path::new(ROOT).join("../shared/real-catalogs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "real_catalogs_compiled_as_they_are_come_back_byte_for_byte: skipped: ../shared/real-catalogs is absent"
        );
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "../shared/real-catalogs has no CSV file");
    let catalogs: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    byte_for_byte("text-probe-real", &catalogs);
}
