//! Accepting and keeping connections, so that no client can hold one forever: a limit on the
//! connections open at once, and three timeouts.
//!
//! - The request head (request line and headers) must arrive within `header_timeout` of the
//!   moment the server starts waiting for it: when the connection opens, or when the previous
//!   response on a kept-alive connection was sent. This is hyper's own `header_read_timeout`,
//!   so a client that trickles a header a byte at a time is cut off too.
//! - A connection on which no byte moves either way for `idle_timeout`, while no request is
//!   being handled, is closed: a kept-alive connection with no next request, a new one that
//!   sends nothing, a client that stops reading its response. [`IdleIo`] does this around the
//!   socket; while a request is being handled (a slow query, an upload being stored) the
//!   clock stands still.
//! - A request body must arrive whole within `body_timeout` (see `guard::body_guard`).
//!
//! A connection closed after refusing a body (413, 408) is closed gently: the server stops
//! writing, then reads and drops what the client still sends, for up to two seconds or
//! until the client closes; closed at once, the unread bytes would make the system reset
//! the connection, and a client could lose the answer it had not read yet.
//!
//! Since hyper starts the head's clock as soon as it waits for a request, a kept-alive
//! connection with no next request is closed by whichever of the header and idle timeouts
//! is shorter.
//!
//! Past `max_connections`, the server stops accepting: new clients wait in the kernel's
//! listen backlog (their connection is established but not yet answered) until an open one
//! closes, which the timeouts above guarantee within seconds. Waiting clients hold no file
//! descriptor of the server's, so a crowd of idle sockets cannot exhaust the server's file
//! limit and lock everyone out; the clients already connected are served as before. (When
//! the backlog itself is full, the kernel drops new connection attempts, and clients retry.)
//! Refusing the extra connections at once was the other choice: it costs an accept and a
//! file descriptor per refusal, and turns a short wait into an error.
//!
//! This is `axum::serve`'s loop with these limits added: `axum::serve` gives hyper no timer
//! (so no header timeout), and has no idle timeout and no connection limit.

use std::future::Future;
use std::io;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

use crate::Config;

/// The most connections the server will hold whatever it is told (the semaphore's limit).
const MAX_CONNECTIONS: usize = 1 << 20;
/// How long a connection that refused a body reads what still comes before it closes.
const LINGER: Duration = Duration::from_secs(2);

/// Serves `app` on `listener` until `signal` completes; then stops accepting, lets the
/// requests in flight finish, closes idle connections, and returns once every connection
/// is closed.
pub async fn serve_on(
    listener: TcpListener,
    app: Router,
    config: &Config,
    signal: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    let max = config.max_connections.clamp(1, MAX_CONNECTIONS);
    let permits = Arc::new(Semaphore::new(max));
    let (stop_tx, stop_rx) = watch::channel(());
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(nonzero(config.header_timeout))
        .keep_alive(true);
    let idle = nonzero(config.idle_timeout);
    let mut signal = pin!(signal);
    loop {
        // A permit first, then a connection: past the limit, clients wait in the backlog.
        let permit = tokio::select! {
            p = Arc::clone(&permits).acquire_owned() => p.expect("the semaphore is never closed"),
            _ = &mut signal => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            _ = &mut signal => break,
        };
        let _ = stream.set_nodelay(true);
        let state = Arc::new(ConnState::default());
        let io = TokioIo::new(IdleIo::new(stream, idle, Arc::clone(&state)));
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let handling = Busy::enter(&state);
            let app = app.clone();
            async move {
                let response = app.oneshot(req.map(Body::new)).await;
                if let Ok(r) = &response {
                    if matches!(
                        r.status(),
                        StatusCode::PAYLOAD_TOO_LARGE | StatusCode::REQUEST_TIMEOUT
                    ) {
                        handling.0.linger.store(true, Ordering::Release);
                    }
                }
                drop(handling);
                response
            }
        });
        let conn = http.serve_connection(io, service);
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let mut conn = pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            drop(permit);
        });
    }
    drop(listener);
    drop(stop_rx);
    let _ = stop_tx.send(());
    // Every open connection holds a permit: all of them back means all are closed.
    let _ = permits.acquire_many(max as u32).await;
    Ok(())
}

/// A zero duration turns a timeout off.
fn nonzero(d: Duration) -> Option<Duration> {
    (!d.is_zero()).then_some(d)
}

