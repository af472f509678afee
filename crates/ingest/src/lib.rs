//! Sources: turn paths (files, directories, JSONL) and standard input into [`Document`]s.
//!
//! A source yields documents one at a time, in input order, so that the rest of the pipeline
//! can stream: a 1 GB JSONL file is read line by line, never whole. A document that cannot be
//! read yields a [`ReadError`] naming it, and reading goes on with the next one. Text is
//! decoded as UTF-8; invalid bytes are replaced and a warning is attached to the document.
//! This crate does not clean or interpret text beyond finding a title.
//!
//! One document is at most [`DEFAULT_MAX_DOCUMENT_BYTES`] long unless the caller says otherwise
//! ([`documents_limited`], [`Documents::with_max_document_bytes`]). The limit bounds what one
//! document may cost, whatever the input: a file, standard input or an endless stream such as
//! `/dev/zero` is read to at most one byte past the limit; a gzip file is decompressed to at
//! most that (a gzip bomb costs no more than a large file); a JSONL line (one record) longer
//! than the limit is reported and skipped to the next newline without being held; a WARC record
//! whose declared length is over the limit is skipped unread. Each such document yields a
//! [`ReadError`] and reading goes on with the next one.
//!
//! A JSONL string with a lone UTF-16 surrogate escape (`\ud800` without its pair), which is
//! not text, is read with U+FFFD in its place and a warning, like invalid UTF-8: the record is
//! kept.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use std::sync::Arc;

use quotetrace_model::Document;
use serde_json::Value;

pub mod warc;

pub use warc::WarcCounts;
use warc::WarcReader;

/// The default largest document, in bytes (64 MiB): past it a document is reported, not read.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The message for a document over the limit: `what` exceeded it (`"file of 9 bytes"`), and
/// `outcome` says what was done (`"not read"`).
pub(crate) fn over_limit(what: &str, limit: u64, outcome: &str) -> String {
    format!(
        "{what} exceeds the limit of {limit} bytes for one document; {outcome} \
         (raise the limit with --max-document-bytes)"
    )
}

/// A document that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The document's name: a path, `<stdin>`, or `path:line` for a JSONL record.
    pub doc: String,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.doc, self.message)
    }
}

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    Path(PathBuf),
    /// Content already in memory (an upload, say): `name` names the document and, by its
    /// extension, says what kind of content it is (`.jsonl`, `.html`, `.md`, `.txt`); without
    /// one the content decides. Archives (WARC) are read from files only.
    Bytes {
        name: String,
        bytes: Vec<u8>,
    },
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// Extensions read when walking a directory.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "shtml"];
const WARC_EXTENSIONS: &[&str] = &["warc", "arc"];

/// What kind of file a name suggests, looking through a final `.gz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Jsonl,
    Html,
    Warc,
    /// Unknown: decided from the content.
    Sniff,
}

fn kind_of(path: &Path) -> (Kind, bool) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(s) => (s.to_string(), true),
        None => (name, false),
    };
    let ext = stem.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let kind = if JSONL_EXTENSIONS.contains(&ext) {
        Kind::Jsonl
    } else if matches!(ext, "md" | "markdown") {
        Kind::Markdown
    } else if TEXT_EXTENSIONS.contains(&ext) {
        Kind::Text
    } else if HTML_EXTENSIONS.contains(&ext) {
        Kind::Html
    } else if WARC_EXTENSIONS.contains(&ext) {
        Kind::Warc
    } else {
        Kind::Sniff
    };
    (kind, gz)
}

/// Whether bytes look like an HTML page (after a BOM and white space).
pub fn looks_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let head: Vec<u8> = b[start..b.len().min(start + 64)].to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<!--",
        b"<meta",
        b"<body",
    ]
    .iter()
    .any(|p| head.starts_with(p))
}

/// Bytes looked at to decide whether a file is binary.
const SNIFF: usize = 8192;

/// Iterates over the documents of a list of inputs, in order.
pub struct Documents {
    pending: std::vec::IntoIter<Input>,
    /// Files found under a directory, waiting their turn.
    queue: std::collections::VecDeque<PathBuf>,
    jsonl: Option<JsonlReader>,
    warc: Option<WarcReader>,
    counts: Arc<WarcCounts>,
    /// The largest document, in bytes.
    max_document_bytes: u64,
}

