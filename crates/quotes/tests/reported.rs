//! Reported speech (indirect quotes, no quotation marks), one cue family per test, with
//! sentences written for these tests: the content span, the cue, the speaker and the cue kind.

use quotetrace_model::{CueKind, Quote, QuoteKind, SpeakerType};
use quotetrace_quotes::extract;

mod common;
use common::speaker;

const INTRO: &str = "Governor Maria Lenz of Kestria met farmers in Alden on Monday.\n\n";

/// The quotes of a small article: the introduction, `sentence`, a closing line.
fn quotes(sentence: &str) -> Vec<Quote> {
    extract(&format!("{INTRO}{sentence}\n\nThe session ended at noon.")).quotes
}

/// The one indirect quote whose text starts with `content`.
fn indirect(sentence: &str, content: &str) -> Quote {
    let qs = quotes(sentence);
    let q = qs
        .iter()
        .find(|q| q.text.starts_with(content))
        .unwrap_or_else(|| panic!("no quote starting {content:?} in {qs:#?}"))
        .clone();
    assert_eq!(q.kind, QuoteKind::Indirect, "{q:#?}");
    q
}

fn cue(q: &Quote) -> &str {
    q.cue.as_ref().map_or("<none>", |c| c.text.as_str())
}

#[test]
fn content_before_the_cue() {
    let q = indirect(
        "The state budget will run out of money by the end of March, Lenz said on Tuesday.",
        "The state budget",
    );
    assert_eq!(
        q.text,
        "The state budget will run out of money by the end of March"
    );
    assert_eq!(cue(&q), "said");
    assert_eq!(speaker(&q), "Maria Lenz");
    assert_eq!(q.cue_kind, Some(CueKind::Speech));
}

#[test]
fn said_with_an_auxiliary() {
    let q = indirect(
        "Lenz has said the bridge will reopen to traffic before the winter storms arrive.",
        "the bridge will reopen",
    );
    assert!(
        q.text.ends_with("before the winter storms arrive"),
        "{}",
        q.text
    );
    assert_eq!(speaker(&q), "Maria Lenz");
}

#[test]
fn according_to_after_the_content() {
    let q = indirect(
        "Unemployment in the region fell to its lowest level in a decade last year, according \
         to the Labor Department.",
        "Unemployment in the region",
    );
    assert!(!q.text.contains("according"), "{}", q.text);
    assert_eq!(cue(&q), "according to");
    assert_eq!(speaker(&q), "Labor Department");
    assert_eq!(q.speaker_type, Some(SpeakerType::Organization));
}

#[test]
fn according_to_before_the_content() {
    let q = indirect(
        "According to the Labor Department, unemployment in the region fell to its lowest \
         level in a decade.",
        "unemployment in the region",
    );
    assert_eq!(cue(&q), "According to");
    assert_eq!(speaker(&q), "Labor Department");
}

#[test]
fn a_poll_shows_is_a_document_not_a_person() {
    let q = indirect(
        "A new Gallup poll shows Lenz leading her rival by nine points among likely voters.",
        "Lenz leading her rival",
    );
    assert_eq!(cue(&q), "shows");
    assert_eq!(q.cue_kind, Some(CueKind::Document));
    assert_ne!(q.speaker_type, Some(SpeakerType::Person), "{q:#?}");
    assert!(speaker(&q).contains("poll"), "{q:#?}");
}

#[test]
fn told_a_listener_that() {
    let q = indirect(
        "Lenz told reporters that the vote on the farm bill would be delayed until next week.",
        "that the vote on the farm bill",
    );
    assert_eq!(cue(&q), "told");
    assert_eq!(speaker(&q), "Maria Lenz");
}

#[test]
fn noted_and_agreed_that() {
    for (sentence, content, verb) in [
        (
            "She noted that the harvest had been the largest in twenty years despite the drought.",
            "that the harvest",
            "noted",
        ),
        (
            "The governor agreed that the tax cut should wait until the budget is balanced.",
            "that the tax cut",
            "agreed",
        ),
    ] {
        let q = indirect(sentence, content);
        assert_eq!(cue(&q), verb);
        assert_eq!(speaker(&q), "Maria Lenz", "{sentence}");
    }
}

#[test]
fn criticized_as_and_cited_as() {
    let q = indirect(
        "Lenz criticized the proposal as a giveaway to large corporations and their lobbyists.",
        "the proposal as a giveaway",
    );
    assert_eq!(cue(&q), "criticized");
    let q = indirect(
        "Lenz cited rising fuel costs as the main reason for the delay in the road program.",
        "rising fuel costs",
    );
    assert_eq!(cue(&q), "cited");
    assert_eq!(speaker(&q), "Maria Lenz");
}

#[test]
fn declined_to() {
    let q = indirect(
        "Lenz declined to comment on the lawsuit filed by the mining company last week.",
        "comment on the lawsuit",
    );
    assert_eq!(speaker(&q), "Maria Lenz");
}

#[test]
fn quotations_carry_no_cue_kind() {
    let qs = quotes("\"We will finish the bridge before winter,\" Lenz said.");
    let q = qs
        .iter()
        .find(|q| q.text.starts_with("We will finish"))
        .expect("the quotation");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.cue_kind, None);
    let json = serde_json::to_string(q).expect("json");
    assert!(!json.contains("cue_kind"), "{json}");
}

#[test]
fn cue_kind_is_in_the_json_of_reported_speech() {
    let q = indirect(
        "A new Gallup poll shows Lenz leading her rival by nine points among likely voters.",
        "Lenz leading",
    );
    let json = serde_json::to_string(&q).expect("json");
    assert!(json.contains("\"cue_kind\":\"document\""), "{json}");
}
