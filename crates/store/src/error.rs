//! The store's error and result types: what failed, with the file or the value it concerns,
//! so that callers can tell a busy store from a missing one or a disk error, and people read
//! one clear sentence.

use std::fmt;
use std::path::PathBuf;

use crate::lock::Busy;
use crate::SCHEMA_VERSION;

/// A store error.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite failed, with what was being done when that says more than the error.
    Sqlite {
        context: Option<String>,
        source: rusqlite::Error,
    },
    /// A file of the store could not be created, read or written (`action` says which).
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// There is no store in the directory.
    Missing { dir: PathBuf },
    /// The store has a schema this version does not read; `hint` says what to do.
    Schema {
        path: PathBuf,
        found: String,
        hint: &'static str,
    },
    /// Another process writes the store.
    Busy(Busy),
    /// The write lock cannot be taken at all (a read-only disk, say).
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A write through a store that does not hold its write lock.
    NotWritable { path: PathBuf },
    /// A background thread of the writer (full-text indexing, log checkpoints, stories)
    /// failed or stopped.
    Thread(String),
    /// Anything else, said in words.
    Other(String),
}

impl StoreError {
    /// An error said in words.
    pub fn other(message: impl Into<String>) -> StoreError {
        StoreError::Other(message.into())
    }

    /// SQLite's error with what was being done.
    pub(crate) fn sqlite(context: impl Into<String>, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            context: Some(context.into()),
            source,
        }
    }

    /// Whether another process writes the store (try again later).
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Busy(_))
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite {
                context: Some(c),
                source,
            } => write!(f, "{c}: {source}"),
            StoreError::Sqlite {
                context: None,
                source,
            } => write!(f, "store: {source}"),
            StoreError::Io {
                action,
                path,
                source,
            } => write!(f, "{action} {}: {source}", path.display()),
            StoreError::Missing { dir } => write!(
                f,
                "no store at {} (run `quotetrace ingest --store {} FILES` first)",
                dir.display(),
                dir.display()
            ),
            StoreError::Schema { path, found, hint } => write!(
                f,
                "the store {} has schema version {found}, this quotetrace reads version {SCHEMA_VERSION}: {hint}",
                path.display()
            ),
            StoreError::Busy(b) => write!(f, "{b}"),
            StoreError::Lock { path, source } => write!(
                f,
                "cannot take the write lock {} ({source}); is the store on a read-only disk?",
                path.display()
            ),
            StoreError::NotWritable { path } => write!(
                f,
                "the store {} is not open for writing (its write lock is not held)",
                path.display()
            ),
            StoreError::Thread(m) | StoreError::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite { source, .. } => Some(source),
            StoreError::Io { source, .. } | StoreError::Lock { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(source: rusqlite::Error) -> Self {
        StoreError::Sqlite {
            context: None,
            source,
        }
    }
}

impl From<Busy> for StoreError {
    fn from(b: Busy) -> StoreError {
        StoreError::Busy(b)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
