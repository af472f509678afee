//! The full-text indexes, in a database file of their own (`search.db`, attached to every
//! connection of the store as `search`), written by a thread of their own.
//!
//! Tokenising and indexing every article and quote was a third of the ingest writer's time,
//! and one SQLite file has one writer at a time: in a second file a second thread indexes a
//! batch while the next one is linked and written. The indexes are derived data. They hold
//! no text (FTS5 `content=''`): rows are found by id, and text is read from the main file.
//! `search_meta` records the last document and quote indexed. A batch is handed over once it
//! is committed, and ids only grow, so what is indexed is always a prefix. Whatever a killed
//! ingest committed but had not indexed is indexed from the main file when the store is next
//! written to ([`catch_up`]). Queries on the writing process wait for the indexer to finish
//! what it was handed ([`Indexer::sync`]); other processes see a batch once it is indexed, a
//! moment after it is committed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

use rusqlite::{params, Connection};

use crate::{Result, StoreError};

/// The full-text database, beside the main one.
pub(crate) const SEARCH_FILE: &str = "search.db";

/// Tables of the full-text database. Articles keep no positions (searches are word queries;
/// it keeps the index small and fast to write); quotes keep them for ranking.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS search.search_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS search.documents_fts USING fts5(title, text, content='', detail=none);
CREATE VIRTUAL TABLE IF NOT EXISTS search.quotes_fts USING fts5(text, speaker_text, content='');
";

/// FTS5 settings of the indexes (kept in them; set again whenever an indexer starts, so older
/// stores get them too). FTS5 collects new terms in memory and writes them out as a new
/// segment when its `hashsize` is reached and at every commit, then merges segments
/// `automerge` at a time. With the defaults (1 MB, 4) a batch of 4,096 articles became about
/// twenty small segments, merged and merged again: indexing 150,000 articles took 19.2 s of
/// CPU, against 11.8 s with 32 MB and 8 (`bench/fts_settings.py`), for the same index size.
const TUNING: &str = "
INSERT INTO documents_fts(documents_fts, rank) VALUES('hashsize', 33554432);
INSERT INTO documents_fts(documents_fts, rank) VALUES('automerge', 8);
INSERT INTO quotes_fts(quotes_fts, rank) VALUES('hashsize', 33554432);
INSERT INTO quotes_fts(quotes_fts, rank) VALUES('automerge', 8);
";

/// Attaches the full-text database to `conn` as `search`, creating its tables unless
/// `read_only` (a reader of a store without one gets an error saying what to do).
pub(crate) fn attach(conn: &Connection, db: &Path, read_only: bool) -> Result<()> {
    let path = db.with_file_name(SEARCH_FILE);
    if read_only && !path.is_file() {
        return Err(StoreError::Other(format!(
            "the store {} has no full-text index yet ({}): run any other quotetrace command on it once (`quotetrace speakers --store DIR`, say) to build it",
            db.display(),
            path.display()
        )));
    }
    attach_as_search(conn, &path, false)?;
    if read_only {
        // Opening is lazy: this read is what fails when the log cannot be opened (a store on
        // a read-only disk), and the caller then attaches it as immutable.
        if let Err(e) = conn.query_row("SELECT count(*) FROM search.sqlite_master", [], |_| Ok(()))
        {
            let _ = conn.execute_batch("DETACH DATABASE search");
            return Err(StoreError::sqlite(
                format!("cannot open {}", path.display()),
                e,
            ));
        }
    } else {
        conn.execute_batch("PRAGMA search.journal_mode = WAL;")?;
        conn.execute_batch(SCHEMA)?;
    }
    Ok(())
}

/// Attaches the full-text index of a store on a read-only disk, where SQLite cannot open
/// the log's shared index: as immutable, which nothing can change there anyway.
pub(crate) fn attach_immutable(conn: &Connection, db: &Path) -> Result<()> {
    let path = db.with_file_name(SEARCH_FILE);
    attach_as_search(conn, &path, true)
}

