//! Lower-casing for the word-list lookups, without an allocation for the usual word, and the
//! hash sets that hold the longer lists.

use std::collections::HashSet;

use rustc_hash::FxBuildHasher;

/// The longest word lower-cased on the stack; longer or non-ASCII words are lower-cased by
/// `str::to_lowercase`, as before.
const STACK: usize = 32;

/// Calls `f` with `word` lower-cased (`str::to_lowercase`): on the stack when the word is
/// short ASCII, where the two agree.
#[inline]
pub(crate) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.len() <= STACK && word.is_ascii() {
        let mut buf = [0u8; STACK];
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(s) = std::str::from_utf8(b) {
            return f(s);
        }
    }
    f(&word.to_lowercase())
}

/// A set of static words, hashed with FxHash (a lookup is a few multiplications, not the
/// comparisons of a linear or binary search).
pub(crate) type WordSet = HashSet<&'static str, FxBuildHasher>;

/// The set of `words`.
pub(crate) fn word_set(words: &[&'static str]) -> WordSet {
    words.iter().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_like_to_lowercase() {
        for w in [
            "",
            "Senate",
            "ÉLYSÉE",
            "McCONNELL",
            "A-Z.",
            "İstanbul",
            "\u{212a}ansas",
            "Averyveryveryveryverylongwordofmorethanthirtytwobytes",
        ] {
            assert_eq!(with_lower(w, str::to_string), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn sets() {
        let s = word_set(&["sen.", "governor"]);
        assert!(s.contains("sen."));
        assert!(!s.contains("Sen."));
        assert!(!s.contains("gov"));
    }
}
