//! Quotation marks: pairing openers with closers in every common style, with recovery.
//!
//! Styles: straight `"…"`, curly `“…”`, single `‘…’` / `'…'` used as quotation marks (not
//! apostrophes), guillemets `«…»`, low-9 `„…“`, typewriter (PTB) ` ``…'' `, `"…''` and
//! `''…''` (two apostrophes on both sides, as some newspapers' archives print them), with or
//! without spaces inside. Pairing works
//! paragraph by paragraph. A quotation still open at the end of a paragraph continues into the
//! next one when that paragraph opens with a quotation mark again (the convention for
//! quotations of several paragraphs); otherwise it is closed at the end of its paragraph and a
//! warning is recorded, so one stray mark never derails the rest of the document.

use std::ops::Range;

/// A quotation found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The quoted words, without the marks or the white space just inside them.
    pub content: Range<usize>,
    /// Byte offset just past the closing mark (or the end of the last paragraph when the
    /// quotation was never closed).
    pub close_end: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Number of paragraphs the quotation runs over.
    pub paragraphs: usize,
    /// Content ranges per paragraph (one entry unless the quotation runs over paragraphs).
    pub pieces: Vec<Range<usize>>,
    /// True for single-mark quotations (`‘…’`).
    pub single: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    Straight,
    Curly,
    Low9,
    Guillemet,
    Single,
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

fn is_opening_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '—' | '–' | '-' | '/' | ':' | '“' | '"' | '«' | '„'
            )
    })
}

struct Open {
    family: Family,
    mark: usize,
    content_start: usize,
    paragraphs: usize,
    pieces: Vec<Range<usize>>,
}

/// Finds the quotations in `text`, given its paragraphs (see [`crate::paragraphs`]).
/// Returns the quotations in order and warnings about marks that had to be recovered from.
pub fn find_quotations(text: &str, paragraphs: &[Range<usize>]) -> (Vec<Quotation>, Vec<String>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut carried: Option<Open> = None;
    for (pi, par) in paragraphs.iter().enumerate() {
        // A paragraph with nothing in it (an image whose Markdown was blanked) does not
        // interrupt a quotation running over paragraphs.
        if text[par.clone()].trim().is_empty() {
            continue;
        }
        let mut open: Option<Open> = None;
        if let Some(mut c) = carried.take() {
            // Continue only if this paragraph opens with a mark of the same family.
            let first = text[par.clone()].chars().next();
            let backticks =
                text[par.clone()].starts_with("``") || text[par.clone()].starts_with("''");
            let continues = matches!(
                (c.family, first),
                (Family::Straight, Some('"'))
                    | (Family::Curly | Family::Low9, Some('“' | '„'))
                    | (Family::Guillemet, Some('«'))
                    | (Family::Single, Some('‘'))
            );
            if continues || (backticks && c.family == Family::Straight) {
                let mark_len = if backticks {
                    2
                } else {
                    first.map_or(0, char::len_utf8)
                };
                c.content_start = skip_space(text, par.start + mark_len, par.end);
                c.paragraphs += 1;
                open = Some(c);
            } else {
                finish_unclosed(text, c, &mut out, &mut warnings);
            }
        }
        let scan_from = match &open {
            Some(o) => o.content_start.min(par.end),
            None => par.start,
        };
        scan_paragraph(text, scan_from..par.end, &mut open, &mut out, &mut warnings);
        if let Some(mut o) = open.take() {
            o.pieces
                .push(o.content_start..trim_back(text, o.content_start, par.end));
            let next_opens = paragraphs[pi + 1..]
                .iter()
                .find(|n| !text[(*n).clone()].trim().is_empty())
                .is_some_and(|n| {
                    text[n.clone()]
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(|c| matches!(c, '"' | '“' | '„' | '«' | '‘' | '`'))
                        || text[n.clone()].trim_start().starts_with("''")
                });
            if next_opens && o.family != Family::Single && o.paragraphs < 12 {
                carried = Some(o);
            } else {
                finish_unclosed(text, o, &mut out, &mut warnings);
            }
        }
    }
    if let Some(c) = carried {
        finish_unclosed(text, c, &mut out, &mut warnings);
    }
    (out, warnings)
}

fn finish_unclosed(text: &str, o: Open, out: &mut Vec<Quotation>, warnings: &mut Vec<String>) {
    let end = o.pieces.last().map_or(o.content_start, |p| p.end);
    let start = o.pieces.first().map_or(o.content_start, |p| p.start);
    if o.family == Family::Single {
        return; // an unpaired single mark is an apostrophe, not a quotation
    }
    warnings.push(format!(
        "unbalanced quotation mark at byte {}: closed at the end of its paragraph",
        o.mark
    ));
    if end > start {
        out.push(Quotation {
            open: o.mark,
            content: start..end,
            close_end: end.max(trim_back(text, start, end)),
            closed: false,
            paragraphs: o.paragraphs,
            pieces: o.pieces,
            single: false,
        });
    }
}

