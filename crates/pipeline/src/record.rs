//! One document's contract record, as `quotetrace extract` prints it, for every front end
//! (the command, the Python package, a Spark executor), and the one panic policy of
//! per-document work that `extract`, `ingest` and the Python package share.

use quotetrace_link::ParagraphCensus;
use quotetrace_model::{DocMeta, Document, ExtractRecord};
use quotetrace_quotes::Explanation;

use crate::prepare::extract_document_with_language;

/// What a document whose processing panicked is reported with: its error line says it, and
/// the run goes on with the next document.
pub const INTERNAL_ERROR: &str = "internal error while processing (please report this document)";

/// Runs one document's work. Cleaning and extraction are meant never to panic (they are
/// property-tested); should a bug slip through, the panic becomes [`INTERNAL_ERROR`] for that
/// document instead of ending the run.
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, &'static str> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|_| INTERNAL_ERROR)
}

/// A document extracted: its contract record, the cleaned text the record's offsets refer
/// to, and why each quote has its speaker (one explanation per quote, in order).
pub struct Extracted {
    pub record: ExtractRecord,
    pub text: String,
    pub explanations: Vec<Explanation>,
}

/// Cleans and extracts one document into its contract record (`census`: the outlets'
/// recurring paragraphs, when known).
pub fn extract_record(doc: Document, census: Option<&ParagraphCensus>) -> Extracted {
    let (doc, ex, lang) = extract_document_with_language(doc, census);
    let mut warnings = doc.warnings;
    warnings.extend(ex.warnings);
    let record = ExtractRecord {
        doc: doc.id,
        // The language is the one the text was read in, not what the source declared.
        meta: DocMeta {
            lang: lang.map(str::to_string),
            ..doc.meta
        },
        quotes: Some(ex.quotes),
        boilerplate: Some(ex.boilerplate),
        warnings,
        error: None,
    };
    Extracted {
        record,
        text: doc.text,
        explanations: ex.explanations,
    }
}
