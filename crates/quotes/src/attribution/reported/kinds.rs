//! What a reported statement is: speech, a document's finding, or a position.

use quotetrace_model::CueKind;

/// Cue words that report a position (what someone wants, plans or backs) rather than words.
const POSITION_CUES: &[&str] = &[
    "advocate",
    "advocated",
    "advocates",
    "back",
    "backed",
    "backing",
    "backs",
    "favor",
    "favored",
    "favors",
    "favour",
    "favours",
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
    "vow",
    "vowed",
    "vows",
    "want",
    "wanted",
    "wants",
    "intend",
    "intends",
    "intended",
    "endorse",
    "endorsed",
    "endorses",
    "urge",
    "urged",
    "urges",
];

/// Cue words that report what a document, poll or study shows.
const DOCUMENT_CUES: &[&str] = &[
    "found",
    "finds",
    "find",
    "show",
    "showed",
    "shown",
    "shows",
    "reveal",
    "revealed",
    "reveals",
    "indicate",
    "indicated",
    "indicates",
    "suggest",
    "estimated",
    "estimates",
    "concluded",
    "concludes",
];

/// Words naming a document or a measurement as the source ("the poll", "a report").
const DOCUMENT_SOURCES: &[&str] = &[
    "poll",
    "polls",
    "polling",
    "survey",
    "surveys",
    "study",
    "studies",
    "report",
    "reports",
    "analysis",
    "data",
    "figures",
    "research",
    "records",
    "documents",
    "document",
    "memo",
    "letter",
    "filing",
    "audit",
    "review",
    "investigation",
    "census",
    "statistics",
    "index",
    "numbers",
    "results",
    "findings",
    "paper",
    "transcript",
    "emails",
    "email",
    "readout",
    "statement",
    "ruling",
    "complaint",
    "lawsuit",
    "indictment",
    "estimate",
    "estimates",
    "projections",
    "forecast",
    "model",
    "tally",
    "count",
];

fn has(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// The cue kind of a reported statement from its cue's words and its speaker phrase: a
/// document when the source is one (or the cue is "found", "shows" with no person behind it),
/// a position for "wants", "plans", "supports", "called for", else speech.
pub(in crate::attribution) fn cue_kind(cue: &str, source: Option<&str>) -> CueKind {
    let words: Vec<&str> = cue
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let source_is_document = source.is_some_and(|s| {
        s.split(|c: char| !c.is_alphanumeric())
            .any(|w| has(DOCUMENT_SOURCES, w))
    });
    if source_is_document {
        return CueKind::Document;
    }
    if words.iter().any(|w| has(DOCUMENT_CUES, w)) && source.is_none_or(|s| !starts_upper(s)) {
        return CueKind::Document;
    }
    let called_for = words.windows(2).any(|p| {
        p[0].eq_ignore_ascii_case("called") || p[0].eq_ignore_ascii_case("calls")
            || p[0].eq_ignore_ascii_case("calling")
    } && p[1].eq_ignore_ascii_case("for"));
    if called_for || words.iter().any(|w| has(POSITION_CUES, w)) {
        return CueKind::Position;
    }
    CueKind::Speech
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_positions_and_speech() {
        assert_eq!(cue_kind("found", Some("the survey")), CueKind::Document);
        assert_eq!(cue_kind("shows", Some("A new poll")), CueKind::Document);
        assert_eq!(
            cue_kind("according to", Some("the report")),
            CueKind::Document
        );
        assert_eq!(cue_kind("showed", None), CueKind::Document);
        // A person who "found" something speaks.
        assert_eq!(cue_kind("found", Some("Smith")), CueKind::Speech);
        assert_eq!(cue_kind("wants", Some("Lenz")), CueKind::Position);
        assert_eq!(cue_kind("called for", Some("The mayor")), CueKind::Position);
        assert_eq!(cue_kind("has pledged", Some("she")), CueKind::Position);
        assert_eq!(cue_kind("said", Some("Lenz")), CueKind::Speech);
        assert_eq!(cue_kind("called", Some("Lenz")), CueKind::Speech);
        assert_eq!(cue_kind("according to", Some("officials")), CueKind::Speech);
    }
}
