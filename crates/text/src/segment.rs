//! Paragraphs, sentences and word tokens, as byte ranges into the document text.
//!
//! Paragraphs are separated by blank lines. A single line break ends a paragraph only when the
//! line before it looks finished (ends a sentence, or is short like a headline); a break in the
//! middle of a sentence (hard-wrapped text) is kept inside the paragraph.

use std::ops::Range;

/// A word (letters, digits and word-internal `'’-.`) or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// True for words, false for punctuation.
    pub is_word: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Lines shorter than this (in bytes) that do not end a sentence still end a paragraph:
/// headlines, bylines, datelines.
const SHORT_LINE: usize = 60;

/// Paragraph byte ranges, trimmed of surrounding white space, in document order.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(p) = current.take() {
                out.push(p);
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let start = line_start + lead;
        let end = start + trimmed.len();
        match current.as_mut() {
            Some(p) if !line_is_finished(&text[p.clone()]) && !starts_block(trimmed) => {
                p.end = end;
            }
            _ => {
                if let Some(p) = current.take() {
                    out.push(p);
                }
                current = Some(start..end);
            }
        }
    }
    if let Some(p) = current {
        out.push(p);
    }
    out
}

/// Whether the text so far (a paragraph being built) ends in a way that a following line break
/// should end the paragraph.
fn line_is_finished(par: &str) -> bool {
    let last_line = par.rsplit('\n').next().unwrap_or(par).trim_end();
    if last_line.len() < SHORT_LINE {
        return true;
    }
    let trimmed = last_line.trim_end_matches(['"', '”', '’', '\'', '»', ')', ']', '*']);
    matches!(
        trimmed.chars().last(),
        Some('.' | '!' | '?' | ':' | '…' | '|') | None
    )
}

fn starts_block(line: &str) -> bool {
    line.starts_with(['#', '>', '*', '•', '|']) || line.starts_with("- ") || line.starts_with("— ")
}

/// Abbreviations after which a full stop does not end a sentence (compared lower-cased,
/// without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "govs", "gen", "lt", "col",
    "sgt", "capt", "cmdr", "adm", "maj", "prof", "rev", "fr", "st", "jr", "sr", "inc", "corp",
    "co", "ltd", "vs", "v", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "d.c", "calif", "fla", "ariz",
    "mass", "conn", "wash", "pa", "ill", "ky", "tenn", "va", "n.y", "mich", "wis", "minn", "colo",
    "okla", "ala", "ga", "la", "md", "mo", "nev", "ore", "tex", "pres", "supt", "dept", "est",
    "approx", "ft", "mt", "ave", "blvd", "rd", "pp", "vol", "ed", "eds", "op", "cf", "al", "gens",
    "messrs", "atty", "sec", "secs",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.is_empty() {
        return false;
    }
    // Initials such as "J." or "U.S."
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    if w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2) {
        return true;
    }
    if !w.is_ascii() {
        let lower = w.to_lowercase();
        return ABBREVIATIONS.contains(&lower.as_str());
    }
    // Every abbreviation is short: a short ASCII word is lower-cased on the stack (as
    // `to_lowercase` would), a longer one is none of them.
    let mut buf = [0u8; 8];
    let Some(b) = buf.get_mut(..w.len()) else {
        return false;
    };
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    ABBREVIATIONS.iter().any(|a| a.as_bytes() == &b[..])
}

fn is_closing_punct(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']' | '“')
}

