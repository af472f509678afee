//! First names: whether a word is one, and its usual gender (for pronoun agreement).

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;

use crate::first_names::FIRST_NAMES;
use crate::lower::{with_lower, word_set, WordSet};

/// Common female first names, for pronoun agreement. Names not listed count as not female.
const FEMALE_NAMES: &[&str] = &[
    "abigail",
    "agnes",
    "alexandra",
    "alice",
    "alicia",
    "alison",
    "amanda",
    "amy",
    "ana",
    "andrea",
    "angela",
    "angelina",
    "ann",
    "anna",
    "anne",
    "annette",
    "april",
    "ashley",
    "barbara",
    "betsy",
    "betty",
    "beverly",
    "brenda",
    "brittany",
    "camila",
    "carly",
    "carla",
    "carmen",
    "carol",
    "caroline",
    "carolyn",
    "catherine",
    "cathy",
    "cecilia",
    "charlotte",
    "cheryl",
    "chloe",
    "christina",
    "christine",
    "claire",
    "claudia",
    "cynthia",
    "dana",
    "danielle",
    "debbie",
    "deborah",
    "debra",
    "denise",
    "diana",
    "diane",
    "donna",
    "doris",
    "dorothy",
    "edith",
    "elaine",
    "elena",
    "elisabeth",
    "elise",
    "elizabeth",
    "ella",
    "ellen",
    "emily",
    "emma",
    "erica",
    "erin",
    "eva",
    "eve",
    "evelyn",
    "fatima",
    "fiona",
    "frances",
    "gabrielle",
    "gina",
    "giorgia",
    "gloria",
    "grace",
    "hannah",
    "heather",
    "heidi",
    "helen",
    "helena",
    "hillary",
    "hilary",
    "holly",
    "hope",
    "ilhan",
    "ingrid",
    "irene",
    "isabel",
    "isabella",
    "ivanka",
    "jacqueline",
    "jan",
    "jane",
    "janet",
    "janice",
    "jasmine",
    "jean",
    "jeanne",
    "jennifer",
    "jenny",
    "jessica",
    "jill",
    "joan",
    "joanna",
    "jodi",
    "josephine",
    "joy",
    "joyce",
    "judith",
    "judy",
    "julia",
    "julie",
    "june",
    "karen",
    "kate",
    "katherine",
    "kathleen",
    "kathryn",
    "kathy",
    "katie",
    "kayleigh",
    "kellyanne",
    "kelly",
    "kimberly",
    "kirsten",
    "kristen",
    "kristi",
    "kamala",
    "laura",
    "lauren",
    "leah",
    "linda",
    "lisa",
    "liz",
    "loretta",
    "lori",
    "louise",
    "lucy",
    "lydia",
    "lynn",
    "madeleine",
    "maggie",
    "maria",
    "marie",
    "marina",
    "marine",
    "marsha",
    "martha",
    "mary",
    "maxine",
    "megan",
    "meghan",
    "melania",
    "melissa",
    "michelle",
    "mia",
    "mildred",
    "mira",
    "miriam",
    "molly",
    "monica",
    "nancy",
    "natalia",
    "natalie",
    "nicole",
    "nikki",
    "nina",
    "olga",
    "olivia",
    "pamela",
    "patricia",
    "paula",
    "pauline",
    "peggy",
    "penny",
    "rachel",
    "rebecca",
    "regina",
    "rita",
    "roberta",
    "rosa",
    "rose",
    "ruth",
    "sabrina",
    "sally",
    "samantha",
    "sandra",
    "sara",
    "sarah",
    "sharon",
    "sheila",
    "shirley",
    "sofia",
    "sonia",
    "sophie",
    "stephanie",
    "susan",
    "suzanne",
    "sylvia",
    "tammy",
    "tara",
    "teresa",
    "theresa",
    "tiffany",
    "tina",
    "tracy",
    "tulsi",
    "ursula",
    "valerie",
    "vanessa",
    "victoria",
    "virginia",
    "wendy",
    "yulia",
    "zoe",
    "marta",
    "elzbieta",
    "agata",
    "ingeborg",
    "greta",
    "annalena",
    "angelika",
    "magdalena",
    "svetlana",
    "tatiana",
    "tatyana",
    "irina",
    "natalya",
    "ekaterina",
    "maya",
    "marianne",
    "ségolène",
    "ursula",
    "kaja",
    "sanna",
    "jacinda",
    "theresa",
    "liz",
];

/// Whether a first name is known to be female.
pub fn is_female_name(first: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    let set = SET.get_or_init(|| word_set(FEMALE_NAMES));
    with_lower(first, |f| {
        set.contains(f) || first_name_gender(f) == Some(b'f')
    })
}

/// Whether a word is a common English first name (US Census 1990 lists): evidence that a
/// capitalised run naming someone is a person, and where the name starts after role words
/// ("Police Commissioner Richard Ross").
pub fn is_first_name(word: &str) -> bool {
    first_name_gender(word).is_some()
}

/// The usual gender of a first name: `b'm'`, `b'f'`, or `b'u'` (either); `None` when the
/// word is not a known first name.
pub fn first_name_gender(word: &str) -> Option<u8> {
    // The table is ASCII and its longest name is short: lower-case on the stack.
    let mut buf = [0u8; 16];
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, b) in buf.iter_mut().zip(word.bytes()) {
        *d = b.to_ascii_lowercase();
    }
    let w = &buf[..word.len()];
    first_name_table().get(w).copied()
}

/// `FIRST_NAMES` as a hash map (FxHash): a lookup is one hash of a short word, where the
/// binary search over 5,000 names compared a dozen strings.
fn first_name_table() -> &'static HashMap<&'static [u8], u8, FxBuildHasher> {
    static MAP: OnceLock<HashMap<&'static [u8], u8, FxBuildHasher>> = OnceLock::new();
    MAP.get_or_init(|| {
        FIRST_NAMES
            .iter()
            .map(|&(n, g)| (n.as_bytes(), g))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names() {
        assert!(FIRST_NAMES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(first_name_gender("Richard"), Some(b'm'));
        assert_eq!(first_name_gender("hillary"), Some(b'f'));
        assert!(is_first_name("Ted"));
        assert!(!is_first_name("Senate"));
        assert!(!is_first_name("Using"));
    }
}
