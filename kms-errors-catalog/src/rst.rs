//! Cell text as written in RST (reStructuredText) API reference pages, rendered for its two
//! readers: [`plain`] for run time (what `message()` returns) and [`markdown`] for the
//! generated rustdoc (what an IDE hover shows). [`code_span`] writes any text as an inline
//! code span.
//!
//! Both read the same inline markup, with the recognition rules of docutils (the RST
//! reference implementation), so that text that is not markup stays as written:
//!
//! * a start-string must be at the start of the text, or after white space or an opening
//!   or delimiting punctuation character (`"'(<[{-/:`, and the non-ASCII punctuation
//!   docutils counts as such), and be followed by a character that is not white space; an
//!   end-string must follow a character that is not white space and be at the end of the
//!   text, or before white space or a closing or delimiting punctuation character
//!   (`.,;!?-/:"')>]}`, `\`, and non-ASCII ones). So `2**10`, `a*b*c`, `x ** y ** z`,
//!   `snake_case` and `AES_128` stay as written;
//! * a start-string between a matching pair such as `"*"` or `(*)` is not one;
//! * markup does not nest: the text of `**...**` is taken literally (escapes resolved);
//! * a start-string without an end-string is text.
//!
//! What is recognised, and how each reads:
//!
//! | markup | [`plain`] | [`markdown`] |
//! |---|---|---|
//! | `\*`, `\_`, `\\`, any `\` + punctuation or other white space | the character | the character, escaped |
//! | `\` + space or line break | nothing | nothing |
//! | `**strong**`, `*emphasis*` | the text | `**strong**`, `*emphasis*` |
//! | ``` ``literal`` ``` | the text, backslashes included | a code span |
//! | `` `text` `` (default role), `` :role:`text` ``, `` `text`:role: `` | the text | by role, below |
//! | `` :ref:`Title <target>` `` (any other role with an explicit title) | `Title` | `Title` |
//! | `` `text <https://e.example>`_ ``, also `__` | `text (https://e.example)` | `[text](https://e.example)` |
//! | `` `text <name_>`_ ``, `` `text`_ ``, `name_`, `name__` | the text, the name | the same |
//! | `\|name\|`, `\|name\|_`, `` _`target` ``, `[1]_` | `name`, `target`, `[1]` | the same |
//! | `.. note::`, `.. important::`, `.. caution::`, … | `Note:`, `Important:`, … | `**Note:**`, … |
//! | `.. ` + other text (a comment, a target) | the text | the text |
//!
//! Roles in [`markdown`]: the literal ones (`code`, `literal`, `samp`, `file`, `kbd`,
//! `command`, `program`, `option`, `envvar`, `makevar`, `math`, `regexp`, `mimetype`) are code
//! spans (`code` and `math` keep their backslashes, in [`plain`] too, as docutils does; two
//! code spans side by side are written as one); `strong` is strong; `emphasis`, `dfn`, `title-reference` and the default role are
//! emphasis (as docutils renders them); any other role (`ref`, `doc`, `abbr`, `term`, …) is
//! its text, or the title of `Title <target>`; a leading `!` is dropped and `~a.b.c` reads
//! `c`, as in Sphinx. A directive marker (`.. name::`, where a cell was joined from the
//! lines of a page) reads as its label: the admonitions (`attention`, `caution`, `danger`,
//! `error`, `hint`, `important`, `note`, `tip`, `warning`) and `seealso` (`See also:`) by
//! name, any other directive as its name capitalised, then `:` (`.. code-block::` reads
//! `Code-block:`). It is recognised at the start of a cell or after white space, as a line
//! of the page started there.
//!
//! Decisions where RST itself does not say what a cell should read:
//!
//! * `.. ` followed by text that is not a directive is, on a page, a comment (hidden) or
//!   other explicit markup (`.. _target:`, `.. [1]`, `.. |name| …`). In a cell joined from
//!   lines, where it ended is lost, so only its `.. ` marker is dropped: the text is kept,
//!   as hiding the rest of an error description would lose more than it tidies. `..` not
//!   followed by a space and text (an ellipsis, `..` at the end) stays as written.
//! * A backslash before a character that is not punctuation or white space (`\n`,
//!   `C:\temp`, `\é`) is kept as written: RST drops such a backslash, but in a cell it is
//!   far more often a literal backslash (a path, an escape sequence) than an RST escape,
//!   which nobody needs before a letter. It still stops the character after it from
//!   starting markup, as in RST. A trailing backslash is kept.
//! * A standalone URI (`scheme://` up to white space, `<`, `>`, `"` or a backquote) is read
//!   for escapes only: docutils would read `a_b_/` in `https://e.example/a_b_/c` as a
//!   reference and break the URL.
//! * Roles docutils does not know (Sphinx's `ref`, `doc`, `abbr`, …) read as their text,
//!   where docutils would show them as written, with an error.
//! * A simple reference name (`name_`) longer than 256 bytes is not recognised.
//!
//! [`markdown`] is safe, one-line Markdown whatever the cell holds: apart from the markup it
//! produces, nothing in it can open an HTML tag, a link, an entity, emphasis,
//! strikethrough, a code span, a table or a heading (`<`, `>`, `&` become entities; `[`, `]`,
//! `\`, `|`, `#`, `*`, `` ` ``, `~`, and `_` unless between two ASCII letters or digits, are
//! backslash-escaped), controls and bidirectional controls read U+FFFD, and line breaks
//! (also U+2028, U+2029) and tabs read as spaces. Emphasis it produces is dropped (the
//! text kept) where CommonMark would not read the markers as emphasis at that place. Links
//! are written only for `http`/`https` URLs of printable ASCII without quotes, brackets,
//! parentheses or backslashes; any other target reads as in [`plain`].
//!
//! Speed: this runs on every cell of every catalog inside a proc macro that is compiled
//! without optimisation in most builds. A byte loop finds cells without a byte that can
//! start markup (`\`, `*`, `` ` ``, `|`, `_`, `..`), which [`plain`] returns borrowed, and
//! [`markdown`] too when it has nothing to escape; the rest are read in one pass over their
//! bytes, with each end-string search remembered so that no cell takes quadratic time.

use std::borrow::Cow;

/// `s` with its RST inline markup rendered as plain text, for run time: escapes resolved,
/// the markers of strong, emphasis, literals, roles, references and substitutions removed
/// (an embedded URL kept in parentheses), directive markers as their label (`Note:`).
/// Everything that is not markup is kept byte for byte; text without markup is returned
/// borrowed. See the [module documentation](self) for each construct.
///
/// ```
/// use kms_errors_catalog::rst::plain;
///
/// assert_eq!(plain("Invalid **X-Auth-Token**."), "Invalid X-Auth-Token.");
/// assert_eq!(
///     plain(".. note:: The **\\__system__server_id** field is reserved."),
///     "Note: The __system__server_id field is reserved."
/// );
/// assert_eq!(
///     plain("See :ref:`Constructing a Request <obs_04_0007>`."),
///     "See Constructing a Request."
/// );
/// assert_eq!(plain("See `docs <https://e.example>`_."), "See docs (https://e.example).");
/// assert_eq!(plain("2**10, a*b*c and snake_case stay."), "2**10, a*b*c and snake_case stay.");
/// ```
pub fn plain(s: &str) -> Cow<'_, str> {
    if !has_markup(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    let mut r = Plain {
        src: s,
        out: String::new(),
        at: 0,
    };
    parse(s, &mut r);
    if r.at == 0 {
        return Cow::Borrowed(s);
    }
    r.out.push_str(&s[r.at..]);
    Cow::Owned(r.out)
}

/// `s` with its RST inline markup rendered as safe, one-line Markdown, for rustdoc:
/// strong, emphasis, code spans and `http(s)` links where the RST has them, the rest of the
/// markup read as [`plain`] reads it, and everything else made inert (see the
/// [module documentation](self)). Returned borrowed when there is nothing to change.
///
/// ```
/// use kms_errors_catalog::rst::markdown;
///
/// assert_eq!(markdown("Invalid **X-Auth-Token**."), "Invalid **X-Auth-Token**.");
/// assert_eq!(markdown("Set ``a_b`` to 2*3."), "Set `a_b` to 2\\*3.");
/// assert_eq!(
///     markdown("See `docs <https://e.example/a>`_ <here>."),
///     "See [docs](https://e.example/a) &lt;here&gt;."
/// );
/// assert_eq!(markdown(".. note:: Read it."), "**Note:** Read it.");
/// ```
pub fn markdown(s: &str) -> Cow<'_, str> {
    if !has_markup(s.as_bytes()) {
        return inert(s);
    }
    let mut r = Markdown {
        src: s,
        out: String::with_capacity(s.len() + 16),
        at: 0,
        closer: usize::MAX,
        pending: None,
        code: (0, usize::MAX, String::new()),
    };
    parse(s, &mut r);
    if r.at == 0 {
        return inert(s);
    }
    inert_into(&mut r.out, &s[r.at..]);
    r.settle(true);
    Cow::Owned(r.out)
}

/// `s` as an inline Markdown code span, whatever backticks it contains (the fence is longer
/// than any run of backticks inside), on one line (line breaks and tabs read as spaces),
/// with controls and bidirectional controls as U+FFFD.
///
/// ```
/// use kms_errors_catalog::rst::code_span;
///
/// assert_eq!(code_span("KMS.0207"), "`KMS.0207`");
/// assert_eq!(code_span("a`b"), "`` a`b ``");
/// ```
pub fn code_span(s: &str) -> String {
    let b = s.as_bytes();
    let (mut longest, mut run, mut special) = (0, 0, false);
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            run += 1;
            if run > longest {
                longest = run;
            }
        } else {
            run = 0;
            special |= CONTROL_LEAD[b[i] as usize];
        }
        i += 1;
    }
    let text = if special {
        let mut out = String::with_capacity(s.len() + 8);
        let (mut run, mut i) = (0, 0);
        while i < b.len() {
            if !CONTROL_LEAD[b[i] as usize] {
                i += 1;
                continue;
            }
            let (rep, len) = match b[i] {
                b'\r' | b'\n' | b'\t' => (" ", 1),
                0..=0x7F => ("\u{FFFD}", 1),
                _ => match control_at(s, i) {
                    Some(x) => x,
                    None => {
                        i += 1;
                        continue;
                    }
                },
            };
            out.push_str(&s[run..i]);
            out.push_str(rep);
            i += len;
            run = i;
        }
        out.push_str(&s[run..]);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    };
    // CommonMark strips one space from each end of a code span that starts and ends with
    // one: padding keeps backticks inside off the fence, and spaces at the ends.
    let pad = longest > 0 || text.starts_with(' ') || text.ends_with(' ');
    let fence = longest + 1;
    let mut out = String::with_capacity(text.len() + 2 * fence + 2);
    for _ in 0..fence {
        out.push('`');
    }
    if pad {
        out.push(' ');
    }
    out.push_str(&text);
    if pad {
        out.push(' ');
    }
    for _ in 0..fence {
        out.push('`');
    }
    out
}

/// Unicode bidirectional controls (embeddings, overrides, isolates, marks): in rendered docs
/// and IDE hovers they reorder the surrounding text (the hazard rustc's
/// `text_direction_codepoint_in_literal` lint is about), so [`markdown`] and [`code_span`]
/// write U+FFFD instead.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