impl Documents {
    /// Sets the largest document, in bytes (the default is [`DEFAULT_MAX_DOCUMENT_BYTES`]):
    /// a file, standard input, a decompressed gzip file, a JSONL line or a WARC record longer
    /// than this yields a [`ReadError`] instead of a document, after reading at most one byte
    /// more than the limit, and reading goes on with the next document.
    pub fn with_max_document_bytes(mut self, max_bytes: u64) -> Documents {
        self.max_document_bytes = max_bytes;
        self
    }

    /// The largest document, in bytes.
    pub fn max_document_bytes(&self) -> u64 {
        self.max_document_bytes
    }

    /// Counts of archive records skipped (not HTML) and unreadable, for a summary; shared, so
    /// it can be read after the iterator moved to another thread.
    pub fn warc_counts(&self) -> Arc<WarcCounts> {
        Arc::clone(&self.counts)
    }
}

/// Reads the documents of `inputs` (no inputs: standard input), each at most
/// [`DEFAULT_MAX_DOCUMENT_BYTES`] long.
pub fn documents(inputs: Vec<Input>) -> Documents {
    documents_limited(inputs, DEFAULT_MAX_DOCUMENT_BYTES)
}

/// Reads the documents of `inputs` (no inputs: standard input), each at most `max_bytes` long
/// (see [`Documents::with_max_document_bytes`]).
pub fn documents_limited(mut inputs: Vec<Input>, max_bytes: u64) -> Documents {
    if inputs.is_empty() {
        inputs.push(Input::Stdin);
    }
    Documents {
        pending: inputs.into_iter(),
        queue: Default::default(),
        jsonl: None,
        warc: None,
        counts: Arc::default(),
        max_document_bytes: max_bytes,
    }
}

impl Iterator for Documents {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(reader) = self.jsonl.as_mut() {
                match reader.next() {
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
            }
            if let Some(reader) = self.warc.as_mut() {
                match reader.next() {
                    Some(item) => return Some(item),
                    None => self.warc = None,
                }
            }
            if let Some(path) = self.queue.pop_front() {
                match self.open_file(&path) {
                    Some(item) => return Some(item),
                    None => continue,
                }
            }
            match self.pending.next()? {
                Input::Stdin => {
                    let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
                    let looks_jsonl = reader
                        .fill_buf()
                        .map(|b| first_non_space(b) == Some(b'{'))
                        .unwrap_or(false);
                    if looks_jsonl {
                        self.jsonl = Some(JsonlReader::new(
                            "<stdin>".into(),
                            Box::new(reader),
                            self.max_document_bytes,
                        ));
                        continue;
                    }
                    let fail = |message| {
                        Some(Err(ReadError {
                            doc: "<stdin>".into(),
                            message,
                        }))
                    };
                    return match read_limited(reader, self.max_document_bytes) {
                        Ok(Limited::Whole(bytes)) => {
                            Some(content_document("<stdin>".into(), bytes, Kind::Sniff))
                        }
                        Ok(Limited::Over) => fail(over_limit(
                            "standard input",
                            self.max_document_bytes,
                            "reading stopped there",
                        )),
                        Err((_, e)) => fail(format!("cannot read standard input: {e}")),
                    };
                }
                Input::Bytes { name, bytes } => {
                    let (kind, gz) = kind_of(Path::new(&name));
                    if gz || kind == Kind::Warc {
                        return Some(Err(ReadError {
                            doc: name,
                            message: "compressed files and WARC archives are read from files only (use `quotetrace ingest PATH`)".into(),
                        }));
                    }
                    let jsonl = kind == Kind::Jsonl
                        || (kind == Kind::Sniff && first_non_space(&bytes) == Some(b'{'));
                    if jsonl {
                        self.jsonl = Some(JsonlReader::new(
                            name,
                            Box::new(io::Cursor::new(bytes)),
                            self.max_document_bytes,
                        ));
                        continue;
                    }
                    if bytes.len() as u64 > self.max_document_bytes {
                        return Some(Err(ReadError {
                            doc: name,
                            message: over_limit(
                                &format!("content of {} bytes", bytes.len()),
                                self.max_document_bytes,
                                "not read",
                            ),
                        }));
                    }
                    return Some(content_document(name, bytes, kind));
                }
                Input::Path(path) => {
                    if path.is_dir() {
                        let mut files = Vec::new();
                        if let Err(e) = walk(&path, &mut files) {
                            return Some(Err(ReadError {
                                doc: path.display().to_string(),
                                message: format!("cannot read directory: {e}"),
                            }));
                        }
                        files.sort();
                        if files.is_empty() {
                            return Some(Err(ReadError {
                                doc: path.display().to_string(),
                                message:
                                    "no .txt, .md, .html, .jsonl or .warc files in this directory"
                                        .into(),
                            }));
                        }
                        self.queue.extend(files);
                        continue;
                    }
                    match self.open_file(&path) {
                        Some(item) => return Some(item),
                        None => continue,
                    }
                }
            }
        }
    }
}

