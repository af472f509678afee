//! Checkpoints of the main database's write-ahead log, on a thread of their own.
//!
//! In WAL mode every committed page is written twice: to the log at commit, then into the
//! database by a checkpoint. SQLite runs the checkpoint inside the commit that fills the log,
//! on the writer thread, which then waits for it (9% of the writer past a million articles).
//! While a store is being written, the writer's automatic checkpoints are off and this thread
//! runs a passive checkpoint after each commit on its own connection, while the writer works
//! on the next batch.
//!
//! SQLite starts the log over only when a write transaction begins on a log that is copied
//! back whole, and the writer begins the next batch while this thread is still copying the
//! last one, so the log would grow (to 11 GB in a million-article run). The writer therefore
//! checkpoints itself, once, when the log holds more than [`LOG_LIMIT`] bytes or more than
//! [`BACKLOG_LIMIT`] bytes are left to copy back: the next batch then starts the log over.
//! Both come from the last checkpoint; the log file's size is checked too, and since the
//! writer's connection cuts the file back to [`LOG_FILE_KEPT`] when the log starts over, it
//! does not stay past the limit (an earlier version tested the file alone, without the cut:
//! once the file had passed the limit the writer checkpointed after every commit).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

use rusqlite::Connection;

use crate::{Result, StoreError};

/// Bytes of log past which the writer checkpoints itself (so the log starts over). The log
/// file keeps the largest size it reached until the store is closed; a larger limit means
/// fewer waits for the writer (each copies about one batch back).
const LOG_LIMIT: u64 = 4 << 30;
/// Bytes of log not yet copied back past which the writer checkpoints itself.
const BACKLOG_LIMIT: u64 = 1 << 30;
/// What the log file is cut back to when the log starts over (`PRAGMA journal_size_limit`
/// on the writer's connection): without it the file keeps the largest size it ever had.
const LOG_FILE_KEPT: u64 = 1 << 30;

/// What the writer asks of the thread.
enum Message {
    /// A passive checkpoint.
    Checkpoint,
    /// An answer once the checkpoints asked before are done.
    Idle(mpsc::Sender<()>),
}

pub(crate) struct Checkpointer {
    to: Option<SyncSender<Message>>,
    /// The log file, whose size is the check that does not depend on the thread's reports.
    wal: PathBuf,
    thread: Option<JoinHandle<()>>,
    state: Arc<LogState>,
    /// Bytes a log frame takes (a page and its header).
    frame: u64,
    /// [`LOG_LIMIT`] and [`BACKLOG_LIMIT`] (smaller in tests).
    limits: (u64, u64),
}

/// What the last checkpoint saw of the log, in bytes.
#[derive(Default)]
struct LogState {
    log: AtomicU64,
    backlog: AtomicU64,
}

/// Runs a passive checkpoint of the main database of `conn` (not of the full-text database
/// attached to the writer's connection, which its own writer checkpoints) and returns the
/// log's size and how much of it is left to copy back, in bytes (`frame` bytes a frame).
fn checkpoint(conn: &Connection, frame: u64) -> rusqlite::Result<(u64, u64)> {
    conn.query_row("PRAGMA main.wal_checkpoint(PASSIVE)", [], |r| {
        let (log, done): (i64, i64) = (r.get(1)?, r.get(2)?);
        let bytes = |frames: i64| u64::try_from(frames).unwrap_or(0) * frame;
        Ok((bytes(log), bytes(log.saturating_sub(done))))
    })
}

impl Checkpointer {
    /// Starts the thread for the database `db`, and turns the automatic checkpoints of the
    /// writer's connection `writer` off and its log file cut on.
    pub(crate) fn start(db: &Path, writer: &Connection) -> Result<Checkpointer> {
        let checkpointer = Self::start_with(db, (LOG_LIMIT, BACKLOG_LIMIT))?;
        writer.execute_batch(&format!(
            "PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {LOG_FILE_KEPT};"
        ))?;
        Ok(checkpointer)
    }

