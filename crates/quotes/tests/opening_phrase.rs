//! A sentence that opens with a phrase and a comma ("Speaking in Harlem, …", "Moreover, …")
//! before its subject: the opening word is never the speaker; the subject after the comma is.
//! Nor is a time phrase between the subject and its verb ("Police have this morning said").

mod common;
use common::{assert_speakers, mention_of};

#[test]
fn the_subject_after_an_opening_phrase_speaks() {
    assert_speakers(&[
        (
            "Party rifts\n\nSenator Anna Lund spoke on Sunday television.\n\nSpeaking later on the same show, Sen. Mara Quist (D-Ore.), who has endorsed Lund, said Lund has pushed the party to be bolder on trade.",
            "pushed the party to be bolder",
            "Mara Quist",
            "",
        ),
        (
            "Climate plans\n\nMoreover, Jeffrey D. Sachs, director of the Earth Institute at Columbia University, noted this week that most of those plans run only to 2030.",
            "run only to 2030",
            "Jeffrey D. Sachs",
            "",
        ),
        (
            "Party rifts\n\nSenator Anna Lund spoke in Harlem on Sunday.\n\nSpeaking in Harlem, Lund, without naming him, also accused Mara Quist of being late to the issue of housing.",
            "late to the issue of housing",
            "Anna Lund",
            "",
        ),
        // A single capitalised word in -ing before the comma may be a name.
        (
            "Coaching news\n\nManning, the team's longtime coach, said the young players had worked hard all season.",
            "worked hard all season",
            "Manning",
            "",
        ),
    ]);
}

#[test]
fn a_time_phrase_before_the_verb_is_not_the_subject() {
    let text = "Road works\n\nThe county engineers have this morning said that the road would stay closed until Friday.";
    let mention = mention_of(text, "stay closed until Friday");
    assert_eq!(mention.as_deref(), Some("The county engineers"));
}
