//! Checkpoints of the main database's write-ahead log, on a thread of their own.
//!
//! In WAL mode every committed page is written twice: to the log at commit, then into the
//! database by a checkpoint. SQLite runs the checkpoint inside the commit that fills the log,
//! on the writer thread, which then waits for it (9% of the writer past a million articles).
//! While a store is being written, the writer's automatic checkpoints are off and this thread
//! runs a passive checkpoint after each commit on its own connection, while the writer works
//! on the next batch; SQLite starts the log over at the next commit once a checkpoint has
//! caught up. Should the log still grow (a slow disk, a reader holding an old snapshot), the
//! writer checkpoints itself past [`WAL_LIMIT`] bytes.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, SyncSender};
use std::thread::JoinHandle;

use rusqlite::Connection;

use crate::{Result, StoreError};

/// Log size past which the writer checkpoints itself.
pub(crate) const WAL_LIMIT: u64 = 1 << 30;

pub(crate) struct Checkpointer {
    to: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
    wal: PathBuf,
}

impl Checkpointer {
    /// Starts the thread for the database `db`; the caller turns its own automatic
    /// checkpoints off.
    pub(crate) fn start(db: &Path) -> Result<Checkpointer> {
        let conn = Connection::open(db)
            .map_err(|e| StoreError(format!("cannot open {}: {e}", db.display())))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let (to, from) = mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || {
                for () in from {
                    // A failed or partial checkpoint loses nothing: the log keeps the pages,
                    // and the writer checkpoints itself if the log grows too long.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .map_err(|e| StoreError(format!("cannot start the checkpoint thread: {e}")))?;
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        Ok(Checkpointer {
            to: Some(to),
            thread: Some(thread),
            wal: PathBuf::from(wal),
        })
    }

    /// Asks for a checkpoint after a commit (none is queued if one is already waiting).
    pub(crate) fn request(&self) {
        if let Some(to) = &self.to {
            let _ = to.try_send(());
        }
    }

    /// Whether the log has grown past [`WAL_LIMIT`].
    pub(crate) fn log_too_long(&self) -> bool {
        std::fs::metadata(&self.wal).is_ok_and(|m| m.len() > WAL_LIMIT)
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
