//! The server under hostile or careless clients, against a real server on 127.0.0.1: idle,
//! half-sent and oversized requests do not hold connections; a crowd of idle sockets past
//! the connection limit does not lock other clients out; every answer carries the security
//! headers; a long article is served in pages, and in parts over the API; links out of the
//! site give away no referrer.
//!
//! Timeouts are set short through `Config`, so each test runs in a second or two; every
//! wait is bounded.

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use quotetrace_ingest::{documents, Input};
use quotetrace_server::{router, serve_on, Config, CONTENT_SECURITY_POLICY};
use quotetrace_store::{Added, NewDocument, Store};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

const WIRE: &str = r#"{"id": "wire-1", "outlet": "Wire One", "published": "2024-05-01", "url": "https://wire.example/1", "title": "Harbour plan approved", "text": "Harbour plan approved\n\nThe port authority approved the harbour plan on Tuesday.\n\n\"We will build the new quay before the winter storms arrive,\" said Ana Petrova, the authority's director.\n\nPetrova added that the work would cost less than expected."}"#;

/// Paragraphs of the long article: each names its number once, so the pages can be checked
/// to hold every paragraph exactly once.
const LONG_PARAGRAPHS: usize = 6000;

fn long_article() -> String {
    let text: String = (0..LONG_PARAGRAPHS)
        .map(|i| {
            format!(
                "Marker{i:05}x says the tide rose again over the harbour wall, and the \
                 council met late into the night to weigh what should be done next. \
                 Residents brought photographs and old maps of the shore.\n\n"
            )
        })
        .collect();
    serde_json::json!({
        "id": "long-1",
        "outlet": "Long Reads",
        "url": "https://long.example/essay",
        "title": "A very long essay",
        "text": format!("A very long essay\n\n{text}")
    })
    .to_string()
}

/// A store with the wire article (with its quote) and a long article (over 1 MB, no
/// quotes); returns the long one's id.
fn seed(dir: &Path) -> i64 {
    let mut store = Store::open(dir).unwrap();
    let mut batch = Vec::new();
    for (i, line) in [WIRE.to_string(), long_article()].iter().enumerate() {
        let doc = documents(vec![Input::Bytes {
            name: "seed.jsonl".into(),
            bytes: line.clone().into_bytes(),
        }])
        .next()
        .unwrap()
        .unwrap();
        let quotes = if i == 0 {
            quotetrace_quotes::extract(&doc.text).quotes
        } else {
            Vec::new()
        };
        batch.push(NewDocument::new(doc, Some("en".into()), quotes));
    }
    let added = store.add_batch(batch).unwrap();
    let Added::New { id, .. } = added[1] else {
        panic!("the long article was not added: {added:?}")
    };
    id
}

struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
    long_id: i64,
    dir: tempfile::TempDir,
}

/// Starts a server on 127.0.0.1, port 0, with short timeouts (changed by `tune`).
async fn start(tune: impl FnOnce(&mut Config)) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let long_id = seed(dir.path());
    let mut config = Config::new(dir.path().to_path_buf());
    config.max_body = 64 * 1024;
    config.header_timeout = Duration::from_millis(600);
    config.idle_timeout = Duration::from_millis(600);
    config.body_timeout = Duration::from_millis(600);
    tune(&mut config);
    let app = router(&config, None).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        serve_on(listener, app, &config, async {
            let _ = rx.await;
        })
        .await
    });
    Server {
        addr,
        stop: Some(tx),
        task,
        long_id,
        dir,
    }
}

impl Server {
    /// Stops the server as Ctrl-C would, and checks that it stops.
    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(5), &mut self.task)
            .await
            .expect("the server did not stop within 5 s of its shutdown signal")
            .unwrap()
            .unwrap();
    }
}

/// A connection to `addr` that has sent `bytes` (a request, or a part of one).
async fn open_sending(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(bytes).await.unwrap();
    s
}

/// A connection that has sent the head of a JSON `POST /api/trace` declaring `length` body
/// bytes, then `body` (the start of the body, or nothing).
async fn posting_trace(addr: SocketAddr, length: u64, body: &str) -> TcpStream {
    let request = format!(
        "POST /api/trace HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
         Content-Length: {length}\r\n\r\n{body}"
    );
    open_sending(addr, request.as_bytes()).await
}

