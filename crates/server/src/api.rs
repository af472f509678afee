//! The JSON API under `/api/`. Every list is paged the same way (`limit`, `offset`, and a
//! `next_offset` that is null on the last page); document, quote and speaker ids are the store's
//! row ids, stable for the life of the store, and a story id is stable once its articles are
//! older than the story clusterer's refinement window (a recent story can still gain or lose
//! articles, or be merged away). What is here must match `openapi.json` (a test checks each
//! path).

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use quotetrace_model::IngestSummary;
use quotetrace_store::{
    Counts, DocumentFilter, DocumentRow, DuplicateGroup, Hit, QuoteFilter, QuoteRow, SpeakerRow,
    StorySummary, Trace,
};
use serde::{Deserialize, Serialize};

use crate::{ApiError, AppState, IngestError};

/// The most items one page holds.
pub const MAX_LIMIT: usize = 200;
/// Items per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 20;
/// The deepest `offset` accepted: deeper pages cost a scan; narrow the query instead.
pub const MAX_OFFSET: usize = 100_000;

const OPENAPI: &str = include_str!("openapi.json");
/// Seconds a client is told to wait before retrying an upload refused because another
/// process is writing the store.
const UPLOAD_RETRY_SECS: u32 = 5;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/api/health", get(health))
        .route("/api/documents", get(documents).post(upload))
        .route("/api/documents/{id}", get(document))
        .route("/api/quotes", get(quotes))
        .route("/api/quotes/{id}", get(quote))
        .route("/api/quotes/{id}/trace", get(quote_trace))
        .route(
            "/api/trace",
            post(trace).layer(DefaultBodyLimit::max(MAX_TRACE_BODY)),
        )
        .route("/api/speakers", get(speakers))
        .route("/api/speakers/{id}", get(speaker))
        .route("/api/stories", get(stories))
        .route("/api/duplicates", get(duplicates))
        .route("/api/stories/{id}", get(story))
        .route("/api/search", get(search))
}

/// One page of a list.
#[derive(Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub limit: usize,
    pub offset: usize,
    /// The `offset` of the next page, or null on the last one.
    pub next_offset: Option<usize>,
}

/// Checks `limit` and `offset` (absent: the defaults).
pub(crate) fn paging(
    limit: Option<usize>,
    offset: Option<usize>,
) -> Result<(usize, usize), ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    let offset = offset.unwrap_or(0);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    if offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset must be at most {MAX_OFFSET}: narrow the query instead"
        )));
    }
    Ok((limit, offset))
}

/// A page from items fetched with `limit + 1` (the extra one tells whether there is more).
pub(crate) fn page<T>(mut items: Vec<T>, limit: usize, offset: usize) -> Page<T> {
    let more = items.len() > limit;
    items.truncate(limit);
    Page {
        items,
        limit,
        offset,
        next_offset: more.then_some(offset + limit),
    }
}

/// A date parameter must be `YYYY-MM-DD`.
pub(crate) fn date(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(v) = value else {
        return Ok(None);
    };
    let v = v.trim().to_string();
    if !quotetrace_store::is_date(&v) {
        return Err(ApiError::bad_request(format!(
            "{name} must be a date written YYYY-MM-DD, not {v:?}"
        )));
    }
    Ok(Some(v))
}

/// A quote kind parameter must be one the store knows.
pub(crate) fn kind(value: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(v) = non_empty(value) else {
        return Ok(None);
    };
    let v = v.to_ascii_lowercase();
    if !quotetrace_store::QUOTE_KINDS.contains(&v.as_str()) {
        return Err(ApiError::bad_request(format!(
            "kind must be one of {}, not {v:?}",
            quotetrace_store::QUOTE_KINDS.join(", ")
        )));
    }
    Ok(Some(v))
}

