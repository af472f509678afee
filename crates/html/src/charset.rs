//! Turning a page's bytes into text.
//!
//! The order follows what browsers do, with one safety net for wrong declarations:
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) wins over everything;
//! 2. else the charset an HTTP header declared (the `declared_charset` argument);
//! 3. else a `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`
//!    in the first 2 KB of the page;
//! 4. else UTF-8.
//!
//! The safety net: when the chosen encoding is UTF-8 but the bytes are not valid UTF-8, the
//! page is decoded in the legacy encoding that Firefox's detector (`chardetng`) guesses from
//! the bytes (Windows-1252 for Western pages, Windows-1251 or KOI8-R for Cyrillic ones,
//! Shift_JIS, GBK, ...) unless the bytes are mostly well-formed UTF-8 with a few stray bytes,
//! in which case it is decoded as UTF-8 with replacement characters. When a legacy single-byte encoding is declared but the bytes
//! are valid UTF-8 with non-ASCII characters, UTF-8 is used. Every such decision is reported
//! as a warning; nothing here can fail.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// How many leading bytes are searched for a `<meta>` charset declaration.
const PRESCAN_BYTES: usize = 2048;

/// The decoded page and the encoding it was decoded with.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    #[cfg_attr(not(test), allow(dead_code))]
    pub encoding: &'static Encoding,
}

/// Decodes `bytes`, pushing a message to `warnings` for every fallback taken.
pub fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&str>,
    warnings: &mut Vec<String>,
) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], encoding, warnings);
    }
    let declared_encoding = match declared.map(str::trim).filter(|s| !s.is_empty()) {
        Some(label) => {
            let found = Encoding::for_label(label.as_bytes());
            if found.is_none() {
                warnings.push(format!("unknown declared charset {label:?}, ignored"));
            }
            found
        }
        None => None,
    };
    let encoding = declared_encoding
        .or_else(|| prescan_meta_charset(bytes))
        .map(html_adjusted)
        .unwrap_or(UTF_8);
    if encoding == UTF_8 {
        return decode_utf8_or_fallback(bytes, warnings);
    }
    if is_single_byte_latin(encoding) && looks_like_utf8(bytes) {
        warnings.push(format!(
            "page declared {} but its bytes are UTF-8; decoded as UTF-8",
            encoding.name()
        ));
        return decode_utf8_or_fallback(bytes, warnings);
    }
    decode_with(bytes, encoding, warnings)
}

/// Decodes with a known encoding (no BOM sniffing), warning on malformed sequences.
fn decode_with<'a>(
    bytes: &'a [u8],
    encoding: &'static Encoding,
    warnings: &mut Vec<String>,
) -> Decoded<'a> {
    if encoding == UTF_8 {
        return decode_utf8_or_fallback(bytes, warnings);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(format!(
            "malformed {} sequences replaced with U+FFFD",
            encoding.name()
        ));
    }
    Decoded { text, encoding }
}

/// UTF-8 when the bytes are valid; otherwise lossy UTF-8 or the legacy encoding the bytes
/// look like (see [`guess_legacy`]).
fn decode_utf8_or_fallback<'a>(bytes: &'a [u8], warnings: &mut Vec<String>) -> Decoded<'a> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8,
        };
    }
    let (valid_multibyte, invalid) = utf8_census(bytes);
    if valid_multibyte >= invalid.saturating_mul(4) {
        warnings.push(format!(
            "{invalid} invalid UTF-8 sequence(s) replaced with U+FFFD"
        ));
        Decoded {
            text: String::from_utf8_lossy(bytes),
            encoding: UTF_8,
        }
    } else {
        let encoding = guess_legacy(bytes);
        warnings.push(format!(
            "bytes are not valid UTF-8; decoded as {} (guessed from the bytes)",
            encoding.name()
        ));
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        Decoded { text, encoding }
    }
}

/// How much of a page the legacy-encoding guess reads: this many 1 KB chunks that hold a
/// non-ASCII byte (ASCII-only chunks, most of the markup, tell encodings apart by nothing).
/// The detector reads about 5 MB/s, so a page costs at most about 3 ms.
const GUESS_CHUNKS: usize = 16;

