//! quotetrace's HTTP side: a JSON API for scripts (`/api/...`, described by `/openapi.json`)
//! and server-rendered pages for people (`/`, `/search`, `/speakers/{id}`, `/quotes/{id}`,
//! `/stories/{id}`, `/documents/{id}`), both over one corpus store.
//!
//! Reads go through a small pool of read-only store connections on blocking threads, so a
//! slow query never stalls the event loop, and an `ingest` running beside the server does
//! not block it (the store is in WAL mode). Adding articles over HTTP is off unless the
//! server has a token; the work itself is done by the [`Ingest`] the binary hands in, so this
//! crate knows nothing of cleaning or extraction.
//!
//! Clients are untrusted too: connections are limited in number, and closed when a request
//! head or body is too slow or a connection sits idle (see [`serve_on`]); a body declared
//! larger than the limit is refused before it is read; a long article is served in pages,
//! and over the API in parts of at most a megabyte.
//!
//! Not for: deciding what a quote is or who said it; the store and the extraction crates do
//! that. Article text is untrusted: pages are rendered by askama templates that escape every
//! value, and no template marks anything as safe; every answer carries a strict
//! Content-Security-Policy (no script at all), and links out of the site give no referrer.

mod api;
mod conn;
mod error;
mod guard;
mod pages;
mod pool;
mod timeline;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::DefaultBodyLimit;
use axum::{middleware, Router};
use quotetrace_model::IngestSummary;
use quotetrace_store::{Counts, StoreError};

pub use conn::serve_on;
pub use error::ApiError;
pub use guard::CONTENT_SECURITY_POLICY;
pub use pool::Pool;

/// Adds uploaded documents to the store: provided by the binary, which owns the pipeline
/// (clean, extract, link, stories).
pub trait Ingest: Send + Sync + 'static {
    /// Stores the documents of one upload. `name` names the document (for JSONL, the file
    /// its records came from) and, by its extension, says what the body is: `.txt`, `.md`,
    /// `.html` or `.jsonl`.
    fn ingest(&self, name: String, body: Vec<u8>) -> Result<IngestSummary, IngestError>;
}

/// Why an upload was not stored.
#[derive(Debug, Clone)]
pub enum IngestError {
    /// Another process is writing the store: try again later (answered 503 with
    /// `Retry-After`).
    Busy(String),
    /// The upload failed (a write error): answered 500 with the message.
    Failed(String),
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store directory.
    pub store: PathBuf,
    /// Uploads (`POST /api/documents`) need `Authorization: Bearer <token>`; without a token
    /// they are refused.
    pub token: Option<String>,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// Read connections to the store (queries running at once).
    pub readers: usize,
    /// The longest a query may wait for a connection and then run before it is answered 503.
    pub query_timeout: Duration,
    /// How long a client has to send a request's head (request line and headers), from the
    /// moment the server starts waiting for it: when the connection opens, or when the
    /// previous response on a kept-alive connection was sent. Zero: no limit.
    pub header_timeout: Duration,
    /// How long a client has to send a request's whole body; past it the request is answered
    /// 408 and the connection closed. Zero: no limit.
    pub body_timeout: Duration,
    /// How long a connection may stay silent (no byte either way) while no request is being
    /// handled: a kept-alive connection waiting for its next request, a new one that sends
    /// nothing, a client that stops reading its answer. Past it the connection is closed.
    /// Zero: no limit.
    pub idle_timeout: Duration,
    /// Connections open at once. Past it the server accepts no more until one closes: new
    /// clients wait in the listen backlog. Keep it below the process's open-file limit;
    /// [`serve`] lowers it to fit that limit where the system tells it.
    pub max_connections: usize,
}

/// The default [`Config::header_timeout`].
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The default [`Config::body_timeout`].
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(60);
/// The default [`Config::idle_timeout`].
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// The default [`Config::max_connections`]: half of the usual open-file limit of 1,024.
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;

impl Config {
    /// Defaults for a store directory: no uploads, 10 MB bodies, 4 readers, 5 s per query;
    /// 10 s for a request's head, 60 s for its body, 10 s of silence on an idle connection,
    /// and 512 connections at once.
    pub fn new(store: PathBuf) -> Config {
        Config {
            store,
            token: None,
            max_body: 10 * 1024 * 1024,
            readers: 4,
            query_timeout: Duration::from_secs(5),
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState(Arc<Inner>);

pub(crate) struct Inner {
    pub(crate) pool: Arc<Pool>,
    pub(crate) token: Option<String>,
    pub(crate) ingest: Option<Arc<dyn Ingest>>,
    /// One upload at a time: the store has one writer.
    pub(crate) writer: tokio::sync::Mutex<()>,
    /// Corpus counts are costly on a large store and shown on every home page: kept a
    /// minute, dropped after an upload.
    pub(crate) counts: Mutex<Option<(Instant, Counts)>>,
}

const COUNTS_TTL: Duration = Duration::from_secs(60);

impl AppState {
    pub(crate) async fn counts(&self) -> Result<Counts, ApiError> {
        if let Some((at, c)) = self.0.counts.lock().ok().and_then(|g| g.clone()) {
            if at.elapsed() < COUNTS_TTL {
                return Ok(c);
            }
        }
        let c = self.0.pool.read(|s| s.counts()).await?;
        if let Ok(mut g) = self.0.counts.lock() {
            *g = Some((Instant::now(), c.clone()));
        }
        Ok(c)
    }

    pub(crate) fn forget_counts(&self) {
        if let Ok(mut g) = self.0.counts.lock() {
            *g = None;
        }
    }
}

/// The whole application: API, pages, OpenAPI document and style sheet. Request bodies are
/// read under `max_body` and `body_timeout` (a body declared too large is refused before it
/// is read); every answer carries the security headers.
pub fn router(config: &Config, ingest: Option<Arc<dyn Ingest>>) -> Result<Router, StoreError> {
    let pool = Arc::new(Pool::new(
        &config.store,
        config.readers.max(1),
        config.query_timeout,
    )?);
    let state = AppState(Arc::new(Inner {
        pool,
        token: config.token.clone().filter(|t| !t.is_empty()),
        ingest,
        writer: tokio::sync::Mutex::new(()),
        counts: Mutex::new(None),
    }));
    Ok(Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(middleware::from_fn_with_state(
            guard::BodyLimits {
                max: config.max_body,
                timeout: config.body_timeout,
            },
            guard::body_guard,
        ))
        .layer(middleware::map_response(guard::security_headers))
        .with_state(state))
}

/// Serves until Ctrl-C (or SIGTERM), on a runtime of its own, with the connection limit
/// and timeouts of `config` (see [`serve_on`]). `listening` is told the address once the
/// socket is bound (port 0 picks a free port).
pub fn serve(
    config: &Config,
    addr: SocketAddr,
    ingest: Option<Arc<dyn Ingest>>,
    listening: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let app = router(config, ingest).map_err(std::io::Error::other)?;
    let mut config = config.clone();
    let mut lowered = None;
    if let Some(files) = conn::open_files_limit() {
        let fit = files
            .saturating_sub(conn::reserved_files(config.readers))
            .max(1);
        if config.max_connections as u64 > fit {
            lowered = Some((config.max_connections, fit, files));
            config.max_connections = fit as usize;
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        listening(listener.local_addr()?);
        if let Some((asked, fit, files)) = lowered {
            // Not eprintln: a closed stderr must not stop the server.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "quotetrace serve: at most {fit} connections at once, not {asked}: \
                 the open-file limit is {files} (raise it with `ulimit -n`)"
            );
        }
        serve_on(listener, app, &config, shutdown()).await
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
