//! Runs `examples/kms_client.rs` (ureq against a loopback server replaying KMS error
//! responses) and checks what the client concluded from each response.

mod common;

#[test]
fn client_handles_each_replayed_error() {
    let stdout = common::run_example("kms_client");
    let expected = [
        // Nested KMS body; typed code, server text, request id from the header, the measure.
        "  error:   KMS.0207 (HTTP 404): The key does not exist. (server: Key 0d0466b0 does not exist.) [request req-0000]",
        "  kind:    not_found  retryable: false",
        "  measure: Choose a valid key or create a key.",
        // A conflict the service reports as HTTP 400.
        "  kind:    already_exists  retryable: false",
        // 503 twice, retried, then success.
        "  attempt 1: KMS.0104 (HTTP 503): A system exception occurred. Contact technical support. (server: A system exception occurred.) [request req-0002] -> retrying",
        "  attempt 2: KMS.0104 (HTTP 503): A system exception occurred. Contact technical support. (server: A system exception occurred.) [request req-0003] -> retrying",
        "  ok: {\"cipher_text\":\"AgDoAG7E...\"}",
        // Flat CSMS body.
        "  error:   CSMS.0101 (HTTP 409): The secret name already exists. [request req-0005]",
        // The API gateway's code (bundled, in the spelling Huawei's gateway sends), its
        // catalog text, kind and measure.
        "  error:   APIGW.0301 (HTTP 401): Incorrect IAM authentication information. (server: Incorrect IAM authentication information) [request req-0006]",
        "  kind:    unauthenticated  retryable: false",
        "  measure: Check whether the token is correct.",
        // A non-JSON 502 body is retried.
        "  attempt 1: HTTP 502 without an error code (server: <html><body>502 Bad Gateway</body></html>) [request req-0007] -> retrying",
        "  ok: {\"keys\":[]}",
        "  kind:    failed_precondition  retryable: false",
    ];
    common::assert_lines_in_order(&stdout, &expected);
}
