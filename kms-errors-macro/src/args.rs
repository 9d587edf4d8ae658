//! The macro's own arguments: `()`, `("path")` or `(path = "...", error = X, code = Y)`,
//! `path = ["a.csv", "b.csv"]`, `bundled = "gateway"` (or a list), `delimiter = ';'`,
//! `docs = "..."`, and `crate = path` (set by `kms_errors::kms_errors!` to `$crate`).

use kms_errors_catalog::source::Bundled;
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitChar, LitStr, Token};

/// What the invocation asked for.
pub(crate) struct Args {
    /// The catalog files as written, each with its literal's span, in order.
    pub paths: Vec<(String, Span)>,
    /// The bundled tables added after them; with no `path` and no `bundled`, every bundled
    /// table (`kms_errors!()`).
    pub bundled: Vec<Bundled>,
    /// Name of the error struct.
    pub error: Ident,
    /// Name of the code enum.
    pub code: Ident,
    /// The cell delimiter, if forced; otherwise it is detected from the header line.
    pub delimiter: Option<u8>,
    /// The catalog's documentation link, if given.
    pub docs: Option<String>,
    /// Path of the `kms-errors` crate in the invoking crate (default `::kms_errors`).
    pub krate: TokenStream,
}

impl Args {
    /// Where the errors of catalog file `i` are reported: its path literal, else (a bundled
    /// table) the macro call.
    pub fn span_of(&self, i: usize) -> Span {
        self.paths.get(i).map_or_else(Span::call_site, |p| p.1)
    }

    /// The user's files, then the bundled tables: the parts of the catalog, in order.
    pub fn file_names(&self) -> Vec<&str> {
        let own = self.paths.iter().map(|(p, _)| p.as_str());
        own.chain(self.bundled.iter().map(|b| b.name())).collect()
    }
}

/// The arguments as given, before defaults and checks.
#[derive(Default)]
struct Given {
    path: Option<Vec<(String, Span)>>,
    bundled: Option<Vec<Bundled>>,
    error: Option<Ident>,
    code: Option<Ident>,
    delimiter: Option<u8>,
    docs: Option<String>,
    krate: Option<TokenStream>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut given = Given::default();
        while !input.is_empty() {
            if input.peek(LitStr) {
                let lit: LitStr = input.parse()?;
                set(
                    &mut given.path,
                    vec![(lit.value(), lit.span())],
                    "path",
                    lit.span(),
                )?;
            } else if input.peek(Token![crate]) {
                let kw = input.parse::<Token![crate]>()?;
                input.parse::<Token![=]>()?;
                let path = crate_path(input, kw.span)?;
                set(&mut given.krate, path, "crate", kw.span)?;
            } else {
                keyed(input, &mut given)?;
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        finish(given)
    }
}

/// `key = value` for `path`, `bundled`, `error`, `code`, `delimiter` and `docs` (`crate` is
/// read by the caller).
fn keyed(input: ParseStream, given: &mut Given) -> syn::Result<()> {
    let key: Ident = input.parse()?;
    input.parse::<Token![=]>()?;
    let span = key.span();
    match key.to_string().as_str() {
        "path" => {
            let paths = strings(input, "path")?;
            set(&mut given.path, paths, "path", span)
        }
        "bundled" => {
            let mut tables = Vec::new();
            for (key, at) in strings(input, "bundled")? {
                let table = Bundled::from_key(&key).ok_or_else(|| {
                    let all: Vec<String> =
                        Bundled::ALL.iter().map(|b| format!("\"{}\"", b.key())).collect();
                    syn::Error::new(
                        at,
                        format!(
                            "`bundled`: no bundled table `{key}` (expected {})",
                            all.join(" or ")
                        ),
                    )
                })?;
                if tables.contains(&table) {
                    return Err(syn::Error::new(at, format!("`bundled`: `{key}` is listed twice")));
                }
                tables.push(table);
            }
            set(&mut given.bundled, tables, "bundled", span)
        }
        "error" => set(&mut given.error, input.parse()?, "error", span),
        "code" => set(&mut given.code, input.parse()?, "code", span),
        "delimiter" => {
            let d = delimiter(input)?;
            set(&mut given.delimiter, d, "delimiter", span)
        }
        "docs" => {
            let lit: LitStr = input.parse()?;
            let url = lit.value();
            kms_errors_catalog::url::check_url(&url)
                .map_err(|why| syn::Error::new(lit.span(), format!("`docs`: {why}")))?;
            set(&mut given.docs, url, "docs", span)
        }
        other => Err(syn::Error::new(
            span,
            format!(
                "unknown argument `{other}`: expected `path`, `bundled`, `error`, `code`, `delimiter`, `docs` or `crate`"
            ),
        )),
    }
}

/// A string literal, or a non-empty list of them in brackets (`["a.csv", "b.csv"]`), each
/// with its span.
fn strings(input: ParseStream, what: &str) -> syn::Result<Vec<(String, Span)>> {
    if input.peek(syn::token::Bracket) {
        let inner;
        let bracket = syn::bracketed!(inner in input);
        let list = inner.parse_terminated(<LitStr as Parse>::parse, Token![,])?;
        if list.is_empty() {
            return Err(syn::Error::new(
                bracket.span.join(),
                format!("`{what}` needs at least one string"),
            ));
        }
        Ok(list.iter().map(|l| (l.value(), l.span())).collect())
    } else {
        let lit: LitStr = input.parse()?;
        Ok(vec![(lit.value(), lit.span())])
    }
}

/// `delimiter = ';'` (a one-character string is taken too).
fn delimiter(input: ParseStream) -> syn::Result<u8> {
    let (c, span) = if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        let value = lit.value();
        let mut chars = value.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => (c, lit.span()),
            _ => {
                return Err(syn::Error::new(
                    lit.span(),
                    "`delimiter` takes one character, such as ';' or '\\t'",
                ))
            }
        }
    } else {
        let lit: LitChar = input.parse()?;
        (lit.value(), lit.span())
    };
    kms_errors_catalog::csv::check_delimiter(c)
        .map_err(|why| syn::Error::new(span, format!("`delimiter`: {why}")))
}

