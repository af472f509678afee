//! LSH buckets in memory: a compact multimap from 64-bit bucket keys to 32-bit row ids.
//!
//! One `u64` per entry in a flat open-addressing table (linear probing, no deletions): 32
//! bits of the bucket key and the id. Keys that agree on those 32 bits share a bucket here,
//! so a look-up can return ids from another bucket (at a million articles, about one article
//! in five meets one such stranger among its 32 look-ups): callers confirm candidates on the
//! full bucket keys (see `shares_band`). At most `per_key` ids are kept per bucket, the
//! first ones inserted: the callers insert in id order, so that is the `LIMIT n` of an
//! ordered index scan (a stranger can take a place only in a bucket already that full).
//!
//! 8 bytes per entry at a load of at most 0.8 (the table grows by half): 32 bands per
//! article make 10 to 15 MB per 50,000 articles.

/// See the [module docs](self).
pub(crate) struct BandIndex {
    slots: Vec<u64>,
    len: usize,
    per_key: usize,
}

const EMPTY: u64 = 0;

impl BandIndex {
    /// An empty index keeping at most `per_key` ids per bucket.
    pub(crate) fn new(per_key: usize) -> BandIndex {
        BandIndex {
            slots: vec![EMPTY; 1 << 12],
            len: 0,
            per_key,
        }
    }

    /// Entries held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Bytes of the table.
    pub(crate) fn bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<u64>()
    }

    /// The 32 bits kept of a key.
    fn short(key: u64) -> u64 {
        key >> 32
    }

    /// Where a look-up starts: from the kept bits, so that the table can grow.
    fn home(short: u64, cap: usize) -> usize {
        ((short * cap as u64) >> 32) as usize
    }

    /// Appends the ids in bucket `key` to `out` (in no particular order).
    pub(crate) fn get(&self, key: u64, out: &mut Vec<i64>) {
        let cap = self.slots.len();
        let short = Self::short(key);
        let mut i = Self::home(short, cap);
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                return;
            }
            if s >> 32 == short {
                out.push((s & 0xffff_ffff) as i64);
            }
            i += 1;
            if i == cap {
                i = 0;
            }
        }
    }

    /// Puts `id` (1 or more) in bucket `key`, unless it is there already or the bucket is
    /// full.
    pub(crate) fn insert(&mut self, key: u64, id: u32) {
        debug_assert!(id != 0);
        if (self.len + 1) * 5 > self.slots.len() * 4 {
            self.grow();
        }
        if self.place((Self::short(key) << 32) | u64::from(id), true) {
            self.len += 1;
        }
    }

    fn place(&mut self, entry: u64, limit: bool) -> bool {
        let cap = self.slots.len();
        let short = entry >> 32;
        let mut i = Self::home(short, cap);
        let mut held = 0;
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                if limit && held >= self.per_key {
                    return false;
                }
                self.slots[i] = entry;
                return true;
            }
            if s == entry {
                return false;
            }
            if s >> 32 == short {
                held += 1;
            }
            i += 1;
            if i == cap {
                i = 0;
            }
        }
    }

    fn grow(&mut self) {
        let cap = self.slots.len() + self.slots.len() / 2;
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; cap]);
        // Entries of one bucket keep their order: those of a probe run that wraps past the
        // end are taken from its start first.
        let start = old.iter().position(|&s| s == EMPTY).unwrap_or(0);
        for k in 0..old.len() {
            let s = old[(start + k) % old.len()];
            if s != EMPTY {
                self.place(s, false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_hold_their_ids_up_to_the_limit_through_growth() {
        let mut ix = BandIndex::new(3);
        let key = |k: u64| k.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        for id in 1..=20_000u32 {
            ix.insert(key(u64::from(id % 5_000)), id);
        }
        // Buckets 0..5000 got ids k, k+5000, k+10000 (the fourth was over the limit).
        assert_eq!(ix.len(), 15_000);
        for k in [1u64, 17, 4_999] {
            let mut out = Vec::new();
            ix.get(key(k), &mut out);
            out.sort_unstable();
            assert_eq!(out, vec![k as i64, k as i64 + 5_000, k as i64 + 10_000]);
        }
        let mut out = Vec::new();
        ix.get(key(77_777), &mut out);
        assert!(out.is_empty());
        ix.insert(key(1), 1);
        assert_eq!(ix.len(), 15_000, "no id twice in a bucket");
        assert!(ix.bytes() >= 15_000 * 8);
    }
}
