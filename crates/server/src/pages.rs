//! Server-rendered pages for people: search, speakers, quotes (provenance and spread),
//! stories and articles. Plain HTML and one style sheet: no script, no build step; every
//! value goes through askama's HTML escaping, so article text can never become markup.

use askama::Template;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use quotetrace_link::variants::{self, Edit};
use quotetrace_store::{
    Counts, DocumentRow, QuoteRow, SpeakerRow, Store, StoreError, StorySummary,
};
use serde::Deserialize;

use crate::api::{self, Page, QuotesQuery, SearchQuery, MAX_TRACE_TEXT};
use crate::timeline::{self, Event, Timeline};
use crate::{ApiError, AppState};
mod document_page;
mod quote_page;

use document_page::*;
use quote_page::*;

const STYLE: &str = include_str!("../static/style.css");

/// Outlet lanes drawn on a timeline before the rest share one.
const LANES: usize = 12;
/// Appearances listed on a quote page (the count and the outlets cover them all).
const PAGE_APPEARANCES: usize = 200;
/// Quotes shown on a speaker page.
const SPEAKER_QUOTES: usize = 100;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/search", get(search))
        .route("/trace", get(trace))
        .route("/speakers", get(speakers))
        .route("/speakers/{id}", get(speaker))
        .route("/quotes/{id}", get(quote))
        .route("/stories", get(stories))
        .route("/stories/{id}", get(story))
        .route("/documents/{id}", get(document))
        .route("/static/style.css", get(style))
}

/// An error as a page.
pub(crate) struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl From<QueryRejection> for PageError {
    fn from(e: QueryRejection) -> Self {
        PageError(e.into())
    }
}

impl From<PathRejection> for PageError {
    fn from(e: PathRejection) -> Self {
        PageError(ApiError::not_found(format!(
            "There is no such page ({}).",
            e.body_text()
        )))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(self.0)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    q: String,
    status: u16,
    message: String,
}

pub(crate) fn error_page(e: ApiError) -> Response {
    let page = ErrorPage {
        title: e.status.canonical_reason().unwrap_or("Error").to_string(),
        q: String::new(),
        status: e.status.as_u16(),
        message: e.message,
    };
    (e.status, render(&page)).into_response()
}

fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            eprintln!("quotetrace serve: rendering a page failed: {e}");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "rendering the page failed",
            )
                .into_response()
        }
    }
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// How a quote is shown in lists.
pub(crate) struct QuoteView {
    pub id: i64,
    pub href: String,
    pub text: String,
    pub speaker: Option<(String, String)>,
    pub outlet: String,
    pub date: String,
    pub doc_href: String,
    pub title: String,
    pub kind: String,
}

fn quote_view(q: &QuoteRow) -> QuoteView {
    QuoteView {
        id: q.id,
        href: format!("/quotes/{}", q.id),
        text: q.text.clone(),
        speaker: q
            .speaker
            .clone()
            .zip(q.speaker_id)
            .map(|(name, id)| (name, format!("/speakers/{id}"))),
        outlet: q
            .meta
            .outlet
            .clone()
            .unwrap_or_else(|| "unknown outlet".into()),
        date: date_of(&q.meta.published),
        doc_href: format!("/documents/{}", q.doc_id),
        title: q.meta.title.clone().unwrap_or_else(|| q.doc.clone()),
        kind: q.kind.clone(),
    }
}

fn date_of(published: &Option<String>) -> String {
    published
        .as_deref()
        .map(|p| p.get(..10).unwrap_or(p).to_string())
        .unwrap_or_else(|| "undated".into())
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    title: String,
    q: String,
    counts: Counts,
    speakers: Vec<SpeakerRow>,
    stories: Vec<StorySummary>,
}

/// Speakers and stories listed on the home page.
const HOME_ITEMS: usize = 10;

