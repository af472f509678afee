//! What is not reported speech though it looks like it, and the "according to" sources the
//! rules now read, with sentences written for these tests (issue 15): an expectation in the
//! passive, a refusal to say, a cue word used as a noun, an action told as the circumstance of
//! another event, an adverbial participle before the comma, a headline.

use quotetrace_model::{Quote, QuoteKind};
use quotetrace_quotes::extract;

const INTRO: &str = "Governor Maria Lenz of Kestria met farmers in Alden on Monday.\n\n";

/// The quotes of a small article: the introduction, `sentence`, a closing line.
fn quotes(sentence: &str) -> Vec<Quote> {
    extract(&format!("{INTRO}{sentence}\n\nThe session ended at noon.")).quotes
}

/// The indirect quotes whose text lies inside `sentence`.
fn indirect_in(sentence: &str) -> Vec<Quote> {
    quotes(sentence)
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Indirect && sentence.contains(q.text.as_str()))
        .collect()
}

/// Among `qs`, an indirect quote whose text is `text`.
fn assert_reported(qs: &[Quote], text: &str) {
    assert!(qs.iter().any(|q| q.text == text), "{text:?}: {qs:#?}");
}

/// No indirect quote lies inside `sentence`.
fn assert_no_indirect(sentence: &str) {
    let qs = indirect_in(sentence);
    assert!(qs.is_empty(), "{sentence}: {qs:#?}");
}

/// No indirect quote inside `sentence` starts with `start`.
fn assert_no_indirect_starting(sentence: &str, start: &str) {
    let qs = indirect_in(sentence);
    assert!(qs.iter().all(|q| !q.text.starts_with(start)), "{qs:#?}");
}

#[test]
fn an_expectation_in_the_passive_is_no_quote() {
    let s = "The council is expected to approve the new harbour plan on Friday.";
    assert_no_indirect(s);
}

#[test]
fn a_refusal_to_say_is_no_quote() {
    let s = "Lenz declined to say whether the harbour plan would be delayed again this year.";
    assert_no_indirect_starting(s, "say whether");
}

#[test]
fn a_cue_word_used_as_a_noun_is_no_cue() {
    for s in [
        "A big question remains about the cost of the new harbour and its roads.",
        "Lenz's comments came as hundreds of farmers gathered outside the town hall.",
        "Voters in several coastal states could decide the fate of the harbour plan.",
    ] {
        assert_no_indirect(s);
    }
}

#[test]
fn an_action_framing_another_event_is_no_quote() {
    for s in [
        "Ferries will stay in port until Friday after the dockers' union Marel rejected a new pay offer from the harbour board on Tuesday.",
        "Crews went back to the quays on Monday after their union and the harbour board agreed a new two-year deal in late talks.",
    ] {
        assert_no_indirect(s);
    }
}

#[test]
fn an_adverbial_participle_is_no_content() {
    let s = "Addressing farmers in the town hall on Monday evening, she described the damage to the crops.";
    assert_no_indirect_starting(s, "Addressing");
}

