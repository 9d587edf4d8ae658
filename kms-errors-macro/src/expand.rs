//! Expansion: a checked catalog into Rust items.
//!
//! Everything per code or per row is data in static tables indexed by the variant's
//! discriminant; the only per-variant code is the enum declaration and the `ALL` table, so
//! rustc's work grows with the catalog's size but stays cheap (no `match` per accessor, no
//! derived `Debug`).

use crate::args::Args;
use crate::ctxt::Ctxt;
use crate::doc::{code_span, markdown, plain};
use crate::valid::{Catalog, Code};
use crate::{lookup, parse, read, valid};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The whole macro: arguments → read → parse → validate → expand (or fallback).
pub(crate) fn kms_errors(input: TokenStream) -> TokenStream {
    let started = std::time::Instant::now();
    let args = match syn::parse2::<Args>(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error(),
    };
    let name = args
        .path
        .as_ref()
        .map_or(read::BUNDLED_NAME, |p| p.0.as_str())
        .to_owned();
    let mut cx = Ctxt::new(&name);
    let source = match &args.path {
        None => Some(read::bundled()),
        Some((path, _)) => read::read(path, &mut cx),
    };
    let (text, tracked) = match source {
        Some(s) => (s.text, s.tracked),
        None => (String::new(), None),
    };
    let catalog = if text.is_empty() && !cx.is_ok() {
        Catalog {
            name,
            codes: Vec::new(),
        }
    } else {
        let records = parse::records(&text, &mut cx);
        valid::catalog(&name, records, &mut cx)
    };
    let checked = started.elapsed();
    let out = if cx.is_ok() {
        expand(&args, &catalog, tracked)
    } else {
        fallback(&args, &catalog, tracked, cx)
    };
    if std::env::var_os(TIMINGS_VAR).is_some() {
        // Measured inside the compiler, with the profile the user's build gives the macro.
        eprintln!(
            "kms_errors!: {}: {} codes, {} rows: read+parse+validate {:.2} ms, expand {:.2} ms",
            catalog.name,
            catalog.codes.len(),
            catalog.row_count(),
            checked.as_secs_f64() * 1e3,
            (started.elapsed() - checked).as_secs_f64() * 1e3,
        );
    }
    out
}

/// Set this environment variable to have every expansion print its timing to stderr.
pub(crate) const TIMINGS_VAR: &str = "KMS_ERRORS_TIMINGS";

/// On errors: every message as a `compile_error!` at the path literal, plus the types for
/// the valid part of the catalog, so that the user's code that names them does not add
/// a cascade of unrelated errors.
fn fallback(args: &Args, cat: &Catalog, tracked: Option<PathBuf>, cx: Ctxt) -> TokenStream {
    let mut out = TokenStream::new();
    for msg in cx.into_messages() {
        out.extend(syn::Error::new(args.span(), msg).to_compile_error());
    }
    out.extend(expand(args, cat, tracked));
    out
}

fn lit(s: &str) -> Literal {
    Literal::string(s)
}

