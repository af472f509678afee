//! The questions asked of the store: `search`, `quotes`, `speakers`, `stories`, `trace` and
//! `export`. Each opens the store read-only.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use quotetrace_store::{is_date, QuoteFilter, QuoteRow};

use crate::output::{
    csv_cell, csv_number, opt, print_json, print_records, print_table, say_no_results, Format,
};
use crate::store_arg::StoreArg;

#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// At most this many results (default: 50; `stories` as json, jsonl or csv: every
    /// article).
    #[arg(long)]
    limit: Option<usize>,
}

impl QueryArgs {
    /// `--limit`, or 50.
    fn limit(&self) -> usize {
        self.limit.unwrap_or(50)
    }
}

#[derive(clap::Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    q: QueryArgs,
    /// Only the articles of this story.
    #[arg(long)]
    story: Option<i64>,
}

#[derive(clap::Args)]
pub struct SpeakersArgs {
    #[command(flatten)]
    q: QueryArgs,
    /// Only speakers whose name or a name form holds these words, in order ("bridenstine",
    /// "jim bri"), ignoring case.
    #[arg(long)]
    name: Option<String>,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    q: QueryArgs,
    /// Words to find in quotes and articles.
    query: String,
}

/// The quote kinds, for `--kind`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindArg {
    Direct,
    Partial,
    Indirect,
    Pull,
}

impl KindArg {
    fn as_str(self) -> &'static str {
        match self {
            KindArg::Direct => "direct",
            KindArg::Partial => "partial",
            KindArg::Indirect => "indirect",
            KindArg::Pull => "pull",
        }
    }
}

/// Which quotes: the filters `quotes` and `export` share.
#[derive(clap::Args)]
pub struct QuoteFilterArgs {
    /// Only this speaker (any of their name forms).
    #[arg(long)]
    speaker: Option<String>,
    /// Only this speaker, by id (as `speakers` lists them).
    #[arg(long)]
    speaker_id: Option<i64>,
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
    /// Only quotes of this kind.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Only quotes whose attribution confidence is at least this (0 to 1).
    #[arg(long)]
    min_confidence: Option<f64>,
}

impl QuoteFilterArgs {
    /// The store's filter, or an error naming a malformed date or confidence.
    fn filter(&self, limit: usize) -> Result<QuoteFilter> {
        for (name, value) in [("--since", &self.since), ("--until", &self.until)] {
            if let Some(v) = value {
                if !is_date(v.trim()) {
                    bail!("{name} must be a date written YYYY-MM-DD, not {v:?}");
                }
            }
        }
        if let Some(c) = self.min_confidence {
            if !(0.0..=1.0).contains(&c) {
                bail!("--min-confidence must be a number from 0 to 1, not {c}");
            }
        }
        Ok(QuoteFilter {
            speaker: self.speaker.clone(),
            speaker_id: self.speaker_id,
            since: self.since.as_ref().map(|s| s.trim().to_string()),
            until: self.until.as_ref().map(|s| s.trim().to_string()),
            outlet: self.outlet.clone(),
            story: self.story,
            kind: self.kind.map(|k| k.as_str().to_string()),
            min_confidence: self.min_confidence,
            limit,
            ..Default::default()
        })
    }
}

#[derive(clap::Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    q: QueryArgs,
    #[command(flatten)]
    which: QuoteFilterArgs,
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

/// The formats of `export`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per quote, a line each.
    Jsonl,
    /// One JSON array.
    Json,
    /// Comma-separated values, a header line first.
    Csv,
    /// An Apache Parquet file (the columns of csv, typed; see README.md).
    Parquet,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    store: StoreArg,
    /// jsonl (one quote a line), json (one array), csv, or parquet (a file: give --output,
    /// or redirect standard output).
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<std::path::PathBuf>,
    #[command(flatten)]
    which: QuoteFilterArgs,
}

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let store = args.q.store.open_for_queries()?;
    let hits = store.search(&args.query, args.q.limit())?;
    if args.q.format != Format::Table {
        say_no_results(hits.len());
        print_records(&hits, args.q.format)?;
    } else {
        // People look for speakers by name too: those whose name holds the words come first.
        let speakers = store.speakers_named(Some(&args.query), 5, 0)?;
        say_no_results(hits.len() + speakers.len());
        if !speakers.is_empty() {
            let named: Vec<String> = speakers
                .iter()
                .map(|s| {
                    format!(
                        "{} ({} quotes, `quotes --speaker-id {}`)",
                        s.name, s.quotes, s.id
                    )
                })
                .collect();
            println!("Speakers: {}\n", named.join("; "));
        }
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
                opt(&q.meta.published),
                opt(&q.speaker),
                q.text.clone(),
                q.kind.clone(),
                opt(&q.meta.outlet),
                q.cluster.to_string(),
            ]
        })
        .collect()
}

