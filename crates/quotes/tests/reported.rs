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

/// The one indirect quote of `sentence` whose text starts with `content`, checked to have the
/// cue `verb` and the speaker `who`.
fn reported(sentence: &str, content: &str, verb: &str, who: &str) -> Quote {
    let q = indirect(sentence, content);
    assert_eq!(cue(&q), verb, "{sentence}");
    assert_eq!(speaker(&q), who, "{sentence}");
    q
}

/// Content before the cue: `said`, `has said`, `according to`.
#[test]
fn content_before_the_cue() {
    let q = reported(
        "The state budget will run out of money by the end of March, Lenz said on Tuesday.",
        "The state budget",
        "said",
        "Maria Lenz",
    );
    assert_eq!(
        q.text,
        "The state budget will run out of money by the end of March"
    );
    assert_eq!(q.cue_kind, Some(CueKind::Speech));

    // With an auxiliary.
    let q = reported(
        "Lenz has said the bridge will reopen to traffic before the winter storms arrive.",
        "the bridge will reopen",
        "said",
        "Maria Lenz",
    );
    assert!(
        q.text.ends_with("before the winter storms arrive"),
        "{}",
        q.text
    );

    // `according to`, left out of the content.
    let q = reported(
        "Unemployment in the region fell to its lowest level in a decade last year, according \
         to the Labor Department.",
        "Unemployment in the region",
        "according to",
        "Labor Department",
    );
    assert!(!q.text.contains("according"), "{}", q.text);
    assert_eq!(q.speaker_type, Some(SpeakerType::Organization));
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

/// Cues before the content: `According to`, `told` (a listener) `that`, `noted that`, `agreed
/// that`, `cited … as`, `criticized … as`, `declined to`.
#[test]
fn cues_before_the_content() {
    for (sentence, content, verb, who) in [
        (
            "According to the Labor Department, unemployment in the region fell to its lowest \
             level in a decade.",
            "unemployment in the region",
            "According to",
            "Labor Department",
        ),
        (
            "Lenz told reporters that the vote on the farm bill would be delayed until next week.",
            "that the vote on the farm bill",
            "told",
            "Maria Lenz",
        ),
        (
            "She noted that the harvest had been the largest in twenty years despite the drought.",
            "that the harvest",
            "noted",
            "Maria Lenz",
        ),
        (
            "The governor agreed that the tax cut should wait until the budget is balanced.",
            "that the tax cut",
            "agreed",
            "Maria Lenz",
        ),
        (
            "Lenz cited rising fuel costs as the main reason for the delay in the road program.",
            "rising fuel costs",
            "cited",
            "Maria Lenz",
        ),
        (
            "Lenz criticized the proposal as a giveaway to large corporations and their lobbyists.",
            "the proposal as a giveaway",
            "criticized",
            "Maria Lenz",
        ),
        (
            "Lenz declined to comment on the lawsuit filed by the mining company last week.",
            "comment on the lawsuit",
            "declined to",
            "Maria Lenz",
        ),
    ] {
        reported(sentence, content, verb, who);
    }
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

/// Reported speech that holds a quotation of three words or more is a partial quote, its
/// quoted words verbatim, however it was found (here by a learned cue far from the marks);
/// a shorter quotation inside reported speech leaves it indirect.
#[test]
fn reported_speech_holding_a_quotation_is_partial() {
    let qs = quotes(
        "Lenz thanked the engineers who rebuilt the levee along the river in the autumn of \
         2019 for work that “saved half of the old town from the water.”",
    );
    let q = qs
        .iter()
        .find(|q| q.text.starts_with("the engineers"))
        .unwrap_or_else(|| panic!("{qs:#?}"));
    assert_eq!(q.kind, QuoteKind::Partial, "{q:#?}");
    assert_eq!(speaker(q), "Maria Lenz");
    let verbatim: Vec<&str> = q.verbatim.iter().map(|v| v.text.as_str()).collect();
    assert_eq!(verbatim, ["saved half of the old town from the water."]);
    let q = indirect(
        "Lenz thanked the engineers who rebuilt the levee along the river in the autumn of \
         2019 for their “quiet heroism” during the flood.",
        "the engineers",
    );
    assert_eq!(speaker(&q), "Maria Lenz");
}

/// The speaker before the cue across "now", "himself", and a party-and-state parenthesis
/// followed by an auxiliary or an adverb.
#[test]
fn the_speaker_across_now_himself_and_a_party_parenthesis() {
    reported(
        "Farmer Tomas Varga now says he is being denied a say at the co-operative.",
        "he is being denied",
        "says",
        "Tomas Varga",
    );
    reported(
        "Rep. Elena Brandt (D-Ore.) has indicated that she will not vote for the grain bill.",
        "that she will not vote",
        "indicated",
        "Elena Brandt",
    );
    reported(
        "Sen. Marcus Hale (R-Tex.) never mentioned that the tolls had doubled.",
        "that the tolls had doubled",
        "mentioned",
        "Marcus Hale",
    );
    reported(
        "Lenz herself said that the drought was the worst in forty years.",
        "that the drought was the worst",
        "said",
        "Maria Lenz",
    );
}

/// The speaker of a cue in an infinitive is the subject of the verb or the "be" + adjective
/// the infinitive depends on.
#[test]
fn the_speaker_of_a_cue_after_tried_to_or_is_expected_to() {
    reported(
        "Lenz tried to argue that the subsidies were temporary.",
        "that the subsidies were temporary",
        "argue",
        "Maria Lenz",
    );
    reported(
        "Lenz is expected to announce that the grain depots will reopen.",
        "that the grain depots will reopen",
        "announce",
        "Maria Lenz",
    );
    reported(
        "Lenz also continued to insist that the budget was balanced.",
        "that the budget was balanced",
        "insist",
        "Maria Lenz",
    );
}

/// A sentence-opening adverb or participle phrase is no speaker of a participle or a
/// coordinated cue later in the sentence.
#[test]
fn an_opening_phrase_is_no_speaker_of_a_later_cue() {
    reported(
        "Ahead of the vote, Lenz took a harsher tone, insisting that the council had lied.",
        "that the council had lied",
        "insisting",
        "Maria Lenz",
    );
    reported(
        "Perhaps not coincidentally, Lenz has lately started telling farmers that the subsidy will return.",
        "that the subsidy will return",
        "telling",
        "Maria Lenz",
    );
    reported(
        "Speaking on the radio on Monday, Ms. Lenz called the union leader \"stubborn\" and asserted that the talks were nearly finished.",
        "that the talks were nearly finished",
        "asserted",
        "Maria Lenz",
    );
}

/// A verb that takes a listener ("warned residents that …") reports a that-clause with no
/// listener too: "that" opens what was said, it is nobody who heard it.
#[test]
fn a_listener_verb_with_a_that_clause_and_no_listener() {
    reported(
        "The Kestria Weather Service warned that more rain was coming to the valley.",
        "that more rain was coming",
        "warned",
        "Kestria Weather Service",
    );
    reported(
        "In a letter, Lenz assured that the grain depots would stay open all winter.",
        "that the grain depots would stay open",
        "assured",
        "Maria Lenz",
    );
}
