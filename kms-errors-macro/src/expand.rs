//! Expansion: a checked catalog into Rust items, one named fragment each.
//!
//! The generated code is data and thin impls. Per catalog: the code enum with its rustdoc
//! ([`code_enum`]), the error type ([`error_type`]), the tables as one `static` value
//! ([`catalog_static`]), the catalog's `CatalogCode` impl with its index ([`code_impls`]),
//! and two invocations of `kms-errors`' declarative macros `__kms_errors_code!` and
//! `__kms_errors_error!` ([`methods`]), which write the types' inherent methods (signatures
//! and docs once, in that crate) as forwards to its runtime, where the accessors, `Display`
//! and the lookup are ordinary, tested library code. Everything per code or per row is
//! data; the only per-variant tokens are the enum's variants and the `ALL` table.

use crate::args::Args;
use crate::doc::variant_doc;
use kms_errors_catalog::markdown::code_span;
use kms_errors_catalog::source;
use kms_errors_catalog::table::Tables;
use kms_errors_catalog::{hash, Catalog, Ctxt, Part};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use std::path::PathBuf;

/// Set this environment variable to have every expansion print its timing to stderr.
pub(crate) const TIMINGS_VAR: &str = "KMS_ERRORS_TIMINGS";

/// The whole macro: arguments → read → parse → validate → expand (or fallback).
pub(crate) fn kms_errors(input: TokenStream) -> TokenStream {
    let started = std::time::Instant::now();
    let args = match syn::parse2::<Args>(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error(),
    };
    let mut cx = Ctxt::for_files(&args.file_names());
    // The user's files are read here; the bundled tables are in the front end.
    let mut texts = Vec::with_capacity(args.paths.len());
    let mut tracked = Vec::new();
    for (i, (path, _)) in args.paths.iter().enumerate() {
        cx.set_file(i);
        let source = source::read(path, &mut cx);
        tracked.extend(source.as_ref().and_then(|s| s.tracked.clone()));
        texts.push(source.map(|s| s.text));
    }
    let own = args.paths.iter().zip(&texts).map(|((path, _), text)| Part {
        name: path,
        text: text.as_deref(),
        docs: "",
        delimiter: args.delimiter,
    });
    let bundled = args.bundled.iter().map(|b| Part {
        name: b.name(),
        text: Some(b.text()),
        docs: b.docs(),
        delimiter: None,
    });
    let parts: Vec<Part> = own.chain(bundled).collect();
    let catalog = kms_errors_catalog::compose(&parts, &mut cx);
    let checked = started.elapsed();
    let out = if cx.is_ok() {
        expand(&args, &catalog, &tracked)
    } else {
        fallback(&args, &catalog, &tracked, cx)
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

/// On errors: every message as a `compile_error!` at the path literal of the file it names
/// (at the macro call for a bundled table), plus the types for the valid part of the
/// catalog, so that the user's code that names them does not add a cascade of unrelated
/// errors.
fn fallback(args: &Args, cat: &Catalog, tracked: &[PathBuf], cx: Ctxt) -> TokenStream {
    let mut out = TokenStream::new();
    for (file, msg) in cx.into_located() {
        out.extend(syn::Error::new(args.span_of(file), msg).to_compile_error());
    }
    out.extend(expand(args, cat, tracked));
    out
}

/// The names an expansion uses.
struct Names<'a> {
    args: &'a Args,
    /// `Unknown{code}`, the parse error.
    parse_err: Ident,
    /// The catalog's name, as a Markdown code span.
    file: String,
    /// Each of its files: its name, as a Markdown code span, and its rows' link.
    files: Vec<(String, &'a str)>,
    /// The catalog's documentation link (`""`: none).
    docs: &'a str,
}

/// The generated items for a checked catalog.
pub(crate) fn expand<'a>(args: &'a Args, cat: &'a Catalog, tracked: &[PathBuf]) -> TokenStream {
    let names = Names {
        args,
        parse_err: format_ident!("Unknown{}", args.code),
        file: code_span(&cat.name),
        files: cat
            .files
            .iter()
            .map(|f| (code_span(&f.name), f.docs.as_ref()))
            .collect(),
        docs: match (&args.docs, args.paths.is_empty()) {
            (Some(docs), _) => docs,
            // `kms_errors!()`: the KMS page, as before the gateway table joined it.
            (None, true) if args.bundled.first() == Some(&source::Bundled::Kms) => source::KMS_DOCS,
            _ => "",
        },
    };
    let code_enum = code_enum(&names, cat);
    let error_type = error_type(&names, cat);
    let catalog = catalog_static(&names, cat);
    let track = tracked.iter().map(track);
    let code_impls = code_impls(&names, cat);
    let methods = methods(&names);
    quote! {
        #code_enum
        #error_type
        const _: () = {
            #(#track)*
            #catalog
            #code_impls
            #methods
        };
    }
}

/// The code enum: a variant per code, documented with its rows, and `Unknown`.
fn code_enum(n: &Names, cat: &Catalog) -> TokenStream {
    let (code, file) = (&n.args.code, &n.file);
    let variants = variants(cat);
    let docs = cat
        .codes
        .iter()
        .map(|c| Literal::string(&variant_doc(&n.files, c)));
    let count = cat.codes.len();
    let link = match n.docs {
        "" => String::new(),
        // Checked by the front end: no spaces, quotes or angle brackets.
        url => format!(" Documented at <{url}>."),
    };
    let doc = format!(
        " The error codes of {file}: {count} codes in {} rows, generated by `kms_errors!`.{link}\n\n\
         One variant per distinct code, documented with its HTTP status(es), message, \
         description and measure; [`{code}::Unknown`] stands for any code the catalog does not \
         have. The type is one byte for up to 255 codes; variants are ordered as in the catalog \
         (`Ord` follows that order, not the code strings). Lookups ([`{code}::from_code`], \
         `str::parse`) are exact and case-sensitive, and accept a code's aliases; \
         `kms_errors::code!({code}, \"...\")` checks a code literal at compile time. The \
         accessors are `const fn`s.",
        cat.row_count()
    );
    let unknown_doc = format!(
        " A code that is not in {file}. [`{}::code_str`] keeps its text.",
        n.args.error
    );
    let repr = if count < 256 { quote!(u8) } else { quote!(u16) };
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(
            ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq,
            ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord
        )]
        #[repr(#repr)]
        pub enum #code {
            #( #[doc = #docs] #variants, )*
            #[doc = #unknown_doc]
            Unknown,
        }
    }
}

