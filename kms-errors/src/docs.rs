//! The documentation of the accessors, written once. Each accessor exists three times — a
//! generated type's inherent method (`public.rs`), the method of [`CatalogError`] or
//! [`CatalogCode`], and the runtime behind both ([`ErrorInfo`], [`CodeInfo`], internal and
//! undocumented) — and is documented by one text here, which the first two take with
//! `#[doc = $crate::__kms_errors_doc!(error message)]`.
//!
//! The texts name items in code spans, without intra-doc links: the generated methods are
//! documented in the user's crate, where a link to `Retry` would not resolve.
//!
//! [`CatalogError`]: crate::CatalogError
//! [`CatalogCode`]: crate::CatalogCode
//! [`ErrorInfo`]: crate::__private::ErrorInfo
//! [`CodeInfo`]: crate::__private::CodeInfo

/// The doc text of the accessor `$name` of an error type (`error ...`) or of a code enum
/// (`code ...`).
#[doc(hidden)]
#[macro_export]
macro_rules! __kms_errors_doc {
    (error status) => { "The HTTP status as received." };
    (error code) => {
        "The typed code: the enum's `Unknown` variant when the catalog does not have it (then \
         `code_str()` keeps what was received)."
    };
    (error code_str) => {
        "The code exactly as received, whole: an alias as received, not the catalog's \
         spelling; an unknown code as the server sent it. Untrusted text: escape it before \
         printing it."
    };
    (error message) => {
        "The catalog's message for this error, as its cell is written: of the row documented \
         with the received status, else of the code's first row; `\"\"` if none (and for an \
         unknown code)."
    };
    (error description) => {
        "The catalog's description for this error (of the row as for `message()`), as its cell \
         is written; `\"\"` if none."
    };
    (error measure) => {
        "The catalog's measure, what to do about this error (of the row as for `message()`), as \
         its cell is written; `\"\"` if none."
    };
    (error doc_url) => {
        "The documentation link: the `url` of the row as for `message()`, else the catalog's \
         (the macro's `docs` argument; for the bundled catalog, the API reference's error-code \
         page); `None` if neither is given."
    };
    (error is_documented) => { "Whether the catalog has a row for exactly this (status, code) pair." };
    (error kind) => {
        "The kind of failure: the `kind` of the catalog row for the received status; else, for \
         a catalog code, the kind its first row declares; else the kind the received status \
         implies."
    };
    (error is_client_error) => { "A 4xx status: the request needs changing." };
    (error is_server_error) => { "A 5xx status: the service failed." };
    (error retry) => {
        "What a client should do about this error: `Retry::of` (the one retry rule; its table \
         is in the docs of `Retry`) of its kind, its status and whether its row is a throttling \
         row. A quota is never retried, whatever its status."
    };
    (error is_retryable) => {
        "Worth retrying an idempotent request, with backoff: `retry()` is not `Retry::No`."
    };
    (error is_retryable_for) => {
        "Worth retrying a request that is `idempotent` or not (`retry().allows(idempotent)`): \
         one that is not idempotent only when it surely did not take effect (`Retry::Yes`, \
         `Retry::Throttled`)."
    };
    (error is_throttled) => {
        "A rate limit: `retry()` is `Retry::Throttled` (HTTP 429, or a row whose `kind` cell is \
         `throttled`). Retry after the response's `Retry-After`, or with backoff."
    };
    (error is_quota_exceeded) => {
        "A quota is exhausted (too many keys, grants, secrets...): kind `ResourceExhausted` and \
         not a rate limit (neither HTTP 429 nor a throttling row: a throttling row at HTTP 400 \
         is a rate limit). Retrying does not help; freeing resources or raising the quota does."
    };
    (error is_not_found) => { "The resource does not exist (kind `NotFound`)." };
    (error is_conflict) => {
        "The request conflicts with the resource's state (kind `AlreadyExists` or `Aborted`, or \
         HTTP 409)."
    };

    (code from_code) => {
        "The code whose string, or one of its aliases, is exactly `code` (case-sensitive, not \
         trimmed), if the catalog has it."
    };
    (code as_str) => {
        "The code's string as the catalog writes it (`\"KMS.0207\"`); `\"unknown\"` for \
         `Unknown`."
    };
    (code name) => { "The variant's name (`\"Kms0207\"`, `\"Unknown\"`)." };
    (code status) => {
        "The first documented HTTP status of this code; `0` for `Unknown` (none documented)."
    };
    (code has_status) => { "Whether the catalog documents this code with `status`." };
    (code kind) => {
        "The kind: the first row's `kind`, else the kind its status implies; \
         `ErrorKind::Unknown` for `Unknown`."
    };
    (code message) => {
        "The message of the code's first row, as its cell is written; `\"\"` if none (and for \
         `Unknown`)."
    };
    (code description) => {
        "The description of the code's first row, as its cell is written; `\"\"` if none."
    };
    (code measure) => {
        "The measure (what to do about it) of the code's first row, as its cell is written; \
         `\"\"` if none."
    };
    (code doc_url) => {
        "The documentation link: the first row's `url` cell, else the catalog's (the macro's \
         `docs`); `None` if neither is given. For `Unknown`, the catalog's."
    };
    (code rows) => {
        "Every catalog row of this code (`Row`: status, texts, kind, retry decision, link), in \
         catalog order; none for `Unknown`."
    };
}