// ---------------------------------------------------------------------------------------
// Byte tables: the fast paths. `static`, not `const`: an unoptimised build copies a `const`
// array at every use, which made the byte loops five times slower.

/// Flags for the bytes in `specials`, the ASCII controls, and the lead bytes of the
/// non-ASCII characters that may be controls (C1: `0xC2`), bidi controls (U+061C: `0xD8`;
/// U+200E to U+2069: `0xE2`) or line separators (U+2028, U+2029: `0xE2`).
const fn flags(specials: &[u8], controls: bool) -> [bool; 256] {
    let mut t = [false; 256];
    if controls {
        let mut i = 0;
        while i < 0x20 {
            t[i] = true;
            i += 1;
        }
        t[0x7F] = true;
        t[0xC2] = true;
        t[0xD8] = true;
        t[0xE2] = true;
    }
    let mut k = 0;
    while k < specials.len() {
        t[specials[k] as usize] = true;
        k += 1;
    }
    t
}

/// The bytes that may start RST markup (`.` only as `..` followed by a space).
static MARKUP: [bool; 256] = flags(b"\\*`|_.", false);
/// The bytes [`parse`] looks at.
static PARSE: [bool; 256] = flags(b"\\*`:|_.", false);
/// The bytes [`inert_into`] may rewrite.
static INERT: [bool; 256] = flags(b"<>&[]\\|#*_`~", true);
/// The bytes that may start a control, a bidi control or a line separator.
static CONTROL_LEAD: [bool; 256] = flags(b"", true);

/// Whether `b` has a byte that may start markup.
fn has_markup(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if MARKUP[c as usize]
            && (c != b'.' || (b.get(i + 1) == Some(&b'.') && b.get(i + 2) == Some(&b' ')))
        {
            return true;
        }
        i += 1;
    }
    false
}

/// The replacement of the non-ASCII character at `i` (a lead byte in [`CONTROL_LEAD`]) and
/// its length, if it is a control, a bidi control or a line separator.
fn control_at(s: &str, i: usize) -> Option<(&'static str, usize)> {
    let c = s[i..].chars().next()?;
    match c {
        '\u{2028}' | '\u{2029}' => Some((" ", 3)),
        c if c.is_control() || is_bidi_control(c) => Some(("\u{FFFD}", c.len_utf8())),
        _ => None,
    }
}

/// What [`inert_into`] writes for the byte at `i` (flagged in [`INERT`]), and how many
/// bytes it replaces; `None`: keep it.
fn inert_at(s: &str, i: usize) -> Option<(&'static str, usize)> {
    let b = s.as_bytes();
    let rep = match b[i] {
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'&' => "&amp;",
        b'[' => "\\[",
        b']' => "\\]",
        b'\\' => "\\\\",
        b'|' => "\\|",
        b'#' => "\\#",
        b'*' => "\\*",
        b'`' => "\\`",
        b'~' => "\\~",
        // Between two letters or digits, `_` can neither open nor close emphasis.
        b'_' if i > 0
            && b[i - 1].is_ascii_alphanumeric()
            && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) =>
        {
            return None
        }
        b'_' => "\\_",
        b'\r' | b'\n' | b'\t' => " ",
        0..=0x7F => "\u{FFFD}",
        _ => return control_at(s, i),
    };
    Some((rep, 1))
}

/// `s` made inert for Markdown, without reading RST markup.
fn inert(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if INERT[b[i] as usize] && inert_at(s, i).is_some() {
            let mut out = String::with_capacity(s.len() + 16);
            inert_into(&mut out, s);
            return Cow::Owned(out);
        }
        i += 1;
    }
    Cow::Borrowed(s)
}

/// Appends `s` to `out`, made inert for Markdown (the module documentation lists how).
fn inert_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        if !INERT[b[i] as usize] {
            i += 1;
            continue;
        }
        match inert_at(s, i) {
            Some((rep, len)) => {
                out.push_str(&s[run..i]);
                out.push_str(rep);
                i += len;
                run = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&s[run..]);
}

// ---------------------------------------------------------------------------------------
// Characters, as docutils classifies them for the recognition rules.

/// The character starting at byte `i` (a character boundary), if any.
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        None => None,
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => s[i..].chars().next(),
    }
}

/// The character ending at byte `i` (a character boundary), if any.
fn char_before(s: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).map(|j| s.as_bytes()[j]) {
        None => None,
        Some(c) if c < 0x80 => Some(c as char),
        Some(_) => s[..i].chars().next_back(),
    }
}

/// Non-ASCII punctuation for the recognition rules, as docutils classifies it (its
/// `punctuation_chars`, from the Unicode categories): ranges of code points with bit 1 set
/// where markup may start after them (opening and delimiting punctuation) and bit 2 where
/// it may end before them (closing and delimiting punctuation).
static PUNCT: [(u32, u32, u8); 248] = [
    (0xA1, 0xA1, 3),
    (0xAB, 0xAB, 3),
    (0xB7, 0xB7, 3),
    (0xBB, 0xBB, 3),
    (0xBF, 0xBF, 3),
    (0x37E, 0x37E, 3),
    (0x387, 0x387, 3),
    (0x55A, 0x55F, 3),
    (0x589, 0x58A, 3),
    (0x5BE, 0x5BE, 3),
    (0x5C0, 0x5C0, 3),
    (0x5C3, 0x5C3, 3),
    (0x5C6, 0x5C6, 3),
    (0x5F3, 0x5F4, 3),
    (0x609, 0x60A, 3),
    (0x60C, 0x60D, 3),
    (0x61B, 0x61B, 3),
    (0x61E, 0x61F, 3),
    (0x66A, 0x66D, 3),
    (0x6D4, 0x6D4, 3),
    (0x700, 0x70D, 3),
    (0x7F7, 0x7F9, 3),
    (0x830, 0x83E, 3),
    (0x964, 0x965, 3),
    (0x970, 0x970, 3),
    (0xDF4, 0xDF4, 3),
    (0xE4F, 0xE4F, 3),
    (0xE5A, 0xE5B, 3),
    (0xF04, 0xF12, 3),
    (0xF3A, 0xF3A, 1),
    (0xF3B, 0xF3B, 2),
    (0xF3C, 0xF3C, 1),
    (0xF3D, 0xF3D, 2),
    (0xF85, 0xF85, 3),
    (0xFD0, 0xFD4, 3),
    (0x104A, 0x104F, 3),
    (0x10FB, 0x10FB, 3),
    (0x1361, 0x1368, 3),
    (0x1400, 0x1400, 3),
    (0x166D, 0x166E, 3),
    (0x169B, 0x169B, 1),
    (0x169C, 0x169C, 2),
    (0x16EB, 0x16ED, 3),
    (0x1735, 0x1736, 3),
    (0x17D4, 0x17D6, 3),
    (0x17D8, 0x17DA, 3),
    (0x1800, 0x180A, 3),
    (0x1944, 0x1945, 3),
    (0x19DE, 0x19DF, 3),
    (0x1A1E, 0x1A1F, 3),
    (0x1AA0, 0x1AA6, 3),
    (0x1AA8, 0x1AAD, 3),
    (0x1B5A, 0x1B60, 3),
    (0x1C3B, 0x1C3F, 3),
    (0x1C7E, 0x1C7F, 3),
    (0x1CD3, 0x1CD3, 3),
    (0x2010, 0x2027, 3),
    (0x2030, 0x203E, 3),
    (0x2041, 0x2043, 3),
    (0x2045, 0x2045, 1),
    (0x2046, 0x2046, 2),
    (0x2047, 0x2051, 3),
    (0x2053, 0x2053, 3),
    (0x2055, 0x205E, 3),
    (0x207D, 0x207D, 1),
    (0x207E, 0x207E, 2),
    (0x208D, 0x208D, 1),
    (0x208E, 0x208E, 2),
    (0x2329, 0x2329, 1),
    (0x232A, 0x232A, 2),
    (0x2768, 0x2768, 1),
    (0x2769, 0x2769, 2),
    (0x276A, 0x276A, 1),
    (0x276B, 0x276B, 2),
    (0x276C, 0x276C, 1),
    (0x276D, 0x276D, 2),
    (0x276E, 0x276E, 1),
    (0x276F, 0x276F, 2),
    (0x2770, 0x2770, 1),
    (0x2771, 0x2771, 2),
    (0x2772, 0x2772, 1),
    (0x2773, 0x2773, 2),
    (0x2774, 0x2774, 1),
    (0x2775, 0x2775, 2),
    (0x27C5, 0x27C5, 1),
    (0x27C6, 0x27C6, 2),
    (0x27E6, 0x27E6, 1),
    (0x27E7, 0x27E7, 2),
    (0x27E8, 0x27E8, 1),
    (0x27E9, 0x27E9, 2),
    (0x27EA, 0x27EA, 1),
    (0x27EB, 0x27EB, 2),
    (0x27EC, 0x27EC, 1),
    (0x27ED, 0x27ED, 2),
    (0x27EE, 0x27EE, 1),
    (0x27EF, 0x27EF, 2),
    (0x2983, 0x2983, 1),
    (0x2984, 0x2984, 2),
    (0x2985, 0x2985, 1),
    (0x2986, 0x2986, 2),
    (0x2987, 0x2987, 1),
    (0x2988, 0x2988, 2),
    (0x2989, 0x2989, 1),
    (0x298A, 0x298A, 2),
    (0x298B, 0x298B, 1),
    (0x298C, 0x298C, 2),
    (0x298D, 0x298D, 1),
    (0x298E, 0x298E, 2),
    (0x298F, 0x298F, 1),
    (0x2990, 0x2990, 2),
    (0x2991, 0x2991, 1),
    (0x2992, 0x2992, 2),
    (0x2993, 0x2993, 1),
    (0x2994, 0x2994, 2),
    (0x2995, 0x2995, 1),
    (0x2996, 0x2996, 2),
    (0x2997, 0x2997, 1),
    (0x2998, 0x2998, 2),
    (0x29D8, 0x29D8, 1),
    (0x29D9, 0x29D9, 2),
    (0x29DA, 0x29DA, 1),
    (0x29DB, 0x29DB, 2),
    (0x29FC, 0x29FC, 1),
    (0x29FD, 0x29FD, 2),
    (0x2CF9, 0x2CFC, 3),
    (0x2CFE, 0x2CFF, 3),
    (0x2E00, 0x2E21, 3),
    (0x2E22, 0x2E22, 1),
    (0x2E23, 0x2E23, 2),
    (0x2E24, 0x2E24, 1),
    (0x2E25, 0x2E25, 2),
    (0x2E26, 0x2E26, 1),
    (0x2E27, 0x2E27, 2),
    (0x2E28, 0x2E28, 1),
    (0x2E29, 0x2E29, 2),
    (0x2E2A, 0x2E2E, 3),
    (0x2E30, 0x2E31, 3),
    (0x3001, 0x3003, 3),
    (0x3008, 0x3008, 1),
    (0x3009, 0x3009, 2),
    (0x300A, 0x300A, 1),
    (0x300B, 0x300B, 2),
    (0x300C, 0x300C, 1),
    (0x300D, 0x300D, 2),
    (0x300E, 0x300E, 1),
    (0x300F, 0x300F, 2),
    (0x3010, 0x3010, 1),
    (0x3011, 0x3011, 2),
    (0x3014, 0x3014, 1),
    (0x3015, 0x3015, 2),
    (0x3016, 0x3016, 1),
    (0x3017, 0x3017, 2),
    (0x3018, 0x3018, 1),
    (0x3019, 0x3019, 2),
    (0x301A, 0x301A, 1),
    (0x301B, 0x301B, 2),
    (0x301C, 0x301C, 3),
    (0x301D, 0x301D, 1),
    (0x301E, 0x301F, 2),
    (0x3030, 0x3030, 3),
    (0x303D, 0x303D, 3),
    (0x30A0, 0x30A0, 3),
    (0x30FB, 0x30FB, 3),
    (0xA4FE, 0xA4FF, 3),
    (0xA60D, 0xA60F, 3),
    (0xA673, 0xA673, 3),
    (0xA67E, 0xA67E, 3),
    (0xA6F2, 0xA6F7, 3),
    (0xA874, 0xA877, 3),
    (0xA8CE, 0xA8CF, 3),
    (0xA8F8, 0xA8FA, 3),
    (0xA92E, 0xA92F, 3),
    (0xA95F, 0xA95F, 3),
    (0xA9C1, 0xA9CD, 3),
    (0xA9DE, 0xA9DF, 3),
    (0xAA5C, 0xAA5F, 3),
    (0xAADE, 0xAADF, 3),
    (0xABEB, 0xABEB, 3),
    (0xFD3E, 0xFD3E, 1),
    (0xFD3F, 0xFD3F, 2),
    (0xFE10, 0xFE16, 3),
    (0xFE17, 0xFE17, 1),
    (0xFE18, 0xFE18, 2),
    (0xFE19, 0xFE19, 3),
    (0xFE30, 0xFE32, 3),
    (0xFE35, 0xFE35, 1),
    (0xFE36, 0xFE36, 2),
    (0xFE37, 0xFE37, 1),
    (0xFE38, 0xFE38, 2),
    (0xFE39, 0xFE39, 1),
    (0xFE3A, 0xFE3A, 2),
    (0xFE3B, 0xFE3B, 1),
    (0xFE3C, 0xFE3C, 2),
    (0xFE3D, 0xFE3D, 1),
    (0xFE3E, 0xFE3E, 2),
    (0xFE3F, 0xFE3F, 1),
    (0xFE40, 0xFE40, 2),
    (0xFE41, 0xFE41, 1),
    (0xFE42, 0xFE42, 2),
    (0xFE43, 0xFE43, 1),
    (0xFE44, 0xFE44, 2),
    (0xFE45, 0xFE46, 3),
    (0xFE47, 0xFE47, 1),
    (0xFE48, 0xFE48, 2),
    (0xFE49, 0xFE4C, 3),
    (0xFE50, 0xFE52, 3),
    (0xFE54, 0xFE58, 3),
    (0xFE59, 0xFE59, 1),
    (0xFE5A, 0xFE5A, 2),
    (0xFE5B, 0xFE5B, 1),
    (0xFE5C, 0xFE5C, 2),
    (0xFE5D, 0xFE5D, 1),
    (0xFE5E, 0xFE5E, 2),
    (0xFE5F, 0xFE61, 3),
    (0xFE63, 0xFE63, 3),
    (0xFE68, 0xFE68, 3),
    (0xFE6A, 0xFE6B, 3),
    (0xFF01, 0xFF03, 3),
    (0xFF05, 0xFF07, 3),
    (0xFF08, 0xFF08, 1),
    (0xFF09, 0xFF09, 2),
    (0xFF0A, 0xFF0A, 3),
    (0xFF0C, 0xFF0F, 3),
    (0xFF1A, 0xFF1B, 3),
    (0xFF1F, 0xFF20, 3),
    (0xFF3B, 0xFF3B, 1),
    (0xFF3C, 0xFF3C, 3),
    (0xFF3D, 0xFF3D, 2),
    (0xFF5B, 0xFF5B, 1),
    (0xFF5D, 0xFF5D, 2),
    (0xFF5F, 0xFF5F, 1),
    (0xFF60, 0xFF60, 2),
    (0xFF61, 0xFF61, 3),
    (0xFF62, 0xFF62, 1),
    (0xFF63, 0xFF63, 2),
    (0xFF64, 0xFF65, 3),
    (0x10100, 0x10101, 3),
    (0x1039F, 0x1039F, 3),
    (0x103D0, 0x103D0, 3),
    (0x10857, 0x10857, 3),
    (0x1091F, 0x1091F, 3),
    (0x1093F, 0x1093F, 3),
    (0x10A50, 0x10A58, 3),
    (0x10A7F, 0x10A7F, 3),
    (0x10B39, 0x10B3F, 3),
    (0x110BB, 0x110BC, 3),
    (0x110BE, 0x110C1, 3),
    (0x12470, 0x12473, 3),
];

