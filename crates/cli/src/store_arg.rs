//! Where the store lives (`--store`, `$QUOTETRACE_STORE`), and opening it for writing (with
//! its write lock) or for queries (read-only, beside a writer).

use std::path::PathBuf;

use anyhow::{Context, Result};
use quotetrace_store::Store;

/// Where the store lives.
#[derive(clap::Args, Debug, Clone)]
pub struct StoreArg {
    /// The store directory (default: $QUOTETRACE_STORE, else ./quotetrace-data).
    #[arg(long, env = "QUOTETRACE_STORE", default_value = "quotetrace-data")]
    pub store: PathBuf,
}

impl StoreArg {
    /// Opens the store for writing, holding its write lock: fails at once, naming the
    /// process, when another one writes it.
    pub fn open(&self) -> Result<Store> {
        Store::open(&self.store)
            .with_context(|| format!("opening the store at {}", self.store.display()))
    }

    /// Opens the store for queries, read-only and without the write lock, so that queries
    /// run beside an `ingest` or a server taking uploads. A store of an older schema is
    /// upgraded first (that writes, so it waits for no one: it fails if a writer is busy).
    pub fn open_for_queries(&self) -> Result<Store> {
        let dir = &self.store;
        match Store::open_read_only(dir) {
            Ok(s) => Ok(s),
            Err(e) if dir.join("quotetrace.db").is_file() => {
                drop(
                    Store::open(dir)
                        .with_context(|| format!("opening the store at {} ({e})", dir.display()))?,
                );
                Store::open_read_only(dir)
                    .with_context(|| format!("opening the store at {}", dir.display()))
            }
            Err(e) => Err(e).with_context(|| format!("opening the store at {}", dir.display())),
        }
    }
}
