//! Typed errors for the Open Telekom Cloud / Huawei Cloud KMS and CSMS APIs.
//!
//! When the service answers HTTP 404 with
//! `{"error":{"error_code":"KMS.0207","error_msg":"..."}}`, turn the status and the code into
//! a [`KmsError`] and match on its [`ErrorCode`]: every code of the published error-code table
//! (185 rows) is a variant, checked by the compiler and documented with its message,
//! description and measure. So is every code of the API gateway in front of the service
//! (71 rows, 64 codes: `APIG.0301` "Incorrect IAM authentication information", written
//! `APIGW.0301` by Huawei Cloud's gateway; both spellings are accepted), since a KMS client
//! receives those too: a wrong endpoint answers `APIGW.0101`, which is not "key not found".
//!
//! # Quick start
//!
//! ```
//! use kms_errors::{ErrorCode, KmsError};
//!
//! let err = KmsError::from((404, "KMS.0207"));
//! match err.code() {
//!     ErrorCode::Kms0207 => println!("the key is gone: {}", err.measure()),
//!     ErrorCode::Unknown => println!("not in the catalog: {}", err.code_str()),
//!     _ => println!("{err}"),
//! }
//! assert_eq!(err.to_string(), "KMS.0207 (HTTP 404): The key does not exist.");
//! assert!(err.is_documented());
//!
//! // The API gateway's codes, in either spelling.
//! let gateway = KmsError::from((404, "APIGW.0101"));
//! assert_eq!(gateway.code(), ErrorCode::Apig0101);
//! assert_eq!(gateway.code_str(), "APIGW.0101"); // as received
//! assert!(!gateway.is_not_found()); // the API does not exist: a wrong endpoint or path
//! ```
//!
//! Decide what to do by kind rather than by code when many codes mean the same thing:
//!
//! ```
//! use kms_errors::{ErrorKind, KmsError};
//!
//! let err = KmsError::from((400, "KMS.0205")); // "Invalid key ID." arrives as HTTP 400 ...
//! assert_eq!(err.kind(), ErrorKind::NotFound); // ... but means "not found"
//! assert!(err.is_not_found() && err.is_client_error() && !err.is_retryable());
//! assert!(KmsError::from((503, "KMS.0104")).is_retryable_for(false));
//! // "Too many keys" is a quota: retrying does not help, whatever the status.
//! let quota = KmsError::from((400, "KMS.1105"));
//! assert!(quota.is_quota_exceeded() && !quota.is_retryable());
//! // A system error on a create may have created: retry it only if it is idempotent.
//! let system = KmsError::from((500, "KMS.0101"));
//! assert!(system.is_retryable_for(true) && !system.is_retryable_for(false));
//! ```
//!
//! The retry rule is one decision, [`Retry`], of the error's kind and status (the table is on
//! [`CatalogError`]); `is_retryable()` and `is_retryable_for()` read it.
//!
//! Nothing the server sent is lost: an unknown code keeps its text.
//!
//! ```
//! use kms_errors::{ErrorCode, KmsError};
//!
//! let err = KmsError::from((418, "KMS.9999"));
//! assert_eq!(err.code(), ErrorCode::Unknown);
//! assert_eq!((err.status(), err.code_str()), (418, "KMS.9999"));
//! assert_eq!(err.to_string(), "KMS.9999 (HTTP 418): unknown error code");
//! ```
//!
//! Codes parse and print as their strings:
//!
//! ```
//! use kms_errors::ErrorCode;
//!
//! let code: ErrorCode = "CSMS.0101".parse().unwrap();
//! assert_eq!(code, ErrorCode::Csms0101);
//! assert_eq!((code.as_str(), code.status()), ("CSMS.0101", 409));
//! assert!("csms.0101".parse::<ErrorCode>().is_err()); // exact and case-sensitive
//! assert_eq!(ErrorCode::ALL.len(), 185 + 64); // the KMS and CSMS codes, the gateway's
//! ```
//!
//! Code literals are checked at compile time with [`code!`]: in tests, config lists and
//! patterns, a typo fails the build instead of never matching.
//!
//! ```
//! use kms_errors::{code, ErrorCode, KmsError};
//!
//! const IGNORED: &[ErrorCode] = &[code!("KMS.2702"), code!("CSMS.0101")];
//! const KEY_NOT_FOUND: ErrorCode = code!("KMS.0207");
//!
//! let err = KmsError::from((404, "KMS.0207"));
//! assert_eq!(err.code(), code!("KMS.0207"));
//! assert!(matches!(err.code(), KEY_NOT_FOUND) && !IGNORED.contains(&err.code()));
//! ```
//!
//! # The types' methods
//!
//! Every accessor is the type's own inherent method, `const fn` wherever the data allows (all
//! but [`KmsError::new`]): usable in `const` items and your own `const fn`s, and as paths.
//!
//! ```
//! use kms_errors::{ErrorCode, ErrorKind, KmsError};
//!
//! const STATUS: u16 = ErrorCode::Kms0207.status();
//! const KIND: ErrorKind = ErrorCode::Kms0207.kind();
//! const MESSAGE: &str = ErrorCode::Kms0207.message();
//! const FOUND: Option<ErrorCode> = ErrorCode::from_code("KMS.0207");
//! const fn drop_from_state(e: &KmsError) -> bool {
//!     e.is_not_found() && e.is_client_error()
//! }
//! assert_eq!((STATUS, KIND, FOUND), (404, ErrorKind::NotFound, Some(ErrorCode::Kms0207)));
//! assert_eq!(MESSAGE, "The key does not exist.");
//! assert!(drop_from_state(&KmsError::from((404, "KMS.0207"))));
//!
//! let codes: Vec<&str> = ErrorCode::ALL.iter().copied().map(ErrorCode::as_str).collect();
//! let errors = [KmsError::from((404, "KMS.0207"))];
//! let statuses: Vec<u16> = errors.iter().map(KmsError::status).collect();
//! assert_eq!((codes.len(), statuses), (249, vec![404]));
//! ```
//!
//! The same methods are on the [`CatalogCode`] and [`CatalogError`] traits, for code generic
//! over catalogs.
//!
//! # Another service's table
//!
//! [`kms_errors!`] generates the same types from any CSV catalog with the columns
//! `status,code,message,description,measure` (only `status` and `code` are required). Name
//! the types to keep several catalogs in one module:
//!
//! ```
//! mod iam {
//!     // doc/iam.csv:
//!     //   status,code,message,kind
//!     //   400,IAM.0001,The request is invalid.,invalid_argument
//!     //   401,IAM.0002,The token has expired.,unauthenticated
//!     //   403,IAM.0003,"Access denied: policy ""deny-all"" applies.",permission_denied
//!     kms_errors::kms_errors!(path = "doc/iam.csv", error = IamError, code = IamCode);
//! }
//! use iam::{IamCode, IamError};
//!
//! let err = IamError::from((403, "IAM.0003"));
//! assert_eq!(err.code(), IamCode::Iam0003);
//! assert_eq!(err.message(), r#"Access denied: policy "deny-all" applies."#);
//! # assert_eq!(kms_errors::KmsError::from((404, "KMS.0207")).code(), kms_errors::ErrorCode::Kms0207);
//! ```
//!
//! The path is relative to your crate's `Cargo.toml`. The catalog rules, the variant-name
//! rule and the compile errors are described on [`kms_errors!`]. An optional `kind` column
//! classifies rows ([`ErrorKind`]); every generated error type implements [`CatalogError`],
//! so retry policies and response parsing work for all catalogs alike.
//!
//! # Features
//!
//! All off by default; each applies to every catalog generated in the build.
//!
//! * `http`: `From<(http::StatusCode, &str)>` for the error types.
//! * `serde`: `Serialize`/`Deserialize` for the code enums (as the code string; unknown
//!   strings become `Unknown`) and the error types (`{"status": 404, "code": "KMS.0207"}`;
//!   unknown codes round-trip).
//! * `json`: [`ErrorResponse`] parses a service's error response — every body shape Huawei's
//!   SDKs read, `X-Request-Id`, `Retry-After` — into the typed error, the server's message,
//!   the request id, the retry delay and IAM's encoded authorization message; a non-JSON body
//!   is kept as the message. It also writes responses for fakes in tests (`to_json`,
//!   `to_http`).
//! * `http` with `json`: `ErrorResponse::from_http(&http::Response<B>)` and `to_http`.
//! * `miette`: `miette::Diagnostic` for every generated error type and `ErrorResponse`
//!   (code, help: the measure, url: the documentation link).
//! * `client` (with `json`): `ClientError` (a transport failure or an API error, one retry
//!   decision), `RetryPolicy` (attempts, exponential backoff with full jitter, `Retry-After`
//!   capped, a shared `RetryBudget`), `Idempotent`, and `retry_blocking` for blocking clients.
//! * `reqwest` (with `client`): `kms_errors::reqwest`, `check` (a reqwest response into the
//!   typed result, in one call) and `send` (one request with the retry policy).
//! * `reqwest-middleware` (with `reqwest`): `kms_errors::reqwest::RetryMiddleware`, the retry
//!   policy as a `reqwest_middleware::Middleware` for every request of a
//!   `ClientWithMiddleware` (a response it does not retry is handed back intact, its whole
//!   body streaming), and `check_middleware`, the final outcome as the typed
//!   `Result<reqwest::Response, ClientError>` in one call.
//! * `tower` (with `client` and `http`): `kms_errors::tower`, a retry `Policy` for tower's
//!   `RetryLayer` deciding by the catalog, over `ErrorBodyLayer`, which reads error bodies up
//!   to 64 KiB for it (the response still reaches the caller whole) and types the client's
//!   failures; `check` for the caller. Works with any `http` client service (hyper's).
//! * `backon` (with `client`): `kms_errors::backon`, `backoff` (the policy's attempts and
//!   full-jitter delays) and `Decide` (`when`, `adjust`) for a backon `Retryable` loop.
//! * `tracing` (with `client`): `ClientError::record` and `emit` under OpenTelemetry's names,
//!   `client_span!`, and a `DEBUG` event for every retry the adapters make.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The generated code names this crate `::kms_errors`, also when it is generated here.
extern crate self as kms_errors;

