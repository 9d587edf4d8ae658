//! The macro's own arguments: `()`, `("path")` or `(path = "...", error = X, code = Y)`, and
//! `crate = path` (set by `kms_errors::kms_errors!` to `$crate`).

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// What the invocation asked for.
pub(crate) struct Args {
    /// The catalog path as written, with its literal's span; `None`: the bundled catalog.
    pub path: Option<(String, Span)>,
    /// Name of the error struct.
    pub error: Ident,
    /// Name of the code enum.
    pub code: Ident,
    /// Path of the `kms-errors` crate in the invoking crate (default `::kms_errors`).
    pub krate: TokenStream,
}

impl Args {
    /// Where catalog errors are reported: the path literal, else the macro call.
    pub fn span(&self) -> Span {
        self.path.as_ref().map_or_else(Span::call_site, |p| p.1)
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut path = None;
        let mut error = None;
        let mut code = None;
        let mut krate: Option<TokenStream> = None;
        while !input.is_empty() {
            if input.peek(LitStr) {
                let lit: LitStr = input.parse()?;
                if path.is_some() {
                    return Err(syn::Error::new(lit.span(), "duplicate argument `path`"));
                }
                path = Some((lit.value(), lit.span()));
                if !input.is_empty() {
                    input.parse::<Token![,]>()?;
                }
                continue;
            }
            if input.peek(Token![crate]) {
                let kw = input.parse::<Token![crate]>()?;
                input.parse::<Token![=]>()?;
                if krate.is_some() {
                    return Err(syn::Error::new(kw.span, "duplicate argument `crate`"));
                }
                // A path, kept as tokens (it may be `$crate`): everything up to a `,`.
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
                    return Err(syn::Error::new(kw.span, "`crate = ` needs a path"));
                }
                krate = Some(tokens);
                if !input.is_empty() {
                    input.parse::<Token![,]>()?;
                }
                continue;
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let duplicate = || syn::Error::new(key.span(), format!("duplicate argument `{key}`"));
            match key.to_string().as_str() {
                "path" => {
                    if path.is_some() {
                        return Err(duplicate());
                    }
                    let lit: LitStr = input.parse()?;
                    path = Some((lit.value(), lit.span()));
                }
                "error" => {
                    if error.is_some() {
                        return Err(duplicate());
                    }
                    error = Some(input.parse::<Ident>()?);
                }
                "code" => {
                    if code.is_some() {
                        return Err(duplicate());
                    }
                    code = Some(input.parse::<Ident>()?);
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                        "unknown argument `{other}`: expected `path`, `error`, `code` or `crate`"
                    ),
                    ))
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        if let Some((p, span)) = &path {
            if p.is_empty() {
                return Err(syn::Error::new(*span, "the catalog path is empty"));
            }
        }
        let named = (error.is_some(), code.is_some());
        let error = error.unwrap_or_else(|| Ident::new("KmsError", Span::call_site()));
        let code = code.unwrap_or_else(|| Ident::new("ErrorCode", Span::call_site()));
        check_names(&error, &code, named)?;
        let krate = krate.unwrap_or_else(|| quote!(::kms_errors));
        Ok(Args {
            path,
            error,
            code,
            krate,
        })
    }
}

/// The four items an invocation defines must have distinct names.
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
        (
            format!("{error}Repr"),
            format!("`{error}Repr` (the private representation of `{error}`)"),
            error.span(),
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
        let a = syn::parse_str::<Args>(r##"r#"raw\path.csv"#"##).unwrap();
        assert_eq!(a.path.unwrap().0, "raw\\path.csv");
    }

    #[test]
    fn rejected_forms() {
        assert!(err("colour = X").contains("unknown argument `colour`"));
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
        let e = err("error = Foo, code = FooRepr");
        assert!(e.contains("would both define `FooRepr`"), "{e}");
        assert!(syn::parse_str::<Args>("error = IamError, code = IamCode").is_ok());
    }
}
