//! One error for both ways a call fails, one retry decision, and the retry loop's policy
//! (feature `client`): what every client adapter (reqwest, reqwest-middleware, tower,
//! backon, the blocking helper) shares.
//!
//! * [`ClientError`]: the call failed in transport ([`TransportError`]: not connected, timed
//!   out, interrupted) or the API answered with an error ([`ErrorResponse`]); its
//!   [`ClientError::retry`] is the one decision, `Retry`: a failure before the request was
//!   sent is retried even when the request is not idempotent, a timeout after sending only
//!   when it is, an API error as the catalog says (throttling, quotas, `Retry-After`).
//! * [`RetryPolicy`]: how many attempts (3, as AWS's standard mode), exponential backoff
//!   with full jitter (a random delay up to 1 s, 2 s, 4 s... capped at 20 s), `Retry-After`
//!   honoured up to a cap (20 s), and a [`RetryBudget`] shared by a client's requests (500
//!   tokens, 5 a retry, 10 after a timeout, 1 back per success), so that a failing service
//!   gets a bounded amount of extra load.
//! * [`retry_blocking`]: the loop for blocking clients (ureq and the like).
//!
//! [`ErrorResponse`]: crate::ErrorResponse

mod blocking;
mod error;
mod policy;

pub use blocking::retry_blocking;
pub use error::{ClientError, TransportError, TransportKind};
pub use policy::{Idempotent, RetryBudget, RetryPolicy};
