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
use std::path::{Path, PathBuf};

/// A document's metadata columns of `documents d`, in the order `rows::doc_meta` reads them:
/// one literal for every query that reads them (defined before the modules that use it).
macro_rules! doc_meta_columns {
    () => {
        "d.title, d.url, d.outlet, d.author, d.published, d.lang"
    };
}

mod bands;

use bands::{BandFile, BandIndex};
use quotetrace_link::minhash::{self, Signature};
use quotetrace_link::speakers::SpeakerIndex;
use quotetrace_link::variants;
use quotetrace_model::{Document, Quote, QuoteKind};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

mod browse;
mod conditions;
mod error;
mod keys;
mod lock;
mod meaning;
mod meaning_rule;
mod memory;
mod read;
mod rows;
mod schema;
mod search;
mod stats;
mod variant_links;
mod wal;
mod write;
pub use browse::{DocumentFilter, DocumentRow, DuplicateGroup, StorySummary};
pub use error::{Result, StoreError};
pub use keys::{corpus_speaker, fts_query, fts_rare_words};
pub use lock::{Busy, Holder, WriteLock, LOCK_FILE};
pub use meaning_rule::{story_translations, StoryDoc, StoryQuote, TranslationLink};
/// The metadata the rows carry, re-exported for users of the store alone.
pub use quotetrace_model::DocMeta;
pub use rows::{
    is_date, Appearance, Counts, Hit, QuoteFilter, QuoteRow, SpeakerRow, StoryRow, Trace,
    QUOTE_KINDS, TRACE_URLS,
};
pub use variant_links::{variant_groups, variant_keys, VariantLink};
pub use write::{Added, BatchStories, NewDocument};
// What the modules share inside the crate.
use conditions::{page_clause, Conditions};
use keys::*;
use meaning::*;
use memory::*;
use rows::*;
use schema::*;
use variant_links::*;
use write::*;

/// Quote matches ranked per search (see [`Store::search`]).
pub const RANKED_QUOTES: i64 = 2000;
/// Article matches ranked per search. Ranking an article reads its whole text again (the
/// article index keeps no positions, which keeps ingest fast), ten times the cost of a quote.
pub const RANKED_ARTICLES: i64 = 200;
/// Estimated Jaccard similarity above which two articles are near-duplicates.
pub const DUPLICATE_SIMILARITY: f64 = 0.7;
/// Word shingle length for article signatures.
pub const DOC_SHINGLE: usize = 3;
/// Word shingle length for quote signatures.
const QUOTE_SHINGLE: usize = 2;
/// Ids kept per article LSH bucket (the first ones stored).
pub const DOC_BUCKET_IDS: usize = 64;
/// The schema this version writes and reads (meta key `schema`).
pub const SCHEMA_VERSION: i64 = 7;
/// Ids kept per quote LSH bucket during ingest (the first ones stored).
const QUOTE_BUCKET_IDS: usize = 16;
/// LSH bands used for quotes (of the signature's 32): word-for-word repeats are found by
/// their exact key, so LSH only has to catch edited variants, which share many word pairs.
const QUOTE_BANDS: usize = 16;
/// The quote-variant buckets, saved beside the database (see [`QuoteIndex`]).
const QUOTE_BANDS_FILE: &str = "quote_bands.bin";

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
    /// Meaning keys of recently stored quotes, for linking translations (see `meaning.rs`).
    meanings: MeaningCache,
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
            .map_err(|e| StoreError::sqlite(format!("cannot open store {}", path.display()), e))?;
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
            meanings: MeaningCache::default(),
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
            None => Err(StoreError::NotWritable {
                path: self.path.clone(),
            }),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
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
            log::info!(
                "indexing {behind} articles and quotes of {} for search (once)",
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

    #[test]
    fn the_quote_column_count_is_what_the_query_selects() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        let st = store.conn.prepare(QUOTE_SELECT).unwrap();
        assert_eq!(st.column_count(), QUOTE_COLUMN_COUNT);
    }
}
