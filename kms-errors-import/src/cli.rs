//! What every command shares: its help and exit status, and the words of a usage error.

use crate::emit;
use std::process::ExitCode;

/// Prints a command's `usage` on standard output (through [`emit`]: a closed pipe, as in
/// `| head`, is not a panic) and exits 0.
pub(crate) fn help(usage: &str) -> ExitCode {
    exit(emit(None, usage))
}

/// The exit status of a command that ran: 0, or its error's (1 for input or output errors).
pub(crate) fn exit(result: Result<(), u8>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => ExitCode::from(code),
    }
}

/// A `lexopt` error in the tool's words: `option `--x` needs a value`, `unknown option
/// `--x``, `option `--x` takes no value`.
pub(crate) fn usage_error(e: lexopt::Error) -> String {
    match e {
        lexopt::Error::MissingValue {
            option: Some(option),
        } => format!("option `{option}` needs a value"),
        lexopt::Error::UnexpectedOption(option) => format!("unknown option `{option}`"),
        lexopt::Error::UnexpectedValue { option, .. } => {
            format!("option `{option}` takes no value")
        }
        other => other.to_string(),
    }
}
