//! `Serialize`/`Deserialize` for every generated code enum (as its code string) and error
//! type (`{"status": 404, "code": "KMS.0207"}`) (feature `serde`).

use core::fmt;
use core::marker::PhantomData;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserializer, Serializer};

/// Serializes an error as `{"status": 404, "code": "KMS.0207"}`.
pub fn serialize_error<S: Serializer>(s: S, status: u16, code: &str) -> Result<S::Ok, S::Error> {
    let mut st = s.serialize_struct("Error", 2)?;
    st.serialize_field("status", &status)?;
    st.serialize_field("code", code)?;
    st.end()
}

/// Deserializes a code from a string with `make`.
pub fn code<'de, D: Deserializer<'de>, C>(d: D, make: fn(&str) -> C) -> Result<C, D::Error> {
    struct V<C>(fn(&str) -> C);
    impl<C> Visitor<'_> for V<C> {
        type Value = C;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error code string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<C, E> {
            Ok((self.0)(v))
        }
    }
    d.deserialize_str(V(make))
}

/// Deserializes an error from `{"status": 404, "code": "KMS.0207"}` or `[404, "KMS.0207"]`.
pub fn error<'de, D: Deserializer<'de>, E: for<'a> From<(u16, &'a str)>>(
    d: D,
) -> Result<E, D::Error> {
    struct V<E>(PhantomData<E>);
    impl<'de, E: for<'a> From<(u16, &'a str)>> Visitor<'de> for V<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error as {\"status\": u16, \"code\": string}")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<E, A::Error> {
            let status: u16 = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(0, &self))?;
            let code: String = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(1, &self))?;
            Ok(E::from((status, code.as_str())))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<E, A::Error> {
            let (mut status, mut code): (Option<u16>, Option<String>) = (None, None);
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "status" if status.is_none() => status = Some(map.next_value()?),
                    "code" if code.is_none() => code = Some(map.next_value()?),
                    "status" | "code" => {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")))
                    }
                    _ => {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
            }
            let status = status.ok_or_else(|| de::Error::missing_field("status"))?;
            let code = code.ok_or_else(|| de::Error::missing_field("code"))?;
            Ok(E::from((status, code.as_str())))
        }
    }
    d.deserialize_struct("Error", &["status", "code"], V(PhantomData))
}

#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_serde {
    ($err:ident, $code:ident) => {
        impl $crate::__private::serde::Serialize for $code {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $code {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::de::code(d, |s| match $code::from_code(s) {
                    ::core::option::Option::Some(c) => c,
                    ::core::option::Option::None => $code::Unknown,
                })
            }
        }
        impl $crate::__private::serde::Serialize for $err {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::de::serialize_error(s, self.status(), self.code_str())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $err {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::de::error(d)
            }
        }
    };
}
