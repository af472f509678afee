//! Attributions that come after what was said, the verb before its subject: `"…" that Jones
//! can win, said Mary Olsen.` (a quoted sentence that goes on after its quotation) and
//! `The race will be tight, said Dan Pike, director of Pike Media.` (reported speech). The
//! speaker is the subject after `said`, not a name inside the content nor the previous
//! paragraph's speaker, and the content is what comes before the comma, not the name.

use quotetrace_quotes::extract;

mod common;
use common::{assert_speakers, mention_of};

const TWO_ANALYSTS: &str = "The race tightens in Ohio\n\n\"The numbers do not add up,\" said Mary Olsen, who backs Smith.\n\n\"Many would call that a failure for Tom Reyes\" if he lost by more than that, said Carl Bishop, an analyst at the Harbor Institute.";

#[test]
fn the_subject_after_the_verb_speaks() {
    assert_speakers(&[
        (
            "The race tightens in Ohio\n\n\"He can claim it, but it looks very unlikely\" that Jones can beat Smith, said Mary Olsen, a strategist for the party.",
            "looks very unlikely",
            "Mary Olsen",
            "",
        ),
        // An if-clause, after another speaker's quote.
        (TWO_ANALYSTS, "would call that a failure", "Carl Bishop", ""),
        (TWO_ANALYSTS, "do not add up", "Mary Olsen", ""),
        // A lower-case description is a subject, not a clause: the name in apposition speaks.
        (
            "Campaign trail\n\n\"We are ready for a long fight,\" a top strategist, John Weaver, said.",
            "ready for a long fight",
            "John Weaver",
            "",
        ),
        // Reported speech: the content stops at the comma before the verb.
        (
            "The race tightens in Ohio\n\nEven as the race moves to Ohio, a state she hoped to carry easily, the race will be tight, said Dan Pike, director of Pike Media and an independent analyst in Columbus.",
            "the race will be tight",
            "Dan Pike",
            "director",
        ),
        // "said Clinton reached out": Clinton is the subject of the content, the speaker is
        // the one before the verb.
        (
            "Diplomacy\n\nPeter Lund, who served as ambassador to Norway until last year, said Clinton reached out to the minister during her first month in office.",
            "reached out to the minister",
            "Peter Lund",
            "",
        ),
    ]);
}

#[test]
fn a_because_clause_then_says_and_a_description() {
    let text = "Harbor plans\n\nPort director Lena Voss spoke first.\n\n\"We will not sell the docks\" because the city needs them, says a spokesman for the harbour board.";
    let mention = mention_of(text, "not sell the docks").unwrap_or_default();
    assert!(mention.contains("spokesman"), "{mention:?}");
}

#[test]
fn neither_a_participle_nor_an_inverted_name_is_content_or_speaker() {
    // `, saying that one would …` is an adjunct of the sentence: "that one" is no speaker;
    // and the name after an inverted "said" is never what was said.
    let texts = [
        "Campaign trail\n\nThe campaign posted a video from an account called \"Fair Play\" that showed the senator discussing his bills, saying that one would cut taxes.",
        "The race tightens in Ohio\n\nEven as the race moves to Ohio, the race will be tight, said Dan Pike, director of Pike Media.",
    ];
    for text in texts {
        for q in extract(text).quotes {
            let speaker = q.speaker.as_deref().unwrap_or("");
            assert!(
                !speaker.starts_with("that") && !q.text.starts_with("Dan Pike"),
                "{q:#?}"
            );
        }
    }
}
