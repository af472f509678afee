//! `quotetrace.Store`: the corpus store, opened as the command opens it, with ingest and the
//! queries. Tables come back as Parquet bytes (for pyarrow) or JSON records.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use quotetrace_ingest::{documents, Input, ReadError};
use quotetrace_parquet::{Table, Values};
use quotetrace_pipeline::ingest::{ingest_inputs, Progress, BATCH};
use quotetrace_store::{is_date, QuoteFilter, QuoteRow, QUOTE_KINDS};
use serde::Serialize;

use crate::{guard, StoreError};

/// A corpus store (a directory), opened for writing (holding its write lock) or read-only.
#[pyclass(module = "quotetrace._native", name = "Store")]
pub struct Store {
    inner: Mutex<Option<quotetrace_store::Store>>,
    path: PathBuf,
    read_only: bool,
}

fn store_err(what: &str, path: &Path, e: impl std::fmt::Display) -> PyErr {
    StoreError::new_err(format!("{what} the store at {}: {e}", path.display()))
}

/// Opens a store for queries as `quotetrace` does: read-only, without the write lock; a store
/// of an older schema is upgraded first.
fn open_for_queries(dir: &Path) -> Result<quotetrace_store::Store, String> {
    match quotetrace_store::Store::open_read_only(dir) {
        Ok(s) => Ok(s),
        Err(e) if dir.join("quotetrace.db").is_file() => {
            drop(quotetrace_store::Store::open(dir).map_err(|e2| format!("{e} ({e2})"))?);
            quotetrace_store::Store::open_read_only(dir).map_err(|e| e.to_string())
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Progress handed to a Python callable (`tqdm.update`, say), every 64 documents and at the
/// end, so that the GIL is taken rarely.
struct PyProgress {
    callback: Option<Py<PyAny>>,
    pending: AtomicUsize,
    failed: Mutex<Vec<String>>,
}

impl PyProgress {
    fn flush(&self) {
        let n = self.pending.swap(0, Ordering::Relaxed);
        if let (Some(cb), true) = (&self.callback, n > 0) {
            Python::attach(|py| {
                if let Err(e) = cb.call1(py, (n,)) {
                    e.print(py);
                }
            });
        }
    }
}

impl Progress for PyProgress {
    fn document(&self) {
        if self.pending.fetch_add(1, Ordering::Relaxed) + 1 >= 64 {
            self.flush();
        }
    }

    fn failed(&self, error: &ReadError) {
        if let Ok(mut f) = self.failed.lock() {
            if f.len() < 1000 {
                f.push(error.to_string());
            }
        }
    }
}

/// The quote filters of `Store.quotes` and `Store.export_parquet` (`method`), given as keyword
/// arguments: `speaker`, `speaker_id`, `since`, `until`, `outlet`, `story`, `kind`,
/// `min_confidence`, and `limit` where `with_limit`; `None` filters nothing. Checked as a
/// method's arguments are: each of its type, then the values.
fn filter(
    method: &str,
    filters: Option<&Bound<'_, PyDict>>,
    with_limit: bool,
) -> PyResult<QuoteFilter> {
    let mut f = QuoteFilter {
        limit: usize::MAX,
        ..Default::default()
    };
    for (key, value) in filters.into_iter().flat_map(|d| d.iter()) {
        let name: String = key.extract()?;
        let value = Arg(&name, &value);
        match name.as_str() {
            "speaker" => f.speaker = value.get()?,
            "speaker_id" => f.speaker_id = value.get()?,
            "since" => f.since = value.get()?,
            "until" => f.until = value.get()?,
            "outlet" => f.outlet = value.get()?,
            "story" => f.story = value.get()?,
            "kind" => f.kind = value.get()?,
            "min_confidence" => f.min_confidence = value.get()?,
            "limit" if with_limit => f.limit = value.get::<Option<usize>>()?.unwrap_or(usize::MAX),
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "{method} got an unexpected keyword argument '{name}'"
                )))
            }
        }
    }
    checked(f)
}

