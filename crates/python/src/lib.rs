//! The native half of the Python package `quotetrace` (the module `quotetrace._native`): the
//! same pipeline functions the command calls, with the GIL released while Rust works. The
//! Python half (`python/quotetrace/__init__.py`) turns what this returns into records and
//! DataFrames; see the `.pyi` stub for the public API.
//!
//! What crosses the boundary is kept cheap and flat: an extraction comes back as its contract
//! JSON line (serialised on the worker threads, parsed by Python's C `json`), a table as the
//! bytes of a Parquet file (read by pyarrow without a Python object per row) or as JSON
//! records when pyarrow is missing. Every call runs under `catch_unwind`: a Rust panic
//! becomes a `quotetrace.QuotetraceError`, never an abort or a `PanicException`.

mod docs;
mod spark;
mod spark_speakers;
mod spark_stories;
mod spark_variants;
mod store;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyList;
use quotetrace_model::{Document, ExtractRecord};
use quotetrace_pipeline::clean::clean_document;
use quotetrace_pipeline::record::{extract_record, guarded, Extracted};

pyo3::create_exception!(
    quotetrace,
    QuotetraceError,
    PyException,
    "Base class of quotetrace's errors."
);
pyo3::create_exception!(
    quotetrace,
    StoreError,
    QuotetraceError,
    "The store could not be opened, read or written (missing, busy, another version, a disk error)."
);
pyo3::create_exception!(
    quotetrace,
    RecordError,
    QuotetraceError,
    "An input record is not a text nor a mapping with a \"text\" or \"html\" string."
);

/// Runs `f`, turning a panic into a `QuotetraceError` naming what was being done.
pub(crate) fn guard<T>(what: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(QuotetraceError::new_err(format!(
            "internal error while {what} (please report it with the input)"
        ))),
    }
}

/// One document's contract line, as `quotetrace extract` prints it (an `error` line when
/// processing panicked).
fn extract_line(doc: Document) -> String {
    extract_with_text(doc).0
}

/// One document's contract line and its cleaned text (the text the line's offsets refer to;
/// `None` when processing panicked).
pub(crate) fn extract_with_text(doc: Document) -> (String, Option<String>) {
    let id = doc.id.clone();
    let (record, text) = match guarded(|| extract_record(doc, None)) {
        Ok(Extracted { record, text, .. }) => (record, Some(text)),
        Err(message) => {
            let record = ExtractRecord {
                doc: id,
                error: Some(message.into()),
                ..Default::default()
            };
            (record, None)
        }
    };
    let line = serde_json::to_string(&record)
        .unwrap_or_else(|e| error_line(&record.doc, &format!("cannot serialise: {e}")));
    (line, text)
}

/// The contract line of a document that has only an error, as `quotetrace extract` prints it.
pub(crate) fn error_line(doc: &str, message: &str) -> String {
    serde_json::json!({"doc": doc, "error": message, "warnings": []}).to_string()
}

/// Runs `f` over `items` on `jobs` threads (the calling one when `jobs` is 1); the results
/// come back in input order.
pub(crate) fn parallel_map<T: Send, R: Send>(
    items: Vec<T>,
    jobs: usize,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    if jobs <= 1 || items.len() <= 1 {
        return items.into_iter().map(f).collect();
    }
    let n = items.len();
    let slots: Vec<std::sync::Mutex<Option<T>>> = items
        .into_iter()
        .map(|i| std::sync::Mutex::new(Some(i)))
        .collect();
    let out: Vec<std::sync::Mutex<Option<R>>> =
        (0..n).map(|_| std::sync::Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..jobs.min(n) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let item = slots[i].lock().ok().and_then(|mut g| g.take());
                if let Some(item) = item {
                    let r = f(item);
                    if let Ok(mut g) = out[i].lock() {
                        *g = Some(r);
                    }
                }
            });
        }
    });
    out.into_iter()
        .filter_map(|m| m.into_inner().ok().flatten())
        .collect()
}

/// Extracts the quotes of a batch of documents (texts or records) on `jobs` threads with the
/// GIL released; returns their contract JSON lines in input order. `first` numbers the
/// documents without an id (a text's `doc` is its position in the whole stream).
#[pyfunction]
#[pyo3(signature = (items, first = 0, jobs = 1))]
fn extract_batch(
    py: Python<'_>,
    items: &Bound<'_, PyList>,
    first: usize,
    jobs: usize,
) -> PyResult<Vec<String>> {
    let docs = items
        .iter()
        .enumerate()
        .map(|(i, item)| docs::document(&item, first + i))
        .collect::<PyResult<Vec<Document>>>()?;
    guard("extracting", || {
        Ok(py.detach(|| parallel_map(docs, jobs.max(1), extract_line)))
    })
}

