//! The embedded corpus store: documents, quotes, corpus speakers and the links between them,
//! with full-text search, in one SQLite file (no server to install).
//!
//! Writes go in batches, one transaction each: a batch is either wholly in the store or not at
//! all, so killing an ingest loses nothing that was committed and the next run resumes
//! (documents are keyed by a hash of their text, so ingest is idempotent). Cross-document
//! links are made as documents arrive, on compact keys kept in indexed tables: MinHash LSH
//! buckets for near-duplicate articles and for quote variants; surname keys for speakers.
//! What the links mean is `quotetrace-link`'s business; this crate persists and queries.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

mod bands;

use bands::{BandFile, BandIndex};
use quotetrace_link::minhash::{self, Signature};
use quotetrace_link::speakers::SpeakerIndex;
use quotetrace_link::variants;
use quotetrace_model::{Document, Quote, QuoteKind};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

mod browse;
mod lock;
mod search;
mod stats;
mod wal;
pub use browse::{DocumentFilter, DocumentRow, StorySummary};
pub use lock::{Busy, Holder, WriteLock, LOCK_FILE};

/// Quote matches ranked per search (see [`Store::search`]).
pub const RANKED_QUOTES: i64 = 2000;
/// Article matches ranked per search. Ranking an article reads its whole text again (the
/// article index keeps no positions, which keeps ingest fast), ten times the cost of a quote.
pub const RANKED_ARTICLES: i64 = 200;
/// Estimated Jaccard similarity above which two articles are near-duplicates.
pub const DUPLICATE_SIMILARITY: f64 = 0.7;
/// Word shingle length for article signatures.
const DOC_SHINGLE: usize = 3;
/// Word shingle length for quote signatures.
const QUOTE_SHINGLE: usize = 2;
/// Ids kept per article LSH bucket (the first ones stored).
const DOC_BUCKET_IDS: usize = 64;
/// The schema this version writes and reads (meta key `schema`).
pub const SCHEMA_VERSION: i64 = 4;
/// Ids kept per quote LSH bucket during ingest (the first ones stored).
const QUOTE_BUCKET_IDS: usize = 16;
/// LSH bands used for quotes (of the signature's 32): word-for-word repeats are found by
/// their exact key, so LSH only has to catch edited variants, which share many word pairs.
const QUOTE_BANDS: usize = 16;
/// The quote-variant buckets, saved beside the database (see [`QuoteIndex`]).
const QUOTE_BANDS_FILE: &str = "quote_bands.bin";

/// A store error, with what was being done.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("store: {e}"))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A document ready to be stored: cleaned text, metadata, its quotes, and the keys the
/// cross-document links are made on. Build it with [`NewDocument::new`], which computes the
/// keys: that is the costly part, and it can run on any thread.
pub struct NewDocument {
    pub doc: Document,
    pub lang: Option<String>,
    pub quotes: Vec<Quote>,
    hash: i64,
    signature: Option<Signature>,
    quote_keys: Vec<QuoteKeys>,
}

/// The link keys of one quote.
struct QuoteKeys {
    words: Vec<String>,
    key: i64,
    signature: Option<Signature>,
}

impl NewDocument {
    /// Prepares a document for the store, computing its link keys.
    pub fn new(doc: Document, lang: Option<String>, quotes: Vec<Quote>) -> NewDocument {
        // The same text at another address is another appearance (a copy an outlet carried),
        // so the key is the document's name and its text: only re-reading the same document
        // adds nothing.
        let hash = content_hash(&format!("{}\u{0}{}", doc.id, doc.text.trim()));
        let signature = minhash::signature(&minhash::words(&doc.text), DOC_SHINGLE);
        let quote_keys = quotes
            .iter()
            .map(|q| {
                let words = variants::quote_words(&q.text);
                QuoteKeys {
                    key: words_key(&words),
                    signature: variant_signature(&words),
                    words,
                }
            })
            .collect();
        NewDocument {
            doc,
            lang,
            quotes,
            hash,
            signature,
            quote_keys,
        }
    }
}

/// The signature a quote's variant group is found by: of its word pairs, for quotes long
/// enough to link.
fn variant_signature(words: &[String]) -> Option<Signature> {
    if words.len() < variants::MIN_WORDS {
        return None;
    }
    minhash::signature(words, QUOTE_SHINGLE)
}

/// The LSH bucket keys of a quote signature.
fn variant_buckets(sig: &Signature) -> impl Iterator<Item = u64> {
    minhash::bands(sig).into_iter().take(QUOTE_BANDS)
}

/// The next free row ids, so that rows can be written with their final ids in one statement.
struct NextIds {
    doc: i64,
    quote: i64,
}

/// What storing one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Stored as document `id`; `duplicate_of` names the original of a near-duplicate.
    New {
        id: i64,
        duplicate_of: Option<i64>,
        quotes: usize,
    },
    /// Already in the store (same text) as document `id`: nothing added.
    Existing { id: i64 },
}

/// The store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    speakers: SpeakerIndex,
    speakers_loaded: bool,
    /// Article LSH buckets, loaded on the first write.
    doc_bands: Option<BandIndex>,
    /// Quote-variant keys and buckets, loaded on the first write.
    quote_index: Option<QuoteIndex>,
    /// The full-text indexing thread, started by the first write.
    indexer: Option<search::Indexer>,
    /// The log checkpoint thread, started by the first write.
    checkpointer: Option<wal::Checkpointer>,
    /// The store's write lock: held by a store opened for writing (see [`WriteLock`]).
    lock: Option<WriteLock>,
}

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
struct QuoteIndex {
    /// Words key -> the clusters with that key, in id order, with each cluster's speaker.
    keys: HashMap<i64, Vec<(i64, Option<i64>)>>,
    /// LSH buckets of cluster representatives (the first `QUOTE_BUCKET_IDS` of each bucket).
    bands: BandIndex,
    /// Bucket entries added since the file was saved.
    unsaved: usize,
}

impl QuoteIndex {
    fn bytes(&self) -> usize {
        self.bands.bytes()
            + self.keys.capacity() * (8 + std::mem::size_of::<Vec<(i64, Option<i64>)>>() + 1)
            + self.keys.values().map(|v| v.capacity() * 16).sum::<usize>()
    }
}

/// Row counts, for summaries.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub documents: i64,
    pub duplicates: i64,
    pub quotes: i64,
    pub quote_clusters: i64,
    pub speakers: i64,
    pub stories: i64,
}

/// A quote with its document's metadata.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    pub id: i64,
    pub text: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_id: Option<i64>,
    pub cue: Option<String>,
    pub confidence: f64,
    pub cluster: i64,
    pub doc: String,
    pub doc_id: i64,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub start: i64,
    pub end: i64,
    /// How sure the link to its variant group is (1 for the group's first quote and for
    /// word-for-word repeats; lower for edited variants and translations).
    pub variant_confidence: f64,
}

/// Filters for [`Store::quotes`].
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    /// A corpus speaker, by any of its name forms.
    pub speaker: Option<String>,
    /// Only quotes from documents published on or after this date (YYYY-MM-DD).
    pub since: Option<String>,
    /// Only quotes from documents published on or before this date (YYYY-MM-DD).
    pub until: Option<String>,
    /// A corpus speaker, by id.
    pub speaker_id: Option<i64>,
    /// Only quotes of this document.
    pub document: Option<i64>,
    pub outlet: Option<String>,
    pub story: Option<i64>,
    /// Full-text words that must occur in the quote.
    pub text: Option<String>,
    /// Only quotes of this kind (`direct`, `partial`, `indirect`, `pull`).
    pub kind: Option<String>,
    /// Only quotes whose attribution confidence is at least this.
    pub min_confidence: Option<f64>,
    pub limit: usize,
    pub offset: usize,
}

