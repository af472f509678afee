//! The `quotetrace` command: argument parsing, progress and wiring only. The work is done by
//! the library crates (see ARCHITECTURE.md).

mod extract;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "quotetrace",
    version,
    about = "Who said what, where it first appeared, and who carried it."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract quotations with their canonical speakers; prints one JSON line per document.
    Extract(extract::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`quotetrace extract | head`) is the reader's choice, not an error.
            let broken_pipe = e
                .chain()
                .filter_map(|c| c.downcast_ref::<std::io::Error>())
                .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe);
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("quotetrace: {e:#}");
            ExitCode::from(2)
        }
    }
}