/// After a failed `accept`: a connection that went away before it was accepted is nothing;
/// running out of file descriptors (or memory) is waited out, not fatal.
async fn accept_failed(e: io::Error) {
    use io::ErrorKind::*;
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | ConnectionRefused | Interrupted | WouldBlock
    ) {
        return;
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "quotetrace serve: accepting a connection failed ({e}); retrying"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// What a connection's socket and its requests share.
#[derive(Default)]
pub(crate) struct ConnState {
    /// Requests being handled.
    busy: AtomicUsize,
    /// An answer refused a request body that may still be arriving: linger on close.
    linger: AtomicBool,
}

/// Counts a request being handled on a connection, for as long as it lives.
struct Busy(Arc<ConnState>);

impl Busy {
    fn enter(state: &Arc<ConnState>) -> Busy {
        state.busy.fetch_add(1, Ordering::AcqRel);
        Busy(Arc::clone(state))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A socket that fails with `TimedOut` once no byte has moved either way for the idle
/// timeout while no request was being handled, and that lingers on close after a refused
/// body (see the module's documentation).
pub(crate) struct IdleIo<T> {
    inner: T,
    idle: Option<Duration>,
    /// When the connection counts as idle, unless a byte moves first.
    deadline: Instant,
    sleep: Pin<Box<Sleep>>,
    state: Arc<ConnState>,
    /// Closing: the write side is shut, and (lingering) reading goes on until then.
    closing: Option<Instant>,
}

impl<T> IdleIo<T> {
    pub(crate) fn new(inner: T, idle: Option<Duration>, state: Arc<ConnState>) -> IdleIo<T> {
        let deadline = Instant::now() + idle.unwrap_or(Duration::from_secs(3600));
        IdleIo {
            inner,
            idle,
            deadline,
            sleep: Box::pin(tokio::time::sleep_until(deadline)),
            state,
            closing: None,
        }
    }

    /// Ready once `at` has passed (the timer's wake-up registered until then).
    fn poll_until(&mut self, cx: &mut Context<'_>, at: Instant) -> Poll<()> {
        if self.sleep.deadline() != at {
            self.sleep.as_mut().reset(at);
        }
        self.sleep.as_mut().poll(cx)
    }

    fn moved(&mut self) {
        if let Some(idle) = self.idle {
            self.deadline = Instant::now() + idle;
        }
    }

    /// Called when the socket is not ready: an error once the connection has been idle too
    /// long, else pending (with the timer's wake-up registered).
    fn poll_idle<R>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        if self.idle.is_none() {
            return Poll::Pending;
        }
        if self.state.busy.load(Ordering::Acquire) > 0 {
            // A handler runs; the socket is polled again when its answer is written.
            self.moved();
            return Poll::Pending;
        }
        // The deadline moves with each byte; the timer catches up when it fires early.
        loop {
            let deadline = self.deadline;
            match self.poll_until(cx, deadline) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) if Instant::now() >= self.deadline => {
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "the connection was idle too long",
                    )))
                }
                Poll::Ready(()) => {}
            }
        }
    }
}

impl<T> IdleIo<T> {
    /// What a write gave, with the idle clock reset by bytes written, and the idle deadline
    /// watched while the write waits.
    fn after_write(
        &mut self,
        cx: &mut Context<'_>,
        written: Poll<io::Result<usize>>,
    ) -> Poll<io::Result<usize>> {
        match written {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    self.moved();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => self.poll_idle(cx),
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for IdleIo<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.moved();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => this.poll_idle(cx),
        }
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> AsyncWrite for IdleIo<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.after_write(cx, written)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.after_write(cx, written)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_flush(cx) {
            Poll::Pending => this.poll_idle(cx),
            ready => ready,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let until = match this.closing {
            Some(until) => until,
            None => {
                match Pin::new(&mut this.inner).poll_shutdown(cx) {
                    Poll::Pending => return this.poll_idle(cx),
                    Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                    Poll::Ready(Ok(())) => {}
                }
                if !this.state.linger.load(Ordering::Acquire) {
                    return Poll::Ready(Ok(()));
                }
                *this.closing.insert(Instant::now() + LINGER)
            }
        };
        // Lingering: what the client still sends is read and dropped, until it closes or
        // time is up.
        let mut scratch = [0u8; 8192];
        while Instant::now() < until {
            let mut buf = ReadBuf::new(&mut scratch);
            match Pin::new(&mut this.inner).poll_read(cx, &mut buf) {
                Poll::Ready(Ok(())) if !buf.filled().is_empty() => continue,
                Poll::Ready(_) => return Poll::Ready(Ok(())),
                Poll::Pending => {
                    return match this.poll_until(cx, until) {
                        Poll::Ready(()) => Poll::Ready(Ok(())),
                        Poll::Pending => Poll::Pending,
                    }
                }
            }
        }
        Poll::Ready(Ok(()))
    }
}

/// The soft limit on open files of this process, where the system tells it (Linux).
pub(crate) fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// File descriptors kept free of connections: the listener, standard streams, the store's
/// read connections (a database, its WAL and shared-memory files each) and the writer.
pub(crate) fn reserved_files(readers: usize) -> u64 {
    32 + 4 * readers as u64
}
