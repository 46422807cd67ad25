//! The claimlens binary: subcommands go to `cli`, everything else opens the window.

use claimlens::cli::{Cli, run};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        if let Err(e) = claimlens::ui::run(cli.file) {
            eprintln!("claimlens: {e:#}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = run(command, &mut out) {
        eprintln!("claimlens: {e:#}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
