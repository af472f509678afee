//! Quotation extraction: spans, attribution cues, kinds and in-document speakers.
//!
//! [`extract`] is a pure function of one document's text. It finds quotations (through
//! `quotetrace-text`), decides for each who said it and how (the cue and the mention the
//! attribution rests on), finds reported speech without quotation marks and pull quotes, and
//! resolves every speaker mention to the canonical name the document establishes. It is not
//! for cross-document work (that is the corpus stage) nor for reading files.
//!
//! [`extract`] and [`extract_with`] take an article's text; [`extract_page`] a whole page as a
//! scraper or an export left it, whose article the block classifier of `quotetrace-text`
//! finds. Both read Markdown as prose (see `input.rs`): offsets index the text as given.

mod attribution;
mod input;
pub mod lexicon;
mod lower;
pub mod scorer;
pub mod speakers;

pub use attribution::{Explanation, Extraction};
/// Training export of the reported-speech classifier (train/reported_speech.py).
#[cfg(feature = "training")]
pub mod reported_training {
    pub use crate::attribution::{set_collect_only, take_cases, ReportedCase};
}
pub use input::{extract, extract_page, extract_with};
