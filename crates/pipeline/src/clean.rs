//! The `clean` stage as a function: a document's main text and metadata, with what was
//! removed and why. `quotetrace clean` prints it; the Python package's `clean` returns it.

use quotetrace_link::ParagraphCensus;
use quotetrace_model::Document;

use crate::prepare::{language, prepare, recurring, text_title};

/// A document cleaned: its metadata in `doc` (`doc.text` is what extraction indexes), the
/// article body, and the stretches judged not to be the article.
pub struct Cleaned {
    /// The document with its metadata (title, author, date, outlet, URL, warnings), and in
    /// `doc.meta.lang` the language of `text` when it can be told.
    pub doc: Document,
    /// The article body, boilerplate removed, paragraphs separated by blank lines; a raw
    /// text's blocks without their Markdown syntax.
    pub text: String,
    /// What was removed, with the reason, in document order per stage.
    pub boilerplate: Vec<(String, &'static str)>,
}

/// Cleans one document: a page (HTML) by the article rules, a raw text (a text or Markdown
/// file, a record without HTML) through the block classifier, with its title read as a
/// text's. `census` is the outlets' recurring paragraphs of `--corpus-boilerplate`, if any.
pub fn clean_document(doc: Document, census: Option<&ParagraphCensus>) -> Cleaned {
    let prepared = prepare(doc);
    let cleaned = prepared.cleaned;
    let mut doc = prepared.doc;
    let mut boilerplate = prepared.removed;
    let recurring = recurring(&doc, census);
    let paragraphs = quotetrace_text::paragraphs(&doc.text);
    let mut kept: Vec<String> = Vec::with_capacity(paragraphs.len());
    if cleaned {
        // Cleaned HTML had its text-level boilerplate removed already (in `prepare`).
        for p in &paragraphs {
            let text = &doc.text[p.clone()];
            if recurring(text) {
                boilerplate.push((text.to_string(), "recurring in outlet"));
            } else {
                kept.push(text.to_string());
            }
        }
    } else {
        // A raw text: the block classifier decides, and the kept blocks are given without
        // their Markdown syntax.
        doc.meta.title = text_title(&doc);
        let markup = quotetrace_text::markdown::scan(&doc.text);
        let view = quotetrace_text::markdown::blank(&doc.text, &markup.syntax);
        let verdicts =
            quotetrace_text::blocks::classify_with(&doc.text, &markup, &view, &paragraphs);
        for (p, v) in paragraphs.iter().zip(&verdicts) {
            let raw = &doc.text[p.clone()];
            if v.boilerplate {
                boilerplate.push((raw.to_string(), v.why));
                continue;
            }
            if recurring(raw) {
                boilerplate.push((raw.to_string(), "recurring in outlet"));
                continue;
            }
            let shown = quotetrace_text::markdown::render(&doc.text, p.clone(), &markup.syntax);
            // The headline is metadata, not body.
            if kept.is_empty() && doc.meta.title.as_deref() == Some(shown.as_str()) {
                continue;
            }
            if !shown.is_empty() {
                kept.push(shown);
            }
        }
    }
    let text = kept.join("\n\n");
    doc.meta.lang = language(&text);
    Cleaned {
        doc,
        text,
        boilerplate,
    }
}
