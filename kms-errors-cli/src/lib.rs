//! `kms-errors`, the command line tool of [kms-errors](https://docs.rs/kms-errors): it reads
//! and writes the error-code catalogs that `kms_errors!` compiles, without compiling a crate.
//! `cargo install kms-errors-cli` installs it (`cargo install --path kms-errors-cli` from a
//! clone of the repository; there, `cargo run -p kms-errors-cli -- COMMAND ...` runs it).
//!
//! * `import`: the error-code tables of an API reference page (reStructuredText grid
//!   tables) into the catalog CSV that `kms_errors!` reads, with a kind suggested for every
//!   row from its text;
//! * `diff`: what changed between two versions of a catalog (or of a page) for the users of
//!   the generated types, and the semver verdict;
//! * `check`: the diagnostics `kms_errors!` gives for catalog files (for CI);
//! * `explain`: what an error code of the bundled catalog, or of one's own, means and what a
//!   client should do about it, as the runtime decides.
//!
//! Each command's reference below is its usage text, the one `kms-errors COMMAND --help`
//! prints (the same file, included here); the package's README explains the commands at
//! length (the input and output formats, the kinds' suggestion rules and their measured
//! accuracy, the diff's verdict). The examples run the tool as its binary does, with
//! [`main`], on files they write; each comment gives the command line.
//!
//! As a library, the crate also has the converter of RST inline markup to plain text the
//! importer writes cells with ([`rst`]) and the kind suggestions ([`suggest`]).
//!
//! # `kms-errors --help`
//!
//! ```text
#![doc = include_str!("usage/kms-errors.txt")]
//! ```
//!
//! # `import`
//!
//! ```text
#![doc = include_str!("usage/import.txt")]
//! ```
//!
//! ```
//! use std::ffi::OsString;
//! use std::process::ExitCode;
//!
//! # let dir = std::env::temp_dir().join(format!("kms-errors-cli-doc-import-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! let page = dir.join("errors.rst");
//! std::fs::write(&page, "\
//! +-------------+------------+-------------------------------+
//! | Status Code | Error Code | Error Message                 |
//! +=============+============+===============================+
//! | 404         | IAM.0007   | The user **does not** exist.  |
//! +-------------+------------+-------------------------------+
//! | 400         | IAM.0011   | Too many requests.            |
//! +-------------+------------+-------------------------------+
//! ")?;
//! let catalog = dir.join("iam.csv");
//! // kms-errors import errors.rst -o iam.csv --url https://docs.example/iam/errors.html
//! let args: [OsString; 6] = [
//!     "import".into(),
//!     page.into(),
//!     "-o".into(),
//!     catalog.clone().into(),
//!     "--url".into(),
//!     "https://docs.example/iam/errors.html".into(),
//! ];
//! assert_eq!(kms_errors_cli::main(args), ExitCode::SUCCESS);
//! // The markup rendered as text; a kind suggested for each row, with why, to review.
//! assert_eq!(
//!     std::fs::read_to_string(&catalog)?,
//!     "\
//! status,code,message,description,measure,kind,suggested,url
//! 404,IAM.0007,The user does not exist.,,,not_found,\"high: \"\"not exist\"\" in the message\",https://docs.example/iam/errors.html
//! 400,IAM.0011,Too many requests.,,,throttled,\"high: \"\"too many requests\"\" in the message\",https://docs.example/iam/errors.html
//! "
//! );
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # `diff`
//!
//! ```text
#![doc = include_str!("usage/diff.txt")]
//! ```
//!
//! ```
//! use std::ffi::OsString;
//! use std::process::ExitCode;
//!
//! # let dir = std::env::temp_dir().join(format!("kms-errors-cli-doc-diff-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! let (old, new) = (dir.join("old.csv"), dir.join("new.csv"));
//! std::fs::write(&old, "status,code,message\n404,IAM.0007,The user does not exist.\n")?;
//! // A code added: additive (minor), below the `--fail-on breaking` level.
//! std::fs::write(&new, "status,code,message\n404,IAM.0007,The user does not exist.\n429,IAM.0011,Too many requests.\n")?;
//! // kms-errors diff old.csv new.csv --fail-on breaking
//! let args = |old: &std::path::Path, new: &std::path::Path| -> [OsString; 5] {
//!     ["diff".into(), old.into(), new.into(), "--fail-on".into(), "breaking".into()]
//! };
//! assert_eq!(kms_errors_cli::main(args(&old, &new)), ExitCode::SUCCESS);
//! // kms-errors diff new.csv old.csv --fail-on breaking: a code removed breaks its users.
//! assert_eq!(kms_errors_cli::main(args(&new, &old)), ExitCode::from(3));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # `check`
//!
//! ```text
#![doc = include_str!("usage/check.txt")]
//! ```
//!
//! ```
//! use std::ffi::OsString;
//! use std::process::ExitCode;
//!
//! # let dir = std::env::temp_dir().join(format!("kms-errors-cli-doc-check-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! let catalog = dir.join("iam.csv");
//! std::fs::write(&catalog, "status,code,message,kind\n404,IAM.0007,The user does not exist.,not_found\n")?;
//! // kms-errors check --bundled gateway iam.csv: "iam.csv + gateway.csv: ok, 65 codes, ..."
//! let args: [OsString; 4] = ["check".into(), "--bundled".into(), "gateway".into(), catalog.clone().into()];
//! assert_eq!(kms_errors_cli::main(args), ExitCode::SUCCESS);
//! // A misspelt column is the macro's compile error, here exit status 1:
//! // "error: iam.csv:1:13: unknown column `mesage`: ...; did you mean `message`?"
//! std::fs::write(&catalog, "status,code,mesage\n404,IAM.0007,The user does not exist.\n")?;
//! let args: [OsString; 2] = ["check".into(), catalog.clone().into()];
//! assert_eq!(kms_errors_cli::main(args), ExitCode::from(1));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # `explain`
//!
//! ```text
#![doc = include_str!("usage/explain.txt")]
//! ```
//!
//! ```
//! use std::process::ExitCode;
//!
//! // kms-errors explain KMS.0207: "Kind: not_found", "Retry: no", ...
//! assert_eq!(kms_errors_cli::main(["explain", "KMS.0207"].map(Into::into)), ExitCode::SUCCESS);
//! // kms-errors explain 504 APIGW.0201: the gateway's code, in Huawei Cloud's spelling.
//! let args = ["explain", "504", "APIGW.0201"].map(Into::into);
//! assert_eq!(kms_errors_cli::main(args), ExitCode::SUCCESS);
//! // kms-errors explain KMS.0270: not a code; "did you mean `KMS.0210` or `KMS.0207`?"
//! assert_eq!(kms_errors_cli::main(["explain", "KMS.0270"].map(Into::into)), ExitCode::from(1));
//! // kms-errors explain --bogus: a usage error.
//! assert_eq!(kms_errors_cli::main(["explain", "--bogus"].map(Into::into)), ExitCode::from(2));
//! ```

