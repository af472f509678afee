//! Running a per-document command over all inputs: reading in order, processing on one
//! thread or several, writing one line per document in input order, progress on a terminal,
//! a summary at the end, and the exit status.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quotetrace_ingest::{documents_limited, Input, ReadError, DEFAULT_MAX_DOCUMENT_BYTES};
use quotetrace_link::ParagraphCensus;
use quotetrace_model::Document;
use quotetrace_pipeline::ordered::for_each_ordered;

/// Options every per-document command shares.
#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// Worker threads (default 1). Output order is input order whatever the number.
    #[arg(long, short = 'j', default_value_t = 1)]
    pub jobs: usize,
    /// No progress bar and no summary on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Read the inputs twice: first to find paragraphs that recur across many articles of the
    /// same outlet (appeals, boxes, disclaimers), then to treat them as boilerplate. Needs
    /// files, not standard input.
    #[arg(long)]
    pub corpus_boilerplate: bool,
    /// The largest document read, in bytes (a file, a JSONL line, an archive record, a
    /// file's decompressed content); a larger one is reported and skipped, so an endless
    /// stream (`/dev/zero`) or a gzip bomb cannot exhaust memory.
    #[arg(long, default_value_t = DEFAULT_MAX_DOCUMENT_BYTES, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_document_bytes: u64,
    /// Files (.txt, .md, .html, .html.gz, .jsonl, .warc, .warc.gz), directories (searched
    /// recursively), or `-` for standard input (the default).
    pub paths: Vec<String>,
}

/// What processing one document produced.
pub struct Outcome {
    /// The output line, without its newline.
    pub line: String,
    /// Quotes found (for the summary; `None` for commands that do not look for quotes).
    pub quotes: Option<usize>,
    /// Set when the document could not be read or processed; printed on standard error.
    pub error: Option<String>,
}

/// The first pass of `--corpus-boilerplate`: paragraph fingerprints per outlet over all inputs.
pub fn census(args: &RunArgs) -> Result<Option<ParagraphCensus>> {
    if !args.corpus_boilerplate {
        return Ok(None);
    }
    if args.paths.is_empty() || args.paths.iter().any(|p| p == "-") {
        anyhow::bail!(
            "--corpus-boilerplate reads the inputs twice, so it needs files, not standard input"
        );
    }
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::parse(p)).collect();
    let mut census = ParagraphCensus::default();
    for doc in documents_limited(inputs, args.max_document_bytes).flatten() {
        let prepared = quotetrace_pipeline::prepare::prepare(doc);
        let d = &prepared.doc;
        let outlet =
            quotetrace_link::outlet_key(d.meta.outlet.as_deref(), d.meta.url.as_deref(), &d.id);
        let paragraphs = quotetrace_text::paragraphs(&d.text);
        census.add(&outlet, paragraphs.iter().map(|p| &d.text[p.clone()]));
    }
    if !args.quiet {
        eprintln!(
            "quotetrace: corpus census of {} document(s) done",
            census.documents()
        );
    }
    Ok(Some(census))
}

/// Runs `process` over every document of the inputs and writes the lines.
pub fn run<F>(args: &RunArgs, process: F) -> Result<ExitCode>
where
    F: Fn(Result<Document, ReadError>) -> Outcome + Sync,
{
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::parse(p)).collect();
    let bar = progress(args.quiet, "documents");
    let started = Instant::now();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let (mut docs_n, mut ok, mut quotes, mut errors) = (0usize, 0usize, 0usize, 0usize);
    let mut counted = false;
    let mut emit = |o: Outcome, out: &mut BufWriter<io::StdoutLock>| -> Result<()> {
        docs_n += 1;
        if let Some(q) = o.quotes {
            quotes += q;
            counted = true;
        }
        match &o.error {
            Some(e) => {
                errors += 1;
                bar.suspend(|| eprintln!("quotetrace: {e}"));
            }
            None => ok += 1,
        }
        out.write_all(o.line.as_bytes()).context("writing output")?;
        out.write_all(b"\n").context("writing output")?;
        bar.inc(1);
        Ok(())
    };
    let docs = documents_limited(inputs, args.max_document_bytes);
    let warc = docs.warc_counts();
    let process = |item| guarded(&process, item);
    for_each_ordered(docs, args.jobs, &process, |o| emit(o, &mut out))?;
    out.flush().context("writing output")?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    if !args.quiet {
        let skipped = warc.skipped.load(Ordering::Relaxed);
        let archive = if skipped > 0 {
            format!(", {skipped} archive records skipped (not HTML)")
        } else {
            String::new()
        };
        let quotes = if counted {
            format!(", {quotes} quotes")
        } else {
            String::new()
        };
        eprintln!(
            "quotetrace: {docs_n} document(s) ({errors} unreadable{archive}){quotes} in {secs:.2}s ({:.1} documents/s)",
            docs_n as f64 / secs.max(1e-9)
        );
    }
    if ok == 0 {
        if docs_n == 0 {
            eprintln!("quotetrace: no documents found");
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on standard error when it is a terminal, hidden otherwise.
pub fn progress(quiet: bool, what: &str) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::new_spinner();
    b.set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
    let template = format!("{{spinner}} {{pos}} {what}, {{per_sec}} [{{elapsed}}] {{msg}}");
    b.set_style(
        ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    b
}

/// Processing is meant never to panic (property-tested); should a bug slip through, that
/// document gets an error line and the run goes on (the pipeline's one panic policy).
fn guarded<F>(process: &F, item: Result<Document, ReadError>) -> Outcome
where
    F: Fn(Result<Document, ReadError>) -> Outcome,
{
    let id = match &item {
        Ok(d) => d.id.clone(),
        Err(e) => e.doc.clone(),
    };
    match quotetrace_pipeline::record::guarded(|| process(item)) {
        Ok(o) => o,
        Err(message) => Outcome {
            line: serde_json::json!({"doc": id, "error": message, "warnings": []}).to_string(),
            quotes: None,
            error: Some(format!("{id}: {message}")),
        },
    }
}

/// A JSON line for a document that could not be read.
pub fn error_outcome(e: ReadError) -> Outcome {
    Outcome {
        line: serde_json::json!({"doc": e.doc, "error": e.message, "warnings": []}).to_string(),
        quotes: None,
        error: Some(e.to_string()),
    }
}
