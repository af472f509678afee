//! WARC and WARC.gz archives (as Common Crawl's CC-NEWS publishes them): `response` records
//! carrying HTTP responses become HTML documents.
//!
//! Reading streams record by record, so archives of any size use little memory. A `.warc.gz`
//! is a series of gzip members (usually one per record); a member that fails to decompress,
//! or a record whose header is malformed, is reported as an error for that position and
//! reading resumes at the next gzip member or the next `WARC/` header, so one corrupt record
//! never costs the rest of the archive. Records other than HTML responses are skipped and
//! counted. A record longer than the document limit (see [`crate::DEFAULT_MAX_DOCUMENT_BYTES`])
//! is skipped without being held, and so is an HTTP body that decompresses past it.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use flate2::bufread::GzDecoder;
use quotetrace_model::Document;

use crate::{over_limit, ReadError, DEFAULT_MAX_DOCUMENT_BYTES};

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

/// Where the raw bytes come from: plain, or a series of gzip members.
enum Stream {
    Plain(BufReader<File>),
    Gzip {
        raw: Option<BufReader<File>>,
        member: Option<Box<BufReader<GzDecoder<BufReader<File>>>>>,
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
            Stream::Plain(raw)
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
                Stream::Plain(r) => {
                    return match read_record(r, limit) {
                        Ok(Some(rec)) => Ok(Some(rec)),
                        Ok(None) => {
                            self.stream = Stream::Done;
                            Ok(None)
                        }
                        Err(e) => {
                            resync_plain(r);
                            Err(e)
                        }
                    };
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
                            *member = Some(Box::new(BufReader::with_capacity(
                                1 << 16,
                                GzDecoder::new(r),
                            )));
                        }
                    }
                    let Some(m) = member.as_mut() else {
                        self.stream = Stream::Done;
                        return Ok(None);
                    };
                    match read_record(m, limit) {
                        Ok(Some(rec)) => return Ok(Some(rec)),
                        Ok(None) => {
                            // Member finished cleanly: go on with the bytes after it.
                            *raw = member.take().map(|m| (*m).into_inner().into_inner());
                        }
                        Err(e) => {
                            let mut r = member.take().map(|m| (*m).into_inner().into_inner());
                            if let Some(r) = r.as_mut() {
                                resync_gzip(r, *member_start);
                            }
                            *raw = r;
                            return Err(e);
                        }
                    }
                }
            }
        }
    }
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

/// Skips to the next line that starts a WARC record.
fn resync_plain<R: BufRead>(r: &mut R) {
    let mut line = Vec::new();
    loop {
        let buf = match r.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(b) => b,
        };
        if buf.starts_with(b"WARC/") {
            return;
        }
        line.clear();
        if r.read_until(b'\n', &mut line).is_err() {
            return;
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
fn read_record<R: BufRead>(r: &mut R, limit: u64) -> Result<Option<Record>, String> {
    let mut line = Vec::new();
    // Blank lines separate records.
    loop {
        line.clear();
        let n = r
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read: {e}"))?;
        if n == 0 {
            return Ok(None);
        }
        if !line.iter().all(|b| b.is_ascii_whitespace()) {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err("malformed record: no WARC version line".into());
    }
    let mut headers = Vec::new();
    loop {
        line.clear();
        let n = r
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read: {e}"))?;
        if n == 0 {
            return Err("truncated record header".into());
        }
        let l = String::from_utf8_lossy(&line);
        let l = l.trim_end();
        if l.is_empty() {
            break;
        }
        if headers.len() > 500 {
            return Err("malformed record: too many header lines".into());
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let len: u64 = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .ok_or("malformed record: no Content-Length")?;
    if len > limit {
        // Skip the block without holding it.
        let skipped =
            io::copy(&mut r.take(len), &mut io::sink()).map_err(|e| format!("cannot read: {e}"))?;
        if skipped < len {
            return Err("truncated record".into());
        }
        return Err(over_limit(
            &format!("record of {len} bytes"),
            limit,
            "skipped",
        ));
    }
    let mut content = Vec::with_capacity(len.min(1 << 20) as usize);
    r.take(len)
        .read_to_end(&mut content)
        .map_err(|e| format!("cannot read record content: {e}"))?;
    if (content.len() as u64) < len {
        return Err(format!(
            "truncated record: {} of {len} bytes",
            content.len()
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
                url,
                charset: charset_of(&content_type),
                html: Some(body),
                ..Default::default()
            }));
        }
    }
}
