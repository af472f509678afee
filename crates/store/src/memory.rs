//! The in-memory link tables a writer loads on its first write: speakers, article LSH
//! buckets, quote-variant keys and buckets (with their file beside the database).

use super::*;

/// What finding a quote's variant cluster reads, kept in memory while writing.
///
/// The exact keys mirror the `quote_keys` table. The LSH buckets of the groups'
/// representatives are derived data kept out of the database: 16 random B-tree inserts per
/// new group rewrote most of a table's pages with every batch once a store was large (each
/// page twice, log then checkpoint). They are saved beside it (`quote_bands.bin`, see
/// `bands.rs`) with the last group they cover, after a commit once an eighth of the entries
/// are new and at [`Store::checkpoint`]; loading reads that file and recomputes the buckets
/// of the groups stored after it from their representatives' text, so a killed ingest loses
/// nothing. `trace` probes the file in place.
pub(crate) struct QuoteIndex {
    /// Words key -> the clusters with that key, in id order, with each cluster's speaker.
    pub(crate) keys: HashMap<i64, Vec<(i64, Option<i64>)>>,
    /// LSH buckets of cluster representatives (the first `QUOTE_BUCKET_IDS` of each bucket).
    pub(crate) bands: BandIndex,
    /// Bucket entries added since the file was saved.
    pub(crate) unsaved: usize,
    /// Groups whose statement later joined another group as a translation or paraphrase:
    /// group -> the group it joined. Their keys and buckets still name them.
    pub(crate) moved: HashMap<i64, i64>,
}

impl QuoteIndex {
    /// The group a key or bucket's group is in now (itself unless it moved).
    pub(crate) fn group_of(&self, mut group: i64) -> i64 {
        // A chain is as long as the merges of one statement's groups; bounded all the same.
        for _ in 0..64 {
            match self.moved.get(&group) {
                Some(&next) if next != group => group = next,
                _ => break,
            }
        }
        group
    }
}

impl QuoteIndex {
    fn bytes(&self) -> usize {
        self.bands.bytes()
            + self.keys.capacity() * (8 + std::mem::size_of::<Vec<(i64, Option<i64>)>>() + 1)
            + self.keys.values().map(|v| v.capacity() * 16).sum::<usize>()
    }
}