impl Documents {
    /// Opens one file: JSONL files become a record reader (and yield nothing here), other
    /// files are read whole as one document.
    fn open_file(&mut self, path: &Path) -> Option<Result<Document, ReadError>> {
        let name = path.display().to_string();
        let fail = |message: String| {
            Some(Err(ReadError {
                doc: name.clone(),
                message,
            }))
        };
        let (mut kind, gz) = kind_of(path);
        // An archive is recognised by its name or, when the name says nothing, by content.
        if kind == Kind::Sniff && sniff_warc(path) {
            kind = Kind::Warc;
        }
        match kind {
            Kind::Warc => match WarcReader::open(path, Arc::clone(&self.counts)) {
                Ok(r) => {
                    self.warc = Some(r.with_max_document_bytes(self.max_document_bytes));
                    None
                }
                Err(e) => fail(format!("cannot open: {e}")),
            },
            Kind::Jsonl => {
                let file = match File::open(path) {
                    Ok(f) => f,
                    Err(e) => return fail(format!("cannot open: {e}")),
                };
                let reader: Box<dyn BufRead + Send> = if gz {
                    Box::new(BufReader::with_capacity(
                        1 << 16,
                        flate2::read::MultiGzDecoder::new(BufReader::new(file)),
                    ))
                } else {
                    Box::new(BufReader::with_capacity(1 << 16, file))
                };
                self.jsonl = Some(JsonlReader::new(name, reader, self.max_document_bytes));
                None
            }
            _ => {
                let mut warnings = Vec::new();
                let bytes = match read_file(path, gz, self.max_document_bytes, &mut warnings) {
                    Ok(b) => b,
                    Err(message) => return fail(message),
                };
                Some(content_document(name, bytes, kind).map(|mut d| {
                    warnings.append(&mut d.warnings);
                    d.warnings = warnings;
                    d
                }))
            }
        }
    }
}

/// Whether a file starts like a WARC archive (plain or gzip-compressed). Only a regular file
/// is looked into: the first bytes of a pipe, once read, would be lost to its reading.
fn sniff_warc(path: &Path) -> bool {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    let mut head = [0u8; 512];
    let n = f.read(&mut head).unwrap_or(0);
    let head = &head[..n];
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut out = [0u8; 8];
        let mut d = flate2::read::GzDecoder::new(head);
        let m = d.read(&mut out).unwrap_or(0);
        return out[..m].starts_with(b"WARC/");
    }
    head.starts_with(b"WARC/")
}

/// What [`read_limited`] found.
#[derive(Debug, PartialEq, Eq)]
enum Limited {
    /// All of the content, at most the limit.
    Whole(Vec<u8>),
    /// More than the limit: reading stopped one byte past it.
    Over,
}

/// Reads `reader` to its end, or to one byte past `limit` (an endless stream ends there). An
/// error gives back what was read before it.
fn read_limited<R: Read>(reader: R, limit: u64) -> Result<Limited, (Vec<u8>, io::Error)> {
    let mut bytes = Vec::new();
    match reader.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > limit => Ok(Limited::Over),
        Ok(_) => Ok(Limited::Whole(bytes)),
        Err(e) => Err((bytes, e)),
    }
}

