//! Stories for the Spark job, window by window: one window's documents, in arrival order, run
//! through the store's story clusterer ([`StoryClusterer`], default settings) exactly as
//! `quotetrace ingest` runs them (each document added with its key, the refinements that fall
//! due on the way, a last refinement at the end, and every move applied in order), and the
//! day each `published` value dates a document to, as the clusterer reads it.

use std::collections::HashMap;

use pyo3::prelude::*;
use quotetrace_link::stories::{published_day, StoryClusterer, StoryDoc};

use crate::guard;

/// One document of a window: `(seq, title, cleaned text, published)`.
type WindowDoc = (i64, Option<String>, String, Option<String>);

/// The days (since 1970-01-01) the clusterer dates these `published` values to; `None` where
/// it takes the document as undated (no value, or one it cannot read as `YYYY-MM-DD`).
#[pyfunction]
fn story_days(published: Vec<Option<String>>) -> Vec<Option<i32>> {
    published
        .iter()
        .map(|p| p.as_deref().and_then(published_day))
        .collect()
}

/// The stories of one window's documents, given in arrival order: `(seq, local story)` for
/// each, in the same order, after the final refinement — the stories `quotetrace ingest`
/// gives the same documents in the same order (the title, cleaned text and `published` it
/// stores). Local stories are the clusterer's ids (0, 1, ... in order of opening). `seq`
/// is each document's key for the refinements' moves, so it must be unique in the window.
#[pyfunction]
fn cluster_stories(py: Python<'_>, docs: Vec<WindowDoc>) -> PyResult<Vec<(i64, i64)>> {
    guard("clustering stories", || {
        Ok(py.detach(|| {
            let mut clusterer = StoryClusterer::default();
            let mut stories: Vec<(i64, i64)> = Vec::with_capacity(docs.len());
            for (seq, title, text, published) in docs {
                let doc = StoryDoc {
                    id: seq.to_string(),
                    title,
                    text,
                    published,
                };
                let story = clusterer.add_keyed(&doc, seq as u64);
                stories.push((seq, story as i64));
            }
            if !stories.is_empty() {
                clusterer.refine();
            }
            // Every move of every refinement, in order: the last one of a document holds.
            let position: HashMap<i64, usize> = stories
                .iter()
                .enumerate()
                .map(|(k, &(seq, _))| (seq, k))
                .collect();
            for (key, story) in clusterer.take_moves() {
                if let Some(&k) = position.get(&(key as i64)) {
                    stories[k].1 = story as i64;
                }
            }
            stories
        }))
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(story_days, m)?)?;
    m.add_function(wrap_pyfunction!(cluster_stories, m)?)?;
    Ok(())
}