#[test]
fn a_headline_is_no_source_of_quotes() {
    let text = "Governor vows new harbour for Alden before the winter storms\n\n\
                Governor Maria Lenz of Kestria met farmers in Alden on Monday. \
                The session ended at noon.";
    let qs = extract(text).quotes;
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn according_to_after_the_clause() {
    let s = "The new harbour will cost about 40 million euros, according to a report by the port authority.";
    let qs = indirect_in(s);
    let q = qs
        .iter()
        .find(|q| q.text == "The new harbour will cost about 40 million euros")
        .unwrap_or_else(|| panic!("{qs:#?}"));
    assert_eq!(
        q.cue.as_ref().map(|c| c.text.as_str()),
        Some("according to")
    );
}

#[test]
fn according_to_a_plain_source() {
    let s = "According to regional data, farm incomes in Alden fell by a third last year.";
    let qs = indirect_in(s);
    assert_reported(&qs, "farm incomes in Alden fell by a third last year");
}

#[test]
fn a_verb_deep_in_a_relative_clause_is_not_the_attribution() {
    // The verb of the "who" clause is a few words after "who"; the sentence's own verb of
    // saying follows the clause, and what it reports is the quote.
    let s = "Farm Minister Paul Ober, who has spent months attacking the regional water board over its prices, said he had never seen the new tariffs.";
    let qs = indirect_in(s);
    assert!(
        qs.iter()
            .all(|q| !q.text.contains("attacking") && !q.text.contains("water board")),
        "{qs:#?}"
    );
    assert_reported(&qs, "he had never seen the new tariffs");
}

#[test]
fn the_question_before_the_comma_is_not_what_was_said() {
    // "Asked whether …, X said CONTENT": the question is no content of "said", and "Asked"
    // reports nothing the subject said.
    let s =
        "Asked whether the union would accept the new quotas, Lenz said the talks were going well.";
    let qs = indirect_in(s);
    assert!(qs.iter().all(|q| !q.text.contains("Asked")), "{qs:#?}");
    let s = "Asked whether she would run again, Lenz smiled and left the room.";
    assert_no_indirect(s);
}

#[test]
fn a_description_set_off_before_the_name_is_not_what_was_said() {
    let qs = quotes("The ferry will stop in May, another resident, Ida Holm told reporters.");
    assert_reported(&qs, "The ferry will stop in May");
    assert!(qs.iter().all(|q| !q.text.contains("resident")), "{qs:#?}");
}

/// "A description, A Name, praised the food.": a subject set off by commas, then the verb
/// and its object. Nothing before the comma was said, and the object after the verb is no
/// speaker (inversion puts a speaker after the verb: "…, said the mayor").
#[test]
fn a_subject_set_off_by_commas_is_no_statement_before_an_inverted_cue() {
    for sentence in [
        "Another guest, Mary Hale, praised the food.",
        "Her deputy, Tomas Grell, praised the new bridge.",
    ] {
        let qs = quotes(sentence);
        assert!(
            qs.iter()
                .all(|q| !q.text.contains("Hale") && !q.text.contains("Grell")),
            "{qs:#?}"
        );
        assert!(
            qs.iter().all(|q| !q
                .speaker
                .as_deref()
                .is_some_and(|s| s.contains("food") || s.contains("bridge"))),
            "{qs:#?}"
        );
    }
    // The inverted speaker itself still counts.
    let qs = indirect_in("The bridge will open in the spring, said the mayor.");
    assert_reported(&qs, "The bridge will open in the spring");
}

/// "state" and "states" are nouns far more often than verbs of saying: after a numeral, a
/// quantifier or a place they say nothing; after a pronoun, a document, or a noun with "that"
/// after, they report what a text says.
#[test]
fn state_as_a_noun_is_no_cue() {
    for sentence in [
        "The new survey of farmers in all 40 states revealed a sharp fall in prices.",
        "Two states voting next week, Arlen and Tarsk, are seen as close.",
        "She met the Kestria state delegate who leads the reform group.",
    ] {
        let qs = indirect_in(sentence);
        assert!(
            qs.iter().all(|q| {
                let cue = q.cue.as_ref().map(|c| c.text.to_lowercase());
                cue.as_deref() != Some("states") && cue.as_deref() != Some("state")
            }),
            "{sentence}: {qs:#?}"
        );
    }
    let qs = indirect_in("The charter states that the council must meet every month.");
    assert_reported(&qs, "that the council must meet every month");
    let qs = indirect_in("It states that the harbor will stay open all winter.");
    assert_reported(&qs, "that the harbor will stay open all winter");
}

/// An opening phrase before "X has argued that …" is no content: the cue has its own.
#[test]
fn an_opening_phrase_before_a_cue_with_its_own_that_clause_is_not_what_was_said() {
    let sentence =
        "In radio interviews and posts online, Lenz has argued that the council rigged the vote.";
    assert_no_indirect_starting(sentence, "In radio interviews");
    assert_reported(&indirect_in(sentence), "that the council rigged the vote");
}
