//! What a block's text says about it, measured on the text alone: its words (Markdown syntax
//! left out), how many of them are link anchors, stopwords, capitalised or digits, its
//! punctuation, its line markers, and a few word hashes for the learned lexical features.

use std::ops::Range;

use crate::markdown::Markup;

/// Measurements of one block.
#[derive(Debug, Clone, Default)]
pub(crate) struct BlockStats {
    /// Words of the prose (Markdown syntax and image alt text left out).
    pub words: u32,
    /// Words inside link anchors.
    pub link_words: u32,
    pub links: u32,
    pub images: u32,
    /// Words that are bare URLs (`https://…`, `www.…`).
    pub bare_urls: u32,
    pub stopwords: u32,
    /// Words starting with a capital letter.
    pub capitalised: u32,
    /// Words of two or more letters, all capitals.
    pub all_caps: u32,
    /// Words containing a digit.
    pub digit_words: u32,
    /// Sentence ends: `.`, `!`, `?`, `…` followed by white space or the end.
    pub terminals: u32,
    pub commas: u32,
    /// Quotation marks (`“ ” " « » „`).
    pub quote_marks: u32,
    /// Separators typical of menus and bylines: `|`, `·`, `•`, `»`, `›`.
    pub separators: u32,
    pub lines: u32,
    /// Lines that are list items (`*`, `-`, `+`, `1.`).
    pub list_lines: u32,
    /// Heading level (`#` count), 0 for none.
    pub heading: u8,
    pub block_quote: bool,
    /// The whole block is in bold (`**…**`): a label or a heading in disguise.
    pub bold_only: bool,
    /// Lines of a table (`|`).
    pub table_lines: u32,
    /// Letters in the words (for the mean word length).
    pub letters: u32,
    /// The prose ends like a sentence (`.`, `!`, `?`, `…`, possibly inside closing marks).
    pub ends_sentence: bool,
    /// The prose ends with `:`.
    pub ends_colon: bool,
    /// The prose starts with a lower-case letter.
    pub starts_lower: bool,
    pub copyright: bool,
    /// A month name (not "may"), or a numeric date (`12/05/2024`).
    pub date_like: bool,
    /// How many blocks of the page have the same prose (1: this one only).
    pub same_text: u32,
    /// First-person singular words (`I`, `I'm`, `my`, `me`…): comments, bios, testimonials.
    pub first_person: u32,
    /// Second-person words (`you`, `your`…): calls to action, consent and sign-up boxes.
    pub second_person: u32,
    /// The prose starts inside a link (a headline with its teaser after it).
    pub starts_link: bool,
    /// Characters of code and data (`{ } < > = ; \\`): scripts and JSON left in the text.
    pub code_marks: u32,
    /// A key of the prose's words, lower-cased (see `prose_key`).
    pub key: u64,
    /// Hashes of the first words (lower-cased), of the first two as a pair, of the last word,
    /// and of the whole prose when it is short.
    pub lexical: Vec<u64>,
    /// Hashes of the first words (lower-cased, at most `LEXICAL_FIRST`), unsalted: the words a
    /// heading passes on to the blocks under it.
    pub first_words: Vec<u64>,
}

/// Whether `w` (lower-case ASCII) is a month name or its abbreviation ("may" is not: it is
/// mostly the verb).
fn is_month(w: &[u8]) -> bool {
    matches!(
        w,
        b"apr"
            | b"april"
            | b"aug"
            | b"august"
            | b"dec"
            | b"december"
            | b"feb"
            | b"february"
            | b"jan"
            | b"january"
            | b"jul"
            | b"july"
            | b"jun"
            | b"june"
            | b"mar"
            | b"march"
            | b"nov"
            | b"november"
            | b"oct"
            | b"october"
            | b"sep"
            | b"sept"
            | b"september"
    )
}