/// The [`PUNCT`] bits of `c` (0: not punctuation).
fn punct(c: char) -> u8 {
    let c = c as u32;
    match PUNCT.binary_search_by(|&(lo, hi, _)| {
        if hi < c {
            std::cmp::Ordering::Less
        } else if lo > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(k) => PUNCT[k].2,
        Err(_) => 0,
    }
}

/// ASCII characters markup may start after: white space, opening or delimiting
/// punctuation.
static STARTS_AFTER: [bool; 256] = flags(b" \t\n\r\x0b\x0c\"'(<[{-/:", false);
/// ASCII characters markup may end before: white space, closing or delimiting punctuation,
/// and `\` (an escape).
static ENDS_BEFORE: [bool; 256] = flags(b" \t\n\r\x0b\x0c.,;!?-/:\"')>]}\\", false);

/// Whether markup may start after `c`: white space, opening or delimiting punctuation.
fn starts_after(c: char) -> bool {
    if c.is_ascii() {
        STARTS_AFTER[c as usize]
    } else {
        c.is_whitespace() || punct(c) & 1 != 0
    }
}

/// Whether markup may end before `c`: white space, closing or delimiting punctuation, or an
/// escape.
fn ends_before(c: char) -> bool {
    if c.is_ascii() {
        ENDS_BEFORE[c as usize]
    } else {
        c.is_whitespace() || punct(c) & 2 != 0
    }
}

/// Whether `a` and `b` are a matching pair (`"*"`, `(*)`): a start-string between them is
/// not one. As docutils' `match_chars`: its pairs of opening and closing punctuation and of
/// the quotation marks of several languages.
fn matching(a: char, b: char) -> bool {
    if a.is_ascii() {
        return matches!(
            (a, b),
            ('"', '"') | ('\'', '\'') | ('(', ')') | ('<', '>') | ('[', ']') | ('{', '}')
        );
    }
    static PAIRS: [(char, char); 102] = [
        ('\u{AB}', '\u{BB}'),
        ('\u{BB}', '\u{AB}'),
        ('\u{BB}', '\u{BB}'),
        ('\u{F3A}', '\u{F3B}'),
        ('\u{F3C}', '\u{F3D}'),
        ('\u{169B}', '\u{169C}'),
        ('\u{2018}', '\u{2019}'),
        ('\u{2018}', '\u{201A}'),
        ('\u{2019}', '\u{2018}'),
        ('\u{2019}', '\u{2019}'),
        ('\u{201A}', '\u{2018}'),
        ('\u{201A}', '\u{2019}'),
        ('\u{201A}', '\u{201B}'),
        ('\u{201B}', '\u{201A}'),
        ('\u{201C}', '\u{201D}'),
        ('\u{201C}', '\u{201E}'),
        ('\u{201D}', '\u{201C}'),
        ('\u{201D}', '\u{201D}'),
        ('\u{201E}', '\u{201C}'),
        ('\u{201E}', '\u{201D}'),
        ('\u{201E}', '\u{201F}'),
        ('\u{201F}', '\u{201E}'),
        ('\u{2039}', '\u{203A}'),
        ('\u{203A}', '\u{2039}'),
        ('\u{203A}', '\u{203A}'),
        ('\u{2045}', '\u{2046}'),
        ('\u{207D}', '\u{207E}'),
        ('\u{208D}', '\u{208E}'),
        ('\u{2329}', '\u{232A}'),
        ('\u{2768}', '\u{2769}'),
        ('\u{276A}', '\u{276B}'),
        ('\u{276C}', '\u{276D}'),
        ('\u{276E}', '\u{276F}'),
        ('\u{2770}', '\u{2771}'),
        ('\u{2772}', '\u{2773}'),
        ('\u{2774}', '\u{2775}'),
        ('\u{27C5}', '\u{27C6}'),
        ('\u{27E6}', '\u{27E7}'),
        ('\u{27E8}', '\u{27E9}'),
        ('\u{27EA}', '\u{27EB}'),
        ('\u{27EC}', '\u{27ED}'),
        ('\u{27EE}', '\u{27EF}'),
        ('\u{2983}', '\u{2984}'),
        ('\u{2985}', '\u{2986}'),
        ('\u{2987}', '\u{2988}'),
        ('\u{2989}', '\u{298A}'),
        ('\u{298B}', '\u{298C}'),
        ('\u{298D}', '\u{298E}'),
        ('\u{298F}', '\u{2990}'),
        ('\u{2991}', '\u{2992}'),
        ('\u{2993}', '\u{2994}'),
        ('\u{2995}', '\u{2996}'),
        ('\u{2997}', '\u{2998}'),
        ('\u{29D8}', '\u{29D9}'),
        ('\u{29DA}', '\u{29DB}'),
        ('\u{29FC}', '\u{29FD}'),
        ('\u{2E02}', '\u{2E03}'),
        ('\u{2E03}', '\u{2E02}'),
        ('\u{2E04}', '\u{2E05}'),
        ('\u{2E05}', '\u{2E04}'),
        ('\u{2E09}', '\u{2E0A}'),
        ('\u{2E0A}', '\u{2E09}'),
        ('\u{2E0C}', '\u{2E0D}'),
        ('\u{2E0D}', '\u{2E0C}'),
        ('\u{2E1C}', '\u{2E1D}'),
        ('\u{2E1D}', '\u{2E1C}'),
        ('\u{2E20}', '\u{2E21}'),
        ('\u{2E21}', '\u{2E20}'),
        ('\u{2E22}', '\u{2E23}'),
        ('\u{2E24}', '\u{2E25}'),
        ('\u{2E26}', '\u{2E27}'),
        ('\u{2E28}', '\u{2E29}'),
        ('\u{3008}', '\u{3009}'),
        ('\u{300A}', '\u{300B}'),
        ('\u{300C}', '\u{300D}'),
        ('\u{300E}', '\u{300F}'),
        ('\u{3010}', '\u{3011}'),
        ('\u{3014}', '\u{3015}'),
        ('\u{3016}', '\u{3017}'),
        ('\u{3018}', '\u{3019}'),
        ('\u{301A}', '\u{301B}'),
        ('\u{301D}', '\u{301E}'),
        ('\u{301D}', '\u{301F}'),
        ('\u{FD3E}', '\u{FD3F}'),
        ('\u{FE17}', '\u{FE18}'),
        ('\u{FE35}', '\u{FE36}'),
        ('\u{FE37}', '\u{FE38}'),
        ('\u{FE39}', '\u{FE3A}'),
        ('\u{FE3B}', '\u{FE3C}'),
        ('\u{FE3D}', '\u{FE3E}'),
        ('\u{FE3F}', '\u{FE40}'),
        ('\u{FE41}', '\u{FE42}'),
        ('\u{FE43}', '\u{FE44}'),
        ('\u{FE47}', '\u{FE48}'),
        ('\u{FE59}', '\u{FE5A}'),
        ('\u{FE5B}', '\u{FE5C}'),
        ('\u{FE5D}', '\u{FE5E}'),
        ('\u{FF08}', '\u{FF09}'),
        ('\u{FF3B}', '\u{FF3D}'),
        ('\u{FF5B}', '\u{FF5D}'),
        ('\u{FF5F}', '\u{FF60}'),
        ('\u{FF62}', '\u{FF63}'),
    ];
    PAIRS.contains(&(a, b))
}

/// Whether the character at `i` is escaped (an odd number of backslashes before it).
fn escaped(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let mut j = i;
    while j > 0 && b[j - 1] == b'\\' {
        j -= 1;
    }
    (i - j) % 2 == 1
}

/// Whether `\` before `c` is an escape that stands for `c`: ASCII or non-ASCII punctuation.
fn escapable(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && punct(c) != 0)
}