/// The legacy encoding `bytes` are most likely in, as Firefox guesses it for a page that
/// declares none: `chardetng` scores each candidate on the letter pairs it produces. UTF-8
/// and ISO-2022-JP are never guessed (the caller has ruled UTF-8 out; ISO-2022-JP can hide
/// markup), and no top-level domain is given, so no input can make it panic.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    for chunk in bytes
        .chunks(1024)
        .filter(|chunk| !chunk.is_ascii())
        .take(GUESS_CHUNKS)
    {
        detector.feed(chunk, false);
    }
    detector.feed(&[], true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Counts well-formed multi-byte UTF-8 sequences and invalid ones (one per error).
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                valid_multibyte += count_multibyte(rest);
                return (valid_multibyte, invalid);
            }
            Err(err) => {
                let good = err.valid_up_to();
                // The prefix is valid by construction.
                if let Ok(prefix) = std::str::from_utf8(&bytes[..good]) {
                    valid_multibyte += count_multibyte(prefix);
                }
                invalid += 1;
                let skip = err.error_len().unwrap_or(bytes.len() - good);
                bytes = &bytes[good + skip.max(1)..];
            }
        }
    }
}

fn count_multibyte(text: &str) -> usize {
    text.bytes().filter(|b| *b >= 0xC0).count()
}

/// True when the bytes are valid UTF-8 and contain at least one non-ASCII character.
fn looks_like_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

fn is_single_byte_latin(encoding: &'static Encoding) -> bool {
    let name = encoding.name();
    name == "windows-1252" || name == "ISO-8859-15" || name == "ISO-8859-2"
}

/// The HTML standard's adjustments: a page cannot declare UTF-16 in its own bytes (it would
/// not be readable as ASCII), and `x-user-defined` means Windows-1252.
fn html_adjusted(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding.name() == "x-user-defined" {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// Looks for `<meta charset=…>` or `<meta … content="…charset=…">` in the first 2 KB.
fn prescan_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut from = 0;
    while let Some(at) = find_ascii_ci(&head[from..], b"<meta") {
        let start = from + at + 5;
        let end = head[start..]
            .iter()
            .position(|b| *b == b'>')
            .map_or(head.len(), |p| start + p);
        if let Some(encoding) = charset_in_tag(&head[start..end]) {
            return Some(encoding);
        }
        from = end.max(start);
    }
    None
}

/// The encoding named by `charset=` inside one tag's attribute text.
fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find_ascii_ci(tag, b"charset")?;
    let mut rest = &tag[at + 7..];
    rest = trim_ascii_start(rest);
    rest = rest.strip_prefix(b"=")?;
    rest = trim_ascii_start(rest);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| {
            matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>') || b.is_ascii_whitespace()
        })
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..len])
}

fn trim_ascii_start(mut bytes: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = bytes {
        if first.is_ascii_whitespace() {
            bytes = rest;
        } else {
            break;
        }
    }
    bytes
}

