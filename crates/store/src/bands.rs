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
//! article make 10 to 15 MB per 50,000 articles. An exact index ([`BandIndex::exact`]) also
//! keeps the key's other 32 bits (12 bytes per entry), for callers with nothing to confirm a
//! candidate on.

/// See the [module docs](self).
pub(crate) struct BandIndex {
    slots: Vec<u64>,
    /// The low 32 bits of each entry's key, for an exact index (empty otherwise).
    lows: Vec<u32>,
    exact: bool,
    len: usize,
    per_key: usize,
}

const EMPTY: u64 = 0;

impl BandIndex {
    /// An empty index keeping at most `per_key` ids per bucket.
    pub(crate) fn new(per_key: usize) -> BandIndex {
        BandIndex {
            slots: vec![EMPTY; 1 << 12],
            lows: Vec::new(),
            exact: false,
            len: 0,
            per_key,
        }
    }

    /// An empty index that keeps whole keys: a look-up returns only ids of its bucket.
    pub(crate) fn exact(per_key: usize) -> BandIndex {
        BandIndex {
            lows: vec![0; 1 << 12],
            exact: true,
            ..BandIndex::new(per_key)
        }
    }

    /// Makes room for `more` entries without growing. Loading a table in key order needs it:
    /// the place a key starts looking from rises with the key and the table's size, so keys
    /// in order into a table sized for a fraction of them all start near its beginning and
    /// each probes past every entry before it (minutes for a few million entries).
    pub(crate) fn reserve(&mut self, more: usize) {
        let want = (self.len + more) * 5 / 4 + 1;
        if want > self.slots.len() {
            let before = self.slots.len();
            self.resize(want.max(before + before / 2));
        }
    }

    /// Entries held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Bytes of the table.
    pub(crate) fn bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<u64>() + self.lows.len() * std::mem::size_of::<u32>()
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
        let low = key as u32;
        let mut i = Self::home(short, cap);
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                return;
            }
            if s >> 32 == short && (!self.exact || self.lows[i] == low) {
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
        if self.place((Self::short(key) << 32) | u64::from(id), key as u32, true) {
            self.len += 1;
        }
    }

    fn place(&mut self, entry: u64, low: u32, limit: bool) -> bool {
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
                if self.exact {
                    self.lows[i] = low;
                }
                return true;
            }
            let same_key = s >> 32 == short && (!self.exact || self.lows[i] == low);
            if same_key && s == entry {
                return false;
            }
            if same_key {
                held += 1;
            }
            i += 1;
            if i == cap {
                i = 0;
            }
        }
    }

    fn grow(&mut self) {
        self.resize(self.slots.len() + self.slots.len() / 2);
    }

    fn resize(&mut self, cap: usize) {
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; cap]);
        let old_lows = if self.exact {
            std::mem::replace(&mut self.lows, vec![0; cap])
        } else {
            Vec::new()
        };
        // Entries of one bucket keep their order: those of a probe run that wraps past the
        // end are taken from its start first.
        let start = old.iter().position(|&s| s == EMPTY).unwrap_or(0);
        for k in 0..old.len() {
            let j = (start + k) % old.len();
            if old[j] != EMPTY {
                self.place(old[j], old_lows.get(j).copied().unwrap_or(0), false);
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

    #[test]
    fn loading_in_key_order_after_reserving_is_linear() {
        // 400,000 entries in key order, as a store loads its quote buckets: without the
        // reservation each insert probed past all the earlier ones (minutes, not milliseconds).
        let n = 400_000u64;
        let mut ix = BandIndex::exact(16);
        ix.reserve(n as usize);
        let started = std::time::Instant::now();
        for k in 0..n {
            let key = (k * (u64::MAX / n)) | 1;
            ix.insert(key, (k + 1) as u32);
        }
        assert_eq!(ix.len(), n as usize);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "took {:?}",
            started.elapsed()
        );
        let mut out = Vec::new();
        ix.get((7 * (u64::MAX / n)) | 1, &mut out);
        assert_eq!(out, vec![8]);
    }

    #[test]
    fn an_exact_index_tells_keys_apart_that_share_their_high_bits() {
        let mut ix = BandIndex::exact(16);
        let mut loose = BandIndex::new(16);
        for id in 1..=10_000u32 {
            // Two keys per high half, told apart by the low half only.
            let key = (u64::from(id / 2) << 32) | u64::from(id % 2);
            ix.insert(key, id);
            loose.insert(key, id);
        }
        let (mut exact, mut both) = (Vec::new(), Vec::new());
        ix.get(7 << 32 | 1, &mut exact);
        loose.get(7 << 32 | 1, &mut both);
        both.sort_unstable();
        assert_eq!(exact, vec![15]);
        assert_eq!(both, vec![14, 15]);
    }
}
