//! Quote variants: the same statement reported with different trimming, punctuation,
//! ellipses, inserted `[brackets]` and small edits.
//!
//! Quotes are compared on normalised words (lower case, no punctuation, bracketed insertions
//! and ellipses removed). Two quotes are variants when most of the shorter one's word pairs
//! occur in the longer one (trimming keeps them; small edits break only a few). The
//! word-level [`diff`] shows how the wording changed.

use std::collections::HashSet;

/// Normalised words of a quote: bracketed editorial insertions ("\[Trump\]") and ellipses are
/// dropped, case and punctuation ignored.
pub fn quote_words(text: &str) -> Vec<String> {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '…' => out.push(' '),
            c if c.is_alphanumeric() || c == '\'' || c == '’' => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out.split_whitespace()
        .map(|w| w.trim_matches(['\'', '’']).replace('’', "'"))
        .filter(|w| !w.is_empty())
        .collect()
}

fn bigrams(words: &[String]) -> HashSet<(&str, &str)> {
    if words.len() == 1 {
        return [(words[0].as_str(), "")].into_iter().collect();
    }
    words
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect()
}

/// The share of the shorter quote's word pairs found in the longer one (0 to 1).
pub fn containment(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    let s = bigrams(short);
    let l = bigrams(long);
    s.iter().filter(|p| l.contains(*p)).count() as f64 / s.len() as f64
}

/// Quotes shorter than this many words are too generic to link ("No", "We will see").
pub const MIN_WORDS: usize = 5;

/// Whether two quotes are variants of one statement, with a confidence.
pub fn variant_confidence(a: &[String], b: &[String]) -> Option<f64> {
    if a.len() < MIN_WORDS || b.len() < MIN_WORDS {
        return None;
    }
    let c = containment(a, b);
    (c >= 0.6).then_some(c)
}

/// One step of a word-level diff from `a` to `b`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Same(String),
    Removed(String),
    Added(String),
}

/// A word-level diff (longest common subsequence) between two texts, on their words as
/// written. Long texts are compared on their first 400 words.
pub fn diff(a: &str, b: &str) -> Vec<Edit> {
    let aw: Vec<&str> = a.split_whitespace().take(400).collect();
    let bw: Vec<&str> = b.split_whitespace().take(400).collect();
    let key = |w: &str| -> String {
        w.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let ak: Vec<String> = aw.iter().map(|w| key(w)).collect();
    let bk: Vec<String> = bw.iter().map(|w| key(w)).collect();
    let (n, m) = (aw.len(), bw.len());
    let mut lcs = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if ak[i] == bk[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && ak[i] == bk[j] {
            out.push(Edit::Same(bw[j].to_string()));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
            out.push(Edit::Added(bw[j].to_string()));
            j += 1;
        } else {
            out.push(Edit::Removed(aw[i].to_string()));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_survive_trimming_brackets_and_ellipses() {
        let full =
            quote_words("We will not retreat from our plans, whatever the cost, and we will win.");
        let trimmed = quote_words("we will not retreat from our plans … and we will win");
        let bracketed =
            quote_words("We [Russia] will not retreat from our plans, whatever the cost");
        let other = quote_words("The harvest this year was the best in a decade.");
        assert!(variant_confidence(&full, &trimmed).is_some());
        assert!(variant_confidence(&full, &bracketed).is_some());
        assert!(variant_confidence(&full, &other).is_none());
        assert!(variant_confidence(&quote_words("No, no, no."), &quote_words("No.")).is_none());
    }

    #[test]
    fn diff_shows_the_changes() {
        let d = diff("It has always been this way.", "It has always been so.");
        assert!(d.contains(&Edit::Removed("this".into())));
        assert!(d.contains(&Edit::Added("so.".into())));
        assert!(d.contains(&Edit::Same("always".into())));
    }
}
