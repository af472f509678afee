//! `quotetrace serve`: the HTTP API and web pages (quotetrace-server) over a store, with
//! uploads wired to the same ingest pipeline as `quotetrace ingest`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use quotetrace_ingest::Input;
use quotetrace_model::IngestSummary;
use quotetrace_server::{Config, Ingest};
use quotetrace_store::Store;

use crate::corpus::{ingest_inputs, StoreArg, BATCH};

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

/// Uploads go through the ingest pipeline, one at a time, on a writer opened at first use.
struct StoreIngest {
    dir: PathBuf,
    writer: Mutex<Option<Store>>,
}

impl Ingest for StoreIngest {
    fn ingest(&self, name: String, body: Vec<u8>) -> Result<IngestSummary, String> {
        let mut guard = self
            .writer
            .lock()
            .map_err(|_| "an earlier upload failed; restart the server".to_string())?;
        if guard.is_none() {
            *guard = Some(Store::open(&self.dir).map_err(|e| e.to_string())?);
        }
        let store = guard.as_mut().expect("opened above");
        ingest_inputs(
            store,
            vec![Input::Bytes { name, bytes: body }],
            1,
            BATCH,
            true,
        )
        .map_err(|e| format!("{e:#}"))
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let dir = args.store.store.clone();
    let token = args.token.filter(|t| !t.trim().is_empty());
    if token.is_some() || dir.join("quotetrace.db").is_file() {
        // Brings an existing store's tables up to date (the readers cannot write), and with
        // uploads on, creates a store from nothing so the readers can open it.
        Store::open(&dir).with_context(|| format!("opening the store at {}", dir.display()))?;
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
