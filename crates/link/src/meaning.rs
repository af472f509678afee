//! One statement in other words: translations and paraphrases of a quote.
//!
//! Two outlets translating one Russian sentence write "In 2012, especially aggressive" and
//! "The interference in 2012 was particularly aggressive"; a reporter paraphrasing a minister
//! writes her words his way. Word pairs ([`crate::variants`]) miss these. Here two quotes are
//! compared on what they say: the cosine of their static embeddings ([`crate::embed`]) and the
//! cosine of their content words, averaged. The score is only asked of the few candidates a
//! story and a date window give (the store does that), and a link also needs speakers that may
//! be one ([`crate::names::may_be_same_speaker`]; an unknown speaker is unknown, not
//! different, and so is one that is not a full name, [`crate::names::is_full_name`]): two
//! different full names need a much closer wording.
//!
//! Not for: exact and edited repeats of one wording (`variants`), which keep word diffs.

use crate::embed;
use crate::hash;
use crate::variants::quote_words;

/// Words that carry no content of their own (the bag-of-words side ignores them).
const STOP: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of",
    "on", "or", "our", "she", "so", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "us", "was", "we", "were", "what", "when", "which",
    "who", "will", "with", "would", "you", "your",
];

/// Quotes with fewer words are too generic to link by meaning ("We will see").
pub const MIN_WORDS: usize = 4;
/// Score from which two quotes are taken for one statement.
pub const THRESHOLD: f64 = 0.6;
/// What two full names that cannot be one person add to the threshold: only a near
/// copy of the wording joins them (an extraction error on one side), never a loose paraphrase.
pub const CONFLICT_MARGIN: f64 = 0.25;

/// What a quote is compared on: its unit embedding and its content words (hashed, sorted,
/// with counts).
#[derive(Debug, Clone)]
pub struct Meaning {
    vector: Option<Box<[i8]>>,
    words: Vec<(u64, u32)>,
    /// The Euclidean norm of `words`' counts, computed once: every comparison divides by it.
    words_norm: f64,
    /// All words, stop words included (for [`MIN_WORDS`]).
    pub len: usize,
}

impl Meaning {
    /// The meaning keys of a quote's text.
    pub fn of(text: &str) -> Meaning {
        let all = quote_words(text);
        let mut hashes: Vec<u64> = all
            .iter()
            .filter(|w| STOP.binary_search(&w.as_str()).is_err())
            .map(|w| hash::hash(w.as_bytes()))
            .collect();
        hashes.sort_unstable();
        let mut words: Vec<(u64, u32)> = Vec::with_capacity(hashes.len());
        for h in hashes {
            match words.last_mut() {
                Some((last, n)) if *last == h => *n += 1,
                _ => words.push((h, 1)),
            }
        }
        let words_norm = words
            .iter()
            .map(|(_, n)| f64::from(n * n))
            .sum::<f64>()
            .sqrt();
        Meaning {
            vector: embed::embed(text).map(Vec::into_boxed_slice),
            words,
            words_norm,
            len: all.len(),
        }
    }

    /// Cosine of the content-word counts.
    fn words_cosine(&self, other: &Meaning) -> f64 {
        let (mut i, mut j, mut dot) = (0, 0, 0u64);
        let (a, b) = (&self.words, &other.words);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += u64::from(a[i].1 * b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        let d = self.words_norm * other.words_norm;
        if d == 0.0 {
            0.0
        } else {
            dot as f64 / d
        }
    }

    /// How surely the two quotes say one thing (0 to 1): the mean of the embeddings' cosine
    /// and the content words' cosine. `None` when either is too short to tell.
    pub fn score(&self, other: &Meaning) -> Option<f64> {
        if self.len < MIN_WORDS || other.len < MIN_WORDS {
            return None;
        }
        let (Some(a), Some(b)) = (&self.vector, &other.vector) else {
            return None;
        };
        Some(0.5 * embed::cosine(a, b) + 0.5 * self.words_cosine(other))
    }
}

/// How two quotes of one statement relate when their wordings differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// The same words (a repeat), as `variants` finds it.
    Same,
    /// The same wording trimmed or edited (ellipses, brackets, small changes).
    Edited,
    /// Two verbatim quotes (direct or partial) in other words: only a translation (or a
    /// misquote) words one statement differently inside quotation marks.
    Translation,
    /// At least one side is reported speech: a reporter's own wording of the statement.
    Paraphrase,
}

impl LinkKind {
    /// Its name as stored and shown.
    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Same => "same",
            LinkKind::Edited => "edited",
            LinkKind::Translation => "translation",
            LinkKind::Paraphrase => "paraphrase",
        }
    }

    /// A meaning link between quotes of these kinds ("direct", "partial", "indirect", "pull").
    pub fn of_meaning(kind_a: &str, kind_b: &str) -> LinkKind {
        let verbatim = |k: &str| matches!(k, "direct" | "partial" | "pull");
        if verbatim(kind_a) && verbatim(kind_b) {
            LinkKind::Translation
        } else {
            LinkKind::Paraphrase
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(a: &str, b: &str) -> f64 {
        Meaning::of(a).score(&Meaning::of(b)).unwrap_or(0.0)
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
    }

    /// Rewordings of one statement, as two translators or a translator and a machine would
    /// write them (sentences written for this test). Not caught: a rewording that replaces
    /// every content word ("ready to resume the negotiations at any moment" / "prepared to
    /// restart the talks at any time" scores 0.43).
    #[test]
    fn translation_style_rewordings_join() {
        for (a, b) in [
            (
                "It has always been like this. But in 2012 the pressure was especially aggressive",
                "In 2012, and always before: but in 2012 the pressure was particularly aggressive",
            ),
            (
                "the regional government will allocate additional funds to repair the bridge",
                "the regional authorities would allocate extra money for repairing the bridge",
            ),
            (
                "We are ready to resume the negotiations at any moment, but not on these terms",
                "We are ready to resume the talks at any time, but not on such terms",
            ),
            (
                "the factory had stopped paying its workers three months ago",
                "the plant stopped paying wages to its employees three months ago",
            ),
        ] {
            let s = score(a, b);
            assert!(s >= THRESHOLD, "{s:.3}: {a} / {b}");
        }
    }

    /// Same topic, same people, different statements: they must stay apart.
    #[test]
    fn different_statements_on_one_topic_do_not() {
        for (a, b) in [
            (
                "the regional government will allocate additional funds to repair the bridge",
                "the bridge was closed to traffic after inspectors found cracks in two supports",
            ),
            (
                "We are ready to resume the negotiations at any moment, but not on these terms",
                "the negotiations collapsed because the other side refused to withdraw its troops",
            ),
            (
                "the factory had stopped paying its workers three months ago",
                "the workers plan to picket the factory gates every morning until next week",
            ),
            (
                "the vaccine will be available in every clinic of the region by the end of March",
                "more than half of the doctors in the region have already received the vaccine",
            ),
        ] {
            let s = score(a, b);
            assert!(s < THRESHOLD, "{s:.3}: {a} / {b}");
        }
    }

    #[test]
    fn short_quotes_and_kinds() {
        assert!(Meaning::of("We will see")
            .score(&Meaning::of("We shall see"))
            .is_none());
        assert_eq!(
            LinkKind::of_meaning("direct", "partial"),
            LinkKind::Translation
        );
        assert_eq!(
            LinkKind::of_meaning("direct", "indirect"),
            LinkKind::Paraphrase
        );
        assert_eq!(LinkKind::Paraphrase.name(), "paraphrase");
    }
}