/// The end of the letters and digits from `p`.
fn alnum_run(s: &str, mut p: usize) -> usize {
    while let Some(c) = char_at(s, p) {
        if !c.is_alphanumeric() {
            break;
        }
        p += c.len_utf8();
    }
    p
}

/// The end of an RST simple name (letters and digits, with single `-._+:` between them)
/// starting at `k`.
fn simplename_end(s: &str, k: usize) -> Option<usize> {
    let mut p = alnum_run(s, k);
    if p == k {
        return None;
    }
    while let Some(b'-' | b'.' | b'_' | b'+' | b':') = s.as_bytes().get(p) {
        let q = alnum_run(s, p + 1);
        if q == p + 1 {
            break;
        }
        p = q;
    }
    Some(p)
}

/// Longest simple reference name (`name_`) recognised, in bytes.
const MAX_NAME: usize = 256;

// ---------------------------------------------------------------------------------------
// The parser.

/// One piece of inline markup; text between pieces is text as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node<'a> {
    /// A backslash escape: the character it stands for (`""` for escaped white space).
    Escaped(&'a str),
    /// `**text**`: the text as written (escapes unresolved), as for the others below.
    Strong(&'a str),
    /// `*text*`.
    Emphasis(&'a str),
    /// ``` ``text`` ```: the text, taken literally.
    Literal(&'a str),
    /// Interpreted text: its role (`""`: the default role) and its text.
    Interpreted(&'a str, &'a str),
    /// A phrase reference, `` `text`_ `` or `` `text <target>`__ ``: what is between the
    /// backquotes.
    Phrase(&'a str),
    /// Text that stands for itself once its markers are gone: a simple reference name, a
    /// substitution reference, an inline target, a footnote or citation label (brackets
    /// included).
    Name(&'a str),
    /// A directive marker `.. name::`: the name.
    Directive(&'a str),
    /// The `.. ` of other explicit markup: dropped.
    Marker,
}

/// What the parser tells: a node over `start..end` of the text (which text between nodes
/// is, the renderer knows from the positions).
trait Render<'a> {
    fn node(&mut self, start: usize, end: usize, node: Node<'a>);
}

/// The end-strings searched for, an index into [`Parser::no_end`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Strong,
    Emphasis,
    Literal,
    Target,
    Interpreted,
    Substitution,
}

/// What follows the end backquote of interpreted text.
#[derive(Debug, Clone, Copy, Default)]
struct Suffix<'a> {
    /// A role given after the text, `` `text`:role: ``.
    role: Option<&'a str>,
    /// `_` or `__`: a reference.
    reference: bool,
}

struct Parser<'a> {
    s: &'a str,
    /// The end of the last node: a name cannot reach back past it.
    gap: usize,
    /// Where docutils goes on after a construct or a start-string: it counts as the start
    /// of the text for the recognition rules.
    fresh: usize,
    /// The end of the standalone URI being read: in it, only escapes are markup.
    uri_end: usize,
    /// Per end-string: the first position from which it was searched for and not found
    /// (so that no search is repeated over the same text: no quadratic cells).
    no_end: [usize; 6],
}

/// Reads `s`, telling `r` every node, left to right.
fn parse<'a, R: Render<'a>>(s: &'a str, r: &mut R) {
    let mut p = Parser {
        s,
        gap: 0,
        fresh: 0,
        uri_end: 0,
        no_end: [usize::MAX; 6],
    };
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !PARSE[b[i] as usize] || (i < p.uri_end && b[i] != b'\\') {
            i += 1;
            continue;
        }
        i = match b[i] {
            b'\\' => p.escape(i, r),
            b'*' => p.star(i, r),
            b'`' => p.backquote(i, None, r),
            b':' => p.role(i, r),
            b'|' => p.substitution(i, r),
            b'_' => p.underscore(i, r),
            b'.' => p.explicit(i, r),
            _ => i + 1,
        };
    }
}

/// Whether a start-string of `len` bytes at `i` starts markup.
enum Start {
    /// No: not after white space or punctuation, or white space after it.
    No,
    /// No, as it is quoted (`"*"`); docutils goes on after it.
    Quoted,
    /// Yes.
    Yes,
}

impl<'a> Parser<'a> {
    /// Records a node over `start..end`; returns `end`.
    fn emit<R: Render<'a>>(
        &mut self,
        r: &mut R,
        start: usize,
        end: usize,
        node: Node<'a>,
    ) -> usize {
        r.node(start, end, node);
        self.gap = end;
        self.fresh = end;
        end
    }

    /// Whether markup may start at `i`: at the start of the text, or after white space or
    /// opening or delimiting punctuation.
    fn after_ok(&self, i: usize) -> bool {
        i == self.fresh || char_before(self.s, i).is_none_or(starts_after)
    }

    /// Whether markup may end at `j` (the byte after an end-string).
    fn before_ok(&self, j: usize) -> bool {
        char_at(self.s, j).is_none_or(ends_before)
    }

    /// Whether the start-string `i..i + len` starts markup; `quotable`: whether a matching
    /// pair around it (`"*"`) cancels it.
    fn start(&self, i: usize, len: usize, quotable: bool) -> Start {
        if !self.after_ok(i) {
            return Start::No;
        }
        let next = char_at(self.s, i + len);
        if next.is_some_and(char::is_whitespace) {
            return Start::No;
        }
        if quotable && i != self.fresh {
            match (char_before(self.s, i), next) {
                (_, None) => return Start::Quoted,
                (Some(a), Some(b)) if matching(a, b) => return Start::Quoted,
                _ => {}
            }
        }
        Start::Yes
    }

    /// `\` at `i`: an escape node for punctuation and white space (nothing for a space or a
    /// line break); otherwise the backslash stays and the character after it starts nothing.
    fn escape<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let s = self.s;
        let Some(c) = char_at(s, i + 1) else {
            return i + 1;
        };
        let end = i + 1 + c.len_utf8();
        if matches!(c, ' ' | '\n' | '\r') {
            r.node(i, end, Node::Escaped(""));
        } else if escapable(c) || c.is_whitespace() {
            r.node(i, end, Node::Escaped(&s[i + 1..end]));
        } else {
            return end;
        }
        self.gap = end;
        end
    }

    /// `*` at `i`: strong or emphasis.
    fn star<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let (len, end) = match self.s.as_bytes().get(i + 1) {
            Some(b'*') => (2, End::Strong),
            _ => (1, End::Emphasis),
        };
        self.inline(i, len, end, r)
    }

    /// `|` at `i`: a substitution reference.
    fn substitution<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        if self.s.as_bytes().get(i + 1) == Some(&b'|') {
            return i + 2;
        }
        self.inline(i, 1, End::Substitution, r)
    }

    /// The start-string `i..i + len` of an inline object ending with `end`: the object, or
    /// the position after the start-string.
    fn inline<R: Render<'a>>(&mut self, i: usize, len: usize, end: End, r: &mut R) -> usize {
        let from = i + len;
        match self.start(i, len, true) {
            Start::No => return from,
            Start::Quoted => {
                self.fresh = from;
                return from;
            }
            Start::Yes => {}
        }
        match self.find_end(from, end) {
            Some((j, e, _)) if j > from => {
                let text = &self.s[from..j];
                let node = match end {
                    End::Strong => Node::Strong(text),
                    End::Emphasis => Node::Emphasis(text),
                    End::Literal => Node::Literal(text),
                    _ => Node::Name(text),
                };
                self.emit(r, i, e, node)
            }
            _ => {
                self.fresh = from;
                from
            }
        }
    }

    /// `` ` `` at `i`: a literal, or interpreted text or a phrase reference (`role`: the
    /// start of its `:role:` prefix, and the role).
    fn backquote<R: Render<'a>>(
        &mut self,
        i: usize,
        role: Option<(usize, &'a str)>,
        r: &mut R,
    ) -> usize {
        let s = self.s;
        if s.as_bytes().get(i + 1) == Some(&b'`') {
            return self.inline(i, 2, End::Literal, r);
        }
        let from = i + 1;
        let start = match role {
            // The role was checked by `role`: markup may start before it.
            Some((at, _)) => {
                if char_at(s, from).is_none_or(char::is_whitespace) {
                    return from;
                }
                at
            }
            None => match self.start(i, 1, true) {
                Start::No => return from,
                Start::Quoted => {
                    self.fresh = from;
                    return from;
                }
                Start::Yes => i,
            },
        };
        match self.find_end(from, End::Interpreted) {
            Some((j, e, suffix)) if j > from => {
                let text = &s[from..j];
                match (role, suffix.role, suffix.reference) {
                    (None, None, true) => self.emit(r, start, e, Node::Phrase(text)),
                    (None, None, false) => self.emit(r, start, e, Node::Interpreted("", text)),
                    (Some((_, name)), None, false) | (None, Some(name), false) => {
                        self.emit(r, start, e, Node::Interpreted(name, text))
                    }
                    // Two roles, or a role and a reference: an error in RST; as written.
                    _ => {
                        self.fresh = e;
                        e
                    }
                }
            }
            _ => {
                self.fresh = from;
                from
            }
        }
    }

    /// `:` at `i`: the role prefix of interpreted text, `` :role:`text` ``.
    fn role<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let s = self.s;
        let b = s.as_bytes();
        if b.get(i + 1) == Some(&b'/') && b.get(i + 2) == Some(&b'/') {
            return self.uri(i);
        }
        if !self.after_ok(i) {
            return i + 1;
        }
        let Some(k) = simplename_end(s, i + 1) else {
            return i + 1;
        };
        if b.get(k) == Some(&b':') && b.get(k + 1) == Some(&b'`') && b.get(k + 2) != Some(&b'`') {
            return self.backquote(k + 1, Some((i, &s[i + 1..k])), r);
        }
        i + 1
    }

    /// `://` at `i`: after a scheme, a standalone URI up to white space, `<`, `>`, `"` or a
    /// backquote, in which only escapes are read (docutils would read `a_b_/` in
    /// `https://e.example/a_b_/c` as a reference).
    fn uri(&mut self, i: usize) -> usize {
        let b = self.s.as_bytes();
        let mut k = i;
        while k > 0 && (b[k - 1].is_ascii_alphanumeric() || matches!(b[k - 1], b'+' | b'-' | b'.'))
        {
            k -= 1;
        }
        if k == i || !b[k].is_ascii_alphabetic() || (k > 0 && b[k - 1] >= 0x80) {
            return i + 1;
        }
        let mut end = i + 3;
        while end < b.len()
            && !b[end].is_ascii_whitespace()
            && !matches!(b[end], b'<' | b'>' | b'"' | b'`')
        {
            end += 1;
        }
        self.uri_end = end;
        i + 3
    }

    /// `_` at `i`: an inline target `` _`text` ``, or the end of a simple reference
    /// `name_`, `name__` or a footnote or citation reference `[label]_`.
    fn underscore<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let s = self.s;
        let b = s.as_bytes();
        if b.get(i + 1) == Some(&b'`') {
            return self.inline(i, 2, End::Target, r);
        }
        let Some(prev) = char_before(s, i) else {
            return i + 1;
        };
        // Docutils finds a whole construct at its start, before anything inside it: only the
        // last node bounds it.
        let lo = self.gap;
        if prev == ']' && self.before_ok(i + 1) {
            if let Some(open) = self.footnote_start(i - 1, lo) {
                return self.emit(r, open, i + 1, Node::Name(&s[open..i]));
            }
            return i + 1;
        }
        if !prev.is_alphanumeric() {
            return i + 1;
        }
        let len = if b.get(i + 1) == Some(&b'_') && self.before_ok(i + 2) {
            2
        } else if self.before_ok(i + 1) {
            1
        } else {
            return i + 1;
        };
        match self.name_start(i, lo) {
            Some(start) => self.emit(r, start, i + len, Node::Name(&s[start..i])),
            None => i + 1,
        }
    }

    /// The leftmost start of a simple name that ends at `end`, not before `lo`, where markup
    /// may start.
    fn name_start(&self, end: usize, lo: usize) -> Option<usize> {
        let s = self.s;
        let b = s.as_bytes();
        let lo = lo.max(end.saturating_sub(MAX_NAME));
        let (mut p, mut best) = (end, None);
        loop {
            let run_end = p;
            while p > lo {
                match char_before(s, p) {
                    Some(c) if c.is_alphanumeric() => p -= c.len_utf8(),
                    _ => break,
                }
            }
            if p == run_end {
                break;
            }
            if self.after_ok(p) {
                best = Some(p);
            }
            if p > lo + 1
                && matches!(b[p - 1], b'-' | b'.' | b'_' | b'+' | b':')
                && char_before(s, p - 1).is_some_and(char::is_alphanumeric)
            {
                p -= 1;
            } else {
                break;
            }
        }
        best
    }

    /// The `[` of a footnote or citation label that ends with the `]` at `close`.
    fn footnote_start(&self, close: usize, lo: usize) -> Option<usize> {
        let s = self.s;
        let b = s.as_bytes();
        let mut open = close;
        while open > lo && close - open < MAX_NAME {
            open -= 1;
            if b[open] == b'[' {
                let label = &s[open + 1..close];
                let ok = match label.as_bytes() {
                    [] => false,
                    [b'#'] | [b'*'] => true,
                    [b'#', ..] => simplename_end(label, 1) == Some(label.len()),
                    l if l.iter().all(u8::is_ascii_digit) => true,
                    _ => simplename_end(label, 0) == Some(label.len()),
                };
                return (ok && self.after_ok(open)).then_some(open);
            }
        }
        None
    }

    /// `.` at `i`: `.. ` at the start of the text or after white space begins explicit
    /// markup: a directive marker `.. name::`, or another marker (a comment).
    fn explicit<R: Render<'a>>(&mut self, i: usize, r: &mut R) -> usize {
        let s = self.s;
        let b = s.as_bytes();
        if b.get(i + 1) != Some(&b'.')
            || b.get(i + 2) != Some(&b' ')
            || char_before(s, i).is_some_and(|c| !c.is_whitespace())
        {
            return i + 1;
        }
        let mut k = i + 3;
        while b.get(k) == Some(&b' ') {
            k += 1;
        }
        if char_at(s, k).is_none_or(char::is_whitespace) {
            return i + 2;
        }
        let mut m = k;
        while m < b.len()
            && (b[m].is_ascii_alphanumeric() || matches!(b[m], b'-' | b'_' | b'+' | b'.' | b':'))
        {
            m += 1;
        }
        let word = &s[k..m];
        if let Some(name) = word.strip_suffix("::") {
            if name
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_alphanumeric)
                && !name.ends_with(':')
                && char_at(s, m).is_none_or(char::is_whitespace)
            {
                return self.emit(r, i, m, Node::Directive(name));
            }
        }
        self.emit(r, i, k, Node::Marker)
    }

    /// The first end-string `end` at or after `from`: its start, the end of the markup
    /// (suffixes included) and, for interpreted text, what follows it.
    fn find_end(&mut self, from: usize, end: End) -> Option<(usize, usize, Suffix<'a>)> {
        let k = end as usize;
        if from >= self.no_end[k] {
            return None;
        }
        let b = self.s.as_bytes();
        let (byte, escapes) = match end {
            End::Strong | End::Emphasis => (b'*', true),
            End::Literal => (b'`', false),
            End::Target | End::Interpreted => (b'`', true),
            End::Substitution => (b'|', true),
        };
        let mut j = from;
        while j < b.len() {
            let c = b[j];
            if escapes && c == b'\\' {
                j += 2;
                continue;
            }
            if c == byte {
                if let Some(hit) = self.end_at(j, end) {
                    return Some(hit);
                }
            }
            j += 1;
        }
        self.no_end[k] = from;
        None
    }

    /// Whether the end-string `end` is at `j` (its first byte there, not escaped).
    fn end_at(&self, j: usize, end: End) -> Option<(usize, usize, Suffix<'a>)> {
        let s = self.s;
        let b = s.as_bytes();
        let prev = char_before(s, j)?;
        if prev.is_whitespace() && (end != End::Interpreted || !escaped(s, j - prev.len_utf8())) {
            return None;
        }
        let plain = |e: usize| self.before_ok(e).then_some((j, e, Suffix::default()));
        match end {
            End::Strong => (b.get(j + 1) == Some(&b'*')).then_some(())?,
            End::Literal => (b.get(j + 1) == Some(&b'`')).then_some(())?,
            End::Emphasis | End::Target => return plain(j + 1),
            End::Substitution => {
                let after = j + 1;
                let mut n = 0;
                while n < 2 && b.get(after + n) == Some(&b'_') {
                    n += 1;
                }
                return (0..=n).rev().find_map(|u| plain(after + u));
            }
            End::Interpreted => return self.interpreted_end(j),
        }
        plain(j + 2)
    }

    /// The end backquote of interpreted text at `j`, with an optional `:role:` and `_` or
    /// `__` after it, tried in the order of docutils' pattern.
    fn interpreted_end(&self, j: usize) -> Option<(usize, usize, Suffix<'a>)> {
        let s = self.s;
        let b = s.as_bytes();
        let after = j + 1;
        let role = match b.get(after) {
            Some(b':') => simplename_end(s, after + 1)
                .filter(|&m| b.get(m) == Some(&b':'))
                .map(|m| (&s[after + 1..m], m + 1)),
            _ => None,
        };
        let refs = |at: usize, role: Option<&'a str>| {
            let mut n = 0;
            while n < 2 && b.get(at + n) == Some(&b'_') {
                n += 1;
            }
            (0..=n).rev().find_map(|u| {
                self.before_ok(at + u).then_some((
                    j,
                    at + u,
                    Suffix {
                        role,
                        reference: u > 0,
                    },
                ))
            })
        };
        role.and_then(|(name, at)| refs(at, Some(name)))
            .or_else(|| refs(after, None))
    }
}