    fn start_with(db: &Path, limits: (u64, u64)) -> Result<Checkpointer> {
        let conn = Connection::open(db)
            .map_err(|e| StoreError::sqlite(format!("cannot open {}", db.display()), e))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let frame = u64::try_from(page).unwrap_or(4096) + 24;
        let state = Arc::new(LogState::default());
        let seen = Arc::clone(&state);
        let (to, from) = mpsc::sync_channel::<Message>(1);
        let thread = std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || {
                for m in from {
                    match m {
                        // A failed or partial checkpoint loses nothing: the log keeps the
                        // pages, and the writer checkpoints itself if they pile up.
                        Message::Checkpoint => {
                            if let Ok((log, backlog)) = checkpoint(&conn, frame) {
                                seen.log.store(log, Ordering::Relaxed);
                                seen.backlog.store(backlog, Ordering::Relaxed);
                            }
                        }
                        Message::Idle(done) => {
                            let _ = done.send(());
                        }
                    }
                }
            })
            .map_err(|e| StoreError::Thread(format!("cannot start the checkpoint thread: {e}")))?;
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        Ok(Checkpointer {
            to: Some(to),
            wal: PathBuf::from(wal),
            thread: Some(thread),
            state,
            frame,
            limits,
        })
    }

    /// After a commit on the writer's connection `conn`: when the log (as the thread last
    /// measured it, or its file) has grown past [`LOG_LIMIT`] or its backlog past
    /// [`BACKLOG_LIMIT`], waits for the thread's checkpoint
    /// and copies the rest back itself, so that the next write starts the log over; else asks
    /// the thread for a checkpoint (none is queued if one is already waiting).
    pub(crate) fn after_commit(&self, conn: &Connection) -> rusqlite::Result<()> {
        let Some(to) = &self.to else {
            return Ok(());
        };
        let s = &self.state;
        let file = || std::fs::metadata(&self.wal).map_or(0, |m| m.len());
        if s.log.load(Ordering::Relaxed) > self.limits.0
            || s.backlog.load(Ordering::Relaxed) > self.limits.1
            || file() > self.limits.0
        {
            self.wait_idle();
            let (_, backlog) = checkpoint(conn, self.frame)?;
            // Copied back whole, the log starts over with the next write: until the thread
            // measures it again, count it as empty.
            let log = if backlog == 0 {
                0
            } else {
                s.log.load(Ordering::Relaxed)
            };
            s.log.store(log, Ordering::Relaxed);
            s.backlog.store(backlog, Ordering::Relaxed);
        } else {
            let _ = to.try_send(Message::Checkpoint);
        }
        Ok(())
    }

    /// The log's size and backlog as last measured.
    #[cfg(test)]
    fn seen(&self) -> (u64, u64) {
        (
            self.state.log.load(Ordering::Relaxed),
            self.state.backlog.load(Ordering::Relaxed),
        )
    }

    /// Waits until the checkpoints asked for are done.
    fn wait_idle(&self) {
        let (done, idle) = mpsc::channel();
        if let Some(to) = &self.to {
            if to.send(Message::Idle(done)).is_ok() {
                let _ = idle.recv();
            }
        }
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

    /// A database `t.db` in `dir` in WAL mode with a table `t`, automatic checkpoints off,
    /// after `setup`; and a connection to it.
    fn database(dir: &Path, setup: &str) -> (PathBuf, Connection) {
        let db = dir.join("t.db");
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x BLOB); {setup}"
        ))
        .unwrap();
        (db, conn)
    }

    /// Begins a read transaction on `reader` (its snapshot holds the log back).
    fn hold_snapshot(reader: &Connection) {
        reader.execute_batch("BEGIN").unwrap();
        let _: i64 = reader
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
    }

    /// The backlog is the log not yet copied back, whatever the log file's size: a reader's
    /// snapshot holds pages back; once it is gone the backlog is 0 though the file stays.
    #[test]
    fn the_backlog_counts_pages_not_copied_back_not_the_file_size() {
        let dir = tempfile::tempdir().unwrap();
        let (db, writer) = database(dir.path(), "INSERT INTO t VALUES (zeroblob(10000));");
        let reader = Connection::open(&db).unwrap();
        hold_snapshot(&reader);
        writer
            .execute_batch("INSERT INTO t SELECT zeroblob(10000) FROM t")
            .unwrap();
        let (log, held) = checkpoint(&writer, 4096 + 24).unwrap();
        assert!(held > 0 && log >= held, "{log} {held}");
        reader.execute_batch("COMMIT").unwrap();
        let (log, left) = checkpoint(&writer, 4096 + 24).unwrap();
        assert!(log > 0);
        assert_eq!(left, 0);
        let wal = std::fs::metadata(dir.path().join("t.db-wal")).unwrap();
        assert!(wal.len() > 0);
    }

    /// Past the log limit the writer copies the log back itself, the next write starts it
    /// over, and the file is cut back (so the file's size does not keep the rule firing).
    #[test]
    fn past_the_log_limit_the_writer_checkpoints_and_the_log_starts_over() {
        let dir = tempfile::tempdir().unwrap();
        let (db, writer) = database(dir.path(), "PRAGMA journal_size_limit = 100000;");
        let c = Checkpointer::start_with(&db, (200_000, u64::MAX)).unwrap();
        let commit = || {
            // About 40 KB of log a commit.
            writer
                .execute_batch("INSERT INTO t VALUES (zeroblob(40000))")
                .unwrap();
        };
        let file = || {
            std::fs::metadata(dir.path().join("t.db-wal"))
                .unwrap()
                .len()
        };
        // A reader that takes its snapshot after each commit keeps the log from starting
        // over by itself while it grows past the limit...
        let reader = Connection::open(&db).unwrap();
        while file() <= 200_000 {
            commit();
            reader.execute_batch("COMMIT").ok();
            hold_snapshot(&reader);
        }
        reader.execute_batch("COMMIT").unwrap();
        // ...then the writer copies it back itself...
        commit();
        c.after_commit(&writer).unwrap();
        assert_eq!(c.seen(), (0, 0));
        // ...the next write starts it over and cuts the file back...
        commit();
        assert!(file() <= 100_000, "{}", file());
        // ...and from then on the thread does the checkpoints.
        c.after_commit(&writer).unwrap();
        c.wait_idle();
        let (log, backlog) = c.seen();
        assert!(log > 0 && log < 100_000, "{log}");
        assert_eq!(backlog, 0);
    }
}