mod catalog;
mod catalogs;
mod check;
mod cli;
mod diff;
mod explain;
mod grid;
mod import;
mod kinds;
mod output;
pub mod rst;
pub mod suggest;

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = include_str!("usage/kms-errors.txt");

/// Writes `csv` to `output`, or to standard output if that is `None` or `-`.
fn emit(output: Option<&OsStr>, csv: &str) -> Result<(), u8> {
    match output {
        Some(file) if file != "-" => std::fs::write(file, csv).map_err(|e| {
            eprintln!("{}: cannot write: {e}", PathBuf::from(file).display());
            1
        }),
        _ => {
            let mut out = io::stdout().lock();
            match out.write_all(csv.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // The reader went away (`| head`): not an error of ours.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => {
                    eprintln!("<stdout>: cannot write: {e}");
                    Err(1)
                }
            }
        }
    }
}

/// Runs the tool with `args`, the command line without the program name; the exit status.
pub fn main(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let mut args = args.into_iter();
    let command = args.next();
    match command.as_deref().map(OsStr::to_string_lossy).as_deref() {
        Some("import") => import::main(args),
        Some("diff") => diff::main(args),
        Some("check") => check::main(args),
        Some("explain") => explain::main(args),
        Some("help" | "-h" | "--help") => cli::help(USAGE),
        Some(other) => {
            eprintln!("kms-errors: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprintln!("kms-errors: no command\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
