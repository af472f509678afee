//! What the store's tests share.
#![allow(dead_code)] // each test file uses some of it

use std::path::Path;

use quotetrace_model::{DocMeta, Document, Quote, QuoteKind, SpeakerType};
use quotetrace_store::NewDocument;

/// A direct quote of `text` at byte `start`, said by the person `speaker`.
pub fn quote(text: &str, start: usize, speaker: &str) -> Quote {
    Quote {
        text: text.into(),
        start,
        end: start + text.len(),
        kind: QuoteKind::Direct,
        speaker: Some(speaker.into()),
        speaker_type: Some(SpeakerType::Person),
        speaker_mention: None,
        cue: None,
        confidence: 0.9,
        verbatim: vec![],
        cue_kind: None,
    }
}

/// An English document `id` with its text, metadata and quotes, ready to store.
pub fn english(
    id: impl Into<String>,
    text: impl Into<String>,
    meta: DocMeta,
    quotes: Vec<Quote>,
) -> NewDocument {
    NewDocument::new(
        Document {
            id: id.into(),
            text: text.into(),
            meta,
            ..Default::default()
        },
        Some("en".into()),
        quotes,
    )
}

/// The schema version the store database at `db` has saved.
pub fn saved_schema(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
            r.get(0)
        })
        .unwrap()
}