// ---------------------------------------------------------------------------------------
// Rendering.

/// How a role's text reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RoleKind {
    /// Code taken as written, backslashes included (`code`, `math`, as docutils does): a
    /// code span.
    Raw,
    /// Code: a code span.
    Literal,
    /// Strong.
    Strong,
    /// Emphasis (also the default role, title references).
    Emphasis,
    /// Its text, or its explicit title (`Title <target>`).
    Text,
}

/// How the text of `role` reads (its last `:`-separated part, as for `py:func`).
fn role_kind(role: &str) -> RoleKind {
    let name = match role.rfind(':') {
        Some(p) => &role[p + 1..],
        None => role,
    };
    const LITERAL: [&str; 11] = [
        "literal", "samp", "file", "kbd", "command", "program", "option", "envvar", "makevar",
        "regexp", "mimetype",
    ];
    const EMPHASIS: [&str; 6] = ["", "emphasis", "dfn", "title-reference", "title", "t"];
    let is = |list: &[&str]| list.iter().any(|r| r.eq_ignore_ascii_case(name));
    if is(&["code", "math"]) {
        RoleKind::Raw
    } else if is(&LITERAL) {
        RoleKind::Literal
    } else if name.eq_ignore_ascii_case("strong") {
        RoleKind::Strong
    } else if is(&EMPHASIS) {
        RoleKind::Emphasis
    } else {
        RoleKind::Text
    }
}

/// `s` with its escapes resolved.
fn unescape(s: &str) -> Cow<'_, str> {
    if !s.as_bytes().contains(&b'\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    unescape_into(&mut out, s);
    Cow::Owned(out)
}

/// Appends `s` to `out` with its escapes resolved: `\` and a space or line break is nothing,
/// `\` and punctuation or other white space is the character, any other backslash stays.
fn unescape_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(c) = char_at(s, i + 1) else {
            break;
        };
        let end = i + 1 + c.len_utf8();
        if matches!(c, ' ' | '\n' | '\r') {
            out.push_str(&s[run..i]);
            run = end;
        } else if escapable(c) || c.is_whitespace() {
            out.push_str(&s[run..i]);
            out.push(c);
            run = end;
        }
        i = end;
    }
    out.push_str(&s[run..]);
}

/// The text of interpreted text with the role of [`RoleKind::Text`], as written (escapes
/// unresolved): its explicit title (`Title <target>`), else the text without a leading `!`,
/// and `~a.b.c` as `c`.
fn role_text(raw: &str) -> &str {
    if let Some((title, _)) = embedded(raw, false) {
        if !title.is_empty() {
            return title;
        }
    }
    let t = raw.strip_prefix('!').unwrap_or(raw);
    match t.strip_prefix('~') {
        Some(rest) => match rest.rfind('.') {
            Some(p) if p + 1 < rest.len() => &rest[p + 1..],
            _ => rest,
        },
        None => t,
    }
}

/// `text <target>` split into its text (trimmed) and target, if `raw` ends with a target
/// in angle brackets (not escaped). `spaced`: the `<` must follow white space or start the
/// text (RST's embedded URIs and aliases); else it may follow anything (Sphinx's titles).
fn embedded(raw: &str, spaced: bool) -> Option<(&str, &str)> {
    let b = raw.as_bytes();
    let close = b.len().checked_sub(1)?;
    if b[close] != b'>' || escaped(raw, close) {
        return None;
    }
    let mut open = None;
    let mut k = 0;
    while k < close {
        match b[k] {
            b'\\' => k += 1,
            b'<' if !spaced => {
                open = Some(k);
                break;
            }
            b'<' => open = Some(k),
            b'>' if spaced => open = None,
            _ => {}
        }
        k += 1;
    }
    let open = open?;
    let target = &raw[open + 1..close];
    let before = &raw[..open];
    if target.is_empty()
        || target.starts_with(char::is_whitespace)
        || (spaced && target.ends_with(char::is_whitespace))
        || (spaced && !before.is_empty() && !before.ends_with(char::is_whitespace))
        || (!spaced && before.is_empty())
    {
        return None;
    }
    Some((before.trim_end(), target))
}

