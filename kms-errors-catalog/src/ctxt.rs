//! Collects every error found in a catalog so they are reported together
//! (after `serde_derive`'s `internals::Ctxt`).

use crate::limits::MAX_ERRORS;
use std::fmt::{self, Display};

/// Error collector for one catalog file.
pub struct Ctxt {
    file: String,
    errors: Vec<Diagnostic>,
    dropped: usize,
}

/// One error: where in the file, if at a position, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The 1-based line and column (in characters); `None` for the file as a whole.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl Ctxt {
    /// A collector whose messages name `file` (the path as the user wrote it).
    pub fn new(file: &str) -> Self {
        Ctxt {
            file: file.to_owned(),
            errors: Vec::new(),
            dropped: 0,
        }
    }

    /// An error about the file as a whole.
    pub fn file_error(&mut self, msg: impl Display) {
        self.push(None, msg);
    }

    /// An error at a position (1-based line and column, in characters) of the file.
    pub fn error_at(&mut self, line: usize, col: usize, msg: impl Display) {
        self.push(Some((line, col)), msg);
    }

    fn push(&mut self, at: Option<(usize, usize)>, msg: impl Display) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(Diagnostic {
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
        let file = self.file;
        let mut v: Vec<String> = self
            .errors
            .iter()
            .map(|d| format!("{file}{}", Located(d)))
            .collect();
        if self.dropped > 0 {
            v.push(format!(
                "{file}: {} more error(s) not shown (at most {MAX_ERRORS} are reported)",
                self.dropped
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
                    at: Some((1, 2)),
                    message: "x".into()
                }],
                0
            )
        );
        assert_eq!(cx.into_messages(), ["f.csv: whole", "f.csv:3:7: at 3"]);
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