/// A confidence parameter must lie between 0 and 1.
pub(crate) fn confidence(name: &str, value: Option<f64>) -> Result<Option<f64>, ApiError> {
    match value {
        Some(v) if !(0.0..=1.0).contains(&v) => Err(ApiError::bad_request(format!(
            "{name} must be a number from 0 to 1, not {v}"
        ))),
        v => Ok(v),
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    counts: Counts,
    uploads: bool,
}

async fn health(State(app): State<AppState>) -> Result<Json<Health>, ApiError> {
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        counts: app.counts().await?,
        uploads: app.0.token.is_some() && app.0.ingest.is_some(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsQuery {
    outlet: Option<String>,
    story: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn documents(
    State(app): State<AppState>,
    q: Result<Query<DocumentsQuery>, QueryRejection>,
) -> Result<Json<Page<DocumentRow>>, ApiError> {
    let Query(q) = q?;
    let (limit, offset) = paging(q.limit, q.offset)?;
    let filter = DocumentFilter {
        outlet: non_empty(q.outlet),
        story: q.story,
        limit: limit + 1,
        offset,
    };
    let rows = app.0.pool.read(move |s| s.documents(&filter)).await?;
    Ok(Json(page(rows, limit, offset)))
}

/// A document with its text, or a part of it, and its quotes.
#[derive(Serialize)]
pub(crate) struct DocumentDetail {
    #[serde(flatten)]
    pub document: DocumentRow,
    /// The text from byte `text_offset`, at most [`MAX_TEXT`] bytes of it.
    pub text: String,
    /// Where `text` starts in the whole text, in bytes.
    pub text_offset: usize,
    /// The length of the whole text in bytes.
    pub text_length: usize,
    /// Whether `text` is only a part of the whole text (it starts past the beginning or
    /// stops before the end).
    pub text_truncated: bool,
    /// The `text_offset` of the next part, or null when `text` reaches the end.
    pub next_text_offset: Option<usize>,
    pub quotes: Vec<QuoteRow>,
}

/// Quotes listed with one document at most.
const DOCUMENT_QUOTES: usize = 1000;

/// The most bytes of a document's text one answer holds: a longer text comes in parts,
/// fetched with `text_offset`.
pub const MAX_TEXT: usize = 1_000_000;

/// The largest char boundary of `text` at or before `at`.
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A document, what `cut` makes of its text, and its quotes (in text order). The text is
/// read and cut on the store's blocking thread and dropped there: only the cut comes back.
pub(crate) async fn load_document<T: Send + 'static>(
    app: &AppState,
    id: i64,
    cut: impl FnOnce(&str) -> T + Send + 'static,
) -> Result<(DocumentRow, T, Vec<QuoteRow>), ApiError> {
    app.0
        .pool
        .read(move |s| {
            let Some((document, text)) = s.document(id)? else {
                return Ok(None);
            };
            let cut = cut(&text);
            drop(text);
            let mut quotes = s.quotes(&QuoteFilter {
                document: Some(id),
                limit: DOCUMENT_QUOTES,
                ..Default::default()
            })?;
            quotes.sort_by_key(|q| q.start);
            Ok(Some((document, cut, quotes)))
        })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no document {id}")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentQuery {
    text_offset: Option<usize>,
}

/// A part of a text: where it starts, the part, and the whole text's length.
type TextPart = Result<(usize, String, usize), usize>;

async fn document(
    State(app): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<DocumentQuery>, QueryRejection>,
) -> Result<Json<DocumentDetail>, ApiError> {
    let Path(id) = id?;
    let Query(q) = q?;
    let offset = q.text_offset.unwrap_or(0);
    let (document, part, quotes) = load_document(&app, id, move |text| -> TextPart {
        if offset > text.len() {
            return Err(text.len());
        }
        let start = floor_boundary(text, offset);
        let end = floor_boundary(text, start.saturating_add(MAX_TEXT));
        Ok((start, text[start..end].to_string(), text.len()))
    })
    .await?;
    let (start, text, length) = part.map_err(|length| {
        ApiError::bad_request(format!(
            "text_offset is past the end of the text ({length} bytes)"
        ))
    })?;
    let end = start + text.len();
    Ok(Json(DocumentDetail {
        document,
        text,
        text_offset: start,
        text_length: length,
        text_truncated: start > 0 || end < length,
        next_text_offset: (end < length).then_some(end),
        quotes,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UploadQuery {
    name: Option<String>,
}

/// The extension an upload's content type stands for.
fn extension_for(content_type: &str) -> Option<&'static str> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Some(match essence.as_str() {
        "text/plain" => "txt",
        "text/markdown" => "md",
        "text/html" | "application/xhtml+xml" => "html",
        "application/x-ndjson"
        | "application/jsonl"
        | "application/x-jsonlines"
        | "application/json" => "jsonl",
        _ => return None,
    })
}

/// `POST /api/documents`: adds articles, if the server has a token and the request bears it.
async fn upload(
    State(app): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<UploadQuery>, QueryRejection>,
    // Read below, once the token is checked: a client without it sends no body for nothing.
    req: Request,
) -> Result<(StatusCode, Json<IngestSummary>), ApiError> {
    let (Some(token), Some(ingest)) = (app.0.token.as_deref(), app.0.ingest.clone()) else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "adding articles over HTTP is off: start the server with --token to allow it",
        ));
    };
    let offered = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if !offered.is_some_and(|t| constant_time_eq(t.as_bytes(), token.as_bytes())) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "adding articles needs the header `Authorization: Bearer <token>` with the server's token",
        ));
    }
    let Query(q) = q?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(ext) = extension_for(content_type) else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("cannot read content type {content_type:?}: send text/plain, text/markdown, text/html or application/x-ndjson"),
        ));
    };
    let body = Bytes::from_request(req, &app).await?;
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::bad_request("the body is empty"));
    }
    let mut name = non_empty(q.name).unwrap_or_else(|| "upload".to_string());
    if !name.to_ascii_lowercase().ends_with(&format!(".{ext}")) {
        name = format!("{name}.{ext}");
    }
    let _writer = app.0.writer.lock().await;
    let summary = tokio::task::spawn_blocking(move || ingest.ingest(name, body.to_vec()))
        .await
        .map_err(|_| ApiError::internal("the upload failed unexpectedly"))?
        .map_err(|e| match e {
            IngestError::Busy(why) => ApiError::unavailable(why, UPLOAD_RETRY_SECS),
            IngestError::Failed(why) => ApiError::internal(why),
        })?;
    app.forget_counts();
    if summary.added + summary.existing == 0 {
        let why = summary
            .errors
            .first()
            .cloned()
            .unwrap_or_else(|| "no document in the body".into());
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("nothing could be stored: {why}"),
        ));
    }
    let status = if summary.added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(summary)))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuotesQuery {
    pub speaker: Option<String>,
    pub speaker_id: Option<i64>,
    pub outlet: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub story: Option<i64>,
    pub document: Option<i64>,
    pub q: Option<String>,
    pub kind: Option<String>,
    pub min_confidence: Option<f64>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl QuotesQuery {
    pub(crate) fn filter(self) -> Result<QuoteFilter, ApiError> {
        let (limit, offset) = paging(self.limit, self.offset)?;
        Ok(QuoteFilter {
            speaker: non_empty(self.speaker),
            speaker_id: self.speaker_id,
            since: date("since", self.since)?,
            until: date("until", self.until)?,
            outlet: non_empty(self.outlet),
            story: self.story,
            document: self.document,
            text: non_empty(self.q),
            kind: kind(self.kind)?,
            min_confidence: confidence("min_confidence", self.min_confidence)?,
            limit: limit + 1,
            offset,
        })
    }
}

async fn quotes(
    State(app): State<AppState>,
    q: Result<Query<QuotesQuery>, QueryRejection>,
) -> Result<Json<Page<QuoteRow>>, ApiError> {
    let Query(q) = q?;
    let filter = q.filter()?;
    let (limit, offset) = (filter.limit - 1, filter.offset);
    let rows = app.0.pool.read(move |s| s.quotes(&filter)).await?;
    Ok(Json(page(rows, limit, offset)))
}

async fn quote(
    State(app): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<QuoteRow>, ApiError> {
    let Path(id) = id?;
    app.0
        .pool
        .read(move |s| s.quote(id))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no quote {id}")))
}

/// Appearances listed in a trace when the request does not say.
pub const DEFAULT_APPEARANCES: usize = 100;
/// The most appearances one trace lists (a wire story can be carried thousands of times).
pub const MAX_APPEARANCES: usize = 1000;

fn appearances_limit(limit: Option<usize>) -> Result<usize, ApiError> {
    let limit = limit.unwrap_or(DEFAULT_APPEARANCES);
    if limit == 0 || limit > MAX_APPEARANCES {
        return Err(ApiError::bad_request(format!(
            "limit must be between 1 and {MAX_APPEARANCES}"
        )));
    }
    Ok(limit)
}

/// The trace of the variant group a quote belongs to, with at most `limit` appearances.
pub(crate) async fn trace_of_quote(
    app: &AppState,
    id: i64,
    limit: usize,
) -> Result<(QuoteRow, Trace), ApiError> {
    app.0
        .pool
        .read(move |s| {
            let Some(q) = s.quote(id)? else {
                return Ok(None);
            };
            Ok(s.trace_cluster_limited(q.cluster, 1.0, limit)?
                .map(|t| (q, t)))
        })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no quote {id}")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitQuery {
    limit: Option<usize>,
}

async fn quote_trace(
    State(app): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<LimitQuery>, QueryRejection>,
) -> Result<Json<Trace>, ApiError> {
    let Path(id) = id?;
    let Query(q) = q?;
    let limit = appearances_limit(q.limit)?;
    Ok(Json(trace_of_quote(&app, id, limit).await?.1))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TraceRequest {
    text: String,
    limit: Option<usize>,
}

/// The longest text `trace` takes: a quote, not an article.
pub(crate) const MAX_TRACE_TEXT: usize = 5000;
/// The largest body `trace` reads: the text, escaped in JSON, with room to spare. Larger
/// bodies are refused before more is read.
const MAX_TRACE_BODY: usize = 64 * 1024;

pub(crate) async fn trace_text(
    app: &AppState,
    text: String,
    limit: usize,
) -> Result<Trace, ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::bad_request(
            "text is empty: give the quote, or part of it",
        ));
    }
    if text.len() > MAX_TRACE_TEXT {
        return Err(ApiError::bad_request(format!(
            "text is longer than {MAX_TRACE_TEXT} bytes: give the quote, not the article"
        )));
    }
    let asked = text.clone();
    app.0
        .pool
        .read(move |s| s.trace_limited(&asked, limit))
        .await?
        .ok_or_else(|| ApiError::not_found("no quote in the store matches this text"))
}

