//! Characters as docutils classifies them for the recognition rules of inline markup, and
//! the byte tables of the fast paths.

// `static`, not `const`: an unoptimised build copies a `const` array at every use, which
// made the byte loops five times slower.

/// Flags for the bytes in `specials`.
const fn flags(specials: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < specials.len() {
        t[specials[k] as usize] = true;
        k += 1;
    }
    t
}

/// The bytes that may start RST markup (`.` only as `..` followed by a space).
static MARKUP: [bool; 256] = flags(b"\\*`|_.");
/// The bytes [`super::parse::parse`] looks at.
pub(super) static PARSE: [bool; 256] = flags(b"\\*`:|_.");

/// Whether `b` has a byte that may start markup.
pub(super) fn has_markup(b: &[u8]) -> bool {
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

/// The character starting at byte `i` (a character boundary), if any.
pub(super) fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        None => None,
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => s[i..].chars().next(),
    }
}

/// The character ending at byte `i` (a character boundary), if any.
pub(super) fn char_before(s: &str, i: usize) -> Option<char> {
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
pub(super) fn punct(c: char) -> u8 {
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
static STARTS_AFTER: [bool; 256] = flags(b" \t\n\r\x0b\x0c\"'(<[{-/:");
/// ASCII characters markup may end before: white space, closing or delimiting punctuation,
/// and `\` (an escape).
static ENDS_BEFORE: [bool; 256] = flags(b" \t\n\r\x0b\x0c.,;!?-/:\"')>]}\\");

/// Whether markup may start after `c`: white space, opening or delimiting punctuation.
pub(super) fn starts_after(c: char) -> bool {
    if c.is_ascii() {
        STARTS_AFTER[c as usize]
    } else {
        c.is_whitespace() || punct(c) & 1 != 0
    }
}

/// Whether markup may end before `c`: white space, closing or delimiting punctuation, or an
/// escape.
pub(super) fn ends_before(c: char) -> bool {
    if c.is_ascii() {
        ENDS_BEFORE[c as usize]
    } else {
        c.is_whitespace() || punct(c) & 2 != 0
    }
}

/// Whether `a` and `b` are a matching pair (`"*"`, `(*)`): a start-string between them is
/// not one. As docutils' `match_chars`: its pairs of opening and closing punctuation and of
/// the quotation marks of several languages.
pub(super) fn matching(a: char, b: char) -> bool {
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
pub(super) fn escaped(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let mut j = i;
    while j > 0 && b[j - 1] == b'\\' {
        j -= 1;
    }
    (i - j) % 2 == 1
}

/// Whether `\` before `c` is an escape that stands for `c`: ASCII or non-ASCII punctuation.
pub(super) fn escapable(c: char) -> bool {
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
pub(super) fn simplename_end(s: &str, k: usize) -> Option<usize> {
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
pub(super) const MAX_NAME: usize = 256;
