//! The article page: its text in pages of about 100 KB (a huge article never becomes a huge
//! page), quotes marked where they stand, the quotes of the page and the article's copies.

use super::*;

/// A stretch of an article: plain text, or a quote linking to its page.
pub(crate) struct Segment {
    pub text: String,
    pub quote: Option<String>,
}

/// Cuts a part of a text, which starts at byte `base` of a whole text of `length` bytes, at
/// its quotes' byte spans (in the whole text); a quote that runs over the part's edge is
/// marked up to it. Spans that overlap an earlier one, run past the whole text or do not
/// fall on character boundaries are left unmarked.
pub(crate) fn segments(
    text: &str,
    base: usize,
    length: usize,
    quotes: &[QuoteRow],
) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for q in quotes {
        let (Ok(start), Ok(end)) = (usize::try_from(q.start), usize::try_from(q.end)) else {
            continue;
        };
        if end > length {
            continue;
        }
        let (Some(start), Some(end)) = (
            start.max(base).checked_sub(base),
            end.min(base + text.len()).checked_sub(base),
        ) else {
            continue;
        };
        if start < at || end <= start || end > text.len() {
            continue;
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: text[at..start].to_string(),
                quote: None,
            });
        }
        out.push(Segment {
            text: text[start..end].to_string(),
            quote: Some(format!("/quotes/{}", q.id)),
        });
        at = end;
    }
    if at < text.len() {
        out.push(Segment {
            text: text[at..].to_string(),
            quote: None,
        });
    }
    out
}

#[derive(Template)]
#[template(path = "document.html")]
pub(crate) struct DocumentPage {
    pub(crate) title: String,
    pub(crate) q: String,
    pub(crate) doc: DocumentRow,
    pub(crate) url: Option<String>,
    pub(crate) paragraphs: Vec<Vec<Segment>>,
    pub(crate) quotes: Vec<QuoteView>,
    /// This page of the text, from 1, and how many there are.
    pub(crate) page: usize,
    pub(crate) pages: usize,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    /// Its near-duplicates (the first ones) and how many there are.
    pub(crate) copies: Vec<DocumentRow>,
    pub(crate) copies_total: usize,
}

/// Bytes of article text on one document page, about: a long article is shown in pages,
/// so that a huge one never becomes a huge page. Page `n` (from 0) starts near byte
/// `n * PAGE_TEXT` (see [`page_cut`]), so a page is found without reading what comes
/// before it, and holds at most `PAGE_TEXT * 5 / 4` bytes.
pub(crate) const PAGE_TEXT: usize = 100_000;

/// How many pages a text of `len` bytes fills.
pub(crate) fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size).max(1)
}

/// Where the page that starts near byte `at` begins: just after the last paragraph break in
/// the quarter page before `at`, else after the last line break or space there, else at the
/// character boundary at or before `at`.
pub(crate) fn page_cut(text: &str, at: usize, size: usize) -> usize {
    if at == 0 || at >= text.len() {
        return at.min(text.len());
    }
    let at = api::floor_boundary(text, at);
    let from = api::floor_boundary(text, at.saturating_sub(size / 4));
    let window = &text[from..at];
    window
        .rfind("\n\n")
        .map(|i| i + 2)
        .or_else(|| window.rfind('\n').map(|i| i + 1))
        .or_else(|| window.rfind(' ').map(|i| i + 1))
        .map_or(at, |i| from + i)
}

/// Page `page` (from 1) of a text as a byte range, with the number of pages; None past the
/// last page.
pub(crate) fn page_range(text: &str, page: usize, size: usize) -> Option<(usize, usize, usize)> {
    let pages = page_count(text.len(), size);
    if page == 0 || page > pages {
        return None;
    }
    let start = page_cut(text, (page - 1) * size, size);
    let end = page_cut(text, page.saturating_mul(size), size);
    Some((start, end, pages))
}

/// One page of a document's text.
pub(crate) struct TextPage {
    /// Where the page starts in the whole text, in bytes.
    pub(crate) start: usize,
    pub(crate) text: String,
    /// The whole text's length in bytes.
    pub(crate) length: usize,
    pub(crate) pages: usize,
}

#[derive(Deserialize)]
pub(crate) struct DocumentPageQuery {
    pub(crate) page: Option<usize>,
}

pub(crate) fn document_href(id: i64, page: usize) -> String {
    if page <= 1 {
        format!("/documents/{id}")
    } else {
        format!("/documents/{id}?page={page}")
    }
}

/// Splits segments at blank lines into paragraphs.
pub(crate) fn paragraphs(segments: Vec<Segment>) -> Vec<Vec<Segment>> {
    let mut out: Vec<Vec<Segment>> = vec![Vec::new()];
    for s in segments {
        if s.quote.is_some() {
            out.last_mut().expect("never empty").push(s);
            continue;
        }
        let mut pieces = s.text.split("\n\n").peekable();
        while let Some(p) = pieces.next() {
            if !p.trim().is_empty() {
                out.last_mut().expect("never empty").push(Segment {
                    text: p.to_string(),
                    quote: None,
                });
            }
            if pieces.peek().is_some() && !out.last().is_some_and(|l| l.is_empty()) {
                out.push(Vec::new());
            }
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

pub(crate) async fn document(
    State(app): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<DocumentPageQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    let Path(id) = id?;
    let Query(q) = q?;
    let page = q.page.unwrap_or(1);
    let (document, cut, quotes) = api::load_document(&app, id, move |text| {
        let Some((start, end, pages)) = page_range(text, page, PAGE_TEXT) else {
            return Err(page_count(text.len(), PAGE_TEXT));
        };
        Ok(TextPage {
            start,
            text: text[start..end].to_string(),
            length: text.len(),
            pages,
        })
    })
    .await?;
    let cut = cut.map_err(|pages| {
        ApiError::not_found(format!(
            "This article has {}: there is no page {page}.",
            if pages == 1 {
                "one page".to_string()
            } else {
                format!("{pages} pages")
            }
        ))
    })?;
    let copies = app
        .0
        .pool
        .read(move |s| s.copies_of(id, api::GROUP_COPIES + 1))
        .await?;
    let end = cut.start + cut.text.len();
    // On a page of a long article, the quotes on that page.
    let listed: Vec<QuoteView> = quotes
        .iter()
        .filter(|q| {
            cut.pages == 1
                || (usize::try_from(q.start).is_ok_and(|s| s < end)
                    && usize::try_from(q.end).is_ok_and(|e| e > cut.start))
        })
        .map(quote_view)
        .collect();
    Ok(render(&DocumentPage {
        title: document
            .meta
            .title
            .clone()
            .unwrap_or_else(|| document.doc.clone()),
        q: String::new(),
        url: document
            .meta
            .url
            .clone()
            .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        paragraphs: paragraphs(segments(&cut.text, cut.start, cut.length, &quotes)),
        quotes: listed,
        page,
        pages: cut.pages,
        prev: (page > 1).then(|| document_href(id, page - 1)),
        next: (page < cut.pages).then(|| document_href(id, page + 1)),
        doc: document,
        copies_total: copies.len(),
        copies: copies.into_iter().take(api::GROUP_COPIES).collect(),
    }))
}