async fn trace(
    State(app): State<AppState>,
    body: Result<Json<TraceRequest>, JsonRejection>,
) -> Result<Json<Trace>, ApiError> {
    let Json(req) = body?;
    let limit = appearances_limit(req.limit)?;
    Ok(Json(trace_text(&app, req.text, limit).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakersQuery {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn speakers(
    State(app): State<AppState>,
    q: Result<Query<SpeakersQuery>, QueryRejection>,
) -> Result<Json<Page<SpeakerRow>>, ApiError> {
    let Query(q) = q?;
    let (limit, offset) = paging(q.limit, q.offset)?;
    let name = non_empty(q.q);
    let rows = app
        .0
        .pool
        .read(move |s| s.speakers_named(name.as_deref(), limit + 1, offset))
        .await?;
    Ok(Json(page(rows, limit, offset)))
}

/// An outlet and how many quotes it carried.
#[derive(Serialize)]
pub(crate) struct OutletCount {
    pub outlet: String,
    pub quotes: i64,
}

#[derive(Serialize)]
pub(crate) struct SpeakerDetail {
    #[serde(flatten)]
    pub speaker: SpeakerRow,
    pub outlet_counts: Vec<OutletCount>,
}

pub(crate) async fn load_speaker(app: &AppState, id: i64) -> Result<SpeakerDetail, ApiError> {
    app.0
        .pool
        .read(move |s| {
            let Some(speaker) = s.speaker(id)? else {
                return Ok(None);
            };
            let outlet_counts = s
                .speaker_outlets(id)?
                .into_iter()
                .map(|(outlet, quotes)| OutletCount { outlet, quotes })
                .collect();
            Ok(Some(SpeakerDetail {
                speaker,
                outlet_counts,
            }))
        })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no speaker {id}")))
}

async fn speaker(
    State(app): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<SpeakerDetail>, ApiError> {
    let Path(id) = id?;
    Ok(Json(load_speaker(&app, id).await?))
}

async fn stories(
    State(app): State<AppState>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<Page<StorySummary>>, ApiError> {
    let Query(q) = q?;
    let (limit, offset) = paging(q.limit, q.offset)?;
    let rows = app
        .0
        .pool
        .read(move |s| s.story_summaries(limit + 1, offset))
        .await?;
    Ok(Json(page(rows, limit, offset)))
}

/// Copies listed with one near-duplicate group at most.
pub(crate) const GROUP_COPIES: usize = 20;

async fn duplicates(
    State(app): State<AppState>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<Page<DuplicateGroup>>, ApiError> {
    let Query(q) = q?;
    let (limit, offset) = paging(q.limit, q.offset)?;
    let rows = app
        .0
        .pool
        .read(move |s| s.duplicate_groups(limit + 1, offset, GROUP_COPIES))
        .await?;
    Ok(Json(page(rows, limit, offset)))
}

/// Articles and quotes listed with one story at most.
pub(crate) const STORY_ITEMS: usize = 500;

#[derive(Serialize)]
pub(crate) struct StoryDetail {
    #[serde(flatten)]
    pub story: StorySummary,
    /// Its articles in time order.
    pub documents: Vec<DocumentRow>,
    /// Its quotes, newest articles first.
    pub quotes: Vec<QuoteRow>,
}

pub(crate) async fn load_story(app: &AppState, id: i64) -> Result<StoryDetail, ApiError> {
    app.0
        .pool
        .read(move |s| {
            let Some(story) = s.story(id)? else {
                return Ok(None);
            };
            let documents = s.story_documents(id, STORY_ITEMS)?;
            let quotes = s.quotes(&QuoteFilter {
                story: Some(id),
                limit: STORY_ITEMS,
                ..Default::default()
            })?;
            Ok(Some(StoryDetail {
                story,
                documents,
                quotes,
            }))
        })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no story {id}")))
}

async fn story(
    State(app): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<StoryDetail>, ApiError> {
    let Path(id) = id?;
    Ok(Json(load_story(&app, id).await?))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchQuery {
    pub q: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

pub(crate) async fn run_search(app: &AppState, q: SearchQuery) -> Result<Page<Hit>, ApiError> {
    let (limit, offset) = paging(q.limit, q.offset)?;
    let Some(text) = non_empty(q.q) else {
        return Err(ApiError::bad_request(
            "q is missing: give words to search for",
        ));
    };
    let rows = app
        .0
        .pool
        .read(move |s| s.search_page(&text, limit + 1, offset))
        .await?;
    Ok(page(rows, limit, offset))
}

async fn search(
    State(app): State<AppState>,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Json<Page<Hit>>, ApiError> {
    let Query(q) = q?;
    Ok(Json(run_search(&app, q).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_paging() {
        assert_eq!(
            date("since", Some("2024-02-29".into())).unwrap().as_deref(),
            Some("2024-02-29")
        );
        assert!(date("since", Some("2024-13-01".into())).is_err());
        assert!(date("since", Some("yesterday".into())).is_err());
        assert!(date("since", Some(" ".into())).is_err());
        assert_eq!(date("since", None).unwrap(), None);
        assert_eq!(paging(None, None).unwrap(), (DEFAULT_LIMIT, 0));
        assert!(paging(Some(0), None).is_err());
        assert!(paging(Some(MAX_LIMIT + 1), None).is_err());
        let p = page(vec![1, 2, 3], 2, 4);
        assert_eq!((p.items, p.next_offset), (vec![1, 2], Some(6)));
        assert_eq!(page(vec![1], 2, 0).next_offset, None);
    }

    #[test]
    fn content_types() {
        assert_eq!(extension_for("text/html; charset=utf-8"), Some("html"));
        assert_eq!(extension_for("application/x-ndjson"), Some("jsonl"));
        assert_eq!(extension_for("image/png"), None);
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