/// Reads until the server closes the connection (end of stream or reset), for at most
/// `limit`; returns what came and when it closed.
async fn until_closed(stream: &mut TcpStream, limit: Duration) -> (Vec<u8>, Duration) {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let left = limit.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => panic!(
                "the connection was still open after {limit:?}; it sent {:?}",
                String::from_utf8_lossy(&got)
            ),
            Ok(Ok(0)) | Ok(Err(_)) => return (got, started.elapsed()),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

/// The server kept the connection for its timeout (600 ms, as `start` sets them all; 400 ms
/// allows for the clock) before closing it.
fn assert_not_closed_early(after: Duration) {
    assert!(
        after >= Duration::from_millis(400),
        "closed too early: {after:?}"
    );
}

/// An answer: status, headers (names lowercased), body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn parse(raw: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("no end of head");
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap();
    Answer {
        status: status.parse().unwrap(),
        headers: lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect(),
        body: body.to_string(),
    }
}

/// The answer to `request` on a fresh connection, which the server closes at once (within
/// half a second: it answers without waiting for a body).
async fn answered_at_once(addr: SocketAddr, request: &[u8]) -> Answer {
    let mut s = open_sending(addr, request).await;
    let (raw, after) = until_closed(&mut s, Duration::from_secs(2)).await;
    let head = String::from_utf8_lossy(request);
    assert!(after < Duration::from_millis(500), "took {after:?}: {head}");
    parse(&raw)
}

