//! The one hash for everything that is saved: 64-bit FNV-1a.
//!
//! Keys written to the store (document content hashes, quote word keys), MinHash shingles
//! and story term ids must mean the same thing after a toolchain upgrade. The standard
//! library's `DefaultHasher` promises no such thing (its algorithm may change between Rust
//! releases), so every saved key goes through this hash, whose every bit is fixed by its
//! definition (<http://www.isthe.com/chongo/tech/comp/fnv/>): offset basis
//! `0xcbf29ce484222325`, prime `0x100000001b3`, each byte XOR-ed in, then multiplied.
//!
//! Not for: hash tables in memory (std's hasher is fine there) or anything adversarial.

/// FNV-1a's 64-bit offset basis.
const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// A 64-bit FNV-1a hasher, fed byte by byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a::new()
    }
}

impl Fnv1a {
    /// A hasher that has seen nothing.
    pub fn new() -> Fnv1a {
        Fnv1a(OFFSET)
    }

    /// Feeds one byte.
    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(PRIME);
    }

    /// Feeds bytes.
    #[inline]
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    /// Feeds a list item: its bytes, then 0xFF (a byte UTF-8 never holds), so that
    /// ["ab", "c"] and ["a", "bc"] differ.
    #[inline]
    pub fn item(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.byte(0xff);
    }

    /// The hash of what was fed.
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// The FNV-1a hash of `bytes`.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::new();
    h.bytes(bytes);
    h.finish()
}

/// The FNV-1a hash of a list of strings, each followed by 0xFF.
pub fn hash_items<S: AsRef<str>>(items: &[S]) -> u64 {
    let mut h = Fnv1a::new();
    for s in items {
        h.item(s.as_ref());
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Saved keys depend on these values: a change here breaks every existing store.
    #[test]
    fn the_hash_is_pinned_to_its_definition() {
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        // The FNV authors' published test vectors.
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(
            hash_items(&["we", "will", "not", "retreat"]),
            0xa2b9_9a26_739c_8dcd
        );
        assert_ne!(hash_items(&["ab", "c"]), hash_items(&["a", "bc"]));
    }
}
