//! MinHash signatures and locality-sensitive hashing for near-duplicate articles and quote
//! variants.
//!
//! A signature is [`PERMUTATIONS`] minimum hashes of a text's word shingles under fixed
//! permutations (so signatures are comparable across runs and machines). LSH splits it into
//! [`BANDS`] bands of [`ROWS`] rows: two texts whose Jaccard similarity is `s` share at least
//! one band with probability `1 - (1 - s^ROWS)^BANDS`: 0.99 at s = 0.7, 0.5 at s = 0.42. Candidates are
//! then checked on the full signature.

/// Hashes per signature.
pub const PERMUTATIONS: usize = 128;
/// LSH bands per signature.
pub const BANDS: usize = 32;
/// Rows per band.
pub const ROWS: usize = PERMUTATIONS / BANDS;

/// A MinHash signature.
pub type Signature = [u32; PERMUTATIONS];

/// 64-bit FNV-1a, for shingles: fast and stable across runs.
fn fnv(words: &[&str]) -> u64 {
    crate::hash::hash_items(words)
}

/// A fixed, well-mixed permutation family: splitmix64 of (shingle hash + seed).
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Lower-cased words of a text (letters and digits), for shingling.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The MinHash signature of a text's `k`-word shingles (`None` for texts with no words).
pub fn signature(words: &[String], k: usize) -> Option<Signature> {
    if words.is_empty() {
        return None;
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let k = k.min(refs.len()).max(1);
    let (a, b) = coefficients();
    let mut sig = [u32::MAX; PERMUTATIONS];
    for shingle in refs.windows(k) {
        // One well-mixed hash per shingle, then a multiply-add family for the permutations:
        // the top 32 bits of `a_i * h + b_i` (a_i odd) — cheap, and the loop vectorises.
        let h = mix(fnv(shingle));
        for ((slot, &ai), &bi) in sig.iter_mut().zip(a.iter()).zip(b.iter()) {
            let v = (ai.wrapping_mul(h).wrapping_add(bi) >> 32) as u32;
            *slot = (*slot).min(v);
        }
    }
    Some(sig)
}

/// The fixed coefficients of the permutation family (derived from constants, so signatures
/// are comparable across runs and machines).
fn coefficients() -> &'static ([u64; PERMUTATIONS], [u64; PERMUTATIONS]) {
    static COEFFS: std::sync::OnceLock<([u64; PERMUTATIONS], [u64; PERMUTATIONS])> =
        std::sync::OnceLock::new();
    COEFFS.get_or_init(|| {
        let mut a = [0u64; PERMUTATIONS];
        let mut b = [0u64; PERMUTATIONS];
        for i in 0..PERMUTATIONS {
            a[i] = mix(0x5eed_0000 + i as u64) | 1;
            b[i] = mix(0xb00b_0000 + i as u64);
        }
        (a, b)
    })
}

/// The estimated Jaccard similarity of two signatures.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    let same = a.iter().zip(b.iter()).filter(|(x, y)| x == y).count();
    same as f64 / PERMUTATIONS as f64
}

/// The LSH bucket keys of a signature: one per band, band number folded in.
pub fn bands(sig: &Signature) -> [u64; BANDS] {
    let mut out = [0u64; BANDS];
    for (b, slot) in out.iter_mut().enumerate() {
        let mut h: u64 = mix(b as u64 + 1);
        for v in &sig[b * ROWS..(b + 1) * ROWS] {
            h = mix(h ^ u64::from(*v));
        }
        *slot = h;
    }
    out
}

/// Serialises a signature to bytes (little-endian) for storage.
pub fn to_bytes(sig: &Signature) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Reads a signature stored by [`to_bytes`].
pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
    if bytes.len() != PERMUTATIONS * 4 {
        return None;
    }
    let mut sig = [0u32; PERMUTATIONS];
    for (i, c) in bytes.chunks_exact(4).enumerate() {
        sig[i] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    Some(sig)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(t: &str) -> Signature {
        signature(&words(t), 3).unwrap()
    }

    #[test]
    fn similar_texts_have_similar_signatures() {
        let base = "the finance minister presented the budget on tuesday and said it would cut spending by four percent while protecting pensions and raising nurses pay across the country";
        let edited = "the finance minister presented the budget on tuesday and said it would cut spending by 4 percent while protecting pensions and raising nurses pay across the whole country";
        let other = "a storm closed the mountain passes and the army flew supplies to three villages cut off by snow for the second week running";
        assert!(similarity(&sig(base), &sig(edited)) > 0.5);
        assert!(similarity(&sig(base), &sig(other)) < 0.1);
        assert_eq!(from_bytes(&to_bytes(&sig(base))), Some(sig(base)));
        let shared = bands(&sig(base))
            .iter()
            .zip(bands(&sig(base)).iter())
            .filter(|(a, b)| a == b)
            .count();
        assert_eq!(shared, BANDS);
    }
}
