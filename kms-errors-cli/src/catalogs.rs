//! Catalogs as the commands `explain`, `check` and `diff` read them: the files given, each with
//! its own header and delimiter, composed into one catalog as `kms_errors!(path = [...])`
//! composes them, and the bundled tables asked for after them (`--bundled kms`,
//! `--bundled gateway`); with no file, both bundled tables, as `kms_errors!()`. One front end:
//! `kms_errors_catalog::compose`, with the macro's rules and messages.

use kms_errors_catalog::source::{self, Bundled};
use kms_errors_catalog::{compose, Catalog, Ctxt, Part};
use std::ffi::{OsStr, OsString};
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
                delimiter: if i < self.own { self.delimiter } else { None },
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

/// The value of `--delimiter`: what the macro's `delimiter = '...'` takes
/// ([`kms_errors_catalog::csv::check_delimiter`]): one character, written as it is or, for a
/// tab, also as `\t` (the macro's literal).
pub fn delimiter_arg(value: &OsStr) -> Result<u8, String> {
    let value = value.to_string_lossy();
    let c = match value.as_ref() {
        "\\t" => '\t',
        v => {
            let mut chars = v.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(format!(
                        "`--delimiter` takes one character, such as ';' or '\\t' (not `{v}`)"
                    ))
                }
            }
        }
    };
    kms_errors_catalog::csv::check_delimiter(c).map_err(|why| format!("`--delimiter`: {why}"))
}

/// The value of `--bundled`, a table not in `given` yet: as the macro's `bundled = "..."`.
pub fn bundled_arg(value: &OsStr, given: &[Bundled]) -> Result<Bundled, String> {
    let key = value.to_string_lossy();
    let table = Bundled::from_key(&key).ok_or_else(|| {
        let all: Vec<String> = Bundled::ALL
            .iter()
            .map(|b| format!("`{}`", b.key()))
            .collect();
        format!(
            "`--bundled`: no bundled table `{key}` (expected {})",
            all.join(" or ")
        )
    })?;
    if given.contains(&table) {
        return Err(format!("`--bundled`: `{key}` is listed twice"));
    }
    Ok(table)
}

/// A catalog file argument added to `files`: as the macro's `path`, not empty and each
/// once (and, as every path the macro takes, UTF-8).
pub fn file_arg(value: OsString, files: &mut Vec<String>) -> Result<(), String> {
    let file = value
        .into_string()
        .map_err(|v| format!("`{}`: the catalog path is not UTF-8", v.to_string_lossy()))?;
    if file.is_empty() {
        return Err("the catalog path is empty".to_owned());
    }
    if files.contains(&file) {
        return Err(format!("`{file}` is listed twice"));
    }
    files.push(file);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_as_the_macro_takes_them() {
        let d = |s: &str| delimiter_arg(OsStr::new(s));
        assert_eq!(d(";"), Ok(b';'));
        assert_eq!(d("\t"), Ok(b'\t'));
        assert_eq!(d("\\t"), Ok(b'\t'));
        assert_eq!(d("|"), Ok(b'|'));
        assert_eq!(
            d("x"),
            Err(format!(
                "`--delimiter`: {}",
                kms_errors_catalog::csv::check_delimiter('x').unwrap_err()
            ))
        );
        assert!(d("\"").is_err());
        assert!(d(";;").unwrap_err().contains("takes one character"));
        assert!(d("").unwrap_err().contains("takes one character"));
    }

    #[test]
    fn bundled_tables_and_files() {
        let b = |s: &str, given: &[Bundled]| bundled_arg(OsStr::new(s), given);
        assert_eq!(b("kms", &[]), Ok(Bundled::Kms));
        assert_eq!(b("gateway", &[Bundled::Kms]), Ok(Bundled::Gateway));
        assert_eq!(
            b("gw", &[]),
            Err("`--bundled`: no bundled table `gw` (expected `kms` or `gateway`)".to_owned())
        );
        assert_eq!(
            b("kms", &[Bundled::Kms]),
            Err("`--bundled`: `kms` is listed twice".to_owned())
        );
        let mut files = Vec::new();
        assert_eq!(file_arg("a.csv".into(), &mut files), Ok(()));
        assert_eq!(
            file_arg("".into(), &mut files),
            Err("the catalog path is empty".to_owned())
        );
        assert_eq!(
            file_arg("a.csv".into(), &mut files),
            Err("`a.csv` is listed twice".to_owned())
        );
        assert_eq!(files, ["a.csv"]);
    }
}
