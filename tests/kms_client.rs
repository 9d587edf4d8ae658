//! Runs `examples/kms_client.rs` (reqwest with `kms_errors::reqwest::send`, a retry policy
//! and tracing, against a loopback fake replaying KMS, CSMS and API-gateway responses) and
//! checks what it did with each: what was retried and how, what it gave up on, and the
//! fields of its tracing events.

mod common;

#[test]
fn client_decides_retries_and_traces_each_failure() {
    let stdout = common::run_example("kms_client");
    let expected = [
        "POST /v1/describe-key (idempotent: true)",
        // Not found: not retried; one WARN event with the OpenTelemetry fields.
        r#" WARN KMS.0207 (HTTP 404): The key does not exist. (server: Key 0d0466b0 does not exist.) [request req-0000] error.type="KMS.0207" http.response.status_code=404 http.response.header.x-request-id="req-0000" kms.error.kind="not_found" kms.retry="no""#,
        "  retry:   no",
        "  advice:  the key is gone: pick another key or create one",
        // An encrypt (not idempotent) while KMS is unavailable: retried twice (DEBUG events
        // with the attempt), then it works.
        "POST /v1/encrypt (idempotent: false)",
        "attempt=1",
        "attempt=2",
        r#"  ok: {"cipher_text":"AgDoAG7E..."}"#,
        // A quota documented as HTTP 500: never retried.
        "POST /v1/secrets (idempotent: false)",
        r#"kms.error.kind="resource_exhausted" kms.retry="no""#,
        "  advice:  a quota is used up: Delete other secrets.",
        // Throttled by the gateway: retried after its Retry-After (1 s).
        "POST /v1/list-keys (idempotent: true)",
        r#"attempt=1 delay_ms=1000 error.type="APIGW.0308" http.response.status_code=429 kms.retry="throttled""#,
        r#"  ok: {"keys":[]}"#,
        // The gateway's backend timed out on a create: it may have run, not retried.
        "POST /v1/create-key (idempotent: false)",
        r#"error.type="APIGW.0201" http.response.status_code=504"#,
        "  retry:   if_idempotent",
    ];
    common::assert_fragments_in_order(&stdout, &expected);
    // Exactly two retries of the encrypt, one of the throttled read, none elsewhere.
    assert_eq!(stdout.matches("DEBUG retrying:").count(), 3, "{stdout}");
}
