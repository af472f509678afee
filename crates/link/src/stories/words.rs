//! Word lists for story terms: stop words and calendar words, which say nothing about which
//! event an article reports.

use super::*;

/// Month and weekday names: capitalised, but not names (see [`is_weekday`], [`is_month`]).
pub(super) fn is_calendar_word(w: &str) -> bool {
    is_weekday(w) || is_month(w)
}

/// Weekday names (stemmed forms are the same). News reports put an event on its weekday
/// ("struck on Tuesday"), and reports of one event mostly name the same one.
pub(super) fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Month names (as stemmed: the stemmer leaves all twelve as they are).
pub(super) fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// English function words, contractions and the reporting verbs every article carries.
pub(super) fn is_stopword(w: &str) -> bool {
    static SET: OnceLock<IdMap<()>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        STOPWORDS
            .iter()
            .map(|w| (term_id(b's', &[w]), ()))
            .collect()
    });
    w.len() <= 10 && set.contains_key(&term_id(b's', &[w]))
}

/// The words of [`is_stopword`] (none longer than ten bytes).
pub(super) const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "he's",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "myself",
    "n't",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "she's",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they're",
    "they've",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "wasn't",
    "we",
    "we're",
    "we've",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "won't",
    "would",
    "you",
    "you're",
    "your",
    "yours",
    "yourself",
    "yourselves",
];
