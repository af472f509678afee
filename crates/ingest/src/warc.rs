//! WARC and WARC.gz archives (as Common Crawl's CC-NEWS publishes them): `response` records
//! carrying HTTP responses become HTML documents.
//!
//! Reading streams record by record, so archives of any size use little memory. A `.warc.gz`
//! is a series of gzip members (usually one per record); a member that fails to decompress is
//! reported as an error for that position and reading resumes at the next gzip member. A record
//! whose header is malformed is reported and reading resumes at the next `WARC/` line, so one
//! corrupt record never costs the rest of the archive.
//!
//! A record's `Content-Length` is checked against what follows it: a record that runs past the
//! end of the file (or of its gzip member), or whose content runs into another record's
//! `WARC/` line and is not followed by a record boundary, is reported as truncated, and
//! reading resumes at the first `WARC/` line inside what it claimed, so the good records after
//! a wrong length are kept. A record longer than the document limit (see
//! [`crate::DEFAULT_MAX_DOCUMENT_BYTES`]) is skipped without being held. Records other than
//! HTML responses are skipped and counted.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use flate2::bufread::GzDecoder;
use quotetrace_model::{DocMeta, Document};

use crate::{over_limit, ReadError, DEFAULT_MAX_DOCUMENT_BYTES};

/// The longest WARC header line; a longer one makes the record malformed.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// The most header lines in one record.
const MAX_HEADER_LINES: usize = 500;

/// Counts shared with the caller for its summary.
#[derive(Debug, Default)]
pub struct WarcCounts {
    /// Records that were not HTML responses (requests, metadata, images, ...).
    pub skipped: AtomicUsize,
    /// Records that could not be read.
    pub corrupt: AtomicUsize,
}

/// One item a WARC reader yields.
type Item = Result<Document, ReadError>;

/// A buffered reader that counts the bytes consumed since it began (its position, for a
/// plain file; the decompressed offset in the member, for a gzip member) and can look a few
/// bytes ahead across the end of its buffer.
struct Source<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    consumed: u64,
}

impl<R: Read> Source<R> {
    fn new(inner: R) -> Source<R> {
        Source {
            inner,
            buf: vec![0; 1 << 16].into_boxed_slice(),
            pos: 0,
            end: 0,
            consumed: 0,
        }
    }

    /// The buffered bytes, at least `at_least` of them (up to the buffer's size) unless the
    /// input ends first; empty at the end.
    fn fill(&mut self, at_least: usize) -> io::Result<&[u8]> {
        let want = at_least.min(self.buf.len());
        if self.end - self.pos < want {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
            while self.end < want {
                match self.inner.read(&mut self.buf[self.end..]) {
                    Ok(0) => break,
                    Ok(n) => self.end += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, n: usize) {
        debug_assert!(self.pos + n <= self.end);
        self.pos += n;
        self.consumed += n as u64;
    }

    /// Forgets the buffer, after the inner reader moved to `position`.
    fn reset(&mut self, position: u64) {
        self.pos = 0;
        self.end = 0;
        self.consumed = position;
    }

    fn into_inner(self) -> R {
        self.inner
    }

    /// Reads one line, its newline included, into `out`: false when the line has more than
    /// `max` bytes (then `out` holds its first `max`).
    fn read_line(&mut self, out: &mut Vec<u8>, max: usize) -> io::Result<bool> {
        loop {
            let buf = self.fill(1)?;
            if buf.is_empty() {
                return Ok(true);
            }
            let room = max - out.len();
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) if i < room => {
                    out.extend_from_slice(&buf[..=i]);
                    self.consume(i + 1);
                    return Ok(true);
                }
                _ => {
                    let n = buf.len().min(room);
                    out.extend_from_slice(&buf[..n]);
                    self.consume(n);
                    if out.len() >= max {
                        return Ok(false);
                    }
                }
            }
        }
    }

    /// Consumes ASCII white space.
    fn skip_space(&mut self) -> io::Result<()> {
        loop {
            let buf = self.fill(1)?;
            let n = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let all = n == buf.len();
            self.consume(n);
            if !all || n == 0 {
                return Ok(());
            }
        }
    }

    /// Consumes up to `n` bytes into `out` (or, without `out`, drops them), watching for a
    /// line that starts with `WARC/`; returns how many were consumed and the offset, from the
    /// first of them, of the first such line (the first byte counts as a line start).
    fn advance(&mut self, n: u64, mut out: Option<&mut Vec<u8>>) -> io::Result<(u64, Option<u64>)> {
        let mut finder = RecordStart::new();
        let mut done = 0u64;
        while done < n {
            let buf = self.fill(1)?;
            if buf.is_empty() {
                break;
            }
            let k = buf.len().min((n - done).min(usize::MAX as u64) as usize);
            finder.feed(&buf[..k], done);
            if let Some(out) = out.as_mut() {
                out.extend_from_slice(&buf[..k]);
            }
            self.consume(k);
            done += k as u64;
        }
        Ok((done, finder.found))
    }

    /// Consumes bytes up to the next line that starts with `WARC/` (the current position
    /// counts as a line start), or to the end.
    fn skip_to_record(&mut self) -> io::Result<()> {
        let mut line_start = true;
        loop {
            let buf = self.fill(6)?;
            if line_start && buf.starts_with(b"WARC/") {
                return Ok(());
            }
            if let Some(p) = find(buf, b"\nWARC/") {
                self.consume(p + 1);
                return Ok(());
            }
            if buf.len() < 6 {
                // The end: nothing here starts a record.
                let n = buf.len();
                self.consume(n);
                return Ok(());
            }
            // Keep the last bytes: they may begin a match.
            let n = buf.len() - 5;
            line_start = buf[n - 1] == b'\n';
            self.consume(n);
        }
    }

    /// Whether the input is at a record boundary: white space, then `WARC/` or the end.
    fn at_boundary(&mut self) -> io::Result<bool> {
        self.skip_space()?;
        let buf = self.fill(5)?;
        Ok(buf.is_empty() || buf.starts_with(b"WARC/"))
    }
}

/// Finds the first line that starts with `WARC/` in bytes fed in pieces; the first byte fed
/// counts as a line start.
struct RecordStart {
    /// Bytes of `\nWARC/` matched so far.
    matched: usize,
    found: Option<u64>,
}

impl RecordStart {
    const PATTERN: &'static [u8] = b"\nWARC/";

