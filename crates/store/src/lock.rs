//! One writer per store: an advisory lock on a file in the store directory.
//!
//! A writer keeps state in memory that mirrors the database (speakers, link buckets, the
//! story clusterer). Two processes writing one store each link from their own copy, and
//! their batches interleave on stale state: the store is damaged without any error. So a
//! process must hold [`WriteLock`] for as long as it may write. The lock is the operating
//! system's (`flock` on Unix, `LockFileEx` on Windows): it is released when the process
//! exits or dies, so a killed `ingest` never leaves a store locked.
//!
//! The lock file also says who holds it (process id, since when, the command), for the
//! error the next writer sees, and carries a stamp that changes with every holder: a
//! process that let the lock go and takes it again (the server, per upload) learns from
//! [`WriteLock::unchanged_since`] whether anyone else wrote in between, and so whether its
//! in-memory state is still the store's.
//!
//! Not for: readers. Queries open the store read-only and never take the lock; the store
//! is in WAL mode, so they read beside a writer.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::{Result, StoreError};

/// The lock file's name in the store directory.
pub const LOCK_FILE: &str = "writer.lock";

/// Who holds (or last held) a store's write lock, as its lock file says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holder {
    /// The process id.
    pub pid: Option<u32>,
    /// When it took the lock, in seconds since 1970.
    pub since: Option<u64>,
    /// Its command line.
    pub command: Option<String>,
    /// A value unique to one taking of the lock.
    pub stamp: String,
}

impl Holder {
    fn parse(text: &str) -> Holder {
        let mut h = Holder::default();
        for line in text.lines() {
            let (key, value) = line.split_once(' ').unwrap_or((line, ""));
            match key {
                "pid" => h.pid = value.trim().parse().ok(),
                "since" => h.since = value.trim().parse().ok(),
                "command" => h.command = Some(value.trim().to_string()),
                "stamp" => h.stamp = value.trim().to_string(),
                _ => {}
            }
        }
        h
    }

    fn render(&self) -> String {
        format!(
            "pid {}\nsince {}\ncommand {}\nstamp {}\n",
            self.pid.unwrap_or(0),
            self.since.unwrap_or(0),
            self.command.as_deref().unwrap_or(""),
            self.stamp
        )
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pid {
            Some(pid) => write!(f, "process {pid}")?,
            None => write!(f, "another process")?,
        }
        if let Some(c) = self.command.as_deref().filter(|c| !c.is_empty()) {
            write!(f, " ({c})")?;
        }
        if let Some(since) = self.since {
            write!(f, " since {}", utc(since))?;
        }
        Ok(())
    }
}

/// The store is being written by another process.
#[derive(Debug, Clone)]
pub struct Busy {
    /// The store directory.
    pub dir: PathBuf,
    /// Who writes it.
    pub holder: Holder,
}

impl fmt::Display for Busy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the store at {} is being written by {}; wait for it to finish or use another store",
            self.dir.display(),
            self.holder
        )
    }
}

/// The write lock of one store, held until dropped.
#[derive(Debug)]
pub struct WriteLock {
    file: File,
    dir: PathBuf,
    holder: Holder,
    previous: String,
}

