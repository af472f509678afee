//! Verb forms that say what kind of cue a reporting verb is: of saying, of a position, of a
//! document's finding, of issuing a document.

use crate::lower::WordSet;

/// Forms of "say" and "tell", the verbs of saying that report in any clause.
pub(crate) static SAYING_FORMS: WordSet = WordSet::new(&[
    "said", "say", "saying", "says", "tell", "telling", "tells", "told",
]);

/// Irregular past forms of reporting verbs ("said", "told"): inflected, though they end in
/// neither "-ed" nor "-s".
pub(crate) static IRREGULAR_PASTS: WordSet = WordSet::new(&[
    "felt", "knew", "meant", "said", "spoke", "swore", "thought", "told", "wrote",
]);

/// Cue words that report a position (what someone wants, plans or backs) rather than words.
pub(crate) static POSITION_CUES: WordSet = WordSet::new(&[
    "advocate",
    "advocated",
    "advocates",
    "back",
    "backed",
    "backing",
    "backs",
    "endorse",
    "endorsed",
    "endorses",
    "favor",
    "favored",
    "favors",
    "favour",
    "favours",
    "intend",
    "intended",
    "intends",
    "oppose",
    "opposed",
    "opposes",
    "opposing",
    "plan",
    "planned",
    "plans",
    "pledge",
    "pledged",
    "pledges",
    "promise",
    "promised",
    "promises",
    "propose",
    "proposed",
    "proposes",
    "seek",
    "seeks",
    "sought",
    "support",
    "supported",
    "supporting",
    "supports",
    "urge",
    "urged",
    "urges",
    "vow",
    "vowed",
    "vows",
    "want",
    "wanted",
    "wants",
]);

/// Cue words that report what a document, poll or study shows.
pub(crate) static DOCUMENT_CUES: WordSet = WordSet::new(&[
    "concluded",
    "concludes",
    "estimated",
    "estimates",
    "find",
    "finds",
    "found",
    "indicate",
    "indicated",
    "indicates",
    "reveal",
    "revealed",
    "reveals",
    "show",
    "showed",
    "shown",
    "shows",
    "suggest",
]);

/// Verbs that issue a document ("the agency released a report").
pub(crate) static ISSUE_VERBS: WordSet = WordSet::new(&[
    "aired",
    "filed",
    "issued",
    "launched",
    "posted",
    "published",
    "put",
    "ran",
    "released",
    "sent",
    "unveiled",
    "wrote",
]);
