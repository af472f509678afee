//! A quoted sentence that goes on after its quotation: `"…" that Jones can win, said Mary
//! Olsen.` The clause after the closing mark belongs to what was said; the speaker is the
//! subject after `said`, not a name inside the clause nor the previous paragraph's speaker.

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
