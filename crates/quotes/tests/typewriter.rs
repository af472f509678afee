//! Typewriter quotation marks (PTB style, as some corpora and old wire copy have them):
//! ` ``…'' `, `"…''` and `''…''` pair like any other marks, and their quotes are attributed.

mod common;
use common::quote_by;

#[test]
fn backticks_and_double_apostrophes() {
    let text = "Mayor Marta Kowalski visited the broken bridge on Monday.\n\n``We will rebuild it before winter,'' Kowalski said. ``Nobody here will be cut off for long.''";
    let q = quote_by(text, "rebuild it before winter", "Marta Kowalski");
    // Interrupted by its attribution: one quote, the quoted pieces without the marks.
    assert!(q.text.starts_with("We will rebuild"), "{q:#?}");
    assert!(q.text.ends_with("cut off for long."), "{q:#?}");
    assert!(
        q.verbatim
            .iter()
            .all(|v| !v.text.contains('`') && !v.text.contains("''")),
        "{q:#?}"
    );
}

#[test]
fn straight_opening_and_double_apostrophe_closing() {
    let text = "The singer checked into a clinic, her representative Jack Orren told a magazine.\n\n\"We appreciate your respect for her privacy at this time,'' Orren said.";
    let q = quote_by(text, "appreciate your respect", "Jack Orren");
    assert!(q.text.ends_with("at this time,"), "{q:#?}");
}

#[test]
fn backticks_after_a_sentence_of_the_same_paragraph() {
    // The quotation opens mid-paragraph, after a full stop: the backticks start a sentence
    // as “ does, so the quote is the quoted words and its speaker the one who said them.
    let text = "Officers searched the harbour all night. ``We will find him before the ferry leaves,'' said Chief Inspector Ada Brenner. The search went on.";
    let q = quote_by(text, "find him before the ferry", "Ada Brenner");
    assert!(q.text.starts_with("We will find him"), "{q:#?}");
    assert_eq!(q.kind, quotetrace_model::QuoteKind::Direct, "{q:#?}");
}

#[test]
fn two_apostrophes_on_both_sides() {
    let text = "Pier vote nears\n\n''Realistically, the most important part of this is the ferry schedule,'' said Greta Lind, a port director in the town.\n\nIn a speech in Westchester County on Tuesday night, Mr. Vance struck a measured tone. ''I will work hard for the town,'' he said.";
    let q = quote_by(text, "ferry schedule", "Greta Lind");
    assert_eq!(q.kind, quotetrace_model::QuoteKind::Direct, "{q:#?}");
    assert!(q.text.starts_with("Realistically"), "{q:#?}");
    let q = quote_by(text, "work hard for the town", "Vance");
    assert_eq!(q.kind, quotetrace_model::QuoteKind::Direct, "{q:#?}");
}