/// One request on a fresh connection that the client asks to close after it.
async fn request(addr: SocketAddr, method: &str, path: &str) -> Answer {
    let mut s = open_sending(
        addr,
        format!("{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await;
    let (raw, _) = until_closed(&mut s, Duration::from_secs(10)).await;
    let answer = parse(&raw);
    if answer.header("transfer-encoding") == Some("chunked") {
        panic!("{path}: chunked answers are not decoded here");
    }
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_are_closed() {
    let server = start(|c| c.header_timeout = Duration::from_secs(10)).await;
    // A connection that never sends a byte.
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    let (got, after) = until_closed(&mut silent, Duration::from_secs(3)).await;
    assert!(got.is_empty());
    assert_not_closed_early(after);
    // A kept-alive connection after its answer.
    let mut kept = open_sending(
        server.addr,
        b"GET /api/health HTTP/1.1\r\nHost: test\r\n\r\n",
    )
    .await;
    let (got, after) = until_closed(&mut kept, Duration::from_secs(3)).await;
    let got = String::from_utf8_lossy(&got);
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
    assert_not_closed_early(after);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_head_is_cut_off() {
    // The idle timeout is long: bytes keep coming, only the head's own timeout applies.
    let server = start(|c| c.idle_timeout = Duration::from_secs(10)).await;
    let mut s = open_sending(server.addr, b"GET /api/health HTTP/1.1\r\nHost: test\r\n").await;
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    let closed = loop {
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "a trickled head kept the connection open for 4 s"
        );
        // One more header byte every 100 ms: never silent, never done.
        if s.write_all(b"x").await.is_err() {
            break started.elapsed();
        }
        match tokio::time::timeout(Duration::from_millis(100), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break started.elapsed(),
            _ => {}
        }
    };
    assert_not_closed_early(closed);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_declared_body_is_refused_at_once() {
    let server = start(|c| c.body_timeout = Duration::from_secs(30)).await;
    for path in ["/api/documents", "/api/trace"] {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\n\
             Content-Length: 1000000000000\r\n\r\n"
        );
        let a = answered_at_once(server.addr, head.as_bytes()).await;
        assert_eq!(a.status, 413, "{path}: {}", a.body);
        assert_eq!(a.header("connection"), Some("close"), "{path}");
        let v: Value = serde_json::from_str(&a.body).unwrap();
        assert_eq!(v["status"], 413);
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_body_is_drained_a_while_before_the_connection_closes() {
    let server = start(|c| c.idle_timeout = Duration::from_secs(10)).await;
    let mut s = posting_trace(server.addr, 1_000_000_000_000, "").await;
    // The answer, then the end of what the server writes...
    let (raw, _) = until_closed(&mut s, Duration::from_secs(2)).await;
    assert_eq!(parse(&raw).status, 413);
    // ...while it still reads what the client sends (closed at once, the socket would be
    // reset, and the second write here would fail), for a bounded time.
    let started = Instant::now();
    let chunk = vec![b'x'; 16 * 1024];
    let mut sent = 0;
    while s.write_all(&chunk).await.is_ok() {
        sent += chunk.len();
        assert!(
            started.elapsed() < Duration::from_secs(6),
            "the server read a refused body for 6 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let drained = started.elapsed();
    assert!(
        drained >= Duration::from_millis(1500) && sent > 1 << 20,
        "the server stopped reading after {drained:?} and {sent} bytes"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_is_refused_before_its_body_is_read() {
    // Uploads are off on this server: the answer comes without waiting for the body.
    let server = start(|c| c.body_timeout = Duration::from_secs(30)).await;
    let head = b"POST /api/documents HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\n\
          Content-Length: 60000\r\nConnection: close\r\n\r\n";
    assert_eq!(answered_at_once(server.addr, head).await.status, 403);
    server.stop().await;
}

#[tokio::test]
async fn a_body_that_turns_out_too_large_closes_the_connection() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let app = router(&Config::new(dir.path().to_path_buf()), None).unwrap();
    // No Content-Length (as with a chunked body): refused once it passes the limit of
    // the trace endpoint, far below the server's.
    let req = Request::post("/api/trace")
        .header("content-type", "application/json")
        .body(Body::new(Chunks(100)))
        .unwrap();
    let res = app.oneshot(req).await.unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(res.headers()["connection"], "close");
}

/// A body of `n` chunks of 1 KiB, of unknown length.
struct Chunks(usize);

impl hyper::body::Body for Chunks {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        if self.0 == 0 {
            return std::task::Poll::Ready(None);
        }
        self.0 -= 1;
        let chunk = axum::body::Bytes::from(vec![b' '; 1024]);
        std::task::Poll::Ready(Some(Ok(hyper::body::Frame::data(chunk))))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trickled_body_is_cut_off() {
    let server = start(|c| c.idle_timeout = Duration::from_secs(10)).await;
    let mut s = posting_trace(server.addr, 100, "{\"text\": ").await;
    let started = Instant::now();
    let mut raw = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "a trickled body kept the connection open for 4 s"
        );
        let _ = s.write_all(b"a").await;
        match tokio::time::timeout(Duration::from_millis(100), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => raw.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
    }
    let a = parse(&raw);
    assert_eq!(a.status, 408, "{}", a.body);
    assert_eq!(a.header("connection"), Some("close"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sockets_past_the_limit_do_not_lock_others_out() {
    let server = start(|c| c.max_connections = 4).await;
    // Twice the limit: four are accepted, four wait in the backlog, then take their place.
    let mut idle = Vec::new();
    for _ in 0..8 {
        idle.push(TcpStream::connect(server.addr).await.unwrap());
    }
    let started = Instant::now();
    let mut client = open_sending(
        server.addr,
        b"GET /api/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n",
    )
    .await;
    // The limit holds: while the first four are open, the client waits.
    let mut buf = [0u8; 64];
    assert!(
        tokio::time::timeout(Duration::from_millis(300), client.read(&mut buf))
            .await
            .is_err(),
        "answered past the connection limit"
    );
    // Then the idle ones time out, and the client is answered.
    let (raw, _) = until_closed(&mut client, Duration::from_secs(5)).await;
    assert_eq!(parse(&raw).status, 200);
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(4), "answered after {waited:?}");
    for mut s in idle {
        let (got, _) = until_closed(&mut s, Duration::from_secs(3)).await;
        assert!(got.is_empty());
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_carries_the_security_headers() {
    let server = start(|_| {}).await;
    assert!(!CONTENT_SECURITY_POLICY.contains("unsafe"));
    let long = server.long_id;
    let cases = [
        ("GET", "/".to_string(), 200),
        ("GET", format!("/documents/{long}"), 200),
        ("GET", "/search?q=harbour".to_string(), 200),
        ("GET", "/api/health".to_string(), 200),
        ("GET", "/api/quotes".to_string(), 200),
        ("GET", "/openapi.json".to_string(), 200),
        ("GET", "/static/style.css".to_string(), 200),
        ("GET", "/no/such/page".to_string(), 404),
        ("GET", "/api/nothing".to_string(), 404),
        ("GET", "/quotes/987654".to_string(), 404),
        ("GET", "/api/quotes?limit=0".to_string(), 400),
        ("DELETE", "/api/quotes".to_string(), 405),
    ];
    for (method, path, status) in cases {
        let a = request(server.addr, method, &path).await;
        assert_eq!(a.status, status, "{method} {path}");
        for (name, want) in [
            ("content-security-policy", CONTENT_SECURITY_POLICY),
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "no-referrer"),
        ] {
            assert_eq!(a.header(name), Some(want), "{method} {path}: {name}");
        }
        if a.header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
        {
            // The policy allows no inline script or style: the pages must need none.
            let lower = a.body.to_ascii_lowercase();
            for inline in ["<script", "<style", " style=", " onload=", " onclick="] {
                assert!(!lower.contains(inline), "{path} has {inline}");
            }
        }
    }
    server.stop().await;
}

/// The `href`s of the `<a rel="next">` links of a page.
fn next_link(body: &str) -> Option<String> {
    let at = body.find("rel=\"next\" href=\"")? + "rel=\"next\" href=\"".len();
    Some(body[at..].split('"').next()?.replace("&#38;", "&"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_article_is_served_in_pages() {
    let server = start(|_| {}).await;
    let id = server.long_id;
    let whole = Store::open_read_only(server.dir.path())
        .unwrap()
        .document(id)
        .unwrap()
        .unwrap()
        .1;
    assert!(whole.len() > 1_100_000, "{}", whole.len());
    // Pages: each bounded, every paragraph on exactly one of them, linked one to the next.
    let mut path = format!("/documents/{id}");
    let mut seen = vec![0usize; LONG_PARAGRAPHS];
    let mut pages = 0;
    loop {
        pages += 1;
        assert!(pages < 100, "no end to the pages");
        let a = request(server.addr, "GET", &path).await;
        assert_eq!(a.status, 200, "{path}");
        assert!(
            a.body.len() < 150_000,
            "{path} is {} bytes: not paged",
            a.body.len()
        );
        for marker in a.body.split("Marker").skip(1) {
            let i: usize = marker[..5].parse().unwrap();
            seen[i] += 1;
        }
        if pages > 1 {
            assert!(a.body.contains("rel=\"prev\""), "{path} has no link back");
        }
        match next_link(&a.body) {
            Some(next) => path = next,
            None => break,
        }
    }
    assert!(pages >= 10, "{pages} pages");
    assert!(
        seen.iter().all(|&n| n == 1),
        "paragraphs missing or repeated: {:?}",
        seen.iter()
            .enumerate()
            .filter(|(_, &n)| n != 1)
            .take(5)
            .collect::<Vec<_>>()
    );
    let a = request(server.addr, "GET", &format!("/documents/{id}?page=2")).await;
    assert_eq!(a.status, 200);
    assert!(a.body.contains(&format!("page 2 of {pages}")));
    for missing in [0, pages + 1] {
        let a = request(
            server.addr,
            "GET",
            &format!("/documents/{id}?page={missing}"),
        )
        .await;
        assert_eq!(a.status, 404, "page {missing}");
    }
    // The API: parts of at most 1,000,000 bytes that add up to the whole text.
    let mut text = String::new();
    let mut offset = 0u64;
    for part in 0.. {
        assert!(part < 10, "no end to the parts");
        let a = request(
            server.addr,
            "GET",
            &format!("/api/documents/{id}?text_offset={offset}"),
        )
        .await;
        assert_eq!(a.status, 200);
        assert!(
            a.body.len() < 1_100_000,
            "part {part}: {} bytes",
            a.body.len()
        );
        let v: Value = serde_json::from_str(&a.body).unwrap();
        assert_eq!(v["text_offset"].as_u64(), Some(offset));
        assert_eq!(v["text_length"].as_u64(), Some(whole.len() as u64));
        assert_eq!(v["text_truncated"], true);
        text.push_str(v["text"].as_str().unwrap());
        match v["next_text_offset"].as_u64() {
            Some(next) => offset = next,
            None => break,
        }
    }
    assert!(text == whole, "the parts do not add up to the text");
    let a = request(
        server.addr,
        "GET",
        &format!("/api/documents/{id}?text_offset={}", whole.len() + 1),
    )
    .await;
    assert_eq!(a.status, 400);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_out_of_the_site_give_no_referrer() {
    let server = start(|_| {}).await;
    let quotes = request(server.addr, "GET", "/api/quotes?speaker=Petrova").await;
    let v: Value = serde_json::from_str(&quotes.body).unwrap();
    let quote = &v["items"][0];
    let pages = [
        format!("/documents/{}", quote["doc_id"]),
        format!("/documents/{}", server.long_id),
        format!("/quotes/{}", quote["id"]),
    ];
    for path in pages {
        let a = request(server.addr, "GET", &path).await;
        assert_eq!(a.status, 200, "{path}");
        let mut out = 0;
        for tag in a.body.split("<a ").skip(1) {
            let tag = tag.split('>').next().unwrap();
            if tag.contains("href=\"http") {
                out += 1;
                let rel = tag
                    .split("rel=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .unwrap_or_else(|| panic!("{path}: a link out without rel: <a {tag}>"));
                let rel: Vec<&str> = rel.split_whitespace().collect();
                assert!(
                    rel.contains(&"noreferrer") && rel.contains(&"noopener"),
                    "{path}: <a {tag}>"
                );
            }
        }
        assert!(out >= 1, "{path} links to its source");
    }
    server.stop().await;
}
