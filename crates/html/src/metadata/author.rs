//! Choosing and cleaning the author: names out of bylines, roles and prefixes cut, things
//! that are not names refused.

use super::*;

/// The author: candidates in order of trust (JSON-LD people, `<meta>` tags, microdata,
/// `rel="author"`, bylines, author-page links, JSON-LD organizations); the first that reads
/// as a full name wins, else the first usable one. A lone first name is completed from
/// another candidate that starts with it ("Brett" → "Brett Larkin").
pub(super) fn choose_author(c: &Candidates) -> Option<String> {
    let mut ordered: Vec<String> = Vec::new();
    let people: Vec<String> = c
        .jsonld
        .authors
        .iter()
        .filter_map(|a| clean_author(a))
        .collect();
    if !people.is_empty() {
        ordered.push(people.join(", "));
    }
    let mut meta: Vec<&(u8, String, String)> = c.meta_authors.iter().collect();
    meta.sort_by_key(|(rank, _, _)| *rank);
    if let Some((_, key, _)) = meta.first() {
        // Repeated tags of the best kind list several authors (citation_author).
        let same: Vec<String> = meta
            .iter()
            .filter(|(_, k, _)| k == key)
            .filter_map(|(_, _, v)| clean_author(v))
            .collect();
        if same.len() > 1 {
            ordered.push(same.join(", "));
        }
    }
    ordered.extend(meta.iter().filter_map(|(_, _, v)| clean_author(v)));
    for a in c
        .itemprop_authors
        .iter()
        .chain(&c.rel_authors)
        .chain(&c.byline_authors)
        .chain(&c.link_authors)
        .chain(&c.jsonld.organization_authors)
    {
        if let Some(a) = clean_author(a) {
            ordered.push(a);
        }
    }
    let chosen = ordered
        .iter()
        .find(|a| name_quality(a) >= 2)
        .or_else(|| ordered.iter().find(|a| name_quality(a) >= 1))?;
    if !chosen.contains(' ') {
        let prefix = format!("{} ", chosen.to_lowercase());
        if let Some(full) = ordered
            .iter()
            .find(|a| a.to_lowercase().starts_with(&prefix) && name_quality(a) >= 2)
        {
            return Some(full.clone());
        }
    }
    Some(chosen.clone())
}

/// 2: a full name (two or more words, capitalised); 1: one capitalised word or a mixed
/// string; 0: a lower-case handle (`jrobison`).
pub(super) fn name_quality(name: &str) -> u8 {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase());
    if words.len() >= 2 && words.iter().filter(|w| capitalised(w)).count() >= 2 {
        2
    } else if words.iter().any(capitalised) {
        1
    } else {
        0
    }
}

/// An author name from a byline-ish string: "By Jane Doe" → "Jane Doe",
/// "Keith Barry Senior Autos Reporter" → "Keith Barry". Rejects URLs, e-mail addresses,
/// link labels ("View more posts") and texts that are not names.
pub fn clean_author(raw: &str) -> Option<String> {
    let mut s = fold_whitespace(raw);
    if s.contains("://") || s.starts_with("www.") || (s.contains('@') && !s.starts_with('@')) {
        return None;
    }
    s = strip_author_prefixes(&s);
    // Parenthetical remarks: "Lance Ryan (Content Manager)".
    if let Some(open) = s.find('(') {
        s.truncate(open);
    }
    // What follows a name: a separator, a date, a role line.
    for stop in [
        " | ",
        " - ",
        " – ",
        " — ",
        " on ",
        " Updated",
        " Published",
        " Posted",
        " at ",
        " • ",
        " · ",
    ] {
        if let Some(at) = s.find(stop) {
            s.truncate(at);
        }
    }
    let s = cut_role(&s);
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '|' | '-' | '·' | '*' | '@')
    });
    if s.is_empty() || char_len(s) > MAX_BYLINE_CHARS || !looks_like_name(s) || is_not_a_name(s) {
        return None;
    }
    Some(s.to_string())
}

/// Removes leading "By", "Written by", "View all posts by", "Author:", … (repeatedly).
pub(super) fn strip_author_prefixes(s: &str) -> String {
    const PREFIXES: &[&str] = &[
        "view all posts by",
        "view more posts by",
        "see more from",
        "see all posts by",
        "more from",
        "more by",
        "read more about",
        "read more from",
        "articles by",
        "posts by",
        "about the author",
        "written by",
        "posted by",
        "published by",
        "reviewed by",
        "medically reviewed by",
        "authored by",
        "last updated by",
        "words by",
        "story by",
        "text by",
        "credit:",
        "by:",
        "by",
        "author:",
        "authors:",
        "author",
        "authors",
        "von",
        "par",
        "por",
        "di",
        "door",
        "from",
    ];
    let mut s = s.to_string();
    loop {
        let lower = s.to_lowercase();
        // A prefix ends at a non-letter, or is glued to a capitalised name ("Posted byJane").
        let found = PREFIXES.iter().find(|p| {
            lower.starts_with(*p)
                && s.get(p.len()..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|c| {
                        !c.is_alphanumeric() || (c.is_uppercase() && p.ends_with("by"))
                    })
        });
        let Some(p) = found else { break };
        s = s[p.len()..]
            .trim_start_matches([':', ' ', '\u{a0}', '-'])
            .to_string();
    }
    s
}

/// Cuts a job title after the name: at ", Senior Analyst", " Marketing Manager", … (a role
/// word from the second word on). Degrees after a comma (", MD") stay.
pub(super) fn cut_role(s: &str) -> &str {
    const ROLE_WORDS: &[&str] = &[
        "senior",
        "junior",
        "staff",
        "reporter",
        "editor",
        "writer",
        "analyst",
        "manager",
        "specialist",
        "educator",
        "educators",
        "correspondent",
        "contributor",
        "columnist",
        "producer",
        "photographer",
        "director",
        "founder",
        "co-founder",
        "ceo",
        "cto",
        "officer",
        "coordinator",
        "engineer",
        "marketing",
        "head",
        "chief",
        "lead",
        "president",
        "consultant",
        "strategist",
        "intern",
        "associate",
        "assistant",
        "freelance",
        "contributing",
        "executive",
        "your",
        "the",
        "is",
        "was",
        "who",
        "says",
        "said",
        "wrote",
    ];
    let mut word_start = 0;
    let mut index = 0;
    for (at, ch) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if ch.is_whitespace() || ch == ',' {
            let word = &s[word_start..at];
            if !word.is_empty() {
                let lower = word.to_lowercase();
                if ROLE_WORDS.contains(&lower.as_str()) {
                    // A role in first place: no name at all.
                    return if index == 0 {
                        ""
                    } else {
                        s[..word_start].trim_end_matches([',', ' '])
                    };
                }
                index += 1;
            }
            word_start = at + ch.len_utf8();
        }
    }
    s
}

/// Link labels and placeholders that bylines often hold instead of a name.
pub(super) fn is_not_a_name(s: &str) -> bool {
    let lower = s.to_lowercase();
    const WORDS: &[&str] = &[
        "view more posts",
        "view all posts",
        "more posts",
        "read more",
        "bio",
        "author",
        "authors",
        "share",
        "follow",
        "subscribe",
        "about",
        "about the author",
        "contact",
        "profile",
        "by",
    ];
    WORDS.contains(&lower.as_str()) || lower.starts_with("view ") || lower.starts_with("see ")
}

/// Letters, not digits; a few words at most.
pub(super) fn looks_like_name(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    letters >= 2 && digits == 0 && s.split_whitespace().count() <= 12
}