    fn new() -> RecordStart {
        RecordStart {
            matched: 1,
            found: None,
        }
    }

    /// Feeds `bytes`, which begin at `offset`.
    fn feed(&mut self, bytes: &[u8], offset: u64) {
        let mut i = 0;
        while i < bytes.len() && self.found.is_none() {
            if self.matched == 0 {
                // Only a newline can begin a match: go straight to the next one.
                match bytes[i..].iter().position(|&b| b == b'\n') {
                    Some(p) => i += p,
                    None => return,
                }
            }
            let b = bytes[i];
            if b == Self::PATTERN[self.matched] {
                self.matched += 1;
                if self.matched == Self::PATTERN.len() {
                    // `i` is the `/`; the line starts four bytes before it.
                    self.found = Some(offset + i as u64 - 4);
                }
            } else {
                self.matched = usize::from(b == b'\n');
            }
            i += 1;
        }
    }
}

/// A gzip member's decompressed bytes.
type Member = Source<GzDecoder<BufReader<File>>>;

/// Where the raw bytes come from: plain, or a series of gzip members.
enum Stream {
    Plain(Box<Source<BufReader<File>>>),
    Gzip {
        raw: Option<BufReader<File>>,
        member: Option<Box<Member>>,
        /// File offset where the current member began.
        member_start: u64,
    },
    Done,
}

/// Reads the HTML responses of one WARC file.
pub struct WarcReader {
    name: String,
    stream: Stream,
    record_no: usize,
    counts: Arc<WarcCounts>,
    max_document_bytes: u64,
}

/// Why a record could not be read.
enum Failure {
    /// The input could not be read (or decompressed).
    Io(io::Error),
    /// The record is malformed or too long; `then` says where reading goes on.
    Bad { message: String, then: Then },
}

/// Where reading goes on after a bad record.
enum Then {
    /// Here: the record was read through, and what follows it looks like a record boundary.
    Here,
    /// At the next line that starts with `WARC/`.
    NextRecord,
    /// At this position (a line that starts with `WARC/` inside the bad record's content).
    At(u64),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

fn bad(message: impl Into<String>, then: Then) -> Failure {
    Failure::Bad {
        message: message.into(),
        then,
    }
}

impl WarcReader {
    /// Opens `path`; gzip is detected from the first bytes, not the name. Records are limited
    /// to [`DEFAULT_MAX_DOCUMENT_BYTES`] (see [`WarcReader::with_max_document_bytes`]).
    pub fn open(path: &Path, counts: Arc<WarcCounts>) -> io::Result<WarcReader> {
        let mut raw = BufReader::with_capacity(1 << 16, File::open(path)?);
        let gz = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let stream = if gz {
            Stream::Gzip {
                raw: Some(raw),
                member: None,
                member_start: 0,
            }
        } else {
            Stream::Plain(Box::new(Source::new(raw)))
        };
        Ok(WarcReader {
            name: path.display().to_string(),
            stream,
            record_no: 0,
            counts,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        })
    }

