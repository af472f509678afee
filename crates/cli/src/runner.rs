//! Running a per-document command over all inputs: reading in order, processing on one
//! thread or several, writing one line per document in input order, progress on a terminal,
//! a summary at the end, and the exit status.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quotetrace_ingest::{documents_limited, Input, ReadError, DEFAULT_MAX_DOCUMENT_BYTES};
use quotetrace_link::ParagraphCensus;
use quotetrace_model::Document;

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
        let prepared = crate::prepare::prepare(doc);
        let d = &prepared.doc;
        let outlet = quotetrace_link::outlet_key(d.outlet.as_deref(), d.url.as_deref(), &d.id);
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

/// Runs `process` over `docs` on `jobs` threads (the calling thread when `jobs` is 1) and
/// hands the results to `sink` in input order. Memory stays bounded: a reader feeds numbered
/// documents to workers over a bounded channel and a small buffer restores the order.
pub fn for_each_ordered<T, F, S>(
    docs: quotetrace_ingest::Documents,
    jobs: usize,
    process: &F,
    sink: S,
) -> Result<()>
where
    T: Send,
    F: Fn(Result<Document, ReadError>) -> T + Sync,
    S: FnMut(T) -> Result<()>,
{
    for_each_ordered_buffered(docs, jobs, jobs * 4, process, sink)
}

/// [`for_each_ordered`] with up to `buffer` processed documents waiting for the sink, so
/// that the workers keep going while the sink does a long piece of work (a store batch).
pub fn for_each_ordered_buffered<T, F, S>(
    docs: quotetrace_ingest::Documents,
    jobs: usize,
    buffer: usize,
    process: &F,
    mut sink: S,
) -> Result<()>
where
    T: Send,
    F: Fn(Result<Document, ReadError>) -> T + Sync,
    S: FnMut(T) -> Result<()>,
{
    if jobs <= 1 {
        for item in docs {
            sink(process(item))?;
        }
        return Ok(());
    }
    // Every channel end lives inside the scope: when the sink fails, returning drops the
    // receivers, the workers' sends fail and they stop, their copies of the work receiver go,
    // and the reader's next send fails too, so the scope's join ends instead of waiting for
    // a reader blocked on a full channel (two writers on one store hung there).
    std::thread::scope(|scope| -> Result<()> {
        let (work_tx, work_rx) =
            mpsc::sync_channel::<(usize, Result<Document, ReadError>)>(jobs * 4);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::sync_channel::<(usize, T)>(buffer.max(jobs * 4));
        scope.spawn(move || {
            for (i, item) in docs.enumerate() {
                if work_tx.send((i, item)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..jobs {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            scope.spawn(move || loop {
                let next = rx.lock().map(|r| r.recv());
                let Ok(Ok((i, item))) = next else { break };
                if tx.send((i, process(item))).is_err() {
                    break;
                }
            });
        }
        drop(work_rx);
        drop(done_tx);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut next = 0;
        for (i, o) in done_rx {
            waiting.insert(i, o);
            while let Some(o) = waiting.remove(&next) {
                sink(o)?;
                next += 1;
            }
        }
        Ok(())
    })
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
/// document gets an error line and the run goes on.
fn guarded<F>(process: &F, item: Result<Document, ReadError>) -> Outcome
where
    F: Fn(Result<Document, ReadError>) -> Outcome,
{
    let id = match &item {
        Ok(d) => d.id.clone(),
        Err(e) => e.doc.clone(),
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(item))) {
        Ok(o) => o,
        Err(_) => {
            let message = "internal error while processing (please report this document)";
            Outcome {
                line: serde_json::json!({"doc": id, "error": message, "warnings": []}).to_string(),
                quotes: None,
                error: Some(format!("{id}: {message}")),
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::Duration;

    /// A JSONL input of `n` small articles.
    fn many(n: usize) -> quotetrace_ingest::Documents {
        let lines: String = (0..n)
            .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"Article number {i}.\"}}\n"))
            .collect();
        quotetrace_ingest::documents(vec![Input::Bytes {
            name: "many.jsonl".into(),
            bytes: lines.into_bytes(),
        }])
    }

    /// Runs `for_each_ordered_buffered` on another thread and waits at most 20 s for it.
    fn run_bounded(jobs: usize, fail_at: usize) -> Result<usize, String> {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut seen = 0;
            let r = for_each_ordered_buffered(
                many(2_000),
                jobs,
                jobs * 4,
                &|item: Result<Document, ReadError>| item.map(|d| d.id).unwrap_or_default(),
                |_id| {
                    if seen == fail_at {
                        anyhow::bail!("the store is full");
                    }
                    seen += 1;
                    Ok(())
                },
            );
            let _ = tx.send(r.map(|_| seen).map_err(|e| e.to_string()));
        });
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout) => panic!("the run hung after its sink failed"),
            Err(RecvTimeoutError::Disconnected) => panic!("the run panicked"),
        }
    }

    #[test]
    fn a_failing_sink_ends_the_run_with_its_error_on_any_number_of_threads() {
        for jobs in [1, 2, 4] {
            for fail_at in [0, 3, 1_000] {
                let r = run_bounded(jobs, fail_at);
                assert_eq!(r, Err("the store is full".to_string()), "jobs {jobs}");
            }
        }
    }

    #[test]
    fn every_document_reaches_the_sink_in_input_order() {
        for jobs in [1, 3] {
            let mut ids = Vec::new();
            for_each_ordered(
                many(500),
                jobs,
                &|item: Result<Document, ReadError>| item.map(|d| d.id).unwrap_or_default(),
                |id| {
                    ids.push(id);
                    Ok(())
                },
            )
            .unwrap();
            let want: Vec<String> = (0..500).map(|i| format!("d{i}")).collect();
            assert_eq!(ids, want, "jobs {jobs}");
        }
    }
}
