//! What every request and response goes through: request bodies under a size and a time
//! limit, and the security headers on every answer.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper::body::{Frame, SizeHint};
use tokio::time::Sleep;

use crate::ApiError;

/// The limits a request body is read under.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyLimits {
    /// The most bytes a body may have.
    pub max: usize,
    /// The longest the whole body may take to arrive, from the end of the head (zero: no
    /// limit).
    pub timeout: Duration,
}

/// Limits request bodies. A body declared larger than the limit is refused at once (413,
/// before a byte of it is read). A body is read by its handler, when it needs it (an upload
/// only once its token is checked); one that turns out larger than the limit is refused
/// when it passes it (413, by the handler's extractor), and one that has not arrived whole
/// within the body timeout is refused (408). Each of these refusals closes the connection,
/// since the rest of the body may still be on its way.
pub(crate) async fn body_guard(
    State(limits): State<BodyLimits>,
    req: Request,
    next: Next,
) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max as u64) {
        return closing(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body too large: the limit is {} bytes", limits.max),
        ));
    }
    if req.body().size_hint().exact() == Some(0) || limits.timeout.is_zero() {
        return close_after_body_errors(next.run(req).await);
    }
    let expired = Arc::new(AtomicBool::new(false));
    let req = req.map(|inner| {
        Body::new(Deadline {
            inner,
            sleep: Box::pin(tokio::time::sleep(limits.timeout)),
            expired: Arc::clone(&expired),
        })
    });
    let response = next.run(req).await;
    if expired.load(Ordering::Acquire) {
        return closing(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} s",
                limits.timeout.as_secs_f64()
            ),
        ));
    }
    close_after_body_errors(response)
}

/// A body refused part way (too large, or too slow) may still be arriving: the connection
/// is closed after the answer rather than read to the end.
fn close_after_body_errors(mut res: Response) -> Response {
    if matches!(
        res.status(),
        StatusCode::PAYLOAD_TOO_LARGE | StatusCode::REQUEST_TIMEOUT
    ) {
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}

/// An error answer after which the connection is closed.
fn closing(e: ApiError) -> Response {
    close_after_body_errors(e.into_response())
}

/// A request body that fails once its time is up.
struct Deadline {
    inner: Body,
    sleep: Pin<Box<Sleep>>,
    expired: Arc<AtomicBool>,
}

impl HttpBody for Deadline {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        if this.expired.load(Ordering::Acquire) {
            return Poll::Ready(Some(Err(timed_out())));
        }
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        if this.sleep.as_mut().poll(cx).is_ready() {
            this.expired.store(true, Ordering::Release);
            return Poll::Ready(Some(Err(timed_out())));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

fn timed_out() -> axum::Error {
    axum::Error::new(io::Error::new(
        io::ErrorKind::TimedOut,
        "the request body did not arrive in time",
    ))
}

/// The pages load nothing but their own style sheet and submit forms only to this site; no
/// script, no inline style, no frames.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; \
    img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Adds the security headers to every answer: pages, API, errors and the style sheet.
pub(crate) async fn security_headers(mut res: Response) -> Response {
    let headers = res.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    res
}
