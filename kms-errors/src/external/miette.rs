//! `miette::Diagnostic` for every generated error type (feature `miette`): the code as
//! received, the catalog's measure as help, the documentation link, severity error.

use crate::CatalogError;
use core::fmt::Display;

/// The error code as received (none when empty), bounded and escaped ([`crate::Shown`]).
pub fn code<E: CatalogError>(e: &E) -> Option<Box<dyn Display + '_>> {
    Some(e.code_str())
        .filter(|c| !c.is_empty())
        .map(|c| Box::new(crate::Shown::token(c)) as Box<dyn Display>)
}

/// The catalog's measure (none when empty).
pub fn help<E: CatalogError>(e: &E) -> Option<Box<dyn Display + '_>> {
    Some(e.measure())
        .filter(|m| !m.is_empty())
        .map(|m| Box::new(m) as Box<dyn Display>)
}

/// The documentation link, if any.
pub fn url<E: CatalogError>(e: &E) -> Option<Box<dyn Display + '_>> {
    e.doc_url().map(|u| Box::new(u) as Box<dyn Display>)
}

#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_miette {
    ($err:ident) => {
        impl $crate::__private::miette::Diagnostic for $err {
            #[inline]
            fn code<'a>(
                &'a self,
            ) -> ::core::option::Option<::std::boxed::Box<dyn ::core::fmt::Display + 'a>> {
                $crate::__private::diagnostic::code(self)
            }
            #[inline]
            fn severity(&self) -> ::core::option::Option<$crate::__private::miette::Severity> {
                ::core::option::Option::Some($crate::__private::miette::Severity::Error)
            }
            #[inline]
            fn help<'a>(
                &'a self,
            ) -> ::core::option::Option<::std::boxed::Box<dyn ::core::fmt::Display + 'a>> {
                $crate::__private::diagnostic::help(self)
            }
            #[inline]
            fn url<'a>(
                &'a self,
            ) -> ::core::option::Option<::std::boxed::Box<dyn ::core::fmt::Display + 'a>> {
                $crate::__private::diagnostic::url(self)
            }
        }
    };
}
