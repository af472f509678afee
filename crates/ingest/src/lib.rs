//! Sources: turn paths (files, directories, JSONL) and standard input into [`Document`]s.
//!
//! A source yields documents one at a time, in input order, so that the rest of the pipeline
//! can stream: a 1 GB JSONL file is read line by line, never whole. A document that cannot be
//! read yields a [`ReadError`] naming it, and reading goes on with the next one. Text is
//! decoded as UTF-8; invalid bytes are replaced and a warning is attached to the document.
//! This crate does not clean or interpret text beyond finding a title.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use quotetrace_model::Document;
use serde_json::Value;

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

/// Bytes looked at to decide whether a file is binary.
const SNIFF: usize = 8192;

/// Iterates over the documents of a list of inputs, in order.
pub struct Documents {
    pending: std::vec::IntoIter<Input>,
    /// Files found under a directory, waiting their turn.
    queue: std::collections::VecDeque<PathBuf>,
    jsonl: Option<JsonlReader>,
}

/// Reads the documents of `inputs` (no inputs: standard input).
pub fn documents(mut inputs: Vec<Input>) -> Documents {
    if inputs.is_empty() {
        inputs.push(Input::Stdin);
    }
    Documents {
        pending: inputs.into_iter(),
        queue: Default::default(),
        jsonl: None,
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
                        self.jsonl = Some(JsonlReader::new("<stdin>".into(), Box::new(reader)));
                        continue;
                    }
                    let mut bytes = Vec::new();
                    return Some(match reader.read_to_end(&mut bytes) {
                        Ok(_) => text_document("<stdin>".into(), &bytes, false),
                        Err(e) => Err(ReadError {
                            doc: "<stdin>".into(),
                            message: format!("cannot read standard input: {e}"),
                        }),
                    });
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
                                message: "no .txt, .md or .jsonl files in this directory".into(),
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
        let is_jsonl = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| JSONL_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if is_jsonl {
            match File::open(path) {
                Ok(f) => {
                    self.jsonl = Some(JsonlReader::new(
                        name,
                        Box::new(BufReader::with_capacity(1 << 16, f)),
                    ));
                    None
                }
                Err(e) => Some(Err(ReadError {
                    doc: name,
                    message: format!("cannot open: {e}"),
                })),
            }
        } else {
            let markdown = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "md" | "markdown"));
            Some(match std::fs::read(path) {
                Ok(bytes) => text_document(name, &bytes, markdown),
                Err(e) => Err(ReadError {
                    doc: name,
                    message: format!("cannot read: {e}"),
                }),
            })
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file() {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            if TEXT_EXTENSIONS.contains(&ext.as_str()) || JSONL_EXTENSIONS.contains(&ext.as_str()) {
                out.push(path);
            }
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
        url: None,
        published: None,
        outlet: None,
        warnings,
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

/// Reads JSONL records one line at a time.
struct JsonlReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
    buf: Vec<u8>,
}

impl JsonlReader {
    fn new(name: String, reader: Box<dyn BufRead + Send>) -> JsonlReader {
        JsonlReader {
            name,
            reader,
            line_no: 0,
            buf: Vec::new(),
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            self.line_no += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(ReadError {
                        doc: format!("{}:{}", self.name, self.line_no),
                        message: format!("cannot read: {e}"),
                    }));
                }
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(parse_record(&self.name, self.line_no, &self.buf));
        }
    }
}

fn field(v: &Value, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match v.get(n)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(x) => Some(x.to_string()),
        _ => None,
    })
}

fn parse_record(file: &str, line_no: usize, bytes: &[u8]) -> Result<Document, ReadError> {
    let place = format!("{file}:{line_no}");
    let mut warnings = Vec::new();
    let line = decode(bytes, &mut warnings);
    let value: Value = serde_json::from_str(&line).map_err(|e| ReadError {
        doc: place.clone(),
        message: format!("not a JSON object: {e}"),
    })?;
    if !value.is_object() {
        return Err(ReadError {
            doc: place,
            message: "not a JSON object".into(),
        });
    }
    let id = field(&value, &["id", "doc_id"]).unwrap_or_else(|| place.clone());
    let Some(text) = value.get("text").and_then(Value::as_str) else {
        return Err(ReadError {
            doc: id,
            message: format!("record at {place} has no \"text\" string"),
        });
    };
    let text = text.to_string();
    let title = field(&value, &["title"]);
    Ok(Document {
        id,
        text,
        title,
        url: field(&value, &["url"]),
        published: field(&value, &["published", "date"]),
        outlet: field(&value, &["outlet", "source"]),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records_and_errors() {
        let data = b"{\"id\": \"a\", \"text\": \"Hello.\", \"outlet\": \"X\"}\nnot json\n{\"doc_id\": 7}\n\n{\"id\":\"b\",\"text\":\"Bye.\"}\n";
        let r = JsonlReader::new("f.jsonl".into(), Box::new(&data[..]));
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