/// Sentence byte ranges inside `range` (usually a paragraph), trimmed, in order.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let slice = &text[range.clone()];
    let base = range.start;
    let mut sent_start = 0;
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Swallow repeated terminators and closing marks.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?' | '…') || is_closing_punct(d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &slice[end..];
        let after = rest.trim_start();
        if after.len() == rest.len() && !after.is_empty() {
            continue; // no white space after: "U.S.A", "3.5", "e.g.the"
        }
        let next = after.chars().next();
        let starts_new = match next {
            None => true,
            Some(n) => {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    // A typewriter opening mark (two backticks or two apostrophes) opens a
                    // sentence as “ does.
                    || matches!(n, '"' | '“' | '‘' | '«' | '„' | '`' | '(' | '[' | '—' | '-')
                    || after.starts_with("''")
            }
        };
        if !starts_new {
            continue;
        }
        if c == '.' {
            let word_start = slice[..i]
                .char_indices()
                .rev()
                .find(|&(_, ch)| ch.is_whitespace() || matches!(ch, '(' | '"' | '“' | '‘' | '`'))
                .map(|(p, ch)| p + ch.len_utf8())
                .unwrap_or(0);
            let word = &slice[word_start..i];
            if end == i + 1 && is_abbreviation(word) {
                continue;
            }
        }
        push_trimmed(&mut out, slice, base, sent_start, end);
        sent_start = end;
    }
    push_trimmed(&mut out, slice, base, sent_start, slice.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, slice: &str, base: usize, start: usize, end: usize) {
    let piece = &slice[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        out.push(base + start + lead..base + start + lead + t.len());
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Word and punctuation tokens inside `range`. Words keep internal apostrophes, hyphens and
/// full stops ("don't", "Holtz-Eakin", "U.S."); a trailing full stop is part of the word only for
/// abbreviations and initials.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    let slice = &text[range.clone()];
    let base = range.start;
    // About a token for five bytes of prose: room for most sentences without regrowing.
    let mut out = Vec::with_capacity(slice.len() / 5 + 1);
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            out.push(Token {
                start: base + i,
                end: base + i + c.len_utf8(),
                is_word: false,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                iter.next();
            } else if d == ','
                && c.is_ascii_digit()
                && slice[..j].ends_with(|x: char| x.is_ascii_digit())
                && slice[j + 1..].starts_with(|x: char| x.is_ascii_digit())
            {
                // Digit groups: "9,000".
                end = j + 1;
                iter.next();
            } else if matches!(d, '\'' | '’' | '-' | '.' | '‑') {
                // Joiner: keep only when a word character follows; a full stop joins only
                // initials and abbreviations ("U.S", "e.g", "3.5"), not "sure.Vladimir".
                let after = slice[j + d.len_utf8()..].chars().next();
                let segment = slice[i..j].rsplit('.').next().unwrap_or("");
                let dot_ok = d != '.'
                    || after.is_some_and(|a| a.is_lowercase() || a.is_ascii_digit())
                    || segment.chars().count() <= 2;
                if after.is_some_and(is_word_char) && dot_ok {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        // Trailing full stop of an abbreviation or initial ("Mr.", "J.", "U.S.").
        if slice[end..].starts_with('.') && is_abbreviation(&slice[i..end]) {
            let after_dot = slice[end + 1..].trim_start();
            let sentence_end = after_dot.is_empty() || after_dot.starts_with(is_closing_punct);
            if !sentence_end {
                end += 1;
                iter.next();
            }
        }
        out.push(Token {
            start: base + i,
            end: base + end,
            is_word: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
        ranges.iter().map(|r| text[r.clone()].to_string()).collect()
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_finished_lines() {
        let text = "Headline here\nFirst line of a long paragraph that wraps right in the middle of\na sentence and goes on.\n\nSecond.";
        let p = paragraphs(text);
        assert_eq!(
            texts(text, &p),
            vec![
                "Headline here",
                "First line of a long paragraph that wraps right in the middle of\na sentence and goes on.",
                "Second."
            ]
        );
    }

    #[test]
    fn abbreviations_in_any_case() {
        // The stack path lower-cases at most 8 ASCII bytes: every abbreviation must fit.
        assert!(ABBREVIATIONS.iter().all(|a| a.len() <= 8 && a.is_ascii()));
        for w in ["Mr.", "MR", "Messrs.", "U.S.", "Approx", "\u{212a}y."] {
            assert!(is_abbreviation(w), "{w}");
        }
        for w in ["Mister", "Senator.", "Mrss", "Ünited", "governors"] {
            assert!(!is_abbreviation(w), "{w}");
        }
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let text = "Sen. John McCain, R-Ariz., met Mr. Smith in the U.S. Capitol. He left. \"Go,\" he said.";
        let s = sentences(text, 0..text.len());
        assert_eq!(
            texts(text, &s),
            vec![
                "Sen. John McCain, R-Ariz., met Mr. Smith in the U.S. Capitol.",
                "He left.",
                "\"Go,\" he said."
            ]
        );
    }

    #[test]
    fn tokens_keep_word_internal_marks() {
        let text = "Mr. Holtz-Eakin didn’t say “no.”";
        let t: Vec<&str> = tokens(text, 0..text.len())
            .iter()
            .map(|t| t.text(text))
            .collect();
        assert_eq!(
            t,
            vec!["Mr.", "Holtz-Eakin", "didn’t", "say", "“", "no", ".", "”"]
        );
    }
}