/// The error type (a newtype of the runtime's `ErrorInfo`, local so that users can implement
/// their own traits for it) and the parse error's name.
fn error_type(n: &Names, cat: &Catalog) -> TokenStream {
    let (err, code, krate, parse_err, file) = (
        &n.args.error,
        &n.args.code,
        &n.args.krate,
        &n.parse_err,
        &n.file,
    );
    let doc = format!(
        " An error response of the service: the HTTP status and the error code exactly as \
         received, typed against {file} ({} codes).\n\n\
         Build it with `{err}::from((status, code))`; nothing is lost: `status()` and \
         `code_str()` give back the input, and a code the catalog does not have becomes \
         [`{code}::Unknown`] while its text is kept. Match on `code()`. Catalog codes \
         allocate nothing. The accessors are `const fn`s (all but `new`); the text \
         accessors prefer the catalog row documented for the received status.",
        cat.codes.len()
    );
    let parse_doc = format!(
        " The error of parsing a string that is not a code of {file} into [`{code}`]; it \
         keeps the string."
    );
    quote! {
        #[doc = #doc]
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::hash::Hash)]
        pub struct #err(#krate::__private::ErrorInfo<#code>);

        #[doc = #parse_doc]
        pub type #parse_err = #krate::UnknownCode<#code>;
    }
}

