//! The `quotetrace` command: argument parsing, progress and wiring only. The work is done by
//! the library crates (see ARCHITECTURE.md).

mod clean;
mod extract;
mod import;
mod ingest;
mod notices;
mod output;
mod queries;
mod runner;
mod serve;
mod store_arg;

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
    /// Main text and metadata of each document, boilerplate removed; one JSON line each.
    Clean(clean::Args),
    /// Add documents to the corpus store (idempotent; resumes after an interruption).
    Ingest(ingest::IngestArgs),
    /// Load the tables a Spark job wrote (spark/README.md) into the corpus store.
    Import(import::ImportArgs),
    /// Full-text search over the stored quotes and articles.
    Search(queries::SearchArgs),
    /// Stored quotes, filtered by speaker, date, outlet or story.
    Quotes(queries::QuotesArgs),
    /// Corpus speakers with their name forms.
    Speakers(queries::SpeakersArgs),
    /// Stories: articles about the same event (`--story ID`: one story's articles).
    Stories(queries::StoriesArgs),
    /// Near-duplicates: each article that was copied, with its copies.
    Duplicates(queries::QueryArgs),
    /// A quote's provenance: first appearance, every outlet that carried it, its variants.
    Trace(queries::TraceArgs),
    /// Every stored quote with its article's metadata, as JSONL or CSV.
    Export(queries::ExportArgs),
    /// The HTTP API and web pages over the store.
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    notices::install();
    let result = match cli.command {
        Command::Extract(args) => extract::run_extract(args),
        Command::Clean(args) => clean::run_clean(args),
        Command::Ingest(args) => ingest::ingest(args),
        Command::Import(args) => import::import(args),
        Command::Search(args) => queries::search(args),
        Command::Quotes(args) => queries::quotes(args),
        Command::Speakers(args) => queries::speakers(args),
        Command::Stories(args) => queries::stories(args),
        Command::Duplicates(args) => queries::duplicates(args),
        Command::Trace(args) => queries::trace(args),
        Command::Export(args) => queries::export(args),
        Command::Serve(args) => serve::run(args),
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
