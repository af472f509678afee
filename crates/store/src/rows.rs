//! What queries return (rows, filters, traces) and how a quote row is read.

use super::*;

/// Row counts, for summaries.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub documents: i64,
    pub duplicates: i64,
    pub quotes: i64,
    pub quote_clusters: i64,
    pub speakers: i64,
    pub stories: i64,
}

/// A quote with its document's metadata.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuoteRow {
    pub id: i64,
    pub text: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_id: Option<i64>,
    pub cue: Option<String>,
    pub confidence: f64,
    pub cluster: i64,
    pub doc: String,
    pub doc_id: i64,
    /// Its document's title, URL, outlet, author, date and language.
    #[serde(flatten)]
    pub meta: DocMeta,
    pub start: i64,
    pub end: i64,
    /// How sure the link to its variant group is (1 for the group's first quote and for
    /// word-for-word repeats; lower for edited variants and translations).
    pub variant_confidence: f64,
    /// The words that named the speaker in the article ("he", "the minister", "Putin").
    pub speaker_mention: Option<String>,
    /// The words inside quotation marks when only part of `text` is (a partial or mixed
    /// quote), pieces joined by " … "; null when `text` is all quoted words.
    pub verbatim: Option<String>,
    /// How it is linked to its variant group: "same" (the same words), "edited" (trimmed or
    /// edited), "translation" (two verbatim quotes in other words), "paraphrase" (reported
    /// speech in other words); null for the group's first quote and for stores older than
    /// schema 7 where the link was not recorded.
    pub variant_kind: Option<String>,
}

impl QuoteRow {
    /// The words the speaker is quoted as saying: the verbatim words when only part of the
    /// text is quoted, else the text. Traces compare these, not the reporting words around.
    pub fn quoted_words(&self) -> &str {
        self.verbatim.as_deref().unwrap_or(&self.text)
    }
}

/// Filters for [`Store::quotes`].
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    /// A corpus speaker, by any of its name forms.
    pub speaker: Option<String>,
    /// Only quotes from documents published on or after this date (YYYY-MM-DD).
    pub since: Option<String>,
    /// Only quotes from documents published on or before this date (YYYY-MM-DD).
    pub until: Option<String>,
    /// A corpus speaker, by id.
    pub speaker_id: Option<i64>,
    /// Only quotes of this document.
    pub document: Option<i64>,
    pub outlet: Option<String>,
    pub story: Option<i64>,
    /// Full-text words that must occur in the quote.
    pub text: Option<String>,
    /// Only quotes of this kind (`direct`, `partial`, `indirect`, `pull`).
    pub kind: Option<String>,
    /// Only quotes whose attribution confidence is at least this.
    pub min_confidence: Option<f64>,
    pub limit: usize,
    pub offset: usize,
}

/// The quote kinds a filter accepts, as stored.
pub const QUOTE_KINDS: [&str; 4] = ["direct", "partial", "indirect", "pull"];

/// Whether `s` is a calendar date written `YYYY-MM-DD` (the form dates are stored in and
/// every date filter takes).
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    if !(b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()))
    {
        return false;
    }
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A corpus speaker with its name forms.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerRow {
    pub id: i64,
    pub name: String,
    pub forms: Vec<String>,
    pub quotes: i64,
    pub outlets: i64,
    pub is_org: bool,
}

/// A speaker from the columns `id, name, is_org, quotes, outlets`, without its name forms.
pub(crate) fn speaker_row(r: &rusqlite::Row) -> rusqlite::Result<SpeakerRow> {
    Ok(SpeakerRow {
        id: r.get(0)?,
        name: r.get(1)?,
        is_org: r.get::<_, i64>(2)? != 0,
        quotes: r.get(3)?,
        outlets: r.get(4)?,
        forms: Vec::new(),
    })
}

/// A search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// "quote" or "document".
    pub kind: &'static str,
    pub id: i64,
    pub doc: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub speaker: Option<String>,
    pub snippet: String,
    pub score: f64,
    /// Byte spans of the matched words in `snippet` (not in the API: its document snippets
    /// bracket them), for pages that mark them.
    #[serde(skip)]
    pub marks: Vec<(usize, usize)>,
}