/// A keyword argument: its name and value.
struct Arg<'a, 'py>(&'a str, &'a Bound<'py, PyAny>);

impl<'a, 'py> Arg<'a, 'py> {
    /// The value as a `T`; an error names the argument, as PyO3 does for declared ones.
    fn get<T: FromPyObject<'a, 'py>>(&self) -> PyResult<T> {
        self.1.extract::<T>().map_err(|e| {
            let e: PyErr = e.into();
            let note = format!("while processing '{}'", self.0);
            let _ = e.value(self.1.py()).call_method1("add_note", (note,));
            e
        })
    }
}

/// `f` with its dates, kind and confidence checked, and its dates trimmed.
fn checked(f: QuoteFilter) -> PyResult<QuoteFilter> {
    for (name, v) in [("since", &f.since), ("until", &f.until)] {
        if let Some(v) = v {
            if !is_date(v.trim()) {
                return Err(PyValueError::new_err(format!(
                    "{name} must be a date written YYYY-MM-DD, not {v:?}"
                )));
            }
        }
    }
    if let Some(k) = &f.kind {
        if !QUOTE_KINDS.contains(&k.as_str()) {
            return Err(PyValueError::new_err(format!(
                "kind must be direct, partial, indirect or pull, not {k:?}"
            )));
        }
    }
    if let Some(c) = f.min_confidence {
        if !(0.0..=1.0).contains(&c) {
            return Err(PyValueError::new_err(format!(
                "min_confidence must be a number from 0 to 1, not {c}"
            )));
        }
    }
    Ok(QuoteFilter {
        since: f.since.map(|s| s.trim().to_string()),
        until: f.until.map(|s| s.trim().to_string()),
        ..f
    })
}

/// Rows as JSON records, or as a Parquet file of `table(rows)`.
fn rows_out<T: Serialize>(
    py: Python<'_>,
    rows: Vec<T>,
    parquet: bool,
    table: impl FnOnce(Vec<T>) -> Table,
) -> PyResult<Py<PyAny>> {
    if parquet {
        let bytes = table(rows)
            .to_parquet()
            .map_err(|e| StoreError::new_err(format!("writing Parquet: {e}")))?;
        return Ok(PyBytes::new(py, &bytes).into_any().unbind());
    }
    let json = serde_json::to_string(&rows)
        .map_err(|e| StoreError::new_err(format!("serialising rows: {e}")))?;
    Ok(json.into_pyobject(py)?.into_any().unbind())
}

/// An error as its message (what a callback of an export may fail with).
struct Msg(String);

impl From<quotetrace_store::StoreError> for Msg {
    fn from(e: quotetrace_store::StoreError) -> Msg {
        Msg(e.to_string())
    }
}

/// Hands `sink` every quote `f` selects, in export order: read by `Store::quotes` when the
/// filter has a limit, else streamed by `Store::export_filtered`.
fn each_quote(
    s: &quotetrace_store::Store,
    f: &QuoteFilter,
    limited: bool,
    mut sink: impl FnMut(QuoteRow) -> Result<(), String>,
) -> Result<(), String> {
    if limited {
        for q in s.quotes(f).map_err(|e| e.to_string())? {
            sink(q)?;
        }
        return Ok(());
    }
    s.export_filtered(f, |q| sink(q).map_err(Msg))
        .map_err(|e| e.0)
}

/// Quotes written as a series of Parquet files of [`quotetrace_parquet::ROW_GROUP`] rows.
struct ParquetChunks(quotetrace_parquet::QuoteWriter<Vec<u8>>);

impl ParquetChunks {
    fn new() -> Result<Self, String> {
        quotetrace_parquet::QuoteWriter::new(Vec::new())
            .map(ParquetChunks)
            .map_err(|e| e.to_string())
    }

    fn push(&mut self, q: QuoteRow, files: &mut Vec<Vec<u8>>) -> Result<(), String> {
        self.0.push(q).map_err(|e| e.to_string())?;
        if self.0.rows() >= quotetrace_parquet::ROW_GROUP {
            let full = std::mem::replace(self, ParquetChunks::new()?);
            files.push(full.0.finish().map_err(|e| e.to_string())?);
        }
        Ok(())
    }

    /// The last file; an empty one only when there is no other (it carries the schema).
    fn finish(self, files: &mut Vec<Vec<u8>>) -> Result<(), String> {
        if self.0.rows() > 0 || files.is_empty() {
            files.push(self.0.finish().map_err(|e| e.to_string())?);
        }
        Ok(())
    }
}

macro_rules! column {
    ($rows:expr, $kind:ident, $f:expr) => {
        Values::$kind($rows.iter().map($f).collect())
    };
}

impl Store {
    /// Runs `f` on the open store with the GIL released.
    fn with<T: Send>(
        &self,
        py: Python<'_>,
        what: &str,
        f: impl FnOnce(&mut quotetrace_store::Store) -> Result<T, String> + Send,
    ) -> PyResult<T> {
        let path = self.path.clone();
        guard(what, || {
            py.detach(|| {
                let mut g = self
                    .inner
                    .lock()
                    .map_err(|_| "a previous call failed midway".to_string())?;
                let s = g
                    .as_mut()
                    .ok_or_else(|| "the store is closed".to_string())?;
                f(s)
            })
            .map_err(|e| store_err(what, &path, e))
        })
    }
}

#[pymethods]
impl Store {
    #[new]
    #[pyo3(signature = (path, read_only = false))]
    fn new(py: Python<'_>, path: PathBuf, read_only: bool) -> PyResult<Store> {
        let store = guard("opening the store", || {
            py.detach(|| {
                if read_only {
                    open_for_queries(&path)
                } else {
                    quotetrace_store::Store::open(&path).map_err(|e| e.to_string())
                }
            })
            .map_err(|e| store_err("opening", &path, e))
        })?;
        Ok(Store {
            inner: Mutex::new(Some(store)),
            path,
            read_only,
        })
    }

    /// The store's directory.
    #[getter]
    fn path(&self) -> PathBuf {
        self.path.clone()
    }

    /// Whether the store was opened read-only.
    #[getter]
    fn read_only(&self) -> bool {
        self.read_only
    }

    /// Closes the store (and releases its write lock).
    fn close(&self) {
        if let Ok(mut g) = self.inner.lock() {
            g.take();
        }
    }

    /// Row counts, as JSON.
    fn counts(&self, py: Python<'_>) -> PyResult<String> {
        let c = self.with(py, "reading", |s| s.counts().map_err(|e| e.to_string()))?;
        serde_json::to_string(&c).map_err(|e| StoreError::new_err(e.to_string()))
    }

    /// Ingests files, directories and JSONL bytes of records; returns the summary as JSON.
    #[pyo3(signature = (paths, records = None, jobs = 2, batch = None, progress = None))]
    fn ingest(
        &self,
        py: Python<'_>,
        paths: Vec<String>,
        records: Option<Vec<u8>>,
        jobs: usize,
        batch: Option<usize>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<String> {
        if self.read_only {
            return Err(StoreError::new_err(format!(
                "the store at {} was opened read_only: open it with read_only=False to ingest",
                self.path.display()
            )));
        }
        let mut inputs: Vec<Input> = paths.iter().map(|p| Input::Path(p.into())).collect();
        for p in &paths {
            if !Path::new(p).exists() {
                return Err(pyo3::exceptions::PyFileNotFoundError::new_err(format!(
                    "no such file or directory: {p}"
                )));
            }
        }
        if let Some(bytes) = records {
            inputs.push(Input::Bytes {
                name: "records.jsonl".into(),
                bytes,
            });
        }
        let progress = PyProgress {
            callback: progress,
            pending: AtomicUsize::new(0),
            failed: Mutex::new(Vec::new()),
        };
        let summary = self.with(py, "ingesting into", |s| {
            ingest_inputs(
                s,
                documents(inputs),
                jobs.max(1),
                batch.unwrap_or(BATCH).max(1),
                &progress,
            )
            .map_err(|e| format!("{e:#}"))
        })?;
        progress.flush();
        serde_json::to_string(&summary).map_err(|e| StoreError::new_err(e.to_string()))
    }

    /// Stored quotes with their article metadata (export order), as a list of Parquet files'
    /// bytes of the export schema (one per 65,536 rows), or JSON records.
    /// The filters are keyword arguments (see [`filter`]).
    #[pyo3(signature = (parquet = true, **filters))]
    fn quotes(
        &self,
        py: Python<'_>,
        parquet: bool,
        filters: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let f = filter("Store.quotes()", filters, true)?;
        let limited = match filters {
            Some(d) => d.get_item("limit")?.is_some_and(|l| !l.is_none()),
            None => false,
        };
        if parquet {
            // One Parquet file per 65,536 rows: Python reads and frees them one at a time, so
            // the compressed copy never sits beside the whole table.
            let files = self.with(py, "reading", |s| {
                let mut files: Vec<Vec<u8>> = Vec::new();
                let mut w = ParquetChunks::new()?;
                each_quote(s, &f, limited, |q| w.push(q, &mut files))?;
                w.finish(&mut files)?;
                Ok(files)
            })?;
            let chunks: Vec<Bound<'_, PyBytes>> =
                files.into_iter().map(|f| PyBytes::new(py, &f)).collect();
            return Ok(pyo3::types::PyList::new(py, chunks)?.into_any().unbind());
        }
        let rows = self.with(py, "reading", |s| {
            let mut rows: Vec<QuoteRow> = Vec::new();
            each_quote(s, &f, limited, |q| {
                rows.push(q);
                Ok(())
            })?;
            Ok(rows)
        })?;
        rows_out(py, rows, false, |_| Table::new())
    }

    /// Writes the quotes a filter selects to a Parquet file; returns how many. The filters are
    /// keyword arguments (see [`filter`]), `limit` excepted.
    #[pyo3(signature = (path, **filters))]
    fn export_parquet(
        &self,
        py: Python<'_>,
        path: PathBuf,
        filters: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<usize> {
        let f = filter("Store.export_parquet()", filters, false)?;
        let file = std::fs::File::create(&path).map_err(|e| {
            pyo3::exceptions::PyOSError::new_err(format!("creating {}: {e}", path.display()))
        })?;
        self.with(py, "exporting", |s| {
            let out = std::io::BufWriter::with_capacity(1 << 16, file);
            let (mut out, n) =
                quotetrace_parquet::write_quotes(s, &f, out).map_err(|e| e.to_string())?;
            std::io::Write::flush(&mut out).map_err(|e| e.to_string())?;
            Ok(n)
        })
    }

    /// Corpus speakers (most quoted first), optionally those whose names hold `name`.
    #[pyo3(signature = (name = None, limit = 1000, parquet = true))]
    fn speakers(
        &self,
        py: Python<'_>,
        name: Option<String>,
        limit: usize,
        parquet: bool,
    ) -> PyResult<Py<PyAny>> {
        let rows = self.with(py, "reading", |s| {
            s.speakers_named(name.as_deref(), limit, 0)
                .map_err(|e| e.to_string())
        })?;
        rows_out(py, rows, parquet, |r| {
            Table::new()
                .with("id", column!(r, Int64, |s| s.id))
                .with("name", column!(r, Str, |s| s.name.clone()))
                .with("quotes", column!(r, Int64, |s| s.quotes))
                .with("outlets", column!(r, Int64, |s| s.outlets))
                .with("is_org", column!(r, Bool, |s| s.is_org))
                .with("forms", column!(r, Str, |s| s.forms.join(" | ")))
        })
    }

    /// Every article with its story (or one story's articles).
    #[pyo3(signature = (story = None, parquet = true))]
    fn stories(&self, py: Python<'_>, story: Option<i64>, parquet: bool) -> PyResult<Py<PyAny>> {
        let rows = self.with(py, "reading", |s| {
            s.story_rows(story).map_err(|e| e.to_string())
        })?;
        rows_out(py, rows, parquet, |r| {
            Table::new()
                .with("story", column!(r, OptInt64, |s| s.story))
                .with("doc_id", column!(r, Int64, |s| s.doc_id))
                .with("doc", column!(r, Str, |s| s.doc.clone()))
                .with("title", column!(r, OptStr, |s| s.meta.title.clone()))
                .with("outlet", column!(r, OptStr, |s| s.meta.outlet.clone()))
                .with(
                    "published",
                    column!(r, OptStr, |s| s.meta.published.clone()),
                )
        })
    }

    /// Full-text search over quotes and articles.
    #[pyo3(signature = (query, limit = 50, parquet = true))]
    fn search(
        &self,
        py: Python<'_>,
        query: String,
        limit: usize,
        parquet: bool,
    ) -> PyResult<Py<PyAny>> {
        let rows = self.with(py, "searching", |s| {
            s.search(&query, limit).map_err(|e| e.to_string())
        })?;
        rows_out(py, rows, parquet, |r| {
            Table::new()
                .with("kind", column!(r, Str, |h| h.kind.to_string()))
                .with("id", column!(r, Int64, |h| h.id))
                .with("score", column!(r, Double, |h| h.score))
                .with("speaker", column!(r, OptStr, |h| h.speaker.clone()))
                .with("snippet", column!(r, Str, |h| h.snippet.clone()))
                .with("doc", column!(r, Str, |h| h.doc.clone()))
                .with("title", column!(r, OptStr, |h| h.title.clone()))
                .with("outlet", column!(r, OptStr, |h| h.outlet.clone()))
        })
    }

    /// A quote's provenance as JSON (the `trace` command's), or None when no stored quote
    /// matches.
    #[pyo3(signature = (text, limit = None))]
    fn trace(
        &self,
        py: Python<'_>,
        text: String,
        limit: Option<usize>,
    ) -> PyResult<Option<String>> {
        let t = self.with(py, "tracing in", |s| {
            s.trace_limited(&text, limit.unwrap_or(usize::MAX).max(1))
                .map_err(|e| e.to_string())
        })?;
        t.map(|t| serde_json::to_string(&t).map_err(|e| StoreError::new_err(e.to_string())))
            .transpose()
    }
}
