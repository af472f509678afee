//! `quotetrace extract`: documents in, one contract JSON line per document out.

use std::process::ExitCode;

use anyhow::Result;
use quotetrace_ingest::ReadError;
use quotetrace_model::{Document, ExtractRecord};

use crate::runner::{census, error_outcome, run, Outcome, RunArgs};
use quotetrace_link::ParagraphCensus;
use quotetrace_pipeline::record::{extract_record, Extracted};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    run: RunArgs,
    /// Add an `explanations` list to each line, one per quote in order: the attribution
    /// pattern that found its speaker and how the speaker phrase was resolved.
    #[arg(long)]
    explain: bool,
}

fn process(
    item: Result<Document, ReadError>,
    census: Option<&ParagraphCensus>,
    explain: bool,
) -> Outcome {
    let doc = match item {
        Ok(doc) => doc,
        Err(e) => return error_outcome(e),
    };
    // A raw text may be a whole page: the block classifier decides what is the article.
    let Extracted {
        record,
        explanations,
        ..
    } = extract_record(doc, census);
    let quotes = record.quotes.as_ref().map_or(0, Vec::len);
    let serialised = if explain {
        serde_json::to_string(&Explained {
            record: &record,
            explanations: explanations.iter().map(ToString::to_string).collect(),
        })
    } else {
        serde_json::to_string(&record)
    };
    let line = serialised.unwrap_or_else(|e| {
        serde_json::json!({"doc": record.doc, "error": format!("cannot serialise: {e}"), "warnings": []}).to_string()
    });
    Outcome {
        line,
        quotes: Some(quotes),
        error: None,
    }
}

/// A contract line with the explanation of each quote's speaker after it.
#[derive(serde::Serialize)]
struct Explained<'a> {
    #[serde(flatten)]
    record: &'a ExtractRecord,
    explanations: Vec<String>,
}

pub fn run_extract(args: Args) -> Result<ExitCode> {
    let census = census(&args.run)?;
    run(&args.run, |item| {
        process(item, census.as_ref(), args.explain)
    })
}
