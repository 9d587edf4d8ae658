// Cell text and codes that try to break out of the generated string literals, doc
// attributes, comments or format strings, plus NUL bytes, direction overrides, invisible
// and combining characters and a cell of exactly the 16 KiB limit: the crate compiles
// (no `text_direction_codepoint_in_literal` error, no warning) and every byte comes back
// through the accessors, as written. `text_is_kept_byte_for_byte.rs` covers the first layer (`{}`,
// `%s`, `"#`, `*/`, `#[doc = ""]`, `");`, backslashes, non-ASCII); this one goes further.
// (`INJ.0012{}%s");` derives the variant `Inj0012S`: `s` is a word of the code.)
#![deny(warnings)]

kms_errors::kms_errors!("tests/ui/catalogs/injection.csv");

/// (variant, status, code, message, description, measure), as written in the CSV.
const ROWS: &[(ErrorCode, u16, &str, &str, &str, &str)] = &[
    (
        ErrorCode::Inj0001,
        400,
        "INJ.0001",
        r#"Rust escapes stay text: \u{0} and \x41 and \' and \""#,
        r###"Raw strings: r#"x"# and "## and br"y" and b'z'"###,
        r#"Macros: compile_error!("x"); include_str!("/etc/passwd"); env!("HOME"); $crate::x"#,
    ),
    (
        ErrorCode::Inj0002,
        400,
        "INJ.0002",
        "Format: {:?} {0:>5} {{ }} and unbalanced { or }",
        "printf %n and %1$s and %%",
        r#"Code: "); panic!("injected"); (""#,
    ),
    (
        ErrorCode::Inj0003,
        400,
        "INJ.0003",
        "Comments: // line /// doc //! inner /** block */ and */ alone",
        r##"#![allow(warnings)] #[cfg(any())] #[doc = ""] #[doc = "x""##,
        "Brackets ] ) } unbalanced and <script>alert(1)</script> [x](javascript:alert(1))",
    ),
    (
        ErrorCode::Inj0004,
        400,
        "INJ.0004",
        "NUL \0 inside",
        "\0",
        "ends with NUL\0",
    ),
    (
        ErrorCode::Inj0005,
        400,
        "INJ.0005",
        "Right-to-left mark \u{200f} and override \u{202e}reversed\u{202c} and isolates \u{2066}x\u{2069}",
        "\u{202e}entire cell after an override",
        "Zero-width space \u{200b}, joiner \u{200d}, BOM \u{feff}, line separator \u{2028}, paragraph separator \u{2029}",
    ),
    (
        ErrorCode::Inj0006,
        400,
        "INJ.0006",
        "Combining: e\u{301} and a\u{308}\u{304}",
        "\u{301}starts with a combining mark",
        "Emoji: \u{1f469}\u{200d}\u{1f4bb} \u{1f1e9}\u{1f1ea} \u{1f44d}\u{1f3fd}; CJK: \u{9375}\u{304c}\u{898b}\u{3064}\u{304b}\u{308a}\u{307e}\u{305b}\u{3093} \u{d0a4}\u{b97c} \u{cc3e}\u{c744} \u{c218} \u{c5c6}\u{c2b5}\u{b2c8}\u{b2e4} \u{5bc6}\u{94a5}\u{4e0d}\u{5b58}\u{5728}",
    ),
    (
        ErrorCode::Inj0007,
        400,
        "INJ.0007",
        "Quoted line breaks: bare\rCR, CRLF\r\nand LF\nkept",
        "\\",
        "\"",
    ),
    (
        ErrorCode::Inj0008,
        400,
        "INJ.0008\"#",
        "A code with a raw-string end.",
        "",
        "",
    ),
    (
        ErrorCode::Inj0009,
        404,
        "INJ\0\"0009",
        "A code with a NUL and a quote.",
        "",
        "",
    ),
    (
        ErrorCode::Inj0010,
        409,
        "INJ.0010\u{202e}\u{200f}",
        "A code with direction marks.",
        "",
        "",
    ),
    (
        ErrorCode::Inj0011,
        500,
        "\u{1f511}INJ.0011\u{301}",
        "A code with an emoji and a combining mark.",
        "",
        "",
    ),
    (
        ErrorCode::Inj0012S,
        503,
        "INJ.0012{}%s\");",
        "A code with format and call syntax.",
        "",
        "",
    ),
];

fn main() {
    assert_eq!(ErrorCode::ALL.len(), ROWS.len() + 1);
    for &(code, status, text, message, description, measure) in ROWS {
        assert_eq!(code.as_str().as_bytes(), text.as_bytes(), "{code:?}");
        assert_eq!(code.to_string(), text);
        assert_eq!(ErrorCode::from_code(text), Some(code), "{text:?}");
        assert_eq!(text.parse::<ErrorCode>(), Ok(code));
        assert_eq!(code.status(), status);
        assert_eq!(code.rows().len(), 1);
        assert_eq!(code.message().as_bytes(), message.as_bytes(), "{text:?}");
        assert_eq!(
            code.description().as_bytes(),
            description.as_bytes(),
            "{text:?}"
        );
        assert_eq!(code.measure().as_bytes(), measure.as_bytes(), "{text:?}");

        let err = KmsError::from((status, text));
        assert_eq!(err.code(), code);
        assert_eq!(err.code_str().as_bytes(), text.as_bytes());
        assert!(err.is_documented());
        assert_eq!(err.message().as_bytes(), message.as_bytes());
        assert_eq!(err.description().as_bytes(), description.as_bytes());
        assert_eq!(err.measure().as_bytes(), measure.as_bytes());
        // Display writes the text as data, never as a format string.
        assert_eq!(
            err.to_string(),
            format!("{text} (HTTP {status}): {message}")
        );
        assert_eq!(
            format!("{err:?}"),
            format!("KmsError {{ status: {status}, code: {text:?} }}")
        );
    }

    // A cell of exactly the size limit (16 KiB), quotes and backslashes included, whole.
    let big = ErrorCode::Inj0013.measure();
    assert_eq!(big.len(), 16 * 1024);
    assert_eq!(big, "\u{1f511}\"\\{}".repeat(2048));
    assert_eq!(KmsError::from((400, "INJ.0013")).measure(), big);

    // Near misses of the odd codes are unknown and keep their text too.
    for near in [
        "INJ.0008\"",
        "INJ\0\"000",
        "INJ.0010\u{202e}",
        "INJ.0011\u{301}",
        "INJ.0012{}%s\")",
    ] {
        let err = KmsError::from((400, near));
        assert_eq!(err.code(), ErrorCode::Unknown, "{near:?}");
        assert_eq!(err.code_str(), near);
        // Shown escaped: a NUL or a direction override sent by a server is not written raw.
        assert!(!err.to_string().contains(['\0', '\u{202e}']));
        assert_eq!(
            err.to_string(),
            format!("{} (HTTP 400): unknown error code", kms_errors::Shown::token(near))
        );
    }
}
