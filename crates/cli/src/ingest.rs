//! `ingest`: the command's arguments, progress and summary; the work is
//! `quotetrace_pipeline::ingest`.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use indicatif::ProgressBar;
use quotetrace_ingest::{documents_limited, Input, ReadError, DEFAULT_MAX_DOCUMENT_BYTES};
use quotetrace_model::IngestSummary;
use quotetrace_pipeline::ingest::{ingest_inputs, Progress, BATCH};
use quotetrace_store::{Counts, Store};

use crate::runner::progress;
use crate::store_arg::StoreArg;

/// What every command that writes documents into the store takes.
#[derive(clap::Args)]
pub struct WriteArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Worker threads (cleaning and extraction, link keys).
    #[arg(long, short = 'j', default_value_t = 2)]
    pub jobs: usize,
    /// No progress bar and no summary.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Documents written per transaction: a kill loses at most one batch; larger batches
    /// write faster to a large store and hold more memory.
    #[arg(long, default_value_t = BATCH as u64, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub batch: u64,
}

#[derive(clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    write: WriteArgs,
    /// The largest document read, in bytes, as for `extract`.
    #[arg(long, default_value_t = DEFAULT_MAX_DOCUMENT_BYTES, value_parser = clap::value_parser!(u64).range(1..))]
    max_document_bytes: u64,
    /// Files, directories or `-`, as for `extract`.
    paths: Vec<String>,
}

/// The progress bar on a terminal (hidden otherwise), and unreadable documents on standard
/// error.
pub(crate) struct Bar(pub(crate) ProgressBar);

impl Progress for Bar {
    fn document(&self) {
        self.0.inc(1);
    }

    fn failed(&self, error: &ReadError) {
        self.0.suspend(|| eprintln!("quotetrace: {error}"));
    }
}

pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::parse(p)).collect();
    let docs = documents_limited(inputs, args.max_document_bytes);
    args.write.run("ingested", |store, jobs, batch, bar| {
        ingest_inputs(store, docs, jobs, batch, bar)
    })
}

impl WriteArgs {
    /// Opens the store for writing, runs `write` on it (with the worker threads, the batch
    /// size and the progress bar), then prints the summary (`verb`: what was done) and gives
    /// the exit code.
    pub fn run(
        &self,
        verb: &str,
        write: impl FnOnce(&mut Store, usize, usize, &Bar) -> Result<IngestSummary>,
    ) -> Result<ExitCode> {
        let mut store = self.store.open()?;
        let before = store.counts()?;
        let started = Instant::now();
        let bar = Bar(progress(self.quiet, "articles"));
        let s = write(&mut store, self.jobs, self.batch as usize, &bar)?;
        bar.0.finish_and_clear();
        summary(verb, &s, started, &store, &self.store, before, self.quiet)
    }
}

/// Prints what a run stored (unless `quiet`) and gives the exit code: 1 when nothing could be
/// read.
fn summary(
    verb: &str,
    s: &IngestSummary,
    started: Instant,
    store: &Store,
    at: &StoreArg,
    before: Counts,
    quiet: bool,
) -> Result<ExitCode> {
    let secs = started.elapsed().as_secs_f64();
    let after = store.counts()?;
    if !quiet {
        eprintln!(
            "quotetrace: {verb} {} new article(s) ({} near-duplicates), {} already stored, {} unreadable; {} quotes; {:.1} articles/s",
            s.added, s.duplicates, s.existing, s.failed, s.quotes,
            (s.added + s.existing) as f64 / secs.max(1e-9)
        );
        eprintln!(
            "quotetrace: the store at {} now holds {} articles, {} quotes in {} variant groups, {} speakers (was {} articles)",
            at.store.display(),
            after.documents,
            after.quotes,
            after.quote_clusters,
            after.speakers,
            before.documents
        );
    }
    if s.added + s.existing == 0 && s.failed > 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
