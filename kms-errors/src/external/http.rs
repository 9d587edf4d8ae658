//! `From<(http::StatusCode, &str)>` for every generated error type (feature `http`).

#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_http {
    ($err:ident) => {
        impl ::core::convert::From<($crate::__private::http::StatusCode, &::core::primitive::str)>
            for $err
        {
            #[inline]
            fn from(
                (status, code): ($crate::__private::http::StatusCode, &::core::primitive::str),
            ) -> Self {
                $err::new(status.as_u16(), code)
            }
        }
    };
}
