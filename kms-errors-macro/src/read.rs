//! Finding and reading the catalog file.

use crate::ctxt::Ctxt;
use crate::limits::MAX_BYTES;
use std::path::{Path, PathBuf};

/// The catalog bundled with this crate (the KMS and CSMS error codes).
pub(crate) const BUNDLED: &str = include_str!("../catalog.csv");
/// How the bundled catalog is named in messages and docs.
pub(crate) const BUNDLED_NAME: &str = "catalog.csv";

/// Environment variable that overrides the base directory of relative catalog paths.
pub(crate) const BASE_DIR_VAR: &str = "KMS_ERRORS_MANIFEST_DIR";

/// A catalog's text and where it came from.
pub(crate) struct Source {
    /// The file's text, without a byte-order mark.
    pub text: String,
    /// The resolved file, so that the expansion can make the build depend on it.
    pub tracked: Option<PathBuf>,
}

/// The bundled catalog.
pub(crate) fn bundled() -> Source {
    Source {
        text: BUNDLED.to_owned(),
        tracked: None,
    }
}

/// Resolves `path` (see the crate docs for the rule).
pub(crate) fn resolve(path: &str) -> PathBuf {
    let p = Path::new(path);
    if p.is_absolute() {
        return p.to_path_buf();
    }
    let base = std::env::var_os(BASE_DIR_VAR)
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map(PathBuf::from)
        .unwrap_or_default();
    base.join(p)
}

/// Reads the user's catalog `path`; problems go to `cx` and give `None`.
pub(crate) fn read(path: &str, cx: &mut Ctxt) -> Option<Source> {
    let resolved = resolve(path);
    let meta = match std::fs::metadata(&resolved) {
        Ok(m) => m,
        Err(e) => {
            cx.file_error(format_args!(
                "cannot read the catalog: {} (relative paths are resolved against ${} or $CARGO_MANIFEST_DIR)",
                io_reason(&e),
                BASE_DIR_VAR
            ));
            return None;
        }
    };
    if !meta.is_file() {
        cx.file_error("cannot read the catalog: not a file");
        return None;
    }
    if meta.len() > MAX_BYTES {
        cx.file_error(format_args!(
            "the catalog is {} bytes; the limit is {} bytes",
            meta.len(),
            MAX_BYTES
        ));
        return None;
    }
    let bytes = match std::fs::read(&resolved) {
        Ok(b) => b,
        Err(e) => {
            cx.file_error(format_args!("cannot read the catalog: {}", io_reason(&e)));
            return None;
        }
    };
    let text = decode(bytes, cx)?;
    Some(Source {
        text,
        tracked: Some(resolved),
    })
}

/// UTF-8 text without a byte-order mark, or an error at the first invalid byte.
pub(crate) fn decode(bytes: Vec<u8>, cx: &mut Ctxt) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Some(s)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let col = before[line_start..].chars().count() + 1;
            cx.error_at(
                line,
                col,
                format_args!("the catalog is not valid UTF-8 (byte 0x{:02X})", bytes[at]),
            );
            None
        }
    }
}

/// An I/O error's reason without the machine-specific path.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}
