//! JSONL: one record a line, read line by line within the document limit, with lone
//! surrogate escapes made U+FFFD.

use super::*;

/// Reads JSONL records one line at a time; a line is one record, and one document.
pub(crate) struct JsonlReader {
    pub(crate) name: String,
    pub(crate) reader: Box<dyn BufRead + Send>,
    pub(crate) line_no: usize,
    pub(crate) buf: Vec<u8>,
    /// The longest line, in bytes (without its newline).
    pub(crate) max_line: u64,
    /// The last line was too long and its rest has not been skipped yet.
    pub(crate) skipping: bool,
    /// A read failed: the rest of the input is not read.
    pub(crate) done: bool,
}

impl JsonlReader {
    pub(crate) fn new(name: String, reader: Box<dyn BufRead + Send>, max_line: u64) -> JsonlReader {
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
pub(crate) enum LineEnd {
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
pub(crate) fn read_line_limited(
    r: &mut dyn BufRead,
    out: &mut Vec<u8>,
    max: u64,
) -> io::Result<LineEnd> {
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

/// Skips to just past the next newline (or the end), holding nothing: the line read with a
/// limit of no bytes at all, one buffer at a time.
pub(crate) fn skip_line(r: &mut dyn BufRead) -> io::Result<()> {
    let mut nothing = Vec::new();
    while let LineEnd::TooLong { rest: true } = read_line_limited(r, &mut nothing, 0)? {}
    Ok(())
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
pub(crate) fn replace_lone_surrogates(line: &mut [u8]) -> Vec<String> {
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

pub(crate) fn field(v: &Value, names: &[&str]) -> Option<String> {
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
pub(crate) fn parse_record(
    file: &str,
    line_no: usize,
    bytes: &[u8],
) -> Result<Document, ReadError> {
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
        meta: DocMeta {
            title: field(&value, &["title"]),
            url: field(&value, &["url"]),
            published: field(&value, &["published", "date"]),
            outlet: field(&value, &["outlet", "source"]),
            author: field(&value, &["author"]),
            lang: None,
        },
        warnings,
    })
}
