//! What the client adapters' tests share: a scripted fake of the service on loopback, a TLS
//! server nothing trusts, and the scenarios every adapter must pass (issue "decisions that
//! reach the user's code").
//!
//! Each adapter's test file runs [`scenarios::run`] with its own way to make one call; the
//! scenarios check what the server saw (requests, their spacing), what the call returned,
//! and the retry budget's tokens (the AWS SDKs' accounting: 5 a retry, 10 after a timeout,
//! the last retry's back on a success after retries, 1 on a first-try success).

#![allow(dead_code)] // each test file uses part of it

pub mod fake;
pub mod memory;
pub mod scenarios;
pub mod tls;

/// The async adapters' runtime: tokio, two worker threads, with its timer and I/O.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}