/// The catalog's code strings and its tables as one `static`.
fn catalog_static(n: &Names, cat: &Catalog) -> TokenStream {
    let (krate, code) = (&n.args.krate, &n.args.code);
    let tables = Tables::encode(cat);
    let (text, code_data, row_data) = (
        Literal::string(&tables.text),
        Literal::byte_string(&tables.codes),
        Literal::byte_string(&tables.rows),
    );
    let codes = cat.codes.iter().map(|c| Literal::string(&c.code));
    let aliases = cat
        .codes
        .iter()
        .flat_map(|c| c.aliases.iter().map(|a| Literal::string(&a.text)));
    let alias_of = cat.codes.iter().enumerate().flat_map(|(i, c)| {
        let i = Literal::u16_unsuffixed(i as u16);
        c.aliases.iter().map(move |_| i.clone())
    });
    let n_codes = Literal::usize_unsuffixed(cat.codes.len());
    let (error_name, code_name, docs) = (n.args.error.to_string(), code.to_string(), n.docs);
    quote! {
        // Every spelling: the codes, in catalog order, then the aliases.
        const SPELLINGS: &[&::core::primitive::str] = &[ #(#codes,)* #(#aliases),* ];
        const CODES: &[&::core::primitive::str] = SPELLINGS.split_at(#n_codes).0;
        const ALIAS_OF: &[::core::primitive::u16] = &[ #(#alias_of),* ];
        static CATALOG: #krate::__private::Catalog<'static> = #krate::__private::Catalog {
            error_name: #error_name,
            code_name: #code_name,
            docs: #docs,
            text: #text,
            code_data: #code_data,
            row_data: #row_data,
        };
    }
}

/// The perfect-hash index of the codes and their aliases (as `SPELLINGS` lists them), as a
/// `Probe` literal.
fn index(krate: &TokenStream, cat: &Catalog) -> TokenStream {
    let codes = cat.codes.iter().map(|c| c.code.as_ref());
    let aliases = cat
        .codes
        .iter()
        .flat_map(|c| c.aliases.iter().map(|a| a.text.as_ref()));
    let keys: Vec<&str> = codes.chain(aliases).collect();
    let index = hash::build(&keys);
    let seed = Literal::u64_suffixed(index.seed);
    let buckets = Literal::u64_suffixed(index.buckets);
    let shift = Literal::u32_suffixed(index.shift);
    let min_len = Literal::usize_suffixed(index.min_len);
    let max_len = Literal::usize_suffixed(index.max_len);
    let pilots = index.pilots.iter().map(|p| Literal::u16_unsuffixed(*p));
    let slots = index.slots.iter().map(|s| Literal::u16_unsuffixed(*s));
    quote! {
        #krate::__private::Probe {
            seed: #seed,
            buckets: #buckets,
            shift: #shift,
            min_len: #min_len,
            max_len: #max_len,
            pilots: &[ #(#pilots),* ],
            slots: &[ #(#slots),* ],
        }
    }
}

/// The code enum's `CatalogCode` impl (the catalog's data and index) and `ALL`.
fn code_impls(n: &Names, cat: &Catalog) -> TokenStream {
    let (krate, code) = (&n.args.krate, &n.args.code);
    let variants = variants(cat);
    let index = index(krate, cat);
    quote! {
        impl #krate::CatalogCode for #code {
            const ALL: &'static [Self] = #code::ALL;
            const UNKNOWN: Self = #code::Unknown;
            const CATALOG: &'static #krate::__private::Catalog<'static> = &CATALOG;
            const PROBE: #krate::__private::Probe<'static> = #index;
            const CODES: &'static [&'static ::core::primitive::str] = CODES;
            const SPELLINGS: &'static [&'static ::core::primitive::str] = SPELLINGS;
            const ALIAS_OF: &'static [::core::primitive::u16] = ALIAS_OF;
            #[inline]
            fn __index(self) -> ::core::primitive::usize {
                self as ::core::primitive::usize
            }
        }

        impl #code {
            /// Every code of the catalog, in catalog order (without `Unknown`).
            pub const ALL: &'static [#code] = &[ #(#code::#variants),* ];
        }
    }
}

/// The types' methods, comparisons, formatting and conversions: written once, in
/// `kms-errors`' declarative macros, invoked here with the generated names.
fn methods(n: &Names) -> TokenStream {
    let (krate, code, err, parse_err) = (&n.args.krate, &n.args.code, &n.args.error, &n.parse_err);
    quote! {
        #krate::__kms_errors_code!(#code, #parse_err);
        #krate::__kms_errors_error!(#err, #code);
    }
}

/// The variant names.
fn variants(cat: &Catalog) -> Vec<Ident> {
    cat.codes
        .iter()
        .map(|c| Ident::new(&c.ident, Span::call_site()))
        .collect()
}

/// Makes the build depend on a catalog file, so that editing it triggers a rebuild.
fn track(p: &PathBuf) -> TokenStream {
    let p = if p.is_absolute() {
        p.clone()
    } else {
        std::env::current_dir().map_or_else(|_| p.clone(), |d| d.join(p))
    };
    let p = Literal::string(&p.to_string_lossy());
    quote!(
        const _: &[::core::primitive::u8] = ::core::include_bytes!(#p);
    )
}
