//! `quotetrace clean`: the main text and metadata of every document, boilerplate removed and
//! listed with the reason.

use std::process::ExitCode;

use anyhow::Result;
use quotetrace_ingest::ReadError;
use quotetrace_model::Document;
use serde::Serialize;

use crate::prepare::{language, prepare, recurring};
use crate::runner::{census, error_outcome, run, Outcome, RunArgs};
use quotetrace_link::ParagraphCensus;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    run: RunArgs,
}

/// A stretch judged not to be the article.
#[derive(Serialize)]
struct Removed {
    why: &'static str,
    text: String,
}

/// One output line of `quotetrace clean`.
#[derive(Serialize)]
struct CleanRecord {
    doc: String,
    url: Option<String>,
    title: Option<String>,
    author: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    lang: Option<String>,
    /// The article body, boilerplate removed, paragraphs separated by blank lines.
    text: String,
    boilerplate: Vec<Removed>,
    warnings: Vec<String>,
}

fn process(item: Result<Document, ReadError>, census: Option<&ParagraphCensus>) -> Outcome {
    let doc = match item {
        Ok(doc) => doc,
        Err(e) => return error_outcome(e),
    };
    let prepared = prepare(doc);
    let cleaned = prepared.cleaned;
    let doc = prepared.doc;
    let mut boilerplate: Vec<Removed> = prepared
        .removed
        .into_iter()
        .map(|(text, why)| Removed { why, text })
        .collect();
    // Text-level rules: drop boilerplate paragraphs and keep the rest, blank-line separated.
    let paragraphs = quotetrace_text::paragraphs(&doc.text);
    // Cleaned HTML had its text-level boilerplate removed already (in `prepare`).
    let marked = if cleaned {
        Vec::new()
    } else {
        quotetrace_text::find_boilerplate(&doc.text, &paragraphs)
    };
    let recurring = recurring(&doc, census);
    let mut kept = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.iter().enumerate() {
        // The headline is metadata, not body.
        if i == 0
            && !cleaned
            && doc
                .title
                .as_deref()
                .is_some_and(|t| doc.text[p.clone()].trim_start_matches('#').trim() == t)
        {
            continue;
        }
        let text = &doc.text[p.clone()];
        match marked.iter().find(|b| b.range == *p) {
            Some(b) => boilerplate.push(Removed {
                why: b.why,
                text: text.to_string(),
            }),
            None if recurring(text) => boilerplate.push(Removed {
                why: "recurring in outlet",
                text: text.to_string(),
            }),
            None => kept.push(text),
        }
    }
    let text = kept.join("\n\n");
    let record = CleanRecord {
        lang: language(&text),
        doc: doc.id,
        url: doc.url,
        title: doc.title,
        author: doc.author,
        published: doc.published,
        outlet: doc.outlet,
        text,
        boilerplate,
        warnings: doc.warnings,
    };
    let line = serde_json::to_string(&record).unwrap_or_else(|e| {
        serde_json::json!({"doc": record.doc, "error": format!("cannot serialise: {e}"), "warnings": []}).to_string()
    });
    Outcome {
        line,
        quotes: None,
        error: None,
    }
}

pub fn run_clean(args: Args) -> Result<ExitCode> {
    let census = census(&args.run)?;
    run(&args.run, |item| process(item, census.as_ref()))
}
