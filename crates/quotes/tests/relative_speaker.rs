//! "Mayor Ruth Ames, who said …": a relative clause reports what the phrase before its comma
//! said. Inside the sentence's subject the clause ends at its comma; when the sentence has its
//! own reporting verb after it, that verb is the attribution.

mod common;
use common::{assert_speakers, mention_of};

#[test]
fn who_said_speaks_for_the_phrase_before_it() {
    assert_speakers(&[
        (
            "Budget fight\n\nThe plan drew fire from Mayor Ruth Ames, who said it would cost the city far too much.",
            "cost the city far too much",
            "Ruth Ames",
            "drew fire",
        ),
        (
            "Budget fight\n\nIt was backed by Governor Tom Reyes, who has long argued that the bridge must be rebuilt.",
            "the bridge must be rebuilt",
            "Tom Reyes",
            "backed",
        ),
        (
            "Budget fight\n\nCouncilman Dan Ortiz, who said the vote was rushed, asked for a delay of two weeks.",
            "the vote was rushed",
            "Dan Ortiz",
            "delay of two weeks",
        ),
        // The sentence's own verb after the clause is the attribution.
        (
            "Chip deal\n\nMaria Feld, who also spoke with reporters on Wednesday, said the new design would ship in the spring.",
            "ship in the spring",
            "Maria Feld",
            "with reporters",
        ),
        // "…, said the new design would ship": a clause after the verb, so the phrase before
        // the comma speaks; "…, said Lena Ward of the port authority." is an inverted subject.
        (
            "Chip deal\n\nMaria Feld, the chief executive, said the new design would ship in the spring.",
            "ship in the spring",
            "Maria Feld",
            "chief executive",
        ),
        (
            "Harbour\n\nThe crane was hit by lightning, said Lena Ward of the port authority.",
            "hit by lightning",
            "Lena Ward",
            "",
        ),
    ]);
}

#[test]
fn a_relative_clause_without_commas_belongs_to_its_subject() {
    // "The officer who fired the shot says …": the shot does not speak.
    let text = "Arrest in Millbrook\n\nThe officer who fired the shot says he acted in self-defence during the struggle.";
    assert_eq!(
        mention_of(text, "acted in self-defence").as_deref(),
        Some("The officer")
    );
}
