//! Browsing the store: single records by their stable ids, paged lists, story summaries and a
//! read-only way to open it. This is what the HTTP API and the web pages ask; the writing side
//! (`add_batch`, `set_stories`) lives in the crate root.

use std::path::Path;
use std::time::Instant;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use quotetrace_model::DocMeta;

use crate::conditions::{page_clause, Conditions};
use crate::{
    doc_meta, quote_row, speaker_row, QuoteRow, Result, SpeakerRow, Store, StoreError,
    QUOTE_SELECT, SCHEMA_VERSION,
};

/// A document's metadata (no text), with its story and its number of quotes.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub id: i64,
    /// The name it was read under: a path, or a JSONL record's id.
    pub doc: String,
    /// Title, URL, outlet, author, date and language.
    #[serde(flatten)]
    pub meta: DocMeta,
    pub story: Option<i64>,
    /// The original, when this document is a near-duplicate of one stored earlier.
    pub duplicate_of: Option<i64>,
    pub quotes: i64,
}

/// Filters for [`Store::documents`]; newest stored first.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    pub outlet: Option<String>,
    pub story: Option<i64>,
    pub limit: usize,
    pub offset: usize,
}

/// An article and the near-duplicates of it stored after it (syndicated or lightly edited
/// copies).
#[derive(Debug, Clone, Serialize)]
pub struct DuplicateGroup {
    pub original: DocumentRow,
    /// All its copies, in the order they were stored.
    pub copies_total: i64,
    /// The first copies (as many as asked).
    pub copies: Vec<DocumentRow>,
}

/// A story: the articles about one event.
#[derive(Debug, Clone, Serialize)]
pub struct StorySummary {
    pub id: i64,
    pub articles: i64,
    pub outlets: i64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// The title of its first stored article.
    pub title: Option<String>,
}

/// Columns 2 to 7 are [`crate::rows::DOC_META_COLUMNS`], which [`doc_meta`] reads.
const DOCUMENT_SELECT: &str = concat!(
    "SELECT d.id, d.doc_key, ",
    doc_meta_columns!(),
    ", d.story, d.duplicate_of, (SELECT count(*) FROM quotes q WHERE q.doc = d.id) FROM documents d"
);

fn document_row(r: &rusqlite::Row) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        doc: r.get(1)?,
        meta: doc_meta(r, 2)?,
        story: r.get(8)?,
        duplicate_of: r.get(9)?,
        quotes: r.get(10)?,
    })
}

/// Story summaries of the documents matching `condition`, grouped by story, then `rest`
/// (ordering, paging) applied to the groups.
fn story_select(condition: &str, rest: &str) -> String {
    format!(
        "SELECT g.story, g.n, g.outlets, g.first_published, g.last_published,
            (SELECT title FROM documents f WHERE f.id = g.first_id)
         FROM (SELECT d.story AS story, count(*) AS n, count(DISTINCT d.outlet) AS outlets,
                 min(d.published) AS first_published, max(d.published) AS last_published,
                 min(d.id) AS first_id
               FROM documents d WHERE {condition} GROUP BY d.story) g {rest}"
    )
}

fn story_summary(r: &rusqlite::Row) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: r.get(0)?,
        articles: r.get(1)?,
        outlets: r.get(2)?,
        first_published: r.get(3)?,
        last_published: r.get(4)?,
        title: r.get(5)?,
    })
}

