//! From bytes to a document: binary refused, UTF-8 decoded with a warning for bad bytes,
//! HTML told from text, a title found.

use super::*;

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

pub(crate) fn first_non_space(b: &[u8]) -> Option<u8> {
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
pub(crate) fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
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
pub(crate) fn content_document(
    name: String,
    bytes: Vec<u8>,
    kind: Kind,
) -> Result<Document, ReadError> {
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

pub(crate) fn text_document(
    name: String,
    bytes: &[u8],
    markdown: bool,
) -> Result<Document, ReadError> {
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
        meta: DocMeta {
            title,
            ..DocMeta::default()
        },
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
