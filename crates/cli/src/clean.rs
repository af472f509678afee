//! `quotetrace clean`: the main text and metadata of every document, boilerplate removed and
//! listed with the reason.

use std::process::ExitCode;

use anyhow::Result;
use quotetrace_ingest::ReadError;
use quotetrace_model::{DocMeta, Document};
use serde::Serialize;

use crate::runner::{census, error_outcome, run, Outcome, RunArgs};
use quotetrace_link::ParagraphCensus;
use quotetrace_pipeline::clean::clean_document;

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
    /// Title, URL, outlet, author, date, and the language the text is in (`null` when
    /// unknown).
    #[serde(flatten)]
    meta: DocMeta,
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
    let c = clean_document(doc, census);
    let record = CleanRecord {
        doc: c.doc.id,
        meta: c.doc.meta,
        text: c.text,
        boilerplate: c
            .boilerplate
            .into_iter()
            .map(|(text, why)| Removed { why, text })
            .collect(),
        warnings: c.doc.warnings,
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "[Skip to content](#main)\n\n  * [News](https://ledger.example/news)\n  * [Sport](https://ledger.example/sport)\n  * [Weather](https://ledger.example/weather)\n\n# Ferry runs through the winter after council vote\n\nThe harbour council voted 9 to 6 on Wednesday night to keep the island ferry running through the winter, ending a long dispute in the town.\n\n“Nobody on the islands should have to choose between a doctor and a week's wages,” councillor Ines Marlowe said after the vote.\n\nThe operator said it would publish a winter timetable by the end of the month, and that crews had already been told.\n\n© 2025 The Ledger. All rights reserved.\n";

    /// PAGE read from a Markdown file: its title is the one `find_title` finds.
    fn page_md() -> Document {
        Document {
            id: "page.md".into(),
            text: PAGE.into(),
            meta: DocMeta {
                title: quotetrace_ingest::find_title(PAGE, true),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn cleaned(doc: Document) -> serde_json::Value {
        serde_json::from_str(&process(Ok(doc), None).line).unwrap()
    }

    #[test]
    fn a_navigation_line_is_not_the_title() {
        let r = cleaned(page_md());
        assert_eq!(
            r["title"],
            "Ferry runs through the winter after council vote"
        );
        let text = r["text"].as_str().unwrap();
        assert!(text.contains("keep the island ferry running"), "{text}");
        assert!(
            !text.contains("Skip to content") && !text.contains("https://"),
            "{text}"
        );
    }

    #[test]
    fn a_markdown_file_and_the_same_text_in_jsonl_agree() {
        let file = cleaned(page_md());
        let record = cleaned(Document {
            id: "page".into(),
            text: PAGE.into(),
            ..Default::default()
        });
        assert_eq!(file["text"], record["text"]);
        assert_eq!(file["title"], record["title"]);
        assert_eq!(file["boilerplate"], record["boilerplate"]);
    }

    #[test]
    fn a_title_given_by_the_record_stays() {
        let r = cleaned(Document {
            id: "page".into(),
            text: PAGE.into(),
            meta: DocMeta {
                title: Some("Ferry saved".into()),
                ..Default::default()
            },
            ..Default::default()
        });
        assert_eq!(r["title"], "Ferry saved");
    }
}
