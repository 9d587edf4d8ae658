//! Runs `examples/fake_kms.rs` (a blocking client's calls through `kms_errors::ureq::send`
//! against a fake KMS on loopback whose responses are `ErrorResponse::to_http`) and checks
//! the retry decisions: the quota error is not retried, throttling is retried after
//! `Retry-After`, a system error is retried for a read (a GET) and not for a create (a POST),
//! "unavailable" is retried for a create.

mod common;

#[test]
fn retry_loop_against_a_fake_kms() {
    let stdout = common::run_example("fake_kms");
    let expected = [
        "POST /v1/keys",
        "  attempt 1: 400 KMS.1105",
        "  gave up: KMS.1105 (HTTP 400): Too many keys. [request fake-req] (retry: no)",
        "  why:     a quota: free resources or raise the quota; measure: Increase key quota or delete unnecessary keys.",
        "GET /v1/keys/k1",
        // The gateway's throttling code is a bundled one.
        "  attempt 1: 429 APIGW.0308",
        "  ok: {\"key_id\":\"k1\"}",
        "POST /v1/keys",
        "  attempt 1: 500 KMS.0101",
        "  gave up: KMS.0101 (HTTP 500): KMS error. [request fake-req] (retry: if_idempotent)",
        "GET /v1/keys",
        "  attempt 1: 500 KMS.0101",
        "  ok: {\"keys\":[]}",
        "POST /v1/encrypt",
        "  attempt 1: 503 KMS.0104",
        "  ok: {\"cipher_text\":\"AgDo...\"}",
        // Exactly the scripted requests: no retry that should not have happened.
        "the fake served 8 requests",
    ];
    common::assert_lines_in_order(&stdout, &expected);
    // The throttled read waited the server's Retry-After (1 s) before its retry.
    let waited: Vec<u128> = stdout
        .lines()
        .filter_map(|l| {
            let (_, after) = l.strip_prefix("  attempt 2, ")?.split_once(" ms later: ")?;
            assert!(after == "200", "{l}");
            l.strip_prefix("  attempt 2, ")?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(waited.len(), 3, "{stdout}");
    assert!(waited[0] >= 1000, "{waited:?}");
    assert!(!stdout.contains("unexpected request"), "{stdout}");
}
