//! A few read-only store connections, used on blocking threads.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use quotetrace_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::ApiError;

/// Read-only connections to one store; at most `size` queries run at once, the rest wait.
pub struct Pool {
    dir: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
}

impl Pool {
    /// Opens one connection now, so that a missing or unreadable store is reported at start.
    pub fn new(dir: &Path, size: usize) -> Result<Pool, StoreError> {
        let first = Store::open_read_only(dir)?;
        Ok(Pool {
            dir: dir.to_path_buf(),
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(size),
        })
    }

    /// Runs a query on a pooled connection, off the event loop.
    pub async fn read<T, F>(self: &std::sync::Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the store is closing"))?;
        let pool = std::sync::Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = match pool.idle.lock().ok().and_then(|mut v| v.pop()) {
                Some(s) => s,
                None => Store::open_read_only(&pool.dir)?,
            };
            let result = f(&store);
            if let Ok(mut v) = pool.idle.lock() {
                v.push(store);
            }
            result
        })
        .await
        .map_err(|_| ApiError::internal("a query failed unexpectedly"))?
        .map_err(ApiError::from)
    }
}