/// Sets an argument once; a second time is an error at `span`.
fn set<T>(slot: &mut Option<T>, value: T, name: &str, span: Span) -> syn::Result<()> {
    if slot.is_some() {
        return Err(syn::Error::new(
            span,
            format!("duplicate argument `{name}`"),
        ));
    }
    *slot = Some(value);
    Ok(())
}

/// The tokens of `crate = path` up to the next `,` (kept as tokens: it may be `$crate`).
fn crate_path(input: ParseStream, span: Span) -> syn::Result<TokenStream> {
    let tokens = input.step(|cursor| {
        let mut rest = *cursor;
        let mut out = TokenStream::new();
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            out.extend([tt]);
            rest = next;
        }
        Ok((out, rest))
    })?;
    if tokens.is_empty() {
        return Err(syn::Error::new(span, "`crate = ` needs a path"));
    }
    Ok(tokens)
}

/// Defaults and checks.
fn finish(given: Given) -> syn::Result<Args> {
    let paths = given.path.unwrap_or_default();
    for (i, (p, span)) in paths.iter().enumerate() {
        if p.is_empty() {
            return Err(syn::Error::new(*span, "the catalog path is empty"));
        }
        if paths[..i].iter().any(|(q, _)| q == p) {
            return Err(syn::Error::new(*span, format!("`{p}` is listed twice")));
        }
    }
    let bundled = match given.bundled {
        Some(b) => b,
        None if paths.is_empty() => Bundled::ALL.to_vec(),
        None => Vec::new(),
    };
    let named = (given.error.is_some(), given.code.is_some());
    let error = given
        .error
        .unwrap_or_else(|| Ident::new("KmsError", Span::call_site()));
    let code = given
        .code
        .unwrap_or_else(|| Ident::new("ErrorCode", Span::call_site()));
    check_names(&error, &code, named)?;
    Ok(Args {
        paths,
        bundled,
        error,
        code,
        delimiter: given.delimiter,
        docs: given.docs,
        krate: given.krate.unwrap_or_else(|| quote!(::kms_errors)),
    })
}

