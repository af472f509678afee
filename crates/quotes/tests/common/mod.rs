//! What the extraction tests share.
#![allow(dead_code)] // each test file uses some of it

use quotetrace_model::Quote;

/// The quote whose text contains `needle`; the test fails, showing them all, when none does.
pub fn find<'a>(quotes: &'a [Quote], needle: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote containing {needle:?} in {quotes:#?}"))
}

/// The quote's speaker, or `<none>`.
pub fn speaker(q: &Quote) -> &str {
    q.speaker.as_deref().unwrap_or("<none>")
}

/// The quote of `text`'s extraction whose text contains `needle`.
pub fn quote_in(text: &str, needle: &str) -> Quote {
    find(&quotetrace_quotes::extract(text).quotes, needle).clone()
}

/// The speaker of the quote of `text`'s extraction whose text contains `needle`, or `<none>`.
pub fn speaker_in(text: &str, needle: &str) -> String {
    speaker(&quote_in(text, needle)).to_string()
}

/// The quote of `text`'s extraction whose text contains `needle`, checked to have the speaker
/// `who`.
pub fn quote_by(text: &str, needle: &str, who: &str) -> Quote {
    let quotes = quotetrace_quotes::extract(text).quotes;
    let q = find(&quotes, needle).clone();
    assert_eq!(speaker(&q), who, "the speaker of {needle:?}");
    q
}

/// Checks that no quote's text contains any of `needles`.
pub fn assert_none_contains(quotes: &[Quote], needles: &[&str]) {
    for needle in needles {
        assert!(
            quotes.iter().all(|q| !q.text.contains(needle)),
            "a quote contains {needle:?}: {quotes:#?}"
        );
    }
}

/// For each `(article, words of a quote, its speaker, words its text must leave out)` (the
/// last may be empty): the quote's speaker, and that its text holds none of those words.
pub fn assert_speakers(cases: &[(&str, &str, &str, &str)]) {
    for &(text, needle, who, not) in cases {
        let q = quote_by(text, needle, who);
        assert!(not.is_empty() || !q.text.contains(not), "{q:#?}");
    }
}

/// The text of the speaker phrase of the quote of `text`'s extraction that contains `needle`.
pub fn mention_of(text: &str, needle: &str) -> Option<String> {
    let quotes = quotetrace_quotes::extract(text).quotes;
    let q = find(&quotes, needle);
    q.speaker_mention.as_ref().map(|m| m.text.clone())
}