/// What a phrase reference reads: its text (escapes resolved) and the URL it links to,
/// if it embeds one (an embedded alias `name_` is not a URL: the text, else the name).
fn phrase(raw: &str) -> (Cow<'_, str>, Option<String>) {
    let Some((text, target)) = embedded(raw, true) else {
        return (unescape(raw), None);
    };
    if target.ends_with('_') && !escaped(target, target.len() - 1) {
        let name = if text.is_empty() {
            &target[..target.len() - 1]
        } else {
            text
        };
        return (unescape(name), None);
    }
    let resolved = unescape(target);
    let mut url = String::with_capacity(resolved.len());
    for part in resolved.split_whitespace() {
        url.push_str(part);
    }
    let text = if text.is_empty() {
        Cow::Owned(url.clone())
    } else {
        unescape(text)
    };
    (text, Some(url))
}

/// `text (url)`, or `url` alone when the text is the URL.
fn text_and_url(out: &mut String, text: &str, url: &str) {
    out.push_str(text);
    if text != url {
        out.push_str(" (");
        out.push_str(url);
        out.push(')');
    }
}

/// The label a directive marker reads as: `Note:` for `note`.
fn directive_label(name: &str) -> Cow<'_, str> {
    const KNOWN: [(&str, &str); 10] = [
        ("attention", "Attention:"),
        ("caution", "Caution:"),
        ("danger", "Danger:"),
        ("error", "Error:"),
        ("hint", "Hint:"),
        ("important", "Important:"),
        ("note", "Note:"),
        ("tip", "Tip:"),
        ("warning", "Warning:"),
        ("seealso", "See also:"),
    ];
    for (n, label) in KNOWN {
        if n.eq_ignore_ascii_case(name) {
            return Cow::Borrowed(label);
        }
    }
    let mut out = String::with_capacity(name.len() + 1);
    let mut first = true;
    for c in name.chars() {
        if first {
            out.extend(c.to_uppercase());
            first = false;
        } else {
            out.push(c);
        }
    }
    out.push(':');
    Cow::Owned(out)
}

/// [`plain`]'s renderer: text between nodes as written.
struct Plain<'a> {
    src: &'a str,
    out: String,
    /// The end of the last node: the text after it is not written yet.
    at: usize,
}

impl<'a> Render<'a> for Plain<'a> {
    fn node(&mut self, start: usize, end: usize, node: Node<'a>) {
        let out = &mut self.out;
        if out.capacity() == 0 {
            out.reserve(self.src.len());
        }
        out.push_str(&self.src[self.at..start]);
        match node {
            Node::Escaped(c) => out.push_str(c),
            Node::Strong(t) | Node::Emphasis(t) | Node::Name(t) => unescape_into(out, t),
            Node::Literal(t) => out.push_str(t),
            Node::Interpreted(role, t) => match role_kind(role) {
                RoleKind::Text => unescape_into(out, role_text(t)),
                RoleKind::Raw => out.push_str(t),
                _ => unescape_into(out, t),
            },
            Node::Phrase(t) => match phrase(t) {
                (text, None) => out.push_str(&text),
                (text, Some(url)) => text_and_url(out, &text, &url),
            },
            Node::Directive(name) => out.push_str(&directive_label(name)),
            Node::Marker => {}
        }
        self.at = end;
    }
}

/// [`markdown`]'s renderer: text between nodes made inert.
struct Markdown<'a> {
    src: &'a str,
    out: String,
    /// The end of the last node: the text after it is not written yet.
    at: usize,
    /// The length of `out` right after the last closing emphasis marker written.
    closer: usize,
    /// The emphasis whose closer waits for what follows it: the opener's position and the
    /// markers' length.
    pending: Option<(usize, usize)>,
    /// The last code span written: its position in `out`, its end and its text (two code
    /// spans side by side would make one run of backticks of their fences: they are one).
    code: (usize, usize, String),
}

impl<'a> Render<'a> for Markdown<'a> {
    fn node(&mut self, start: usize, end: usize, node: Node<'a>) {
        inert_into(&mut self.out, &self.src[self.at..start]);
        self.settle(false);
        self.at = end;
        match node {
            Node::Escaped(c) => inert_into(&mut self.out, c),
            Node::Strong(t) => self.emphasis("**", &unescape(t)),
            Node::Emphasis(t) => self.emphasis("*", &unescape(t)),
            Node::Literal(t) => self.code(t),
            Node::Name(t) => inert_into(&mut self.out, &unescape(t)),
            Node::Interpreted(role, t) => match role_kind(role) {
                RoleKind::Raw => self.code(t),
                RoleKind::Literal => self.code(&unescape(t)),
                RoleKind::Strong => self.emphasis("**", &unescape(t)),
                RoleKind::Emphasis => self.emphasis("*", &unescape(t)),
                RoleKind::Text => inert_into(&mut self.out, &unescape(role_text(t))),
            },
            Node::Phrase(t) => match phrase(t) {
                (text, None) => inert_into(&mut self.out, &text),
                (text, Some(url)) if linkable(&url) && !self.out.ends_with('!') => {
                    self.out.push('[');
                    inert_into(&mut self.out, &text);
                    self.out.push_str("](");
                    // In a link destination, entities are read: `&` must be one.
                    let mut run = 0;
                    for (k, c) in url.bytes().enumerate() {
                        if c == b'&' {
                            self.out.push_str(&url[run..k]);
                            self.out.push_str("&amp;");
                            run = k + 1;
                        }
                    }
                    self.out.push_str(&url[run..]);
                    self.out.push(')');
                }
                (text, Some(url)) => {
                    let mut t = String::with_capacity(text.len() + url.len() + 3);
                    text_and_url(&mut t, &text, &url);
                    inert_into(&mut self.out, &t);
                }
            },
            Node::Directive(name) => self.emphasis("**", &directive_label(name)),
            Node::Marker => {}
        }
    }
}

impl Markdown<'_> {
    /// `text` as a code span; right after another one, the two as one.
    fn code(&mut self, text: &str) {
        let (start, end, ref mut before) = self.code;
        if end == self.out.len() {
            before.push_str(text);
            self.out.truncate(start);
        } else {
            before.clear();
            before.push_str(text);
            self.code.0 = self.out.len();
        }
        let span = code_span(&self.code.2);
        self.out.push_str(&span);
        self.code.1 = self.out.len();
    }

    /// `text` between `marker`s, if CommonMark reads them as emphasis here: a left-flanking
    /// opener after what is written so far, and a right-flanking closer, which, when the
    /// text ends with punctuation, depends on what is written next ([`Markdown::settle`]).
    /// Else the text alone. Inert either way.
    fn emphasis(&mut self, marker: &'static str, text: &str) {
        let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
            return;
        };
        let opens = self.closer != self.out.len()
            && !first.is_whitespace()
            && (first.is_alphanumeric() || self.out.chars().next_back().is_none_or(loose));
        if !opens || last.is_whitespace() {
            inert_into(&mut self.out, text);
            return;
        }
        let open = self.out.len();
        self.out.push_str(marker);
        inert_into(&mut self.out, text);
        self.out.push_str(marker);
        self.closer = self.out.len();
        if !last.is_alphanumeric() {
            self.pending = Some((open, marker.len()));
        }
    }

    /// Decides the emphasis whose closer waits for what follows it (see
    /// [`Markdown::emphasis`]), once something follows or the text ends: a closer after
    /// punctuation is right-flanking only before white space, punctuation or the end. If it
    /// is not, both markers go.
    fn settle(&mut self, ended: bool) {
        let Some((open, len)) = self.pending else {
            return;
        };
        let next = self.out[self.closer..].chars().next();
        if next.is_none() && !ended {
            return;
        }
        self.pending = None;
        if !next.is_none_or(loose) {
            self.out.replace_range(self.closer - len..self.closer, "");
            self.out.replace_range(open..open + len, "");
            self.closer = usize::MAX;
        }
    }
}

/// Whether `c`, next to an emphasis marker, lets CommonMark read it as one whatever is on
/// its other side: white space or punctuation.
fn loose(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || (!c.is_ascii() && punct(c) != 0)
}

