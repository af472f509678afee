//! Name words: how a capitalised run splits into roles and a name, the key a name word is
//! looked up by, and the display form of a name.

use crate::lexicon;

pub(super) fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('\''))
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w)
}

/// The key a name word is looked up by: lower case, possessive dropped, one apostrophe
/// ("O’Neill" and "O'Neill" are one name).
pub(super) fn name_key(w: &str) -> String {
    let key = strip_possessive(w).to_lowercase();
    if key.contains('’') {
        key.replace('’', "'")
    } else {
        key
    }
}

pub(super) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether a first name is usually a woman's (`Some(true)`) or a man's (`Some(false)`); `None`
/// for a name of both or one not known.
pub(super) fn usual_gender(first: &str) -> Option<bool> {
    lexicon::first_name_gender(first)
        .filter(|&g| g != b'u')
        .map(|g| g == b'f')
}

/// The display form of a name: words joined by single spaces, possessive removed.
pub(super) fn canonical_of(words: &[&str]) -> String {
    let mut out: Vec<&str> = words.iter().map(|w| strip_possessive(w)).collect();
    if out.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        out.remove(0);
    }
    out.join(" ")
}

/// The letters of an acronym or a dotted abbreviation, upper case ("IMF", "S.E.C." -> "SEC"):
/// two to six capitals and nothing else but stops.
pub(super) fn acronym_letters(w: &str) -> Option<String> {
    let w = strip_possessive(w);
    // Most words are no acronym: tell by the bytes before copying any.
    let letters = w.bytes().filter(|&b| b != b'.').count();
    let capitals = w.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    (capitals && (2..=6).contains(&letters)).then(|| w.replace('.', ""))
}

/// Whether `letters` (upper case) are the initials of the name `canonical`: of its
/// capitalised words ("Alliance to Reclaim Our Schools" -> "AROS"), or of all its words but
/// "and" and "the" ("Department of Justice" -> "DOJ").
pub(super) fn initials_of(canonical: &str, letters: &str) -> bool {
    let words: Vec<&str> = canonical.split_whitespace().collect();
    if words.len() < 2 {
        return false;
    }
    let initials = |keep: &dyn Fn(&str) -> bool| -> String {
        words
            .iter()
            .filter(|w| keep(w))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    initials(&|w| is_cap(w)) == letters
        || initials(&|w| !["and", "the", "&"].contains(&w.to_lowercase().as_str())) == letters
}

/// Splits a capitalised run (`Russian President Vladimir Putin`) into role words and name
/// words. Returns `(roles, names)`.
pub fn split_roles<'a>(words: &[&'a str]) -> (Vec<&'a str>, Vec<&'a str>) {
    // "Saudi Arabia", "South Korea": a place's name whose first word is also a demonym or
    // a role word is the name whole.
    if words.len() > 1 && lexicon::is_place(words) {
        return (Vec::new(), words.to_vec());
    }
    // The last title with a name after it ends the roles: "Agriculture Minister Dmitry
    // Patrushev", "Republican Presidential hopeful Sen. Ted Cruz".
    if let Some(r) = words[..words.len().saturating_sub(1)]
        .iter()
        .rposition(|w| lexicon::is_title(w) || lexicon::role_class(w).is_some())
    {
        let (mut roles, mut names) = (words[..=r].to_vec(), words[r + 1..].to_vec());
        let cut = lead_cut(&names);
        if cut > 0 {
            roles.extend(names.drain(..cut));
        }
        return (roles, names);
    }
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let role_like =
            lexicon::is_title(w) || lexicon::role_class(w).is_some() || is_nationality(w);
        if role_like {
            i += 1;
        } else {
            break;
        }
    }
    let (mut roles, mut names) = (words[..i].to_vec(), words[i..].to_vec());
    let cut = lead_cut(&names);
    if cut > 0 {
        roles.extend(names.drain(..cut));
    }
    (roles, names)
}

/// How many leading words of a name run are not the name: descriptive or affiliation words
/// before a first name ("Rival Hillary Clinton", "Breitbart's Joel Pollak", "Police
/// Commissioner Richard Ross"), or a sentence-initial verb form ("Asserting Clinton").
fn lead_cut(names: &[&str]) -> usize {
    let Some(first) = names.first() else {
        return 0;
    };
    if lexicon::is_first_name(first) && !first.ends_with("'s") && !first.ends_with("’s") {
        return 0;
    }
    if names.len() >= 3 {
        if let Some(i) = (1..names.len() - 1)
            .find(|&i| lexicon::is_first_name(names[i]) && names[i + 1..].iter().all(|w| is_cap(w)))
        {
            return i;
        }
    }
    let verb_like =
        first.len() > 4 && first.ends_with("ing") || lexicon::AUXILIARIES.contains_lower(first);
    usize::from(names.len() >= 2 && verb_like)
}

/// The singular of a plural demonym ("Saudi" for "Saudis", "Estonian" for "Estonians").
pub(crate) fn plural_demonym(word: &str) -> Option<&str> {
    word.strip_suffix('s').filter(|w| is_nationality(w))
}

pub(crate) fn is_nationality(w: &str) -> bool {
    let l = w.to_lowercase();
    // "Brian", "Adrian", "Duncan", "Therese": a first name is no demonym however it ends
    // ("Irish" is both, and more often the demonym).
    (l.ends_with("ian")
        || l.ends_with("ese")
        || l.ends_with("ish")
        || l.ends_with("can")
        || lexicon::DEMONYMS_IN_I.contains(&l)
        || lexicon::IRREGULAR_DEMONYMS.contains(&l))
        && is_cap(w)
        && (l.ends_with("ish") || !lexicon::is_first_name(w))
        || lexicon::ROLE_RUN_WORDS.contains(&l)
}

/// Whether a word can continue a name run.
pub fn is_name_word(w: &str) -> bool {
    (is_cap(w) && !lexicon::is_capitalised_stopword(strip_possessive(w)))
        || lexicon::NAME_PARTICLES.contains(w)
}
