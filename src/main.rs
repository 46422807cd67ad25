//! The claimlens binary: subcommands go to `cli`, everything else opens the window.

// No function of the product over 80 lines of code (the threshold is in clippy.toml).
#![warn(clippy::too_many_lines)]

use claimlens::cli::{Cli, run};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let launched = std::time::Instant::now();
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        let shown = if cli.measure_empty_window {
            claimlens::ui::run_empty_window(launched)
        } else {
            claimlens::ui::run(cli.file, cli.measure_startup.then_some(launched))
        };
        if let Err(e) = shown {
            eprintln!("claimlens: {e:#}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = run(command, &mut out) {
        // Output piped into `head` and cut short is not an error.
        if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) {
            return ExitCode::SUCCESS;
        }
        eprintln!("claimlens: {e:#}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
