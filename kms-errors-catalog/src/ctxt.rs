//! Collects every error found in a catalog so they are reported together
//! (after `serde_derive`'s `internals::Ctxt`).

use crate::limits::MAX_ERRORS;
use std::fmt::Display;

/// Error collector for one catalog file.
pub struct Ctxt {
    file: String,
    errors: Vec<String>,
    dropped: usize,
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
        let m = format!("{}: {}", self.file, msg);
        self.push(m);
    }

    /// An error at a position (1-based line and column, in characters) of the file.
    pub fn error_at(&mut self, line: usize, col: usize, msg: impl Display) {
        let m = format!("{}:{}:{}: {}", self.file, line, col, msg);
        self.push(m);
    }

    fn push(&mut self, m: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(m);
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

    /// The messages, with a last one counting those left out.
    pub fn into_messages(self) -> Vec<String> {
        let mut v = self.errors;
        if self.dropped > 0 {
            v.push(format!(
                "{}: {} more error(s) not shown (at most {} are reported)",
                self.file, self.dropped, MAX_ERRORS
            ));
        }
        v
    }
}
