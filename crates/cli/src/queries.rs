//! The questions asked of the store: `search`, `quotes`, `speakers`, `stories`, `trace` and
//! `export`. Each opens the store read-only.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use quotetrace_store::{QuoteFilter, QuoteRow};

use crate::output::{csv_cell, opt, print_json, print_table, Format};
use crate::store_arg::StoreArg;

#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// At most this many results.
    #[arg(long, default_value_t = 50)]
    limit: usize,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    q: QueryArgs,
    /// Words to find in quotes and articles.
    query: String,
}

#[derive(clap::Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    q: QueryArgs,
    /// Only this speaker (any of their name forms).
    #[arg(long)]
    speaker: Option<String>,
    /// Only quotes from articles published on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only quotes from articles published on or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// Only this outlet.
    #[arg(long)]
    outlet: Option<String>,
    /// Only this story.
    #[arg(long)]
    story: Option<i64>,
}

#[derive(clap::Args)]
pub struct TraceArgs {
    #[command(flatten)]
    q: QueryArgs,
    /// The quote, or part of it.
    text: String,
    /// List every appearance (`--limit` lists the first ones in date order; the count and
    /// the outlets cover them all either way).
    #[arg(long)]
    all: bool,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    store: StoreArg,
    /// jsonl or csv.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
}

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let store = args.q.store.open_for_queries()?;
    let hits = store.search(&args.query, args.q.limit)?;
    if args.q.format != Format::Table {
        print_json(&hits, args.q.format)?;
    } else {
        let rows = hits
            .iter()
            .map(|h| {
                vec![
                    h.kind.to_string(),
                    format!("{:.2}", h.score),
                    opt(&h.speaker),
                    h.snippet.clone(),
                    opt(&h.outlet),
                    h.doc.clone(),
                ]
            })
            .collect();
        print_table(
            &["kind", "score", "speaker", "text", "outlet", "document"],
            rows,
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn quote_rows(rows: &[QuoteRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|q| {
            vec![
                opt(&q.published),
                opt(&q.speaker),
                q.text.clone(),
                q.kind.clone(),
                opt(&q.outlet),
                q.cluster.to_string(),
            ]
        })
        .collect()
}

pub fn quotes(args: QuotesArgs) -> Result<ExitCode> {
    let store = args.q.store.open_for_queries()?;
    let filter = QuoteFilter {
        speaker: args.speaker,
        since: args.since,
        until: args.until,
        outlet: args.outlet,
        story: args.story,
        limit: args.q.limit,
        ..Default::default()
    };
    let rows = store.quotes(&filter)?;
    if args.q.format != Format::Table {
        print_json(&rows, args.q.format)?;
    } else {
        print_table(
            &["date", "speaker", "quote", "kind", "outlet", "group"],
            quote_rows(&rows),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn speakers(args: QueryArgs) -> Result<ExitCode> {
    let store = args.store.open_for_queries()?;
    let rows = store.speakers(args.limit, 0)?;
    if args.format != Format::Table {
        print_json(&rows, args.format)?;
    } else {
        let table = rows
            .iter()
            .map(|s| {
                vec![
                    s.id.to_string(),
                    s.name.clone(),
                    s.quotes.to_string(),
                    s.outlets.to_string(),
                    s.forms.join(" | "),
                ]
            })
            .collect();
        print_table(&["id", "speaker", "quotes", "outlets", "name forms"], table)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stories(args: QueryArgs) -> Result<ExitCode> {
    let store = args.store.open_for_queries()?;
    let rows = store.stories()?;
    match args.format {
        Format::Jsonl => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            for r in &rows {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({"doc": r.doc, "story": r.story, "doc_id": r.doc_id, "title": r.title, "outlet": r.outlet, "published": r.published})
                )?;
            }
            out.flush()?;
        }
        Format::Table => {
            let table = rows
                .iter()
                .take(args.limit.max(1))
                .map(|r| {
                    vec![
                        r.story.map_or("-".into(), |s| s.to_string()),
                        opt(&r.published),
                        opt(&r.outlet),
                        opt(&r.title),
                        r.doc.clone(),
                    ]
                })
                .collect();
            print_table(&["story", "date", "outlet", "title", "document"], table)?;
        }
        f => print_json(&rows, f)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn trace(args: TraceArgs) -> Result<ExitCode> {
    let store = args.q.store.open_for_queries()?;
    let limit = if args.all {
        usize::MAX
    } else {
        args.q.limit.max(1)
    };
    let Some(t) = store.trace_limited(&args.text, limit)? else {
        eprintln!("quotetrace: no quote in the store matches {:?}", args.text);
        return Ok(ExitCode::from(1));
    };
    if args.q.format != Format::Table {
        print_json(&t, args.q.format)?;
        return Ok(ExitCode::SUCCESS);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    writeln!(out, "Speaker:          {}", opt(&t.speaker))?;
    writeln!(
        out,
        "First appeared:   {} in {} ({})",
        opt(&t.first.quote.published),
        opt(&t.first.quote.outlet),
        t.first.quote.doc
    )?;
    writeln!(out, "Quote:            {}", t.first.quote.text)?;
    writeln!(
        out,
        "Carried by:       {} outlet(s): {}",
        t.outlets.len(),
        t.outlets.join(", ")
    )?;
    if t.appearances.len() < t.appearances_total {
        writeln!(
            out,
            "Appearances:      {} (the first {} listed; --all lists every one)",
            t.appearances_total,
            t.appearances.len()
        )?;
    } else {
        writeln!(out, "Appearances:      {}", t.appearances_total)?;
    }
    writeln!(out)?;
    out.flush()?;
    drop(out);
    let rows = t
        .appearances
        .iter()
        .map(|a| {
            let changes = if a.changes.is_empty() {
                "(same words)".to_string()
            } else {
                a.changes.join(" ")
            };
            vec![
                opt(&a.quote.published),
                opt(&a.quote.outlet),
                changes,
                a.quote.doc.clone(),
            ]
        })
        .collect();
    print_table(
        &["date", "outlet", "changes against the first", "document"],
        rows,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let store = args.store.open_for_queries()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let csv = args.format == Format::Csv;
    if csv {
        writeln!(
            out,
            "quote_id,doc,published,outlet,speaker,kind,text,cluster,start,end,url"
        )?;
    }
    store.export(|q| -> Result<()> {
        if csv {
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{}",
                q.id,
                csv_cell(&q.doc),
                csv_cell(&opt(&q.published)),
                csv_cell(&opt(&q.outlet)),
                csv_cell(&opt(&q.speaker)),
                q.kind,
                csv_cell(&q.text),
                q.cluster,
                q.start,
                q.end,
                csv_cell(&opt(&q.url))
            )?;
        } else {
            writeln!(out, "{}", serde_json::to_string(&q)?)?;
        }
        Ok(())
    })?;
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}
