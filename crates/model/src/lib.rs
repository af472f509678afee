//! Plain data shared by every quotetrace stage: documents in, extraction records out.
//!
//! This crate holds no logic beyond small constructors: it is the vocabulary the other crates
//! speak (see ARCHITECTURE.md). The JSON shape of [`ExtractRecord`] is the contract that
//! `quotetrace extract` prints; fields may be added, never renamed or removed.

use serde::{Deserialize, Serialize};

/// One input article, as read by a source, before any cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The path as given, `<stdin>`, or the `id` of a JSONL record.
    pub id: String,
    /// The article text. Offsets in the output are UTF-8 byte offsets into this string.
    pub text: String,
    /// What the source said about the article (a JSONL record's fields); the clean stage
    /// fills in what a page says about itself.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// Problems met while reading (for example invalid UTF-8 decoded lossily).
    pub warnings: Vec<String>,
    /// The raw page when the source was HTML: `text` is empty until the clean stage turns
    /// this into article text.
    #[serde(skip)]
    pub html: Option<Vec<u8>>,
    /// The charset a transport declared for `html` (an HTTP `Content-Type` header).
    #[serde(skip)]
    pub charset: Option<String>,
}

/// What a document says about itself, as every stage carries it: the source's fields, a
/// page's metadata, the contract record's fields and the store's rows. Serialised flat into
/// the record that holds it (`#[serde(flatten)]`), absent fields as `null`; the contract
/// record leaves them out ([`DocMeta::skip_absent`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// The headline.
    pub title: Option<String>,
    /// The article's address (a page's canonical URL when it declares one).
    pub url: Option<String>,
    /// The publication's name.
    pub outlet: Option<String>,
    /// The byline, cleaned of "By" and roles.
    pub author: Option<String>,
    /// When it was published: ISO 8601, a date (`YYYY-MM-DD`) or a date and time.
    pub published: Option<String>,
    /// The language, a lower-case ISO 639-1 code ("en").
    pub lang: Option<String>,
}

impl DocMeta {
    /// Serialises only the fields that are present (for `#[serde(flatten, serialize_with)]`),
    /// as the contract record prints them.
    pub fn skip_absent<S: serde::Serializer>(meta: &DocMeta, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let fields = [
            ("title", &meta.title),
            ("url", &meta.url),
            ("outlet", &meta.outlet),
            ("author", &meta.author),
            ("published", &meta.published),
            ("lang", &meta.lang),
        ];
        let mut map = s.serialize_map(None)?;
        for (name, value) in fields {
            if let Some(value) = value {
                map.serialize_entry(name, value)?;
            }
        }
        map.end()
    }
}

/// A byte range `[start, end)` into a document's text together with the text it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The four kinds of quotation the contract knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Inside quotation marks, a full sentence or more.
    Direct,
    /// Reported speech that carries a quoted fragment.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
    /// A display quote with the speaker's name glued on, no marks.
    Pull,
}

/// What a reported statement (an `indirect` quote) reports, so that users can filter: words
/// spoken or written, what a document shows, or a position taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueKind {
    /// Something said or written: "X said that …", "according to X, …".
    Speech,
    /// What a poll, report, study or record shows: "the poll found …".
    Document,
    /// A position: what someone wants, plans, supports or calls for.
    Position,
}

/// One quotation found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the enclosing quotation marks; equals `doc.text[start..end]`.
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    /// Canonical name of the person or body, resolved across the document; `None` if unknown.
    pub speaker: Option<String>,
    /// What the speaker is: a person, an organisation, or a description the document never
    /// resolves to a name ("a senior official"); present exactly when `speaker` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_type: Option<SpeakerType>,
    /// The mention the attribution rests on ("he", "Putin", "the Kremlin").
    pub speaker_mention: Option<Span>,
    /// The reporting cue ("said", "told reporters", "according to").
    pub cue: Option<Span>,
    /// How sure the extractor is, between 0 and 1.
    pub confidence: f32,
    /// The verbatim pieces inside quotation marks, when the quote is made of several
    /// (a quotation interrupted by its attribution, or a partial quote's fragments).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verbatim: Vec<Span>,
    /// For reported speech (`indirect`): what the cue reports; absent on other kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_kind: Option<CueKind>,
}

/// What kind of speaker a quote's canonical name is, so that a corpus never merges a body with
/// a person who shares a word of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    /// One identifiable human ("Vladimir Putin").
    Person,
    /// A named body speaking as such: an agency, company, outlet, campaign, party, country.
    Organization,
    /// A speaker the document describes but never names ("a senior official", "the paper").
    Description,
}

/// A stretch of the text judged not to be part of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boilerplate {
    pub start: usize,
    pub end: usize,
    /// Why it was judged boilerplate ("donation appeal", "newsletter box", ...).
    pub why: String,
}

/// One output line of `quotetrace extract` (see the shared CONTRACT.md).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtractRecord {
    pub doc: String,
    /// Title, URL, outlet, author, date and language, each printed only when known.
    #[serde(flatten, serialize_with = "DocMeta::skip_absent")]
    pub meta: DocMeta,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Vec<Quote>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boilerplate: Option<Vec<Boilerplate>>,
    pub warnings: Vec<String>,
    /// Set when the document could not be read; then there are no quotes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What one ingest run did (the `ingest` command's summary, and the answer to an upload over
/// HTTP).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestSummary {
    /// Documents stored by this run.
    pub added: usize,
    /// Documents already in the store (same name and text): nothing added.
    pub existing: usize,
    /// Of the added documents, near-duplicates of one stored earlier.
    pub duplicates: usize,
    /// Quotes stored.
    pub quotes: usize,
    /// Inputs that could not be read or extracted.
    pub failed: usize,
    /// Why, one message per failed input (the first thousand).
    pub errors: Vec<String>,
    /// Store ids of the documents read, added or already there (the first thousand).
    pub documents: Vec<i64>,
}

impl Span {
    /// The span `[start, end)` of `text`. Callers guarantee the bounds lie on char boundaries.
    pub fn of(text: &str, start: usize, end: usize) -> Span {
        Span {
            text: text[start..end].to_string(),
            start,
            end,
        }
    }
}
