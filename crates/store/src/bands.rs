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
//!
//! An index can be saved to a file ([`BandIndex::save`]) as its table, and read back whole
//! ([`BandIndex::load`]) or probed in place ([`BandFile`]): a query process looks a few
//! buckets up with a few positioned reads instead of loading millions of entries. The file is
//! little-endian: a header (magic, the caller's `upto` mark, `per_key`, exactness, capacity,
//! length), then the slots, then for an exact index the low key halves.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

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
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Whether this is an exact index keeping `per_key` ids per bucket.
    pub(crate) fn is_exact(&self, per_key: usize) -> bool {
        self.exact && self.per_key == per_key
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

/// First bytes of a saved index.
const MAGIC: &[u8; 8] = b"QTBANDS1";
/// Header: magic, upto, per_key, exact, capacity, length.
const HEADER: usize = 48;

/// The parts of a saved index's header.
struct Header {
    upto: i64,
    per_key: usize,
    exact: bool,
    cap: usize,
    len: usize,
}

impl Header {
    fn parse(bytes: &[u8; HEADER], file_len: u64) -> io::Result<Header> {
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
            u64::from_le_bytes(w)
        };
        let bad = |why: &str| io::Error::new(io::ErrorKind::InvalidData, why.to_string());
        if &bytes[..8] != MAGIC {
            return Err(bad("not a quotetrace bucket file"));
        }
        let (cap, len, exact) = (word(4), word(5), word(3));
        if exact > 1 || cap == 0 || len >= cap || cap > (1 << 40) {
            return Err(bad("inconsistent header"));
        }
        let per_slot = if exact == 1 { 12 } else { 8 };
        if file_len != HEADER as u64 + cap * per_slot {
            return Err(bad("truncated or oversized"));
        }
        Ok(Header {
            upto: word(1) as i64,
            per_key: usize::try_from(word(2)).map_err(|_| bad("inconsistent header"))?,
            exact: exact == 1,
            cap: cap as usize,
            len: len as usize,
        })
    }
}

fn read_header(f: &mut File) -> io::Result<Header> {
    let file_len = f.metadata()?.len();
    let mut head = [0u8; HEADER];
    f.read_exact(&mut head)?;
    Header::parse(&head, file_len)
}

/// The temporary file [`BandIndex::save`] writes before renaming it to `path`.
fn temporary_path(path: &Path) -> std::path::PathBuf {
    path.with_extension(format!("{}.tmp", std::process::id()))
}

/// Removes the temporary files that saves of `path` killed mid-way left in its directory
/// (`NAME.PID.tmp`); only the store's writer, holding its lock, may call it.
pub(crate) fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(stem)) = (path.parent(), path.file_stem().and_then(|s| s.to_str())) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let pid = name
            .strip_prefix(stem)
            .and_then(|r| r.strip_prefix('.'))
            .and_then(|r| r.strip_suffix(".tmp"));
        if pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

impl BandIndex {
    /// Writes the index to `path` with the caller's mark `upto` (what it covers), through a
    /// temporary file renamed into place: a crash leaves the old file or the new one, whole.
    pub(crate) fn save(&self, path: &Path, upto: i64) -> io::Result<()> {
        // One temporary name per process (only the store's writer saves it; a name of its
        // own still keeps two processes of older versions apart).
        let tmp = temporary_path(path);
        let write = || -> io::Result<()> {
            let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
            w.write_all(MAGIC)?;
            for v in [
                upto as u64,
                self.per_key as u64,
                u64::from(self.exact),
                self.slots.len() as u64,
                self.len as u64,
            ] {
                w.write_all(&v.to_le_bytes())?;
            }
            for s in &self.slots {
                w.write_all(&s.to_le_bytes())?;
            }
            for l in &self.lows {
                w.write_all(&l.to_le_bytes())?;
            }
            w.flush()?;
            w.get_ref().sync_all()?;
            Ok(())
        };
        // A failed write (a full disk) leaves no temporary file behind.
        if let Err(e) = write().and_then(|()| std::fs::rename(&tmp, path)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(())
    }

    /// Reads an index [`BandIndex::save`] wrote, with its `upto` mark.
    pub(crate) fn load(path: &Path) -> io::Result<(BandIndex, i64)> {
        let mut f = File::open(path)?;
        let h = read_header(&mut f)?;
        let mut r = io::BufReader::with_capacity(1 << 20, f);
        let mut slots = Vec::with_capacity(h.cap);
        let mut w = [0u8; 8];
        for _ in 0..h.cap {
            r.read_exact(&mut w)?;
            slots.push(u64::from_le_bytes(w));
        }
        let mut lows = Vec::with_capacity(if h.exact { h.cap } else { 0 });
        if h.exact {
            let mut w = [0u8; 4];
            for _ in 0..h.cap {
                r.read_exact(&mut w)?;
                lows.push(u32::from_le_bytes(w));
            }
        }
        if slots.iter().filter(|&&s| s != EMPTY).count() != h.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "entry count does not match the header",
            ));
        }
        let ix = BandIndex {
            slots,
            lows,
            exact: h.exact,
            len: h.len,
            per_key: h.per_key,
        };
        Ok((ix, h.upto))
    }
}