/// Extraction running ahead of its reader: `submit` hands a batch to its own threads and
/// returns at once, `collect` waits (GIL released) for the oldest batch's lines. With two
/// batches in flight the workers extract the next one while Python reads the last, so
/// nothing waits at a batch's end.
#[pyclass(module = "quotetrace._native")]
struct Pipeline {
    jobs: usize,
    running: std::sync::Mutex<std::collections::VecDeque<std::thread::JoinHandle<Vec<String>>>>,
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (jobs = 2))]
    fn new(jobs: usize) -> Pipeline {
        Pipeline {
            jobs: jobs.max(1),
            running: std::sync::Mutex::new(std::collections::VecDeque::new()),
        }
    }

    /// Starts extracting a batch of texts or records (`first` numbers those without an id).
    #[pyo3(signature = (items, first = 0))]
    fn submit(&self, items: &Bound<'_, PyList>, first: usize) -> PyResult<()> {
        let docs = items
            .iter()
            .enumerate()
            .map(|(i, item)| docs::document(&item, first + i))
            .collect::<PyResult<Vec<Document>>>()?;
        let jobs = self.jobs;
        let handle = std::thread::Builder::new()
            .name("quotetrace-extract".into())
            .spawn(move || parallel_map(docs, jobs, extract_line))
            .map_err(|e| QuotetraceError::new_err(format!("cannot start a thread: {e}")))?;
        self.running
            .lock()
            .map_err(|_| QuotetraceError::new_err("the pipeline failed midway"))?
            .push_back(handle);
        Ok(())
    }

    /// The contract lines of the oldest batch submitted, or None when none is left.
    fn collect(&self, py: Python<'_>) -> PyResult<Option<Vec<String>>> {
        let next = self
            .running
            .lock()
            .map_err(|_| QuotetraceError::new_err("the pipeline failed midway"))?
            .pop_front();
        let Some(handle) = next else {
            return Ok(None);
        };
        py.detach(|| handle.join()).map(Some).map_err(|_| {
            QuotetraceError::new_err(
                "internal error while extracting (please report it with the input)",
            )
        })
    }
}

/// One text's contract JSON line.
#[pyfunction]
#[pyo3(signature = (text, title = None, doc = None))]
fn extract_text(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    title: Option<String>,
    doc: Option<String>,
) -> PyResult<String> {
    let mut d = docs::document(text, 0)?;
    d.id = doc.unwrap_or_else(|| "<text>".into());
    if title.is_some() {
        d.meta.title = title;
    }
    guard("extracting", || Ok(py.detach(|| extract_line(d))))
}

/// What `quotetrace clean` prints for one page or text, as JSON.
#[pyfunction]
#[pyo3(signature = (html_or_text, url = None))]
fn clean(py: Python<'_>, html_or_text: &Bound<'_, PyAny>, url: Option<String>) -> PyResult<String> {
    let mut doc = docs::page(html_or_text)?;
    if url.is_some() {
        doc.meta.url = url;
    }
    guard("cleaning", || {
        let c = py.detach(|| clean_document(doc, None));
        let removed: Vec<serde_json::Value> = c
            .boilerplate
            .into_iter()
            .map(|(text, why)| serde_json::json!({"why": why, "text": text}))
            .collect();
        Ok(serde_json::json!({
            "text": c.text,
            "title": c.doc.meta.title,
            "author": c.doc.meta.author,
            "date": c.doc.meta.published,
            "outlet": c.doc.meta.outlet,
            "url": c.doc.meta.url,
            "lang": c.doc.meta.lang,
            "boilerplate": removed,
            "warnings": c.doc.warnings,
        })
        .to_string())
    })
}

/// The module `quotetrace._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(extract_batch, m)?)?;
    m.add_function(wrap_pyfunction!(extract_text, m)?)?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    spark::register(m)?;
    spark_speakers::register(m)?;
    spark_stories::register(m)?;
    spark_variants::register(m)?;
    m.add_class::<store::Store>()?;
    m.add_class::<Pipeline>()?;
    m.add("QuotetraceError", py.get_type::<QuotetraceError>())?;
    m.add("StoreError", py.get_type::<StoreError>())?;
    m.add("RecordError", py.get_type::<RecordError>())?;
    m.add("QUOTE_COLUMNS", quotetrace_parquet::QUOTE_COLUMNS.to_vec())?;
    Ok(())
}
