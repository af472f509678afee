//! A document or a channel credited to whoever owns it: "her statement", "Brenner's Facebook
//! page", "the ministry's report" say what that person or body said (the canonical speaker
//! guidelines credit reports, ads and statements to whoever the article says made them). A
//! person of the owner's ("her spokesman") is someone else and stays a description.

use super::super::words::*;
use super::super::*;

/// Head nouns of where a person or body publishes, besides the documents of
/// `lexicon::DOCUMENTS` ("her Twitter account", "the party's website").
const CHANNELS: &[&str] = &[
    "account",
    "blog",
    "channel",
    "feed",
    "handle",
    "newsletter",
    "page",
    "podcast",
    "site",
    "website",
];
/// Possessive pronouns that name an owner.
const OWNERS: &[&str] = &["his", "her", "their", "its"];
/// The most words between the owner and the head noun ("his official Twitter account").
const MODIFIERS: usize = 3;
/// Words that may stand between the owner and the head noun besides names ("Twitter",
/// "Senate"): a document of the owner's own, not one of a body the owner runs ("Trump's
/// campaign statement" is the campaign's).
const QUALIFIERS: &[&str] = &[
    "daily", "formal", "latest", "new", "official", "own", "personal", "public", "recent",
    "verified", "weekly", "written",
];

impl Doc<'_> {
    /// The entity that owns the document or channel the description `words` (starting at
    /// token `np.start`) names: a possessive pronoun resolved as a pronoun, or a name with
    /// "'s" resolved as a name. `None` when the phrase is no such thing or the owner is
    /// unknown.
    pub(super) fn document_owner(
        &self,
        toks: &[Token],
        np: Np,
        words: &[&str],
        para_idx: usize,
        window_start: usize,
    ) -> Option<usize> {
        let [first, .., head] = words else {
            return None;
        };
        if !is_publication(head) || self.noun_after(toks, np.end) {
            return None;
        }
        let pos = toks[np.start].start;
        if lower_is(first, OWNERS) {
            if words.len() > MODIFIERS + 2
                || !words[1..words.len() - 1].iter().all(|w| qualifier(w))
            {
                return None;
            }
            let p = lexicon::pronoun(first)?;
            let scope = Scope {
                pos,
                window_start,
                sentence_start: self.sentence_of(para_idx, pos).start,
                named_in_content: &[],
            };
            return self.resolver.resolve_pronoun(scope, p);
        }
        // "Brenner's", "the FBI's", "Donald Trump's": the owner's words end in "'s".
        let k = words.iter().position(|w| is_possessive(w))?;
        let owner: Vec<&str> = words[..=k]
            .iter()
            .copied()
            .skip_while(|w| lower_is(w, &["the"]))
            .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
            .collect();
        let between = &words[k + 1..words.len() - 1];
        if owner.is_empty()
            || between.len() > MODIFIERS
            || !between.iter().all(|w| qualifier(w))
            || !owner.iter().all(|w| is_cap(w) && is_name_word(w))
        {
            return None;
        }
        self.resolver.resolve_name(&owner, pos)
    }
}

/// A word that may stand between the owner and the noun: a name ("Twitter") or a qualifier.
fn qualifier(w: &str) -> bool {
    !is_possessive(w) && ((is_cap(w) && is_name_word(w)) || lower_is(w, QUALIFIERS))
}

/// A document or channel noun, singular or plural ("statement", "tweets", "account").
fn is_publication(head: &str) -> bool {
    let found = |w: &str| lexicon::DOCUMENTS.contains_lower(w) || lower_is(w, CHANNELS);
    found(head) || head.strip_suffix('s').is_some_and(found)
}