/// The quote kinds a filter accepts, as stored.
pub const QUOTE_KINDS: [&str; 4] = ["direct", "partial", "indirect", "pull"];

/// Whether `s` is a calendar date written `YYYY-MM-DD` (the form dates are stored in and
/// every date filter takes).
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    if !(b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()))
    {
        return false;
    }
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A corpus speaker with its name forms.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerRow {
    pub id: i64,
    pub name: String,
    pub forms: Vec<String>,
    pub quotes: i64,
    pub outlets: i64,
    pub is_org: bool,
}

/// A search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// "quote" or "document".
    pub kind: &'static str,
    pub id: i64,
    pub doc: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub speaker: Option<String>,
    pub snippet: String,
    pub score: f64,
}

/// A document's story assignment.
#[derive(Debug, Clone, Serialize)]
pub struct StoryRow {
    pub doc: String,
    pub doc_id: i64,
    pub story: Option<i64>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

/// One appearance of a quote in the corpus, for [`Trace`].
#[derive(Debug, Clone, Serialize)]
pub struct Appearance {
    pub quote: QuoteRow,
    /// The words changed against the first appearance: `-word` removed, `+word` added.
    pub changes: Vec<String>,
    pub duplicate_of: Option<i64>,
}

/// The provenance of a quote: where it first appeared, who carried it, how it changed.
#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    pub cluster: i64,
    pub speaker: Option<String>,
    pub first: Appearance,
    /// Every appearance in date order (the first included), or the first ones when the
    /// caller set a limit.
    pub appearances: Vec<Appearance>,
    /// How many appearances there are in all.
    pub appearances_total: usize,
    /// Distinct outlets that carried it, in order of first appearance.
    pub outlets: Vec<String>,
    /// How close the asked text is to the quote found (0 to 1).
    pub match_score: f64,
}

fn content_hash(text: &str) -> i64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.trim().hash(&mut h);
    h.finish() as i64
}

