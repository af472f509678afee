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
