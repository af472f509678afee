//! Small numeric helpers of the clusterer (means, ratios, top-k) and its id-keyed maps.

use super::*;

/// [`StoryConfig::identity_power`] of states saved before it existed: the plain mean.
pub(super) fn plain_mean() -> f32 {
    1.0
}

/// A hash map keyed by term ids (already FNV hashes) or story ids (sequential): one
/// multiplication mixes the key, where the standard SipHash would cost a third of the run
/// time.
pub(super) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// The hasher of [`IdMap`]: Fibonacci hashing of a `u64` key.
#[derive(Clone, Copy, Default)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0.rotate_left(8) ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = (key ^ (key >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The power mean of two non-negative values with exponent `p`: `((a^p + b^p) / 2)^(1/p)`;
/// the arithmetic mean at 1, the geometric mean at 0 (and below).
pub(super) fn power_mean(a: f32, b: f32, p: f32) -> f32 {
    let (a, b) = (a.max(0.0), b.max(0.0));
    if p == 1.0 {
        (a + b) / 2.0
    } else if p <= 0.0 {
        (a * b).sqrt()
    } else {
        ((a.powf(p) + b.powf(p)) / 2.0).powf(1.0 / p)
    }
}

/// `numerator / denominator`, 0 when the denominator is 0.
pub(super) fn ratio(numerator: f32, denominator: f32) -> f32 {
    if denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}

/// Keeps the `k` items with the largest score, in that order. `key` gives (id, score); ties
/// go to the smaller id, so the result never depends on the input order.
pub(super) fn top_by<T, F: Fn(&T) -> (u64, f32)>(items: &mut Vec<T>, k: usize, key: F) {
    let order = |a: &T, b: &T| {
        let (ia, sa) = key(a);
        let (ib, sb) = key(b);
        sb.total_cmp(&sa).then_with(|| ia.cmp(&ib))
    };
    if k == 0 {
        items.clear();
        return;
    }
    if items.len() > k {
        items.select_nth_unstable_by(k - 1, order);
        items.truncate(k);
    }
    items.sort_unstable_by(order);
}
