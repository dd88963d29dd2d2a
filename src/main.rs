//! The `jindan` command line: everything the app does with data, scriptable.
//!
//! Exit codes: 0 success, 1 a runtime failure (disk, database), 2 bad input or usage.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
