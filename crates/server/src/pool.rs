//! A few read-only store connections, used on blocking threads.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use quotetrace_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::ApiError;

/// Read-only connections to one store; at most `size` queries run at once, the rest wait.
/// A query that waits or runs longer than the pool's timeout is answered 503: under a load
/// the machine cannot carry, requests fail fast instead of queueing without end.
pub struct Pool {
    dir: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
    timeout: Duration,
}

impl Pool {
    /// Opens one connection now, so that a missing or unreadable store is reported at start.
    pub fn new(dir: &Path, size: usize, timeout: Duration) -> Result<Pool, StoreError> {
        let first = Store::open_read_only(dir)?;
        Ok(Pool {
            dir: dir.to_path_buf(),
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(size),
            timeout,
        })
    }

    /// Runs a query on a pooled connection, off the event loop.
    pub async fn read<T, F>(self: &std::sync::Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        let due = Instant::now() + self.timeout;
        let busy = || {
            ApiError::unavailable(
                format!(
                    "the server is busy or the query took longer than {} ms: try again, or narrow the query",
                    self.timeout.as_millis()
                ),
                1,
            )
        };
        let _permit = match tokio::time::timeout(self.timeout, self.permits.acquire()).await {
            Ok(Ok(p)) => p,
            Ok(Err(_)) => return Err(ApiError::internal("the store is closing")),
            Err(_) => return Err(busy()),
        };
        let pool = std::sync::Arc::clone(self);
        let result = tokio::task::spawn_blocking(move || {
            let mut store = match pool.idle.lock().ok().and_then(|mut v| v.pop()) {
                Some(s) => s,
                None => Store::open_read_only(&pool.dir)?,
            };
            store.set_deadline(Some(due))?;
            let result = f(&store);
            if store.set_deadline(None).is_ok() {
                if let Ok(mut v) = pool.idle.lock() {
                    v.push(store);
                }
            }
            result
        })
        .await
        .map_err(|_| ApiError::internal("a query failed unexpectedly"))?;
        match result {
            Ok(v) => Ok(v),
            Err(_) if Instant::now() >= due => Err(busy()),
            Err(e) => Err(ApiError::from(e)),
        }
    }
}