/// FNV-1a, stable across platforms and releases (the learned weights depend on it).
pub(crate) fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// How many words of the prose go into lexical features.
const LEXICAL_FIRST: usize = 4;
/// Prose of at most this many words is also hashed whole.
const LEXICAL_WHOLE: u32 = 6;

/// Measures every block. `view` is the text with Markdown syntax blanked (same offsets).
pub(crate) fn measure(
    text: &str,
    view: &str,
    markup: &Markup,
    blocks: &[Range<usize>],
) -> Vec<BlockStats> {
    let mut out: Vec<BlockStats> = blocks
        .iter()
        .map(|b| measure_one(text, view, markup, b.clone()))
        .collect();
    // Repetition within the page: the same prose in several blocks (menus shown twice,
    // share bars above and below the article). Counted by sorting the keys.
    let mut keys: Vec<(u64, usize)> = out
        .iter()
        .enumerate()
        .filter(|(_, s)| s.words > 0)
        .map(|(i, s)| (s.key, i))
        .collect();
    keys.sort_unstable();
    for run in keys.chunk_by(|a, b| a.0 == b.0) {
        for &(_, i) in run {
            out[i].same_text = run.len() as u32;
        }
    }
    for s in out.iter_mut().filter(|s| s.words == 0) {
        s.same_text = 1;
    }
    out
}