mod catalog_error;
#[cfg(feature = "client")]
mod client;
mod code;
mod docs;
mod error;
mod external;
mod literal;
mod public;
#[cfg(feature = "json")]
mod response;
mod row;
mod shown;

pub use catalog_error::CatalogError;
#[cfg(feature = "client")]
pub use client::{
    retry_blocking, Attempts, ClientError, Idempotent, RetryBudget, RetryPolicy, TransportError,
    TransportKind,
};
pub use code::{CatalogCode, UnknownCode};
pub use kms_errors_core::{ErrorKind, Retry};
#[cfg(feature = "json")]
pub use response::{parse_retry_after, ErrorResponse, Headers};
pub use row::{Row, Rows};
pub use shown::Shown;

#[cfg(feature = "backon")]
pub use external::backon;
#[cfg(feature = "reqwest")]
pub use external::reqwest;
#[cfg(feature = "tower")]
pub use external::tower;
#[cfg(feature = "ureq")]
pub use external::ureq;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// The README's code blocks (the package's page: quick start, clients, one's own catalog),
/// compiled and run as doc tests (with the features they use).
#[cfg(all(
    doctest,
    feature = "reqwest-middleware",
    feature = "tracing",
    feature = "ureq"
))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Generates typed errors from an error-code catalog (CSV) into the invoking module.
///
/// ```text
/// kms_errors::kms_errors!()                          // the bundled tables: KMS/CSMS and the API gateway's
/// kms_errors::kms_errors!("errors/iam.csv")          // relative to your Cargo.toml
/// kms_errors::kms_errors!(path = "errors/iam.csv", error = IamError, code = IamCode)
/// ```
///
/// It defines the error type (default `KmsError`), the code enum (default `ErrorCode`) and the
/// code's parse error (`Unknown{code}`), exactly like the bundled [`KmsError`] and
/// [`ErrorCode`]. The input, the catalog rules (columns, statuses, the variant-name rule, the
/// optional `kind` column), the compile errors and the path rule are documented on
/// [`kms_errors_macro::kms_errors!`].
///
/// This macro passes its own crate's path to the procedural macro, so the generated code works
/// even when `kms-errors` is renamed in your `Cargo.toml`.
#[macro_export]
macro_rules! kms_errors {
    ($($args:tt)*) => {
        $crate::__private::kms_errors!(crate = $crate, $($args)*);
    };
}

kms_errors!();