async fn index(State(app): State<AppState>) -> Result<Response, PageError> {
    let counts = app.counts().await?;
    let (speakers, stories) = app
        .0
        .pool
        .read(|s| Ok((s.speakers(HOME_ITEMS, 0)?, s.latest_stories(HOME_ITEMS)?)))
        .await?;
    Ok(render(&IndexPage {
        title: "quotetrace".into(),
        q: String::new(),
        counts,
        speakers,
        stories,
    }))
}

pub(crate) struct HitView {
    pub kind: &'static str,
    pub href: String,
    /// The snippet in pieces, matched words apart (shown as `<mark>`).
    pub snippet: Vec<Piece>,
    pub title: String,
    pub outlet: String,
    pub speaker: Option<String>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    title: String,
    q: String,
    hits: Vec<HitView>,
    /// Speakers whose name holds the words (first page only).
    speakers: Vec<quotetrace_store::SpeakerRow>,
    prev: Option<String>,
    next: Option<String>,
    traceable: bool,
    /// The words were pasted to be traced and no quote matched them.
    untraced: bool,
}

/// A piece of a snippet: a matched word or the text between.
#[derive(Debug, PartialEq)]
pub(crate) struct Piece {
    pub text: String,
    pub mark: bool,
}

/// The search page's parameters: the API's, and whether a trace found nothing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchPageQuery {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
    untraced: Option<bool>,
}

/// A snippet in pieces, each with whether it is a matched word: `marks` are the matches'
/// byte spans, as the store found them. `bracketed`: the store put `[brackets]` around each
/// match (a document's snippet, for the API); the page marks the match instead and drops
/// them. Brackets of the text's own, such as an editor's insertion in a quote, stay text.
pub(crate) fn snippet_pieces(
    snippet: &str,
    marks: &[(usize, usize)],
    bracketed: bool,
) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |text: &str, mark: bool| {
        if !text.is_empty() {
            pieces.push(Piece {
                text: text.to_string(),
                mark,
            });
        }
    };
    let mut from = 0;
    for &(a, b) in marks {
        let (Some(before), Some(word)) = (snippet.get(from..a), snippet.get(a..b)) else {
            continue;
        };
        let ours = bracketed && before.ends_with('[') && snippet[b..].starts_with(']');
        push(
            if ours {
                &before[..before.len() - 1]
            } else {
                before
            },
            false,
        );
        push(word, true);
        from = if ours { b + 1 } else { b };
    }
    push(&snippet[from..], false);
    pieces
}

fn search_href(q: &str, offset: usize) -> String {
    format!("/search?q={}&offset={offset}", encode(q))
}

/// Percent-encodes a query parameter value.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

async fn search(
    State(app): State<AppState>,
    q: Result<Query<SearchPageQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    let Query(page_q) = q?;
    let untraced = page_q.untraced.unwrap_or(false);
    let mut q = SearchQuery {
        q: page_q.q,
        limit: page_q.limit,
        offset: page_q.offset,
    };
    let text = q.q.clone().unwrap_or_default().trim().to_string();
    if text.is_empty() {
        return Ok(Redirect::to("/").into_response());
    }
    q.limit = Some(q.limit.unwrap_or(20));
    let first_page = q.offset.unwrap_or(0) == 0;
    let page: Page<quotetrace_store::Hit> = api::run_search(&app, q).await?;
    let speakers = if first_page {
        let name = text.clone();
        app.0
            .pool
            .read(move |s| s.speakers_named(Some(&name), SEARCH_SPEAKERS, 0))
            .await?
    } else {
        Vec::new()
    };
    let hits = page
        .items
        .iter()
        .map(|h| HitView {
            kind: h.kind,
            href: if h.kind == "quote" {
                format!("/quotes/{}", h.id)
            } else {
                format!("/documents/{}", h.id)
            },
            snippet: snippet_pieces(&h.snippet, &h.marks, h.kind == "document"),
            title: h.title.clone().unwrap_or_else(|| h.doc.clone()),
            outlet: h.outlet.clone().unwrap_or_else(|| "unknown outlet".into()),
            speaker: h.speaker.clone(),
        })
        .collect();
    Ok(render(&SearchPage {
        title: format!("{text}: search"),
        prev: (page.offset > 0).then(|| search_href(&text, page.offset.saturating_sub(page.limit))),
        next: page.next_offset.map(|o| search_href(&text, o)),
        traceable: !untraced
            && text.split_whitespace().count() >= 3
            && text.len() <= MAX_TRACE_TEXT,
        untraced,
        q: text,
        hits,
        speakers,
    }))
}

