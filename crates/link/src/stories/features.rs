//! What an article contributes to story clustering: its terms (words, name pairs,
//! numbers) with weights, read from its title and text, and its day.

use super::*;

/// What the clusterer takes from an article: its weighted terms and its day. Computing them
/// is most of the cost of adding an article and depends only on the article and the
/// settings, so it can run on any thread, ahead of [`StoryClusterer::add_features`].
#[derive(Clone, Debug, Default)]
pub struct StoryFeatures {
    pub(super) features: Vec<Entry>,
    pub(super) day: Option<i32>,
}

impl StoryFeatures {
    /// The features of `doc` under `config` (use the clusterer's [`StoryClusterer::config`]).
    pub fn new(doc: &StoryDoc, config: &StoryConfig) -> StoryFeatures {
        StoryFeatures {
            features: features(doc, config),
            day: doc.published.as_deref().and_then(parse_day),
        }
    }
}

/// An article's vector: the IDF-free weights (unit length once IDF-weighted), sorted by
/// term, and the strongest terms with their IDF-weighted values for the index lookup.
#[derive(Default)]
pub(super) struct DocVector {
    pub(super) raw: Vec<Entry>,
    /// The IDF of each term of `raw`.
    pub(super) idf: Vec<f32>,
    /// The strongest terms with their IDF-weighted values.
    pub(super) query: Vec<(u64, f32)>,
    /// Squared norms of the name terms and of the specifics (the whole vector has norm 1).
    pub(super) name_norm: f32,
    pub(super) specific_norm: f32,
}

// ---------------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------------

/// Where a token stands: headline, lead, or the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    Title,
    Lead,
    Body,
}

/// A word token with what the feature extractor needs to know about it.
pub(super) struct Token {
    /// Lower-cased, possessive and inflection folded (numbers: digits and separators only).
    pub(super) form: String,
    /// The term id of `form` (a word or a number).
    pub(super) id: u64,
    pub(super) field: Field,
    /// Sentence index (for headline-case detection).
    pub(super) sentence: usize,
    pub(super) capitalised: bool,
    /// First token of its sentence.
    pub(super) initial: bool,
    pub(super) number: bool,
    /// A function word (decided before stemming).
    pub(super) stop: bool,
    /// Ends in a possessive ("Apple's"): a name pair does not run across it.
    pub(super) possessive: bool,
    /// Separated from the previous token by white space only.
    pub(super) adjacent: bool,
}

/// The weighted features of an article, one entry per term, sorted by term.
pub(super) fn features(doc: &StoryDoc, config: &StoryConfig) -> Vec<Entry> {
    let mut tokens = Vec::new();
    let mut sentence = 0;
    if let Some(title) = doc.title.as_deref() {
        tokenize(title, Field::Title, &mut sentence, usize::MAX, &mut tokens);
        sentence += 1;
    }
    tokenize(
        &doc.text,
        Field::Lead,
        &mut sentence,
        config.lead_words,
        &mut tokens,
    );

    // Words of a token that can be a feature: not a number, not a function word, two
    // letters or more.
    let is_word = |t: &Token| !t.number && !t.stop && t.form.len() >= 2;

    // Sentences set in headline case ("Sixers Hire Maurice Cheeks as Head Coach") say
    // nothing about which words are names: (capitalised, all) words of four letters or more,
    // and a sentence is in headline case when at least four of them are and nine in ten are
    // capitalised (a sentence of text rarely is: "Apple's Phil Schiller was not involved").
    let mut caps_per_sentence = vec![(0u32, 0u32); sentence + 1];
    for t in tokens.iter().filter(|t| is_word(t) && t.form.len() >= 4) {
        let e = &mut caps_per_sentence[t.sentence];
        e.0 += u32::from(t.capitalised);
        e.1 += 1;
    }
    let headline_case = |s: usize| {
        let (caps, all) = caps_per_sentence[s];
        all >= 4 && caps * 10 >= all * 9
    };

    // A word form is a name when it is written capitalised inside sentences at least as
    // often as in lower case: (capitalised inside a sentence, lower case) per form.
    let mut votes: IdMap<(u32, u32)> = IdMap::default();
    for t in tokens.iter().filter(|t| is_word(t)) {
        let e = votes.entry(t.id).or_default();
        if !t.capitalised {
            e.1 += 1;
        } else if !t.initial && !headline_case(t.sentence) {
            e.0 += 1;
        }
    }
    let is_name = |t: &Token| {
        votes.get(&t.id).is_some_and(|&(c, l)| c > 0 && c >= l) && !is_calendar_word(&t.form)
    };

    // term → (occurrences, strongest field multiplier × kind weight, kind)
    let mut counts: IdMap<(u32, f32, TermKind)> = IdMap::default();
    let mut add = |term: u64, weight: f32, kind: TermKind| {
        let e = counts.entry(term).or_insert((0, 0.0, TermKind::Word));
        e.0 += 1;
        e.1 = e.1.max(weight);
        e.2 = e.2.max(kind);
    };
    let mut previous_name: Option<&str> = None;
    for (k, t) in tokens.iter().enumerate() {
        let field = match t.field {
            Field::Title => config.title_weight,
            Field::Lead => config.lead_weight,
            Field::Body => config.body_weight,
        };
        if t.number {
            add(t.id, field * config.number_weight, TermKind::Specific);
            previous_name = None;
        } else if t.capitalised && is_weekday(&t.form) {
            // When: the day a report puts the event on ("on Tuesday").
            add(t.id, field * config.when_weight, TermKind::Specific);
            previous_name = None;
        } else if t.capitalised && is_month(&t.form) {
            // A month is a word; with a day number next to it ("6 December", "December 6")
            // it is a date, which says when as a name says who.
            add(t.id, field, TermKind::Word);
            let day = |j: Option<usize>| {
                j.and_then(|j| tokens.get(j)).filter(|d| {
                    d.number && d.form.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n))
                })
            };
            let before = day(k.checked_sub(1)).filter(|_| t.adjacent);
            let after = day(Some(k + 1)).filter(|d| d.adjacent);
            if let Some(d) = after.or(before) {
                let date = term_id(b'd', &[&t.form, " ", &d.form]);
                add(date, field * config.when_weight, TermKind::Specific);
            }
            previous_name = None;
        } else if !is_word(t) {
            previous_name = None;
        } else if is_name(t) {
            add(t.id, field * config.name_weight, TermKind::Name);
            if let Some(previous) = previous_name.filter(|_| t.adjacent) {
                let pair = term_id(b'p', &[previous, " ", &t.form]);
                add(pair, field * config.name_weight, TermKind::Name);
            }
            previous_name = (!t.possessive).then_some(t.form.as_str());
        } else {
            add(t.id, field, TermKind::Word);
            previous_name = None;
        }
    }
    let mut out: Vec<Entry> = counts
        .into_iter()
        .map(|(term, (n, w, kind))| Entry {
            term,
            weight: (1.0 + (n as f32).ln()) * w,
            kind,
        })
        .collect();
    out.sort_unstable_by_key(|e| e.term);
    out
}

