//! Typewriter quotation marks (PTB style, as some corpora and old wire copy have them):
//! ` ``…'' ` and `"…''` pair like any other marks, and their quotes are attributed.

use quotetrace_quotes::extract;

mod common;
use common::find;

#[test]
fn backticks_and_double_apostrophes() {
    let text = "Mayor Marta Kowalski visited the broken bridge on Monday.\n\n``We will rebuild it before winter,'' Kowalski said. ``Nobody here will be cut off for long.''";
    let quotes = extract(text).quotes;
    let q = find(&quotes, "rebuild it before winter");
    // Interrupted by its attribution: one quote, the quoted pieces without the marks.
    assert!(q.text.starts_with("We will rebuild"), "{q:#?}");
    assert!(q.text.ends_with("cut off for long."), "{q:#?}");
    assert!(
        q.verbatim
            .iter()
            .all(|v| !v.text.contains('`') && !v.text.contains("''")),
        "{q:#?}"
    );
    assert_eq!(q.speaker.as_deref(), Some("Marta Kowalski"));
}

#[test]
fn straight_opening_and_double_apostrophe_closing() {
    let text = "The singer checked into a clinic, her representative Jack Orren told a magazine.\n\n\"We appreciate your respect for her privacy at this time,'' Orren said.";
    let quotes = extract(text).quotes;
    let q = find(&quotes, "appreciate your respect");
    assert!(q.text.ends_with("at this time,"), "{q:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Jack Orren"));
}
