//! The macro's own arguments: `()`, `("path")` or `(path = "...", error = X, code = Y)`,
//! `delimiter = ';'`, and `crate = path` (set by `kms_errors::kms_errors!` to `$crate`).

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitChar, LitStr, Token};

/// What the invocation asked for.
pub(crate) struct Args {
    /// The catalog path as written, with its literal's span; `None`: the bundled catalog.
    pub path: Option<(String, Span)>,
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
    /// Where catalog errors are reported: the path literal, else the macro call.
    pub fn span(&self) -> Span {
        self.path.as_ref().map_or_else(Span::call_site, |p| p.1)
    }
}

/// The arguments as given, before defaults and checks.
#[derive(Default)]
struct Given {
    path: Option<(String, Span)>,
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
                    (lit.value(), lit.span()),
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

/// `key = value` for `path`, `error`, `code` and `delimiter`.
fn keyed(input: ParseStream, given: &mut Given) -> syn::Result<()> {
    let key: Ident = input.parse()?;
    input.parse::<Token![=]>()?;
    let span = key.span();
    match key.to_string().as_str() {
        "path" => {
            let lit: LitStr = input.parse()?;
            set(&mut given.path, (lit.value(), lit.span()), "path", span)
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
            kms_errors_catalog::valid::check_url(&url)
                .map_err(|why| syn::Error::new(lit.span(), format!("`docs`: {why}")))?;
            set(&mut given.docs, url, "docs", span)
        }
        other => Err(syn::Error::new(
            span,
            format!(
                "unknown argument `{other}`: expected `path`, `error`, `code`, `delimiter`, `docs` or `crate`"
            ),
        )),
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
    if let Some((p, span)) = &given.path {
        if p.is_empty() {
            return Err(syn::Error::new(*span, "the catalog path is empty"));
        }
    }
    let named = (given.error.is_some(), given.code.is_some());
    let error = given
        .error
        .unwrap_or_else(|| Ident::new("KmsError", Span::call_site()));
    let code = given
        .code
        .unwrap_or_else(|| Ident::new("ErrorCode", Span::call_site()));
    check_names(&error, &code, named)?;
    Ok(Args {
        path: given.path,
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
    use super::Args;

    fn err(src: &str) -> String {
        match syn::parse_str::<Args>(src) {
            Ok(_) => panic!("accepted: {src}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn accepted_forms() {
        let a = syn::parse_str::<Args>("").unwrap();
        assert!(a.path.is_none());
        assert_eq!(
            (a.error.to_string(), a.code.to_string()),
            ("KmsError".into(), "ErrorCode".into())
        );
        let a = syn::parse_str::<Args>(r#""x.csv""#).unwrap();
        assert_eq!(a.path.unwrap().0, "x.csv");
        let a = syn::parse_str::<Args>(r#"code = C, path = "y.csv", error = E,"#).unwrap();
        assert_eq!(
            (
                a.path.unwrap().0.as_str(),
                a.error.to_string(),
                a.code.to_string()
            ),
            ("y.csv", "E".into(), "C".into())
        );
        let a = syn::parse_str::<Args>(r#"delimiter = '\t', "t.tsv""#).unwrap();
        assert_eq!(a.delimiter, Some(b'\t'));
        assert_eq!(syn::parse_str::<Args>("").unwrap().delimiter, None);
        let a = syn::parse_str::<Args>(r#"docs = "https://e.example/errors""#).unwrap();
        assert_eq!(a.docs.as_deref(), Some("https://e.example/errors"));
        let a = syn::parse_str::<Args>(r##"r#"raw\path.csv"#"##).unwrap();
        assert_eq!(a.path.unwrap().0, "raw\\path.csv");
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
