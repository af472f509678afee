//! Whether a speaker name from one article can name a speaker across the corpus.
//!
//! Extraction sometimes gives a quote a "speaker" that names nobody: a description ("police",
//! "a spokesman", "the company"), a clause fragment ("A government official downplayed the
//! unrest"), a sentence-opening word ("Once Microsoft", "Shortly"), a box-score line. Such a
//! name says who spoke in its own article at best; merged across the corpus it becomes one
//! "speaker" quoted in many unrelated stories. This module tells names from the rest by their
//! shape alone, so the corpus can keep the others to their article.
//!
//! Not for: deciding who spoke (extraction does that) or whether two names are one person
//! (`speakers`).

/// Words that may stand lower-case inside a name ("Department of the Treasury", "Ludwig van
/// Beethoven", "Osama bin Laden").
const CONNECTORS: &[&str] = &[
    "&", "al", "and", "bin", "da", "de", "del", "della", "der", "des", "di", "do", "dos", "du",
    "el", "for", "la", "le", "of", "on", "the", "van", "von", "y", "zu",
];

/// Closed-class words that open a sentence but never a name: conjunctions, sentence adverbs
/// and the like ("Once Microsoft said", "Shortly after, ...").
const OPENERS: &[&str] = &[
    "according",
    "after",
    "also",
    "although",
    "and",
    "as",
    "asked",
    "because",
    "before",
    "but",
    "earlier",
    "however",
    "if",
    "initial",
    "initially",
    "later",
    "meanwhile",
    "once",
    "or",
    "shortly",
    "since",
    "so",
    "speaking",
    "still",
    "then",
    "though",
    "when",
    "while",
    "yet",
];

/// The most words a name has ("Academy of Motion Picture Arts and Sciences" has seven).
const MAX_WORDS: usize = 8;

/// Whether `name` has the shape of a person's or a body's name: at most eight words, no
/// digits, every word capitalised except connectors (or written in a script without case),
/// and not opened by a conjunction or sentence adverb. "police", "a spokesman", "the company"
/// and clause fragments are not names: their quotes keep them as their article's description.
pub fn is_speaker_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_WORDS {
        return false;
    }
    if name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let first = words[0]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if OPENERS.binary_search(&first.as_str()).is_ok() {
        return false;
    }
    let mut content = 0;
    for w in &words {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let lower = bare.to_lowercase();
        if CONNECTORS.binary_search(&lower.as_str()).is_ok() {
            continue;
        }
        content += 1;
        let Some(c) = bare.chars().next() else {
            continue;
        };
        // A word in a script without case (Chinese, Arabic) cannot show it.
        let cased = bare.chars().any(|c| c.is_lowercase() || c.is_uppercase());
        if cased && !c.is_uppercase() {
            return false;
        }
    }
    content > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [CONNECTORS, OPENERS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn names_of_people_and_bodies_pass() {
        for name in [
            "Mira Sand",
            "Jean-Luc Moreau",
            "O'Brien",
            "Ludwig van Beethoven",
            "Department of the Treasury",
            "the Justice Department",
            "Academy of Motion Picture Arts and Sciences",
            "Police",
            "Dr. Anna Weiss",
            "J. K. Rowling",
            "Владимир Путин",
            "習近平",
        ] {
            assert!(is_speaker_name(name), "{name}");
        }
    }

    #[test]
    fn descriptions_fragments_and_openers_do_not() {
        for name in [
            "police",
            "a spokesman",
            "the company",
            "officials",
            "A city official played down the flooding",
            "Several hundred residents gathered near the square",
            "Once Northwind",
            "Shortly",
            "Initial",
            "Harlow 3-4 2",
            "",
            "The Harbour Board and the Port Authority of the Northern Isles",
        ] {
            assert!(!is_speaker_name(name), "{name}");
        }
    }
}