/// A saved [`BandIndex`] looked up in place, by positioned reads: what a query needs from
/// an index too large to load for one question.
pub(crate) struct BandFile {
    file: File,
    header: Header,
}

/// Slots read per positioned read while probing.
const PROBE_CHUNK: usize = 32;

impl BandFile {
    pub(crate) fn open(path: &Path) -> io::Result<BandFile> {
        let mut file = File::open(path)?;
        let header = read_header(&mut file)?;
        Ok(BandFile { file, header })
    }

    /// The mark the index was saved with.
    #[cfg(test)]
    pub(crate) fn upto(&self) -> i64 {
        self.header.upto
    }

    /// As [`BandIndex::get`].
    pub(crate) fn get(&self, key: u64, out: &mut Vec<i64>) -> io::Result<()> {
        let cap = self.header.cap;
        let short = BandIndex::short(key);
        let low = key as u32;
        let mut i = BandIndex::home(short, cap);
        let mut slots = [0u8; PROBE_CHUNK * 8];
        let mut lows = [0u8; PROBE_CHUNK * 4];
        // At most one full turn of the table (it always has an empty slot).
        let mut seen = 0;
        while seen < cap {
            let n = PROBE_CHUNK.min(cap - i);
            read_at(&self.file, &mut slots[..n * 8], (HEADER + i * 8) as u64)?;
            if self.header.exact {
                read_at(
                    &self.file,
                    &mut lows[..n * 4],
                    (HEADER + cap * 8 + i * 4) as u64,
                )?;
            }
            for k in 0..n {
                let mut w = [0u8; 8];
                w.copy_from_slice(&slots[k * 8..k * 8 + 8]);
                let s = u64::from_le_bytes(w);
                if s == EMPTY {
                    return Ok(());
                }
                let low_ok = !self.header.exact || {
                    let mut l = [0u8; 4];
                    l.copy_from_slice(&lows[k * 4..k * 4 + 4]);
                    u32::from_le_bytes(l) == low
                };
                if s >> 32 == short && low_ok {
                    out.push((s & 0xffff_ffff) as i64);
                }
            }
            seen += n;
            i = (i + n) % cap;
        }
        Ok(())
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, at)
}

#[cfg(windows)]
fn read_at(f: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(f, buf, at)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        at += n as u64;
    }
    Ok(())
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
    fn a_saved_index_reads_back_whole_and_in_place() {
        let dir = std::env::temp_dir().join(format!("qt-bands-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let key = |k: u64| k.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (k << 7);
        for exact in [false, true] {
            let mut ix = if exact {
                BandIndex::exact(4)
            } else {
                BandIndex::new(4)
            };
            for id in 1..=30_000u32 {
                ix.insert(key(u64::from(id % 7_000)), id);
            }
            let path = dir.join(format!("b-{exact}.bin"));
            ix.save(&path, 123).unwrap();
            let (back, upto) = BandIndex::load(&path).unwrap();
            assert_eq!(upto, 123);
            assert_eq!(back.len(), ix.len());
            let file = BandFile::open(&path).unwrap();
            assert_eq!(file.upto(), 123);
            for k in (0..8_000u64).step_by(37) {
                let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
                ix.get(key(k), &mut a);
                back.get(key(k), &mut b);
                file.get(key(k), &mut c).unwrap();
                a.sort_unstable();
                b.sort_unstable();
                c.sort_unstable();
                assert_eq!(a, b);
                assert_eq!(a, c);
                assert_eq!(a.is_empty(), k >= 7_000, "bucket {k}");
            }
            // A damaged file is refused, not misread.
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
            assert!(BandIndex::load(&path).is_err());
            assert!(BandFile::open(&path).is_err());
            std::fs::write(&path, b"QTBANDS1 but nothing else").unwrap();
            assert!(BandIndex::load(&path).is_err());
        }
        std::fs::remove_dir_all(&dir).unwrap();
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