    /// Sets the largest record content, in bytes: a longer record is skipped, unread, with
    /// an error.
    pub fn with_max_document_bytes(mut self, max_bytes: u64) -> WarcReader {
        self.max_document_bytes = max_bytes;
        self
    }

    fn error(&self, message: String) -> ReadError {
        self.counts.corrupt.fetch_add(1, Ordering::Relaxed);
        ReadError {
            doc: format!("{}#record{}", self.name, self.record_no),
            message,
        }
    }

    /// The next raw record: its WARC headers and content. `Ok(None)` at the end.
    fn next_record(&mut self) -> Result<Option<Record>, String> {
        let limit = self.max_document_bytes;
        loop {
            match &mut self.stream {
                Stream::Done => return Ok(None),
                Stream::Plain(src) => {
                    let (message, then) = match read_record(src, limit) {
                        Ok(Some(rec)) => return Ok(Some(rec)),
                        Ok(None) => {
                            self.stream = Stream::Done;
                            return Ok(None);
                        }
                        Err(Failure::Io(e)) => {
                            self.stream = Stream::Done;
                            return Err(format!("cannot read: {e}"));
                        }
                        Err(Failure::Bad { message, then }) => (message, then),
                    };
                    let moved = match then {
                        Then::Here => Ok(()),
                        Then::NextRecord => src.skip_to_record(),
                        Then::At(p) => src.inner.seek(SeekFrom::Start(p)).map(|_| src.reset(p)),
                    };
                    if moved.is_err() {
                        self.stream = Stream::Done;
                    }
                    return Err(message);
                }
                Stream::Gzip {
                    raw,
                    member,
                    member_start,
                } => {
                    // Exactly one of `raw` (between members) and `member` (inside one) holds
                    // the file.
                    if let Some(r) = raw.as_mut() {
                        match r.fill_buf() {
                            Ok([]) => {
                                self.stream = Stream::Done;
                                return Ok(None);
                            }
                            Ok(_) => {}
                            Err(e) => {
                                self.stream = Stream::Done;
                                return Err(format!("cannot read: {e}"));
                            }
                        }
                        if let Some(mut r) = raw.take() {
                            *member_start = r.stream_position().unwrap_or(0);
                            *member = Some(Box::new(Source::new(GzDecoder::new(r))));
                        }
                    }
                    let Some(m) = member.as_mut() else {
                        self.stream = Stream::Done;
                        return Ok(None);
                    };
                    let failure = match read_record(m, limit) {
                        Ok(Some(rec)) => return Ok(Some(rec)),
                        Ok(None) => {
                            // Member finished cleanly: go on with the bytes after it.
                            *raw = member.take().map(|m| m.into_inner().into_inner());
                            continue;
                        }
                        Err(f) => f,
                    };
                    let (message, moved) = match failure {
                        Failure::Io(e) => (format!("cannot read: {e}"), Err(e)),
                        Failure::Bad { message, then } => {
                            let moved = match then {
                                Then::Here => Ok(()),
                                Then::NextRecord => m.skip_to_record(),
                                Then::At(p) => match member.take() {
                                    Some(old) => {
                                        let (m, moved) = reopen_member(old, *member_start, p);
                                        *member = Some(m);
                                        moved
                                    }
                                    None => Ok(()),
                                },
                            };
                            (message, moved)
                        }
                    };
                    if moved.is_err() {
                        // The member itself is damaged: go on at the next one.
                        let mut r = member.take().map(|m| m.into_inner().into_inner());
                        if let Some(r) = r.as_mut() {
                            resync_gzip(r, *member_start);
                        }
                        *raw = r;
                    }
                    return Err(message);
                }
            }
        }
    }
}

/// Starts the member that began at file offset `start` again and skips `offset` bytes of its
/// content: a gzip stream cannot go back, so it is decompressed again from its start. The
/// member comes back even when this failed, so that its file can still be read on.
fn reopen_member(old: Box<Member>, start: u64, offset: u64) -> (Box<Member>, io::Result<()>) {
    let mut raw = old.into_inner().into_inner();
    let seeked = raw.seek(SeekFrom::Start(start));
    let mut member = Box::new(Source::new(GzDecoder::new(raw)));
    if let Err(e) = seeked {
        return (member, Err(e));
    }
    let skipped = match member.advance(offset, None) {
        Ok((n, _)) if n < offset => Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "gzip member shorter the second time",
        )),
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    };
    (member, skipped)
}