fn skip_space(text: &str, mut i: usize, end: usize) -> usize {
    while i < end {
        let c = text[i..].chars().next().unwrap_or(' ');
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

fn trim_back(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

fn scan_paragraph(
    text: &str,
    par: Range<usize>,
    open: &mut Option<Open>,
    out: &mut Vec<Quotation>,
    warnings: &mut Vec<String>,
) {
    let slice = &text[par.clone()];
    let bytes = slice.as_bytes();
    let mut i = 0;
    // Only `"`, `'`, `` ` `` and non-ASCII characters can be marks: the ASCII bytes between
    // are skipped without decoding (a skipped byte is never inside a character, so `i` stays
    // on a character boundary).
    while let Some(skip) = bytes[i.min(bytes.len())..]
        .iter()
        .position(|&b| b >= 0x80 || matches!(b, b'"' | b'\'' | b'`'))
    {
        i += skip;
        let Some(c) = slice[i..].chars().next() else {
            break;
        };
        let prev = slice[..i].chars().next_back();
        let next = slice[i + c.len_utf8()..].chars().next();
        // A mark of two characters (``, '') takes the second one too.
        let mut width = c.len_utf8();
        let at = par.start + i;
        let after = at + c.len_utf8();
        match open.as_ref().map(|o| o.family) {
            None => {
                let family = match c {
                    '"' if !is_space(next) => Some(Family::Straight),
                    // Typewriter opening marks: two backticks, or two apostrophes before a
                    // word where a quotation can open.
                    '`' if next == Some('`') => {
                        width += 1;
                        Some(Family::Straight)
                    }
                    '\'' if next == Some('\'')
                        && is_opening_context(prev)
                        && slice[i + 2..]
                            .chars()
                            .next()
                            .is_some_and(|n| !n.is_whitespace() && n != '\'') =>
                    {
                        width += 1;
                        Some(Family::Straight)
                    }
                    '“' if !is_space(next) || is_space(prev) => Some(Family::Curly),
                    '”' if is_opening_context(prev) && !is_space(next) => Some(Family::Curly),
                    '„' => Some(Family::Low9),
                    '«' => Some(Family::Guillemet),
                    '‘' if is_opening_context(prev)
                        && next.is_some_and(|n| n.is_alphanumeric()) =>
                    {
                        Some(Family::Single)
                    }
                    '\'' if is_opening_context(prev)
                        && next.is_some_and(|n| n.is_alphabetic())
                        && has_single_closer(&slice[i + 1..]) =>
                    {
                        Some(Family::Single)
                    }
                    _ => None,
                };
                if let Some(family) = family {
                    let after = if matches!(c, '`' | '\'') && family == Family::Straight {
                        after + 1
                    } else {
                        after
                    };
                    *open = Some(Open {
                        family,
                        mark: at,
                        content_start: skip_space(text, after, par.end),
                        paragraphs: 1,
                        pieces: Vec::new(),
                    });
                }
            }
            Some(family) => {
                // Typewriter closing marks: two apostrophes end a double quotation.
                let typewriter = c == '\''
                    && next == Some('\'')
                    && matches!(family, Family::Straight | Family::Curly | Family::Low9);
                let after = if typewriter {
                    width += 1;
                    after + 1
                } else {
                    after
                };
                let closes = typewriter
                    || match (family, c) {
                        (Family::Straight, '"') => true,
                        (Family::Straight, '”') => true,
                        (Family::Curly, '”') => true,
                        (Family::Curly, '"') => true,
                        // A second “ inside a “ quotation: a wrong-way closer when it follows a
                        // word and precedes a space or punctuation.
                        (Family::Curly, '“') => {
                            !is_space(prev)
                                && (is_space(next)
                                    || next.is_some_and(|n| n.is_ascii_punctuation()))
                        }
                        (Family::Low9, '“' | '”' | '"') => true,
                        (Family::Guillemet, '»') => true,
                        (Family::Single, '’' | '\'') => {
                            !is_space(prev) && next.is_none_or(|n| !n.is_alphanumeric())
                        }
                        _ => false,
                    };
                let reopens = !closes
                    && family != Family::Single
                    && matches!(c, '“' | '«' | '„')
                    && is_opening_context(prev)
                    && !is_space(next);
                if closes || reopens {
                    let Some(mut o) = open.take() else {
                        i += width;
                        continue;
                    };
                    let end = trim_back(text, o.content_start.min(at), at);
                    o.pieces.push(o.content_start.min(end)..end);
                    if reopens {
                        warnings.push(format!(
                            "quotation opened at byte {} not closed before the next one",
                            o.mark
                        ));
                    }
                    push_closed(o, if reopens { at } else { after }, closes, out);
                    if reopens {
                        let family = match c {
                            '«' => Family::Guillemet,
                            '„' => Family::Low9,
                            _ => Family::Curly,
                        };
                        *open = Some(Open {
                            family,
                            mark: at,
                            content_start: skip_space(text, after, par.end),
                            paragraphs: 1,
                            pieces: Vec::new(),
                        });
                    }
                }
            }
        }
        i += width;
    }
}

fn has_single_closer(rest: &str) -> bool {
    let mut prev = ' ';
    // A quotation in single marks is short; looking further would make a paragraph full of
    // apostrophes quadratic.
    let mut iter = rest.chars().take(600).peekable();
    while let Some(c) = iter.next() {
        if c == '\'' && !prev.is_whitespace() && iter.peek().is_none_or(|n| !n.is_alphanumeric()) {
            return true;
        }
        if c == '"' {
            return false;
        }
        prev = c;
    }
    false
}

fn push_closed(o: Open, close_end: usize, closed: bool, out: &mut Vec<Quotation>) {
    let start = o.pieces.first().map_or(o.content_start, |p| p.start);
    let end = o.pieces.last().map_or(o.content_start, |p| p.end);
    if end <= start {
        return;
    }
    out.push(Quotation {
        open: o.mark,
        content: start..end,
        close_end,
        closed,
        paragraphs: o.paragraphs,
        pieces: o.pieces,
        single: o.family == Family::Single,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paragraphs;

    fn quoted(text: &str) -> Vec<String> {
        let (q, _) = find_quotations(text, &paragraphs(text));
        q.iter()
            .map(|q| text[q.content.clone()].to_string())
            .collect()
    }

    #[test]
    fn every_style() {
        assert_eq!(
            quoted("He said \"one two\" and “three four”."),
            vec!["one two", "three four"]
        );
        assert_eq!(
            quoted("Il a dit « bonjour à tous » hier."),
            vec!["bonjour à tous"]
        );
        assert_eq!(
            quoted("Er sagte „wir schaffen das“ gestern."),
            vec!["wir schaffen das"]
        );
        assert_eq!(
            quoted("She called it ‘a total disgrace’ and didn’t care."),
            vec!["a total disgrace"]
        );
        assert_eq!(quoted("The 'big one' isn't here."), vec!["big one"]);
    }

    #[test]
    fn typewriter_marks() {
        assert_eq!(
            quoted("``We will rebuild the bridge,'' the mayor said."),
            vec!["We will rebuild the bridge,"]
        );
        assert_eq!(
            quoted("\"We appreciate your respect,'' her representative said, and ``no more.''"),
            vec!["We appreciate your respect,", "no more."]
        );
        assert_eq!(
            quoted("“It was a long night,'' she said."),
            vec!["It was a long night,"]
        );
        let text = "``We will win this.\n\n``And the next one,'' he said.";
        let (q, _) = find_quotations(text, &paragraphs(text));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].paragraphs, 2);
        // Two apostrophes on both sides.
        assert_eq!(
            quoted("''Realistically, the ferry is late,'' said the port director."),
            vec!["Realistically, the ferry is late,"]
        );
        assert_eq!(
            quoted("He called it ''a total disgrace'' and left (''never again'')."),
            vec!["a total disgrace", "never again"]
        );
        let text = "''We will win this.\n\n''And the next one,'' he said.";
        let (q, _) = find_quotations(text, &paragraphs(text));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].paragraphs, 2);
        // Apostrophes that open nothing: after a word, or before a space.
        assert!(quoted("The Joneses'' dog barked at the boys'' bikes.").is_empty());
        assert!(quoted("An empty string '' is not a quotation.").is_empty());
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted("It’s the dogs’ bowl and the ’90s rock n’ roll.").is_empty());
    }

    #[test]
    fn multi_paragraph_quotation() {
        let text = "“We will win this.\n\n“And we will win the next one,” he said.";
        let (q, w) = find_quotations(text, &paragraphs(text));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].paragraphs, 2);
        assert!(w.is_empty());
        assert_eq!(
            &text[q[0].pieces[1].clone()],
            "And we will win the next one,"
        );
    }

    #[test]
    fn unbalanced_marks_recover() {
        let text = "“This never closes.\n\nA new paragraph with “a real quote” here.";
        let (q, w) = find_quotations(text, &paragraphs(text));
        assert_eq!(q.len(), 2);
        assert_eq!(&text[q[1].content.clone()], "a real quote");
        assert_eq!(w.len(), 1);
    }
}