/// Adds a word's letters and digits, lower-cased, to a key of a block's prose (punctuation and
/// spacing ignored).
fn add_to_key(h: &mut u64, word: &str) {
    if word.is_ascii() {
        for b in word.bytes().filter(u8::is_ascii_alphanumeric) {
            *h ^= u64::from(b.to_ascii_lowercase());
            *h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        return;
    }
    for c in word.chars().filter(|c| c.is_alphanumeric()) {
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                *h ^= u64::from(b);
                *h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
}

fn measure_one(text: &str, view: &str, markup: &Markup, block: Range<usize>) -> BlockStats {
    let mut s = BlockStats {
        key: 0xcbf2_9ce4_8422_2325,
        ..BlockStats::default()
    };
    let raw = &text[block.clone()];
    let prose = &view[block.clone()];
    // Lines and their markers, on the raw text.
    for line in raw.lines() {
        let l = line.trim_start();
        if l.is_empty() {
            continue;
        }
        s.lines += 1;
        if l.starts_with("* ") || l.starts_with("- ") || l.starts_with("+ ") || ordered_item(l) {
            s.list_lines += 1;
        }
        let pipe = l.as_bytes().contains(&b'|');
        if pipe
            && (l.starts_with('|') || l.contains("---|") || l.contains(" | ") && l.ends_with('|'))
        {
            s.table_lines += 1;
        }
    }
    let first = raw.trim_start();
    s.heading = first.bytes().take_while(|&c| c == b'#').count().min(6) as u8;
    if s.heading > 0 && !first[s.heading as usize..].starts_with([' ', '\n']) {
        s.heading = 0;
    }
    s.block_quote = first.starts_with('>');
    let end = raw.trim_end();
    s.bold_only = (first.starts_with("**") && end.ends_with("**"))
        || (first.starts_with("__") && end.ends_with("__"));
    // Links and images inside the block.
    let from = markup
        .links
        .partition_point(|l| l.anchor.start < block.start);
    let anchors: Vec<Range<usize>> = markup.links[from..]
        .iter()
        .take_while(|l| l.anchor.start < block.end)
        .filter_map(|l| {
            if l.image {
                s.images += 1;
                None
            } else {
                s.links += 1;
                Some(l.anchor.clone())
            }
        })
        .collect();
    // Words of the prose.
    let mut lexical_words: Vec<u64> = Vec::with_capacity(LEXICAL_FIRST);
    let mut last_word: Option<Range<usize>> = None;
    let mut anchor_i = 0;
    let mut i = 0;
    while let Some((c, len)) = char_at(prose, i) {
        if c.is_alphanumeric() {
            // A word: letters and digits, with inner `'’.-/:` joining parts.
            let start = i;
            let mut end = i + len;
            loop {
                // A run of ASCII letters and digits without decoding.
                end += prose
                    .as_bytes()
                    .get(end..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                let Some((d, dl)) = char_at(prose, end) else {
                    break;
                };
                if d.is_alphanumeric() {
                    end += dl;
                } else if d == ':' && prose[start..end].starts_with("http") {
                    // A URL: up to the next white space.
                    while let Some((e, el)) = char_at(prose, end) {
                        if e.is_whitespace() {
                            break;
                        }
                        end += el;
                    }
                } else if matches!(d, '\'' | '’' | '.' | '-' | '/' | ':')
                    && char_at(prose, end + dl).is_some_and(|(e, _)| e.is_alphanumeric())
                {
                    end += dl;
                } else {
                    break;
                }
            }
            let word = &prose[start..end];
            if word.is_ascii() {
                count_ascii_word(&mut s, word);
            } else {
                count_word(&mut s, word);
                add_to_key(&mut s.key, word);
            }
            let at = block.start + start;
            while anchor_i < anchors.len() && anchors[anchor_i].end <= at {
                anchor_i += 1;
            }
            if anchors.get(anchor_i).is_some_and(|a| a.start <= at) {
                s.link_words += 1;
                if s.words == 1 {
                    s.starts_link = true;
                }
            }
            if lexical_words.len() < LEXICAL_FIRST {
                lexical_words.push(word_hash(word));
            }
            last_word = Some(start..end);
            i = end;
            continue;
        }
        match c {
            '.' | '!' | '?' | '…' => {
                let next = char_at(prose, i + len).map(|(d, _)| d);
                if next.is_none_or(|d| d.is_whitespace() || is_closing(d)) {
                    s.terminals += 1;
                }
            }
            ',' => s.commas += 1,
            '“' | '”' | '"' | '«' | '„' => s.quote_marks += 1,
            '»' => {
                s.quote_marks += 1;
                s.separators += 1;
            }
            '|' | '·' | '•' | '›' => s.separators += 1,
            '©' => s.copyright = true,
            '{' | '}' | '<' | '>' | '=' | ';' | '\\' => s.code_marks += 1,
            _ => {}
        }
        i += len;
    }
    let last_word = last_word.map(|r| word_hash(&prose[r]));
    let trimmed = prose.trim_end();
    let core = trimmed.trim_end_matches(|c: char| is_closing(c) || c == '*' || c == '_');
    s.ends_sentence = core.ends_with(['.', '!', '?', '…']);
    s.ends_colon = core.ends_with(':');
    s.starts_lower = prose
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    // Lexical features.
    s.first_words = lexical_words.clone();
    for (k, h) in lexical_words.iter().enumerate() {
        s.lexical
            .push(h ^ (k as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    }
    if let [a, b, ..] = lexical_words[..] {
        s.lexical
            .push(a.rotate_left(17) ^ b ^ 0x5851_f42d_4c95_7f2d);
    }
    for h in &lexical_words {
        s.lexical.push(h ^ 0x2545_f491_4f6c_dd1d);
    }
    if let Some(h) = last_word {
        s.lexical.push(h ^ 0x1405_7b7e_f767_814f);
    }
    if s.words > 0 && s.words <= LEXICAL_WHOLE {
        s.lexical.push(s.key ^ 0x6c62_272e_07bb_0142);
    }
    s
}

/// The character at byte `i` of `s` (a character boundary) and its length; ASCII without
/// decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    s.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']')
}

fn ordered_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && line[digits..].starts_with(". ")
        && !line[digits..].starts_with(".  ")
}

fn word_hash(word: &str) -> u64 {
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() && word.is_ascii() {
        for (b, c) in buf.iter_mut().zip(word.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        return fnv(&buf[..word.len()], 0);
    }
    fnv(word.to_lowercase().as_bytes(), 0)
}

/// 1 for a first-person singular word, 2 for a second-person word, 0 otherwise (lower-case
/// ASCII; the typographic apostrophe is not ASCII and such words count as the others).
fn person(w: &[u8]) -> u8 {
    match w {
        b"i" | b"i'm" | b"i've" | b"i'd" | b"i'll" | b"me" | b"my" | b"mine" | b"myself" => 1,
        b"you" | b"your" | b"you're" | b"you've" | b"you'll" | b"yours" | b"yourself" => 2,
        _ => 0,
    }
}

/// [`count_word`] and [`add_to_key`] for an ASCII word in one pass over its bytes (most words:
/// the same counts and key, without decoding or lower-casing twice).
fn count_ascii_word(s: &mut BlockStats, word: &str) {
    s.words += 1;
    let bytes = word.as_bytes();
    let mut lower = [0u8; 12];
    let short = bytes.len() <= lower.len();
    let (mut letters, mut upper, mut digit, mut slashes) = (0u32, 0u32, false, 0u32);
    let mut key = s.key;
    for (i, &b) in bytes.iter().enumerate() {
        let l = b.to_ascii_lowercase();
        if short {
            lower[i] = l;
        }
        if b.is_ascii_alphabetic() {
            letters += 1;
            upper += u32::from(b.is_ascii_uppercase());
        } else if b.is_ascii_digit() {
            digit = true;
        } else if b == b'/' {
            slashes += 1;
        }
        if b.is_ascii_alphanumeric() {
            key ^= u64::from(l);
            key = key.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    s.key = key;
    s.letters += letters;
    if digit {
        s.digit_words += 1;
    }
    if bytes.first().is_some_and(u8::is_ascii_uppercase) {
        s.capitalised += 1;
    }
    if letters >= 2 && upper == letters {
        s.all_caps += 1;
    }
    if short {
        let w = &lower[..bytes.len()];
        if super::stopwords::is_stopword(w) {
            s.stopwords += 1;
        }
        count_person(s, w);
        if !s.date_like
            && (3..=9).contains(&w.len())
            && matches!(w[0], b'a' | b'd' | b'f' | b'j' | b'm' | b'n' | b'o' | b's')
            && is_month(w)
        {
            s.date_like = true;
        }
    }
    count_links_and_dates(s, word, digit, slashes as usize);
}

/// [`count_ascii_word`] for a word with non-ASCII characters, decoded.
fn count_word(s: &mut BlockStats, word: &str) {
    s.words += 1;
    let (mut letters, mut upper, mut digit) = (0u32, 0u32, false);
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            upper += u32::from(c.is_uppercase());
        } else if c.is_ascii_digit() {
            digit = true;
        }
    }
    s.letters += letters;
    if digit {
        s.digit_words += 1;
    }
    if word.chars().next().is_some_and(char::is_uppercase) {
        s.capitalised += 1;
    }
    if letters >= 2 && upper == letters {
        s.all_caps += 1;
    }
    if word.contains('’') && word.len() <= 16 {
        // I’m, you’re: the typographic apostrophe, read as the ASCII one.
        let w = word.replace('’', "'");
        if w.len() <= 12 && w.is_ascii() {
            count_person(s, w.to_ascii_lowercase().as_bytes());
        }
    }
    count_links_and_dates(s, word, digit, word.matches('/').count());
}

/// First- and second-person words (lower-case ASCII).
fn count_person(s: &mut BlockStats, w: &[u8]) {
    match person(w) {
        1 => s.first_person += 1,
        2 => s.second_person += 1,
        _ => {}
    }
}

/// A bare URL, and a date written with two slashes.
fn count_links_and_dates(s: &mut BlockStats, word: &str, digit: bool, slashes: usize) {
    if word.starts_with("http") && word.contains("://") || word.starts_with("www.") {
        s.bare_urls += 1;
    }
    if !s.date_like && digit && slashes == 2 {
        s.date_like = true;
    }
}
