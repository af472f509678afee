//! The reported-speech classifier: a logistic model over hashed feature strings, trained by
//! train/reported_speech.py on PolNeAR train. Its weights are `weights.bin` (little-endian i16,
//! weight × 1024, one per FNV-1a bucket); the decision threshold is folded into the bias, so a
//! candidate is kept when its score is above zero.

/// 2^BITS buckets; must equal BITS in train/reported_speech.py.
const BITS: u32 = 15;
const SCALE: f32 = 1024.0;
static WEIGHTS: &[u8] = include_bytes!("weights.bin");

/// The weight of one bucket (0 for a weights file of the wrong size: no candidate passes).
fn weight(bucket: usize) -> f32 {
    match WEIGHTS.get(2 * bucket..2 * bucket + 2) {
        Some(b) => f32::from(i16::from_le_bytes([b[0], b[1]])) / SCALE,
        None => 0.0,
    }
}

/// FNV-1a 32 over the concatenation of `parts`.
fn fnv1a(parts: &[&str]) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for p in parts {
        for &b in p.as_bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

/// The features of one candidate, summed into a score as they are added; with the `training`
/// feature the feature strings are kept too, for train/reported_speech.py.
#[derive(Default)]
pub(super) struct Scored {
    pub(super) score: f32,
    #[cfg(feature = "training")]
    pub(super) names: Vec<String>,
}

impl Scored {
    /// Adds the feature named by the concatenation of `parts`.
    pub(super) fn add(&mut self, parts: &[&str]) {
        let bucket = fnv1a(parts) & ((1 << BITS) - 1);
        self.score += weight(bucket as usize);
        #[cfg(feature = "training")]
        self.names.push(parts.concat());
    }

    /// The score as a probability.
    pub(super) fn probability(&self) -> f32 {
        1.0 / (1.0 + (-self.score).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_matches_the_trainer() {
        // train/reported_speech.py: fnv1a("w=said") (the Python side must agree).
        assert_eq!(fnv1a(&["w=", "said"]), fnv1a(&["w=said"]));
        assert_eq!(fnv1a(&[""]), 0x811C_9DC5);
        assert_eq!(fnv1a(&["a"]), 0xE40C_292C);
    }

    #[test]
    fn weights_have_one_entry_per_bucket() {
        assert_eq!(WEIGHTS.len(), 2 << BITS);
    }
}
