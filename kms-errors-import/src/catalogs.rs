//! Catalogs as the commands `explain`, `check` and `diff` read them: the files given, each with
//! its own header and delimiter, composed into one catalog as `kms_errors!(path = [...])`
//! composes them, and the bundled tables asked for after them (`--bundled kms`,
//! `--bundled gateway`); with no file, both bundled tables, as `kms_errors!()`. One front end:
//! `kms_errors_catalog::compose`, with the macro's rules and messages.

use kms_errors_catalog::source::{self, Bundled};
use kms_errors_catalog::{compose, Catalog, Ctxt, Part};
use std::path::Path;

/// The files of a catalog, read.
pub struct Sources {
    /// Each file as named on the command line (or a bundled table's name), its text (`None`
    /// if it could not be read: the `Ctxt` has the error), its rows' link.
    files: Vec<(String, Option<String>, &'static str)>,
    /// How many of them are the user's (the rest are bundled tables).
    own: usize,
    delimiter: Option<u8>,
}

impl Sources {
    /// Reads `files` (relative to the current directory), then adds `bundled`; both bundled
    /// tables when `files` and `bundled` are empty. Read errors go to `cx`, which must have
    /// been made with [`Sources::names`] of the same arguments.
    pub fn read(
        files: &[String],
        bundled: &[Bundled],
        delimiter: Option<u8>,
        cx: &mut Ctxt,
    ) -> Sources {
        let mut out = Vec::new();
        for (i, name) in files.iter().enumerate() {
            cx.set_file(i);
            let text = source::read_file(Path::new(name), cx, "");
            out.push((name.clone(), text, ""));
        }
        for b in Sources::bundled(files, bundled) {
            out.push((b.name().to_owned(), Some(b.text().to_owned()), b.docs()));
        }
        Sources {
            files: out,
            own: files.len(),
            delimiter,
        }
    }

    /// The bundled tables a catalog of `files` and `bundled` has.
    fn bundled(files: &[String], bundled: &[Bundled]) -> Vec<Bundled> {
        if files.is_empty() && bundled.is_empty() {
            Bundled::ALL.to_vec()
        } else {
            bundled.to_vec()
        }
    }

    /// The names of the files, in order, for [`Ctxt::for_files`].
    pub fn names(files: &[String], bundled: &[Bundled]) -> Vec<String> {
        let own = files.iter().cloned();
        own.chain(
            Sources::bundled(files, bundled)
                .iter()
                .map(|b| b.name().to_owned()),
        )
        .collect()
    }

    /// The catalog, composed; its problems go to `cx`.
    pub fn catalog(&self, cx: &mut Ctxt) -> Catalog<'_> {
        let parts: Vec<Part> = self
            .files
            .iter()
            .enumerate()
            .map(|(i, (name, text, docs))| Part {
                name,
                text: text.as_deref(),
                docs,
                // A forced delimiter applies to the user's files, as the macro's `delimiter`.
                delimiter: if docs.is_empty() && i < self.files.len() {
                    self.delimiter
                } else {
                    None
                },
            })
            .collect();
        compose(&parts, cx)
    }
}

/// Reads `files` and `bundled` into one catalog and gives it to `f`, or gives back every
/// problem (`file:line:column: message`, as the macro words them).
pub fn with_catalog<T>(
    files: &[String],
    bundled: &[Bundled],
    delimiter: Option<u8>,
    f: impl FnOnce(&Catalog) -> T,
) -> Result<T, Vec<String>> {
    let names = Sources::names(files, bundled);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut cx = Ctxt::for_files(&names);
    let sources = Sources::read(files, bundled, delimiter, &mut cx);
    let catalog = sources.catalog(&mut cx);
    if cx.is_ok() {
        Ok(f(&catalog))
    } else {
        Err(cx.into_messages())
    }
}
