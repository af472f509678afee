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

/// A spelling key of one name word that transliterations of one name share: "Aleksei" and
/// "Alexei", "Oxner" and "Ochsner", "Mikhail" and "Mihhail", "Yuri" and "Jurij" (lower case,
/// accents folded, letters only; ks/chs/x, kh/h, ch, ph/f, w/v, y/j/i and doubled letters
/// written one way).
pub fn spelling_key(word: &str) -> String {
    let mut w: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(crate::embed::fold)
        .filter(|c| c.is_alphabetic())
        .collect();
    for (from, to) in [
        ("chs", "x"),
        ("sch", "sh"),
        ("tch", "ch"),
        ("ks", "x"),
        ("kh", "h"),
        ("ck", "k"),
        ("ph", "f"),
        ("w", "v"),
        ("y", "i"),
        ("j", "i"),
        ("ei", "i"),
        ("ie", "i"),
    ] {
        if w.contains(from) {
            w = w.replace(from, to);
        }
    }
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether two name words have one spelling key: "Aleksei" / "Alexei", not "Mark" / "Mary".
pub fn same_spelling(a: &str, b: &str) -> bool {
    let ka = spelling_key(a);
    !ka.is_empty() && ka == spelling_key(b)
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j + 1] + 1)
                    .min(cur[j] + 1)
                    .min(prev[j] + usize::from(ca != cb)),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether two name words may be one name in two transliterations: the same spelling key, or
/// keys of four letters or more one edit apart (two for keys of eight or more).
pub fn same_name_word(a: &str, b: &str) -> bool {
    let (ka, kb) = (spelling_key(a), spelling_key(b));
    if ka == kb {
        return !ka.is_empty();
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (ka.chars().collect(), kb.chars().collect());
    let n = ca.len().min(cb.len());
    n >= 4
        && ca.len().abs_diff(cb.len()) <= 2
        && edit_distance(&ca, &cb) <= if n >= 8 { 2 } else { 1 }
}

/// Whether two first names may be one name in two transliterations: the same spelling key,
/// or, when they have three consonants or more, the same consonants in the same order and the
/// same last letter ("Aleksandr" / "Alexander", "Yevgeny" / "Evgeni": transliterations differ
/// mostly in their inner vowels; the last one often tells "Alexander" from "Alexandra").
/// "Mark" / "Mary" and "Anna" / "Ian" are not.
pub fn same_first_name(a: &str, b: &str) -> bool {
    let (ka, kb) = (spelling_key(a), spelling_key(b));
    if ka.is_empty() {
        return false;
    }
    if ka == kb {
        return true;
    }
    let consonants = |k: &str| -> String { k.chars().filter(|c| !"aeiou".contains(*c)).collect() };
    let ca = consonants(&ka);
    ca.chars().count() >= 3 && ca == consonants(&kb) && ka.chars().last() == kb.chars().last()
}

/// Whether a speaker name names someone in full, so that a different full name can be told
/// from it: the shape of a name ([`is_speaker_name`]) in two words or more besides connectors
/// ("Vladimir Putin", "RIA Novosti"). One word ("TASS", "Ministry", "Moscow", a bare surname,
/// a sentence word taken for a speaker) and descriptions ("the woman") are not: across
/// translations of one statement such a speaker is the one most often worded differently or
/// wrongly, and two of them, or one and a full name, do not show two different people.
pub fn is_full_name(name: &str) -> bool {
    is_speaker_name(name)
        && name
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty() && CONNECTORS.binary_search(&w.as_str()).is_err())
            .count()
            >= 2
}

/// Whether two speaker names from different articles may name one person, as a translation
/// writes it: the last words (surnames) spelled alike ([`same_name_word`]) and, when both have
/// more words, a first name of one that may be one of the other's other words
/// ([`same_first_name`]: "Khabarovsk Territory Mikhail Degtyarev" and "Mikhail Degtyarev";
/// role words glued to the name are ignored). "Bill Clinton" and "Hillary Clinton" are not;
/// "Putin" and "Peskov" are not.
pub fn may_be_same_speaker(a: &str, b: &str) -> bool {
    let words = |n: &str| -> Vec<String> {
        n.split(|c: char| !c.is_alphabetic() && c != '\'')
            .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let (Some(la), Some(lb)) = (wa.last(), wb.last()) else {
        return false;
    };
    if !same_name_word(la, lb) {
        return false;
    }
    if wa.len() < 2 || wb.len() < 2 {
        return true;
    }
    let rest_a = &wa[..wa.len() - 1];
    let rest_b = &wb[..wb.len() - 1];
    rest_a.iter().any(|w| same_first_name(w, &wb[0]))
        || rest_b.iter().any(|w| same_first_name(w, &wa[0]))
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
    #[test]
    fn transliterations_of_one_name_match() {
        for (a, b) in [
            ("Aleksei Krivoruchko", "Alexei Krivoruchko"),
            ("Oxner", "Ochsner"),
            ("Mikhail Korb", "Mihhail Korb"),
            (
                "Khabarovsk Territory Mikhail Degtyarev",
                "Mikhail Degtyarev",
            ),
            ("Yuri Gagarin", "Jurij Gagarin"),
            ("Dmitry Peskov", "Dmitri Peskov"),
            ("Peskov", "Dmitry Peskov"),
            ("Aleksandr Petrov", "Alexander Petrov"),
            ("Yevgeny Sokolov", "Evgeni Sokolov"),
        ] {
            assert!(may_be_same_speaker(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Bill Clinton", "Hillary Clinton"),
            ("Putin", "Peskov"),
            ("Anna Weiss", "Anna Weber"),
            ("Mark Sand", "Mary Sand"),
            ("Anna Sand", "Ian Sand"),
            ("Alexander Petrov", "Alexandra Petrova"),
            ("Yevgeny Sokolov", "Yevgenia Sokolova"),
            ("Lee", "Li Wei"),
            ("", "Mira Sand"),
        ] {
            assert!(!may_be_same_speaker(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn full_names_and_the_rest() {
        for name in [
            "Vladimir Putin",
            "RIA Novosti",
            "Department of the Treasury",
            "J. K. Rowling",
        ] {
            assert!(is_full_name(name), "{name}");
        }
        for name in [
            "Putin",
            "TASS",
            "Ministry",
            "the woman",
            "police",
            "the Ministry",
            "",
        ] {
            assert!(!is_full_name(name), "{name}");
        }
    }
}
