//! `quotetrace extract`: documents in, one contract JSON line per document out, in input
//! order, on one thread or several.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quotetrace_ingest::{documents, Input, ReadError};
use quotetrace_model::{Document, ExtractRecord};

#[derive(clap::Args)]
pub struct Args {
    /// Worker threads (default 1). Output order is input order whatever the number.
    #[arg(long, short = 'j', default_value_t = 1)]
    jobs: usize,
    /// No progress bar and no summary on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Files (.txt, .md, .jsonl), directories (searched recursively), or `-` for standard
    /// input (the default).
    paths: Vec<String>,
}

/// What happened to one document, for the summary.
struct Outcome {
    line: String,
    quotes: usize,
    error: Option<String>,
}

/// Turns one read result into its output line.
fn process(item: Result<Document, ReadError>) -> Outcome {
    match item {
        Ok(doc) => {
            // Extraction is meant never to panic (property-tested); should a bug slip through,
            // this document gets an error line and the run goes on.
            let id = doc.id.clone();
            let Ok(record) = std::panic::catch_unwind(move || quotetrace_core_record(doc)) else {
                let message =
                    "internal error while extracting (please report this document)".to_string();
                let record = ExtractRecord {
                    doc: id.clone(),
                    error: Some(message.clone()),
                    ..Default::default()
                };
                return Outcome {
                    line: to_line(&record),
                    quotes: 0,
                    error: Some(format!("{id}: {message}")),
                };
            };
            let quotes = record.quotes.as_ref().map_or(0, Vec::len);
            Outcome {
                line: to_line(&record),
                quotes,
                error: None,
            }
        }
        Err(e) => {
            let record = ExtractRecord {
                doc: e.doc.clone(),
                error: Some(e.message.clone()),
                ..Default::default()
            };
            Outcome {
                line: to_line(&record),
                quotes: 0,
                error: Some(e.to_string()),
            }
        }
    }
}

fn quotetrace_core_record(doc: Document) -> ExtractRecord {
    let ex = quotetrace_quotes::extract(&doc.text);
    let mut warnings = doc.warnings;
    warnings.extend(ex.warnings);
    ExtractRecord {
        doc: doc.id,
        title: doc.title,
        url: doc.url,
        outlet: doc.outlet,
        published: doc.published,
        lang: quotetrace_text::guess_language(&doc.text).map(str::to_string),
        quotes: Some(ex.quotes),
        boilerplate: Some(ex.boilerplate),
        warnings,
        error: None,
    }
}

fn to_line(record: &ExtractRecord) -> String {
    // Serialising plain data to a string cannot fail; fall back to an error line regardless.
    serde_json::to_string(record).unwrap_or_else(|e| {
        format!(
            "{{\"doc\":{:?},\"error\":\"cannot serialise: {e}\",\"warnings\":[]}}",
            record.doc
        )
    })
}

struct Tally {
    docs: usize,
    ok: usize,
    quotes: usize,
    errors: usize,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::parse(p)).collect();
    let show = !args.quiet && io::stderr().is_terminal();
    let bar = if show {
        let b = ProgressBar::new_spinner();
        b.set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
        b.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents, {per_sec} [{elapsed}] {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let started = Instant::now();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut tally = Tally {
        docs: 0,
        ok: 0,
        quotes: 0,
        errors: 0,
    };
    let mut emit = |o: Outcome, out: &mut BufWriter<io::StdoutLock>| -> Result<()> {
        tally.docs += 1;
        tally.quotes += o.quotes;
        match &o.error {
            Some(e) => {
                tally.errors += 1;
                bar.suspend(|| eprintln!("quotetrace: {e}"));
            }
            None => tally.ok += 1,
        }
        out.write_all(o.line.as_bytes()).context("writing output")?;
        out.write_all(b"\n").context("writing output")?;
        bar.inc(1);
        Ok(())
    };
    let docs = documents(inputs);
    if args.jobs <= 1 {
        for item in docs {
            emit(process(item), &mut out)?;
        }
    } else {
        // A reader feeds numbered documents to workers over a bounded channel; results come
        // back numbered and are written in input order.
        let jobs = args.jobs;
        let (work_tx, work_rx) =
            mpsc::sync_channel::<(usize, Result<Document, ReadError>)>(jobs * 4);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Outcome)>(jobs * 4);
        std::thread::scope(|scope| -> Result<()> {
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
            drop(done_tx);
            let mut waiting: BTreeMap<usize, Outcome> = BTreeMap::new();
            let mut next = 0;
            for (i, o) in done_rx {
                waiting.insert(i, o);
                while let Some(o) = waiting.remove(&next) {
                    emit(o, &mut out)?;
                    next += 1;
                }
            }
            Ok(())
        })?;
    }
    out.flush().context("writing output")?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    if !args.quiet {
        eprintln!(
            "quotetrace: {} document(s) ({} unreadable), {} quotes in {:.2}s ({:.1} documents/s)",
            tally.docs,
            tally.errors,
            tally.quotes,
            secs,
            tally.docs as f64 / secs.max(1e-9)
        );
    }
    if tally.ok == 0 {
        if tally.docs == 0 {
            eprintln!("quotetrace: no documents found");
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
