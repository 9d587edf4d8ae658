#!/usr/bin/env python3
"""Writes the seeds of the `response` fuzz target into seeds/response/ (run from fuzz/).

Each seed is the target's input layout (fuzz_targets/response.rs): the status (u16 LE), the
body mode (u16 LE: bit 15 a builder program, bit 14 the body whole, else cut to bits 0-13),
the attempt number (u32 LE), the policy byte, then header lines, an empty line and the body,
as a service or a gateway sends them; or, for the `build_` seeds, a builder program.
"""

import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "response")

# Policy byte: 3 attempts (index 2), not idempotent, Retry-After cap 20 s (index 2 << 4),
# backoff 1 s..20 s (index 0 << 6): the defaults.
DEFAULT_POLICY = 0x22
# Bytes 2..4: the body delivered whole; a builder program.
WHOLE = 0x4000
BUILD = 0x8000


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def seed(name, status, headers, body, limit=WHOLE, attempt=1, policy=DEFAULT_POLICY):
    head = b"".join(h + b"\r\n" for h in headers)
    write(name, struct.pack("<HHIB", status, limit, attempt, policy) + head + b"\r\n" + body)


def program(name, status, ops, attempt=1, policy=DEFAULT_POLICY):
    write(name, struct.pack("<HHIB", status, BUILD | WHOLE, attempt, policy) + bytes(ops))


def u64(n):
    return list(struct.pack("<Q", n))


JSON = b"Content-Type: application/json;charset=UTF-8"