/// Reads a whole file of at most `limit` bytes, gunzipping when asked (the limit is on the
/// decompressed size). A truncated gzip stream keeps what could be decompressed, with a
/// warning; nothing decompressible is an error.
fn read_file(
    path: &Path,
    gz: bool,
    limit: u64,
    warnings: &mut Vec<String>,
) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    // A regular file's size is known before reading; a device or a pipe says 0, and the
    // reading itself stops at the limit.
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if !gz && size > limit {
        return Err(over_limit(
            &format!("file of {size} bytes"),
            limit,
            "not read",
        ));
    }
    if gz {
        let decoder = flate2::read::MultiGzDecoder::new(BufReader::new(file));
        match read_limited(decoder, limit) {
            Ok(Limited::Whole(bytes)) => Ok(bytes),
            Ok(Limited::Over) => Err(over_limit(
                "decompressed content",
                limit,
                "decompression stopped there",
            )),
            Err((bytes, e)) if bytes.is_empty() => Err(format!("cannot decompress gzip: {e}")),
            Err((bytes, e)) => {
                warnings.push(format!(
                    "gzip stream ends early ({e}): kept the {} bytes before the damage",
                    bytes.len()
                ));
                Ok(bytes)
            }
        }
    } else {
        match read_limited(BufReader::new(file), limit) {
            Ok(Limited::Whole(bytes)) => Ok(bytes),
            Ok(Limited::Over) => Err(over_limit("content", limit, "reading stopped there")),
            Err((_, e)) => Err(format!("cannot read: {e}")),
        }
    }
}

/// The readable files under `dir`, recursively. Only regular files are listed: a FIFO, a
/// socket or a device (which could block or never end) is left out, as are symbolic links.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file() && kind_of(&path).0 != Kind::Sniff {
            out.push(path);
        }
    }
    Ok(())
}

fn first_non_space(b: &[u8]) -> Option<u8> {
    b.iter().copied().find(|c| !c.is_ascii_whitespace())
}

/// Whether bytes look like a binary file rather than text: NUL bytes or many control bytes
/// near the start.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b))
        .count();
    control * 10 > head.len().max(1)
}

/// Decodes bytes as UTF-8, replacing invalid sequences and saying so.
fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let s = String::from_utf8_lossy(bytes).into_owned();
            let bad = s.matches('\u{FFFD}').count();
            warnings.push(format!("invalid UTF-8: {bad} sequence(s) replaced with U+FFFD; offsets refer to the repaired text"));
            s
        }
    }
}

/// A document from a file's (or standard input's) content: HTML is kept raw for the clean
/// stage, anything else must be text.
fn content_document(name: String, bytes: Vec<u8>, kind: Kind) -> Result<Document, ReadError> {
    // By name, or by content: a page saved as .txt is still a page.
    let html = kind == Kind::Html || (kind != Kind::Markdown && looks_html(&bytes));
    if html {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(ReadError {
                doc: name,
                message: "empty HTML page".into(),
            });
        }
        return Ok(Document {
            id: name,
            html: Some(bytes),
            ..Default::default()
        });
    }
    text_document(name, &bytes, kind == Kind::Markdown)
}

fn text_document(name: String, bytes: &[u8], markdown: bool) -> Result<Document, ReadError> {
    if looks_binary(bytes) {
        return Err(ReadError {
            doc: name,
            message: "binary file, not text (NUL or control bytes near the start)".into(),
        });
    }
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    if text.trim().is_empty() {
        warnings.push("empty document".into());
    }
    let title = find_title(&text, markdown);
    Ok(Document {
        id: name,
        text,
        title,
        warnings,
        ..Default::default()
    })
}

/// The title of a plain-text or Markdown article: a Markdown `# heading` or a short first
/// line that does not end a sentence.
pub fn find_title(text: &str, markdown: bool) -> Option<String> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    if markdown || first.starts_with("# ") {
        if let Some(h) = first.strip_prefix('#') {
            let h = h.trim_start_matches('#').trim();
            return (!h.is_empty()).then(|| h.to_string());
        }
    }
    let looks_like_title =
        first.len() <= 200 && !first.ends_with(['.', ',', ';']) && text.trim().len() > first.len();
    looks_like_title.then(|| first.to_string())
}

/// Reads JSONL records one line at a time; a line is one record, and one document.
struct JsonlReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
    buf: Vec<u8>,
    /// The longest line, in bytes (without its newline).
    max_line: u64,
    /// The last line was too long and its rest has not been skipped yet.
    skipping: bool,
    /// A read failed: the rest of the input is not read.
    done: bool,
}

impl JsonlReader {
    fn new(name: String, reader: Box<dyn BufRead + Send>, max_line: u64) -> JsonlReader {
        JsonlReader {
            name,
            reader,
            line_no: 0,
            buf: Vec::new(),
            max_line,
            skipping: false,
            done: false,
        }
    }
}

