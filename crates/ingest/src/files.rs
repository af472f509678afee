//! Files and directories: reading within the document limit (gzip decompressed to it),
//! walking directories (regular files only), and telling WARC archives by their start.

use super::*;

/// Whether a file starts like a WARC archive (plain or gzip-compressed). Only a regular file
/// is looked into: the first bytes of a pipe, once read, would be lost to its reading.
pub(crate) fn sniff_warc(path: &Path) -> bool {
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
pub(crate) enum Limited {
    /// All of the content, at most the limit.
    Whole(Vec<u8>),
    /// More than the limit: reading stopped one byte past it.
    Over,
}

/// Reads `reader` to its end, or to one byte past `limit` (an endless stream ends there). An
/// error gives back what was read before it.
pub(crate) fn read_limited<R: Read>(
    reader: R,
    limit: u64,
) -> Result<Limited, (Vec<u8>, io::Error)> {
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
pub(crate) fn read_file(
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
pub(crate) fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
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
