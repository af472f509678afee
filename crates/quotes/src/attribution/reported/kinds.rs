//! What a reported statement is: speech, a document's finding, or a position.

use quotetrace_model::CueKind;

use crate::lexicon::{DOCUMENT_CUES, DOCUMENT_SOURCES, POSITION_CUES};

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
            .any(|w| DOCUMENT_SOURCES.contains_ascii(w))
    });
    if source_is_document {
        return CueKind::Document;
    }
    if words.iter().any(|w| DOCUMENT_CUES.contains_ascii(w))
        && source.is_none_or(|s| !starts_upper(s))
    {
        return CueKind::Document;
    }
    let called_for = words.windows(2).any(|p| {
        p[0].eq_ignore_ascii_case("called") || p[0].eq_ignore_ascii_case("calls")
            || p[0].eq_ignore_ascii_case("calling")
    } && p[1].eq_ignore_ascii_case("for"));
    if called_for || words.iter().any(|w| POSITION_CUES.contains_ascii(w)) {
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
