//! What a statement means, as a vector: static token embeddings distilled from
//! all-MiniLM-L6-v2 (`train/distill_minilm.py`, model2vec's method), so that two wordings of one
//! statement ("especially aggressive" / "particularly aggressive") are near each other even
//! when they share few words.
//!
//! The table (`data/minilm_static.bin`, 4 MB: one int8 row of 128 dimensions and an f32 scale
//! per token of the model's WordPiece vocabulary, weighted by rarity) and the vocabulary
//! (`data/minilm_vocab.txt`) are compiled in. A text is split as BERT's uncased tokenizer
//! splits it (lower case, accents stripped, punctuation apart, then greedy longest-match
//! word pieces) and its vector is the normalised sum of its tokens' rows: a table lookup per
//! token, no model to run.
//!
//! Not for: deciding alone that two quotes are one statement ([`crate::variants`] weighs this
//! with the words they share, the speakers and the story).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::hash;

static TABLE: &[u8] = include_bytes!("../data/minilm_static.bin");
static VOCAB: &str = include_str!("../data/minilm_vocab.txt");

/// Dimensions of a vector.
pub const DIMS: usize = 128;
const HEADER: usize = 16;
const ROW: usize = 4 + DIMS;
/// Longer words are one unknown token, as in BERT (which counts 100 characters).
const MAX_WORD_BYTES: usize = 200;

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

struct Model {
    /// FNV-1a of a word piece (with its "##") -> its row.
    ids: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    rows: usize,
}

/// The key of a word piece: `##` then the piece when it continues a word.
fn piece_key(continues: bool, piece: &str) -> u64 {
    let mut h = hash::Fnv1a::new();
    if continues {
        h.bytes(b"##");
    }
    h.bytes(piece.as_bytes());
    h.finish()
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut ids: HashMap<u64, u32, BuildHasherDefault<Prehashed>> = HashMap::default();
        let mut lines = 0;
        for (i, t) in VOCAB.lines().enumerate() {
            lines += 1;
            let key = match t.strip_prefix("##") {
                Some(rest) => piece_key(true, rest),
                None => piece_key(false, t),
            };
            // The first of two pieces with one key keeps it (none in the shipped vocabulary).
            ids.entry(key).or_insert(i as u32);
        }
        let word = |at: usize| {
            TABLE
                .get(at..at + 4)
                .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        // A table that does not match its header or the vocabulary gives no vectors at all
        // rather than wrong ones (the unit tests check the shipped one).
        let ok = TABLE.starts_with(b"QTSE")
            && word(8) == lines
            && word(12) == DIMS
            && TABLE.len() == HEADER + lines * ROW;
        Model {
            rows: if ok { lines } else { 0 },
            ids,
        }
    })
}

/// Folds a Latin letter with a diacritic to its base letter ("é" → "e"), as BERT's uncased
/// tokenizer strips accents; other characters are returned as they are.
pub(crate) fn fold(c: char) -> char {
    const FROM: &str =
        "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    const TO: &str =
        "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnoooooooooorrrssssttttuuuuuuuuuuwyyyzzz";
    if c.is_ascii() {
        return c;
    }
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// The word pieces of one lower-cased word, greedy longest match first, appended to `out`;
/// a word with an unmatchable rest adds nothing (BERT's unknown token carries no meaning).
fn word_pieces(m: &Model, w: &str, out: &mut Vec<u32>) {
    if w.len() > MAX_WORD_BYTES {
        return;
    }
    let start_len = out.len();
    let mut at = 0;
    while at < w.len() {
        let mut end = w.len();
        let mut found = None;
        while end > at {
            if w.is_char_boundary(end) {
                if let Some(&id) = m.ids.get(&piece_key(at > 0, &w[at..end])) {
                    found = Some(id);
                    break;
                }
            }
            end -= 1;
        }
        match found {
            Some(id) => {
                out.push(id);
                at = end;
            }
            None => {
                out.truncate(start_len);
                return;
            }
        }
    }
}

/// The WordPiece ids of `text`, split as BERT's uncased tokenizer splits it: lower case,
/// accents folded, each punctuation mark and CJK ideograph a word of its own (unknown words
/// are left out).
pub fn tokens(text: &str) -> Vec<u32> {
    let m = model();
    let mut out = Vec::with_capacity(text.len() / 4 + 4);
    let mut cur = String::with_capacity(32);
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            word_pieces(m, &cur, &mut out);
            cur.clear();
            continue;
        }
        if !c.is_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            word_pieces(m, &cur, &mut out);
            cur.clear();
            word_pieces(m, c.encode_utf8(&mut buf), &mut out);
            continue;
        }
        if c.is_ascii() {
            cur.push(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                cur.push(fold(l));
            }
        }
    }
    word_pieces(m, &cur, &mut out);
    out
}

/// The unit vector of what `text` says, quantised to `i8` (x 127), or `None` when none of its
/// words is known.
pub fn embed(text: &str) -> Option<Vec<i8>> {
    let m = model();
    let mut v = [0f32; DIMS];
    let mut any = false;
    for id in tokens(text) {
        let id = id as usize;
        if id >= m.rows {
            continue;
        }
        let at = HEADER + id * ROW;
        let row = &TABLE[at..at + ROW];
        let scale = f32::from_le_bytes([row[0], row[1], row[2], row[3]]);
        if scale == 0.0 {
            continue;
        }
        for (x, &q) in v.iter_mut().zip(&row[4..]) {
            *x += scale * f32::from(q as i8);
        }
        any = true;
    }
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    (any && norm > 0.0).then(|| v.iter().map(|x| (x / norm * 127.0).round() as i8).collect())
}

/// Cosine of two quantised unit vectors (integer arithmetic: it vectorises).
pub fn cosine(a: &[i8], b: &[i8]) -> f64 {
    let dot: i32 = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum();
    f64::from(dot) / (127.0 * 127.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_matches_its_vocabulary() {
        assert_eq!(model().rows, 30522);
        assert_eq!(model().ids.get(&piece_key(false, "the")), Some(&1996));
    }

    #[test]
    fn word_pieces_as_bert_splits_them() {
        let ids = tokens("Unaffable, Café!");
        let name = |i: u32| VOCAB.lines().nth(i as usize).unwrap();
        let pieces: Vec<&str> = ids.into_iter().map(name).collect();
        assert_eq!(pieces, ["una", "##ffa", "##ble", ",", "cafe", "!"]);
        assert!(embed("").is_none());
        assert!(embed("\u{1F600}").is_none());
    }

    #[test]
    fn synonyms_are_nearer_than_other_statements() {
        let a = embed("The pressure in 2012 was especially aggressive").unwrap();
        let b = embed("In 2012 the pressure was particularly aggressive").unwrap();
        let c = embed("The harvest this year was the best in a decade").unwrap();
        assert!(cosine(&a, &b) > 0.95, "{}", cosine(&a, &b));
        assert!(cosine(&a, &c) < cosine(&a, &b) - 0.2);
    }
}
