//! What the client adapters' tests share: a scripted fake of the service on loopback, and the
//! scenarios every adapter must pass (issue "decisions that reach the user's code").
//!
//! Each adapter's test file runs [`scenarios::run`] with its own way to make one call; the
//! scenarios check what the server saw (requests, their spacing), what the call returned,
//! and the retry budget's tokens (every retry takes 5: so the budget counts retries even
//! when nothing answers, as for a refused connection).

#![allow(dead_code)] // each test file uses part of it

pub mod fake;
pub mod memory;
pub mod scenarios;

/// The async adapters' runtime: tokio, two worker threads, with its timer and I/O.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}
