//! A document credited to the body named before it: "A Quinnipiac University poll found",
//! "a new CNN poll", "an NYPD release", "a Pentagon readout said" are what that body found or
//! said (the canonical speaker guidelines credit polls, reports and statements to
//! whoever the article says made them). A person's name there ("the Clinton statement") is
//! left as written: a document about a person is not always theirs.

use super::super::words::*;
use super::super::*;

/// Lower-case words that may open the phrase before the maker's name; a capitalised
/// determiner may open it too ("A", "The").
const OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "new",
    "latest",
    "recent",
    "earlier",
    "last",
    "first",
    "second",
    "internal",
    "annual",
    "confidential",
    "leaked",
];

impl Doc<'_> {
    /// The body of the article the maker's name before a document noun resolves to.
    pub(super) fn document_maker(&self, words: &[&str], pos: usize) -> Option<usize> {
        let maker = maker_words(words)?;
        self.resolver
            .resolve_name(&maker, pos)
            .filter(|&e| self.resolver.entities[e].is_org)
    }
}

/// The maker's name as the speaker when the article has no entity for it, and it reads as a
/// body: a word such as "University" or "Commission" in it, or every word an abbreviation
/// ("CNN", "F.A.A.").
pub(super) fn maker_named(words: &[&str]) -> Option<String> {
    let maker = maker_words(words)?;
    let body =
        maker.iter().any(|w| lexicon::is_org_word(w)) || maker.iter().all(|w| is_abbreviation(w));
    body.then(|| maker.join(" "))
}

/// The capitalised words between the opening words and a document noun ("poll", "records",
/// "report"), when there are any and nothing else stands there.
fn maker_words<'w>(words: &[&'w str]) -> Option<Vec<&'w str>> {
    let [before @ .., head] = words else {
        return None;
    };
    // A common noun: "Survey" in "the United States Geological Survey" ends a name.
    let made = |w: &str| lexicon::MADE_BY_BODIES.contains(w);
    if !(made(head) || head.strip_suffix('s').is_some_and(made)) {
        return None;
    }
    let opener = |(i, w): &(usize, &&str)| {
        OPENERS.contains(w) || (*i == 0 && lower_is(w, &["a", "an", "the", "this"]))
    };
    let maker: Vec<&str> = before
        .iter()
        .enumerate()
        .skip_while(opener)
        .map(|(_, w)| *w)
        .collect();
    // Capitalised words ("New York Times": "New" alone would be a capitalised stopword).
    let named = maker.iter().any(|w| is_name_word(w))
        && maker.iter().all(|w| {
            is_cap(w)
                && !is_possessive(w)
                && !lexicon::is_title(w)
                && lexicon::role_class(w).is_none()
        });
    named.then_some(maker)
}