impl Store {
    pub(crate) fn load_speakers(&mut self) -> Result<()> {
        let mut forms: BTreeMap<i64, Vec<(String, u64)>> = BTreeMap::new();
        {
            let mut st = self
                .conn
                .prepare("SELECT speaker, form, count FROM speaker_forms")?;
            let rows = st.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?;
            for row in rows {
                let (s, f, n) = row?;
                forms.entry(s).or_default().push((f, n as u64));
            }
        }
        let mut st = self
            .conn
            .prepare("SELECT id, name, surname, first, is_org FROM speakers ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(quotetrace_link::speakers::CorpusSpeaker {
                id: r.get::<_, i64>(0)? as u64,
                name: r.get(1)?,
                surname: r.get(2)?,
                first: r.get(3)?,
                forms: Vec::new(),
                is_org: r.get::<_, i64>(4)? != 0,
            })
        })?;
        let mut all = Vec::new();
        for row in rows {
            let mut s = row?;
            s.forms = forms.remove(&(s.id as i64)).unwrap_or_default();
            all.push(s);
        }
        self.speakers = SpeakerIndex::from_speakers(all);
        Ok(())
    }

    /// The article LSH buckets, from the stored signatures.
    pub(crate) fn load_doc_bands(&self) -> Result<BandIndex> {
        let mut ix = BandIndex::new(DOC_BUCKET_IDS);
        // Ids are dense: the highest bounds the count without reading every signature twice.
        let n: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM doc_signatures", [], |r| {
                    r.get(0)
                })?;
        ix.reserve(n.max(0) as usize * minhash::BANDS);
        let mut st = self
            .conn
            .prepare("SELECT id, signature FROM doc_signatures ORDER BY id")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let bytes = r.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
            if let Some(sig) = minhash::from_bytes(bytes) {
                for b in minhash::bands(&sig) {
                    ix.insert(b, short_id(id)?);
                }
            }
        }
        Ok(ix)
    }

    /// The quote-variant keys and buckets, from their tables.
    pub(crate) fn load_quote_index(&self) -> Result<QuoteIndex> {
        let mut keys: HashMap<i64, Vec<(i64, Option<i64>)>> = HashMap::new();
        let mut st = self.conn.prepare(
            "SELECT k.key, k.cluster, c.speaker FROM quote_keys k JOIN quote_clusters c ON c.id = k.cluster ORDER BY k.key, k.cluster",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            keys.entry(r.get(0)?)
                .or_default()
                .push((r.get(1)?, r.get(2)?));
        }
        let (mut bands, upto) = self.saved_quote_bands()?;
        // The groups stored after the file was saved (all of them without one), in id order
        // as ingest added them: their buckets from their representatives' words.
        let tail: i64 = self.conn.query_row(
            "SELECT count(*) FROM quote_clusters WHERE id > ?1",
            [upto],
            |r| r.get(0),
        )?;
        // Sized first: see `BandIndex::reserve`.
        bands.reserve(tail.max(0) as usize * QUOTE_BANDS);
        let mut st = self
            .conn
            .prepare("SELECT id, text FROM quote_clusters WHERE id > ?1 ORDER BY id")?;
        let mut rows = st.query([upto])?;
        let mut added = 0;
        while let Some(r) = rows.next()? {
            let id = short_id(r.get(0)?)?;
            let words = variants::quote_words(r.get_ref(1)?.as_str().unwrap_or(""));
            if let Some(sig) = variant_signature(&words) {
                for b in variant_buckets(&sig) {
                    bands.insert(b, id);
                    added += 1;
                }
            }
        }
        let mut moved = HashMap::new();
        let mut st = self.conn.prepare(
            "SELECT c.id, q.cluster FROM quote_clusters c JOIN quotes q ON q.id = c.id WHERE q.cluster != c.id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            moved.insert(r.get(0)?, r.get(1)?);
        }
        Ok(QuoteIndex {
            keys,
            bands,
            unsaved: added,
            moved,
        })
    }

    /// The id of the newest variant group (0 for none).
    pub(crate) fn last_quote_group(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM quote_clusters", [], |r| {
                r.get(0)
            })?)
    }

    pub(crate) fn quote_bands_path(&self) -> PathBuf {
        self.path.with_file_name(QUOTE_BANDS_FILE)
    }

    /// The saved quote buckets and the last group they cover, or an empty index (covering
    /// nothing) when there is no usable file: it is rebuilt from the groups' text.
    pub(crate) fn saved_quote_bands(&self) -> Result<(BandIndex, i64)> {
        let path = self.quote_bands_path();
        let empty = || BandIndex::exact(QUOTE_BUCKET_IDS);
        let last = self.last_quote_group()?;
        match BandIndex::load(&path) {
            Ok((ix, upto)) if upto <= last && ix.is_exact(QUOTE_BUCKET_IDS) => Ok((ix, upto)),
            Ok(_) => {
                log::warn!(
                    "{} belongs to another state of the store; rebuilding it",
                    path.display()
                );
                Ok((empty(), 0))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((empty(), 0)),
            Err(e) => {
                log::warn!("cannot read {} ({e}); rebuilding it", path.display());
                Ok((empty(), 0))
            }
        }
    }

    /// Saves the quote buckets beside the database, if anything was added since they were
    /// last saved.
    pub(crate) fn save_quote_bands(&mut self) -> Result<()> {
        if self.quote_index.as_ref().is_none_or(|qi| qi.unsaved == 0) {
            return Ok(());
        }
        let upto = self.last_quote_group()?;
        let path = self.quote_bands_path();
        if let Some(qi) = self.quote_index.as_mut() {
            qi.bands
                .save(&path, upto)
                .map_err(|source| StoreError::Io {
                    action: "cannot write",
                    path: path.clone(),
                    source,
                })?;
            qi.unsaved = 0;
        }
        Ok(())
    }

    /// Builds the quote-bucket file if the store has variant groups and no usable file (a
    /// store upgraded from schema 3, or a file lost): `trace` probes it.
    pub(crate) fn ensure_quote_bands_file(&mut self) -> Result<()> {
        let path = self.quote_bands_path();
        if BandFile::open(&path).is_ok() {
            return Ok(());
        }
        let any: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM quote_clusters)", [], |r| {
                    r.get(0)
                })?;
        if !any {
            return Ok(());
        }
        // Kept: the first write would load it again.
        self.quote_index = Some(self.load_quote_index()?);
        self.save_quote_bands()
    }

    /// Bytes held by the in-memory link indexes (0 before the first write).
    pub fn index_bytes(&self) -> usize {
        self.doc_bands.as_ref().map_or(0, BandIndex::bytes)
            + self.quote_index.as_ref().map_or(0, QuoteIndex::bytes)
    }
}
