//! `quotetrace serve`: the HTTP API and web pages (quotetrace-server) over a store, with
//! uploads wired to the same ingest pipeline as `quotetrace ingest`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use quotetrace_ingest::{documents, Input};
use quotetrace_model::IngestSummary;
use quotetrace_server::{Config, Ingest, IngestError};
use quotetrace_store::{Store, WriteLock};

use crate::store_arg::StoreArg;
use quotetrace_pipeline::ingest::{ingest_inputs, Silent, BATCH};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// The address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Allow adding articles with `POST /api/documents`, to requests that bear this token
    /// (`Authorization: Bearer TOKEN`). Without it, uploads are refused.
    #[arg(long, env = "QUOTETRACE_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// The largest request body accepted, in bytes.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    max_body: usize,
    /// Store connections for queries (queries running at once).
    #[arg(long, default_value_t = 4)]
    readers: usize,
    /// The longest a query may wait and run, in milliseconds, before it is answered 503.
    #[arg(long, default_value_t = 5000)]
    query_timeout_ms: u64,
    /// How long a client has to send a request's head, in milliseconds, from when the
    /// connection opens or the previous answer was sent (0: no limit).
    #[arg(long, default_value_t = millis(quotetrace_server::DEFAULT_HEADER_TIMEOUT))]
    header_timeout_ms: u64,
    /// How long a client has to send a request's whole body, in milliseconds; past it the
    /// request is answered 408 (0: no limit).
    #[arg(long, default_value_t = millis(quotetrace_server::DEFAULT_BODY_TIMEOUT))]
    body_timeout_ms: u64,
    /// How long a connection may stay silent while no request is being handled (kept alive
    /// between requests, or not reading its answer), in milliseconds, before it is closed
    /// (0: no limit).
    #[arg(long, default_value_t = millis(quotetrace_server::DEFAULT_IDLE_TIMEOUT))]
    idle_timeout_ms: u64,
    /// Connections open at once; more clients wait until one closes. Lowered to fit the
    /// open-file limit (`ulimit -n`).
    #[arg(long, default_value_t = quotetrace_server::DEFAULT_MAX_CONNECTIONS)]
    max_connections: usize,
}

const fn millis(d: std::time::Duration) -> u64 {
    d.as_millis() as u64
}

/// Uploads go through the ingest pipeline, one at a time. The store's write lock is taken
/// for each upload and let go after it, so that a CLI `ingest` can write between uploads
/// (an upload meanwhile is answered 503). The writer's in-memory state (speakers, link
/// buckets) is kept between uploads only while nobody else has taken the lock since; else
/// the store is opened again, so uploads never link from state older than the store.
struct StoreIngest {
    dir: PathBuf,
    /// The writer of the last upload, with the stamp of its lock.
    writer: Mutex<Option<(Store, String)>>,
}

impl StoreIngest {
    /// A writer holding the store's write lock, up to date with the store.
    fn writer(&self, kept: Option<(Store, String)>) -> Result<Store, IngestError> {
        let failed = |e: quotetrace_store::StoreError| IngestError::Failed(e.to_string());
        let lock = match WriteLock::try_acquire(&self.dir).map_err(failed)? {
            Ok(lock) => lock,
            Err(busy) => {
                return Err(IngestError::Busy(format!(
                    "{busy}; try again in a few seconds"
                )))
            }
        };
        match kept {
            Some((mut store, stamp)) => match store.resume_writing(lock, &stamp) {
                Ok(()) => Ok(store),
                Err(lock) => {
                    // Another process wrote since: its speakers and links are not in this
                    // writer's memory.
                    drop(store);
                    Store::open_locked(*lock).map_err(failed)
                }
            },
            None => Store::open_locked(lock).map_err(failed),
        }
    }
}

impl Ingest for StoreIngest {
    fn ingest(&self, name: String, body: Vec<u8>) -> Result<IngestSummary, IngestError> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let mut store = self.writer(guard.take())?;
        let summary = ingest_inputs(
            &mut store,
            documents(vec![Input::Bytes { name, bytes: body }]),
            1,
            BATCH,
            &Silent,
        )
        .map_err(|e| IngestError::Failed(format!("{e:#}")))?;
        if let Some(lock) = store.release_lock() {
            *guard = Some((store, lock.holder().stamp.clone()));
        }
        Ok(summary)
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let dir = args.store.store.clone();
    let token = args.token.filter(|t| !t.trim().is_empty());
    if token.is_some() || dir.join("quotetrace.db").is_file() {
        // Brings an existing store's tables up to date (the readers cannot write), and with
        // uploads on, creates a store from nothing so the readers can open it.
        // While another process writes the store, it is that process's to upgrade or
        // create: the server starts on what is there.
        // On a read-only disk there is nothing to upgrade or create: the server starts on
        // what is there, and uploads, if on, fail with the reason.
        let opened = || -> Result<()> {
            match WriteLock::try_acquire(&dir) {
                Ok(Ok(lock)) => drop(Store::open_locked(lock)?),
                Ok(Err(busy)) => eprintln!("quotetrace: {busy}; serving what it has stored"),
                Err(e) if dir.join("quotetrace.db").is_file() => {
                    eprintln!("quotetrace: {e}; serving what it has stored, read-only")
                }
                Err(e) => return Err(e.into()),
            }
            Ok(())
        };
        opened().with_context(|| format!("opening the store at {}", dir.display()))?;
    }
    let config = Config {
        store: dir.clone(),
        token: token.clone(),
        max_body: args.max_body,
        readers: args.readers,
        query_timeout: std::time::Duration::from_millis(args.query_timeout_ms.max(1)),
        header_timeout: std::time::Duration::from_millis(args.header_timeout_ms),
        body_timeout: std::time::Duration::from_millis(args.body_timeout_ms),
        idle_timeout: std::time::Duration::from_millis(args.idle_timeout_ms),
        max_connections: args.max_connections.max(1),
    };
    let ingest: Option<Arc<dyn Ingest>> = token.as_ref().map(|_| {
        Arc::new(StoreIngest {
            dir: dir.clone(),
            writer: Mutex::new(None),
        }) as Arc<dyn Ingest>
    });
    quotetrace_server::serve(&config, args.addr, ingest, |addr| {
        eprintln!(
            "quotetrace: serving the store at {} on http://{addr}/ (uploads {}); Ctrl-C stops",
            dir.display(),
            if token.is_some() {
                "on, with the token"
            } else {
                "off"
            }
        );
    })
    .with_context(|| format!("serving on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}