/// Words for a full-text query: every word must occur (FTS5 syntax characters are dropped).
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(32)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A full-text query for the `n` longest distinct words of `text` (long words are the rare
/// ones): a cheap way to find the quotes that hold a pasted fragment, to be checked word for
/// word after. (A phrase query reads the positions of every word, common ones included, and
/// costs ten times more on a large store.)
pub fn fts_rare_words(text: &str, n: usize) -> Option<String> {
    let mut words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    words.truncate(n);
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

impl Store {
    /// Opens (creating if needed) the store in directory `dir` for writing, holding its
    /// write lock until dropped; fails, naming the holder, when another process writes it.
    pub fn open(dir: &Path) -> Result<Store> {
        Store::open_locked(WriteLock::acquire(dir)?)
    }

    /// [`Store::open`] with the store's write lock already taken (`lock` names the store).
    pub fn open_locked(lock: WriteLock) -> Result<Store> {
        let dir = lock.dir().to_path_buf();
        let path = dir.join("quotetrace.db");
        let conn = Connection::open(&path)
            .map_err(|e| StoreError(format!("cannot open store {}: {e}", path.display())))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 10000;",
        )?;
        conn.execute_batch(include_str!("schema.sql"))?;
        // Writing a batch uses about 20 statements: rusqlite's default cache of 16 evicted and
        // re-parsed some of them for every document.
        conn.set_prepared_statement_cache_capacity(64);
        // Plans fixed at prepare time: otherwise SQLite re-prepares a statement whenever a
        // value bound to a filter switches between 0 or 1 and anything else (a heuristic
        // for estimating rows), which it did for some statement once per document or so.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        check_schema(&conn, &path)?;
        stats::backfill(&conn)?;
        search::attach(&conn, &path, false)?;
        let mut store = Store::with_connection(conn, path);
        store.lock = Some(lock);
        bands::remove_stale_temporaries(&store.quote_bands_path());
        store.ensure_quote_bands_file()?;
        store.ensure_search_caught_up()?;
        Ok(store)
    }

    fn with_connection(conn: Connection, path: PathBuf) -> Store {
        // Speakers and LSH buckets are loaded on the first write: queries do not need them.
        Store {
            conn,
            path,
            speakers: SpeakerIndex::default(),
            speakers_loaded: false,
            doc_bands: None,
            quote_index: None,
            indexer: None,
            checkpointer: None,
            lock: None,
        }
    }

    /// Lets the write lock go, keeping the connection and the in-memory state, for a
    /// process that writes now and then (the server, per upload); writes fail until
    /// [`Store::resume_writing`]. Call [`Store::checkpoint`] first.
    pub fn release_lock(&mut self) -> Option<WriteLock> {
        self.lock.take()
    }

    /// Gives back the write lock taken anew: `Ok(true)` when nobody else held it since this
    /// store let it go (`stamp`, the holder's stamp then), so its in-memory state is still
    /// the store's; `Ok(false)` when another process may have written, and the caller must
    /// open the store again ([`Store::open_locked`]) instead of writing through this one.
    pub fn resume_writing(
        &mut self,
        lock: WriteLock,
        stamp: &str,
    ) -> std::result::Result<(), Box<WriteLock>> {
        if lock.dir() != self.path.parent().unwrap_or(Path::new("")) || !lock.unchanged_since(stamp)
        {
            return Err(Box::new(lock));
        }
        self.lock = Some(lock);
        Ok(())
    }

    /// Fails unless this store holds its write lock.
    fn writable(&self) -> Result<()> {
        match self.lock {
            Some(_) => Ok(()),
            None => Err(StoreError(format!(
                "the store {} is not open for writing (its write lock is not held)",
                self.path.display()
            ))),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn load_speakers(&mut self) -> Result<()> {
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

    /// Stores a batch of documents in one transaction.
    pub fn add_batch(&mut self, docs: Vec<NewDocument>) -> Result<Vec<Added>> {
        self.add_batch_inner(docs, None)
    }

    /// Stores a batch of documents in one transaction, with their stories: `stories` gets
    /// the documents that are new, in batch order, as (position in `docs`, id) pairs, and
    /// returns their stories in that order, with any stored documents whose story changed
    /// (see [`BatchStories`]). It runs on a thread of its own while the quotes are linked and
    /// written (story assignment is a large part of a batch's work). The same as
    /// [`Store::add_batch`] then [`Store::set_stories`], in one transaction and without
    /// rewriting the new rows.
    pub fn add_batch_with_stories(
        &mut self,
        docs: Vec<NewDocument>,
        stories: impl FnOnce(&[(usize, i64)]) -> BatchStories + Send,
    ) -> Result<Vec<Added>> {
        self.add_batch_inner(docs, Some(Box::new(stories)))
    }

    /// The article LSH buckets, from the stored signatures.
    fn load_doc_bands(&self) -> Result<BandIndex> {
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
    fn load_quote_index(&self) -> Result<QuoteIndex> {
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
        Ok(QuoteIndex {
            keys,
            bands,
            unsaved: added,
        })
    }

    /// The id of the newest variant group (0 for none).
    fn last_quote_group(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM quote_clusters", [], |r| {
                r.get(0)
            })?)
    }

    fn quote_bands_path(&self) -> PathBuf {
        self.path.with_file_name(QUOTE_BANDS_FILE)
    }

    /// The saved quote buckets and the last group they cover, or an empty index (covering
    /// nothing) when there is no usable file: it is rebuilt from the groups' text.
    fn saved_quote_bands(&self) -> Result<(BandIndex, i64)> {
        let path = self.quote_bands_path();
        let empty = || BandIndex::exact(QUOTE_BUCKET_IDS);
        let last = self.last_quote_group()?;
        match BandIndex::load(&path) {
            Ok((ix, upto)) if upto <= last && ix.is_exact(QUOTE_BUCKET_IDS) => Ok((ix, upto)),
            Ok(_) => {
                eprintln!(
                    "quotetrace: {} belongs to another state of the store; rebuilding it",
                    path.display()
                );
                Ok((empty(), 0))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((empty(), 0)),
            Err(e) => {
                eprintln!(
                    "quotetrace: cannot read {} ({e}); rebuilding it",
                    path.display()
                );
                Ok((empty(), 0))
            }
        }
    }

    /// Saves the quote buckets beside the database, if anything was added since they were
    /// last saved.
    fn save_quote_bands(&mut self) -> Result<()> {
        if self.quote_index.as_ref().is_none_or(|qi| qi.unsaved == 0) {
            return Ok(());
        }
        let upto = self.last_quote_group()?;
        let path = self.quote_bands_path();
        if let Some(qi) = self.quote_index.as_mut() {
            qi.bands
                .save(&path, upto)
                .map_err(|e| StoreError(format!("cannot write {}: {e}", path.display())))?;
            qi.unsaved = 0;
        }
        Ok(())
    }

    /// Brings the files kept beside the database up to date with what is committed (the
    /// quote-variant buckets); ingest calls it at its checkpoints and at the end.
    pub fn checkpoint(&mut self) -> Result<()> {
        self.save_quote_bands()?;
        match self.indexer.as_mut() {
            Some(ix) => ix.flush(),
            None => Ok(()),
        }
    }

    /// Indexes for search what a killed ingest committed but had not indexed (or everything,
    /// for a store upgraded from schema 3 or whose search.db was lost), before any query.
    fn ensure_search_caught_up(&mut self) -> Result<()> {
        let behind = search::behind(&self.conn)?;
        if behind <= 0 {
            return Ok(());
        }
        if behind > 100_000 {
            eprintln!(
                "quotetrace: indexing {behind} articles and quotes of {} for search (once)",
                self.path.display()
            );
        }
        self.start_indexer()?;
        self.indexer.as_mut().map_or(Ok(()), search::Indexer::flush)
    }

    /// Starts the full-text indexing thread and hands it what the indexes lack.
    fn start_indexer(&mut self) -> Result<()> {
        let mut indexer = search::Indexer::start(&self.path)?;
        search::catch_up(&self.conn, &mut indexer)?;
        self.indexer = Some(indexer);
        Ok(())
    }

    /// Waits until the full-text indexes hold every document this process stored.
    fn search_synced(&self) -> Result<()> {
        self.indexer.as_ref().map_or(Ok(()), search::Indexer::sync)
    }

    /// Builds the quote-bucket file if the store has variant groups and no usable file (a
    /// store upgraded from schema 3, or a file lost): `trace` probes it.
    fn ensure_quote_bands_file(&mut self) -> Result<()> {
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

    fn add_batch_inner(
        &mut self,
        docs: Vec<NewDocument>,
        story: Option<StoriesFn>,
    ) -> Result<Vec<Added>> {
        self.writable()?;
        if !self.speakers_loaded {
            self.load_speakers()?;
            self.speakers_loaded = true;
        }
        if self.doc_bands.is_none() {
            self.doc_bands = Some(self.load_doc_bands()?);
        }
        if self.quote_index.is_none() {
            self.quote_index = Some(self.load_quote_index()?);
        }
        if self.indexer.is_none() {
            self.start_indexer()?;
        }
        if self.checkpointer.is_none() {
            self.checkpointer = Some(wal::Checkpointer::start(&self.path, &self.conn)?);
        }
        let result = self.write_batch(docs, story);
        if result.is_err() {
            // The in-memory state may hold what was rolled back: read it again next time.
            self.speakers_loaded = false;
            self.doc_bands = None;
            self.quote_index = None;
            // Started again, caught up from what was committed.
            self.indexer = None;
            return result;
        }
        // Saved when an eighth of the entries are new: each save writes the whole table, so
        // that is a constant cost per entry however large the store grows. What is not saved
        // yet is rebuilt from the database on the next load.
        if self
            .quote_index
            .as_ref()
            .is_some_and(|qi| qi.unsaved > 0 && qi.unsaved * 8 >= qi.bands.len())
        {
            if let Err(e) = self.save_quote_bands() {
                // Committed all the same; the next save or load makes up for it.
                eprintln!("quotetrace: {e}");
            }
        }
        result
    }

    fn write_batch(
        &mut self,
        docs: Vec<NewDocument>,
        story: Option<StoriesFn>,
    ) -> Result<Vec<Added>> {
        let doc_bands = self.doc_bands.as_mut().expect("loaded above");
        let quote_index = self.quote_index.as_mut().expect("loaded above");
        let speakers = &mut self.speakers;
        let mut touched: HashSet<u64> = HashSet::new();
        let tx = self.conn.transaction()?;
        let mut ids = NextIds {
            doc: tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM documents", [], |r| {
                r.get(0)
            })?,
            quote: tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM quotes", [], |r| {
                r.get(0)
            })?,
        };
        let first_quote = ids.quote;
        // First which documents are new, their ids and near-duplicates; then, while the
        // stories of the new ones are assigned on another thread, their quotes; then the
        // document rows, with their stories.
        let mut out = Vec::with_capacity(docs.len());
        let mut new = Vec::new();
        let mut in_batch: HashMap<i64, i64> = HashMap::new();
        for (i, d) in docs.into_iter().enumerate() {
            match admit(&tx, doc_bands, &mut in_batch, &mut ids, d)? {
                Admitted::Existing(id) => out.push(Added::Existing { id }),
                Admitted::New(a) => {
                    out.push(Added::New {
                        id: a.id,
                        duplicate_of: a.duplicate_of,
                        quotes: a.quotes.len(),
                    });
                    new.push((i, a));
                }
            }
        }
        let positions: Vec<(usize, i64)> = new.iter().map(|(i, a)| (*i, a.id)).collect();
        let mut indexed = search::Batch::default();
        let mut moved = Vec::new();
        let stories: Vec<Option<i64>> = std::thread::scope(|scope| -> Result<Vec<Option<i64>>> {
            let assigned = story.map(|f| scope.spawn(move || f(&positions)));
            let written = new.iter_mut().try_for_each(|(_, a)| {
                add_quotes(
                    &tx,
                    quote_index,
                    speakers,
                    &mut touched,
                    &mut ids,
                    a,
                    &mut indexed,
                )
            });
            // Joined before anything returns: a scope that ends on a panicked thread panics.
            let assigned = assigned.map(|h| h.join());
            written?;
            match assigned {
                None => Ok(vec![None; new.len()]),
                Some(Err(_)) => Err(StoreError("story assignment failed".into())),
                Some(Ok(got)) if got.new.len() != new.len() => Err(StoreError(format!(
                    "{} stories for {} new documents",
                    got.new.len(),
                    new.len()
                ))),
                Some(Ok(got)) => {
                    moved = got.moved;
                    Ok(got.new.into_iter().map(Some).collect())
                }
            }
        })?;
        for ((_, a), story) in new.iter().zip(&stories) {
            insert_document(&tx, a, *story)?;
        }
        for ((_, a), story) in new.iter().zip(stories) {
            if let Some(story) = story {
                link_translations(&tx, a.id, story)?;
            }
        }
        move_stories(&tx, &moved)?;
        stats::add_quotes_after(&tx, first_quote - 1)?;
        // Speakers whose forms changed are written with the batch.
        {
            let mut up = tx.prepare_cached("INSERT INTO speakers (id, name, surname, first, is_org) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(id) DO UPDATE SET name = excluded.name, first = excluded.first")?;
            let mut form = tx.prepare_cached("INSERT INTO speaker_forms (speaker, form, count) VALUES (?1, ?2, ?3) ON CONFLICT(speaker, form) DO UPDATE SET count = excluded.count")?;
            for id in &touched {
                if let Some(s) = self.speakers.get(*id) {
                    up.execute(params![
                        s.id as i64,
                        s.name,
                        s.surname,
                        s.first,
                        s.is_org as i64
                    ])?;
                    for (f, n) in &s.forms {
                        form.execute(params![s.id as i64, f, *n as i64])?;
                    }
                }
            }
        }
        tx.commit()?;
        if let Some(c) = &self.checkpointer {
            c.after_commit(&self.conn)?;
        }
        // Committed: the full-text indexer may have it.
        indexed.documents.extend(
            new.into_iter()
                .map(|(_, a)| (a.id, a.doc.title, a.doc.text)),
        );
        self.indexer
            .as_mut()
            .expect("started with the first write")
            .index(indexed)?;
        Ok(out)
    }

    /// Assigns stories to documents (`(doc id, story)` pairs) in one transaction.
    pub fn set_stories(&mut self, assignments: &[(i64, i64)]) -> Result<()> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        move_stories(&tx, assignments)?;
        tx.commit()?;
        Ok(())
    }

    /// Documents with id above `after`, in id order, as `(id, title, text, published)`.
    pub fn documents_after(
        &self,
        after: i64,
        mut f: impl FnMut(i64, Option<String>, String, Option<String>),
    ) -> Result<()> {
        let mut st = self.conn.prepare(
            "SELECT id, title, text, published FROM documents WHERE id > ?1 ORDER BY id",
        )?;
        let mut rows = st.query([after])?;
        while let Some(r) = rows.next()? {
            f(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        }
        Ok(())
    }

    /// Row counts.
    pub fn counts(&self) -> Result<Counts> {
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            documents: one("SELECT count(*) FROM documents")?,
            duplicates: one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")?,
            quotes: one("SELECT count(*) FROM quotes")?,
            quote_clusters: one("SELECT count(DISTINCT cluster) FROM quotes")?,
            speakers: one("SELECT count(*) FROM speakers")?,
            stories: one("SELECT count(DISTINCT story) FROM documents WHERE story IS NOT NULL")?,
        })
    }

    /// Quotes matching a filter, newest documents first.
    ///
    /// With words to find (`text`), quotes are listed most recently stored first instead: the
    /// full-text index hands matches over in that order, so the first page costs the same
    /// however many quotes match.
    pub fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        let fts = f.text.as_deref().and_then(fts_query);
        if fts.is_some() {
            self.search_synced()?;
        }
        let mut sql = match fts {
            Some(_) => format!(
                "SELECT {QUOTE_COLUMNS} FROM quotes_fts f JOIN quotes q ON q.id = f.rowid JOIN documents d ON d.id = q.doc LEFT JOIN speakers s ON s.id = q.speaker"
            ),
            None => String::from(QUOTE_SELECT),
        };
        let Some((conds, mut args)) = self.quote_conditions(f)? else {
            return Ok(Vec::new());
        };
        let mut conds = conds;
        if let Some(q) = &fts {
            args.push(q.clone().into());
            conds.push(format!("quotes_fts MATCH ?{}", args.len()));
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        let order = if fts.is_some() {
            "f.rowid DESC"
        } else {
            "d.published DESC, q.id DESC"
        };
        sql.push_str(&format!(
            " ORDER BY {order} LIMIT {} OFFSET {}",
            f.limit.max(1),
            f.offset
        ));
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args), quote_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The SQL conditions (on `q`, the quotes, and `d`, their documents) and their values
    /// for a filter's fields other than its full-text words and paging; `None` when nothing
    /// can match (an unknown speaker name).
    #[allow(clippy::type_complexity)]
    fn quote_conditions(
        &self,
        f: &QuoteFilter,
    ) -> Result<Option<(Vec<String>, Vec<rusqlite::types::Value>)>> {
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut conds: Vec<String> = Vec::new();
        if let Some(name) = &f.speaker {
            let ids = self.speaker_ids(name)?;
            if ids.is_empty() {
                return Ok(None);
            }
            conds.push(format!(
                "q.speaker IN ({})",
                ids.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        if let Some(since) = &f.since {
            args.push(since.clone().into());
            conds.push(format!("d.published >= ?{}", args.len()));
        }
        if let Some(until) = &f.until {
            // A bare date covers the whole day: published dates may carry a time.
            args.push(format!("{until}\u{10ffff}").into());
            conds.push(format!("d.published <= ?{}", args.len()));
        }
        if let Some(id) = f.speaker_id {
            args.push(id.into());
            conds.push(format!("q.speaker = ?{}", args.len()));
        }
        if let Some(id) = f.document {
            args.push(id.into());
            conds.push(format!("q.doc = ?{}", args.len()));
        }
        if let Some(outlet) = &f.outlet {
            args.push(outlet.clone().into());
            conds.push(format!("d.outlet = ?{} COLLATE NOCASE", args.len()));
        }
        if let Some(story) = f.story {
            args.push(story.into());
            conds.push(format!("d.story = ?{}", args.len()));
        }
        if let Some(kind) = &f.kind {
            args.push(kind.clone().into());
            conds.push(format!("q.kind = ?{}", args.len()));
        }
        if let Some(min) = f.min_confidence {
            args.push(min.into());
            conds.push(format!("q.confidence >= ?{}", args.len()));
        }
        Ok(Some((conds, args)))
    }

    /// Corpus speaker ids for a name as a user types it: an exact name or name form
    /// ("Vladimir Putin"), else a surname ("Putin"), case-insensitive.
    fn speaker_ids(&self, name: &str) -> Result<Vec<i64>> {
        let name = name.trim();
        let mut st = self.conn.prepare(
            "SELECT id FROM speakers WHERE name = ?1 COLLATE NOCASE UNION SELECT speaker FROM speaker_forms WHERE form = ?1 COLLATE NOCASE",
        )?;
        let exact = st
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        if !exact.is_empty() {
            return Ok(exact);
        }
        let mut st = self
            .conn
            .prepare("SELECT id FROM speakers WHERE surname = lower(?1)")?;
        let by_surname = st
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(by_surname)
    }

    /// Speakers with their name forms, most quoted first.
    pub fn speakers(&self, limit: usize, offset: usize) -> Result<Vec<SpeakerRow>> {
        let mut st = self.conn.prepare(
            "SELECT s.id, s.name, s.is_org, t.quotes, t.outlets FROM speaker_totals t
             JOIN speakers s ON s.id = t.speaker
             ORDER BY t.quotes DESC, t.speaker LIMIT ?1 OFFSET ?2",
        )?;
        let rows = st.query_map(params![limit.max(1) as i64, offset as i64], |r| {
            Ok(SpeakerRow {
                id: r.get(0)?,
                name: r.get(1)?,
                is_org: r.get::<_, i64>(2)? != 0,
                quotes: r.get(3)?,
                outlets: r.get(4)?,
                forms: Vec::new(),
            })
        })?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut forms = self
            .conn
            .prepare("SELECT form FROM speaker_forms WHERE speaker = ?1 ORDER BY count DESC")?;
        for s in &mut out {
            s.forms = forms
                .query_map([s.id], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
        }
        Ok(out)
    }

    /// Every document with its story, in story then date order.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let mut st = self.conn.prepare("SELECT doc_key, id, story, title, outlet, published FROM documents ORDER BY story, published, id")?;
        let rows = st.query_map([], |r| {
            Ok(StoryRow {
                doc: r.get(0)?,
                doc_id: r.get(1)?,
                story: r.get(2)?,
                title: r.get(3)?,
                outlet: r.get(4)?,
                published: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Full-text search over quotes and articles, best first (BM25). Where a query matches
    /// more than [`RANKED_QUOTES`] quotes or [`RANKED_ARTICLES`] articles, the most recently
    /// stored ones are ranked: ranking every match of a common word would grow with the corpus.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        self.search_page(query, limit, 0)
    }

    /// One page of [`Store::search`]'s results: `limit` hits after the first `offset`.
    pub fn search_page(&self, query: &str, limit: usize, offset: usize) -> Result<Vec<Hit>> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        self.search_synced()?;
        let page = limit.max(1);
        // Quotes and articles are ranked apart and merged: each list needs the whole prefix.
        let limit = (page + offset) as i64;
        let mut hits = Vec::new();
        let mut st = self.conn.prepare(
            "SELECT q.id, d.doc_key, d.title, d.outlet, q.speaker_text, q.text, m.score FROM
               (SELECT rowid, bm25(quotes_fts) AS score FROM quotes_fts WHERE quotes_fts MATCH ?1
                ORDER BY rowid DESC LIMIT ?3) m
             JOIN quotes q ON q.id = m.rowid JOIN documents d ON d.id = q.doc
             ORDER BY m.score LIMIT ?2",
        )?;
        for h in st.query_map(params![q, limit, RANKED_QUOTES], |r| {
            Ok(Hit {
                kind: "quote",
                id: r.get(0)?,
                doc: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                speaker: r.get(4)?,
                snippet: r.get(5)?,
                score: -r.get::<_, f64>(6)?,
            })
        })? {
            hits.push(h?);
        }
        let mut st = self.conn.prepare(
            "SELECT d.id, d.doc_key, d.title, d.outlet, m.score FROM
               (SELECT rowid, bm25(documents_fts) AS score FROM documents_fts WHERE documents_fts MATCH ?1
                ORDER BY rowid DESC LIMIT ?3) m
             JOIN documents d ON d.id = m.rowid
             ORDER BY m.score LIMIT ?2",
        )?;
        for h in st.query_map(params![q, limit, RANKED_ARTICLES], |r| {
            Ok(Hit {
                kind: "document",
                id: r.get(0)?,
                doc: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                speaker: None,
                snippet: String::new(),
                score: -r.get::<_, f64>(4)?,
            })
        })? {
            hits.push(h?);
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        let mut hits: Vec<Hit> = hits.into_iter().skip(offset).take(page).collect();
        // Snippets cost a pass over the article's text: only for the page shown.
        let mut text = self
            .conn
            .prepare_cached("SELECT text FROM documents WHERE id = ?1")?;
        for h in hits.iter_mut().filter(|h| h.kind == "document") {
            let t: Option<String> = text.query_row([h.id], |r| r.get(0)).optional()?;
            h.snippet = t.map_or_else(String::new, |t| search::snippet(&t, query, 24));
        }
        Ok(hits)
    }

    /// The provenance of a quote given (part of) its text.
    pub fn trace(&self, text: &str) -> Result<Option<Trace>> {
        self.trace_limited(text, usize::MAX)
    }

    /// [`Store::trace`] with at most `max` appearances listed (the first ones in date order);
    /// outlets and the total count still cover them all.
    pub fn trace_limited(&self, text: &str, max: usize) -> Result<Option<Trace>> {
        let Some((score, cluster)) = self.find_cluster(text)? else {
            return Ok(None);
        };
        self.trace_cluster_limited(cluster, score, max)
    }

    /// The variant group that best answers a pasted quote or fragment: `(score, cluster)`.
    fn find_cluster(&self, text: &str) -> Result<Option<(f64, i64)>> {
        let asked = variants::quote_words(text);
        if asked.is_empty() {
            return Ok(None);
        }
        self.search_synced()?;
        // First, quotes holding the fragment word for word (the usual case: a pasted quote),
        // among those that have its rarest words.
        if let Some(rare) = fts_rare_words(text, 3) {
            let mut st = self.conn.prepare_cached(
                "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?1 LIMIT 50",
            )?;
            let ids = st
                .query_map([rare], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<HashSet<i64>>>()?;
            if let Some(found) = self.best_match(&asked, ids)? {
                if found.0 >= 0.999 {
                    return Ok(Some(found));
                }
            }
        }
        // Then edited variants: clusters sharing LSH buckets with the fragment's word pairs;
        // failing a good match there, quotes containing every asked word.
        let mut lsh: Vec<i64> = Vec::new();
        if let Some(sig) = minhash::signature(&asked, QUOTE_SHINGLE) {
            // A cluster's id is its first quote's id. A writer has the buckets in memory;
            // a reader probes the saved file (without one, the full-text look-ups below).
            let path = self.quote_bands_path();
            if let Some(qi) = &self.quote_index {
                for b in variant_buckets(&sig) {
                    qi.bands.get(b, &mut lsh);
                }
            } else if let Ok(file) = BandFile::open(&path) {
                for b in variant_buckets(&sig) {
                    file.get(b, &mut lsh)
                        .map_err(|e| StoreError(format!("reading {}: {e}", path.display())))?;
                }
            }
        }
        let mut best = self.best_match(&asked, lsh.into_iter().collect())?;
        if best.is_none_or(|(s, _)| s < 0.5) {
            if let Some(q) = fts_query(text) {
                let mut st = self.conn.prepare_cached(
                    "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?1 LIMIT 50",
                )?;
                let ids = st
                    .query_map([q], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<HashSet<i64>>>()?;
                if let Some(found) = self.best_match(&asked, ids)? {
                    if best.is_none_or(|(s, _)| found.0 > s) {
                        best = Some(found);
                    }
                }
            }
        }
        Ok(best.filter(|(s, _)| *s >= 0.5))
    }

    /// The provenance of a quote-variant group (its id is its first quote's id); `score` is
    /// reported as the match score.
    pub fn trace_cluster(&self, cluster: i64, score: f64) -> Result<Option<Trace>> {
        self.trace_cluster_limited(cluster, score, usize::MAX)
    }

    /// [`Store::trace_cluster`] with at most `max` appearances listed.
    pub fn trace_cluster_limited(
        &self,
        cluster: i64,
        score: f64,
        max: usize,
    ) -> Result<Option<Trace>> {
        // Count and outlets from the index alone; whole rows for the appearances listed.
        let mut total = 0;
        let mut outlets: Vec<String> = Vec::new();
        {
            let mut st = self.conn.prepare_cached(
                "SELECT outlet FROM quotes WHERE cluster = ?1 ORDER BY date_key, doc, outlet, id",
            )?;
            let mut seen = HashSet::new();
            for o in st.query_map([cluster], |r| r.get::<_, Option<String>>(0))? {
                total += 1;
                if let Some(o) = o? {
                    if seen.insert(o.clone()) {
                        outlets.push(o);
                    }
                }
            }
        }
        let rows = {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT {QUOTE_COLUMNS}, d.duplicate_of {QUOTE_FROM} WHERE q.cluster = ?1 ORDER BY q.date_key, q.doc, q.outlet, q.id LIMIT ?2"
            ))?;
            let limit = i64::try_from(max.max(1)).unwrap_or(i64::MAX);
            let rows = st.query_map(params![cluster, limit], |r| {
                Ok((quote_row(r)?, r.get::<_, Option<i64>>(17)?))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let Some((first, _)) = rows.first().cloned() else {
            return Ok(None);
        };
        // Copies repeat the same words: each distinct text is compared once.
        let mut diffs: std::collections::HashMap<String, Vec<String>> = Default::default();
        let mut appearances = Vec::with_capacity(total.min(max));
        for (q, duplicate_of) in rows {
            let changes = diffs
                .entry(q.text.clone())
                .or_insert_with(|| {
                    variants::diff(&first.text, &q.text)
                        .into_iter()
                        .filter_map(|e| match e {
                            variants::Edit::Same(_) => None,
                            variants::Edit::Removed(w) => Some(format!("-{w}")),
                            variants::Edit::Added(w) => Some(format!("+{w}")),
                        })
                        .collect()
                })
                .clone();
            appearances.push(Appearance {
                quote: q,
                changes,
                duplicate_of,
            });
        }
        let speaker = appearances.iter().find_map(|a| a.quote.speaker.clone());
        Ok(Some(Trace {
            cluster,
            speaker,
            first: appearances[0].clone(),
            appearances,
            appearances_total: total,
            outlets,
            match_score: (score * 100.0).round() / 100.0,
        }))
    }

    /// A pseudo-random sample of stored quote texts (for benchmarks and examples).
    pub fn sample_quotes(&self, k: usize) -> Result<Vec<String>> {
        let max: i64 = self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM quotes", [], |r| r.get(0))?;
        let mut out = Vec::with_capacity(k);
        let mut st = self
            .conn
            .prepare_cached("SELECT text FROM quotes WHERE id >= ?1 ORDER BY id LIMIT 1")?;
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..k {
            if max == 0 {
                break;
            }
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let id = (x % max as u64) as i64 + 1;
            if let Some(t) = st.query_row([id], |r| r.get::<_, String>(0)).optional()? {
                out.push(t);
            }
        }
        Ok(out)
    }

    /// The candidate quote that best answers the asked words: `(score, cluster)`.
    fn best_match(&self, asked: &[String], candidates: HashSet<i64>) -> Result<Option<(f64, i64)>> {
        let mut best: Option<(f64, i64)> = None;
        let mut st = self
            .conn
            .prepare_cached("SELECT text, cluster FROM quotes WHERE id = ?1")?;
        for id in candidates {
            let Some((qt, cluster)) = st
                .query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .optional()?
            else {
                continue;
            };
            let score = asked_score(asked, &variants::quote_words(&qt));
            // Ties go to the earliest group, so the answer does not depend on hash order.
            if best.is_none_or(|(s, c)| score > s || (score == s && cluster < c)) {
                best = Some((score, cluster));
            }
        }
        Ok(best)
    }

    /// Every quote with its document metadata, in document order.
    /// `f` may fail with its own error type (writing output, say), which stops the export.
    pub fn export<E: From<StoreError>>(
        &self,
        f: impl FnMut(QuoteRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.export_filtered(&QuoteFilter::default(), f)
    }

    /// [`Store::export`] of the quotes a filter selects (its speaker, dates, outlet, story,
    /// kind and confidence; not its full-text words nor its paging), in the same order.
    pub fn export_filtered<E: From<StoreError>>(
        &self,
        filter: &QuoteFilter,
        mut f: impl FnMut(QuoteRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let Some((conds, args)) = self.quote_conditions(filter)? else {
            return Ok(());
        };
        let mut sql = String::from(QUOTE_SELECT);
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        sql.push_str(" ORDER BY d.id, q.start");
        let mut st = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = st
            .query(rusqlite::params_from_iter(args))
            .map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            f(quote_row(r).map_err(StoreError::from)?)?;
        }
        Ok(())
    }
}

/// How well a stored quote answers an asked text: the asked words' pairs found in it.
fn asked_score(asked: &[String], quote: &[String]) -> f64 {
    if asked.len() < 2 || quote.len() < 2 {
        return if asked.iter().all(|w| quote.contains(w)) {
            0.5
        } else {
            0.0
        };
    }
    let pairs: HashSet<(&str, &str)> = quote
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect();
    let hit = asked
        .windows(2)
        .filter(|w| pairs.contains(&(w[0].as_str(), w[1].as_str())))
        .count();
    hit as f64 / (asked.len() - 1) as f64
}

macro_rules! quote_columns {
    () => {
        "q.id, q.text, q.kind, s.name, q.speaker, q.cue, q.confidence, q.cluster, d.doc_key, d.id, d.title, d.outlet, d.published, d.url, q.start, q.end, coalesce(q.variant_confidence, 1.0)"
    };
}
macro_rules! quote_from {
    () => {
        "FROM quotes q JOIN documents d ON d.id = q.doc LEFT JOIN speakers s ON s.id = q.speaker"
    };
}
/// The columns [`quote_row`] reads, in its order.
pub(crate) const QUOTE_COLUMNS: &str = quote_columns!();
pub(crate) const QUOTE_FROM: &str = quote_from!();
pub(crate) const QUOTE_SELECT: &str = concat!("SELECT ", quote_columns!(), " ", quote_from!());

pub(crate) fn quote_row(r: &rusqlite::Row) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        id: r.get(0)?,
        text: r.get(1)?,
        kind: r.get(2)?,
        speaker: r.get(3)?,
        speaker_id: r.get(4)?,
        cue: r.get(5)?,
        confidence: r.get(6)?,
        cluster: r.get(7)?,
        doc: r.get(8)?,
        doc_id: r.get(9)?,
        title: r.get(10)?,
        outlet: r.get(11)?,
        published: r.get(12)?,
        url: r.get(13)?,
        start: r.get(14)?,
        end: r.get(15)?,
        variant_confidence: r.get(16)?,
    })
}

/// Assigns the stories of a batch's new documents (see [`Store::add_batch_with_stories`]).
type StoriesFn<'a> = Box<dyn FnOnce(&[(usize, i64)]) -> BatchStories + Send + 'a>;

/// The stories a batch's story callback decided (see [`Store::add_batch_with_stories`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchStories {
    /// The stories of the batch's new documents, in batch order.
    pub new: Vec<i64>,
    /// Documents stored before the batch that now belong to another story, as
    /// (document id, story), applied in order (a later pair for a document wins).
    pub moved: Vec<(i64, i64)>,
}

/// A document of a batch that is not stored yet, with its id.
struct NewRow {
    id: i64,
    duplicate_of: Option<i64>,
    hash: i64,
    doc: Document,
    lang: Option<String>,
    quotes: Vec<Quote>,
    quote_keys: Vec<QuoteKeys>,
}

enum Admitted {
    Existing(i64),
    New(Box<NewRow>),
}

/// Whether a document is new (by the hash of its name and text, among the stored ones and
/// the batch's earlier ones); if so its id, its signature stored, and the original it is a
/// near-duplicate of.
fn admit(
    tx: &Transaction,
    doc_bands: &mut BandIndex,
    in_batch: &mut HashMap<i64, i64>,
    ids: &mut NextIds,
    d: NewDocument,
) -> Result<Admitted> {
    let NewDocument {
        doc,
        lang,
        quotes,
        hash,
        signature,
        quote_keys,
    } = d;
    if let Some(&id) = in_batch.get(&hash) {
        return Ok(Admitted::Existing(id));
    }
    if let Some(id) = tx
        .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?
    {
        return Ok(Admitted::Existing(id));
    }
    let duplicate_of = match &signature {
        Some(s) => find_duplicate(tx, doc_bands, s)?,
        None => None,
    };
    let id = ids.doc;
    ids.doc += 1;
    in_batch.insert(hash, id);
    if let Some(s) = &signature {
        tx.prepare_cached(
            "INSERT INTO doc_signatures (id, signature, duplicate_of) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, minhash::to_bytes(s), duplicate_of])?;
        let short = short_id(id)?;
        for b in minhash::bands(s) {
            doc_bands.insert(b, short);
        }
    }
    Ok(Admitted::New(Box::new(NewRow {
        id,
        duplicate_of,
        hash,
        doc,
        lang,
        quotes,
        quote_keys,
    })))
}

/// A document's date as stored: its first ten characters (YYYY-MM-DD).
fn date_of(doc: &Document) -> Option<&str> {
    doc.published.as_deref().map(|p| p.get(..10).unwrap_or(p))
}

/// Stores a new document's quotes, linking each to its speaker and variant group.
fn add_quotes(
    tx: &Transaction,
    quote_index: &mut QuoteIndex,
    speakers: &mut SpeakerIndex,
    touched: &mut HashSet<u64>,
    ids: &mut NextIds,
    row: &mut NewRow,
    search: &mut search::Batch,
) -> Result<()> {
    let quotes = std::mem::take(&mut row.quotes);
    let keys = std::mem::take(&mut row.quote_keys);
    let place = Place {
        doc: row.id,
        date_key: date_of(&row.doc).unwrap_or(UNDATED),
        outlet: row.doc.outlet.as_deref(),
    };
    for (q, k) in quotes.into_iter().zip(keys) {
        let indexed = add_quote(tx, quote_index, speakers, touched, ids, &place, q, k)?;
        search.quotes.push(indexed);
    }
    Ok(())
}

/// Writes a new document's row, with its story.
fn insert_document(tx: &Transaction, row: &NewRow, story: Option<i64>) -> Result<()> {
    let doc = &row.doc;
    tx.prepare_cached(
        "INSERT INTO documents (id, doc_key, content_hash, url, title, outlet, author, published, lang, text, duplicate_of, story)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        row.id,
        doc.id,
        row.hash,
        doc.url,
        doc.title,
        doc.outlet,
        doc.author,
        date_of(doc),
        row.lang,
        doc.text,
        row.duplicate_of,
        story
    ])?;
    Ok(())
}

/// The original a near-duplicate copies: the earliest stored document sharing an LSH bucket
/// whose signature is similar enough.
fn find_duplicate(tx: &Transaction, doc_bands: &BandIndex, sig: &Signature) -> Result<Option<i64>> {
    let mine = minhash::bands(sig);
    let mut candidates: Vec<i64> = Vec::new();
    for b in mine {
        doc_bands.get(b, &mut candidates);
    }
    if candidates.is_empty() {
        return Ok(None);
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut st =
        tx.prepare_cached("SELECT signature, duplicate_of FROM doc_signatures WHERE id = ?1")?;
    for c in candidates {
        let Some((bytes, dup)) = st
            .query_row([c], |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<i64>>(1)?))
            })
            .optional()?
        else {
            continue;
        };
        let Some(other) = minhash::from_bytes(&bytes) else {
            continue;
        };
        // The in-memory buckets keep part of each key: confirm a bucket is really shared.
        let theirs = minhash::bands(&other);
        if !mine.iter().zip(&theirs).any(|(a, b)| a == b) {
            continue;
        }
        if minhash::similarity(sig, &other) >= DUPLICATE_SIMILARITY {
            return Ok(Some(dup.unwrap_or(c)));
        }
    }
    Ok(None)
}

/// A row id as the in-memory buckets hold it.
fn short_id(id: i64) -> Result<u32> {
    u32::try_from(id).map_err(|_| StoreError(format!("row id {id} is past what the store indexes")))
}

/// Refuses a store written with another schema; marks a new one with this schema.
fn check_schema(conn: &Connection, path: &Path) -> Result<()> {
    let version: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
            r.get(0)
        })
        .optional()?;
    match version {
        Some(v) if v == SCHEMA_VERSION.to_string() => Ok(()),
        Some(v) if v == "2" => {
            migrate_2_to_3(conn, path)?;
            migrate_3_to_4(conn, path)
        }
        Some(v) if v == "3" => migrate_3_to_4(conn, path),
        Some(v) => Err(StoreError(format!(
            "the store {} has schema version {v}, this quotetrace reads version {SCHEMA_VERSION}: ingest into a new store",
            path.display()
        ))),
        None => {
            let documents: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
            if documents > 0 {
                return Err(StoreError(format!(
                    "the store {} was written by an older quotetrace (schema version 1), this one reads version {SCHEMA_VERSION}: ingest into a new store",
                    path.display()
                )));
            }
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema', ?1)",
                [SCHEMA_VERSION.to_string()],
            )?;
            Ok(())
        }
    }
}

/// Schema 2 -> 3: each quote keeps its document's date and outlet, and the variant-group
/// index covers them (tracing a quote carried thousands of times read every document). One
/// transaction: an interrupted upgrade leaves the store at version 2, to be upgraded again.
fn migrate_2_to_3(conn: &Connection, path: &Path) -> Result<()> {
    let quotes: i64 = conn.query_row("SELECT count(*) FROM quotes", [], |r| r.get(0))?;
    if quotes > 100_000 {
        eprintln!(
            "quotetrace: upgrading the store {} to schema version 3 ({quotes} quotes; once)",
            path.display()
        );
    }
    conn.execute_batch(&format!(
        "BEGIN IMMEDIATE;
         ALTER TABLE quotes ADD COLUMN date_key TEXT;
         ALTER TABLE quotes ADD COLUMN outlet TEXT;
         UPDATE quotes SET (date_key, outlet) =
           (SELECT coalesce(d.published, '{UNDATED}'), d.outlet FROM documents d WHERE d.id = quotes.doc);
         DROP INDEX quotes_cluster;
         CREATE INDEX quotes_cluster ON quotes(cluster, date_key, doc, outlet);
         UPDATE meta SET value = '3' WHERE key = 'schema';
         COMMIT;"
    ))
    .map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        StoreError(format!(
            "cannot upgrade the store {} to schema version 3: {e}",
            path.display()
        ))
    })
}