impl Store {
    /// Opens an existing store for reading only (a server's connections): fails with a clear
    /// message when there is no store in `dir`. Writers elsewhere (an `ingest` running at the
    /// same time) do not block it: the store is in WAL mode.
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        let path = dir.join("quotetrace.db");
        if !path.is_file() {
            return Err(StoreError::Missing {
                dir: dir.to_path_buf(),
            });
        }
        // On a read-only disk SQLite can read a store in WAL mode only while its log files
        // are there (a writer that was killed or stopped on a full disk leaves them, with
        // committed rows in the log). Without them it cannot open the database at all, and
        // only then is it opened as immutable, which reads the database file alone: nothing
        // can change it there, and no log holds anything it lacks.
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let ready = |conn: Connection| -> rusqlite::Result<Connection> {
            conn.execute_batch(
                "PRAGMA query_only = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA busy_timeout = 5000;",
            )?;
            // Opening is lazy: this read is what fails when the log cannot be opened.
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
            Ok(conn)
        };
        let conn = match Connection::open_with_flags(plain_uri(&path), flags).and_then(ready) {
            Err(_) if on_read_only_disk(dir) => {
                Connection::open_with_flags(immutable_uri(&path), flags).and_then(ready)
            }
            opened => opened,
        }
        .map_err(|e| StoreError::sqlite(format!("cannot open store {}", path.display()), e))?;
        let version: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if version.as_deref() != Some(SCHEMA_VERSION.to_string().as_str()) {
            let version = version.as_deref().unwrap_or("1");
            let what = if matches!(version, "2" | "3" | "4") {
                "run any other quotetrace command on it once (`quotetrace speakers --store DIR`, say) to upgrade it"
            } else {
                "ingest into a new store"
            };
            return Err(StoreError::Schema {
                path: path.clone(),
                found: version.to_string(),
                hint: what,
            });
        }
        // The same for the full-text database, which has a log of its own.
        if let Err(e) = crate::search::attach(&conn, &path, true) {
            if !on_read_only_disk(dir) {
                return Err(e);
            }
            crate::search::attach_immutable(&conn, &path)?;
        }
        Ok(Store::with_connection(conn, path))
    }

    /// Makes queries on this connection stop with an error once `deadline` has passed (None:
    /// no limit), so one costly query cannot hold a server's connection for long.
    pub fn set_deadline(&mut self, deadline: Option<Instant>) -> Result<()> {
        match deadline {
            Some(d) => self
                .conn
                .progress_handler(1_000, Some(move || Instant::now() >= d))?,
            None => self.conn.progress_handler(1_000, None::<fn() -> bool>)?,
        }
        Ok(())
    }

    /// Documents, newest stored first.
    pub fn documents(&self, f: &DocumentFilter) -> Result<Vec<DocumentRow>> {
        let mut conds = Conditions::default();
        if let Some(outlet) = &f.outlet {
            conds.bind("d.outlet = ? COLLATE NOCASE", outlet.clone());
        }
        if let Some(story) = f.story {
            conds.bind("d.story = ?", story);
        }
        let mut sql = String::from(DOCUMENT_SELECT);
        conds.append_to(&mut sql);
        sql.push_str(&page_clause("d.id DESC", f.limit, f.offset));
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(conds.into_args()), document_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One document's metadata and its text.
    pub fn document(&self, id: i64) -> Result<Option<(DocumentRow, String)>> {
        let mut st = self
            .conn
            .prepare_cached(&format!("{DOCUMENT_SELECT} WHERE d.id = ?1"))?;
        let row = st.query_row([id], document_row).optional()?;
        let Some(row) = row else { return Ok(None) };
        let text: String =
            self.conn
                .query_row("SELECT text FROM documents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        Ok(Some((row, text)))
    }

    /// One quote with its document's metadata.
    pub fn quote(&self, id: i64) -> Result<Option<QuoteRow>> {
        let mut st = self
            .conn
            .prepare_cached(&format!("{QUOTE_SELECT} WHERE q.id = ?1"))?;
        Ok(st.query_row([id], quote_row).optional()?)
    }

    /// One corpus speaker with its name forms.
    pub fn speaker(&self, id: i64) -> Result<Option<SpeakerRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT s.id, s.name, s.is_org, coalesce(t.quotes, 0), coalesce(t.outlets, 0)
             FROM speakers s LEFT JOIN speaker_totals t ON t.speaker = s.id WHERE s.id = ?1",
        )?;
        let row = st.query_row([id], speaker_row).optional()?;
        let Some(mut row) = row else { return Ok(None) };
        let mut forms = self.conn.prepare_cached(
            "SELECT form FROM speaker_forms WHERE speaker = ?1 ORDER BY count DESC, form",
        )?;
        row.forms = forms
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(Some(row))
    }

    /// The outlets that quoted a speaker, with how many quotes each, most first.
    pub fn speaker_outlets(&self, id: i64) -> Result<Vec<(String, i64)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT outlet, quotes FROM speaker_outlets WHERE speaker = ?1 AND outlet != ''
             ORDER BY quotes DESC, outlet",
        )?;
        let rows = st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Stories, largest first.
    pub fn story_summaries(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>> {
        let mut st = self.conn.prepare_cached(&story_select(
            "d.story IS NOT NULL",
            "ORDER BY g.n DESC, g.story LIMIT ?1 OFFSET ?2",
        ))?;
        let rows = st.query_map(params![limit.max(1) as i64, offset as i64], story_summary)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The stories of the most recently stored articles, newest first: cheap however large
    /// the store (it reads the latest articles, not every story).
    pub fn latest_stories(&self, n: usize) -> Result<Vec<StorySummary>> {
        let mut ids: Vec<i64> = Vec::new();
        {
            let mut st = self.conn.prepare_cached(
                "SELECT story FROM documents WHERE story IS NOT NULL ORDER BY id DESC LIMIT ?1",
            )?;
            let rows = st.query_map([(n * 20) as i64], |r| r.get::<_, i64>(0))?;
            for id in rows {
                let id = id?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
                if ids.len() == n {
                    break;
                }
            }
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = self.story(id)? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// One story.
    pub fn story(&self, id: i64) -> Result<Option<StorySummary>> {
        let mut st = self
            .conn
            .prepare_cached(&story_select("d.story = ?1", ""))?;
        Ok(st.query_row([id], story_summary).optional()?)
    }

    /// The near-duplicates of document `id` (its copies stored after it), at most `limit`.
    pub fn copies_of(&self, id: i64, limit: usize) -> Result<Vec<DocumentRow>> {
        self.documents_of(id, "d.duplicate_of = ?1 ORDER BY d.id", limit)
    }

    /// Near-duplicate groups, those with the most copies first (then the earliest stored),
    /// each with its first `copies` copies.
    pub fn duplicate_groups(
        &self,
        limit: usize,
        offset: usize,
        copies: usize,
    ) -> Result<Vec<DuplicateGroup>> {
        let mut st = self.conn.prepare_cached(
            "SELECT duplicate_of, count(*) AS n FROM documents WHERE duplicate_of IS NOT NULL
             GROUP BY duplicate_of ORDER BY n DESC, duplicate_of LIMIT ?1 OFFSET ?2",
        )?;
        let heads = st
            .query_map(params![limit.max(1) as i64, offset as i64], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut one = self
            .conn
            .prepare_cached(&format!("{DOCUMENT_SELECT} WHERE d.id = ?1"))?;
        let mut out = Vec::with_capacity(heads.len());
        for (id, n) in heads {
            let Some(original) = one.query_row([id], document_row).optional()? else {
                continue;
            };
            out.push(DuplicateGroup {
                original,
                copies_total: n,
                copies: self.copies_of(id, copies)?,
            });
        }
        Ok(out)
    }

    /// A story's documents in time order (undated ones last).
    pub fn story_documents(&self, id: i64, limit: usize) -> Result<Vec<DocumentRow>> {
        let where_order = "d.story = ?1 ORDER BY coalesce(d.published, '9999'), d.id";
        self.documents_of(id, where_order, limit)
    }

    /// At most `limit` documents `WHERE where_order` (a condition on `?1`, which is `id`, and
    /// an ORDER BY).
    fn documents_of(&self, id: i64, where_order: &str, limit: usize) -> Result<Vec<DocumentRow>> {
        let mut st = self
            .conn
            .prepare_cached(&format!("{DOCUMENT_SELECT} WHERE {where_order} LIMIT ?2"))?;
        let rows = st.query_map(params![id, limit.max(1) as i64], document_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Whether `dir` is on a disk mounted read-only.
fn on_read_only_disk(dir: &Path) -> bool {
    let probe = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join(crate::LOCK_FILE));
    matches!(probe, Err(e) if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem)
}

/// An SQLite URI naming the database at `path`.
pub(crate) fn plain_uri(path: &Path) -> String {
    let mut uri = immutable_uri(path);
    uri.truncate(uri.len() - "?immutable=1".len());
    uri
}

/// An SQLite URI that opens the database at `path` as immutable.
pub(crate) fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}
