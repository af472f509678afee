//! Every word list of the crate is sorted, free of duplicates and lower-case: the registry
//! below names them all, so that a new list is checked once it is added here.

use super::*;

/// `(name, words)` of a [`WordSet`](crate::lower::WordSet).
macro_rules! sets {
    ($($set:path),* $(,)?) => {
        [$((stringify!($set), $set.words())),*]
    };
}

/// `(name, words)` of a [`WordMap`](crate::lower::WordMap): its words, without the values.
macro_rules! maps {
    ($($map:path),* $(,)?) => {
        [$((stringify!($map), $map.entries().iter().map(|e| e.0).collect::<Vec<_>>())),*]
    };
}

/// Every word list: the lexicon's, and the generated ones kept beside their generator's
/// other output.
fn all_lists() -> Vec<(&'static str, Vec<&'static str>)> {
    let sets = sets![
        bodies::AGENCY_HEADS,
        bodies::AGENCY_NAMES,
        bodies::COMPANY_HEADS,
        bodies::COMPANY_NAMES,
        bodies::COUNTRY_HEADS,
        bodies::PRESS_HEADS,
        bodies::PRESS_NAMES,
        bodies::SCHOOL_HEADS,
        bodies::SCHOOL_NAMES,
        bodies::UNION_HEADS,
        bodies::UNION_NAMES,
        cues::DOCUMENT_CUES,
        cues::IRREGULAR_PASTS,
        cues::ISSUE_VERBS,
        cues::POSITION_CUES,
        cues::SAYING_FORMS,
        documents::DOCUMENTS,
        documents::DOCUMENT_SOURCES,
        documents::MADE_BY_BODIES,
        grammar::ADVERBS,
        grammar::AFFILIATION_PREPOSITIONS,
        grammar::AUXILIARIES,
        grammar::BEFORE_NOUN,
        grammar::BE_FORMS,
        grammar::CIRCUMSTANCE,
        grammar::CLAUSE_BREAKS,
        grammar::BE_CATENATIVES,
        grammar::CATENATIVE_VERBS,
        grammar::CLAUSE_OPENERS,
        grammar::SENTENCE_OPENERS,
        grammar::CONTRACTED,
        grammar::CUT_AFTER,
        grammar::FINITE,
        grammar::NP_STOP,
        grammar::PARTICLES,
        grammar::PLURAL_DETERMINERS,
        grammar::QUOTE_TITLE_SMALL_WORDS,
        grammar::SINGULAR_DETERMINERS,
        grammar::TITLE_SMALL_WORDS,
        modifiers::ROLE_MODIFIERS,
        modifiers::ROLE_RUN_WORDS,
        names::FEMALE_NAMES,
        orgs::ORG_WORDS,
        particles::NAME_CONNECTORS,
        particles::NAME_PARTICLES,
        people::PEOPLE_PLURALS,
        people::KIN,
        places::DEMONYMS_IN_I,
        places::IRREGULAR_DEMONYMS,
        places::PLACES,
        places::PLACE_HEADS,
        places::US_STATES,
        pronouns::OBLIQUE_PRONOUNS,
        roles::DETERMINERS,
        roles::TITLES,
        stopwords::STOPWORDS,
    ];
    let maps = maps![
        names::FIRST_NAME_GENDERS,
        pronouns::PRONOUNS,
        roles::ROLE_CLASSES,
        roles::TITLE_GENDERS,
    ];
    let slices = [
        ("verbs::LISTENER_LEMMAS", verbs::LISTENER_LEMMAS),
        ("verbs::MANNER_LEMMAS", verbs::MANNER_LEMMAS),
        ("verbs::SPEECH_LEMMAS", verbs::SPEECH_LEMMAS),
        ("verbs::STANCE_LEMMAS", verbs::STANCE_LEMMAS),
    ];
    let sets = sets.into_iter().map(|(n, w)| (n, w.to_vec()));
    let slices = slices.into_iter().map(|(n, w)| (n, w.to_vec()));
    let generated = crate::attribution::generated_word_lists()
        .into_iter()
        .map(|(n, w)| (n, w.to_vec()));
    sets.chain(maps).chain(slices).chain(generated).collect()
}

#[test]
fn every_list_is_sorted_unique_and_lower_case() {
    let lists = all_lists();
    assert!(lists.len() >= 50, "{} lists", lists.len());
    for (name, words) in &lists {
        assert!(!words.is_empty(), "{name} is empty");
        for pair in words.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{name}: {:?} before {:?} (unsorted or twice)",
                pair[0],
                pair[1]
            );
        }
        for w in words {
            assert_eq!(*w, w.to_lowercase(), "{name}: {w:?} is not lower-case");
        }
    }
}

#[test]
fn registry_names_each_list_once() {
    let lists = all_lists();
    let mut names: Vec<&str> = lists.iter().map(|l| l.0).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), lists.len());
}
