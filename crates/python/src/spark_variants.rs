//! Quote variant groups for the Spark job: each quote's words key and LSH buckets (the keys
//! through which two quotes can meet), and the groups of a set of quotes that meet only each
//! other, decided in arrival order by the store's own rule
//! ([`quotetrace_store::variant_groups`], the code `ingest` runs on each quote it stores);
//! then the translation and paraphrase links of a story's articles
//! ([`quotetrace_store::story_translations`]).

use pyo3::prelude::*;

use crate::QuotetraceError;

/// A 64-bit key as a signed Spark `long`.
fn long(k: u64) -> i64 {
    i64::from_le_bytes(k.to_le_bytes())
}

/// A quote's words key and LSH bucket keys, as the store computes them; `None` for a quote
/// too short to be linked (a group of its own).
#[pyfunction]
fn variant_keys(text: &str) -> Option<(i64, Vec<i64>)> {
    quotetrace_store::variant_keys(text)
        .map(|(key, buckets)| (key, buckets.into_iter().map(long).collect()))
}

/// The variant groups of quotes given in arrival order as `(text, corpus speaker id)`: for
/// each, the position of its group's first quote, and the confidence and kind of its link
/// (`None` for a quote that starts a group).
#[pyfunction]
fn variant_groups(
    quotes: Vec<(String, Option<i64>)>,
) -> PyResult<Vec<quotetrace_store::VariantLink>> {
    quotetrace_store::variant_groups(&quotes).map_err(|e| QuotetraceError::new_err(e.to_string()))
}

/// A story's article for [`story_translations`]: its place in the corpus's arrival order, its
/// date and its quotes as `(text, kind, corpus speaker, speaker as extracted, variant group,
/// starts its group)`.
type StoryArticle = (
    u64,
    Option<String>,
    Vec<(String, String, Option<i64>, Option<String>, i64, bool)>,
);

/// The translation and paraphrase links of one story's articles, given in arrival order, as
/// the store makes them when it stores the corpus `batch` articles a transaction:
/// `(article, quote, group joined, confidence, kind)` for each lone quote that joins another
/// group (positions in the input; the group as the caller numbered it).
#[pyfunction]
fn story_translations(
    py: Python<'_>,
    docs: Vec<StoryArticle>,
    batch: usize,
) -> Vec<(usize, usize, i64, f64, &'static str)> {
    let docs: Vec<quotetrace_store::StoryDoc> = docs
        .into_iter()
        .map(|(position, published, quotes)| quotetrace_store::StoryDoc {
            position,
            published,
            quotes: quotes
                .into_iter()
                .map(|(text, kind, speaker, speaker_text, group, starts_group)| {
                    quotetrace_store::StoryQuote {
                        text,
                        kind,
                        speaker,
                        speaker_text,
                        group,
                        starts_group,
                    }
                })
                .collect(),
        })
        .collect();
    py.detach(|| quotetrace_store::story_translations(&docs, batch))
        .into_iter()
        .map(|l| (l.doc, l.quote, l.to_group, l.confidence, l.kind))
        .collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(variant_keys, m)?)?;
    m.add_function(wrap_pyfunction!(variant_groups, m)?)?;
    m.add_function(wrap_pyfunction!(story_translations, m)?)?;
    Ok(())
}