#[cfg(test)]
mod snippet_tests {
    use super::snippet_pieces;

    #[test]
    fn matches_are_pieces_and_other_brackets_are_text() {
        let p = |s: &str, marks: &[(usize, usize)]| -> Vec<(String, bool)> {
            snippet_pieces(s, marks, true)
                .into_iter()
                .map(|p| (p.text, p.mark))
                .collect()
        };
        // A document's snippet: the store's brackets around its matches go.
        let s = "…the new [quay] opens";
        let at = s.find("quay").unwrap();
        assert_eq!(
            p(s, &[(at, at + 4)]),
            [
                ("…the new ".into(), false),
                ("quay".into(), true),
                (" opens".into(), false)
            ]
        );
        // A quote's own brackets (an editor's insertion) are text, matched or not.
        let s = "[It] has always been [this way]";
        let at = s.rfind("way").unwrap();
        assert_eq!(
            p(s, &[(at, at + 3)]),
            [
                ("[It] has always been [this ".into(), false),
                ("way".into(), true),
                ("]".into(), false)
            ]
        );
        assert_eq!(p("a [ b ] []", &[]), [("a [ b ] []".into(), false)]);
        assert!(p("", &[]).is_empty());
        // Spans that do not fall on the snippet's characters are ignored.
        assert_eq!(p("héllo", &[(2, 3)]), [("héllo".into(), false)]);
        // A quote hit: no brackets are the store's, so a matched word keeps its own.
        let s = "the [quay] opens";
        let pieces: Vec<(String, bool)> = snippet_pieces(s, &[(5, 9)], false)
            .into_iter()
            .map(|p| (p.text, p.mark))
            .collect();
        assert_eq!(
            pieces,
            [
                ("the [".into(), false),
                ("quay".into(), true),
                ("] opens".into(), false)
            ]
        );
    }
}

/// Speakers listed above the results of a search whose words are in their name.
const SEARCH_SPEAKERS: usize = 5;

#[derive(Deserialize)]
struct TraceQuery {
    text: Option<String>,
}

/// The provenance of a pasted quote: the quote page of the group it belongs to.
async fn trace(
    State(app): State<AppState>,
    q: Result<Query<TraceQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    let Query(q) = q?;
    let text = q.text.unwrap_or_default();
    match api::trace_text(&app, text.clone(), 1).await {
        Ok(trace) => Ok(Redirect::to(&format!("/quotes/{}", trace.cluster)).into_response()),
        // No quote matches: the words are kept and searched instead of a dead end.
        Err(e) if e.status == StatusCode::NOT_FOUND => Ok(Redirect::to(&format!(
            "/search?q={}&untraced=true",
            encode(text.trim())
        ))
        .into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "speakers.html")]
struct SpeakersPage {
    title: String,
    q: String,
    speakers: Vec<SpeakerRow>,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize)]
struct Offset {
    offset: Option<usize>,
}

/// Items on a list page.
const LIST_PAGE: usize = 50;

