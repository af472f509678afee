//! Corpus speakers for the Spark job, key by key: a quote's speaker key, and the speakers of
//! one key resolved in arrival order by the store's own index ([`SpeakerIndex`]). Names are
//! only ever compared with names of the same key (`quotetrace_link::speakers::speaker_key`),
//! so resolving each key's quotes apart, in arrival order, gives what one index over the whole
//! corpus gives; the store's filter ([`quotetrace_store::corpus_speaker`]) decides which
//! quotes have a corpus speaker at all.

use pyo3::prelude::*;
use quotetrace_link::speakers::{speaker_key, SpeakerIndex};
use quotetrace_model::SpeakerType;

/// The contract's `speaker_type` string as the type.
fn speaker_type_of(t: Option<&str>) -> PyResult<Option<SpeakerType>> {
    t.map(|t| {
        serde_json::from_value::<SpeakerType>(serde_json::Value::from(t))
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("{t:?}: {e}")))
    })
    .transpose()
}

/// The key a quote's corpus speaker is resolved under, or `None` when the store gives the
/// quote no corpus speaker (no speaker, a description, a name not shaped like one).
#[pyfunction]
#[pyo3(signature = (speaker, speaker_type = None))]
fn speaker_key_of(speaker: Option<String>, speaker_type: Option<&str>) -> PyResult<Option<String>> {
    let kind = speaker_type_of(speaker_type)?;
    Ok(quotetrace_store::corpus_speaker(speaker.as_deref(), kind)
        .map(|(name, person)| speaker_key(name, person).0))
}

/// One key's speakers: `(local id, display name, name forms with counts, is_org)`.
type Speaker = (u64, String, Vec<(String, u64)>, bool);

/// One key's speakers resolved as its quotes arrive, a batch at a time: the store's index
/// held between calls, so that a key with millions of quotes (a common surname) streams
/// through one task in arrival order and only its speakers stay in memory, never its quotes.
#[pyclass(module = "quotetrace._native")]
#[derive(Default)]
struct SpeakerResolver {
    index: SpeakerIndex,
}

#[pymethods]
impl SpeakerResolver {
    #[new]
    fn new() -> SpeakerResolver {
        SpeakerResolver::default()
    }

    /// The next quotes of the key, in arrival order, as `(speaker, speaker_type)`: the local
    /// speaker id of each (1, 2, ... in order of creation; `None` for a quote without a
    /// corpus speaker).
    fn resolve(
        &mut self,
        quotes: Vec<(Option<String>, Option<String>)>,
    ) -> PyResult<Vec<Option<u64>>> {
        let mut ids = Vec::with_capacity(quotes.len());
        for (speaker, speaker_type) in quotes {
            let kind = speaker_type_of(speaker_type.as_deref())?;
            ids.push(
                quotetrace_store::corpus_speaker(speaker.as_deref(), kind)
                    .map(|(name, person)| self.index.resolve_typed(name, person)),
            );
        }
        Ok(ids)
    }

    /// The key's speakers as the index holds them now.
    fn speakers(&self) -> Vec<Speaker> {
        self.index
            .all()
            .iter()
            .map(|s| (s.id, s.name.clone(), s.forms.clone(), s.is_org))
            .collect()
    }
}

/// Resolves one key's quotes, given in arrival order as `(speaker, speaker_type)`: the local
/// speaker id of each (1, 2, ... in order of creation; `None` for a quote without a corpus
/// speaker) and the key's speakers as the index holds them at the end. The same as one
/// [`SpeakerResolver`] given the quotes in any number of batches.
#[pyfunction]
fn resolve_speakers(
    quotes: Vec<(Option<String>, Option<String>)>,
) -> PyResult<(Vec<Option<u64>>, Vec<Speaker>)> {
    let mut resolver = SpeakerResolver::default();
    let ids = resolver.resolve(quotes)?;
    Ok((ids, resolver.speakers()))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(speaker_key_of, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_speakers, m)?)?;
    m.add_class::<SpeakerResolver>()?;
    Ok(())
}