/// Schema 3 -> 4: the quote-variant buckets leave the database for a file beside it (see
/// [`QuoteIndex`]), built from the groups' text when the store is opened.
fn migrate_3_to_4(conn: &Connection, path: &Path) -> Result<()> {
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         DROP TABLE IF EXISTS quote_bands;
         DROP TABLE IF EXISTS documents_fts;
         DROP TABLE IF EXISTS quotes_fts;
         UPDATE meta SET value = '4' WHERE key = 'schema';
         COMMIT;",
    )
    .map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        StoreError(format!(
            "cannot upgrade the store {} to schema version 4: {e}",
            path.display()
        ))
    })
}

/// A key for a quote's normalised words: quotes repeated word for word share it.
fn words_key(words: &[String]) -> i64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    words.hash(&mut h);
    h.finish() as i64
}

/// A quote kind as stored: its serde name.
fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Pull => "pull",
    }
}

/// Where a quote appeared: its document, and the document's date and outlet, which are kept
/// with the quote too so that a variant group's appearances are listed in date order from one
/// index (see `quotes_cluster` in schema.sql) without reading every document.
struct Place<'a> {
    doc: i64,
    date_key: &'a str,
    outlet: Option<&'a str>,
}

/// The date key of an undated document: it sorts after every date.
const UNDATED: &str = "9999";

