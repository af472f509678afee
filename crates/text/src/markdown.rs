//! Markdown as full-page scrapers and converters write it (html2text, Jina Reader, Firecrawl):
//! which bytes are syntax rather than prose.
//!
//! [`scan`] finds, in one pass, the links (`[anchor](target)`, with the images they often wrap),
//! images (`![alt](src)`), autolinks (`<https://…>`), emphasis marks (`**`, `__`, `_`, `*`),
//! line markers (`#` headings, `>` quotes, `*`/`-`/`+` list items, `* * *` rules) and
//! backslash escapes. Everything downstream works on byte offsets into the document as it was
//! read, so syntax is never deleted here: [`plain_view`] replaces it by spaces (same length,
//! same offsets: quotation marks pair and speakers resolve as in plain prose), and [`render`]
//! drops it from a stretch for display. Plain prose has none of these constructs, so for it
//! both are the identity.
//!
//! Not a Markdown parser: no block structure beyond line markers, no reference links, no
//! code spans. Only constructs that are unambiguous in news text are taken as syntax: a
//! bracket pair is a link only when a well-formed target follows at once, and `_`/`*` are
//! marks only at a word's edge (`snake_case` and `5 * 3` stay as they are).

use std::borrow::Cow;
use std::ops::Range;

/// A Markdown link or image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The anchor text (for an image, its alt text), without the brackets.
    pub anchor: Range<usize>,
    /// The target (URL and optional title) inside the parentheses.
    pub target: Range<usize>,
    /// Whether this is an image (`![alt](src)`).
    pub image: bool,
}

/// The Markdown syntax of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    /// Byte ranges that are syntax, sorted and disjoint. Images are syntax whole (alt text
    /// included): their words are not the page's prose.
    pub syntax: Vec<Range<usize>>,
    /// Links and images, in order of their closing parenthesis.
    pub links: Vec<Link>,
}

impl Markup {
    /// Whether any byte of `range` is syntax.
    pub fn touches(&self, range: Range<usize>) -> bool {
        let i = self.syntax.partition_point(|r| r.end <= range.start);
        self.syntax.get(i).is_some_and(|r| r.start < range.end)
    }
}

/// Longest link target taken (longer ones are prose in brackets, or damage).
const MAX_TARGET: usize = 4096;
/// Longest anchor text taken (an open bracket further back than this is not a link).
const MAX_ANCHOR: usize = 4096;
/// Deepest nesting of brackets followed (`[ ![img](src) ](href)` is two).
const MAX_DEPTH: usize = 8;

