//! The blocking helper (`retry_blocking`) with ureq through every scenario: the glue a
//! blocking client's user writes is `call` below (a transport error by kind, an error
//! response read up to a cap and parsed).
#![cfg(all(feature = "client", feature = "http"))]

mod support;

use kms_errors::{
    retry_blocking, ClientError, ErrorResponse, Idempotent, RetryPolicy, TransportError,
    TransportKind,
};
use std::io::Read;
use support::{memory, scenarios};

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// The most bytes of an error body read.
const ERROR_BODY_LIMIT: u64 = 64 * 1024;

/// One ureq call, typed: the status of a success, else the failure.
fn call(agent: &ureq::Agent, url: &str) -> Result<u16, ClientError> {
    let resp = agent.post(url).send("{}").map_err(transport)?;
    if resp.status().is_success() {
        return Ok(resp.status().as_u16());
    }
    let (parts, mut body) = resp.into_parts();
    let mut bytes = Vec::new();
    let read = body
        .as_reader()
        .take(ERROR_BODY_LIMIT)
        .read_to_end(&mut bytes);
    read.map_err(|e| TransportError::new(TransportKind::Interrupted, e))?;
    Err(ErrorResponse::from_http(&http::Response::from_parts(parts, bytes)).into())
}

/// A ureq error by what it says of the request: not sent, maybe sent, or neither.
fn transport(e: ureq::Error) -> TransportError {
    use std::io::ErrorKind::{ConnectionRefused, NotConnected};
    let kind = match &e {
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => TransportKind::Connect,
        ureq::Error::Io(io) if matches!(io.kind(), ConnectionRefused | NotConnected) => {
            TransportKind::Connect
        }
        ureq::Error::Timeout(_) => TransportKind::Timeout,
        ureq::Error::Io(_) => TransportKind::Interrupted,
        _ => TransportKind::Other,
    };
    TransportError::new(kind, e)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

#[test]
fn scenarios() {
    let agent = agent();
    let blocking = |url: &str, policy: &RetryPolicy, idempotent: Idempotent| {
        retry_blocking(policy, idempotent, |_| call(&agent, url))
    };
    scenarios::run("retry_blocking (ureq)", &blocking);
}

#[test]
fn huge_error_body() {
    let agent = agent();
    let blocking = |url: &str, policy: &RetryPolicy, idempotent: Idempotent| {
        retry_blocking(policy, idempotent, |_| call(&agent, url))
    };
    scenarios::huge_error_body_is_capped(
        "retry_blocking (ureq)",
        &blocking,
        ERROR_BODY_LIMIT as usize,
    );
}
