//! The generated rustdoc: each variant's documentation (what an IDE shows on hover), with the
//! cell text in it as written, escaped so that Markdown and HTML show it literally
//! ([`text`]), and codes and file names as code spans.

use kms_errors_catalog::markdown::{code_span, text};
use kms_errors_catalog::model::{Code, Row};
use std::fmt::Write as _;

/// The rustdoc of one variant: a summary line (code, statuses, message), its aliases, then
/// the rest of every row with its source. `files` are the catalog's files (their names,
/// already as code spans, and their rows' link).
pub(crate) fn variant_doc(files: &[(String, &str)], c: &Code) -> String {
    let mut d = String::with_capacity(256);
    let _ = write!(d, " {} (HTTP ", code_span(&c.code));
    for (i, r) in c.rows.iter().enumerate() {
        if !c.rows[..i].iter().any(|p| p.status == r.status) {
            let _ = write!(d, "{}{}", if i == 0 { "" } else { ", " }, r.status);
        }
    }
    d.push(')');
    let file = |r: &Row| files.get(r.file).map_or("", |f| f.0.as_str());
    let url = |r: &'_ Row<'_>| match files.get(r.file) {
        Some(f) if r.url.is_empty() => f.1.to_owned(),
        _ => r.url.to_string(),
    };
    let aliases = || {
        let spans: Vec<String> = c.aliases.iter().map(|a| code_span(&a.text)).collect();
        match spans.as_slice() {
            [] => String::new(),
            _ => format!(" Also written {}.", spans.join(", ")),
        }
    };
    if let [r] = c.rows.as_slice() {
        if r.message.is_empty() {
            d.push_str("\n\n");
        } else {
            let _ = write!(d, ": {}\n\n", text(&r.message));
        }
        if !c.aliases.is_empty() {
            let _ = write!(d, "{}\n\n", aliases());
        }
        field(&mut d, " ", "Description", &r.description);
        field(&mut d, " ", "Measure", &r.measure);
        kind(&mut d, " ", r);
        link(&mut d, " ", &url(r));
        let _ = write!(d, "\n Source: {} line {}.", file(r), r.line);
    } else {
        let first = &c.rows[0].message;
        if !first.is_empty() {
            let _ = write!(d, ": {}", text(first));
        }
        let _ = write!(
            d,
            "\n\n{} Documented in {} rows:\n\n",
            aliases(),
            c.rows.len()
        );
        for r in &c.rows {
            let _ = writeln!(d, " - **HTTP {}** ({} line {})", r.status, file(r), r.line);
            field(&mut d, "   ", "Message", &r.message);
            field(&mut d, "   ", "Description", &r.description);
            field(&mut d, "   ", "Measure", &r.measure);
            kind(&mut d, "   ", r);
            link(&mut d, "   ", &url(r));
        }
    }
    d
}

/// A `- **Label:** text` line, if there is text.
fn field(d: &mut String, indent: &str, label: &str, cell: &str) {
    if !cell.is_empty() {
        let _ = writeln!(d, "{indent}- **{label}:** {}", text(cell));
    }
}

/// A `- **Documentation:** <url>` line, if the row has a link (checked by the front end: no
/// spaces, quotes or angle brackets, so an autolink is safe).
fn link(d: &mut String, indent: &str, url: &str) {
    if !url.is_empty() {
        let _ = writeln!(d, "{indent}- **Documentation:** <{url}>");
    }
}

/// A `- **Kind:** `not_found`` line, if the row declares a kind (`throttled` for a
/// throttling row), with why a tool suggested it if it is not reviewed yet.
fn kind(d: &mut String, indent: &str, r: &Row) {
    if let Some(k) = r.kind {
        let name = kms_errors_catalog::kind::kind_cell(k, r.throttled);
        let _ = write!(d, "{indent}- **Kind:** `{name}`");
        if !r.suggested.is_empty() {
            let _ = write!(d, " (suggested from {}; not reviewed)", text(&r.suggested));
        }
        d.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_docs_list_aliases_and_each_row_s_file() {
        use kms_errors_catalog::{compose, Ctxt, Part};
        let own = Part {
            name: "own.csv",
            text: Some("status,code,message,alias\n401,GW.1,Bad token.,GWX.1|gw-1\n"),
            docs: "",
            delimiter: None,
        };
        let more = Part {
            name: "more.csv",
            text: Some("status,code,message\n403,GW.1,Denied.\n400,GW.2,Plain.\n"),
            docs: "https://e.example/more",
            delimiter: None,
        };
        let mut cx = Ctxt::for_files(&["own.csv", "more.csv"]);
        let cat = compose(&[own, more], &mut cx);
        assert!(cx.is_ok());
        // As `expand` gives them: each name as a code span.
        let files = [
            (code_span("own.csv"), ""),
            (code_span("more.csv"), "https://e.example/more"),
        ];
        assert_eq!(
            variant_doc(&files, &cat.codes[0]),
            " `GW.1` (HTTP 401, 403): Bad token.\n\n Also written `GWX.1`, `gw-1`. Documented in 2 rows:\n\n\
             \x20- **HTTP 401** (`own.csv` line 2)\n   - **Message:** Bad token.\n\
             \x20- **HTTP 403** (`more.csv` line 2)\n   - **Message:** Denied.\n\
             \x20  - **Documentation:** <https://e.example/more>\n"
        );
        assert_eq!(
            variant_doc(&files, &cat.codes[1]),
            " `GW.2` (HTTP 400): Plain.\n\n - **Documentation:** <https://e.example/more>\n\n Source: `more.csv` line 3."
        );
    }

    #[test]
    fn variant_docs_show_cells_as_written() {
        use kms_errors_catalog::{parse, Ctxt};
        // Markup of any kind (RST, Markdown, HTML) is text in a cell: shown, not read.
        let text = "status,code,message,description,measure\n\
            400,SVC.1,Invalid **X-Auth-Token**.,\
            .. note:: The **\\__system__server_id** field is reserved.,\
            \"See :ref:`Request <obs_04_0007>`, [docs](https://e.example/d), it's a_b_c * <x>.\"\n";
        let mut cx = Ctxt::new("my_[x].csv");
        let cat = parse("my_[x].csv", text, None, &mut cx);
        assert!(cx.is_ok());
        let files = [(code_span("my_[x].csv"), "")];
        assert_eq!(
            variant_doc(&files, &cat.codes[0]),
            " `SVC.1` (HTTP 400): Invalid \\*\\*X-Auth-Token\\*\\*.\n\n\
             \x20- **Description:** \\.\\. note:: The \\*\\*\\\\\\_\\_system\\_\\_server_id\\*\\* field is reserved.\n\
             \x20- **Measure:** See :ref:\\`Request &lt;obs_04_0007&gt;\\`, \\[docs\\](https://e.example/d), it\\'s a_b_c \\* &lt;x&gt;.\n\
             \n Source: `my_[x].csv` line 2."
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("KMS.0207"), "`KMS.0207`");
        assert_eq!(code_span("a`b"), "`` a`b ``");
        assert_eq!(code_span("``"), "``` `` ```");
    }
}
