//! Personal pronouns that can stand for a speaker, with their gender and number.

use crate::lower::{WordMap, WordSet};

/// Personal pronouns that can be speakers, with their gender and number (any ASCII case).
pub fn pronoun(word: &str) -> Option<Pronoun> {
    PRONOUNS
        .get_ascii(word)
        .or_else(|| PRONOUNS.get_ascii(without_clitic(word)?))
}

/// A subject pronoun with an auxiliary's clitic ("she's said", "They've told", "he'd
/// warned", "I'm"): the pronoun; `None` for any other word ("it's" is mostly "it is" and
/// never a speaker, so it stays a word).
pub(crate) fn without_clitic(word: &str) -> Option<&str> {
    let (head, clitic) = word.split_once(['\'', '’'])?;
    let subject = ["he", "she", "i", "we", "they", "you"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(head));
    let auxiliary = ["s", "d", "ll", "ve", "re", "m"]
        .iter()
        .any(|c| c.eq_ignore_ascii_case(clitic));
    (subject && auxiliary).then_some(head)
}

/// The pronouns of [`pronoun`].
pub(crate) static PRONOUNS: WordMap<Pronoun> = WordMap::new(&[
    ("he", Pronoun::Male),
    ("her", Pronoun::Female),
    ("hers", Pronoun::Female),
    ("him", Pronoun::Male),
    ("his", Pronoun::Male),
    ("i", Pronoun::Local),
    ("it", Pronoun::Neuter),
    ("its", Pronoun::Neuter),
    ("me", Pronoun::Local),
    ("my", Pronoun::Local),
    ("our", Pronoun::Local),
    ("she", Pronoun::Female),
    ("their", Pronoun::Plural),
    ("them", Pronoun::Plural),
    ("they", Pronoun::Plural),
    ("us", Pronoun::Local),
    ("we", Pronoun::Local),
    ("you", Pronoun::Local),
]);

/// Object and possessive forms of the pronouns ("him", "their"): never the subject of a verb.
pub(crate) static OBLIQUE_PRONOUNS: WordSet = WordSet::new(&[
    "her", "him", "his", "its", "me", "my", "our", "their", "them", "us",
]);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    Male,
    Female,
    Plural,
    Neuter,
    /// First and second person: the speaker is whoever is speaking, not resolvable here.
    Local,
}
