//! Word lists and small predicates over words and tokens that the attribution patterns share.

use super::*;
pub(super) use crate::lexicon::{
    ADVERBS, BEFORE_NOUN, BE_FORMS, CIRCUMSTANCE, CLAUSE_BREAKS, CONTRACTED, CUT_AFTER, FINITE,
    NAME_CONNECTORS, NP_STOP, PARTICLES, PEOPLE_PLURALS, PLURAL_DETERMINERS, SINGULAR_DETERMINERS,
};

pub(super) fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    &text[t.start..t.end]
}

pub(super) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A word that opens a prepositional phrase: a word before a noun that is no article.
pub(super) fn is_preposition(w: &str) -> bool {
    lexicon::BEFORE_NOUN.contains_lower(w) && !lexicon::DETERMINERS.contains_lower(w)
}

pub(super) fn lower_is(w: &str, list: &[&str]) -> bool {
    crate::lower::with_lower(w, |l| list.contains(&l))
}

pub(super) fn is_terminator(text: &str, t: &Token) -> bool {
    !t.is_word && matches!(word(text, t), "." | "!" | "?" | "…")
}

pub(super) fn is_quote_mark(text: &str, t: &Token) -> bool {
    let mut chars = word(text, t).chars();
    !t.is_word && chars.next().is_some_and(is_quote_char) && chars.next().is_none()
}

/// A quotation mark of any family, straight, curly, low or angle, double or single.
pub(super) fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\'')
}

pub(super) fn is_dash(w: &str) -> bool {
    matches!(w, "—" | "–" | "-" | "―")
}

pub(super) fn verb_at(text: &str, t: &Token) -> Option<lexicon::VerbInfo> {
    if !t.is_word {
        return None;
    }
    let w = word(text, t);
    if is_cap(w) {
        return None;
    }
    lexicon::reporting_verb(w)
}

/// [`verb_at`] for the token at `k` in its context: a bare verb form that modifies a role noun
/// after it ("White House press secretary Josh Earnest") is part of a name phrase, not a cue.
pub(super) fn verb_in(text: &str, toks: &[Token], k: usize) -> Option<lexicon::VerbInfo> {
    let info = verb_at(text, toks.get(k)?)?;
    let w = word(text, &toks[k]);
    let third_person = w.ends_with('s') && !w.ends_with("ss");
    let inflected = third_person
        || w.ends_with("ed")
        || w.ends_with("ing")
        || lexicon::IRREGULAR_PASTS.contains(w);
    let before_role = toks.get(k + 1).is_some_and(|n| {
        n.is_word && {
            let n = word(text, n);
            !is_cap(n) && (lexicon::is_title(n) || lexicon::role_class(n).is_some())
        }
    });
    if !inflected && before_role {
        return None;
    }
    Some(info)
}

/// A name written in capitals ("GTV", "NATO"): a body, not a person.
pub(super) fn is_acronym(name: &str) -> bool {
    name.len() >= 2
        && !name.contains(' ')
        && name
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
}

/// A body's name written in letters, with stops or without ("FBI", "F.B.I."): how a body
/// that speaks may be named. Only [`is_acronym`] names a body a generic noun ("the union")
/// may go to.
pub(super) fn is_abbreviation(name: &str) -> bool {
    is_acronym(name) || is_dotted_acronym(name)
}