/// The generated items for a valid catalog.
pub(crate) fn expand(args: &Args, cat: &Catalog, tracked: Option<PathBuf>) -> TokenStream {
    let err = &args.error;
    let code = &args.code;
    let parse_err = format_ident!("Unknown{}", code);
    let repr_ty = format_ident!("{}Repr", err);
    let n = cat.codes.len();
    let rows_n = cat.row_count();
    let file = &cat.name;
    let file_md = markdown(file);

    let variants: Vec<Ident> = cat
        .codes
        .iter()
        .map(|c| Ident::new(&c.ident, Span::call_site()))
        .collect();
    let variant_docs: Vec<Literal> = cat
        .codes
        .iter()
        .map(|c| lit(&variant_doc(&file_md, c)))
        .collect();
    let code_strs: Vec<Literal> = cat.codes.iter().map(|c| lit(&c.code)).collect();
    let mut names: Vec<Literal> = cat.codes.iter().map(|c| lit(&c.ident)).collect();
    names.push(lit("Unknown"));

    // Rows grouped by code; code i owns ROWS[START[i]..START[i + 1]], Unknown none.
    let mut start = Vec::with_capacity(n + 2);
    let mut rows = Vec::with_capacity(rows_n);
    for c in &cat.codes {
        start.push(Literal::u32_unsuffixed(rows.len() as u32));
        for r in &c.rows {
            let status = Literal::u16_unsuffixed(r.status);
            let (m, d, x) = (
                lit(&plain(&r.message)),
                lit(&plain(&r.description)),
                lit(&plain(&r.measure)),
            );
            rows.push(quote!((#status, #m, #d, #x)));
        }
    }
    start.push(Literal::u32_unsuffixed(rows.len() as u32));
    start.push(Literal::u32_unsuffixed(rows.len() as u32));

    // Exact lookup: a perfect hash over the code strings.
    let keys: Vec<&str> = cat.codes.iter().map(|c| c.code.as_ref()).collect();
    let index = lookup::tokens(&lookup::build(&keys), &quote!(CODES));

    let repr = if n < 256 { quote!(u8) } else { quote!(u16) };
    let n_lit = Literal::usize_unsuffixed(n);
    let rows_lit = Literal::usize_unsuffixed(rows_n);
    let n1_lit = Literal::usize_unsuffixed(n + 1);
    let n2_lit = Literal::usize_unsuffixed(n + 2);

    let code_doc = lit(&format!(
        " The error codes of `{}`: {n} codes in {rows_n} rows, generated by `kms_errors!`.\n\n\
         One variant per distinct code, documented with its HTTP status(es), message, \
         description and measure; [`{code}::Unknown`] stands for any code the catalog does not \
         have. The type is one byte for up to 255 codes; variants are ordered as in the catalog \
         (`Ord` follows that order, not the code strings). Lookups \
         ([`{code}::from_code`], `str::parse`) are exact and case-sensitive, and the \
         accessors read static tables.",
        markdown(file)
    ));
    let err_doc = lit(&format!(
        " An error response of the service: the HTTP status and the error code exactly as \
         received, typed against `{}` ({n} codes).\n\n\
         Build it with `{err}::from((status, code))`; nothing is lost: [`{err}::status`] and \
         [`{err}::code_str`] give back the input, and a code the catalog does not have becomes \
         [`{code}::Unknown`] while its text is kept. Match on [`{err}::code`]. Catalog codes \
         allocate nothing. The text accessors prefer the catalog row documented for the \
         received status.",
        markdown(file)
    ));
    let parse_doc = lit(&format!(
        " The error of parsing a string that is not a code of the catalog into [`{code}`]; it \
         keeps the string."
    ));
    let unknown_doc = lit(&format!(
        " A code that is not in `{}`. [`{err}::code_str`] keeps its text.",
        markdown(file)
    ));
    let err_name = lit(&err.to_string());

    let track = tracked.map(|p| {
        let p = if p.is_absolute() {
            p
        } else {
            std::env::current_dir().map(|d| d.join(&p)).unwrap_or(p)
        };
        let p = lit(&p.to_string_lossy());
        quote!(
            const _: &[u8] = ::core::include_bytes!(#p);
        )
    });

    quote! {
        #[doc = #code_doc]
        #[non_exhaustive]
        #[derive(
            ::core::clone::Clone, ::core::marker::Copy,
            ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash,
            ::core::cmp::PartialOrd, ::core::cmp::Ord
        )]
        #[repr(#repr)]
        pub enum #code {
            #( #[doc = #variant_docs] #variants, )*
            #[doc = #unknown_doc]
            Unknown,
        }

        #[doc = #parse_doc]
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        pub struct #parse_err {
            code: ::std::boxed::Box<str>,
        }

        #[doc = #err_doc]
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        pub struct #err {
            repr: #repr_ty,
        }

        /// Private representation of the error: a catalog code, or the received text of an
        /// unknown code (inline up to 20 bytes, so short unknown codes allocate nothing).
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        enum #repr_ty {
            Known { status: u16, code: #code },
            Inline { status: u16, len: u8, buf: [u8; 20] },
            Heap { status: u16, code: ::std::boxed::Box<str> },
        }

        const _: () = {
            #track

            /// A catalog row: status, message, description, measure (runtime text).
            type Row = (u16, &'static str, &'static str, &'static str);

            static CODES: [&str; #n_lit] = [ #(#code_strs),* ];
            static NAMES: [&str; #n1_lit] = [ #(#names),* ];
            static ROWS: [Row; #rows_lit] = [ #(#rows),* ];
            static START: [u32; #n2_lit] = [ #(#start),* ];
            #index

            /// `b` (at most 20 bytes) zero-padded to 20. Built as bytes `0..4` and `4..20` from
            /// a few fixed-size, possibly overlapping loads, so that the two parts land in the
            /// error value with two aligned stores (no `memcpy` call, no byte loop, no
            /// store-forwarding stall).
            #[inline(always)]
            fn inline20(b: &[u8]) -> [u8; 20] {
                #[inline(always)]
                fn load8(b: &[u8], at: usize) -> u128 {
                    let mut a = [0u8; 8];
                    a.copy_from_slice(&b[at..at + 8]);
                    u64::from_le_bytes(a) as u128
                }
                #[inline(always)]
                fn load4(b: &[u8], at: usize) -> u32 {
                    let mut a = [0u8; 4];
                    a.copy_from_slice(&b[at..at + 4]);
                    u32::from_le_bytes(a)
                }
                let n = b.len();
                let (head, rest): (u32, u128) = if n >= 12 {
                    (load4(b, 0), load8(b, 4) | (load8(b, n - 8) << ((n - 12) * 8)))
                } else if n >= 8 {
                    let lo = load4(b, 4) as u128;
                    (load4(b, 0), lo | ((load4(b, n - 4) as u128) << ((n - 8) * 8)))
                } else if n > 4 {
                    (load4(b, 0), ((load4(b, n - 4) as u64) >> ((8 - n) * 8)) as u128)
                } else if n == 4 {
                    (load4(b, 0), 0)
                } else if n > 0 {
                    let h = (b[0] as u32)
                        | ((b[n / 2] as u32) << (n / 2 * 8))
                        | ((b[n - 1] as u32) << ((n - 1) * 8));
                    (h, 0)
                } else {
                    (0, 0)
                };
                let mut buf = [0u8; 20];
                buf[..4].copy_from_slice(&head.to_le_bytes());
                buf[4..].copy_from_slice(&rest.to_le_bytes());
                buf
            }

            impl #code {
                /// Every code of the catalog, in catalog order (without `Unknown`).
                pub const ALL: &'static [#code] = &[ #(#code::#variants),* ];

                /// The code whose string is exactly `code` (case-sensitive), if the catalog has it.
                #[must_use]
                #[inline]
                pub fn from_code(code: &str) -> ::core::option::Option<#code> {
                    match #code::ALL.get(lookup(code)) {
                        ::core::option::Option::Some(c) => ::core::option::Option::Some(*c),
                        ::core::option::Option::None => ::core::option::Option::None,
                    }
                }

                /// The code's string as the catalog writes it (`"KMS.0207"`); `""` for `Unknown`.
                #[must_use]
                pub fn as_str(self) -> &'static str {
                    match CODES.get(self as usize) {
                        ::core::option::Option::Some(s) => s,
                        ::core::option::Option::None => "",
                    }
                }

                /// The variant's name (`"Kms0207"`, `"Unknown"`).
                #[must_use]
                pub fn name(self) -> &'static str {
                    NAMES[self as usize]
                }

                /// Every catalog row of this code as `(status, message, description, measure)`,
                /// in catalog order, runtime text (`**bold**` removed); empty for `Unknown`.
                #[must_use]
                pub fn rows(self) -> &'static [(u16, &'static str, &'static str, &'static str)] {
                    let i = self as usize;
                    &ROWS[START[i] as usize..START[i + 1] as usize]
                }

                fn first(self) -> &'static Row {
                    match self.rows().first() {
                        ::core::option::Option::Some(r) => r,
                        ::core::option::Option::None => &(0, "", "", ""),
                    }
                }

                /// The first documented HTTP status of this code; `0` for `Unknown`.
                #[must_use]
                pub fn status(self) -> u16 {
                    self.first().0
                }

                /// Whether the catalog documents this code with `status`.
                #[must_use]
                pub fn has_status(self, status: u16) -> bool {
                    let rows = self.rows();
                    let mut i = 0;
                    while i < rows.len() {
                        if rows[i].0 == status {
                            return true;
                        }
                        i += 1;
                    }
                    false
                }

                /// The message of the code's first row; `""` if none.
                #[must_use]
                pub fn message(self) -> &'static str {
                    self.first().1
                }

                /// The description of the code's first row; `""` if none.
                #[must_use]
                pub fn description(self) -> &'static str {
                    self.first().2
                }

                /// The measure (what to do about it) of the code's first row; `""` if none.
                #[must_use]
                pub fn measure(self) -> &'static str {
                    self.first().3
                }
            }

            impl ::core::fmt::Debug for #code {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.name())
                }
            }

            /// The code string (`KMS.0207`); `Unknown` writes `unknown`.
            impl ::core::fmt::Display for #code {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match *self {
                        #code::Unknown => f.pad("unknown"),
                        c => f.pad(c.as_str()),
                    }
                }
            }

            impl ::core::str::FromStr for #code {
                type Err = #parse_err;
                fn from_str(s: &str) -> ::core::result::Result<Self, #parse_err> {
                    match #code::from_code(s) {
                        ::core::option::Option::Some(c) => ::core::result::Result::Ok(c),
                        ::core::option::Option::None => ::core::result::Result::Err(#parse_err {
                            code: <::std::boxed::Box<str> as ::core::convert::From<&str>>::from(s),
                        }),
                    }
                }
            }

            impl #parse_err {
                /// The string that is not a code of the catalog.
                #[must_use]
                pub fn code(&self) -> &str {
                    &self.code
                }
            }

            impl ::core::fmt::Display for #parse_err {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::write!(f, "unknown error code `{}`", self.code)
                }
            }

            impl ::std::error::Error for #parse_err {}

            impl #err {
                /// The error for HTTP `status` and error `code` as received.
                #[must_use]
                #[inline]
                pub fn new(status: u16, code: &str) -> Self {
                    let repr = match #code::from_code(code) {
                        ::core::option::Option::Some(c) => #repr_ty::Known { status, code: c },
                        ::core::option::Option::None if code.len() <= 20 => #repr_ty::Inline {
                            status,
                            len: code.len() as u8,
                            buf: inline20(code.as_bytes()),
                        },
                        ::core::option::Option::None => #repr_ty::Heap {
                            status,
                            code: <::std::boxed::Box<str> as ::core::convert::From<&str>>::from(code),
                        },
                    };
                    #err { repr }
                }

                /// The HTTP status as received.
                #[must_use]
                pub fn status(&self) -> u16 {
                    match self.repr {
                        #repr_ty::Known { status, .. }
                        | #repr_ty::Inline { status, .. }
                        | #repr_ty::Heap { status, .. } => status,
                    }
                }

                /// The typed code; `Unknown` when the catalog does not have it.
                #[must_use]
                pub fn code(&self) -> #code {
                    match self.repr {
                        #repr_ty::Known { code, .. } => code,
                        _ => #code::Unknown,
                    }
                }

                /// The code exactly as received.
                #[must_use]
                pub fn code_str(&self) -> &str {
                    match &self.repr {
                        #repr_ty::Known { code, .. } => code.as_str(),
                        #repr_ty::Inline { len, buf, .. } => {
                            // Always valid: the bytes were copied from a `&str`.
                            match ::core::str::from_utf8(&buf[..*len as usize]) {
                                ::core::result::Result::Ok(s) => s,
                                ::core::result::Result::Err(_) => "",
                            }
                        }
                        #repr_ty::Heap { code, .. } => code,
                    }
                }

                /// The catalog row for the received status, else the code's first row.
                fn row(&self) -> &'static Row {
                    let (code, status) = (self.code(), self.status());
                    let rows = code.rows();
                    let mut i = 0;
                    while i < rows.len() {
                        if rows[i].0 == status {
                            return &rows[i];
                        }
                        i += 1;
                    }
                    code.first()
                }

                /// The catalog's message for this error (see the type docs); `""` if none.
                #[must_use]
                pub fn message(&self) -> &'static str {
                    self.row().1
                }

                /// The catalog's description for this error; `""` if none.
                #[must_use]
                pub fn description(&self) -> &'static str {
                    self.row().2
                }

                /// The catalog's measure (what to do about it) for this error; `""` if none.
                #[must_use]
                pub fn measure(&self) -> &'static str {
                    self.row().3
                }

                /// Whether the catalog has a row for exactly this (status, code) pair.
                #[must_use]
                pub fn is_documented(&self) -> bool {
                    self.code().has_status(self.status())
                }
            }

            impl ::core::convert::From<(u16, &str)> for #err {
                #[inline]
                fn from((status, code): (u16, &str)) -> Self {
                    #err::new(status, code)
                }
            }

            impl ::core::convert::From<(u16, ::std::string::String)> for #err {
                #[inline]
                fn from((status, code): (u16, ::std::string::String)) -> Self {
                    #err::new(status, &code)
                }
            }

            impl ::core::cmp::PartialEq<#code> for #err {
                fn eq(&self, other: &#code) -> bool {
                    self.code() == *other
                }
            }

            impl ::core::cmp::PartialEq<#err> for #code {
                fn eq(&self, other: &#err) -> bool {
                    *self == other.code()
                }
            }

            impl ::core::fmt::Debug for #err {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#err_name)
                        .field("status", &self.status())
                        .field("code", &self.code_str())
                        .finish()
                }
            }

            /// `KMS.0207 (HTTP 404): The key does not exist.`
            impl ::core::fmt::Display for #err {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    let message = self.message();
                    let (code, status) = (self.code_str(), self.status());
                    if self.code() == #code::Unknown {
                        ::core::write!(f, "{} (HTTP {}): unknown error code", code, status)
                    } else if message.is_empty() {
                        ::core::write!(f, "{} (HTTP {})", code, status)
                    } else {
                        ::core::write!(f, "{} (HTTP {}): {}", code, status, message)
                    }
                }
            }

            impl ::std::error::Error for #err {}
        };
    }
}

