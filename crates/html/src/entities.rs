//! Character references: `&amp;`, `&#8217;`, `&#x2019;`, and the named entities that occur
//! in real pages (all of Latin-1, typographic punctuation, Greek letters, common symbols).
//!
//! Unknown names are kept verbatim, as browsers do. Numeric references in the C1 range are
//! mapped through Windows-1252 (`&#150;` is an en dash), also as browsers do.

/// Appends `raw` to `out` with character references decoded.
pub fn decode_into(raw: &str, out: &mut String) {
    let bytes = raw.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'&', &bytes[i..]) {
        let amp = i + off;
        match reference_at(raw, amp) {
            Some((mut ch, len)) => {
                out.push_str(&raw[last..amp]);
                out.push_str(ch.as_str());
                last = amp + len;
                i = last;
            }
            None => i = amp + 1,
        }
    }
    out.push_str(&raw[last..]);
}

/// `raw` with character references decoded (borrowed when there are none).
pub fn decode(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('&') {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    decode_into(raw, &mut out);
    std::borrow::Cow::Owned(out)
}

/// A decoded reference: one or two characters.
pub enum Decoded {
    Char(char, [u8; 4]),
    Str(&'static str),
}

impl Decoded {
    fn from_char(c: char) -> Decoded {
        Decoded::Char(c, [0; 4])
    }
    fn as_str(&mut self) -> &str {
        match self {
            Decoded::Char(c, buf) => c.encode_utf8(buf),
            Decoded::Str(s) => s,
        }
    }
}

/// The reference starting at `amp` (which holds `&`): its replacement and byte length.
fn reference_at(raw: &str, amp: usize) -> Option<(Decoded, usize)> {
    let rest = &raw.as_bytes()[amp + 1..];
    if rest.first() == Some(&b'#') {
        return numeric_reference(&rest[1..]).map(|(c, len)| (Decoded::from_char(c), len + 2));
    }
    let name_len = rest
        .iter()
        .take(32)
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len().min(32));
    if name_len == 0 {
        return None;
    }
    let name = &raw[amp + 1..amp + 1 + name_len];
    let has_semicolon = rest.get(name_len) == Some(&b';');
    if let Some(value) = lookup(name) {
        if has_semicolon {
            return Some((Decoded::Str(value), name_len + 2));
        }
        if LEGACY_WITHOUT_SEMICOLON.contains(&name) {
            return Some((Decoded::Str(value), name_len + 1));
        }
    }
    None
}

/// `&#…` after the `#`: the character and the number of bytes consumed (the `;` included
/// when present).
fn numeric_reference(rest: &[u8]) -> Option<(char, usize)> {
    let (hex, digits_start) = match rest.first() {
        Some(b'x') | Some(b'X') => (true, 1),
        _ => (false, 0),
    };
    let radix = if hex { 16 } else { 10 };
    let mut value: u32 = 0;
    let mut n = 0;
    for &b in &rest[digits_start..] {
        let digit = match (b as char).to_digit(radix) {
            Some(d) => d,
            None => break,
        };
        value = value.saturating_mul(radix).saturating_add(digit);
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let mut len = digits_start + n;
    if rest.get(len) == Some(&b';') {
        len += 1;
    }
    Some((char_for_code(value), len))
}

fn char_for_code(value: u32) -> char {
    if (0x80..=0x9F).contains(&value) {
        return WINDOWS_1252_C1[(value - 0x80) as usize];
    }
    if value == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

/// Windows-1252's characters for bytes 0x80..=0x9F.
const WINDOWS_1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Names browsers also accept without the closing semicolon (the most common ones).
const LEGACY_WITHOUT_SEMICOLON: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

fn lookup(name: &str) -> Option<&'static str> {
    NAMED
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .map(|i| NAMED[i].1)
}

/// Named references, sorted by name (byte order) for binary search.
const NAMED: &[(&str, &str)] = &[
    ("AElig", "Æ"),
    ("Aacute", "Á"),
    ("Acirc", "Â"),
    ("Agrave", "À"),
    ("Alpha", "Α"),
    ("Aring", "Å"),
    ("Atilde", "Ã"),
    ("Auml", "Ä"),
    ("Beta", "Β"),
    ("Ccedil", "Ç"),
    ("Chi", "Χ"),
    ("Dagger", "‡"),
    ("Delta", "Δ"),
    ("ETH", "Ð"),
    ("Eacute", "É"),
    ("Ecirc", "Ê"),
    ("Egrave", "È"),
    ("Epsilon", "Ε"),
    ("Eta", "Η"),
    ("Euml", "Ë"),
    ("Gamma", "Γ"),
    ("Iacute", "Í"),
    ("Icirc", "Î"),
    ("Igrave", "Ì"),
    ("Iota", "Ι"),
    ("Iuml", "Ï"),
    ("Kappa", "Κ"),
    ("Lambda", "Λ"),
    ("Mu", "Μ"),
    ("Ntilde", "Ñ"),
    ("Nu", "Ν"),
    ("OElig", "Œ"),
    ("Oacute", "Ó"),
    ("Ocirc", "Ô"),
    ("Ograve", "Ò"),
    ("Omega", "Ω"),
    ("Omicron", "Ο"),
    ("Oslash", "Ø"),
    ("Otilde", "Õ"),
    ("Ouml", "Ö"),
    ("Phi", "Φ"),
    ("Pi", "Π"),
    ("Prime", "″"),
    ("Psi", "Ψ"),
    ("Rho", "Ρ"),
    ("Scaron", "Š"),
    ("Sigma", "Σ"),
    ("THORN", "Þ"),
    ("Tau", "Τ"),
    ("Theta", "Θ"),
    ("Uacute", "Ú"),
    ("Ucirc", "Û"),
    ("Ugrave", "Ù"),
    ("Upsilon", "Υ"),
    ("Uuml", "Ü"),
    ("Xi", "Ξ"),
    ("Yacute", "Ý"),
    ("Yuml", "Ÿ"),
    ("Zeta", "Ζ"),
    ("aacute", "á"),
    ("acirc", "â"),
    ("acute", "´"),
    ("aelig", "æ"),
    ("agrave", "à"),
    ("alpha", "α"),
    ("amp", "&"),
    ("apos", "'"),
    ("aring", "å"),
    ("asymp", "≈"),
    ("atilde", "ã"),
    ("auml", "ä"),
    ("bdquo", "„"),
    ("beta", "β"),
    ("brvbar", "¦"),
    ("bull", "•"),
    ("ccedil", "ç"),
    ("cedil", "¸"),
    ("cent", "¢"),
    ("chi", "χ"),
    ("circ", "ˆ"),
    ("colon", ":"),
    ("comma", ","),
    ("copy", "©"),
    ("curren", "¤"),
    ("dagger", "†"),
    ("darr", "↓"),
    ("deg", "°"),
    ("delta", "δ"),
    ("divide", "÷"),
    ("dollar", "$"),
    ("eacute", "é"),
    ("ecirc", "ê"),
    ("egrave", "è"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("epsilon", "ε"),
    ("equals", "="),
    ("equiv", "≡"),
    ("eta", "η"),
    ("eth", "ð"),
    ("euml", "ë"),
    ("euro", "€"),
    ("excl", "!"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("gamma", "γ"),
    ("ge", "≥"),
    ("gt", ">"),
    ("hellip", "…"),
    ("hyphen", "‐"),
    ("iacute", "í"),
    ("icirc", "î"),
    ("iexcl", "¡"),
    ("igrave", "ì"),
    ("infin", "∞"),
    ("iota", "ι"),
    ("iquest", "¿"),
    ("iuml", "ï"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("laquo", "«"),
    ("larr", "←"),
    ("ldquo", "“"),
    ("le", "≤"),
    ("lowast", "∗"),
    ("lpar", "("),
    ("lrm", "\u{200E}"),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("macr", "¯"),
    ("mdash", "—"),
    ("micro", "µ"),
    ("middot", "·"),
    ("minus", "−"),
    ("mu", "μ"),
    ("nbsp", "\u{A0}"),
    ("ndash", "–"),
    ("ne", "≠"),
    ("not", "¬"),
    ("ntilde", "ñ"),
    ("nu", "ν"),
    ("num", "#"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("oelig", "œ"),
    ("ograve", "ò"),
    ("omega", "ω"),
    ("omicron", "ο"),
    ("ordf", "ª"),
    ("ordm", "º"),
    ("oslash", "ø"),
    ("otilde", "õ"),
    ("ouml", "ö"),
    ("para", "¶"),
    ("percnt", "%"),
    ("period", "."),
    ("permil", "‰"),
    ("phi", "φ"),
    ("pi", "π"),
    ("plus", "+"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("prime", "′"),
    ("psi", "ψ"),
    ("quest", "?"),
    ("quot", "\""),
    ("raquo", "»"),
    ("rarr", "→"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rho", "ρ"),
    ("rlm", "\u{200F}"),
    ("rpar", ")"),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("scaron", "š"),
    ("sdot", "⋅"),
    ("sect", "§"),
    ("semi", ";"),
    ("shy", "\u{AD}"),
    ("sigma", "σ"),
    ("sigmaf", "ς"),
    ("sol", "/"),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("szlig", "ß"),
    ("tau", "τ"),
    ("theta", "θ"),
    ("thinsp", "\u{2009}"),
    ("thorn", "þ"),
    ("tilde", "˜"),
    ("times", "×"),
    ("trade", "™"),
    ("uacute", "ú"),
    ("uarr", "↑"),
    ("ucirc", "û"),
    ("ugrave", "ù"),
    ("uml", "¨"),
    ("upsilon", "υ"),
    ("uuml", "ü"),
    ("xi", "ξ"),
    ("yacute", "ý"),
    ("yen", "¥"),
    ("yuml", "ÿ"),
    ("zeta", "ζ"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn decodes_named_and_numeric() {
        assert_eq!(
            decode("Tom &amp; Jerry &ndash; &#8220;hi&#x201D; caf&eacute;"),
            "Tom & Jerry – “hi” café"
        );
        assert_eq!(decode("&#150;&#0;&#xD800;"), "–\u{FFFD}\u{FFFD}");
        assert_eq!(
            decode("a &amp b &nosuch; c & d &#"),
            "a & b &nosuch; c & d &#"
        );
        assert_eq!(decode("&#99999999999999999999;"), "\u{FFFD}");
    }
}
