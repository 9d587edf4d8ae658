//! One error for both ways a call fails, one retry decision, and the retry loop's policy
//! (feature `client`): what every client adapter (reqwest, reqwest-middleware, tower,
//! backon, the blocking helper) shares.
//!
//! * [`ClientError`]: the call failed in transport ([`TransportError`]: not connected, TLS
//!   failed, timed out, interrupted: the table on [`TransportKind`]) or the API answered with
//!   an error ([`ErrorResponse`]); its [`ClientError::retry`] is the one decision, `Retry`: a
//!   failure before the request was sent is retried even when the request is not
//!   idempotent, a timeout after sending only when it is, TLS never, an API error as the
//!   catalog says (throttling, quotas, `Retry-After`).
//! * [`RetryPolicy`]: how many attempts (3, as AWS's standard mode), exponential backoff
//!   with full jitter (a random delay up to 1 s, 2 s, 4 s... capped at 20 s), `Retry-After`
//!   waited up to a cap (20 s; a longer one returns the error at once), and a
//!   [`RetryBudget`], the AWS SDKs' retry quota (500 tokens, 5 a retry, 10 after a timeout;
//!   a first-try success gives 1 back, a success after retries what its last retry took),
//!   process-wide unless a client is given its own, so that a failing service gets a
//!   bounded amount of extra load. [`Attempts`]: where one request is in its retries.
//! * [`Idempotent`]: a request's idempotency, its method's unless it says otherwise.
//! * [`retry_blocking`]: the loop for blocking clients.
//!
//! [`ErrorResponse`]: crate::ErrorResponse

mod blocking;
mod classify;
mod error;
mod policy;

pub use blocking::retry_blocking;
#[cfg(feature = "reqwest")]
pub(crate) use classify::{chain_has_invalid_data, chain_names_tls};
#[cfg(feature = "ureq")]
pub(crate) use classify::{io_kind, names_tls};
pub use error::{ClientError, TransportError, TransportKind};
pub use policy::{Attempts, Idempotent, RetryBudget, RetryPolicy};

use crate::CatalogError;
use std::time::Duration;

/// The `DEBUG` event of an adapter about to retry after `attempt` failed with `err` (feature
/// `tracing`; nothing without it).
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn retrying<E: CatalogError>(err: &ClientError<E>, attempt: u32, delay: Duration) {
    #[cfg(feature = "tracing")]
    crate::external::tracing::retrying(err, attempt, delay);
}
