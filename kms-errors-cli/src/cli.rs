//! What every command shares: what its arguments ask for, its help and exit status, and the
//! words of a usage error.

use crate::emit;
use std::process::ExitCode;

/// What a command's arguments ask for: its usage, or a run with `A`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Command<A> {
    /// `-h` or `--help`.
    Help,
    /// The command, with its parsed arguments.
    Run(A),
}

/// Runs the command `name` on what its arguments asked for (`parsed`): its help, `run`, or
/// for a usage error `kms-errors NAME: why`, a blank line and the `usage` on standard error,
/// and exit status 2.
pub(crate) fn dispatch<A>(
    name: &str,
    usage: &str,
    parsed: Result<Command<A>, String>,
    run: impl FnOnce(A) -> ExitCode,
) -> ExitCode {
    match parsed {
        Ok(Command::Help) => help(usage),
        Ok(Command::Run(args)) => run(args),
        Err(why) => {
            eprint!("kms-errors {name}: {why}\n\n{usage}");
            ExitCode::from(2)
        }
    }
}

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
