//! The quotes of an export as Parquet: a fixed, documented schema, written row group by row
//! group so that memory stays bounded.

use std::io::Write;

use quotetrace_store::{QuoteFilter, QuoteRow, Store, StoreError};

use crate::table::{Table, TableWriter, Values};
use crate::Error;

/// The columns of a quote export, in order, with their Parquet types: the CSV export's
/// columns (`quotetrace export --format csv`), in its order. Strings are UTF-8; `?` marks a
/// nullable column. A stable schema: columns are only ever added at the end.
pub const QUOTE_COLUMNS: &[(&str, &str)] = &[
    ("quote_id", "int64"),
    ("doc", "string"),
    ("published", "string? (YYYY-MM-DD as the article said it)"),
    ("outlet", "string?"),
    ("speaker", "string?"),
    ("kind", "string (direct, partial, indirect, pull)"),
    ("text", "string"),
    ("cluster", "int64 (the variant group)"),
    ("start", "int64 (UTF-8 byte offset)"),
    ("end", "int64 (exclusive)"),
    ("url", "string?"),
    ("doc_id", "int64"),
    ("title", "string?"),
    ("speaker_id", "int64?"),
    ("cue", "string?"),
    ("confidence", "double"),
    ("variant_confidence", "double"),
    ("speaker_mention", "string?"),
    ("verbatim", "string?"),
];

/// Rows per row group: large enough for good compression and fast reads, small enough that
/// a writer holds a few tens of MB at most.
pub const ROW_GROUP: usize = 65_536;

/// Column buffers of one row group, in [`QUOTE_COLUMNS`] order.
#[derive(Default)]
struct Buffers {
    quote_id: Vec<i64>,
    doc: Vec<String>,
    published: Vec<Option<String>>,
    outlet: Vec<Option<String>>,
    speaker: Vec<Option<String>>,
    kind: Vec<String>,
    text: Vec<String>,
    cluster: Vec<i64>,
    start: Vec<i64>,
    end: Vec<i64>,
    url: Vec<Option<String>>,
    doc_id: Vec<i64>,
    title: Vec<Option<String>>,
    speaker_id: Vec<Option<i64>>,
    cue: Vec<Option<String>>,
    confidence: Vec<f64>,
    variant_confidence: Vec<f64>,
    speaker_mention: Vec<Option<String>>,
    verbatim: Vec<Option<String>>,
}

impl Buffers {
    fn push(&mut self, q: QuoteRow) {
        self.quote_id.push(q.id);
        self.doc.push(q.doc);
        self.published.push(q.meta.published);
        self.outlet.push(q.meta.outlet);
        self.speaker.push(q.speaker);
        self.kind.push(q.kind);
        self.text.push(q.text);
        self.cluster.push(q.cluster);
        self.start.push(q.start);
        self.end.push(q.end);
        self.url.push(q.meta.url);
        self.doc_id.push(q.doc_id);
        self.title.push(q.meta.title);
        self.speaker_id.push(q.speaker_id);
        self.cue.push(q.cue);
        self.confidence.push(q.confidence);
        self.variant_confidence.push(q.variant_confidence);
        self.speaker_mention.push(q.speaker_mention);
        self.verbatim.push(q.verbatim);
    }

    fn len(&self) -> usize {
        self.quote_id.len()
    }

    /// The buffered rows as a table, leaving the buffers empty.
    fn take(&mut self) -> Table {
        let b = std::mem::take(self);
        let t = Table::new()
            .with("quote_id", Values::Int64(b.quote_id))
            .with("doc", Values::Str(b.doc))
            .with("published", Values::OptStr(b.published))
            .with("outlet", Values::OptStr(b.outlet))
            .with("speaker", Values::OptStr(b.speaker))
            .with("kind", Values::Str(b.kind))
            .with("text", Values::Str(b.text))
            .with("cluster", Values::Int64(b.cluster))
            .with("start", Values::Int64(b.start))
            .with("end", Values::Int64(b.end))
            .with("url", Values::OptStr(b.url))
            .with("doc_id", Values::Int64(b.doc_id))
            .with("title", Values::OptStr(b.title))
            .with("speaker_id", Values::OptInt64(b.speaker_id))
            .with("cue", Values::OptStr(b.cue))
            .with("confidence", Values::Double(b.confidence))
            .with("variant_confidence", Values::Double(b.variant_confidence))
            .with("speaker_mention", Values::OptStr(b.speaker_mention))
            .with("verbatim", Values::OptStr(b.verbatim));
        debug_assert_eq!(t.columns.len(), QUOTE_COLUMNS.len());
        t
    }
}

/// Quotes written as a Parquet file of the [`QUOTE_COLUMNS`] schema, [`ROW_GROUP`] rows at a
/// time.
pub struct QuoteWriter<W: Write + Send> {
    file: TableWriter<W>,
    rows: Buffers,
    written: usize,
}

impl<W: Write + Send> QuoteWriter<W> {
    /// Starts the file.
    pub fn new(out: W) -> Result<Self, Error> {
        let file = TableWriter::new(out, &Buffers::default().take())?;
        Ok(QuoteWriter {
            file,
            rows: Buffers::default(),
            written: 0,
        })
    }

    /// Adds a quote (a row group is written when [`ROW_GROUP`] are waiting).
    pub fn push(&mut self, q: QuoteRow) -> Result<(), Error> {
        self.rows.push(q);
        if self.rows.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        let n = self.rows.len();
        if n > 0 {
            self.file.row_group(self.rows.take())?;
            self.written += n;
        }
        Ok(())
    }

    /// Quotes pushed so far.
    pub fn rows(&self) -> usize {
        self.written + self.rows.len()
    }

    /// Writes the last row group and the footer, and hands back the writer.
    pub fn finish(mut self) -> Result<W, Error> {
        self.flush()?;
        self.file.finish()
    }
}

/// Why an export to Parquet stopped: the store or the writer.
#[derive(Debug)]
pub enum ExportError {
    Store(StoreError),
    Parquet(Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Store(e) => write!(f, "reading the store: {e}"),
            ExportError::Parquet(e) => write!(f, "writing Parquet: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Store(e)
    }
}

/// Writes the quotes `filter` selects (as [`Store::export_filtered`] does: document order)
/// to `out` as Parquet; returns the writer and the number of quotes.
pub fn write_quotes<W: Write + Send>(
    store: &Store,
    filter: &QuoteFilter,
    out: W,
) -> Result<(W, usize), ExportError> {
    let mut w = QuoteWriter::new(out).map_err(ExportError::Parquet)?;
    store.export_filtered(filter, |q| w.push(q).map_err(ExportError::Parquet))?;
    let n = w.rows();
    Ok((w.finish().map_err(ExportError::Parquet)?, n))
}