/// Position of `needle` (lower-case ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8], declared: Option<&str>) -> (String, &'static str, Vec<String>) {
        let mut warnings = Vec::new();
        let d = decode(bytes, declared, &mut warnings);
        (d.text.into_owned(), d.encoding.name(), warnings)
    }

    /// The text of `bytes` (declared `declared`), checked to be read as `encoding` with
    /// `warnings` warnings.
    fn decoded_as(bytes: &[u8], declared: Option<&str>, encoding: &str, warnings: usize) -> String {
        let (text, enc, w) = run(bytes, declared);
        assert_eq!(enc, encoding);
        assert_eq!(w.len(), warnings, "{w:?}");
        text
    }

    #[test]
    fn plain_utf8_is_borrowed_without_warning() {
        let text = decoded_as("<p>café</p>".as_bytes(), None, "UTF-8", 0);
        assert_eq!(text, "<p>café</p>");
    }

    #[test]
    fn bom_wins_over_declaration() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<p>é</p>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, enc, _) = run(&bytes, Some("iso-8859-1"));
        assert_eq!(text, "<p>é</p>");
        assert_eq!(enc, "UTF-16LE");
    }

    #[test]
    fn meta_charset_is_found() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body>";
        let (text, enc, _) = run(page, None);
        assert!(text.ends_with("café</body>"));
        assert_eq!(enc, "windows-1252");
    }

    #[test]
    fn http_equiv_charset_is_found() {
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>\xf0";
        let (_, enc, _) = run(page, None);
        assert_eq!(enc, "KOI8-R");
    }

    #[test]
    fn declared_utf8_with_latin1_bytes_falls_back() {
        let text = decoded_as(
            b"<p>Caf\xe9 cr\xe8me br\xfbl\xe9e</p>",
            Some("utf-8"),
            "windows-1252",
            1,
        );
        assert_eq!(text, "<p>Café crème brûlée</p>");
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte_stays_utf8() {
        let mut bytes = "<p>é è ê ë à ç ü ö</p>".as_bytes().to_vec();
        bytes.push(0xFF);
        let text = decoded_as(&bytes, None, "UTF-8", 1);
        assert!(text.contains('\u{FFFD}'));
    }

    #[test]
    fn latin_declaration_over_utf8_bytes_uses_utf8() {
        let text = decoded_as("<p>naïve</p>".as_bytes(), Some("iso-8859-1"), "UTF-8", 1);
        assert_eq!(text, "<p>naïve</p>");
    }

    /// A page of our own, with no declaration, encoded in `encoding`.
    fn page_in(encoding: &'static Encoding, body: &str) -> Vec<u8> {
        let page =
            format!("<html><head><title>{body}</title></head><body><p>{body}</p></body></html>");
        let (bytes, _, unmappable) = encoding.encode(&page);
        assert!(
            !unmappable,
            "the text must be encodable in {}",
            encoding.name()
        );
        bytes.into_owned()
    }

    const RUSSIAN: &str = "Министр финансов заявил журналистам, что бюджет города будет \
        пересмотрен в следующем году. \"Мы не можем больше откладывать ремонт школ и \
        больниц\", - сказал он на пресс-конференции во вторник.";

    #[test]
    fn undeclared_windows_1251_is_read_as_cyrillic() {
        let bytes = page_in(encoding_rs::WINDOWS_1251, RUSSIAN);
        let text = decoded_as(&bytes, None, "windows-1251", 1);
        assert!(text.contains("\"Мы не можем больше откладывать ремонт школ"));
    }

    #[test]
    fn undeclared_koi8_r_is_read_as_cyrillic() {
        let bytes = page_in(encoding_rs::KOI8_R, RUSSIAN);
        let (text, enc, _) = run(&bytes, None);
        // The detector names KOI8-U, which spells every Russian letter as KOI8-R does.
        assert!(enc.starts_with("KOI8-"), "{enc}");
        assert!(text.contains(RUSSIAN.split_whitespace().next().unwrap_or_default()));
        assert!(text.contains("сказал он на пресс-конференции во вторник"));
    }

    #[test]
    fn cyrillic_text_after_a_long_ascii_head_is_found() {
        let mut bytes = b"<html><head><script>".to_vec();
        bytes.extend(std::iter::repeat_n(b"var x = 1;\n".as_slice(), 20_000).flatten());
        bytes.extend(page_in(encoding_rs::WINDOWS_1251, RUSSIAN));
        let (text, enc, _) = run(&bytes, None);
        assert_eq!(enc, "windows-1251");
        assert!(text.contains("Министр финансов"));
    }

    #[test]
    fn cyrillic_bytes_under_a_wrong_utf8_header_are_read_as_cyrillic() {
        let bytes = page_in(encoding_rs::WINDOWS_1251, RUSSIAN);
        let (text, enc, _) = run(&bytes, Some("utf-8"));
        assert_eq!(enc, "windows-1251");
        assert!(text.contains("Министр финансов"));
    }

    #[test]
    fn undeclared_western_and_central_european_pages() {
        let french = "Le maire a déclaré que la rénovation des écoles commencerait à \
            l'été : « Nous avons trop attendu », a-t-il ajouté devant le conseil.";
        let (text, enc, _) = run(&page_in(WINDOWS_1252, french), None);
        assert_eq!(enc, "windows-1252");
        assert!(text.contains("« Nous avons trop attendu »"));
        let polish = "Minister zdrowia powiedział, że szpitale dostaną więcej pieniędzy \
            w przyszłym roku. „Nie możemy dłużej czekać” – dodał w środę.";
        let (text, enc, _) = run(&page_in(encoding_rs::WINDOWS_1250, polish), None);
        assert_eq!(enc, "windows-1250");
        assert!(text.contains("„Nie możemy dłużej czekać”"));
    }

    #[test]
    fn arbitrary_bytes_decode_without_panic() {
        let bytes: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let (text, _, w) = run(&bytes, None);
        assert!(!text.is_empty());
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn unknown_label_is_ignored() {
        let text = decoded_as(b"<p>x</p>", Some("no-such-charset"), "UTF-8", 1);
        assert_eq!(text, "<p>x</p>");
    }
}