/// An abbreviation written with stops ("F.B.I.", "F.A.A."): two letters or more ("A." is an
/// initial). A body's name when it speaks; but also a state's ("N.H.") or a person's
/// initials ("M.C."), so never a body a generic noun ("the union") goes to.
fn is_dotted_acronym(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && name.contains('.')
        && !name.contains(' ')
        && name.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Whether a word is written in capitals: letters, none of them lower case ("PRATT",
/// "F.B.I.").
pub(super) fn is_all_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// A word written in capitals as a name is written: "PRATT" as "Pratt".
pub(super) fn capitalised(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c
            .to_uppercase()
            .chain(cs.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Whether a word names a person or people by what they are: a title, a role noun, or a
/// word for people ("Sen.", "spokesman", "officials").
pub(super) fn names_people(w: &str) -> bool {
    lexicon::is_title(w) || lexicon::role_class(w).is_some() || PEOPLE_PLURALS.contains_lower(w)
}

/// Whether a word is a middle initial: one capital letter, with or without its full stop
/// ("C.", "C").
pub(super) fn is_initial(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
}

/// Whether a word can end a body's name before "of", "for" or "on" ("Department of",
/// "Center for", "Commission on"): an organisation word in the singular, no possessive. A
/// plural is people: "Republicans on the committee".
pub(super) fn heads_body_name(w: &str) -> bool {
    let plural = w.ends_with('s') && !w.ends_with("ss");
    lexicon::is_org_word(w) && !plural && !w.ends_with("'s")
}

/// Whether a word is a possessive ("Brenner's", "Sanders’s").
pub(super) fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

/// The words of a name phrase that name the speaker: a person before "of" ("Sen. Jeff Merkley
/// of Oregon", not Oregon; "Pastor Joseph Brown of Marion Avenue Baptist Church") unless the
/// phrase is an organisation's name, its head word just before "of" ("Bank of America"), or a
/// role's ("Missouri Secretary of State Jason Kander", "President of Kestria").
pub(super) fn name_part<'w>(words: &'w [&'w str]) -> &'w [&'w str] {
    match words.iter().position(|w| *w == "of") {
        Some(k)
            if k > 0
                && !lexicon::is_org_word(words[k - 1])
                && lexicon::role_class(words[k - 1]).is_none()
                && !lexicon::is_title(words[k - 1])
                && words[..k].iter().any(|w| {
                    is_cap(w) && !lexicon::is_title(w) && lexicon::role_class(w).is_none()
                }) =>
        {
            &words[..k]
        }
        _ => words,
    }
}

/// "she went on" / "he goes on": a cue made of two words.
pub(super) fn is_went_on(text: &str, toks: &[Token], v: usize) -> bool {
    toks.get(v + 1).is_some_and(|n| word(text, n) == "on")
        && matches!(word(text, &toks[v]), "went" | "goes" | "go")
}

pub(super) fn is_role_modifier(w: &str) -> bool {
    crate::lower::with_lower(w, |l| is_role_modifier_lower(w, l))
}

/// [`is_role_modifier`] of `w`, lower-cased as `l`.
fn is_role_modifier_lower(w: &str, l: &str) -> bool {
    lexicon::ROLE_MODIFIERS.contains(l)
        || (is_cap(w) && (l.ends_with("ian") || l.ends_with("ese") || l.ends_with("ish")))
}

pub(super) fn is_state_abbrev(toks: &[Token], text: &str) -> bool {
    // "R-Ariz." / "D-N.Y." party-state tags
    toks.len() <= 3
        && toks.first().is_some_and(|t| {
            let w = word(text, t);
            w.len() >= 3 && matches!(&w[..2], "R-" | "D-" | "I-")
        })
}

/// Where a person's name starts inside a capitalised run that opens with other words: a known
/// first name followed by one to three capitalised name words, none of them an organisation
/// word ("Rules Committee Chairman Bruce Ash" -> 3).
pub(super) fn person_start(words: &[&str]) -> Option<usize> {
    (1..words.len().saturating_sub(1)).find(|&i| {
        let rest = &words[i + 1..];
        // A first name we know, or any name right after a title ("Research Director Raj
        // Shah").
        let opens = lexicon::is_first_name(words[i])
            || lexicon::is_title(words[i - 1]) && !lexicon::is_org_word(words[i]);
        opens && rest.len() <= 3 && rest.iter().all(|w| is_cap(w) && !lexicon::is_org_word(w))
    })
}

/// The words of a line that start with a letter, leading punctuation trimmed: the words
/// whose capitals make a headline.
fn line_words(s: &str) -> Vec<&str> {
    s.split_whitespace()
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect()
}

/// Whether most words of a line are capitalised, as in a headline.
pub(super) fn title_case(s: &str) -> bool {
    let words = line_words(s);
    words.len() >= 3 && words.iter().filter(|w| is_cap(w)).count() * 10 >= words.len() * 6
}

/// Whether every word of a line is capitalised but for short function words ("Jane Roe Slams
/// Plan for the Harbor."): a headline even when it ends with a stop. A sentence that is merely
/// full of names ("Gregory Stone met Dolores Pike in Rome.") has a lower-case verb.
pub(super) fn strict_title_case(s: &str) -> bool {
    let words = line_words(s);
    words.len() >= 3
        && words.iter().all(|w| {
            is_cap(w)
                || lexicon::TITLE_SMALL_WORDS
                    .contains(w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        })
}

/// A short quotation whose words are all capitalised is a title ("Fox News Sunday"), not
/// speech.
pub(super) fn is_title_quote(content: &str) -> bool {
    let words: Vec<&str> = content.split_whitespace().collect();
    words.len() <= 6
        && words.iter().all(|w| {
            let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || lexicon::QUOTE_TITLE_SMALL_WORDS.contains_lower(w)
        })
}

/// Whether a straight-quoted string is a key or a value of structured data (JSON left in a
/// page's text, a configuration sample), not speech. A key is followed by a colon and a value
/// (`"rows":2`, `"title": "…"`), a value follows a key (`"title":"…"`), and an item stands in a
/// list with no space around it (`["a","b"]`). Across a colon and a space, the key must be one
/// word: prose quotes a phrase and then another (`calls him "a chameleon": "As a …"`). `open`
/// is the opening mark, `close_end` just past the closing one.
pub(super) fn is_data_string(text: &str, open: usize, close_end: usize) -> bool {
    let b = text.as_bytes();
    if open >= close_end || b.get(open) != Some(&b'"') || b.get(close_end - 1) != Some(&b'"') {
        return false;
    }
    let (before, after) = (&b[..open], &b[close_end..]);
    let value_start =
        |c: Option<&u8>| c.is_some_and(|&c| matches!(c, b'"' | b'{' | b'[') || c.is_ascii_digit());
    let one_word = |s: &[u8]| !s.is_empty() && !s.iter().any(u8::is_ascii_whitespace);
    // A key.
    if let Some(rest) = after.strip_prefix(b":") {
        let spaced = rest.first().is_some_and(u8::is_ascii_whitespace);
        if value_start(rest.trim_ascii_start().first())
            && (!spaced || one_word(&b[open + 1..close_end - 1]))
        {
            return true;
        }
    }
    // A value after a key.
    let lead = before.trim_ascii_end();
    if let Some(key) = lead.strip_suffix(b"\":") {
        let spaced = lead.len() < before.len();
        let key_start = key.iter().rposition(|&c| c == b'"');
        if !spaced || key_start.is_some_and(|k| one_word(&key[k + 1..])) {
            return true;
        }
    }
    // An item of a list.
    let opens_item = before.last().is_some_and(|c| matches!(c, b'[' | b','));
    let closes_item = after
        .first()
        .is_some_and(|c| matches!(c, b',' | b']' | b'}'));
    opens_item && closes_item && before.len() >= 2 && before[before.len() - 2] != b' '
}

/// An upper-case place name opening a news paragraph ("LORVIK, Sept 16 —").
pub(super) fn is_dateline(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !w.chars().any(char::is_lowercase)
}

/// The longest stretch of reported speech reported as one quote, in bytes.
pub(super) const MAX_CLAUSE: usize = 1500;

pub(super) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The words of a name phrase that make the name: its words without the connectors ("of",
/// "the") and without surname particles at either end, but with a lower-case particle between
/// two capitalised words ("Monica de Bolle", "Ludwig van der Berg").
pub(super) fn name_words<'w>(words: &[&'w str]) -> Vec<&'w str> {
    let mut out: Vec<&'w str> = Vec::with_capacity(words.len());
    for (i, &w) in words.iter().enumerate() {
        let particle = lexicon::NAME_PARTICLES.contains(w) || NAME_CONNECTORS.contains(w);
        let inner = lexicon::NAME_PARTICLES.contains(w)
            && out.iter().any(|p| is_cap(p))
            && words[i + 1..]
                .iter()
                .find(|n| !lexicon::NAME_PARTICLES.contains(n))
                .is_some_and(|n| is_cap(n));
        if inner || !particle {
            out.push(w);
        }
    }
    out
}

/// Whether the verb at token `v` (which exists) follows a comma and is not a participle: the
/// verb of an attribution inverted after what was said ("…, said Dan Pike"), where "…,
/// saying that" is an adjunct.
pub(super) fn comma_led_finite(text: &str, toks: &[Token], v: usize) -> bool {
    v > 0 && word(text, &toks[v - 1]) == "," && !word(text, &toks[v]).ends_with("ing")
}
