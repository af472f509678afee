//! Checkpoints of the main database's write-ahead log, on a thread of their own.
//!
//! In WAL mode every committed page is written twice: to the log at commit, then into the
//! database by a checkpoint. SQLite runs the checkpoint inside the commit that fills the log,
//! on the writer thread, which then waits for it (9% of the writer past a million articles).
//! While a store is being written, the writer's automatic checkpoints are off and this thread
//! runs a passive checkpoint after each commit on its own connection, while the writer works
//! on the next batch; SQLite starts the log over at the next commit once a checkpoint has
//! caught up. Should the pages not yet copied back still pile up (a slow disk, a reader
//! holding an old snapshot), the writer checkpoints itself past [`WAL_LIMIT`] bytes of them.
//!
//! That backlog is what the last checkpoint reported, not the log file's size: the file does
//! not shrink when the log starts over, so once it had grown past the limit the writer
//! checkpointed after every commit for the rest of the run.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

use rusqlite::Connection;

use crate::{Result, StoreError};

/// Bytes of log not yet copied back past which the writer checkpoints itself.
pub(crate) const WAL_LIMIT: u64 = 1 << 30;

pub(crate) struct Checkpointer {
    to: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
    /// Bytes of log the last checkpoint left to copy back.
    backlog: Arc<AtomicU64>,
    /// Bytes a log frame takes (a page and its header).
    frame: u64,
}

/// Runs a passive checkpoint on `conn` and returns how many bytes of log it left to copy
/// back (`frame` bytes a frame), 0 when it could not tell.
pub(crate) fn checkpoint(conn: &Connection, frame: u64) -> rusqlite::Result<u64> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
        let (log, done): (i64, i64) = (r.get(1)?, r.get(2)?);
        Ok(u64::try_from(log.saturating_sub(done)).unwrap_or(0) * frame)
    })
}

impl Checkpointer {
    /// Starts the thread for the database `db`; the caller turns its own automatic
    /// checkpoints off.
    pub(crate) fn start(db: &Path) -> Result<Checkpointer> {
        let conn = Connection::open(db)
            .map_err(|e| StoreError(format!("cannot open {}: {e}", db.display())))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let frame = u64::try_from(page).unwrap_or(4096) + 24;
        let backlog = Arc::new(AtomicU64::new(0));
        let left = Arc::clone(&backlog);
        let (to, from) = mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || {
                for () in from {
                    // A failed or partial checkpoint loses nothing: the log keeps the pages,
                    // and the writer checkpoints itself if they pile up.
                    if let Ok(bytes) = checkpoint(&conn, frame) {
                        left.store(bytes, Ordering::Relaxed);
                    }
                }
            })
            .map_err(|e| StoreError(format!("cannot start the checkpoint thread: {e}")))?;
        Ok(Checkpointer {
            to: Some(to),
            thread: Some(thread),
            backlog,
            frame,
        })
    }

    /// Asks for a checkpoint after a commit (none is queued if one is already waiting).
    pub(crate) fn request(&self) {
        if let Some(to) = &self.to {
            let _ = to.try_send(());
        }
    }

    /// Whether more than [`WAL_LIMIT`] bytes of log were left to copy back at the last
    /// checkpoint.
    pub(crate) fn backlog_too_long(&self) -> bool {
        self.backlog.load(Ordering::Relaxed) > WAL_LIMIT
    }

    /// Checkpoints on the writer's connection `conn` (when the backlog is too long).
    pub(crate) fn checkpoint_on(&self, conn: &Connection) -> rusqlite::Result<()> {
        let left = checkpoint(conn, self.frame)?;
        self.backlog.store(left, Ordering::Relaxed);
        Ok(())
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.to = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The backlog is the log not yet copied back, whatever the log file's size: a reader's
    /// snapshot holds pages back; once it is gone the backlog is 0 though the file stays.
    #[test]
    fn the_backlog_counts_pages_not_copied_back_not_the_file_size() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let writer = Connection::open(&db).unwrap();
        writer
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
                 CREATE TABLE t (x BLOB); INSERT INTO t VALUES (zeroblob(10000));",
            )
            .unwrap();
        let reader = Connection::open(&db).unwrap();
        reader.execute_batch("BEGIN").unwrap();
        let _: i64 = reader
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        writer
            .execute_batch("INSERT INTO t SELECT zeroblob(10000) FROM t")
            .unwrap();
        let held = checkpoint(&writer, 4096 + 24).unwrap();
        assert!(held > 0, "{held}");
        reader.execute_batch("COMMIT").unwrap();
        assert_eq!(checkpoint(&writer, 4096 + 24).unwrap(), 0);
        let wal = std::fs::metadata(dir.path().join("t.db-wal")).unwrap();
        assert!(wal.len() > 0);
    }
}
