//! HTML pages to article text and metadata.
//!
//! [`extract`] takes the raw bytes of a page (and the charset an HTTP header declared, if
//! any) and returns the main article text — paragraphs separated by blank lines, boilerplate
//! removed — with its metadata (title, author, publication date, outlet, language, canonical
//! URL) and the blocks that were judged boilerplate, each with a reason.
//!
//! The pipeline, one module per step, every step linear in the page size and free of
//! recursion (a page of 100,000 nested elements is fine):
//!
//! 1. `charset`: BOM, the declared charset, `<meta charset>` in the first 2 KB, else
//!    UTF-8, with the legacy encoding the bytes look like (Windows-1252, Windows-1251, KOI8-R,
//!    ... as Firefox guesses it) for bytes that are not UTF-8 (with a warning).
//! 2. `dom`: a forgiving HTML parser into a flat pre-order node array (raw-text elements,
//!    implied end tags, stray end tags ignored), with `entities` for character references.
//! 3. `metadata` (with `jsonld` and `dates`): every candidate the page offers (JSON-LD,
//!    Open Graph, `article:*`, Dublin Core, microdata, `<time>`, bylines, `<title>`, `<h1>`,
//!    canonical link, `<html lang>`), then one choice per field.
//! 4. `main_text` (with `hints`): blocks of text, boilerplate components by name/class/role,
//!    the container with the best prose score, and per-block filters; the JSON-LD
//!    `articleBody` replaces the result only when it is long and clearly more complete.
//!
//! Nothing here panics on any input, prints, or reads the environment.

mod charset;
mod dates;
mod dom;
mod entities;
mod hints;
mod jsonld;
mod main_text;
mod metadata;
mod text;

pub use metadata::host_of;
use quotetrace_model::DocMeta;

/// A page reduced to its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// The article body: paragraphs (and headings, list items, block quotes) separated by
    /// blank lines.
    pub text: String,
    /// What the page says about itself: title, author, date (ISO 8601, `YYYY-MM-DD`), the
    /// publication's name (`og:site_name`, JSON-LD publisher), language (`<html lang>` or
    /// metadata, lower-case primary subtag: "en"), canonical URL when the page declares one.
    pub meta: DocMeta,
    /// Text blocks removed as boilerplate, with the reason ("navigation", "comments", ...).
    pub boilerplate: Vec<(String, &'static str)>,
    /// Problems met (undecodable bytes, charset fallbacks).
    pub warnings: Vec<String>,
}

/// Extracts the article from a page. `declared_charset` is the charset of an HTTP
/// `Content-Type` header when there was one; otherwise the page's own declaration (BOM,
/// `<meta charset>`) is used, then UTF-8 with a guessed legacy encoding as the fallback.
pub fn extract(html: &[u8], declared_charset: Option<&str>) -> HtmlArticle {
    let mut warnings = Vec::new();
    let decoded = charset::decode(html, declared_charset, &mut warnings);
    let dom = dom::Dom::parse(&decoded.text);
    let (meta, candidates) = metadata::extract(&dom);
    let mut main = main_text::extract(&dom, meta.title.as_deref());
    if let Some(body) = candidates.jsonld.body.as_deref() {
        if let Some(text) = main_text::prefer_json_ld_body(body, &main.text) {
            main.text = text;
        }
    }
    HtmlArticle {
        text: main.text,
        meta,
        boilerplate: main.boilerplate,
        warnings,
    }
}

/// Development aid (used by the `html_explain` example): how the main text was chosen, one
/// line per block with its score and the removal reason, and the chosen container. Not a
/// stable interface.
#[doc(hidden)]
pub fn explain(html: &[u8]) -> String {
    let mut warnings = Vec::new();
    let decoded = charset::decode(html, None, &mut warnings);
    let dom = dom::Dom::parse(&decoded.text);
    main_text::explain(&dom)
}

/// Development aid (used by the `html_meta_debug` example): every metadata candidate of a
/// page, as debug text. Not a stable interface.
#[doc(hidden)]
pub fn metadata_candidates(html: &[u8]) -> String {
    let mut warnings = Vec::new();
    let decoded = charset::decode(html, None, &mut warnings);
    let dom = dom::Dom::parse(&decoded.text);
    format!("{:#?}", metadata::gather(&dom))
}

/// Development aid (used by the `html` benchmark): parses a page into the tree and returns its
/// number of nodes, without choosing the main text. Not a stable interface.
#[doc(hidden)]
pub fn parse_node_count(html: &str) -> usize {
    dom::Dom::parse(html).len()
}