/// Skips to the next gzip member header (`1f 8b 08`), at least one byte past the start of the
/// member that failed, so that reading always moves on.
fn resync_gzip(raw: &mut BufReader<File>, failed_at: u64) {
    if raw.stream_position().is_ok_and(|p| p <= failed_at)
        && raw.fill_buf().is_ok_and(|b| !b.is_empty())
    {
        raw.consume(1);
    }
    loop {
        let buf = match raw.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(b) => b,
        };
        match buf.windows(3).position(|w| w == [0x1f, 0x8b, 0x08]) {
            Some(p) => {
                raw.consume(p);
                return;
            }
            None => {
                let keep = buf.len().saturating_sub(2).max(1);
                raw.consume(keep);
            }
        }
    }
}

/// A WARC record: lower-cased header names with values, and the content block.
struct Record {
    headers: Vec<(String, String)>,
    content: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one record of content at most `limit` bytes; `Ok(None)` at a clean end of stream.
fn read_record<R: Read>(r: &mut Source<R>, limit: u64) -> Result<Option<Record>, Failure> {
    // White space (blank lines) separates records.
    r.skip_space()?;
    if r.fill(1)?.is_empty() {
        return Ok(None);
    }
    let mut line = Vec::new();
    let whole = r.read_line(&mut line, MAX_HEADER_LINE)?;
    if !line.starts_with(b"WARC/") {
        return Err(bad(
            "malformed record: no WARC version line",
            Then::NextRecord,
        ));
    }
    if !whole {
        return Err(bad(
            "malformed record: version line too long",
            Then::NextRecord,
        ));
    }
    let mut headers = Vec::new();
    loop {
        line.clear();
        let line_start = r.consumed;
        let whole = r.read_line(&mut line, MAX_HEADER_LINE)?;
        if line.is_empty() {
            return Err(bad("truncated record header", Then::NextRecord));
        }
        if !whole {
            return Err(bad(
                format!("malformed record: a header line over {MAX_HEADER_LINE} bytes"),
                Then::NextRecord,
            ));
        }
        if line.starts_with(b"WARC/") {
            // A record begins before this one's header ended.
            return Err(bad("truncated record header", Then::At(line_start)));
        }
        let l = String::from_utf8_lossy(&line);
        let l = l.trim_end();
        if l.is_empty() {
            break;
        }
        if headers.len() >= MAX_HEADER_LINES {
            return Err(bad(
                "malformed record: too many header lines",
                Then::NextRecord,
            ));
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let Some(len) = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<u64>().ok())
    else {
        return Err(bad("malformed record: no Content-Length", Then::NextRecord));
    };
    let start = r.consumed;
    // A content over the limit is skipped without being held; a shorter one is read whole.
    let over = len > limit;
    let mut content = Vec::new();
    let held = if over {
        None
    } else {
        content.reserve(len.min(1 << 20) as usize);
        Some(&mut content)
    };
    let (got, inner_record) = r.advance(len, held)?;
    if got < len {
        // The Content-Length runs past the end of the input: the record is cut, or its length
        // is wrong and the records it swallowed follow.
        let message = format!(
            "truncated record: Content-Length {len} runs past the end of the file ({got} bytes follow the header)"
        );
        return Err(match inner_record {
            Some(at) => bad(
                format!("{message}; reading resumes at the next record inside it"),
                Then::At(start + at),
            ),
            None => bad(message, Then::NextRecord),
        });
    }
    if !r.at_boundary()? {
        if let Some(at) = inner_record {
            // The content runs into another record and ends away from a record boundary:
            // the Content-Length is wrong.
            return Err(bad(
                format!(
                    "truncated record: Content-Length {len} runs past the next record (at byte {} of the content); reading resumes there",
                    at
                ),
                Then::At(start + at),
            ));
        }
    }
    if over {
        return Err(bad(
            over_limit(&format!("record of {len} bytes"), limit, "skipped"),
            Then::Here,
        ));
    }
    Ok(Some(Record { headers, content }))
}

/// HTTP header names (lower-case) and values.
type Headers = Vec<(String, String)>;

/// Splits an HTTP response into its headers and body, decoding chunked transfer encoding and
/// gzip content encoding; a body that decompresses to more than `limit` bytes is an error.
fn http_body(block: &[u8], limit: u64) -> Result<(Headers, Vec<u8>), String> {
    let unreadable = || "response record without a readable HTTP response".to_string();
    let split = find(block, b"\r\n\r\n")
        .map(|p| (p, 4))
        .or_else(|| find(block, b"\n\n").map(|p| (p, 2)))
        .ok_or_else(unreadable)?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status = lines.next().ok_or_else(unreadable)?;
    if !status.starts_with("HTTP/") {
        return Err(unreadable());
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = block[split.0 + split.1..].to_vec();
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    if get("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        if let Some(d) = dechunk(&body) {
            body = d;
        }
    }
    if body.starts_with(&[0x1f, 0x8b])
        && get("content-encoding").is_some_and(|v| v.contains("gzip"))
    {
        let mut out = Vec::new();
        let read = flate2::read::GzDecoder::new(&body[..])
            .take(limit.saturating_add(1))
            .read_to_end(&mut out);
        if out.len() as u64 > limit {
            return Err(over_limit(
                "decompressed HTTP body",
                limit,
                "decompression stopped there",
            ));
        }
        if read.is_ok() || !out.is_empty() {
            body = out;
        }
    }
    Ok((headers, body))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..).unwrap_or(&[]);
    }
}

