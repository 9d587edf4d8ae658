//! Runs `examples/fake_kms.rs` (a blocking client's calls through `retry_blocking` against a
//! fake KMS on loopback whose responses are `ErrorResponse::to_http`) and checks the retry
//! decisions: the quota error
//! is not retried, throttling is retried after `Retry-After`, a system error is retried
//! for a read and not for a create, "unavailable" is retried for a create.

mod common;

#[test]
fn retry_loop_against_a_fake_kms() {
    let stdout = common::run_example("fake_kms");
    let expected = [
        "POST /v1/keys (idempotent: false)",
        "  attempt 1: KMS.1105 (HTTP 400): Too many keys. [request fake-req] (retry: no)",
        "  gave up: KMS.1105 (HTTP 400): Too many keys. [request fake-req]",
        "  why:     a quota: free resources or raise the quota; measure: Increase key quota or delete unnecessary keys.",
        "GET /v1/keys/k1 (idempotent: true)",
        // The gateway's throttling code is a bundled one.
        "  attempt 1: APIGW.0308 (HTTP 429): The throttling threshold has been reached. (server: The throttling threshold has been reached) (retry: throttled)",
        "  ok: {\"key_id\":\"k1\"}",
        "POST /v1/keys (idempotent: false)",
        "  attempt 1: KMS.0101 (HTTP 500): KMS error. [request fake-req] (retry: if_idempotent)",
        "  gave up: KMS.0101 (HTTP 500): KMS error. [request fake-req]",
        "GET /v1/keys (idempotent: true)",
        "  attempt 1: KMS.0101 (HTTP 500): KMS error. [request fake-req] (retry: if_idempotent)",
        "  ok: {\"keys\":[]}",
        "POST /v1/encrypt (idempotent: false)",
        "  attempt 1: KMS.0104 (HTTP 503): A system exception occurred. Contact technical support. [request fake-req] (retry: yes)",
        "  ok: {\"cipher_text\":\"AgDo...\"}",
        // Exactly the scripted requests: no retry that should not have happened.
        "the fake served 8 requests",
    ];
    common::assert_lines_in_order(&stdout, &expected);
    // The throttled read waited the server's Retry-After (1 s) before its retry.
    let waited: Vec<u128> = stdout
        .lines()
        .filter_map(|l| {
            l.strip_prefix("  waited ")?
                .strip_suffix(" ms")?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(waited.len(), 3, "{stdout}");
    assert!(waited[0] >= 1000, "{waited:?}");
    assert!(!stdout.contains("unexpected request"), "{stdout}");
}
