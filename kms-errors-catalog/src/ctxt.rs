//! Collects every error found in a catalog so they are reported together
//! (after `serde_derive`'s `internals::Ctxt`).

use crate::limits::MAX_ERRORS;
use std::fmt::{self, Display};

/// Error collector for a catalog: one file, or the files a catalog is composed of (each
/// error names its own).
pub struct Ctxt {
    files: Vec<String>,
    current: usize,
    errors: Vec<Diagnostic>,
    dropped: usize,
}

/// One error: in which file, where in it, if at a position, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file's position among the catalog's files ([`Ctxt::for_files`]); `0` for a
    /// catalog of one file.
    pub file: usize,
    /// The 1-based line and column (in characters); `None` for the file as a whole.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl Ctxt {
    /// A collector whose messages name `file` (the path as the user wrote it).
    pub fn new(file: &str) -> Self {
        Ctxt {
            files: vec![file.to_owned()],
            current: 0,
            errors: Vec::new(),
            dropped: 0,
        }
    }

    /// A collector for a catalog composed of `files` (in order; each error names its own,
    /// the first is current).
    pub fn for_files(files: &[&str]) -> Self {
        Ctxt {
            files: files.iter().map(|f| (*f).to_owned()).collect(),
            current: 0,
            errors: Vec::new(),
            dropped: 0,
        }
    }

    /// Makes file `i` (a position among the files [`Ctxt::for_files`] was given) current:
    /// later errors name it.
    pub fn set_file(&mut self, i: usize) {
        self.current = i;
    }

    /// The name of file `i` (as the user wrote it).
    pub fn file_name(&self, i: usize) -> &str {
        self.files.get(i).map_or("", String::as_str)
    }

    /// An error about the current file as a whole.
    pub fn file_error(&mut self, msg: impl Display) {
        self.push(self.current, None, msg);
    }

    /// An error at a position (1-based line and column, in characters) of the current file.
    pub fn error_at(&mut self, line: usize, col: usize, msg: impl Display) {
        self.push(self.current, Some((line, col)), msg);
    }

    /// An error at a position of file `file` (a position among the catalog's files).
    pub fn error_in(&mut self, file: usize, line: usize, col: usize, msg: impl Display) {
        self.push(file, Some((line, col)), msg);
    }

    fn push(&mut self, file: usize, at: Option<(usize, usize)>, msg: impl Display) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(Diagnostic {
                file,
                at,
                message: msg.to_string(),
            });
        } else {
            self.dropped += 1;
        }
    }

    /// How many errors have been reported so far.
    pub fn count(&self) -> usize {
        self.errors.len() + self.dropped
    }

    /// True when nothing has been reported.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// The errors (at most [`MAX_ERRORS`]) and how many more were left out.
    pub fn into_diagnostics(self) -> (Vec<Diagnostic>, usize) {
        (self.errors, self.dropped)
    }

    /// The messages, `file:line:col: message` (or `file: message`), with a last one counting
    /// those left out.
    pub fn into_messages(self) -> Vec<String> {
        self.into_located().into_iter().map(|(_, m)| m).collect()
    }

    /// [`Ctxt::into_messages`], each with the position of the file it names (to point at
    /// that file's path in the user's code).
    pub fn into_located(self) -> Vec<(usize, String)> {
        let mut v: Vec<(usize, String)> = self
            .errors
            .iter()
            .map(|d| (d.file, format!("{}{}", self.file_name(d.file), Located(d))))
            .collect();
        if self.dropped > 0 {
            v.push((
                self.current,
                format!(
                    "{}: {} more error(s) not shown (at most {MAX_ERRORS} are reported)",
                    self.file_name(self.current),
                    self.dropped
                ),
            ));
        }
        v
    }
}

/// `:line:col: message` or `: message`.
struct Located<'a>(&'a Diagnostic);

impl Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.at {
            Some((line, col)) => write!(f, ":{line}:{col}: {}", self.0.message),
            None => write!(f, ": {}", self.0.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_diagnostics() {
        let mut cx = Ctxt::new("f.csv");
        assert!(cx.is_ok());
        cx.file_error("whole");
        cx.error_at(3, 7, format_args!("at {}", 3));
        assert_eq!(cx.count(), 2);
        assert!(!cx.is_ok());
        let (d, more) = {
            let mut c = Ctxt::new("f.csv");
            c.error_at(1, 2, "x");
            c.into_diagnostics()
        };
        assert_eq!(
            (d, more),
            (
                vec![Diagnostic {
                    file: 0,
                    at: Some((1, 2)),
                    message: "x".into()
                }],
                0
            )
        );
        assert_eq!(cx.into_messages(), ["f.csv: whole", "f.csv:3:7: at 3"]);
    }

    #[test]
    fn errors_name_their_own_file() {
        // Two files may have one name (a bundled table and one's own): positions tell them apart.
        let mut cx = Ctxt::for_files(&["a.csv", "b.csv", "a.csv"]);
        cx.error_at(1, 1, "in a");
        cx.set_file(1);
        cx.error_at(2, 3, "in b");
        cx.file_error("b as a whole");
        cx.error_in(0, 4, 5, "back in a");
        cx.set_file(2);
        cx.error_at(6, 1, "in the other a");
        assert_eq!((cx.file_name(1), cx.file_name(9)), ("b.csv", ""));
        assert_eq!(
            cx.into_located(),
            [
                (0, "a.csv:1:1: in a".to_owned()),
                (1, "b.csv:2:3: in b".to_owned()),
                (1, "b.csv: b as a whole".to_owned()),
                (0, "a.csv:4:5: back in a".to_owned()),
                (2, "a.csv:6:1: in the other a".to_owned()),
            ]
        );
    }

    #[test]
    fn at_most_max_errors_then_a_count() {
        let mut cx = Ctxt::new("f.csv");
        for i in 0..MAX_ERRORS + 5 {
            cx.error_at(i + 1, 1, "e");
        }
        assert_eq!(cx.count(), MAX_ERRORS + 5);
        let m = cx.into_messages();
        assert_eq!(m.len(), MAX_ERRORS + 1);
        assert_eq!(
            m.last().unwrap(),
            &format!("f.csv: 5 more error(s) not shown (at most {MAX_ERRORS} are reported)")
        );
    }
}
