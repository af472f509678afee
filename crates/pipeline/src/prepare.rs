//! The clean stage between sources and extraction: HTML pages become article text with their
//! metadata; plain text keeps its bytes (so that offsets index the file, as the contract
//! says) and has its boilerplate paragraphs marked.

use quotetrace_link::ParagraphCensus;
use quotetrace_model::Document;

/// A document ready for extraction.
pub struct Prepared {
    /// The document; `text` is what extraction works on and what offsets refer to.
    pub doc: Document,
    /// Blocks the HTML cleaner removed, with the reason (empty for plain text).
    pub removed: Vec<(String, &'static str)>,
    /// Whether `doc.text` was made by the cleaner (then it is final: boilerplate removed),
    /// rather than read as it is (then text-level boilerplate is only marked).
    pub cleaned: bool,
}

/// Cleans one document.
pub fn prepare(mut doc: Document) -> Prepared {
    let Some(html) = doc.html.take() else {
        return Prepared {
            doc,
            removed: Vec::new(),
            cleaned: false,
        };
    };
    let article = quotetrace_html::extract(&html, doc.charset.as_deref());
    let mut removed = article.boilerplate;
    // Text-level rules finish the job (captions and appeals the page structure did not give
    // away), so that the text `clean` prints is exactly the text `extract` indexes.
    let paragraphs = quotetrace_text::paragraphs(&article.text);
    let marked = quotetrace_text::find_boilerplate(&article.text, &paragraphs);
    let mut kept: Vec<&str> = Vec::with_capacity(paragraphs.len());
    for p in &paragraphs {
        let text = &article.text[p.clone()];
        match marked.iter().find(|b| b.range == *p) {
            Some(b) => removed.push((text.to_string(), b.why)),
            None => kept.push(text),
        }
    }
    doc.text = kept.join("\n\n");
    // Metadata a record carried explicitly wins over what the page says.
    doc.meta.title = doc.meta.title.or(article.meta.title);
    doc.meta.author = doc.meta.author.or(article.meta.author);
    doc.meta.published = doc.meta.published.or(article.meta.published);
    doc.meta.url = doc.meta.url.or(article.meta.url);
    // A page that names no outlet is known by its domain.
    doc.meta.outlet = doc
        .meta
        .outlet
        .or(article.meta.outlet)
        .or_else(|| doc.meta.url.as_deref().and_then(quotetrace_html::host_of));
    doc.warnings.extend(article.warnings);
    if doc.text.trim().is_empty() {
        doc.warnings
            .push("no article text found in the page".into());
    }
    Prepared {
        doc,
        removed,
        cleaned: true,
    }
}

/// A test for paragraphs that recur across the document's outlet, from the census of
/// `--corpus-boilerplate`; without a census nothing recurs (and no outlet key is built).
pub fn recurring<'a>(
    doc: &Document,
    census: Option<&'a ParagraphCensus>,
) -> impl Fn(&str) -> bool + 'a {
    let found = census.map(|c| {
        (
            c,
            quotetrace_link::outlet_key(
                doc.meta.outlet.as_deref(),
                doc.meta.url.as_deref(),
                &doc.id,
            ),
        )
    });
    move |p: &str| {
        found
            .as_ref()
            .is_some_and(|(c, outlet)| c.is_recurring(outlet, p))
    }
}

/// A document cleaned and its quotes extracted, as `extract` and `ingest` both do it: a
/// cleaned page (HTML) by the article rules; a raw text (a text or Markdown file, a JSONL
/// record without HTML), which may be a whole page as a scraper left it, through the block
/// classifier, with its title read as a text's ([`text_title`]). `census` is the outlets'
/// recurring paragraphs of `--corpus-boilerplate`, if any.
pub fn extract_document(
    doc: Document,
    census: Option<&ParagraphCensus>,
) -> (Document, quotetrace_quotes::Extraction) {
    let (doc, ex, _) = extract_document_with_language(doc, census);
    (doc, ex)
}

/// [`extract_document`], with the language it guessed for the document's final text (what
/// [`language`] gives for it), so that a caller that reports the language does not guess it a
/// second time.
pub fn extract_document_with_language(
    doc: Document,
    census: Option<&ParagraphCensus>,
) -> (
    Document,
    quotetrace_quotes::Extraction,
    Option<&'static str>,
) {
    let prepared = prepare(doc);
    let mut doc = prepared.doc;
    if !prepared.cleaned {
        doc.meta.title = text_title(&doc);
    }
    // The rules are English: another language's text would yield "speakers" such as a
    // sentence's first word. Unknown (too short to tell) is read as English.
    let lang = quotetrace_text::guess_language(&doc.text);
    if !quotetrace_text::is_english_or_unknown(lang) {
        doc.warnings.push(format!(
            "the text is in another language ({}): quotes are extracted from English only",
            lang.unwrap_or_default()
        ));
        return (doc, quotetrace_quotes::Extraction::default(), lang);
    }
    let recurring = recurring(&doc, census);
    let ex = if prepared.cleaned {
        quotetrace_quotes::extract_with(&doc.text, &recurring)
    } else {
        quotetrace_quotes::extract_page(&doc.text, &recurring)
    };
    (doc, ex, lang)
}

/// The title of a raw text (a text or Markdown file, a JSONL record without HTML): the one
/// its record gave, else the page's first level-1 heading (`# …`), else a title-like first
/// line that is not a link. A title the reader took from the first line counts as not given,
/// so that a navigation line ("Skip to content") never becomes the title of a scraped page,
/// and a `.md` file and the same text in a JSONL record get the same title.
pub fn text_title(doc: &Document) -> Option<String> {
    let text = doc.text.as_str();
    let derived = |t: &str| {
        [true, false]
            .iter()
            .any(|&md| quotetrace_ingest::find_title(text, md).as_deref() == Some(t))
    };
    if let Some(t) = doc.meta.title.as_deref().filter(|t| !derived(t)) {
        return Some(t.to_string());
    }
    let markup = quotetrace_text::markdown::scan(text);
    let shown =
        |r: std::ops::Range<usize>| quotetrace_text::markdown::render(text, r, &markup.syntax);
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let t = line.trim_start();
        if let Some(h) = t.strip_prefix("# ") {
            let lead = line.len() - t.len();
            let title = shown(start + lead + 2..start + lead + 2 + h.trim_end().len());
            if !title.is_empty() {
                return Some(title);
            }
        }
    }
    let first = quotetrace_ingest::find_title(text, false)?;
    let at = text.find(first.as_str())?;
    let shown_first = shown(at..at + first.len());
    let linked: usize = markup
        .links
        .iter()
        .filter(|l| l.anchor.start >= at && l.anchor.end <= at + first.len())
        .map(|l| l.anchor.len())
        .sum();
    (!shown_first.is_empty() && linked * 2 < shown_first.len()).then_some(shown_first)
}

/// The language of a prepared document's text, guessed from the text (`clean` reports it).
pub fn language(text: &str) -> Option<String> {
    quotetrace_text::guess_language(text).map(str::to_string)
}