/// Stores one quote, resolving its corpus speaker and its variant cluster; returns what the
/// full-text index needs of it.
#[allow(clippy::too_many_arguments)]
fn add_quote(
    tx: &Transaction,
    index: &mut QuoteIndex,
    speakers: &mut SpeakerIndex,
    touched: &mut HashSet<u64>,
    ids: &mut NextIds,
    place: &Place,
    q: Quote,
    keys: QuoteKeys,
) -> Result<(i64, String, Option<String>)> {
    let speaker = q.speaker.as_deref().map(|name| {
        let id = speakers.resolve(name);
        touched.insert(id);
        id as i64
    });
    // Different known speakers never share a statement.
    let compatible = |other: Option<i64>| speaker.is_none() || other.is_none() || speaker == other;
    let QuoteKeys {
        words,
        key,
        signature,
    } = keys;
    let linkable = words.len() >= variants::MIN_WORDS;
    // The variant cluster: the same words seen before, else the best LSH match.
    // (cluster, link confidence, the cluster's speaker)
    let mut cluster: Option<(i64, f64, Option<i64>)> = None;
    if linkable {
        if let Some(&(cl, sp)) = index
            .keys
            .get(&key)
            .and_then(|found| found.iter().find(|(_, sp)| compatible(*sp)))
        {
            cluster = Some((cl, 1.0, sp));
        }
    }
    let sig = if cluster.is_none() { signature } else { None };
    if let Some(s) = &sig {
        let mut cands: Vec<i64> = Vec::new();
        for b in variant_buckets(s) {
            index.bands.get(b, &mut cands);
        }
        cands.sort_unstable();
        cands.dedup();
        let mut st = tx.prepare_cached("SELECT text, speaker FROM quote_clusters WHERE id = ?1")?;
        for c in cands.into_iter().take(48) {
            let (text, sp): (String, Option<i64>) =
                st.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if !compatible(sp) {
                continue;
            }
            if let Some(conf) = variants::variant_confidence(&words, &variants::quote_words(&text))
            {
                if cluster.is_none_or(|(_, best, _)| conf > best) {
                    cluster = Some((c, conf, sp));
                }
            }
        }
    }
    let id = ids.quote;
    ids.quote += 1;
    let cl = cluster.map_or(id, |(c, _, _)| c);
    tx.prepare_cached(
        "INSERT INTO quotes (id, doc, start, end, text, kind, speaker, speaker_text, mention, cue, confidence, cluster, variant_confidence, date_key, outlet)
         VALUES (?12, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?13, ?11, ?14, ?15)",
    )?
    .execute(params![
        place.doc,
        q.start as i64,
        q.end as i64,
        q.text,
        kind_name(q.kind),
        speaker,
        q.speaker,
        q.speaker_mention.as_ref().map(|m| m.text.clone()),
        q.cue.as_ref().map(|c| c.text.clone()),
        f64::from(q.confidence),
        cluster.map(|(_, c, _)| c),
        id,
        cl,
        place.date_key,
        place.outlet
    ])?;
    if linkable {
        let found = index.keys.entry(key).or_default();
        if let Err(at) = found.binary_search_by_key(&cl, |&(c, _)| c) {
            tx.prepare_cached("INSERT INTO quote_keys (key, cluster) VALUES (?1, ?2)")?
                .execute(params![key, cl])?;
            let cluster_speaker = cluster.map_or(speaker, |(_, _, sp)| sp);
            found.insert(at, (cl, cluster_speaker));
        }
    }
    if cluster.is_none() {
        // A new statement: it represents its cluster from now on.
        tx.prepare_cached("INSERT INTO quote_clusters (id, speaker, text) VALUES (?1, ?2, ?3)")?
            .execute(params![id, speaker, q.text])?;
        if let Some(s) = &sig {
            for b in variant_buckets(s) {
                index.bands.insert(b, short_id(id)?);
                index.unsaved += 1;
            }
        }
    }
    Ok((id, q.text, q.speaker))
}