pub fn quotes(args: QuotesArgs) -> Result<ExitCode> {
    let filter = args.which.filter(args.q.limit())?;
    let store = args.q.store.open_for_queries()?;
    let rows = store.quotes(&filter)?;
    say_no_results(rows.len());
    if args.q.format != Format::Table {
        print_records(&rows, args.q.format)?;
    } else {
        print_table(
            &["date", "speaker", "quote", "kind", "outlet", "group"],
            quote_rows(&rows),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn speakers(args: SpeakersArgs) -> Result<ExitCode> {
    let store = args.q.store.open_for_queries()?;
    let rows = store.speakers_named(args.name.as_deref(), args.q.limit(), 0)?;
    say_no_results(rows.len());
    if args.q.format != Format::Table {
        print_records(&rows, args.q.format)?;
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

pub fn stories(args: StoriesArgs) -> Result<ExitCode> {
    let store = args.q.store.open_for_queries()?;
    let mut rows = store.story_rows(args.story)?;
    match (args.q.limit, args.q.format) {
        (Some(limit), _) => rows.truncate(limit),
        (None, Format::Table) if args.story.is_none() => rows.truncate(args.q.limit()),
        (None, _) => {}
    }
    say_no_results(rows.len());
    match args.q.format {
        Format::Table => {
            let table = rows
                .iter()
                .map(|r| {
                    vec![
                        r.story.map_or("-".into(), |s| s.to_string()),
                        opt(&r.meta.published),
                        opt(&r.meta.outlet),
                        opt(&r.meta.title),
                        r.doc.clone(),
                    ]
                })
                .collect();
            print_table(&["story", "date", "outlet", "title", "document"], table)?;
        }
        f => print_records(&rows, f)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Copies listed with each group.
const GROUP_COPIES: usize = 20;

pub fn duplicates(args: QueryArgs) -> Result<ExitCode> {
    let store = args.store.open_for_queries()?;
    let groups = store.duplicate_groups(args.limit(), 0, GROUP_COPIES)?;
    say_no_results(groups.len());
    if args.format != Format::Table {
        if args.format == Format::Csv {
            bail!("duplicates prints a table, json or jsonl (each group holds a list of copies)");
        }
        return print_json(&groups, args.format).map(|()| ExitCode::SUCCESS);
    }
    let table = groups
        .iter()
        .map(|g| {
            let mut outlets: Vec<String> = g.copies.iter().map(|c| opt(&c.meta.outlet)).collect();
            outlets.dedup();
            vec![
                g.copies_total.to_string(),
                opt(&g.original.meta.published),
                opt(&g.original.meta.outlet),
                opt(&g.original.meta.title),
                g.original.doc.clone(),
                outlets.join(", "),
            ]
        })
        .collect();
    print_table(
        &["copies", "date", "outlet", "title", "original", "copied by"],
        table,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn trace(args: TraceArgs) -> Result<ExitCode> {
    if args.q.format == Format::Csv {
        bail!("trace prints a table, json or jsonl (for rows of quotes, use `quotes` or `export --format csv`)");
    }
    let store = args.q.store.open_for_queries()?;
    let limit = if args.all {
        usize::MAX
    } else {
        args.q.limit().max(1)
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
    if t.first_dated {
        writeln!(
            out,
            "First appeared:   {} in {} ({})",
            opt(&t.first.quote.meta.published),
            opt(&t.first.quote.meta.outlet),
            t.first.quote.doc
        )?;
        if t.undated > 0 {
            writeln!(
                out,
                "                  the earliest dated appearance; {} undated, which could be earlier",
                t.undated
            )?;
        }
    } else {
        writeln!(
            out,
            "First appeared:   unknown, no appearance is dated (first stored: {}, {})",
            opt(&t.first.quote.meta.outlet),
            t.first.quote.doc
        )?;
    }
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
                opt(&a.quote.meta.published),
                opt(&a.quote.meta.outlet),
                link_label(&a.quote),
                changes,
                a.quote.doc.clone(),
            ]
        })
        .collect();
    print_table(
        &[
            "date",
            "outlet",
            "link",
            "changes against the first",
            "document",
        ],
        rows,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// How an appearance joined its variant group, as `trace` shows it: "translation 0.78",
/// "paraphrase 0.66", "edited 0.83", "same"; "first" for the group's first quote.
fn link_label(q: &quotetrace_store::QuoteRow) -> String {
    match q.variant_kind.as_deref() {
        None if q.id == q.cluster => "first".into(),
        Some("same") => "same".into(),
        Some(kind) => format!("{kind} {:.2}", q.variant_confidence),
        None => format!("{:.2}", q.variant_confidence),
    }
}

/// The columns of `export --format csv`: the first eleven as they always were, then the
/// rest of each quote's fields.
const EXPORT_COLUMNS: &str = "quote_id,doc,published,outlet,speaker,kind,text,cluster,start,end,url,doc_id,title,speaker_id,cue,confidence,variant_confidence,speaker_mention,verbatim,variant_kind";

/// Where `export` writes: the `--output` file, else standard output (not a terminal, for
/// Parquet).
fn export_output(args: &ExportArgs) -> Result<Box<dyn Write + Send>> {
    if let Some(path) = &args.output {
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        return Ok(Box::new(BufWriter::with_capacity(1 << 16, file)));
    }
    if args.format == ExportFormat::Parquet && io::stdout().is_terminal() {
        bail!("a Parquet file is binary: give --output FILE or redirect standard output");
    }
    Ok(Box::new(BufWriter::with_capacity(1 << 16, io::stdout())))
}

pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let filter = args.which.filter(usize::MAX)?;
    let store = args.store.open_for_queries()?;
    let mut out = export_output(&args)?;
    if args.format == ExportFormat::Parquet {
        let (mut out, n) = quotetrace_parquet::write_quotes(&store, &filter, out)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        out.flush().context("writing output")?;
        say_no_results(n);
        return Ok(ExitCode::SUCCESS);
    }
    let empty = String::new();
    let cell = |s: &Option<String>| csv_cell(s.as_ref().unwrap_or(&empty));
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    if args.format == ExportFormat::Csv {
        writeln!(out, "{EXPORT_COLUMNS}")?;
    }
    if args.format == ExportFormat::Json {
        write!(out, "[")?;
    }
    let mut n = 0usize;
    store.export_filtered(&filter, |q| -> Result<()> {
        match args.format {
            ExportFormat::Csv => writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                q.id,
                csv_cell(&q.doc),
                cell(&q.meta.published),
                cell(&q.meta.outlet),
                cell(&q.speaker),
                q.kind,
                csv_cell(&q.text),
                q.cluster,
                q.start,
                q.end,
                cell(&q.meta.url),
                q.doc_id,
                cell(&q.meta.title),
                number(q.speaker_id),
                cell(&q.cue),
                csv_number(q.confidence),
                csv_number(q.variant_confidence),
                cell(&q.speaker_mention),
                cell(&q.verbatim),
                cell(&q.variant_kind)
            )?,
            ExportFormat::Json => {
                let sep = if n == 0 { "\n" } else { ",\n" };
                write!(out, "{sep}{}", serde_json::to_string(&q)?)?;
            }
            _ => writeln!(out, "{}", serde_json::to_string(&q)?)?,
        }
        n += 1;
        Ok(())
    })?;
    if args.format == ExportFormat::Json {
        writeln!(out, "{}]", if n == 0 { "" } else { "\n" })?;
    }
    out.flush().context("writing output")?;
    say_no_results(n);
    Ok(ExitCode::SUCCESS)
}