/// Bytes where syntax can start or end (everything else is skipped in one tight loop).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = b"\n\\![]<*_";
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// The Markdown syntax of `text`.
pub fn scan(text: &str) -> Markup {
    let mut syntax: Vec<Range<usize>> = Vec::new();
    let mut links = Vec::new();
    let bytes = text.as_bytes();
    // Open brackets: (position of `[`, is an image `![`).
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut at_line_start = true;
    // Emphasis marks that may open or close, and the paragraph they are in.
    let mut delimiters: Vec<Delimiter> = Vec::new();
    let mut paragraph = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if at_line_start {
            at_line_start = false;
            i = line_markers(text, i, &mut syntax);
            if i >= bytes.len() {
                break;
            }
        }
        // Skip to the next byte that can start or end syntax.
        while i < bytes.len() && !SPECIAL[usize::from(bytes[i])] {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        match b {
            b'\n' => {
                // A blank line ends every open bracket, and emphasis.
                if next_line_blank(bytes, i + 1) {
                    open.clear();
                    paragraph += 1;
                }
                at_line_start = true;
                i += 1;
            }
            b'\\' => {
                if bytes.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) {
                    syntax.push(i..i + 1);
                    i += 2;
                } else {
                    i += 1;
                }
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') => {
                push_open(&mut open, i, true);
                i += 2;
            }
            b'[' => {
                push_open(&mut open, i, false);
                i += 1;
            }
            b']' => {
                let Some((start, image)) = open.pop() else {
                    i += 1;
                    continue;
                };
                if i - start > MAX_ANCHOR {
                    open.clear();
                    i += 1;
                    continue;
                }
                match (bytes.get(i + 1) == Some(&b'('))
                    .then(|| link_target(bytes, i + 2))
                    .flatten()
                {
                    Some((target, close)) => {
                        let anchor_start = start + if image { 2 } else { 1 };
                        if image {
                            syntax.push(start..close + 1);
                        } else {
                            syntax.push(start..start + 1);
                            syntax.push(i..close + 1);
                        }
                        links.push(Link {
                            anchor: anchor_start..i,
                            target,
                            image,
                        });
                        i = close + 1;
                    }
                    None => i += 1,
                }
            }
            b'<' => match autolink(bytes, i) {
                Some(end) => {
                    syntax.push(i..end);
                    i = end;
                }
                None => i += 1,
            },
            b'*' | b'_' => {
                let mut end = i;
                while end < bytes.len() && bytes[end] == b {
                    end += 1;
                }
                let before = text[..i].chars().next_back();
                let after = text[end..].chars().next();
                if is_emphasis(b, end - i, before, after) {
                    delimiters.push(Delimiter::new(b, i..end, before, after, paragraph));
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    syntax.extend(paired_emphasis(&delimiters));
    syntax.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(syntax.len());
    for r in syntax {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    links.sort_by_key(|l| l.anchor.start);
    Markup {
        syntax: merged,
        links,
    }
}

fn push_open(open: &mut Vec<(usize, bool)>, at: usize, image: bool) {
    if open.len() == MAX_DEPTH {
        open.remove(0);
    }
    open.push((at, image));
}

fn next_line_blank(bytes: &[u8], from: usize) -> bool {
    bytes[from.min(bytes.len())..]
        .iter()
        .take_while(|&&c| c != b'\n')
        .all(|c| c.is_ascii_whitespace())
}

/// Line markers at `start` (a line's first byte): indentation, then `#`s, `>`s, one list
/// marker, or a whole rule line. Returns where inline scanning goes on.
fn line_markers(text: &str, start: usize, syntax: &mut Vec<Range<usize>>) -> usize {
    let bytes = text.as_bytes();
    // Most lines start with a word: nothing to look at.
    let first = bytes[start..]
        .iter()
        .position(|&b| b != b' ' && b != b'\t')
        .map_or(b'\n', |p| bytes[start + p]);
    if !matches!(first, b'*' | b'-' | b'_' | b'>' | b'#' | b'+') {
        return start;
    }
    let line_end = memchr_newline(bytes, start);
    let line = &text[start..line_end];
    let trimmed = line.trim();
    // `* * *`, `---`, `___`: a rule.
    if trimmed.len() >= 3
        && trimmed
            .bytes()
            .all(|c| matches!(c, b'*' | b'-' | b'_' | b' '))
        && trimmed.bytes().filter(|c| *c != b' ').count() >= 3
        && trimmed
            .bytes()
            .filter(|c| *c != b' ')
            .collect::<Vec<_>>()
            .windows(2)
            .all(|w| w[0] == w[1])
    {
        let lead = line.len() - line.trim_start().len();
        syntax.push(start + lead..start + lead + trimmed.len());
        return line_end;
    }
    let mut i = start;
    while i < line_end && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    // Block quote markers, possibly nested (`> > `).
    while i < line_end && bytes[i] == b'>' {
        let mut end = i + 1;
        while end < line_end && bytes[end] == b' ' {
            end += 1;
        }
        syntax.push(i..end);
        i = end;
    }
    // Heading.
    let hashes = bytes[i..line_end]
        .iter()
        .take_while(|&&c| c == b'#')
        .count();
    if (1..=6).contains(&hashes) && (i + hashes == line_end || bytes[i + hashes] == b' ') {
        let mut end = i + hashes;
        while end < line_end && bytes[end] == b' ' {
            end += 1;
        }
        syntax.push(i..end);
        return end;
    }
    // List item.
    if i + 1 < line_end && matches!(bytes[i], b'*' | b'-' | b'+') && bytes[i + 1] == b' ' {
        let mut end = i + 1;
        while end < line_end && bytes[end] == b' ' {
            end += 1;
        }
        syntax.push(i..end);
        return end;
    }
    i
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// A link target starting at `from` (just past `(`): a URL without white space (balanced
/// parentheses allowed), then optionally a `"title"`, then `)`. Returns the target's range
/// and the position of the closing `)`.
fn link_target(bytes: &[u8], from: usize) -> Option<(Range<usize>, usize)> {
    let mut i = from;
    let mut depth = 0usize;
    let limit = (from + MAX_TARGET).min(bytes.len());
    while i < limit {
        match bytes[i] {
            b'(' => depth += 1,
            b')' if depth == 0 => return Some((from..i, i)),
            b')' => depth -= 1,
            b' ' => {
                // Only a title may follow: ` "…")`.
                let mut j = i;
                while j < limit && bytes[j] == b' ' {
                    j += 1;
                }
                if bytes.get(j) != Some(&b'"') {
                    return None;
                }
                let close = bytes[(j + 1).min(limit)..limit]
                    .iter()
                    .position(|&c| c == b'"')?
                    + j
                    + 1;
                let mut k = close + 1;
                while k < limit && bytes[k] == b' ' {
                    k += 1;
                }
                return (bytes.get(k) == Some(&b')') && !bytes[j..close].contains(&b'\n'))
                    .then_some((from..k, k));
            }
            b'\n' | b'\t' | b'\r' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// `<https://…>` or `<http://…>` or `<mailto:…>` at `at`: the end past `>`.
fn autolink(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = &bytes[at + 1..];
    let scheme = [&b"https://"[..], b"http://", b"mailto:"]
        .iter()
        .any(|s| rest.starts_with(s));
    if !scheme {
        return None;
    }
    let len = rest
        .iter()
        .take(MAX_TARGET)
        .position(|&c| c == b'>' || c.is_ascii_whitespace() || c == b'<')?;
    (rest[len] == b'>').then_some(at + 1 + len + 1)
}

/// A run of emphasis marks, and whether it may open or close emphasis (CommonMark's
/// flanking rules: `x__y` and `window.__xss = 1` hold no emphasis, `**“We will,”**` does).
struct Delimiter {
    mark: u8,
    range: Range<usize>,
    can_open: bool,
    can_close: bool,
    /// html2text's empty `<em></em>`: `__` alone between spaces, syntax on its own.
    empty: bool,
    paragraph: usize,
}

impl Delimiter {
    fn new(
        mark: u8,
        range: Range<usize>,
        before: Option<char>,
        after: Option<char>,
        paragraph: usize,
    ) -> Delimiter {
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let punct =
            |c: Option<char>| c.is_some_and(|c| c.is_ascii_punctuation() || is_quote_mark(c));
        let left = !space(after) && (!punct(after) || space(before) || punct(before));
        let right = !space(before) && (!punct(before) || space(after) || punct(after));
        let (can_open, can_close) = if mark == b'_' {
            (
                left && (!right || punct(before)),
                right && (!left || punct(after)),
            )
        } else {
            (left, right)
        };
        let empty = mark == b'_' && range.len() == 2 && space(before) && space(after);
        Delimiter {
            mark,
            range,
            can_open,
            can_close,
            empty,
            paragraph,
        }
    }
}

/// Typographic quotation marks count as punctuation for flanking, as in CommonMark.
fn is_quote_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '«' | '»' | '„')
}

/// The emphasis runs that pair up (an opener with a later closer of the same mark in the same
/// paragraph, innermost first), as syntax; marks that pair with nothing are text. Linear: the
/// openers of each mark are indexed, so a closer finds its opener without a search, and a new
/// paragraph drops them all at once.
fn paired_emphasis(delimiters: &[Delimiter]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut openers: Vec<&Delimiter> = Vec::new();
    // Positions in `openers` of the openers of each mark (`*`, `_`), increasing.
    let mut of_mark: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let slot = |mark: u8| usize::from(mark == b'_');
    let mut paragraph = usize::MAX;
    for d in delimiters {
        if d.paragraph != paragraph {
            paragraph = d.paragraph;
            openers.clear();
            of_mark[0].clear();
            of_mark[1].clear();
        }
        if d.empty {
            out.push(d.range.clone());
            continue;
        }
        if d.can_close {
            if let Some(&k) = of_mark[slot(d.mark)].last() {
                out.push(openers[k].range.clone());
                out.push(d.range.clone());
                // The opener and every opener after it (of either mark) are done.
                openers.truncate(k);
                for positions in of_mark.iter_mut() {
                    while positions.last().is_some_and(|&p| p >= k) {
                        positions.pop();
                    }
                }
                continue;
            }
        }
        if d.can_open {
            of_mark[slot(d.mark)].push(openers.len());
            openers.push(d);
        }
    }
    out
}

/// Whether a run of `mark` (`*` or `_`) of `len` between `before` and `after` is emphasis.
fn is_emphasis(mark: u8, len: usize, before: Option<char>, after: Option<char>) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    if len > 3 {
        return false;
    }
    // Inside a word: `snake_case`, `a*b`.
    if word(before) && word(after) {
        return false;
    }
    // Alone between spaces: `5 * 3`, but html2text's empty `<em></em>` is `__`.
    if space(before) && space(after) {
        return mark == b'_' && len == 2;
    }
    true
}

/// `text` with its Markdown syntax replaced by spaces: the same length and offsets, read as
/// plain prose. Borrowed when there is no syntax.
pub fn plain_view(text: &str) -> Cow<'_, str> {
    let markup = scan(text);
    blank(text, &markup.syntax)
}

/// `text` with `syntax` (sorted, disjoint byte ranges on char boundaries) replaced by spaces.
pub fn blank<'a>(text: &'a str, syntax: &[Range<usize>]) -> Cow<'a, str> {
    if syntax.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for r in syntax {
        if r.start < pos || r.end > text.len() {
            continue;
        }
        out.push_str(&text[pos..r.start]);
        // Keep line breaks so that paragraphs stay where they were.
        for c in text[r.clone()].chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    Cow::Owned(out)
}

/// The text of `range` without the bytes of `syntax` (sorted, disjoint) inside it, with the
/// white space left where syntax was folded to one space.
pub fn render(text: &str, range: Range<usize>, syntax: &[Range<usize>]) -> String {
    let range = range.start.min(text.len())..range.end.min(text.len());
    let i = syntax.partition_point(|r| r.end <= range.start);
    let mut out = String::with_capacity(range.len());
    let mut pos = range.start;
    let mut removed_before = false;
    for r in syntax[i..].iter().take_while(|r| r.start < range.end) {
        let s = r.start.max(range.start);
        if s > pos {
            push_folded(&mut out, &text[pos..s], removed_before);
        }
        removed_before = true;
        pos = pos.max(r.end.min(range.end));
    }
    if pos < range.end {
        push_folded(&mut out, &text[pos..range.end], removed_before);
    }
    out.trim().to_string()
}

fn push_folded(out: &mut String, piece: &str, after_removal: bool) {
    if after_removal && out.ends_with([' ', '\n']) {
        let trimmed = piece.trim_start_matches([' ', '\t']);
        out.push_str(trimmed);
    } else {
        out.push_str(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(text: &str) -> String {
        let m = scan(text);
        render(text, 0..text.len(), &m.syntax)
    }

    /// Checks each (Markdown, its text as rendered) pair.
    fn assert_renders(cases: &[(&str, &str)]) {
        for (markdown, text) in cases {
            assert_eq!(rendered(markdown), *text, "{markdown:?}");
        }
    }

    #[test]
    fn links_keep_their_anchor_text_and_images_are_syntax_whole() {
        let t = "The [city council](https://example.org/council \"Council\") voted.";
        assert_eq!(rendered(t), "The city council voted.");
        let m = scan(t);
        assert_eq!(m.links.len(), 1);
        assert_eq!(&t[m.links[0].anchor.clone()], "city council");
        assert!(!m.links[0].image);
        // Images and linked images are syntax, whole.
        let t = "[ ![Logo of the paper](/logo.png) ](https://example.org/)\n\nText.";
        assert_eq!(rendered(t), "Text.");
        let m = scan(t);
        assert_eq!(m.links.len(), 2);
        assert!(m.links.iter().any(|l| l.image));
    }

    #[test]
    fn emphasis_and_line_markers() {
        assert_renders(&[
            (
                "> **“We will stay,”** she said.",
                "“We will stay,” she said.",
            ),
            ("_“Never again.”_", "“Never again.”"),
            (
                "  * **Why it matters:** the plan",
                "Why it matters: the plan",
            ),
            ("## A headline", "A headline"),
            ("1\\. Not a list", "1. Not a list"),
        ]);
    }

    #[test]
    fn unpaired_or_intraword_marks_are_text() {
        for t in [
            "Typing window.__xss = 1 into a form, then window.__xss=2 again.",
            "Call my_var_name and x__y; 2 * 3 * 4 is 24.",
            "A *star that never closes.",
            "**Opened here\n\nand closed** in the next paragraph.",
        ] {
            assert_eq!(rendered(t), t, "{t}");
        }
        assert_renders(&[
            ("say __this__ and *that*", "say this and that"),
            ("before __ after", "before after"),
        ]);
    }

    #[test]
    fn prose_is_left_alone() {
        for t in [
            "He said [sic] that 5 * 3 is 15 and snake_case stays.",
            "Prices rose 3% (from 2 to 5) in [the region].",
            "A_B and a*b and x_1 things",
        ] {
            assert_eq!(plain_view(t), t, "{t}");
        }
    }

    #[test]
    fn plain_view_keeps_offsets() {
        let t = "A [link](http://x.y/z) and **bold**.\n\n* item";
        let v = plain_view(t);
        assert_eq!(v.len(), t.len());
        assert_eq!(v.find("link"), t.find("link"));
        assert_eq!(v.find("bold"), t.find("bold"));
        assert!(!v.contains("http"));
    }

    #[test]
    fn broken_links_are_not_links() {
        let t = "[not closed (http://x.y) and [x] (y) and [a](b c)";
        assert!(scan(t).links.is_empty());
        let t = "[a\n\nb](http://x.y)";
        assert!(scan(t).links.is_empty());
    }

    #[test]
    fn rules_and_autolinks() {
        assert_renders(&[
            ("* * *", ""),
            ("See <https://example.org/a> now", "See now"),
        ]);
    }

    #[test]
    fn many_unpaired_marks_take_linear_time() {
        let t = "*a _b ".repeat(200_000);
        let started = std::time::Instant::now();
        let m = scan(&t);
        assert!(m.syntax.is_empty());
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn never_panics_on_odd_bytes() {
        for t in [
            "[",
            "]",
            "![",
            "![x](",
            "[x](",
            "\\",
            "*",
            "_",
            "<http",
            "<https://",
            "#",
            ">",
            "é[ü](ö)",
            "**é**",
            "_ü_",
            "[x](y \"z",
            "[x](y \"z\"",
        ] {
            let m = scan(t);
            let _ = plain_view(t);
            let _ = render(t, 0..t.len(), &m.syntax);
        }
    }
}
