//! The stable core of [`kms-errors`](https://docs.rs/kms-errors): what every catalog's errors
//! have in common, in a crate that both the runtime and the macro's catalog front end depend
//! on, so that each rule has one definition.
//!
//! * [`ErrorKind`]: what kind of failure an error is (the gRPC canonical codes), and the
//!   kind an HTTP status implies.
//! * [`Retry`]: the retry rule, what a client should do about an error: one decision from
//!   its kind, its status and whether its row is a throttling row.
//!
//! `kms-errors` re-exports both; depend on `kms-errors` rather than on this crate. Its
//! hidden modules are shared by the macro's front end, the runtime and the command line
//! tool: the conflict and quota decisions (`decide`: the runtime's `is_conflict()` and
//! `is_quota_exceeded()` are the API), the text of a `kind` cell (`cell`), the encoded
//! tables' layout, the code index's probe and the edit distance of the suggestions. They are
//! not API: they move together with those crates (pinned with `=`).
//!
//! ```
//! use kms_errors_core::{ErrorKind, Retry};
//!
//! assert_eq!(ErrorKind::from_status(404), ErrorKind::NotFound);
//! // A 500 on a create may have created: retried only when the request is idempotent.
//! let r = Retry::of(ErrorKind::Internal, 500, false);
//! assert_eq!(r, Retry::IfIdempotent);
//! assert!(r.allows(true) && !r.allows(false));
//! ```

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[doc(hidden)]
pub mod cell;
#[doc(hidden)]
pub mod decide;
#[doc(hidden)]
pub mod distance;
#[doc(hidden)]
pub mod hash;
mod kind;
mod retry;
#[doc(hidden)]
pub mod table;

pub use kind::ErrorKind;
pub use retry::Retry;