/// How a line read by [`read_line_limited`] ended.
#[derive(Debug, PartialEq, Eq)]
enum LineEnd {
    /// At a newline, or at the end of the input.
    Complete,
    /// The input ended before any byte.
    Eof,
    /// The line has more than the limit; what was read of it is dropped. `rest` says whether
    /// the rest of the line is still to be skipped.
    TooLong { rest: bool },
}

/// Reads one line (without its newline) into `out` if it has at most `max` bytes; a longer
/// line is consumed only as far as the reader's buffer, and never held.
fn read_line_limited(r: &mut dyn BufRead, out: &mut Vec<u8>, max: u64) -> io::Result<LineEnd> {
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(if out.is_empty() {
                LineEnd::Eof
            } else {
                LineEnd::Complete
            });
        }
        let room = max.saturating_sub(out.len() as u64);
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) if i as u64 <= room => {
                out.extend_from_slice(&buf[..i]);
                r.consume(i + 1);
                return Ok(LineEnd::Complete);
            }
            Some(i) => {
                r.consume(i + 1);
                out.clear();
                return Ok(LineEnd::TooLong { rest: false });
            }
            None if buf.len() as u64 <= room => {
                let n = buf.len();
                out.extend_from_slice(buf);
                r.consume(n);
            }
            None => {
                let n = buf.len();
                r.consume(n);
                out.clear();
                return Ok(LineEnd::TooLong { rest: true });
            }
        }
    }
}

/// Skips to just past the next newline (or the end), holding nothing.
fn skip_line(r: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let fail = |this: &mut JsonlReader, e: io::Error| {
                this.done = true;
                Some(Err(ReadError {
                    doc: format!("{}:{}", this.name, this.line_no),
                    message: format!("cannot read: {e}"),
                }))
            };
            if self.skipping {
                // The rest of the line reported too long (skipped only now, so that the
                // error came as soon as the limit was reached).
                if let Err(e) = skip_line(&mut *self.reader) {
                    return fail(self, e);
                }
                self.skipping = false;
            }
            self.buf.clear();
            self.line_no += 1;
            match read_line_limited(&mut *self.reader, &mut self.buf, self.max_line) {
                Ok(LineEnd::Eof) => return None,
                Ok(LineEnd::Complete) => {}
                Ok(LineEnd::TooLong { rest }) => {
                    self.skipping = rest;
                    // A line's buffer never keeps more than one limit's worth.
                    self.buf = Vec::new();
                    return Some(Err(ReadError {
                        doc: format!("{}:{}", self.name, self.line_no),
                        message: over_limit(
                            &format!("line {}", self.line_no),
                            self.max_line,
                            "skipped to the next line",
                        ),
                    }));
                }
                Err(e) => return fail(self, e),
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(parse_record(&self.name, self.line_no, &self.buf));
        }
    }
}

/// Replaces each unpaired UTF-16 surrogate escape (`\ud800` not followed by a low surrogate
/// escape, or a `\udc00` not preceded by a high one) with `\ufffd`, in place; the line keeps
/// its length, so error positions still hold. Returns the escapes replaced, as written.
///
/// Escapes are only looked for after a backslash that is not itself escaped; backslashes occur
/// only inside strings in valid JSON, so this needs no other knowledge of the syntax.
fn replace_lone_surrogates(line: &mut [u8]) -> Vec<String> {
    fn hex4(b: &[u8]) -> Option<u16> {
        let s = std::str::from_utf8(b.get(..4)?).ok()?;
        u16::from_str_radix(s, 16).ok()
    }
    let mut replaced = Vec::new();
    let mut i = 0;
    while i < line.len() {
        if line[i] != b'\\' {
            i += 1;
            continue;
        }
        if line.get(i + 1) != Some(&b'u') {
            // An escaped character: `\\`, `\"`, `\n`...
            i += 2;
            continue;
        }
        let Some(unit) = hex4(&line[i + 2..]) else {
            i += 2;
            continue;
        };
        let paired = (0xD800..0xDC00).contains(&unit)
            && line.get(i + 6) == Some(&b'\\')
            && line.get(i + 7) == Some(&b'u')
            && hex4(&line[(i + 8).min(line.len())..])
                .is_some_and(|u| (0xDC00..0xE000).contains(&u));
        if paired {
            i += 12;
        } else if (0xD800..0xE000).contains(&unit) {
            replaced.push(String::from_utf8_lossy(&line[i..i + 6]).into_owned());
            line[i + 2..i + 6].copy_from_slice(b"fffd");
            i += 6;
        } else {
            i += 6;
        }
    }
    replaced
}

