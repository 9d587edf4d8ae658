//! `kms-errors`, the command line tool: the library's [`kms_errors_cli::main`] with the
//! process's arguments.

fn main() -> std::process::ExitCode {
    kms_errors_cli::main(std::env::args_os().skip(1))
}
