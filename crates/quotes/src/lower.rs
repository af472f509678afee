//! Lower-casing for the word-list lookups, without an allocation for the usual word, and the
//! hash set and map that every word list of `lexicon/` is looked up in.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

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

/// A word list: sorted, lower-case words (a `const` slice in a file of `lexicon/`), looked up
/// in their hash set (FxHash: a lookup is a few multiplications, not the comparisons of a
/// linear or binary search), built on first use. Most words asked about are in no list: the
/// lengths and first bytes of the list's words turn nearly all of them away before the hash.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    shape: Shape,
    set: OnceLock<HashSet<&'static [u8], FxBuildHasher>>,
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static str]) -> WordSet {
        let mut shape = Shape::NONE;
        let mut i = 0;
        while i < words.len() {
            shape = shape.with(words[i].as_bytes());
            i += 1;
        }
        WordSet {
            words,
            shape,
            set: OnceLock::new(),
        }
    }

    /// The words, sorted.
    #[cfg(test)]
    pub(crate) fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether `word` is one of the words, as written (the words are lower-case).
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    /// Whether `word` lower-cased (`str::to_lowercase`) is one of the words.
    #[inline]
    pub(crate) fn contains_lower(&self, word: &str) -> bool {
        if word.len() <= STACK && word.is_ascii() {
            let mut buf = [0u8; STACK];
            return self.contains_bytes(ascii_lower(word, &mut buf));
        }
        self.contains(&word.to_lowercase())
    }

    /// Whether `word` is one of the words but for ASCII case (`eq_ignore_ascii_case`).
    #[inline]
    pub(crate) fn contains_ascii(&self, word: &str) -> bool {
        if word.len() <= STACK {
            let mut buf = [0u8; STACK];
            return self.contains_bytes(ascii_lower(word, &mut buf));
        }
        self.contains(&word.to_ascii_lowercase())
    }

    #[inline]
    fn contains_bytes(&self, word: &[u8]) -> bool {
        self.shape.may_hold(word)
            && self
                .set
                .get_or_init(|| self.words.iter().map(|w| w.as_bytes()).collect())
                .contains(word)
    }
}

/// A word table: sorted, lower-case words with a value each (a `const` slice in a file of
/// `lexicon/`), looked up in their hash map (FxHash), built on first use.
pub(crate) struct WordMap<V: 'static> {
    entries: &'static [(&'static str, V)],
    shape: Shape,
    map: OnceLock<HashMap<&'static [u8], V, FxBuildHasher>>,
}

impl<V: Copy> WordMap<V> {
    pub(crate) const fn new(entries: &'static [(&'static str, V)]) -> WordMap<V> {
        let mut shape = Shape::NONE;
        let mut i = 0;
        while i < entries.len() {
            shape = shape.with(entries[i].0.as_bytes());
            i += 1;
        }
        WordMap {
            entries,
            shape,
            map: OnceLock::new(),
        }
    }

    /// The words with their values, sorted by word.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> &'static [(&'static str, V)] {
        self.entries
    }

    /// The value of `word`, as written (the words are lower-case).
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        self.get_bytes(word.as_bytes())
    }

    /// The value of `word` but for ASCII case (`eq_ignore_ascii_case`).
    #[inline]
    pub(crate) fn get_ascii(&self, word: &str) -> Option<V> {
        if word.len() <= STACK {
            let mut buf = [0u8; STACK];
            return self.get_bytes(ascii_lower(word, &mut buf));
        }
        self.get(&word.to_ascii_lowercase())
    }

    #[inline]
    fn get_bytes(&self, word: &[u8]) -> Option<V> {
        if !self.shape.may_hold(word) {
            return None;
        }
        self.map
            .get_or_init(|| {
                self.entries
                    .iter()
                    .map(|&(w, v)| (w.as_bytes(), v))
                    .collect()
            })
            .get(word)
            .copied()
    }
}

/// The lengths and first bytes of a list's words, as bits: a word whose length or first byte
/// no word of the list has is not in it.
#[derive(Clone, Copy)]
struct Shape {
    lengths: u64,
    firsts: u128,
}

impl Shape {
    const NONE: Shape = Shape {
        lengths: 0,
        firsts: 0,
    };

    /// This shape with `word`'s.
    const fn with(self, word: &[u8]) -> Shape {
        Shape {
            lengths: self.lengths | 1 << Shape::length_bit(word),
            firsts: self.firsts | 1 << Shape::first_bit(word),
        }
    }

    /// Whether a list of this shape may hold `word`.
    #[inline]
    fn may_hold(self, word: &[u8]) -> bool {
        self.lengths & 1 << Shape::length_bit(word) != 0
            && self.firsts & 1 << Shape::first_bit(word) != 0
    }

    /// The word's length, the longest sharing bit 63.
    const fn length_bit(word: &[u8]) -> u32 {
        if word.len() < 63 {
            word.len() as u32
        } else {
            63
        }
    }

    /// The word's first byte when it is ASCII; bit 0 for the empty word and any other.
    const fn first_bit(word: &[u8]) -> u32 {
        match word.first() {
            Some(&b) if b < 128 => b as u32,
            _ => 0,
        }
    }
}

/// `word` (at most `STACK` bytes) ASCII-lower-cased into `buf`.
#[inline]
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; STACK]) -> &'b [u8] {
    let b = &mut buf[..word.len()];
    b.copy_from_slice(word.as_bytes());
    b.make_ascii_lowercase();
    b
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
        static S: WordSet = WordSet::new(&["governor", "sen."]);
        assert!(S.contains("sen."));
        assert!(!S.contains("Sen."));
        assert!(S.contains_lower("Sen.") && S.contains_ascii("SEN."));
        assert!(!S.contains("gov"));
        static M: WordMap<u8> = WordMap::new(&[("governor", 1), ("sen.", 2)]);
        assert_eq!(M.get("sen."), Some(2));
        assert_eq!(M.get_ascii("GOVERNOR"), Some(1));
        assert_eq!(M.get("gov"), None);
    }
}