fn attach_as_search(conn: &Connection, path: &Path, immutable: bool) -> Result<()> {
    // A URI on a connection opened with SQLITE_OPEN_URI (the read-only ones), else a path.
    let name = if immutable {
        crate::browse::immutable_uri(path)
    } else if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        crate::browse::plain_uri(path)
    } else {
        path.to_string_lossy().into_owned()
    };
    conn.execute("ATTACH DATABASE ?1 AS search", [name])
        .map_err(|e| StoreError::sqlite(format!("cannot open {}", path.display()), e))?;
    Ok(())
}

/// What one batch adds to the indexes: (id, title, text) of articles and (id, text,
/// speaker) of quotes, in id order.
#[derive(Default)]
pub(crate) struct Batch {
    pub(crate) documents: Vec<(i64, Option<String>, String)>,
    pub(crate) quotes: Vec<(i64, String, Option<String>)>,
}

impl Batch {
    pub(crate) fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.quotes.is_empty()
    }
}

enum Message {
    Index(Batch),
    /// Answered once everything handed over before it is committed.
    Sync(mpsc::Sender<()>),
}

/// The indexing thread, and the way to it.
pub(crate) struct Indexer {
    to: Option<SyncSender<Message>>,
    thread: Option<JoinHandle<Result<()>>>,
    path: PathBuf,
}

impl Indexer {
    /// Starts a thread writing into the full-text database of the store whose main file is
    /// `db`.
    pub(crate) fn start(db: &Path) -> Result<Indexer> {
        let path = db.with_file_name(SEARCH_FILE);
        let conn = Connection::open(&path)
            .map_err(|e| StoreError::sqlite(format!("cannot open {}", path.display()), e))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA busy_timeout = 10000;",
        )?;
        conn.execute_batch(TUNING)?;
        // One batch waiting while one is indexed: a writer that gets further ahead waits.
        let (to, from) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || index_loop(conn, from))
            .map_err(|e| StoreError::Thread(format!("cannot start the indexing thread: {e}")))?;
        Ok(Indexer {
            to: Some(to),
            thread: Some(thread),
            path,
        })
    }

    /// Hands a committed batch over.
    pub(crate) fn index(&mut self, batch: Batch) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let sent = self
            .to
            .as_ref()
            .is_some_and(|to| to.send(Message::Index(batch)).is_ok());
        if sent {
            Ok(())
        } else {
            Err(self.failure())
        }
    }

    /// Waits until everything handed over is indexed.
    pub(crate) fn sync(&self) -> Result<()> {
        let (done, wait) = mpsc::channel();
        let answered = self
            .to
            .as_ref()
            .is_some_and(|to| to.send(Message::Sync(done)).is_ok())
            && wait.recv().is_ok();
        if answered {
            Ok(())
        } else {
            Err(StoreError::Thread(format!(
                "the full-text indexer of {} stopped; the next write reports why",
                self.path.display()
            )))
        }
    }

    /// Waits until everything handed over is indexed, with the thread's error if it stopped.
    pub(crate) fn flush(&mut self) -> Result<()> {
        match self.sync() {
            Ok(()) => Ok(()),
            Err(_) => Err(self.failure()),
        }
    }

    /// Indexes what was handed over and stops the thread, with its error if it had one.
    pub(crate) fn finish(&mut self) -> Result<()> {
        self.to = None;
        match self.thread.take() {
            Some(t) => t.join().map_err(|_| {
                StoreError::Thread(format!("the indexer of {} panicked", self.path.display()))
            })?,
            None => Ok(()),
        }
    }

    /// Why the thread is gone.
    fn failure(&mut self) -> StoreError {
        match self.finish() {
            Err(e) => e,
            Ok(()) => StoreError::Thread(format!(
                "the full-text indexer of {} has stopped",
                self.path.display()
            )),
        }
    }
}

