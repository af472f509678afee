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

use quotetrace_model::{DocMeta, Document};
use serde_json::Value;

pub mod warc;

pub use warc::WarcCounts;
use warc::WarcReader;
mod content;
mod files;
mod jsonl;

pub use content::find_title;
pub use content::looks_binary;
pub use content::looks_html;
use content::*;
use files::*;
use jsonl::*;

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
        assert_eq!(
            docs[0].as_ref().unwrap().meta.title.as_deref(),
            Some("Title")
        );
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
        assert_eq!(items[0].as_ref().unwrap().meta.outlet.as_deref(), Some("X"));
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
