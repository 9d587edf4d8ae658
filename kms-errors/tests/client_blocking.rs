//! The blocking loop (`retry_blocking`) around one ureq call typed by
//! `kms_errors::ureq::check`, through every scenario: the loop a blocking client without an
//! adapter of its own uses, its idempotency given as a value.
#![cfg(feature = "ureq")]

mod support;

use kms_errors::{retry_blocking, ClientError};
use support::memory;
use support::scenarios::{self, Req};

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// The agent: error statuses as responses, so that `check` reads their bodies.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// One ureq call, typed by `check`: the status of a success, else the failure.
fn once(agent: &ureq::Agent, req: &Req) -> Result<u16, ClientError> {
    let sent = match req.method {
        "POST" => {
            let mut builder = agent.post(req.url);
            if let Some(t) = req.timeout {
                builder = builder.config().timeout_global(Some(t)).build();
            }
            builder.send("{}")
        }
        _ => {
            let mut builder = agent.get(req.url);
            if let Some(t) = req.timeout {
                builder = builder.config().timeout_global(Some(t)).build();
            }
            builder.call()
        }
    };
    let resp = kms_errors::ureq::check(sent)?;
    Ok(resp.status().as_u16())
}

fn call(agent: &ureq::Agent) -> impl Fn(&Req) -> Result<u16, ClientError> + Sync + '_ {
    move |req: &Req| retry_blocking(req.policy, req.idempotency(), |_| once(agent, req))
}

#[test]
fn scenarios() {
    let agent = agent();
    scenarios::run("retry_blocking (ureq::check)", &call(&agent));
}

#[test]
fn huge_error_body() {
    let agent = agent();
    scenarios::huge_error_body_is_capped(
        "retry_blocking (ureq::check)",
        &call(&agent),
        kms_errors::ureq::ERROR_BODY_LIMIT,
    );
}