/// The `charset=` parameter of a Content-Type value.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset")).then(|| v.trim().trim_matches('"').to_string())
    })
}

impl Iterator for WarcReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            self.record_no += 1;
            let record = match self.next_record() {
                Ok(Some(r)) => r,
                Ok(None) => return None,
                Err(e) => return Some(Err(self.error(e))),
            };
            let is_response = record
                .header("warc-type")
                .is_some_and(|t| t.eq_ignore_ascii_case("response"));
            let is_http = record
                .header("content-type")
                .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
            if !is_response || !is_http {
                self.counts.skipped.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            let (headers, body) = match http_body(&record.content, self.max_document_bytes) {
                Ok(parts) => parts,
                Err(message) => return Some(Err(self.error(message))),
            };
            let content_type = headers
                .iter()
                .find(|(k, _)| k == "content-type")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let lower = content_type.to_ascii_lowercase();
            let html =
                lower.contains("html") || (content_type.is_empty() && crate::looks_html(&body));
            if !html {
                self.counts.skipped.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            let url = record
                .header("warc-target-uri")
                .map(|u| u.trim_matches(['<', '>']).to_string());
            let id = url
                .clone()
                .or_else(|| record.header("warc-record-id").map(str::to_string))
                .unwrap_or_else(|| format!("{}#record{}", self.name, self.record_no));
            return Some(Ok(Document {
                id,
                meta: DocMeta {
                    url,
                    ..DocMeta::default()
                },
                charset: charset_of(&content_type),
                html: Some(body),
                ..Default::default()
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_starts_are_found_at_line_starts_across_pieces() {
        let find = |pieces: &[&[u8]]| {
            let mut f = RecordStart::new();
            let mut offset = 0;
            for p in pieces {
                f.feed(p, offset);
                offset += p.len() as u64;
            }
            f.found
        };
        assert_eq!(find(&[b"WARC/1.0\r\n"]), Some(0));
        assert_eq!(find(&[b"body\r\n", b"WA", b"RC/1.1"]), Some(6));
        assert_eq!(find(&[b"body\n\n", b"\nWARC", b"/"]), Some(7));
        assert_eq!(find(&[b"a WARC/1.0 not at a line start\nWARC-Type"]), None);
        assert_eq!(find(&[b"", b"x\nWARC/"]), Some(2));
    }

    #[test]
    fn skipping_to_a_record_finds_a_start_split_across_reads() {
        // A reader that hands out one byte at a time.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = b;
                self.0 = rest;
                Ok(1)
            }
        }
        let mut src = Source::new(Trickle(b"junk line\r\nmore WARC/ junk\r\nWARC/1.0\r\n"));
        src.skip_to_record().unwrap();
        assert_eq!(src.consumed, 28);
        assert!(src.fill(5).unwrap().starts_with(b"WARC/"));
    }
}