fn field(v: &Value, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match v.get(n)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(x) => Some(x.to_string()),
        _ => None,
    })
}

/// A document from one JSONL line (line `line_no` of `file`).
///
/// A string with a lone UTF-16 surrogate escape (`\ud800` without its low half, or a low half
/// alone), which JavaScript and Python writers produce when they cut a pair in two, is not
/// rejected: the escape stands for no character, so it is read as U+FFFD, the record is kept,
/// and a warning names the line and the escapes ("line 3: invalid JSON string: an unpaired
/// UTF-16 surrogate \ud800 ..."). Losing the article for one broken emoji would be worse; the
/// same is done for invalid UTF-8.
fn parse_record(file: &str, line_no: usize, bytes: &[u8]) -> Result<Document, ReadError> {
    let place = format!("{file}:{line_no}");
    let mut warnings = Vec::new();
    let mut line = decode(bytes, &mut warnings);
    let value: Value = match serde_json::from_str(&line) {
        Ok(v) => v,
        Err(e) => {
            // A lone surrogate escape (from a JavaScript or Python writer that cut a pair in
            // two) is the one thing serde_json cannot decode into text that we can still
            // read: it stands for no character, so it becomes U+FFFD and the record is kept.
            let mut fixed = std::mem::take(&mut line).into_bytes();
            let lone = replace_lone_surrogates(&mut fixed);
            let fixed = String::from_utf8(fixed).expect("ASCII replaced by ASCII");
            let reparsed = if lone.is_empty() {
                Err(e)
            } else {
                serde_json::from_str(&fixed)
            };
            match reparsed {
                Ok(v) => {
                    let n = lone.len();
                    let mut list = lone[..n.min(5)].join(", ");
                    if n > 5 {
                        list.push_str(&format!(" and {} more", n - 5));
                    }
                    let which = if n == 1 {
                        format!("an unpaired UTF-16 surrogate {list}")
                    } else {
                        format!("{n} unpaired UTF-16 surrogates ({list})")
                    };
                    warnings.push(format!(
                        "line {line_no}: invalid JSON string: {which} (a lone surrogate \
                         escape is not valid text): replaced with U+FFFD"
                    ));
                    v
                }
                Err(e) => {
                    return Err(ReadError {
                        doc: place,
                        message: format!("not a JSON object: {e}"),
                    })
                }
            }
        }
    };
    if !value.is_object() {
        return Err(ReadError {
            doc: place,
            message: "not a JSON object".into(),
        });
    }
    let id = field(&value, &["id", "doc_id"]).unwrap_or_else(|| place.clone());
    let text = value.get("text").and_then(Value::as_str);
    let html = value.get("html").and_then(Value::as_str);
    if text.is_none() && html.is_none() {
        return Err(ReadError {
            doc: id,
            message: format!("record at {place} has no \"text\" (or \"html\") string"),
        });
    }
    Ok(Document {
        id,
        text: text.unwrap_or_default().to_string(),
        html: match text {
            Some(_) => None,
            None => html.map(|h| h.as_bytes().to_vec()),
        },
        charset: html.is_some().then(|| "utf-8".to_string()),
        title: field(&value, &["title"]),
        url: field(&value, &["url"]),
        published: field(&value, &["published", "date"]),
        outlet: field(&value, &["outlet", "source"]),
        author: field(&value, &["author"]),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_inputs_by_name_and_content() {
        let input = |name: &str, bytes: &[u8]| Input::Bytes {
            name: name.into(),
            bytes: bytes.to_vec(),
        };
        let docs: Vec<_> = documents(vec![
            input("a.txt", b"Title\n\nBody text."),
            input("b", b"<!doctype html><p>Page</p>"),
            input(
                "c",
                b"{\"id\": \"r1\", \"text\": \"One.\"}\n{\"id\": \"r2\", \"text\": \"Two.\"}\n",
            ),
            input("d.warc", b"WARC/1.0"),
        ])
        .collect();
        assert_eq!(docs.len(), 5);
        assert_eq!(docs[0].as_ref().unwrap().title.as_deref(), Some("Title"));
        assert!(docs[1].as_ref().unwrap().html.is_some());
        assert_eq!(docs[2].as_ref().unwrap().id, "r1");
        assert_eq!(docs[3].as_ref().unwrap().id, "r2");
        assert!(docs[4].as_ref().unwrap_err().message.contains("files only"));
    }

    #[test]
    fn jsonl_records_and_errors() {
        let data = b"{\"id\": \"a\", \"text\": \"Hello.\", \"outlet\": \"X\"}\nnot json\n{\"doc_id\": 7}\n\n{\"id\":\"b\",\"text\":\"Bye.\"}\n";
        let r = JsonlReader::new(
            "f.jsonl".into(),
            Box::new(&data[..]),
            DEFAULT_MAX_DOCUMENT_BYTES,
        );
        let items: Vec<_> = r.collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].as_ref().unwrap().outlet.as_deref(), Some("X"));
        assert!(items[1].as_ref().unwrap_err().doc == "f.jsonl:2");
        assert!(items[2]
            .as_ref()
            .unwrap_err()
            .message
            .contains("no \"text\""));
        assert_eq!(items[3].as_ref().unwrap().id, "b");
    }

    /// An endless stream of text that counts what was read from it.
    struct Endless(Arc<std::sync::atomic::AtomicU64>);

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            buf.fill(b'x');
            self.0
                .fetch_add(buf.len() as u64, std::sync::atomic::Ordering::Relaxed);
            Ok(buf.len())
        }
    }

    #[test]
    fn an_endless_stream_is_read_one_byte_past_the_limit() {
        let count = Arc::default();
        let got = read_limited(Endless(Arc::clone(&count)), 10_000).unwrap();
        assert_eq!(got, Limited::Over);
        assert_eq!(count.load(std::sync::atomic::Ordering::Relaxed), 10_001);
        let got = read_limited(&b"short"[..], 5).unwrap();
        assert_eq!(got, Limited::Whole(b"short".to_vec()));
    }

    #[test]
    fn a_jsonl_line_over_the_limit_is_reported_before_it_ends_and_never_held() {
        let count = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let first = &b"{\"id\": \"a\", \"text\": \"One.\"}\n"[..];
        // A 5 MB line, then a good one.
        let long = Endless(Arc::clone(&count)).take(5_000_000);
        let rest = &b"\n{\"id\": \"c\", \"text\": \"Three.\"}\n"[..];
        let input = BufReader::with_capacity(4096, first.chain(long).chain(rest));
        let mut r = JsonlReader::new("f.jsonl".into(), Box::new(input), 1000);
        assert_eq!(r.next().unwrap().unwrap().id, "a");
        let err = r.next().unwrap().unwrap_err();
        assert_eq!(err.doc, "f.jsonl:2");
        assert!(
            err.message
                .contains("line 2 exceeds the limit of 1000 bytes for one document"),
            "{err}"
        );
        // Reported as soon as the limit was passed: one buffer past it at most.
        let read = count.load(std::sync::atomic::Ordering::Relaxed);
        assert!(read <= 1000 + 2 * 4096, "read {read} bytes of the line");
        assert_eq!(r.next().unwrap().unwrap().id, "c");
        assert!(r.buf.capacity() <= 2 * 1000, "{}", r.buf.capacity());
        assert!(r.next().is_none());
    }

    #[test]
    fn lone_surrogate_escapes_are_found_and_pairs_kept() {
        let mut line = br#"{"a": "\ud800 \ud83d\ude00 \\ud800 \udc00\ud800\"\u0041"}"#.to_vec();
        let replaced = replace_lone_surrogates(&mut line);
        assert_eq!(replaced, ["\\ud800", "\\udc00", "\\ud800"]);
        assert_eq!(
            String::from_utf8(line).unwrap(),
            r#"{"a": "\ufffd \ud83d\ude00 \\ud800 \ufffd\ufffd\"\u0041"}"#
        );
    }

    #[test]
    fn binary_and_invalid_utf8() {
        assert!(text_document("x".into(), b"\x00\x01\x02abc", false).is_err());
        let d = text_document("y".into(), b"caf\xe9 au lait", false).unwrap();
        assert_eq!(d.warnings.len(), 1);
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn titles() {
        assert_eq!(
            find_title("# The Title\n\nBody.", true).as_deref(),
            Some("The Title")
        );
        assert_eq!(
            find_title("Minister Quits\n\nBody text.", false).as_deref(),
            Some("Minister Quits")
        );
        assert_eq!(find_title("Just a sentence.", false), None);
    }
}
