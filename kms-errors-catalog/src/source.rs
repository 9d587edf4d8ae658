//! Finding and reading a catalog file: the path policy, the byte limit, UTF-8 and the
//! byte-order mark.

use crate::ctxt::Ctxt;
use crate::limits::MAX_BYTES;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The KMS and CSMS table bundled with this crate (`catalog.csv`).
pub const KMS: &str = include_str!("../catalog.csv");
/// The page the KMS and CSMS table comes from: the link of its rows.
pub const KMS_DOCS: &str =
    "https://docs.otc.t-systems.com/key-management-service/api-ref/appendix/error_code.html";
/// How the KMS and CSMS table is named in messages and docs.
pub const KMS_NAME: &str = "catalog.csv";

/// The API gateway's table bundled with this crate: the codes the gateway in front of every
/// service answers with (`APIG.0301`, also written `APIGW.0301`).
pub const GATEWAY: &str = include_str!("../gateway.csv");
/// The page the gateway table comes from.
pub const GATEWAY_DOCS: &str =
    "https://docs.otc.t-systems.com/api-gateway/umn/published_api_calling/error_codes.html";
/// How the gateway table is named in messages and docs.
pub const GATEWAY_NAME: &str = "gateway.csv";

/// A table bundled with this crate, for `bundled = "..."`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundled {
    /// The KMS and CSMS error codes (`"kms"`, `catalog.csv`).
    Kms,
    /// The API gateway's error codes (`"gateway"`, `gateway.csv`).
    Gateway,
}

impl Bundled {
    /// Every bundled table, in the order `kms_errors!()` composes them.
    pub const ALL: [Bundled; 2] = [Bundled::Kms, Bundled::Gateway];

    /// The name `bundled = "..."` takes.
    pub const fn key(self) -> &'static str {
        match self {
            Bundled::Kms => "kms",
            Bundled::Gateway => "gateway",
        }
    }

    /// The table named `key`.
    pub fn from_key(key: &str) -> Option<Bundled> {
        Bundled::ALL.into_iter().find(|b| b.key() == key)
    }

    /// Its file name (in messages and docs).
    pub const fn name(self) -> &'static str {
        match self {
            Bundled::Kms => KMS_NAME,
            Bundled::Gateway => GATEWAY_NAME,
        }
    }

    /// Its text.
    pub const fn text(self) -> &'static str {
        match self {
            Bundled::Kms => KMS,
            Bundled::Gateway => GATEWAY,
        }
    }

    /// Its source page, the link of its rows.
    pub const fn docs(self) -> &'static str {
        match self {
            Bundled::Kms => KMS_DOCS,
            Bundled::Gateway => GATEWAY_DOCS,
        }
    }
}

/// Environment variable that overrides the base directory of relative catalog paths.
pub const BASE_DIR_VAR: &str = "KMS_ERRORS_MANIFEST_DIR";

/// A catalog's text and where it came from.
pub struct Source {
    /// The file's text, without a byte-order mark.
    pub text: Cow<'static, str>,
    /// The resolved file, so that the expansion can make the build depend on it.
    pub tracked: Option<PathBuf>,
}

/// Resolves `path` (see the crate docs for the rule).
pub fn resolve(path: &str) -> PathBuf {
    resolve_with(
        path,
        std::env::var_os(BASE_DIR_VAR),
        std::env::var_os("CARGO_MANIFEST_DIR"),
    )
}

/// The path policy: an absolute path is used as it is; a relative one (`..` included) is
/// joined onto the override directory if set and non-empty, else the manifest directory.
/// Paths that leave the crate are allowed on purpose: workspaces keep shared catalogs at
/// their root (`../errors.csv`), and the macro reads only the one file it is given, which
/// `include_bytes!` could read as well.
fn resolve_with(
    path: &str,
    base: Option<std::ffi::OsString>,
    manifest: Option<std::ffi::OsString>,
) -> PathBuf {
    let p = Path::new(path);
    if p.is_absolute() {
        return p.to_path_buf();
    }
    let base = base
        .filter(|v| !v.is_empty())
        .or(manifest)
        .map(PathBuf::from)
        .unwrap_or_default();
    base.join(p)
}

/// Reads the user's catalog `path` (resolved with [`resolve`]); problems go to `cx` and give
/// `None`.
pub fn read(path: &str, cx: &mut Ctxt) -> Option<Source> {
    let resolved = resolve(path);
    let hint =
        format!(" (relative paths are resolved against ${BASE_DIR_VAR} or $CARGO_MANIFEST_DIR)");
    let text = read_file(&resolved, cx, &hint)?;
    Some(Source {
        text: Cow::Owned(text),
        tracked: Some(resolved),
    })
}

/// Reads the catalog file at `path` as it is (a tool's argument: relative to the current
/// directory): its size checked against the limit, then [`decode`]d. Problems go to `cx`
/// (`hint` follows the reason a file cannot be found) and give `None`.
pub fn read_file(path: &Path, cx: &mut Ctxt, hint: &str) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            cx.file_error(format_args!(
                "cannot read the catalog: {}{hint}",
                io_reason(&e)
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
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            cx.file_error(format_args!("cannot read the catalog: {}", io_reason(&e)));
            return None;
        }
    };
    decode(bytes, cx)
}

/// UTF-8 text without a byte-order mark, or an error at the first invalid byte.
pub fn decode(bytes: Vec<u8>, cx: &mut Ctxt) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_policy() {
        let (b, m) = (Some("/base".into()), Some("/crate".into()));
        assert_eq!(
            resolve_with("e.csv", b.clone(), m.clone()),
            Path::new("/base/e.csv")
        );
        assert_eq!(
            resolve_with("e.csv", Some("".into()), m.clone()),
            Path::new("/crate/e.csv")
        );
        assert_eq!(
            resolve_with("e.csv", None, m.clone()),
            Path::new("/crate/e.csv")
        );
        assert_eq!(
            resolve_with("../shared/e.csv", None, m.clone()),
            Path::new("/crate/../shared/e.csv")
        );
        assert_eq!(resolve_with("/abs/e.csv", b, m), Path::new("/abs/e.csv"));
        assert_eq!(resolve_with("e.csv", None, None), Path::new("e.csv"));
    }

    #[test]
    fn files_over_the_byte_limit_are_refused_before_reading() {
        let dir = std::env::temp_dir().join(format!("kms-errors-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = dir.join("big.csv");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_BYTES + 1).unwrap(); // sparse: nothing is written
        let mut cx = Ctxt::new("big.csv");
        assert!(read(big.to_str().unwrap(), &mut cx).is_none());
        let e = cx.into_messages();
        assert_eq!(
            e,
            vec![format!(
                "big.csv: the catalog is {} bytes; the limit is {MAX_BYTES} bytes",
                MAX_BYTES + 1
            )]
        );
        let mut cx = Ctxt::new("missing.csv");
        assert!(read(dir.join("missing.csv").to_str().unwrap(), &mut cx).is_none());
        assert!(
            cx.into_messages()[0].starts_with("missing.csv: cannot read the catalog: no such file")
        );
        let mut cx = Ctxt::new("dir");
        assert!(read(dir.to_str().unwrap(), &mut cx).is_none());
        assert_eq!(
            cx.into_messages(),
            vec!["dir: cannot read the catalog: not a file"]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
