//! What the store's tests share.
#![allow(dead_code)] // each test file uses some of it

use std::path::Path;

use quotetrace_model::{Quote, QuoteKind, SpeakerType};

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

/// The schema version the store database at `db` has saved.
pub fn saved_schema(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
            r.get(0)
        })
        .unwrap()
}