def main():
    os.makedirs(OUT, exist_ok=True)
    # KMS: the nested shape, the request id in the header.
    seed(
        "kms_nested_404",
        404,
        [JSON, b"X-Request-Id: 5c1b5a2e8e4f4d0f9a3b2c1d0e9f8a7b"],
        b'{"error":{"error_code":"KMS.0207","error_msg":"key 0d0466b0-e727-4d9c-b35d-f84bb474a37f not found"}}',
    )
    # CSMS: the flat shape, the request id in the body only.
    seed(
        "csms_flat_409",
        409,
        [JSON],
        b'{"error_code":"CSMS.0101","error_msg":"The secret already exists.","request_id":"6c0a3f4e2b1d4c5e8f7a9b0c1d2e3f40"}',
    )
    # The API gateway in front of KMS: flat, a code of its own.
    seed(
        "apigw_flat_401",
        401,
        [JSON, b"X-Request-Id: 0b7d1f3c9a8e4b2d"],
        b'{"error_msg":"Incorrect IAM authentication information: decrypt token fail","error_code":"APIGW.0301","request_id":"0b7d1f3c9a8e4b2d"}',
    )
    # IAM's denial with its encoded authorization message.
    seed(
        "iam_denied_403",
        403,
        [JSON, b"X-Request-Id: 97e2c4a1"],
        b'{"error_code":"IAM.0003","error_msg":"Policy doesn\'t allow kms:cmk:create to be performed.",'
        b'"encoded_authorization_message":"Egpjbi1ub3J0aC00Gj8KEGttczpjbWs6Y3JlYXRlEgJQRXo2YmJkNzk***GoxMzgrcA=="}',
    )
    # A gateway's HTML page.
    seed(
        "html_502",
        502,
        [b"Content-Type: text/html", b"Server: nginx"],
        b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    )
    # Throttled, Retry-After in delay-seconds.
    seed(
        "throttled_429_seconds",
        429,
        [JSON, b"Retry-After: 2", b"X-Request-Id: r-429"],
        b'{"error_msg":"The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 second",'
        b'"error_code":"APIGW.0308","request_id":"r-429"}',
        attempt=2,
        policy=0x2A,
    )
    # Unavailable, Retry-After as an IMF-fixdate in the future; the camelCase shape nested.
    seed(
        "unavailable_503_date",
        503,
        [JSON, b"Retry-After: Wed, 21 Oct 2037 07:28:00 GMT"],
        b'{"error":{"errorCode":"KMS.0104","errorMessage":"The service is unavailable.","requestId":"cafe01"}}',
        policy=0x3A,
    )
    # Retry-After in the two obsolete date forms (in the past), and the errCode shape.
    seed(
        "date_rfc850",
        500,
        [b"Retry-After: Sunday, 06-Nov-94 08:49:37 GMT"],
        b'{"errCode":"KMS.0323","errMsg":"Try again later."}',
    )
    seed(
        "date_asctime",
        503,
        [b"Retry-After: Sun Nov  6 08:49:37 1994", b"X-Request-Id:"],
        b'{"code":"KMS.0104","message":"busy"}',
    )
    # A numeric code (an OpenStack-style body), a huge Retry-After, a huge attempt.
    seed(
        "numeric_code",
        403,
        [b"Retry-After: 99999999999999999999999", b"X-Request-Id: \tr-7 "],
        b'{"error":{"code":403,"title":"Forbidden","message":"You are not authorized."}}',
        attempt=0xFFFFFFFF,
        policy=0xFF,
    )
    # Huge numbers and duplicate keys (serde_json keeps the last), a message number.
    seed(
        "huge_numbers_duplicates",
        400,
        [],
        b'{"error_code":12345678901234567890123,"error_code":"KMS.0205","error_msg":1e308,'
        b'"request_id":18446744073709551616,"request_id":-0.0,"x":[1e400]}',
    )
    # A code under `error` and one in a sibling object that sorts before it: `error` first.
    seed(
        "error_first",
        404,
        [JSON],
        b'{"detail":{"code":"X","message":"inner"},"error":{"error_code":"KMS.0207","error_msg":"no key"}}',
    )
    # Nested deeper than the parser searches (depth 5), a message within reach (depth 4).
    seed(
        "deep_objects",
        500,
        [],
        b'{"a":{"b":{"c":{"d":{"message":"depth 4","e":{"code":"KMS.0207"}}}}}}',
    )
    # Nesting past serde_json's recursion limit: not JSON, kept as text.
    seed("deep_past_limit", 500, [], b'{"a":' * 130 + b"1" + b"}" * 130)
    # Invalid UTF-8 in the body and in a header (obs-text), garbage Retry-After.
    seed(
        "invalid_utf8",
        500,
        [b"X-Request-Id: r\xff\xfe", b"Retry-After: soon"],
        b'{"error_code":"KMS.\xff0207","error_msg":"caf\xc3"}',
    )
    # The KMS body cut at 40 bytes, inside the message (as a limit cuts it).
    seed(
        "cut_at_limit",
        404,
        [JSON],
        b'{"error":{"error_code":"KMS.0207","error_msg":"key not found"}}',
        limit=40,
    )
    # No code: a message only, nested; a message under `msg`; an array; empty bodies at
    # statuses no HTTP client gives (0, 600, 1000).
    seed("message_only", 500, [], b'{"result":{"error":{"message":"nested boom"}},"msg":"top"}')
    seed("array_body", 400, [], b'[{"error_code":"KMS.0207","error_msg":"in an array"}]')
    seed("empty_status_0", 0, [], b"")
    seed("empty_status_600", 600, [b"Retry-After: 0"], b"")
    seed("empty_status_1000", 1000, [], b"   \r\n")

    # Builder programs (see `mod build` in the target for the ops).
    # X-Request-Id: the hex of 8 bytes; Retry-After: an IMF-fixdate near now; the body
    # {"error":{"error_code":"KMS.0207","error_msg":"key not found"}}.
    program(
        "build_kms_nested_date",
        404,
        [0x01 | 3 << 2, 7, *b"\x5c\x1b\x5a\x2e\x8e\x4f\x4d\x0f", 0, *u64(123_456_789)]
        + [0x00, 1, 0, 0, 2, 1, 4, 0, 2, 11, 0],
    )
    # Retry-After in RFC 850 form; {"error_code":"CSMS.0101","error_msg":..., "request_id":
    # a u64} with spaces around the values. (An op's kind is its value modulo 12: 139 is a
    # u64, 130 deep nesting under `error`.)
    program(
        "build_flat_rfc850",
        409,
        [0x80 | 4 << 2, 1, *u64(987_654_321_000)]
        + [0x00, 3, 1, 4, 5, 2, 11, 1, 10, 139, *u64(42)],
    )
    # Retry-After in asctime form, far off; a code under 140 levels of {"error": (past
    # serde_json's limit).
    program(
        "build_deep_asctime",
        503,
        [5 << 2, 1, *u64(2**63)] + [0x80, 130, 40, 4, 2],
    )


if __name__ == "__main__":
    main()
