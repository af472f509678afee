//! Keys the store computes and saves: document content hashes, quote word keys, variant
//! signatures and their LSH buckets, full-text queries.

use super::*;
use quotetrace_model::SpeakerType;

/// The name a quote's corpus speaker is resolved from (its `speaker` and `speaker_type`), and
/// whether extraction said it is a
/// person (`Some(true)`), a body (`Some(false)`) or did not say; `None` when the quote gets no
/// corpus speaker. A description ("police", "a spokesman", "the company") says who spoke in
/// its article only: it never becomes a corpus speaker, so that the police of ten unrelated
/// stories are not one speaker; nor does a "name" not shaped like one (a clause fragment, a
/// sentence opener). The quote keeps either as its speaker text.
pub fn corpus_speaker(
    speaker: Option<&str>,
    speaker_type: Option<SpeakerType>,
) -> Option<(&str, Option<bool>)> {
    let person = match speaker_type {
        Some(SpeakerType::Person) => Some(true),
        Some(SpeakerType::Organization) => Some(false),
        Some(SpeakerType::Description) => return None,
        None => None,
    };
    speaker
        .filter(|name| quotetrace_link::names::is_speaker_name(name))
        .map(|name| (name, person))
}

/// The signature a quote's variant group is found by: of its word pairs, for quotes long
/// enough to link.
pub(crate) fn variant_signature(words: &[String]) -> Option<Signature> {
    if words.len() < variants::MIN_WORDS {
        return None;
    }
    minhash::signature(words, QUOTE_SHINGLE)
}

/// The LSH bucket keys of a quote signature.
pub(crate) fn variant_buckets(sig: &Signature) -> impl Iterator<Item = u64> {
    minhash::bands(sig).into_iter().take(QUOTE_BANDS)
}

/// The key that makes ingest idempotent: of a document's name and text (see
/// [`NewDocument::new`]). FNV-1a ([`quotetrace_link::hash`]), stable across Rust releases.
pub(crate) fn document_hash(name: &str, text: &str) -> i64 {
    content_hash(&format!("{name}\u{0}{}", text.trim()))
}

fn content_hash(text: &str) -> i64 {
    quotetrace_link::hash::hash(text.trim().as_bytes()) as i64
}

/// Words for a full-text query: every word must occur (FTS5 syntax characters are dropped).
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(32)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A full-text query for the `n` longest distinct words of `text` (long words are the rare
/// ones): a cheap way to find the quotes that hold a pasted fragment, to be checked word for
/// word after. (A phrase query reads the positions of every word, common ones included, and
/// costs ten times more on a large store.)
pub fn fts_rare_words(text: &str, n: usize) -> Option<String> {
    let mut words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    words.truncate(n);
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// A row id as the in-memory buckets hold it.
pub(crate) fn short_id(id: i64) -> Result<u32> {
    u32::try_from(id)
        .map_err(|_| StoreError::Other(format!("row id {id} is past what the store indexes")))
}

/// A key for a quote's normalised words: quotes repeated word for word share it.
pub(crate) fn words_key(words: &[String]) -> i64 {
    quotetrace_link::hash::hash_items(words) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stored keys depend on these values: a change breaks every store written before it
    /// (ingest would store every article again), so it needs a schema migration.
    #[test]
    fn stored_keys_are_pinned() {
        assert_eq!(
            document_hash("wire-1", "  The text.\n"),
            quotetrace_link::hash::hash(b"wire-1\0The text.") as i64
        );
        assert_eq!(
            document_hash("wire-1", "The text."),
            -842_664_041_940_153_982
        );
        let words: Vec<String> = ["we", "will", "not", "retreat"].map(String::from).to_vec();
        assert_eq!(words_key(&words), -6_721_171_478_934_680_115);
    }
}