/// One page of a list (speakers, stories) with the links to the pages before and after.
async fn list_page<T: Send + 'static>(
    app: &AppState,
    offset: Option<usize>,
    path: &str,
    fetch: impl FnOnce(&Store, usize, usize) -> Result<Vec<T>, StoreError> + Send + 'static,
) -> Result<(Vec<T>, Option<String>, Option<String>), PageError> {
    let (limit, offset) = api::paging(Some(LIST_PAGE), offset)?;
    let rows = app
        .0
        .pool
        .read(move |s| fetch(s, limit + 1, offset))
        .await?;
    let page = api::page(rows, limit, offset);
    let prev = (offset > 0).then(|| format!("{path}?offset={}", offset.saturating_sub(limit)));
    let next = page.next_offset.map(|o| format!("{path}?offset={o}"));
    Ok((page.items, prev, next))
}

async fn speakers(
    State(app): State<AppState>,
    q: Result<Query<Offset>, QueryRejection>,
) -> Result<Response, PageError> {
    let Query(q) = q?;
    let (speakers, prev, next) = list_page(&app, q.offset, "/speakers", |s, limit, offset| {
        s.speakers(limit, offset)
    })
    .await?;
    Ok(render(&SpeakersPage {
        title: "Speakers".into(),
        q: String::new(),
        prev,
        next,
        speakers,
    }))
}

#[derive(Template)]
#[template(path = "speaker.html")]
struct SpeakerPage {
    title: String,
    q: String,
    speaker: SpeakerRow,
    outlets: Vec<api::OutletCount>,
    quotes: Vec<QuoteView>,
    timeline: Option<Timeline>,
    more: bool,
}

