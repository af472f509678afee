//! Cross-document work on compact per-document keys.
//!
//! For now: paragraph fingerprints and the [`ParagraphCensus`], which finds paragraphs that
//! recur across many articles of the same outlet (a donation appeal, a newsletter box, a
//! standing disclaimer) so they can be treated as boilerplate even when no text rule names
//! them. Incremental story clustering lives in [`stories`] ([`StoryClusterer`]).
//! Near-duplicates and quote variants will join this crate.

pub mod stories;

pub use stories::{Assignment, StoryClusterer, StoryConfig, StoryDoc};

pub mod days;
pub mod embed;
pub mod hash;
pub mod meaning;
pub mod minhash;
pub mod names;
pub mod speakers;
pub mod variants;

use std::collections::HashMap;

/// Paragraphs shorter than this (in letters and digits) are not fingerprinted: "Once",
/// "Share" and datelines recur by nature and are the text rules' business.
const MIN_CHARS: usize = 30;

/// A fingerprint of a paragraph that ignores case, punctuation and white space, so that the
/// same appeal typeset slightly differently still matches.
pub fn fingerprint(paragraph: &str) -> Option<u64> {
    let mut h = hash::Fnv1a::new();
    let mut n = 0usize;
    let mut buf = [0u8; 4];
    for c in paragraph.chars().filter(|c| c.is_alphanumeric()) {
        for l in c.to_lowercase() {
            h.bytes(l.encode_utf8(&mut buf).as_bytes());
        }
        n += 1;
    }
    (n >= MIN_CHARS).then(|| h.finish())
}

fn key(outlet: &str) -> u64 {
    hash::hash(outlet.to_lowercase().as_bytes())
}

/// Counts, per outlet, in how many documents each paragraph fingerprint occurs.
#[derive(Debug, Default)]
pub struct ParagraphCensus {
    documents: HashMap<u64, u32>,
    /// (outlet, fingerprint) → documents that contain it.
    paragraphs: HashMap<(u64, u64), u32>,
}

impl ParagraphCensus {
    /// A paragraph counts as boilerplate once this many documents of one outlet carry it...
    pub const MIN_DOCUMENTS: u32 = 3;

    /// Records one document of `outlet` with its paragraphs.
    pub fn add<'a>(&mut self, outlet: &str, paragraphs: impl IntoIterator<Item = &'a str>) {
        let o = key(outlet);
        *self.documents.entry(o).or_default() += 1;
        let mut seen: Vec<u64> = paragraphs.into_iter().filter_map(fingerprint).collect();
        seen.sort_unstable();
        seen.dedup();
        for f in seen {
            *self.paragraphs.entry((o, f)).or_default() += 1;
        }
    }

    /// Whether `paragraph` recurs across the documents of `outlet`: in at least
    /// [`Self::MIN_DOCUMENTS`] of them and in at least 1% of them.
    pub fn is_recurring(&self, outlet: &str, paragraph: &str) -> bool {
        let Some(f) = fingerprint(paragraph) else {
            return false;
        };
        let o = key(outlet);
        let count = self.paragraphs.get(&(o, f)).copied().unwrap_or(0);
        let docs = self.documents.get(&o).copied().unwrap_or(0);
        count >= Self::MIN_DOCUMENTS && count * 100 >= docs
    }

    /// Number of documents recorded.
    pub fn documents(&self) -> u32 {
        self.documents.values().sum()
    }
}

/// The outlet a document belongs to for corpus statistics: its declared outlet, else the host
/// of its URL, else the folder it was read from.
pub fn outlet_key(outlet: Option<&str>, url: Option<&str>, path: &str) -> String {
    if let Some(o) = outlet.filter(|o| !o.trim().is_empty()) {
        return o.trim().to_string();
    }
    if let Some(host) = url
        .and_then(|u| u.split("://").nth(1))
        .and_then(|r| r.split(['/', '?', '#']).next())
    {
        return host.trim_start_matches("www.").to_string();
    }
    match path.rsplit_once('/') {
        Some((dir, _)) => dir.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APPEAL: &str =
        "Support independent journalism: our reporters stay in the chamber for you.";

    #[test]
    fn recurring_paragraphs_of_one_outlet() {
        let mut c = ParagraphCensus::default();
        for i in 0..20 {
            let news =
                format!("The council voted on item {i} after a long debate on Tuesday night.");
            c.add("Ledger", [news.as_str(), APPEAL]);
        }
        c.add("Other Daily", [APPEAL]);
        assert!(c.is_recurring("Ledger", APPEAL));
        assert!(c.is_recurring(
            "ledger",
            "SUPPORT independent journalism — our reporters stay in the chamber for you!"
        ));
        assert!(!c.is_recurring(
            "Ledger",
            "The council voted on item 3 after a long debate on Tuesday night."
        ));
        // Seen once at another outlet: not boilerplate there.
        assert!(!c.is_recurring("Other Daily", APPEAL));
        assert!(!c.is_recurring("Ledger", "Once"));
    }

    #[test]
    fn outlet_keys() {
        assert_eq!(
            outlet_key(Some("The Ledger"), None, "a/b.txt"),
            "The Ledger"
        );
        assert_eq!(
            outlet_key(None, Some("https://www.ledger.example/x?y"), "a/b.txt"),
            "ledger.example"
        );
        assert_eq!(
            outlet_key(None, None, "corpus/ledger/b.txt"),
            "corpus/ledger"
        );
    }
}
