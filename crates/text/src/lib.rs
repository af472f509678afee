//! Text-level building blocks for quotetrace: paragraphs, sentences, word tokens, quotation
//! marks and boilerplate.
//!
//! Everything here is a pure function of one document's text and works on UTF-8 byte offsets
//! into that text, so that later stages can report offsets without re-mapping. This crate
//! knows nothing about speakers or attribution; that is `quotetrace-quotes`.

pub mod boilerplate;
pub mod marks;
pub mod segment;

pub use boilerplate::{find_boilerplate, BoilerplateParagraph};
pub use marks::{find_quotations, Quotation};
pub use segment::{paragraphs, sentences, tokens, Token};