/// A document's story assignment.
#[derive(Debug, Clone, Serialize)]
pub struct StoryRow {
    pub doc: String,
    pub doc_id: i64,
    pub story: Option<i64>,
    #[serde(flatten)]
    pub meta: DocMeta,
}

/// One appearance of a quote in the corpus, for [`Trace`].
#[derive(Debug, Clone, Serialize)]
pub struct Appearance {
    pub quote: QuoteRow,
    /// The words changed against the first appearance: `-word` removed, `+word` added.
    pub changes: Vec<String>,
    pub duplicate_of: Option<i64>,
}

/// The provenance of a quote: where it first appeared, who carried it, how it changed.
#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    pub cluster: i64,
    pub speaker: Option<String>,
    pub first: Appearance,
    /// Every appearance in date order (the first included), or the first ones when the
    /// caller set a limit.
    pub appearances: Vec<Appearance>,
    /// How many appearances there are in all.
    pub appearances_total: usize,
    /// Distinct outlets that carried it, in order of first appearance.
    pub outlets: Vec<String>,
    /// How close the asked text is to the quote found (0 to 1).
    pub match_score: f64,
    /// Whether `first` is dated. When no appearance is, `first` is only the first stored:
    /// when the statement first appeared is not known.
    pub first_dated: bool,
    /// Appearances in undated articles (listed after the dated ones, in the order stored).
    pub undated: usize,
    /// The distinct addresses of the appearances, in date order (the first
    /// [`TRACE_URLS`]), as Quotebank's `urls`; `appearances_total` is its `numOccurrences`.
    pub urls: Vec<String>,
}

/// Addresses listed with a trace at most.
pub const TRACE_URLS: usize = 1000;

macro_rules! quote_columns {
    () => {
        concat!(
            "q.id, q.text, q.kind, coalesce(s.name, q.speaker_text), q.speaker, q.cue, q.confidence, q.cluster, d.doc_key, d.id, ",
            doc_meta_columns!(),
            ", q.start, q.end, coalesce(q.variant_confidence, 1.0), q.mention, q.verbatim, q.variant_kind"
        )
    };
}

macro_rules! quote_from {
    () => {
        "FROM quotes q JOIN documents d ON d.id = q.doc LEFT JOIN speakers s ON s.id = q.speaker"
    };
}

/// The columns [`quote_row`] reads, in its order.
pub(crate) const QUOTE_COLUMNS: &str = quote_columns!();

/// How many columns [`QUOTE_COLUMNS`] has: a query that selects more after them reads those
/// from this index on.
pub(crate) const QUOTE_COLUMN_COUNT: usize = 22;

pub(crate) const QUOTE_FROM: &str = quote_from!();

pub(crate) const QUOTE_SELECT: &str = concat!("SELECT ", quote_columns!(), " ", quote_from!());

pub(crate) fn quote_row(r: &rusqlite::Row) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        id: r.get(0)?,
        text: r.get(1)?,
        kind: r.get(2)?,
        speaker: r.get(3)?,
        speaker_id: r.get(4)?,
        cue: r.get(5)?,
        confidence: r.get(6)?,
        cluster: r.get(7)?,
        doc: r.get(8)?,
        doc_id: r.get(9)?,
        meta: doc_meta(r, 10)?,
        start: r.get(16)?,
        end: r.get(17)?,
        variant_confidence: r.get(18)?,
        speaker_mention: r.get(19)?,
        verbatim: r.get(20)?,
        variant_kind: r.get(21)?,
    })
}

/// The columns [`doc_meta`] reads, in its order, of a query's `documents d`.
pub(crate) const DOC_META_COLUMNS: &str = doc_meta_columns!();

/// A document's metadata from the six columns of [`DOC_META_COLUMNS`] from column `first` on.
pub(crate) fn doc_meta(r: &rusqlite::Row, first: usize) -> rusqlite::Result<DocMeta> {
    Ok(DocMeta {
        title: r.get(first)?,
        url: r.get(first + 1)?,
        outlet: r.get(first + 2)?,
        author: r.get(first + 3)?,
        published: r.get(first + 4)?,
        lang: r.get(first + 5)?,
    })
}

/// A quote kind as stored: its serde name.
pub(crate) fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Pull => "pull",
    }
}
