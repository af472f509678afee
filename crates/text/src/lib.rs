//! Text-level building blocks for quotetrace: paragraphs, sentences, word tokens, quotation
//! marks, Markdown syntax, and boilerplate (exact rules for an article's text, a learned block
//! classifier for a whole page as a scraper left it).
//!
//! Everything here is a pure function of one document's text and works on UTF-8 byte offsets
//! into that text, so that later stages can report offsets without re-mapping. This crate
//! knows nothing about speakers or attribution; that is `quotetrace-quotes`.

pub mod blocks;
pub mod boilerplate;
pub mod language;
pub mod markdown;
pub mod marks;
pub mod segment;

pub use boilerplate::{find_boilerplate, find_page_boilerplate, BoilerplateParagraph};
pub use language::{guess_language, is_english_or_unknown};
pub use marks::{find_quotations, Quotation};
pub use segment::{paragraphs, sentences, tokens, Token};
