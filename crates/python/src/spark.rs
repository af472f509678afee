//! What the Spark job (`spark/`) runs on its executors: a whole input file's documents read by
//! the command's own reader and extracted by the command's own pipeline, with the key the
//! near-duplicate link is made on (the store's MinHash signature of the cleaned text), and
//! the LSH band keys and similarity of those signatures. Nothing here decides anything the
//! command or the store does not: the same functions, the same constants.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use quotetrace_ingest::{documents, Input, ReadError};
use quotetrace_link::minhash;
use quotetrace_model::Document;

use crate::{error_line, extract_with_text, guard, parallel_map, QuotetraceError};

/// One document of a file: its id, its contract line (what `quotetrace extract` prints), its
/// cleaned text and its MinHash signature (`None` for a read error, a failed document or a
/// text without words).
type Row = (String, String, Option<String>, Option<Vec<u8>>);

/// A [`Row`] as it goes to Python (the signature as `bytes`).
type PyRow = (String, String, Option<String>, Option<Py<PyBytes>>);

/// A read error's line, as `quotetrace extract` prints it.
fn error_row(e: ReadError) -> Row {
    let line = error_line(&e.doc, &e.message);
    (e.doc, line, None, None)
}

fn document_row(doc: Document) -> Row {
    let id = doc.id.clone();
    let (line, text) = extract_with_text(doc);
    let signature = text.as_deref().and_then(|t| {
        minhash::signature(&minhash::words(t), quotetrace_store::DOC_SHINGLE)
            .map(|s| minhash::to_bytes(&s))
    });
    (id, line, text, signature)
}

/// Extensions the reader knows without looking at the content (see `quotetrace_ingest`).
const KNOWN: &[&str] = &[
    "txt", "md", "markdown", "text", "jsonl", "ndjson", "html", "htm", "xhtml", "shtml",
];

/// Whether the reader takes this content only from a file: a gzip file, a WARC archive by
/// its name, or (a name that says nothing) by its start, as the reader sniffs a file.
fn needs_file(name: &str, data: &[u8]) -> bool {
    let lower = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    if lower.ends_with(".gz") {
        return true;
    }
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if matches!(ext, "warc" | "arc") {
        return true;
    }
    !KNOWN.contains(&ext) && (data.starts_with(b"WARC/") || data.starts_with(&[0x1f, 0x8b]))
}

/// A private scratch directory for one archive, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static SCRATCH: AtomicUsize = AtomicUsize::new(0);

/// The documents of one file named `name` with content `data`, read exactly as `quotetrace
/// extract NAME` reads that file: JSONL records, a text or an HTML page, and (through a
/// scratch copy, since the reader takes them from files) gzip files and WARC archives.
fn read_all(name: &str, data: Vec<u8>) -> Vec<Result<Document, ReadError>> {
    if !needs_file(name, &data) {
        return documents(vec![Input::Bytes {
            name: name.to_string(),
            bytes: data,
        }])
        .collect();
    }
    let dir = std::env::temp_dir().join(format!(
        "quotetrace-spark-{}-{}",
        std::process::id(),
        SCRATCH.fetch_add(1, Ordering::Relaxed)
    ));
    let scratch = Scratch(dir);
    let base = name
        .rsplit('/')
        .next()
        .filter(|b| !b.is_empty())
        .unwrap_or("input");
    let path = scratch.0.join(base);
    let written = std::fs::create_dir_all(&scratch.0)
        .and_then(|_| std::fs::File::create(&path))
        .and_then(|mut f| f.write_all(&data));
    drop(data);
    if let Err(e) = written {
        return vec![Err(ReadError {
            doc: name.to_string(),
            message: format!("cannot write a scratch copy to read it: {e}"),
        })];
    }
    // The reader names documents after the path it was given: give them back their name.
    let prefix = path.display().to_string();
    let rename = |id: String| match id.strip_prefix(&prefix) {
        Some(rest) => format!("{name}{rest}"),
        None => id,
    };
    documents(vec![Input::Path(path.clone())])
        .map(|item| match item {
            Ok(mut d) => {
                d.id = rename(d.id);
                Ok(d)
            }
            Err(mut e) => {
                e.doc = rename(e.doc);
                Err(e)
            }
        })
        .collect()
}

/// The documents of one input file (`name` as `quotetrace extract` would be given it, `data`
/// its bytes), extracted on `jobs` threads with the GIL released: a list of `(doc, line,
/// text, signature)` in the file's order — `line` is the contract JSON line `quotetrace
/// extract` prints for that document, `text` the cleaned text its offsets refer to, and
/// `signature` the store's MinHash signature of that text (`PERMUTATIONS` little-endian
/// u32s), `None` where there is none.
#[pyfunction]
#[pyo3(signature = (name, data, jobs = 1))]
fn extract_file(
    py: Python<'_>,
    name: String,
    data: &Bound<'_, PyBytes>,
    jobs: usize,
) -> PyResult<Vec<PyRow>> {
    let data = data.as_bytes().to_vec();
    let rows = guard("reading and extracting", || {
        Ok(py.detach(|| {
            let items = read_all(&name, data);
            parallel_map(items, jobs.max(1), |item| match item {
                Ok(doc) => document_row(doc),
                Err(e) => error_row(e),
            })
        }))
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, line, text, sig)| {
            let sig = sig.map(|s| PyBytes::new(py, &s).unbind());
            (id, line, text, sig)
        })
        .collect())
}

fn signature_of(bytes: &[u8]) -> PyResult<minhash::Signature> {
    minhash::from_bytes(bytes).ok_or_else(|| {
        QuotetraceError::new_err(format!(
            "a signature is {} bytes, not {}",
            minhash::PERMUTATIONS * 4,
            bytes.len()
        ))
    })
}

/// The LSH bucket keys of a signature, one per band (`BANDS`), as the store computes them;
/// signed 64-bit, for a Spark `long` column.
#[pyfunction]
fn minhash_bands(signature: &[u8]) -> PyResult<Vec<i64>> {
    let sig = signature_of(signature)?;
    Ok(minhash::bands(&sig)
        .into_iter()
        .map(|b| i64::from_le_bytes(b.to_le_bytes()))
        .collect())
}

/// The estimated Jaccard similarity of two signatures, as the store compares them.
#[pyfunction]
fn minhash_similarity(a: &[u8], b: &[u8]) -> PyResult<f64> {
    Ok(minhash::similarity(&signature_of(a)?, &signature_of(b)?))
}

/// Adds this file's functions and the store's near-duplicate constants to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_file, m)?)?;
    m.add_function(wrap_pyfunction!(minhash_bands, m)?)?;
    m.add_function(wrap_pyfunction!(minhash_similarity, m)?)?;
    m.add(
        "DUPLICATE_SIMILARITY",
        quotetrace_store::DUPLICATE_SIMILARITY,
    )?;
    m.add("DOC_BUCKET_IDS", quotetrace_store::DOC_BUCKET_IDS)?;
    m.add("MINHASH_BANDS", minhash::BANDS)?;
    Ok(())
}
