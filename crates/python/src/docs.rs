//! Python inputs as documents: a `str` is a text; a mapping is a record with the fields a
//! JSONL record has (`id`/`doc_id`, `text` or `html`, `title`, `url`, `published`/`date`,
//! `outlet`/`source`, `author`), read the same way.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use quotetrace_model::Document;

use crate::RecordError;

/// A Python `str` as Rust text; lone surrogates (which UTF-8 cannot hold) become U+FFFD, as
/// the JSONL reader does, with a warning.
fn text_of(s: &Bound<'_, PyString>, warnings: &mut Vec<String>) -> PyResult<String> {
    if let Ok(t) = s.extract::<String>() {
        return Ok(t);
    }
    let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let bytes = bytes.cast_into::<PyBytes>()?;
    warnings.push("the text held unpaired surrogates: replaced with U+FFFD".into());
    Ok(String::from_utf8_lossy(bytes.as_bytes()).into_owned())
}

/// A record field as text: a string, or a number written out (as the JSONL reader does).
fn field(
    d: &Bound<'_, PyDict>,
    names: &[&str],
    warnings: &mut Vec<String>,
) -> PyResult<Option<String>> {
    for n in names {
        let Some(v) = d.get_item(n)? else { continue };
        if let Ok(s) = v.cast::<PyString>() {
            return text_of(s, warnings).map(Some);
        }
        if v.is_instance_of::<pyo3::types::PyInt>() || v.is_instance_of::<pyo3::types::PyFloat>() {
            return Ok(Some(v.str()?.extract()?));
        }
    }
    Ok(None)
}

fn describe(item: &Bound<'_, PyAny>) -> String {
    item.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

/// Item `index` of an input: a text (its `doc` is the index) or a record.
pub(crate) fn document(item: &Bound<'_, PyAny>, index: usize) -> PyResult<Document> {
    let mut warnings = Vec::new();
    if let Ok(s) = item.cast::<PyString>() {
        let text = text_of(s, &mut warnings)?;
        return Ok(Document {
            id: index.to_string(),
            text,
            warnings,
            ..Default::default()
        });
    }
    let Ok(d) = item.cast::<PyDict>() else {
        return Err(RecordError::new_err(format!(
            "item {index} is a {}: give a str (the text) or a dict with a \"text\" or \"html\" string",
            describe(item)
        )));
    };
    let id = field(d, &["id", "doc_id"], &mut warnings)?.unwrap_or_else(|| index.to_string());
    let text = field(d, &["text"], &mut warnings)?;
    let html = field(d, &["html"], &mut warnings)?;
    if text.is_none() && html.is_none() {
        return Err(RecordError::new_err(format!(
            "record {index} ({id:?}) has no \"text\" (or \"html\") string"
        )));
    }
    Ok(Document {
        html: match text {
            Some(_) => None,
            None => html.as_ref().map(|h| h.as_bytes().to_vec()),
        },
        charset: html.is_some().then(|| "utf-8".to_string()),
        text: text.unwrap_or_default(),
        meta: quotetrace_model::DocMeta {
            title: field(d, &["title"], &mut warnings)?,
            url: field(d, &["url"], &mut warnings)?,
            published: field(d, &["published", "date"], &mut warnings)?,
            outlet: field(d, &["outlet", "source"], &mut warnings)?,
            author: field(d, &["author"], &mut warnings)?,
            ..Default::default()
        },
        id,
        warnings,
    })
}

/// A page for `clean`: HTML (a `str` or `bytes` that looks like markup) or a text.
pub(crate) fn page(item: &Bound<'_, PyAny>) -> PyResult<Document> {
    let mut warnings = Vec::new();
    let (bytes, charset): (Vec<u8>, Option<String>) = if let Ok(b) = item.cast::<PyBytes>() {
        (b.as_bytes().to_vec(), None)
    } else if let Ok(s) = item.cast::<PyString>() {
        (
            text_of(s, &mut warnings)?.into_bytes(),
            Some("utf-8".into()),
        )
    } else {
        return Err(RecordError::new_err(format!(
            "clean takes a str or bytes (a page or a text), not a {}",
            describe(item)
        )));
    };
    let id = "<page>".to_string();
    if quotetrace_ingest::looks_html(&bytes) {
        return Ok(Document {
            id,
            html: Some(bytes),
            charset,
            warnings,
            ..Default::default()
        });
    }
    Ok(Document {
        id,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        warnings,
        ..Default::default()
    })
}
