//! "Mayor Ruth Ames, who said …": a relative clause reports what the phrase before its comma
//! said. Inside the sentence's subject the clause ends at its comma; when the sentence has its
//! own reporting verb after it, that verb is the attribution.

use quotetrace_quotes::extract;

mod common;
use common::find;

#[test]
fn who_said_speaks_for_the_phrase_before_it() {
    // (article, words of a reported statement, its speaker, words it must not hold)
    let cases = [
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
    ];
    for (text, words, speaker, not) in cases {
        let quotes = extract(text).quotes;
        let q = find(&quotes, words);
        assert_eq!(q.speaker.as_deref(), Some(speaker), "{q:#?}");
        assert!(!q.text.contains(not), "{q:#?}");
    }
}

#[test]
fn the_sentence_verb_after_a_relative_clause_is_the_attribution() {
    let text = "Chip deal\n\nMaria Feld, who also spoke with reporters on Wednesday, said the new design would ship in the spring.";
    let quotes = extract(text).quotes;
    let q = find(&quotes, "ship in the spring");
    assert_eq!(q.speaker.as_deref(), Some("Maria Feld"), "{q:#?}");
    assert!(!q.text.contains("with reporters"), "{q:#?}");
}

#[test]
fn an_apposition_then_said_and_a_clause_is_not_inverted() {
    // "…, said the new design would ship": a clause after the verb, so the phrase before
    // the comma speaks; "…, said Lena Ward of the port authority." is an inverted subject.
    let text = "Chip deal\n\nMaria Feld, the chief executive, said the new design would ship in the spring.\n\nThe crane was hit by lightning, said Lena Ward of the port authority.";
    let quotes = extract(text).quotes;
    let q = find(&quotes, "ship in the spring");
    assert_eq!(q.speaker.as_deref(), Some("Maria Feld"), "{q:#?}");
    assert!(!q.text.contains("chief executive"), "{q:#?}");
    let q = find(&quotes, "hit by lightning");
    assert_eq!(q.speaker.as_deref(), Some("Lena Ward"), "{q:#?}");
}

#[test]
fn a_relative_clause_without_commas_belongs_to_its_subject() {
    // "The officer who fired the shot says …": the shot does not speak.
    let text = "Arrest in Millbrook\n\nThe officer who fired the shot says he acted in self-defence during the struggle.";
    let quotes = extract(text).quotes;
    let q = find(&quotes, "acted in self-defence");
    let mention = q.speaker_mention.as_ref().map(|m| m.text.as_str());
    assert_eq!(mention, Some("The officer"), "{q:#?}");
}