/// Whether `url` can be a Markdown link destination as it is: `http(s)://` and more, in
/// printable ASCII without quotes, angle brackets, brackets, parentheses, braces, `|`, `^`,
/// backquotes or backslashes.
fn linkable(url: &str) -> bool {
    let b = url.as_bytes();
    let rest = match b.get(..8) {
        Some(p) if p.eq_ignore_ascii_case(b"https://") => &b[8..],
        _ => match b.get(..7) {
            Some(p) if p.eq_ignore_ascii_case(b"http://") => &b[7..],
            _ => return false,
        },
    };
    !rest.is_empty()
        && !rest.iter().any(|&c| {
            !(0x21..0x7F).contains(&c)
                || matches!(
                    c,
                    b'"' | b'\''
                        | b'<'
                        | b'>'
                        | b'['
                        | b']'
                        | b'('
                        | b')'
                        | b'{'
                        | b'}'
                        | b'|'
                        | b'^'
                        | b'`'
                        | b'\\'
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ctxt;

    /// `plain` and `markdown` of `s`.
    fn both(s: &str) -> (String, String) {
        (plain(s).into_owned(), markdown(s).into_owned())
    }

    /// `m` without its code spans (a run of backticks up to the next run of the same
    /// length, as CommonMark reads them; backslash escapes outside them skipped): where a
    /// `<` would be read as HTML. Inside a code span it is text.
    pub(super) fn outside_code(m: &str) -> String {
        let b = m.as_bytes();
        let (mut out, mut from, mut i) = (String::new(), 0, 0);
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1 + char_at(m, i + 1).map_or(0, char::len_utf8),
                b'`' => {
                    let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                    let mut j = i + n;
                    let close = loop {
                        match b[j..].iter().position(|&c| c == b'`') {
                            None => break None,
                            Some(k) => {
                                let at = j + k;
                                let len = b[at..].iter().take_while(|&&c| c == b'`').count();
                                if len == n {
                                    break Some(at);
                                }
                                j = at + len;
                            }
                        }
                    };
                    match close {
                        Some(at) => {
                            out.push_str(&m[from..i]);
                            i = at + n;
                            from = i;
                        }
                        None => i += n,
                    }
                }
                _ => i += 1,
            }
        }
        out.push_str(&m[from..]);
        out
    }

    #[test]
    fn angle_brackets_are_raw_only_in_code_spans() {
        let m = markdown("``<y>`` and <z> and :code:`a<b` and `<https://e.example>`_");
        assert_eq!(
            m,
            "`<y>` and &lt;z&gt; and `a<b` and [https://e.example](https://e.example)"
        );
        assert_eq!(
            outside_code(&m),
            " and &lt;z&gt; and  and [https://e.example](https://e.example)"
        );
        assert_eq!(outside_code("a \\` b `c` d ``e`f`` g"), "a \\` b  d  g");
    }

    #[track_caller]
    fn check(s: &str, p: &str, m: &str) {
        assert_eq!(both(s), (p.to_owned(), m.to_owned()), "{s:?}");
    }

    #[test]
    fn strong_and_emphasis() {
        check(
            "Invalid **X-Auth-Token**.",
            "Invalid X-Auth-Token.",
            "Invalid **X-Auth-Token**.",
        );
        check("**a** and **b**", "a and b", "**a** and **b**");
        check(
            "an *emphasised* word",
            "an emphasised word",
            "an *emphasised* word",
        );
        check("é**ü**", "é**ü**", "é\\*\\*ü\\*\\*");
        check(
            "**Schlüssel** ungültig",
            "Schlüssel ungültig",
            "**Schlüssel** ungültig",
        );
        check("«*x*» “**y**”", "«x» “y”", "«*x*» “**y**”");
        check("(**Enabled**)", "(Enabled)", "(**Enabled**)");
        // The text of strong is taken literally: no nesting.
        check("**a *b* c**", "a *b* c", "**a \\*b\\* c**");
        check("***a***", "*a*", "**\\*a\\***");
    }

    #[test]
    fn literals() {
        check("Set ``a_b`` to 1.", "Set a_b to 1.", "Set `a_b` to 1.");
        check("``C:\\temp\\*``", "C:\\temp\\*", "`C:\\temp\\*`");
        check("``a`b``", "a`b", "`` a`b ``");
        check("``*x*`` and ``<y>``", "*x* and <y>", "`*x*` and `<y>`");
        check("``a``b`` c", "a``b c", "``` a``b ``` c");
        // Side by side, two code spans would make one run of backticks: they are one.
        check("``a``\\ ``b`c``", "ab`c", "`` ab`c ``");
        check("``a``\\ :code:`b`, ``c``", "ab, c", "`ab`, `c`");
        // `code` and `math` keep backslashes, as docutils does; `literal` does not.
        check(
            ":code:`a\\_b` :math:`\\alpha` :literal:`a\\_b`",
            "a\\_b \\alpha a_b",
            "`a\\_b` `\\alpha` `a_b`",
        );
    }

    #[test]
    fn escapes() {
        check("\\_a\\* \\\\ x", "_a* \\ x", "\\_a\\* \\\\ x");
        check("3\\ *xx*, 4\\ *xx*", "3xx, 4xx", "3*xx*, 4*xx*");
        check(
            "\\**not strong**",
            "**not strong**",
            "\\*\\*not strong\\*\\*",
        );
        check("a\\\n b", "a b", "a b");
        // A backslash before anything but ASCII punctuation and white space stays.
        check(
            "C:\\temp\\new \\n \\é",
            "C:\\temp\\new \\n \\é",
            "C:\\\\temp\\\\new \\\\n \\\\é",
        );
        check("trailing \\", "trailing \\", "trailing \\\\");
        check("\\\\n", "\\n", "\\\\n");
        // An escaped `__`: the classic way to write a dunder name.
        check("\\__init\\__", "__init__", "\\_\\_init\\_\\_");
        // Non-ASCII punctuation and white space other than a space or line break: the
        // character.
        check(
            "a\\—b \\« c\\\tx\\\u{a0}y",
            "a—b « c\tx\u{a0}y",
            "a—b « c x\u{a0}y",
        );
    }

    #[test]
    fn roles() {
        check(
            "See :ref:`Constructing a Request <obs_04_0007>`.",
            "See Constructing a Request.",
            "See Constructing a Request.",
        );
        check(":ref:`obs_04_0007`", "obs_04_0007", "obs_04_0007");
        check(":ref:`Title<t>`", "Title", "Title");
        check(
            ":abbr:`LIFO (last-in, first-out)`",
            "LIFO (last-in, first-out)",
            "LIFO (last-in, first-out)",
        );
        check(":code:`x < y`", "x < y", "`x < y`");
        check(":literal:`a <b>`", "a <b>", "`a <b>`");
        check("`title`", "title", "*title*");
        check("`text`:strong: `t`:emphasis:", "text t", "**text** *t*");
        check(":py:func:`~a.b.c` :doc:`!x`", "c x", "c x");
        check(":kbd:`Ctrl+C`", "Ctrl+C", "`Ctrl+C`");
        check(":sup:`2` :guilabel:`&OK`", "2 &OK", "2 &amp;OK");
        check(":ref:`a\\_b <x>`", "a_b", "a_b");
        // Two roles, or a role and a reference: an error in RST, kept as written.
        check(":a:`x`:b:", ":a:`x`:b:", ":a:\\`x\\`:b:");
        check(":a:`x`_", ":a:`x`_", ":a:\\`x\\`\\_");
        // Not a role: a URL, a time, a literal after a role-like prefix.
        check(
            "https://e.example:8080",
            "https://e.example:8080",
            "https://e.example:8080",
        );
        check(":r:``x``", ":r:x", ":r:`x`");
    }

    #[test]
    fn references() {
        check(
            "See `docs <https://e.example>`_.",
            "See docs (https://e.example).",
            "See [docs](https://e.example).",
        );
        check(
            "`docs <https://e.example/a_b?x=1&y=2>`__",
            "docs (https://e.example/a_b?x=1&y=2)",
            "[docs](https://e.example/a_b?x=1&amp;y=2)",
        );
        check(
            "`<https://e.example/a>`_",
            "https://e.example/a",
            "[https://e.example/a](https://e.example/a)",
        );
        check(
            "`https://e.example <https://e.example>`_",
            "https://e.example",
            "[https://e.example](https://e.example)",
        );
        check(
            "`a url <https://e.example/very\n   long>`_",
            "a url (https://e.example/verylong)",
            "[a url](https://e.example/verylong)",
        );
        // Not http(s), or not safe as a link destination: text, as plain reads it.
        check(
            "`mail <mailto:a@b.example>`_",
            "mail (mailto:a@b.example)",
            "mail (mailto:a@b.example)",
        );
        check(
            "`x <javascript:alert(1)>`_",
            "x (javascript:alert(1))",
            "x (javascript:alert(1))",
        );
        check(
            "`x <https://e.example/(y)>`_",
            "x (https://e.example/(y))",
            "x (https://e.example/(y))",
        );
        check(
            "`x <https://e.example/a\"b>`_",
            "x (https://e.example/a\"b)",
            "x (https://e.example/a\"b)",
        );
        check("`text <alias_>`_ `<alias_>`_", "text alias", "text alias");
        check(
            "`Error Codes`_ and `more`__",
            "Error Codes and more",
            "Error Codes and more",
        );
        check(
            "see name_, also other__.",
            "see name, also other.",
            "see name, also other.",
        );
        check("x_1_ and AES_128_", "x_1 and AES_128", "x_1 and AES_128");
        check(
            "a-b_ [1]_ [#]_ [#note]_ [*]_ [CIT2002]_",
            "a-b [1] [#] [#note] [*] [CIT2002]",
            "a-b \\[1\\] \\[\\#\\] \\[\\#note\\] \\[\\*\\] \\[CIT2002\\]",
        );
        check(
            "|version| and |name|_ and _`target`",
            "version and name and target",
            "version and name and target",
        );
        check(
            "x.name_ y:name_ （z_）",
            "x.name y:name （z）",
            "x.name y:name （z）",
        );
        // In a standalone URI only escapes are markup.
        check(
            "https://e.example/a\\_b_/c",
            "https://e.example/a_b_/c",
            "https://e.example/a\\_b\\_/c",
        );
        // A link never follows `!` (an image in Markdown).
        check(
            "!\\ `a <https://e.example>`_",
            "!a (https://e.example)",
            "!a (https://e.example)",
        );
    }

    #[test]
    fn directives_and_comments() {
        check(
            ".. note:: Text of the note.",
            "Note: Text of the note.",
            "**Note:** Text of the note.",
        );
        check(
            ".. note:: The **\\__system__server_id** field is reserved.",
            "Note: The __system__server_id field is reserved.",
            "**Note:** The **\\_\\_system\\_\\_server_id** field is reserved.",
        );
        for (d, label) in [
            ("important", "Important:"),
            ("caution", "Caution:"),
            ("warning", "Warning:"),
            ("tip", "Tip:"),
            ("danger", "Danger:"),
            ("attention", "Attention:"),
            ("hint", "Hint:"),
            ("error", "Error:"),
            ("seealso", "See also:"),
            ("NOTE", "Note:"),
            ("code-block", "Code-block:"),
            ("versionadded", "Versionadded:"),
        ] {
            let s = format!(".. {d}:: x");
            assert_eq!(
                both(&s),
                (format!("{label} x"), format!("**{label}** x")),
                "{s}"
            );
        }
        check(
            "Text. .. note:: More.",
            "Text. Note: More.",
            "Text. **Note:** More.",
        );
        check(".. note::", "Note:", "**Note:**");
        // Other explicit markup: only the marker goes.
        check(".. TODO check this", "TODO check this", "TODO check this");
        check(
            ".. _label: https://e.example",
            "_label: https://e.example",
            "\\_label: https://e.example",
        );
        check(".. |x| replace:: y", "x replace:: y", "x replace:: y");
        // Not explicit markup.
        for s in [
            "wait... ok",
            "failed..",
            "a..b",
            "end ..",
            "x.. y",
            "..",
            ".. ",
        ] {
            assert_eq!(plain(s), s, "{s:?}");
        }
        check(".. note::Text", "note::Text", "note::Text");
    }

    #[test]
    fn recognition_rules_keep_text_as_written() {
        for s in [
            "2**10 is 1024",
            "a*b*c",
            "x ** y ** z",
            "** not bold **",
            "****",
            "*",
            "**",
            "a*b*",
            "*a *",
            "\"*\" and (*) and '**' and [*] and «*»",
            "snake_case",
            "AES_128 or AES_256",
            "random_data_length must be a multiple of 8.",
            "__init__ and __x",
            "_emphasis_.",
            "x_1 - y_2 and a__b",
            "file_name.csv",
            "http://e.example/a_b_/c",
            "a | b || c |d",
            "a|b|c",
            "see https://e.example/a_b_/c and https://e.example/*a* ok",
            "»*» ）x_ y",
            "price: 5*3",
            "Note: x",
            "`",
            "``",
            "` x`",
            "`x `",
            "`` x``",
            "|",
            "| x|",
            "_` x`",
            "1. The IP address group.\\n2. Another.",
            "{0} %s %(key)s {{}}",
            "Schlüssel ungültig — 密钥不存在 — ключ 🔑",
            "",
        ] {
            assert_eq!(plain(s), s, "{s:?}");
        }
    }

    #[test]
    fn unbalanced_markup_loses_no_text() {
        for (s, p) in [
            ("**a", "**a"),
            ("*a", "*a"),
            ("``a", "``a"),
            ("`a", "`a"),
            ("|a", "|a"),
            (":ref:`x", ":ref:`x"),
            ("_`x", "_`x"),
            ("**a *b*", "**a b"),
            ("*a **b** c*", "a **b* c*"),
            ("`a <https://e.example>`", "a <https://e.example>"),
            ("`a <https://e.example`_", "a <https://e.example"),
        ] {
            assert_eq!(plain(s), p, "{s:?}");
            let m = markdown(s);
            assert!(!outside_code(&m).contains('<'), "{s:?}: {m}");
        }
        // A closing marker right before an opening one would merge with it: text.
        check("*a*\\ *b*", "ab", "*a*b");
        check("**a**\\ **b**", "ab", "**a**b");
        // CommonMark would not read these as emphasis: the text alone.
        check("a\\ *\"q\"*", "a\"q\"", "a\"q\"");
        check("*\"q\"*\\ b", "\"q\"b", "\"q\"b");
        // The closer after punctuation waits for what is written next: here a role's text.
        check(
            "**\"q\"**:sub:`x` **\"r\"**:sub:`.`",
            "\"q\"x \"r\".",
            "\"q\"x **\"r\"**.",
        );
    }

    #[test]
    fn markdown_is_inert_apart_from_its_own_markup() {
        assert_eq!(
            markdown("<x:x:x> [a](b) & #1 | x"),
            "&lt;x:x:x&gt; \\[a\\](b) &amp; \\#1 \\| x"
        );
        assert_eq!(
            markdown("a_b _c d _ ~~s~~ a ` b 2*3"),
            "a_b \\_c d \\_ \\~\\~s\\~\\~ a \\` b 2\\*3"
        );
        assert_eq!(markdown("a\nb\r\tc"), "a b  c");
        assert_eq!(
            markdown("a\u{2028}b\u{85}c\u{202E}d\0"),
            "a b\u{FFFD}c\u{FFFD}d\u{FFFD}"
        );
        assert_eq!(markdown("em\u{2014}dash “q”"), "em\u{2014}dash “q”");
        assert_eq!(markdown("**a\nb**"), "**a b**");
        assert_eq!(markdown("``a\u{202E}b``"), "`a\u{FFFD}b`");
        assert_eq!(
            markdown("`x <https://e.example/a\u{202E}>`_"),
            "x (https://e.example/a\u{FFFD})"
        );
    }

    #[test]
    fn fast_paths_borrow() {
        for s in [
            "No such key.",
            "Schlüssel ungültig — 密钥",
            "{0} %s \"q\" 'a' 2+2=4 ...",
            "a.b: c.",
        ] {
            assert!(matches!(plain(s), Cow::Borrowed(_)), "{s:?}");
            assert!(matches!(markdown(s), Cow::Borrowed(_)), "{s:?}");
        }
        // The slow path, finding no markup, borrows too.
        for s in ["snake_case", "2**10", "a | b", "x ** y", "C:\\temp"] {
            assert!(matches!(plain(s), Cow::Borrowed(_)), "{s:?}");
        }
        assert!(matches!(markdown("snake_case"), Cow::Borrowed(_)));
        assert!(matches!(markdown("<a>"), Cow::Owned(_)));
        assert!(matches!(plain("**a**"), Cow::Owned(_)));
    }

    #[test]
    fn long_cells_take_linear_time() {
        // Each would be quadratic with a fresh end-string search per start-string.
        let n = crate::limits::MAX_CELL;
        for unit in [
            "*a ",
            "**a ",
            "`a ",
            "``a ",
            "|a ",
            "_`a ",
            ":r:`a ",
            "a-",
            "[a]_",
            "\\",
            // Code spans joined, emphasis settled: each rewrites what it wrote.
            "``a``\\ ",
            "**\"a\"**:sub:`x` ",
            "http://",
        ] {
            let s = unit.repeat(n / unit.len());
            let started = std::time::Instant::now();
            assert!(plain(&s).len() <= s.len());
            let _ = markdown(&s);
            assert!(started.elapsed().as_secs() < 2, "{unit:?}");
        }
        let s = "a-".repeat(n / 2) + "a_ ";
        assert_eq!(plain(&s), s.replace("a_ ", "a "));
    }

    #[test]
    fn code_spans_fence_backticks_and_stay_on_one_line() {
        assert_eq!(code_span("KMS.0207"), "`KMS.0207`");
        assert_eq!(code_span("a`b"), "`` a`b ``");
        assert_eq!(code_span("``"), "``` `` ```");
        assert_eq!(code_span(" lead"), "`  lead `");
        assert_eq!(code_span("a\nb\tc"), "`a b c`");
        assert_eq!(code_span("\na"), "`  a `");
        assert_eq!(code_span("X\u{202E}1\u{85}"), "`X\u{FFFD}1\u{FFFD}`");
        assert_eq!(code_span("é😀—"), "`é😀—`");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Strings dense in markup characters.
        fn markupish() -> impl Strategy<Value = String> {
            "[a-c :*`|_.<>&\\\\\\[\\]()\"'\n\u{202E}é-]{0,40}"
        }

        /// Strings made of markup that is likely to be recognised, with `<` and backquotes
        /// inside.
        fn constructs() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("``<a>``"),
                Just("``a`b``"),
                Just(":code:`<`"),
                Just("*<i>*"),
                Just("**b**"),
                Just("`t <https://e.example/<>`_"),
                Just("`t <https://e.example/a>`_"),
                Just(".. note::"),
                Just("\\ "),
                Just(" "),
                Just("<"),
                Just("`"),
                Just("a_"),
                Just("\u{202E}"),
            ];
            proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
        }

        fn check(s: &str) -> Result<(), TestCaseError> {
            let p = plain(s);
            let m = markdown(s);
            // A raw `<` only inside a code span, where it is text.
            prop_assert!(!super::outside_code(&m).contains('<'), "{s:?} -> {m:?}");
            prop_assert!(!m.contains('\n') && !m.contains('\r'), "{s:?} -> {m:?}");
            prop_assert!(!m.contains('\u{2028}') && !m.contains('\u{2029}'), "{s:?}");
            prop_assert!(!m.contains(is_bidi_control), "{s:?} -> {m:?}");
            prop_assert!(!m.contains(|c: char| c.is_control()), "{s:?} -> {m:?}");
            // Markup is removed, never added.
            prop_assert!(p.len() <= s.len() + s.len() / 2 + 16, "{s:?} -> {p:?}");
            let markup_free = !s.contains(['\\', '*', '`', '|', '_']) && !s.contains(".. ");
            if markup_free {
                prop_assert!(matches!(p, Cow::Borrowed(x) if x == s), "{s:?}");
            }
            Ok(())
        }

        proptest! {
            #[test]
            fn never_panics_and_markdown_is_safe(s in any::<String>()) {
                check(&s)?;
            }

            #[test]
            fn never_panics_on_dense_markup(s in markupish()) {
                check(&s)?;
            }

            #[test]
            fn never_panics_on_constructs(s in constructs()) {
                check(&s)?;
            }

            #[test]
            fn markup_free_text_is_kept(s in "[a-zA-Z0-9 ,;:!?()'\"{}%é—.-]{0,60}") {
                prop_assume!(!s.contains(".. "));
                prop_assert!(matches!(plain(&s), Cow::Borrowed(x) if x == s));
            }
        }
    }

    /// Our own catalog, modelled on the real ones' markup.
    const FIXTURE: &str = "status,code,message,description,measure\n\
        400,SVC.0001,Invalid **X-Auth-Token**.,The header **X-Auth-Token** is missing.,Obtain a token.\n\
        400,SVC.0002,The name is invalid.,.. note:: The **\\__system__server_id** field is reserved.,Use another name.\n\
        403,SVC.0003,Use the virtual host.,,\"Use the virtual hosting domain name. For details, see :ref:`Constructing a Request <obs_04_0007>`.\"\n\
        409,SVC.0004,1. Used by a rule.\\\\n2. Used by an ACL.,\"Status 3\\ *xx* or 4\\ *xx*, see `the guide <https://e.example/guide>`_.\",Set ``marker`` to ``0``.\n\
        400,SVC.0005,.. important:: Keep 2**10 and snake_case.,\\*Escaped\\* stars and a \\\\ backslash.,.. caution:: Read |product| first.\n";

    /// The runtime text of every cell of `text`, as `Tables::encode` writes it, with the
    /// cell as written.
    fn runtime_cells(name: &str, text: &str) -> Vec<(String, String)> {
        let cat = crate::parse(name, text, None, &mut Ctxt::new(name));
        let mut cells = Vec::new();
        for c in &cat.codes {
            for r in &c.rows {
                for cell in [&r.message, &r.description, &r.measure] {
                    cells.push((cell.to_string(), plain(cell).into_owned()));
                }
            }
        }
        cells
    }

    /// The markup runtime text must not show: returns what it shows, if any.
    fn leftover_markup(t: &str) -> Option<&'static str> {
        let directive = t.starts_with(".. ") || t.contains(" .. ");
        [
            (t.contains("\\_"), "\\_"),
            (t.contains("``"), "``"),
            (directive, ".. "),
            (
                t.contains("**") && !t.contains(" ** ") && !t.contains("2**"),
                "**",
            ),
            (t.contains(":ref:`"), ":ref:"),
        ]
        .into_iter()
        .find_map(|(bad, what)| bad.then_some(what))
    }

    #[test]
    fn fixture_catalog_reads_as_plain_text() {
        let cells = runtime_cells("fixture.csv", FIXTURE);
        let runtime: Vec<&str> = cells.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(
            runtime,
            [
                "Invalid X-Auth-Token.",
                "The header X-Auth-Token is missing.",
                "Obtain a token.",
                "The name is invalid.",
                "Note: The __system__server_id field is reserved.",
                "Use another name.",
                "Use the virtual host.",
                "",
                "Use the virtual hosting domain name. For details, see Constructing a Request.",
                "1. Used by a rule.\\n2. Used by an ACL.",
                "Status 3xx or 4xx, see the guide (https://e.example/guide).",
                "Set marker to 0.",
                "Important: Keep 2**10 and snake_case.",
                "*Escaped* stars and a \\ backslash.",
                "Caution: Read product first.",
            ]
        );
        for (cell, text) in &cells {
            assert_eq!(leftover_markup(text), None, "{cell:?} -> {text:?}");
        }
        let docs: Vec<String> = cells.iter().map(|c| markdown(&c.0).into_owned()).collect();
        assert_eq!(
            docs[4],
            "**Note:** The **\\_\\_system\\_\\_server_id** field is reserved."
        );
        assert_eq!(
            docs[10],
            "Status 3*xx* or 4*xx*, see [the guide](https://e.example/guide)."
        );
        assert_eq!(docs[11], "Set `marker` to `0`.");
    }

    /// Every real catalog of `../shared/real-catalogs/` (not in the repository): no runtime
    /// text shows RST markup. Prints how many cells each changes, and a few of them.
    #[test]
    fn real_catalogs_read_as_plain_text() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/real-catalogs");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            // Past libtest's capture: a skip is said out loud, not hidden in a quiet `ok`.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "rst: every_real_catalog: skipped: ../shared/real-catalogs is absent"
            );
            return;
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "../shared/real-catalogs has no CSV file");
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let cells = runtime_cells(&name, &text);
            let changed: Vec<_> = cells.iter().filter(|(c, t)| c != t).collect();
            println!("{name}: {} of {} cells changed", changed.len(), cells.len());
            for (cell, t) in changed.iter().take(3) {
                println!("    {cell:?}\n -> {t:?}");
            }
            for (cell, t) in &cells {
                assert_eq!(leftover_markup(t), None, "{name}: {cell:?} -> {t:?}");
                let m = markdown(cell);
                assert!(!m.contains('\n'), "{name}: {cell:?} -> {m:?}");
                assert!(!outside_code(&m).contains('<'), "{name}: {cell:?} -> {m:?}");
            }
        }
    }
}
