//! Words that modify a role noun and belong with it, not with the name after it ("former
//! Deputy Secretary", "U.S. Attorney").

use crate::lower::WordSet;

/// Modifiers of a role noun in a speaker phrase ("former", "Russian", "Finance"); words in
/// "-ian", "-ese" and "-ish" count too.
pub(crate) static ROLE_MODIFIERS: WordSet = WordSet::new(&[
    "acting",
    "american",
    "campaign",
    "chief",
    "democratic",
    "deputy",
    "finance",
    "foreign",
    "former",
    "republican",
    "russian",
    "senior",
    "state",
    "u.s.",
    "vice",
]);

/// Words of a capitalised run that belong with the role words before a name, not with the
/// name ("Former", "U.S.", "White House"), besides titles, role nouns and demonyms.
pub(crate) static ROLE_RUN_WORDS: WordSet = WordSet::new(&[
    "acting",
    "attorney",
    "chief",
    "defence",
    "defense",
    "democratic",
    "deputy",
    "federal",
    "finance",
    "first",
    "foreign",
    "former",
    "general",
    "gop",
    "house",
    "interior",
    "republican",
    "senior",
    "state",
    "then",
    "top",
    "u.s.",
    "us",
    "vice",
    "white",
]);
