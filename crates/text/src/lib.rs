//! Text-level building blocks for quotetrace: paragraphs, sentences, word tokens, quotation
//! marks, Markdown syntax, and boilerplate (exact rules for an article's text, a learned block
//! classifier for a whole page as a scraper left it).
//!
//! Everything here is a pure function of one document's text and works on UTF-8 byte offsets
//! into that text, so that later stages can report offsets without re-mapping. This crate
//! knows nothing about speakers or attribution; that is `quotetrace-quotes`.

pub mod blocks;
pub mod boilerplate;
pub mod markdown;
pub mod marks;
pub mod segment;

pub use boilerplate::{find_boilerplate, find_page_boilerplate, BoilerplateParagraph};
pub use marks::{find_quotations, Quotation};
pub use segment::{paragraphs, sentences, tokens, Token};

/// A cheap language guess: `Some("en")` when common English function words make up a good
/// share of the words, `None` otherwise (unknown, not "not English").
pub fn guess_language(text: &str) -> Option<&'static str> {
    const EN: &[&str] = &[
        "the", "and", "of", "to", "a", "in", "that", "is", "was", "he", "she", "for", "it", "with",
        "said", "on", "as", "his", "her", "by",
    ];
    let mut total = 0usize;
    let mut hits = 0usize;
    for w in text.split_whitespace().take(2000) {
        total += 1;
        let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        if EN.contains(&w.as_str()) {
            hits += 1;
        }
    }
    (total >= 8 && hits * 100 >= total * 12).then_some("en")
}