/// The three items an invocation defines must have distinct names.
fn check_names(error: &Ident, code: &Ident, named: (bool, bool)) -> syn::Result<()> {
    let describe = |what: &str, ident: &Ident, given: bool| {
        if given {
            format!("`{what} = {ident}`")
        } else {
            format!("the default `{what}` name `{ident}`")
        }
    };
    let items = [
        (
            error.to_string(),
            describe("error", error, named.0),
            error.span(),
        ),
        (
            code.to_string(),
            describe("code", code, named.1),
            code.span(),
        ),
        (
            format!("Unknown{code}"),
            format!("`Unknown{code}` (the parse error of `{code}`)"),
            code.span(),
        ),
    ];
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            if a.0 == b.0 {
                let span = if named.1 { b.2 } else { a.2 };
                return Err(syn::Error::new(
                    span,
                    format!(
                        "{} and {} would both define `{}`: choose other names with `error = ...` and `code = ...`",
                        a.1, b.1, a.0
                    ),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Args, Bundled};

    fn err(src: &str) -> String {
        match syn::parse_str::<Args>(src) {
            Ok(_) => panic!("accepted: {src}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn accepted_forms() {
        let a = syn::parse_str::<Args>("").unwrap();
        assert!(a.paths.is_empty());
        assert_eq!(a.bundled, [Bundled::Kms, Bundled::Gateway]);
        assert_eq!(a.file_names(), ["catalog.csv", "gateway.csv"]);
        assert_eq!(
            (a.error.to_string(), a.code.to_string()),
            ("KmsError".into(), "ErrorCode".into())
        );
        let a = syn::parse_str::<Args>(r#""x.csv""#).unwrap();
        assert_eq!((a.paths[0].0.as_str(), a.bundled.len()), ("x.csv", 0));
        let a = syn::parse_str::<Args>(r#"code = C, path = "y.csv", error = E,"#).unwrap();
        assert_eq!(
            (
                a.paths[0].0.as_str(),
                a.error.to_string(),
                a.code.to_string()
            ),
            ("y.csv", "E".into(), "C".into())
        );
        let a =
            syn::parse_str::<Args>(r#"path = ["a.csv", "b.tsv",], bundled = "gateway""#).unwrap();
        assert_eq!(a.file_names(), ["a.csv", "b.tsv", "gateway.csv"]);
        let a = syn::parse_str::<Args>(r#"bundled = ["gateway", "kms"]"#).unwrap();
        assert_eq!(a.file_names(), ["gateway.csv", "catalog.csv"]);
        let a = syn::parse_str::<Args>(r#"bundled = "kms""#).unwrap();
        assert_eq!(a.bundled, [Bundled::Kms]);
        let a = syn::parse_str::<Args>(r#"delimiter = '\t', "t.tsv""#).unwrap();
        assert_eq!(a.delimiter, Some(b'\t'));
        assert_eq!(syn::parse_str::<Args>("").unwrap().delimiter, None);
        let a = syn::parse_str::<Args>(r#"docs = "https://e.example/errors""#).unwrap();
        assert_eq!(a.docs.as_deref(), Some("https://e.example/errors"));
        let a = syn::parse_str::<Args>(r##"r#"raw\path.csv"#"##).unwrap();
        assert_eq!(a.paths[0].0, "raw\\path.csv");
    }

    #[test]
    fn rejected_forms() {
        assert!(err("colour = X").contains("unknown argument `colour`"));
        assert!(err("delimiter = ';', delimiter = ','").contains("duplicate argument `delimiter`"));
        assert!(err("delimiter = \"ab\"").contains("`delimiter` takes one character"));
        assert!(err("delimiter = 7").contains("expected character literal"));
        let e = err("docs = \"errors.html\"");
        assert!(e.starts_with("`docs`: `errors.html` is not a link"), "{e}");
        assert!(
            err("docs = \"https://a\", docs = \"https://b\"").contains("duplicate argument `docs`")
        );
        assert_eq!(
            syn::parse_str::<Args>("delimiter = \";\"")
                .unwrap()
                .delimiter,
            Some(b';')
        );
        let e = err("delimiter = 'a'");
        assert!(
            e.starts_with("`delimiter`: 'a' cannot be a delimiter"),
            "{e}"
        );
        assert!(err("error = A, error = B").contains("duplicate argument `error`"));
        assert!(err(r#""a.csv", path = "b.csv""#).contains("duplicate argument `path`"));
        assert!(err(r#""""#).contains("the catalog path is empty"));
        assert!(err("path = X").contains("expected string literal"));
        assert!(err("path = []").contains("`path` needs at least one string"));
        assert!(err(r#"path = ["a.csv", "a.csv"]"#).contains("`a.csv` is listed twice"));
        assert!(err(r#"path = ["a.csv", 7]"#).contains("expected string literal"));
        assert_eq!(
            err(r#"bundled = "iam""#),
            r#"`bundled`: no bundled table `iam` (expected "kms" or "gateway")"#
        );
        assert!(err(r#"bundled = ["kms", "kms"]"#).contains("`kms` is listed twice"));
        assert!(
            err(r#"bundled = "kms", bundled = "gateway""#).contains("duplicate argument `bundled`")
        );
        assert!(err("crate = , error = E").contains("needs a path"));
        assert!(err("crate = a, crate = b").contains("duplicate argument `crate`"));
    }

    #[test]
    fn generated_names_must_not_clash() {
        let e = err("error = ErrorCode");
        assert!(
            e.contains("`error = ErrorCode` and the default `code` name `ErrorCode`"),
            "{e}"
        );
        let e = err("error = UnknownErrorCode");
        assert!(e.contains("would both define `UnknownErrorCode`"), "{e}");
        assert!(syn::parse_str::<Args>("error = Foo, code = FooRepr").is_ok());
        assert!(syn::parse_str::<Args>("error = IamError, code = IamCode").is_ok());
    }
}