async fn speaker(
    State(app): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, PageError> {
    let Path(id) = id?;
    let detail = api::load_speaker(&app, id).await?;
    let filter = QuotesQuery {
        speaker_id: Some(id),
        limit: Some(SPEAKER_QUOTES),
        ..Default::default()
    }
    .filter()?;
    let rows = app.0.pool.read(move |s| s.quotes(&filter)).await?;
    let more = rows.len() > SPEAKER_QUOTES;
    let quotes: Vec<QuoteView> = rows.iter().take(SPEAKER_QUOTES).map(quote_view).collect();
    let events: Vec<Event> = quotes
        .iter()
        .map(|q| Event {
            date: (q.date != "undated").then(|| q.date.clone()),
            lane: q.outlet.clone(),
            href: q.href.clone(),
            title: format!("{} — {}: {}", q.date, q.outlet, short(&q.text, 120)),
        })
        .collect();
    Ok(render(&SpeakerPage {
        title: detail.speaker.name.clone(),
        q: String::new(),
        timeline: timeline::layout(&events, LANES, false),
        speaker: detail.speaker,
        outlets: detail.outlet_counts,
        quotes,
        more,
    }))
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

#[derive(Template)]
#[template(path = "stories.html")]
struct StoriesPage {
    title: String,
    q: String,
    stories: Vec<StorySummary>,
    prev: Option<String>,
    next: Option<String>,
}

async fn stories(
    State(app): State<AppState>,
    q: Result<Query<Offset>, QueryRejection>,
) -> Result<Response, PageError> {
    let Query(q) = q?;
    let (stories, prev, next) = list_page(&app, q.offset, "/stories", |s, limit, offset| {
        s.story_summaries(limit, offset)
    })
    .await?;
    Ok(render(&StoriesPage {
        title: "Stories".into(),
        q: String::new(),
        prev,
        next,
        stories,
    }))
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage {
    title: String,
    q: String,
    story: StorySummary,
    documents: Vec<DocumentRow>,
    quotes: Vec<QuoteView>,
    timeline: Option<Timeline>,
}

async fn story(
    State(app): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, PageError> {
    let Path(id) = id?;
    let detail = api::load_story(&app, id).await?;
    let events: Vec<Event> = detail
        .documents
        .iter()
        .map(|d| Event {
            date: d.meta.published.clone(),
            lane: d
                .meta
                .outlet
                .clone()
                .unwrap_or_else(|| "unknown outlet".into()),
            href: format!("/documents/{}", d.id),
            title: d.meta.title.clone().unwrap_or_else(|| d.doc.clone()),
        })
        .collect();
    Ok(render(&StoryPage {
        title: detail
            .story
            .title
            .clone()
            .unwrap_or_else(|| format!("Story {id}")),
        q: String::new(),
        timeline: timeline::layout(&events, LANES, false),
        quotes: detail.quotes.iter().map(quote_view).collect(),
        story: detail.story,
        documents: detail.documents,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_parts_group_runs() {
        let p = diff_parts("we will not give up", "we will never give up now");
        let kinds: Vec<&str> = p.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, ["same", "removed", "added", "same", "added"]);
        assert_eq!(p[0].text, "we will");
    }

    #[test]
    fn pages_end_at_paragraphs_and_cover_the_text() {
        let pages_of = |text: &str, size: usize| -> Vec<(usize, usize)> {
            let n = page_count(text.len(), size);
            assert_eq!(page_range(text, n + 1, size), None);
            assert_eq!(page_range(text, 0, size), None);
            (1..=n)
                .map(|p| {
                    let (start, end, pages) = page_range(text, p, size).unwrap();
                    assert_eq!(pages, n);
                    (start, end)
                })
                .collect()
        };
        let para = "word ".repeat(30) + "\n\n";
        let text = para.repeat(100);
        let pages = pages_of(&text, 1000);
        assert_eq!(pages.len(), 16);
        let mut at = 0;
        for (i, &(start, end)) in pages.iter().enumerate() {
            assert_eq!(start, at, "page {i} does not follow the one before");
            assert!(
                end > start && end - start <= 1250,
                "page {i}: {start}..{end}"
            );
            assert!(
                start == 0 || text[..start].ends_with("\n\n"),
                "page {i} starts mid-paragraph"
            );
            at = end;
        }
        assert_eq!(at, text.len());
        // No break at all: cut at a character boundary, never inside one.
        let text = "é".repeat(2000);
        let pages = pages_of(&text, 1001);
        assert_eq!(pages.len(), 4);
        assert!(pages
            .iter()
            .all(|&(s, e)| text.is_char_boundary(s) && text.is_char_boundary(e)));
        assert_eq!(pages.last().unwrap().1, text.len());
        assert_eq!(pages_of("short", 1000), [(0, 5)]);
        assert_eq!(pages_of("", 1000), [(0, 0)]);
    }

    #[test]
    fn quotes_are_marked_within_a_page() {
        let quote = |id: i64, start: i64, end: i64| QuoteRow {
            id,
            text: String::new(),
            kind: "direct".into(),
            speaker: None,
            speaker_id: None,
            cue: None,
            confidence: 1.0,
            cluster: id,
            doc: "d".into(),
            doc_id: 1,
            meta: quotetrace_model::DocMeta {
                title: None,
                outlet: None,
                published: None,
                url: None,
                ..Default::default()
            },
            start,
            end,
            variant_confidence: 1.0,
            speaker_mention: None,
            verbatim: None,
            variant_kind: None,
        };
        // The whole text is "aaaa\"bb|cc\"dddd|eeee" (| marks the page edges at 7 and 12).
        let quotes = [quote(1, 4, 10), quote(2, 20, 30), quote(3, 8, 9)];
        let marked = |s: &[Segment]| -> Vec<(String, Option<String>)> {
            s.iter()
                .map(|s| (s.text.clone(), s.quote.clone()))
                .collect()
        };
        let page = segments("cc\"dd", 7, 16, &quotes);
        assert_eq!(
            marked(&page),
            [
                ("cc\"".to_string(), Some("/quotes/1".to_string())),
                ("dd".to_string(), None)
            ],
            "the quote from the page before is marked up to its end; one overlapping it is not"
        );
        assert_eq!(marked(&segments("ee", 12, 16, &quotes)).len(), 1);
    }

    #[test]
    fn encode_query() {
        assert_eq!(encode("a b&c=d/é"), "a+b%26c%3Dd%2F%C3%A9");
    }
}