/// The rustdoc of one variant: a summary line (code, statuses, message), then the rest of
/// every row. `file` is the catalog's name, already escaped for Markdown.
fn variant_doc(file: &str, c: &Code) -> String {
    let mut d = String::with_capacity(256);
    let _ = write!(d, " {} (HTTP ", code_span(&c.code));
    for (i, r) in c.rows.iter().enumerate() {
        if !c.rows[..i].iter().any(|p| p.status == r.status) {
            let _ = write!(d, "{}{}", if i == 0 { "" } else { ", " }, r.status);
        }
    }
    d.push(')');
    let field = |d: &mut String, indent: &str, label: &str, text: &str| {
        if !text.is_empty() {
            let _ = writeln!(d, "{indent}- **{label}:** {}", markdown(text));
        }
    };
    if let [r] = c.rows.as_slice() {
        if r.message.is_empty() {
            d.push_str("\n\n");
        } else {
            let _ = write!(d, ": {}\n\n", markdown(&r.message));
        }
        field(&mut d, " ", "Description", &r.description);
        field(&mut d, " ", "Measure", &r.measure);
        let _ = write!(d, "\n Source: `{file}` line {}.", r.line);
    } else {
        let first = &c.rows[0].message;
        if !first.is_empty() {
            let _ = write!(d, ": {}", markdown(first));
        }
        let _ = write!(d, "\n\n Documented in {} rows:\n\n", c.rows.len());
        for r in &c.rows {
            let _ = writeln!(d, " - **HTTP {}** (`{file}` line {})", r.status, r.line);
            field(&mut d, "   ", "Message", &r.message);
            field(&mut d, "   ", "Description", &r.description);
            field(&mut d, "   ", "Measure", &r.measure);
        }
    }
    d
}