impl WriteLock {
    /// Takes the lock of the store in `dir` (created if needed) without waiting:
    /// `Ok(Err(Busy))` when another process (or another handle in this one) holds it;
    /// `Err` when the lock file cannot be opened or written (a read-only store, say).
    pub fn try_acquire(dir: &Path) -> Result<std::result::Result<WriteLock, Busy>> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            action: "cannot create store directory",
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(LOCK_FILE);
        let cannot = |source: std::io::Error| StoreError::Lock {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(cannot)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                // A holder that took the lock an instant ago may not have written its lines
                // yet: wait for them a little (then it shows as "another process").
                let mut holder = Holder::default();
                for _ in 0..20 {
                    let mut text = String::new();
                    let _ = file.seek(SeekFrom::Start(0));
                    let _ = file.read_to_string(&mut text);
                    holder = Holder::parse(&text);
                    if holder.pid.is_some() && !holder.stamp.is_empty() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                return Ok(Err(Busy {
                    dir: dir.to_path_buf(),
                    holder,
                }));
            }
            Err(TryLockError::Error(e)) => return Err(cannot(e)),
        }
        let mut text = String::new();
        let _ = file.read_to_string(&mut text);
        let previous = Holder::parse(&text).stamp;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let pid = std::process::id();
        let holder = Holder {
            pid: Some(pid),
            since: Some(now.as_secs()),
            command: Some(command_line()),
            stamp: format!("{pid}-{}-{}", now.as_nanos(), next_serial()),
        };
        let write = |file: &mut File| -> std::io::Result<()> {
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            file.write_all(holder.render().as_bytes())?;
            file.flush()
        };
        write(&mut file).map_err(cannot)?;
        Ok(Ok(WriteLock {
            file,
            dir: dir.to_path_buf(),
            holder,
            previous,
        }))
    }

    /// Takes the lock, or fails with an error naming its holder.
    pub fn acquire(dir: &Path) -> Result<WriteLock> {
        Ok(WriteLock::try_acquire(dir)??)
    }

    /// The store directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// This taking of the lock.
    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// Whether the previous holder of the lock was the taking whose stamp is `stamp`: then
    /// nobody else has held it (nor written the store) since that taking let it go.
    pub fn unchanged_since(&self, stamp: &str) -> bool {
        !stamp.is_empty() && self.previous == stamp
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes it prompt and
        // explicit.
        let _ = self.file.unlock();
    }
}

/// Distinguishes two takings of the lock in one process within one clock tick.
fn next_serial() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SERIAL: AtomicU64 = AtomicU64::new(0);
    SERIAL.fetch_add(1, Ordering::Relaxed)
}

/// This process's command line, shortened, on one line.
fn command_line() -> String {
    let mut args = std::env::args().map(|a| {
        let name = Path::new(&a)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        name.filter(|_| a.contains('/')).unwrap_or(a)
    });
    let mut s = args.next().unwrap_or_default();
    for a in args {
        s.push(' ');
        s.push_str(&a);
    }
    let mut s: String = s.chars().filter(|c| !c.is_control()).take(200).collect();
    if s.is_empty() {
        s.push('?');
    }
    s
}

/// A time in seconds since 1970 as `YYYY-MM-DD HH:MM:SS UTC`.
fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    let (year, month, day) = quotetrace_link::days::civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taking_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriteLock::acquire(dir.path()).unwrap();
        let busy = WriteLock::try_acquire(dir.path()).unwrap().unwrap_err();
        assert_eq!(busy.holder.pid, Some(std::process::id()));
        assert_eq!(busy.holder.stamp, first.holder().stamp);
        let message = busy.to_string();
        assert!(
            message.contains(&format!("process {}", std::process::id())),
            "{message}"
        );
        assert!(message.contains(" since 20"), "{message}");
        assert!(message.contains("use another store"), "{message}");
        drop(first);
        assert!(WriteLock::try_acquire(dir.path()).unwrap().is_ok());
    }

    #[test]
    fn a_new_taking_tells_whether_anyone_held_the_lock_in_between() {
        let dir = tempfile::tempdir().unwrap();
        let mine = WriteLock::acquire(dir.path())
            .unwrap()
            .holder()
            .stamp
            .clone();
        let again = WriteLock::acquire(dir.path()).unwrap();
        assert!(again.unchanged_since(&mine));
        let theirs = again.holder().stamp.clone();
        drop(again);
        let third = WriteLock::acquire(dir.path()).unwrap();
        assert!(!third.unchanged_since(&mine));
        assert!(third.unchanged_since(&theirs));
        assert!(!third.unchanged_since(""));
    }

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_796_531_696), "2026-12-06 04:34:56 UTC");
    }
}