/// Confidence given to a variant linked only by shared words in another order (a
/// translation by another outlet), scaled by how much of the shorter quote is shared.
const TRANSLATION_CONFIDENCE: f64 = 0.5;
/// The most recent documents of a story a translation is looked for in.
const TRANSLATION_DOCUMENTS: i64 = 100;

/// Sets the stories of stored documents (`(doc id, story)` pairs, in order) and links their
/// lone quotes as translations within their new stories. Links made in a former story stay:
/// they were made on the evidence of their time.
fn move_stories(tx: &Transaction, assignments: &[(i64, i64)]) -> Result<()> {
    {
        let mut st = tx.prepare_cached("UPDATE documents SET story = ?2 WHERE id = ?1")?;
        for (doc, story) in assignments {
            st.execute(params![doc, story])?;
        }
    }
    for (doc, story) in assignments {
        link_translations(tx, *doc, *story)?;
    }
    Ok(())
}

/// Links the quotes of a newly stored document that found no textual variant to a quote of
/// the same speaker in another article of the same story when the words of the shorter one
/// all but occur in the longer one in another order — how two outlets translate one
/// statement ("It has always been this way" / "always has been"). The evidence is weaker
/// than a textual variant's, and the confidence says so.
fn link_translations(tx: &Transaction, doc: i64, story: i64) -> Result<()> {
    let alone: Vec<(i64, String, i64)> = {
        let mut st = tx.prepare_cached(
            "SELECT q.id, q.text, q.speaker FROM quotes q WHERE q.doc = ?1 AND q.speaker IS NOT NULL AND q.cluster = q.id
             AND NOT EXISTS (SELECT 1 FROM quotes o WHERE o.cluster = q.id AND o.id != q.id)",
        )?;
        let rows = st.query_map([doc], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    if alone.is_empty() {
        return Ok(());
    }
    // Through the story's most recent documents, not the speaker's quotes: a speaker may have
    // been quoted a hundred thousand times, and a story can hold thousands of articles (a
    // statement is translated while its event is in the news). Read once per document.
    let mut others: HashMap<i64, Vec<(HashSet<String>, i64)>> = HashMap::new();
    {
        let mut st = tx.prepare_cached(
            "SELECT q.speaker, q.text, q.cluster FROM
               (SELECT id FROM documents WHERE story = ?1 AND id != ?2 ORDER BY id DESC LIMIT ?3) d
             JOIN quotes q ON q.doc = d.id WHERE q.speaker IS NOT NULL",
        )?;
        let wanted: HashSet<i64> = alone.iter().map(|(_, _, s)| *s).collect();
        let rows = st.query_map(params![story, doc, TRANSLATION_DOCUMENTS], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (speaker, text, cluster): (i64, String, i64) = row?;
            if wanted.contains(&speaker) {
                let words = variants::quote_words(&text).into_iter().collect();
                others.entry(speaker).or_default().push((words, cluster));
            }
        }
    }
    let mut relink =
        tx.prepare_cached("UPDATE quotes SET cluster = ?2, variant_confidence = ?3 WHERE id = ?1")?;
    for (id, text, speaker) in alone {
        let mine: HashSet<String> = variants::quote_words(&text).into_iter().collect();
        let mut best: Option<(f64, i64)> = None;
        for (theirs, cluster) in others.get(&speaker).map_or(&[][..], Vec::as_slice) {
            let cluster = *cluster;
            let (short, long) = if mine.len() <= theirs.len() {
                (&mine, theirs)
            } else {
                (theirs, &mine)
            };
            if short.len() < 3 {
                continue;
            }
            let shared =
                short.iter().filter(|w| long.contains(*w)).count() as f64 / short.len() as f64;
            if shared >= 0.8 && best.is_none_or(|(b, _)| shared > b) {
                best = Some((shared, cluster));
            }
        }
        if let Some((shared, cluster)) = best {
            relink.execute(params![id, cluster, TRANSLATION_CONFIDENCE * shared])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_serde_names() {
        for k in [
            QuoteKind::Direct,
            QuoteKind::Partial,
            QuoteKind::Indirect,
            QuoteKind::Pull,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), kind_name(k));
        }
    }
}
