//! `import`: the tables a Spark job wrote (spark/README.md) into an embedded store, so that
//! `trace`, `serve` and the pages work on a corpus built on a cluster. The documents are
//! stored as `ingest` stores them, from the records and cleaned texts the executors made.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use quotetrace_ingest::ReadError;
use quotetrace_parquet::{DocumentsTable, TableDocument, TableError};
use quotetrace_pipeline::ingest::{ingest_extracted, ExtractedDocument};

use crate::ingest::WriteArgs;

#[derive(clap::Args)]
pub struct ImportArgs {
    #[command(flatten)]
    write: WriteArgs,
    /// The job's output directory (the one holding `documents/`), or `documents/` itself.
    tables: PathBuf,
}

/// A row of the table as a document for the store, or why it cannot be one.
fn extracted(row: Result<TableDocument, TableError>) -> Result<ExtractedDocument, ReadError> {
    let row = row.map_err(|e| ReadError {
        doc: e.path.display().to_string(),
        message: e.message,
    })?;
    let TableDocument {
        doc,
        text,
        record,
        error,
        ..
    } = row;
    let failed = |message: String| ReadError { doc, message };
    if let Some(error) = error {
        return Err(failed(error));
    }
    let (Some(text), Some(record)) = (text, record) else {
        return Err(failed("no `text` or `record` in the table".into()));
    };
    // The text moves into the document: it is the largest field of a row.
    ExtractedDocument::from_record(text, &record).map_err(failed)
}

pub fn import(args: ImportArgs) -> Result<ExitCode> {
    let table = DocumentsTable::open(&args.tables)
        .with_context(|| format!("cannot import {}", args.tables.display()))?;
    args.write.run("imported", |store, jobs, batch, bar| {
        ingest_extracted(store, table.map(extracted), jobs, batch, bar)
    })
}
