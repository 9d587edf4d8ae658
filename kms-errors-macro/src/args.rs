//! The macro's own arguments: `()`, `("path")` or `(path = "...", error = X, code = Y)`.

use proc_macro2::{Ident, Span};
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
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            path = Some((lit.value(), lit.span()));
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        while !input.is_empty() {
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
                        format!("unknown argument `{other}`: expected `path`, `error` or `code`"),
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
        let error = error.unwrap_or_else(|| Ident::new("KmsError", Span::call_site()));
        let code = code.unwrap_or_else(|| Ident::new("ErrorCode", Span::call_site()));
        if error == code {
            return Err(syn::Error::new(
                code.span(),
                format!("`error` and `code` must name different types (both are `{code}`)"),
            ));
        }
        Ok(Args { path, error, code })
    }
}