impl Drop for Indexer {
    fn drop(&mut self) {
        if let Err(e) = self.finish() {
            log::warn!("{e}");
        }
    }
}

fn index_loop(mut conn: Connection, from: Receiver<Message>) -> Result<()> {
    for m in from {
        match m {
            Message::Index(batch) => write(&mut conn, &batch)
                .map_err(|e| StoreError::Thread(format!("full-text index: {e}")))?,
            Message::Sync(done) => {
                let _ = done.send(());
            }
        }
    }
    Ok(())
}

fn write(conn: &mut Connection, batch: &Batch) -> Result<()> {
    let tx = conn.transaction()?;
    {
        let mut doc = tx
            .prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?;
        for (id, title, text) in &batch.documents {
            doc.execute(params![id, title, text])?;
        }
        let mut quote = tx.prepare_cached(
            "INSERT INTO quotes_fts (rowid, text, speaker_text) VALUES (?1, ?2, ?3)",
        )?;
        for (id, text, speaker) in &batch.quotes {
            quote.execute(params![id, text, speaker])?;
        }
        let mut mark = tx.prepare_cached(
            "INSERT INTO search_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
        )?;
        if let Some((id, ..)) = batch.documents.last() {
            mark.execute(params!["documents", id])?;
        }
        if let Some((id, ..)) = batch.quotes.last() {
            mark.execute(params!["quotes", id])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// How many documents and quotes of the main file the full-text indexes lack.
pub(crate) fn behind(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT (SELECT coalesce(max(id), 0) FROM documents)
                  - (SELECT coalesce(max(value), 0) FROM search.search_meta WHERE key = 'documents')
              + (SELECT coalesce(max(id), 0) FROM quotes)
                  - (SELECT coalesce(max(value), 0) FROM search.search_meta WHERE key = 'quotes')",
        [],
        |r| r.get(0),
    )?)
}

/// Rows read per batch while catching up.
const CATCH_UP_BATCH: usize = 4096;

/// Hands the indexer every document and quote of the main file that is not indexed yet (on
/// `conn`, which has the full-text database attached).
pub(crate) fn catch_up(conn: &Connection, indexer: &mut Indexer) -> Result<()> {
    let upto = |key: &str| -> Result<i64> {
        Ok(conn.query_row(
            "SELECT coalesce(max(value), 0) FROM search.search_meta WHERE key = ?1",
            [key],
            |r| r.get(0),
        )?)
    };
    let (docs_upto, quotes_upto) = (upto("documents")?, upto("quotes")?);
    let mut batch = Batch::default();
    {
        let mut st =
            conn.prepare("SELECT id, title, text FROM documents WHERE id > ?1 ORDER BY id")?;
        let mut rows = st.query([docs_upto])?;
        while let Some(r) = rows.next()? {
            batch.documents.push((r.get(0)?, r.get(1)?, r.get(2)?));
            if batch.documents.len() >= CATCH_UP_BATCH {
                indexer.index(std::mem::take(&mut batch))?;
            }
        }
    }
    let mut st =
        conn.prepare("SELECT id, text, speaker_text FROM quotes WHERE id > ?1 ORDER BY id")?;
    let mut rows = st.query([quotes_upto])?;
    while let Some(r) = rows.next()? {
        batch.quotes.push((r.get(0)?, r.get(1)?, r.get(2)?));
        if batch.quotes.len() >= 4 * CATCH_UP_BATCH {
            indexer.index(std::mem::take(&mut batch))?;
        }
    }
    indexer.index(batch)
}

/// The query's words as the index compares them: letters and digits, case-folded, sorted,
/// without repeats.
fn query_words(query: &str) -> Vec<String> {
    let mut wanted: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    wanted.sort();
    wanted.dedup();
    wanted
}

/// Byte spans of the words (runs of letters and digits) of `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Byte spans of the words of `text` that are words of `query`: what a page marks in a quote
/// hit, whose snippet is the quote itself.
pub(crate) fn match_spans(text: &str, query: &str) -> Vec<(usize, usize)> {
    let wanted = query_words(query);
    word_spans(text)
        .into_iter()
        .filter(|&(a, b)| wanted.contains(&text[a..b].to_lowercase()))
        .collect()
}

/// Up to `words` words of `text` around where the query's words gather most, the matches in
/// [brackets], with an ellipsis where text was cut: what a search hit shows of an article.
/// Words are compared as the index compares them (letters and digits, case-folded).
#[cfg(test)]
pub(crate) fn snippet(text: &str, query: &str, words: usize) -> String {
    snippet_marked(text, query, words).0
}

/// [`snippet`], with the byte spans of the matched words inside it (brackets excluded), so
/// that a page can mark them without reading the text's own brackets as matches.
pub(crate) fn snippet_marked(
    text: &str,
    query: &str,
    words: usize,
) -> (String, Vec<(usize, usize)>) {
    let wanted = query_words(query);
    let spans = word_spans(text);
    if spans.is_empty() {
        return (String::new(), Vec::new());
    }
    // Which query word each word of the text is, if any: lower-cased once.
    let hit: Vec<Option<usize>> = spans
        .iter()
        .map(|&(a, b)| {
            let w = text[a..b].to_lowercase();
            wanted.iter().position(|q| *q == w)
        })
        .collect();
    let n = words.max(1).min(spans.len());
    // The window of n words with the most distinct query words, the earliest on a tie.
    let mut best = (0usize, 0usize);
    let mut seen = vec![false; wanted.len()];
    for at in 0..=spans.len() - n {
        seen.iter_mut().for_each(|s| *s = false);
        for k in hit[at..at + n].iter().flatten() {
            seen[*k] = true;
        }
        let distinct = seen.iter().filter(|s| **s).count();
        if distinct > best.0 {
            best = (distinct, at);
        }
        if best.0 == wanted.len() {
            break;
        }
    }
    let at = best.1;
    let mut out = String::new();
    let mut marks = Vec::new();
    if at > 0 {
        out.push('…');
    }
    let mut from = spans[at].0;
    for k in at..at + n {
        let (a, b) = spans[k];
        out.push_str(&text[from..a]);
        if hit[k].is_some() {
            out.push('[');
            marks.push((out.len(), out.len() + (b - a)));
            out.push_str(&text[a..b]);
            out.push(']');
        } else {
            out.push_str(&text[a..b]);
        }
        from = b;
    }
    if at + n < spans.len() {
        out.push('…');
    }
    (out, marks)
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn a_quote_hit_marks_its_matched_words() {
        let text = "[It] is the quay, the Quay and nothing else";
        let spans = super::match_spans(text, "quay it");
        let words: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(words, ["It", "quay", "Quay"]);
        let (snippet, marks) = super::snippet_marked("the new quay opens", "quay", 8);
        assert_eq!(snippet, "the new [quay] opens");
        assert_eq!(
            marks
                .iter()
                .map(|&(a, b)| &snippet[a..b])
                .collect::<Vec<_>>(),
            ["quay"]
        );
    }

    #[test]
    fn snippets_show_where_the_words_gather() {
        let text = "The council met on Monday. Nothing was decided about the harbour. \
                    Later the mayor said the new quay would open before winter, and the harbour \
                    master agreed.";
        assert_eq!(
            snippet(text, "quay harbour", 8),
            "…[harbour]. Later the mayor said the new [quay]…"
        );
        // One of the words: the first place it occurs.
        assert_eq!(snippet(text, "quay", 3), "…the new [quay]…");
        let s = snippet(text, "Harbour master", 6);
        assert!(s.contains("[harbour] [master]"), "{s}");
        assert_eq!(snippet("Short text.", "text", 24), "Short [text]");
        assert_eq!(snippet("", "text", 24), "");
        assert_eq!(snippet("Héllo wörld", "WÖRLD", 24), "Héllo [wörld]");
    }
}
