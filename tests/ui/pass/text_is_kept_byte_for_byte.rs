// Cell text that would break naive code generation (format strings, string and raw-string
// delimiters, comment and attribute syntax, HTML, non-ASCII) or that looks like markup
// (RST `**bold**`, `*emphasis*`, `\_` escapes; Markdown backquotes) comes back at run time
// exactly as written: a cell is text.
kms_errors::kms_errors!("tests/ui/catalogs/tricky_text.csv");

fn main() {
    let c = ErrorCode::Txt0001;
    assert_eq!(
        c.message(),
        "Format braces {} and {0} and {x} stay as written."
    );
    assert_eq!(c.description(), "printf %s, %d and %(key)s too.");
    assert_eq!(c.measure(), "Nothing to format here: {{}}.");
    // Display writes the message as an argument, never as a format string.
    assert_eq!(
        KmsError::from((400, "TXT.0001")).to_string(),
        "TXT.0001 (HTTP 400): Format braces {} and {0} and {x} stay as written."
    );

    let c = ErrorCode::Txt0002;
    assert_eq!(
        c.message(),
        r"Windows path C:\temp\new and \n and \\ and \*"
    );
    assert_eq!(
        c.description(),
        r"Escaped \__init\__ and a trailing backslash \"
    );
    assert_eq!(
        c.measure(),
        r###"A "quoted" word and a raw-string end "# and "##."###
    );

    let c = ErrorCode::Txt0003;
    assert_eq!(c.message(), "Comment end */ and start /* inside text.");
    assert_eq!(
        c.description(),
        r#"Attribute #[doc = ""] and a call end ");"#
    );
    assert_eq!(c.measure(), "It's the user's key; don't 'quote' it.");

    let c = ErrorCode::Txt0004;
    assert_eq!(c.message(), "Invalid **X-Auth-Token**.");
    assert_eq!(c.description(), "The header **X-Auth-Token** is **required**.");
    assert_eq!(c.measure(), "Compute 2**10 and keep ** spaced ** stars.");
    assert_eq!(
        c.rows().map(|r| (r.status(), r.message(), r.description(), r.measure())).collect::<Vec<_>>(),
        [(
            400,
            "Invalid **X-Auth-Token**.",
            "The header **X-Auth-Token** is **required**.",
            "Compute 2**10 and keep ** spaced ** stars."
        )]
    );
    assert_eq!(
        KmsError::from((400, "TXT.0004")).to_string(),
        "TXT.0004 (HTTP 400): Invalid **X-Auth-Token**."
    );

    let c = ErrorCode::Txt0005;
    assert_eq!(
        c.message(),
        "Expected <x:x:x> \u{2014} see <https://example.com> & [link](x) | pipe"
    );
    assert_eq!(
        c.description(),
        "Schl\u{fc}ssel ung\u{fc}ltig \u{2014} \u{5bc6}\u{94a5}\u{4e0d}\u{5b58}\u{5728} \u{2014} \u{43a}\u{43b}\u{44e}\u{447} \u{1f511}"
    );
    assert_eq!(c.measure(), "Tab\tand\nnewline and a \" quote");

    // The code string itself is kept too, backtick and backslash included.
    let c = ErrorCode::ABC;
    assert_eq!(c.as_str(), r"a`b\c");
    assert_eq!(c.name(), "ABC");
    assert_eq!(r"a`b\c".parse::<ErrorCode>(), Ok(c));
    assert_eq!(c.measure(), "");
}
