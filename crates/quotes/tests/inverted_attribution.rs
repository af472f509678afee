//! Attributions that come after what was said, the verb before its subject: `"…" that Jones
//! can win, said Mary Olsen.` (a quoted sentence that goes on after its quotation) and
//! `The race will be tight, said Dan Pike, director of Pike Media.` (reported speech). The
//! speaker is the subject after `said`, not a name inside the content nor the previous
//! paragraph's speaker, and the content is what comes before the comma, not the name.

use quotetrace_quotes::extract;

mod common;
use common::find;

/// The speaker of the quote containing `words` in `text`.
fn speaker_of(text: &str, words: &str) -> Option<String> {
    find(&extract(text).quotes, words).speaker.clone()
}

#[test]
fn a_clause_then_said_and_the_name() {
    // (article, words of a quote, its speaker)
    let cases = [
        (
            "The race tightens in Ohio\n\n\"He can claim it, but it looks very unlikely\" that Jones can beat Smith, said Mary Olsen, a strategist for the party.",
            "looks very unlikely",
            "Mary Olsen",
        ),
        // An if-clause, after another speaker's quote.
        (
            "The race tightens in Ohio\n\n\"The numbers do not add up,\" said Mary Olsen, who backs Smith.\n\n\"Many would call that a failure for Tom Reyes\" if he lost by more than that, said Carl Bishop, an analyst at the Harbor Institute.",
            "would call that a failure",
            "Carl Bishop",
        ),
        (
            "The race tightens in Ohio\n\n\"The numbers do not add up,\" said Mary Olsen, who backs Smith.\n\n\"Many would call that a failure for Tom Reyes\" if he lost by more than that, said Carl Bishop, an analyst at the Harbor Institute.",
            "do not add up",
            "Mary Olsen",
        ),
    ];
    for (text, words, speaker) in cases {
        assert_eq!(speaker_of(text, words).as_deref(), Some(speaker), "{words}");
    }
}

#[test]
fn a_because_clause_then_says_and_a_description() {
    let text = "Harbor plans\n\nPort director Lena Voss spoke first.\n\n\"We will not sell the docks\" because the city needs them, says a spokesman for the harbour board.";
    let quotes = extract(text).quotes;
    let q = find(&quotes, "not sell the docks");
    assert_ne!(q.speaker.as_deref(), Some("Lena Voss"), "{q:#?}");
    assert!(
        q.speaker_mention
            .as_ref()
            .is_some_and(|m| m.text.contains("spokesman")),
        "{q:#?}"
    );
}

#[test]
fn a_participle_after_the_clause_is_not_an_attribution() {
    // `, saying that one would …` is an adjunct of the sentence: "that one" is no speaker.
    let text = "Campaign trail\n\nThe campaign posted a video from an account called \"Fair Play\" that showed the senator discussing his bills, saying that one would cut taxes.";
    for q in extract(text).quotes {
        assert!(
            !q.speaker.as_deref().unwrap_or("").starts_with("that"),
            "{q:#?}"
        );
    }
}

#[test]
fn an_apposition_before_said_keeps_its_name() {
    // A lower-case description is a subject, not a clause: the name in apposition speaks.
    let text =
        "Campaign trail\n\n\"We are ready for a long fight,\" a top strategist, John Weaver, said.";
    assert_eq!(
        speaker_of(text, "ready for a long fight").as_deref(),
        Some("John Weaver")
    );
}

#[test]
fn reported_speech_then_said_and_a_described_name() {
    let text = "The race tightens in Ohio\n\nEven as the race moves to Ohio, a state she hoped to carry easily, the race will be tight, said Dan Pike, director of Pike Media and an independent analyst in Columbus.";
    let quotes = extract(text).quotes;
    let q = find(&quotes, "the race will be tight");
    assert_eq!(q.speaker.as_deref(), Some("Dan Pike"), "{q:#?}");
    assert!(!q.text.contains("director"), "{q:#?}");
    assert!(
        quotes.iter().all(|q| !q.text.starts_with("Dan Pike")),
        "{quotes:#?}"
    );
}

#[test]
fn a_name_that_goes_on_with_a_verb_is_what_was_said() {
    // "said Clinton reached out": Clinton is the subject of the content, the speaker is the
    // one before the verb.
    let text = "Diplomacy\n\nPeter Lund, who served as ambassador to Norway until last year, said Clinton reached out to the minister during her first month in office.";
    let quotes = extract(text).quotes;
    let q = find(&quotes, "reached out to the minister");
    assert_eq!(q.speaker.as_deref(), Some("Peter Lund"), "{q:#?}");
}
