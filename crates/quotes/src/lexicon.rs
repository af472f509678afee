//! Word lists the attribution rules rest on: reporting verbs, pronouns, titles, roles,
//! organisation words, first names (for gender agreement of pronouns), places, documents
//! and the function words that bound phrases. One file per kind of word.
//!
//! Every list is a sorted, lower-case slice of words (or of words with a value), looked up
//! in its hash set or map (`WordSet`, `WordMap` of the crate's `lower` module) built on first
//! use; `tests.rs` checks every list.
//! The first names are generated data, `first_names.tsv` (train/first_names.py), which
//! `first_names.rs` reads into a table when the crate is compiled; the learned cue words stay
//! beside their generator's other output in `attribution/reported/`.

mod bodies;
mod cues;
mod documents;
mod first_names;
mod grammar;
mod modifiers;
mod names;
mod orgs;
mod particles;
mod people;
mod places;
mod pronouns;
mod roles;
mod stopwords;
#[cfg(test)]
mod tests;
mod verbs;

pub(crate) use bodies::{body_kind, BodyKind, BODY_KINDS, COUNTRY_HEADS};
pub(crate) use cues::{DOCUMENT_CUES, IRREGULAR_PASTS, ISSUE_VERBS, POSITION_CUES, SAYING_FORMS};
pub(crate) use documents::{DOCUMENTS, DOCUMENT_SOURCES, MADE_BY_BODIES};
pub(crate) use grammar::{
    ADVERBS, AFFILIATION_PREPOSITIONS, AUXILIARIES, BEFORE_NOUN, BE_CATENATIVES, BE_FORMS,
    CATENATIVE_VERBS, CIRCUMSTANCE, CLAUSE_BREAKS, CLAUSE_OPENERS, CONTRACTED, CUT_AFTER, FINITE,
    NP_STOP, PARTICLES, PLURAL_DETERMINERS, QUOTE_TITLE_SMALL_WORDS, SENTENCE_OPENERS,
    SINGULAR_DETERMINERS, TITLE_SMALL_WORDS,
};
pub(crate) use modifiers::{ROLE_MODIFIERS, ROLE_RUN_WORDS};
pub use names::{first_name_gender, is_female_name, is_first_name};
pub use orgs::is_org_word;
pub(crate) use particles::{NAME_CONNECTORS, NAME_PARTICLES};
pub(crate) use people::{KIN, PEOPLE_PLURALS};
pub(crate) use places::{capital_country, is_country, DEMONYMS_IN_I, IRREGULAR_DEMONYMS};
pub use places::{has_place_head, is_place, place_prefix};
pub(crate) use pronouns::without_clitic;
pub(crate) use pronouns::OBLIQUE_PRONOUNS;
pub use pronouns::{pronoun, Pronoun};
pub use roles::{is_title, role_class};
pub(crate) use roles::{DETERMINERS, TITLE_GENDERS};
pub use stopwords::is_capitalised_stopword;
pub use verbs::{inflect, reporting_verb, VerbInfo};