/// Cuts `text` into tokens. The first `lead` tokens get `field` (Title or Lead), the rest
/// Body (a title passes `usize::MAX`). `sentence` counts sentences across calls.
///
/// A token is a run of letters and digits; an apostrophe joins letters ("O'Brien"), and in
/// numbers `.`, `,`, `-`, `/` and `:` join digits ("3.5", "1,000", "9-14", "4:20"). A
/// single letter followed by a period and a letter continues ("U.S").
pub(super) fn tokenize(
    text: &str,
    field: Field,
    sentence: &mut usize,
    lead: usize,
    out: &mut Vec<Token>,
) {
    let mut chars = text.char_indices().peekable();
    let mut at_start = true;
    let mut gap_is_space = false;
    let mut produced = 0usize;
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            if matches!(c, '.' | '!' | '?' | '\n') && !at_start {
                at_start = true;
                *sentence += 1;
            }
            gap_is_space &= c.is_whitespace();
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_digit = c.is_ascii_digit();
        let mut letters = 1usize;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                has_digit |= c.is_ascii_digit();
                letters += 1;
                end = i + c.len_utf8();
                chars.next();
                continue;
            }
            let next = text[i + c.len_utf8()..].chars().next().unwrap_or(' ');
            let joins = match c {
                '\'' | '\u{2019}' => next.is_alphabetic(),
                '.' => next.is_alphanumeric() && (has_digit || letters == 1),
                '-' | ',' | '/' | ':' => has_digit && next.is_ascii_digit(),
                _ => false,
            };
            if !joins {
                break;
            }
            chars.next();
        }
        let word = &text[start..end];
        let lower = word.to_lowercase().replace('\u{2019}', "'");
        let possessive = lower.ends_with("'s") || lower.ends_with('\'');
        let form = normalise(lower.clone(), has_digit);
        out.push(Token {
            id: term_id(if has_digit { b'n' } else { b'w' }, &[&form]),
            stop: !has_digit && is_stopword(&lower),
            form,
            field: if produced < lead { field } else { Field::Body },
            sentence: *sentence,
            capitalised: c.is_uppercase(),
            initial: at_start,
            number: has_digit,
            possessive,
            adjacent: gap_is_space && !at_start,
        });
        produced += 1;
        at_start = false;
        gap_is_space = true;
    }
}

/// Folds a lower-cased token: drops a possessive and strips inflection (plurals, `-ed`,
/// `-ing`); numbers only lose thousands separators.
pub(super) fn normalise(mut w: String, number: bool) -> String {
    if number {
        w.retain(|c| c != ',');
        return w;
    }
    for suffix in ["'s", "'"] {
        if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
        }
    }
    if w.is_ascii() {
        stem(&mut w);
    }
    w
}

/// A stable 64-bit id (FNV-1a) for a term of kind `kind` (`w` word, `p` name pair,
/// `n` number) spelled by the concatenation of `parts`. Stable across runs and Rust
/// versions, so saved states stay valid.
pub(super) fn term_id(kind: u8, parts: &[&str]) -> u64 {
    let mut h = crate::hash::Fnv1a::new();
    h.byte(kind);
    for p in parts {
        h.bytes(p.as_bytes());
    }
    h.finish()
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (only the first ten characters are read).
pub(super) fn parse_day(date: &str) -> Option<i32> {
    let d = date.trim().get(..10)?;
    let mut parts = d.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    i32::try_from(crate::days::days_from_civil(y.into(), m.into(), day.into())).ok()
}
