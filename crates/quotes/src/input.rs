//! What reaches extraction, and how: an article's text ([`extract`], [`extract_with`]) or a
//! whole page as a scraper or an export left it ([`extract_page`]), Markdown or plain.
//!
//! Boilerplate is decided on the text as given: by the exact rules for an article's text (what
//! a page cleaner made, or an article on its own), by the learned block classifier of
//! `quotetrace-text` for a whole page. Extraction then reads a view of the text with its
//! Markdown syntax blanked (link targets, emphasis marks, list and quote markers, images), so
//! that `_“…”_`, `> **‘…’**` or a `[link](url)` inside a quotation pair and attribute as plain
//! prose does, and a bold label is no name. The view has the text's length, so offsets index
//! the text as given; the texts reported (quote, mention, cue) are those stretches with the
//! syntax taken out, equal to the slice wherever there is none.

use std::ops::Range;

use quotetrace_model::{Boilerplate, Span};
use quotetrace_text::{self as text, markdown};

use crate::attribution::{extract_prepared, Extraction};

/// Extracts the quotations of one article's text.
pub fn extract(text: &str) -> Extraction {
    extract_with(text, &|_| false)
}

/// Extracts the quotations of one article's text, treating the paragraphs for which
/// `recurring` is true as boilerplate too (paragraphs a corpus has seen across many articles of
/// the same outlet, such as a donation appeal).
pub fn extract_with(text: &str, recurring: &dyn Fn(&str) -> bool) -> Extraction {
    run(text, recurring, Source::Article)
}

/// Extracts the quotations of a whole page as a scraper, a news API or an archive export left
/// it (Markdown or plain text, navigation, related links, captions and comments still in):
/// the block classifier decides which paragraphs are the article. `recurring` as for
/// [`extract_with`].
pub fn extract_page(text: &str, recurring: &dyn Fn(&str) -> bool) -> Extraction {
    run(text, recurring, Source::Page)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Article,
    Page,
}

fn run(raw: &str, recurring: &dyn Fn(&str) -> bool, source: Source) -> Extraction {
    let markup = markdown::scan(raw);
    let view = markdown::blank(raw, &markup.syntax);
    let ranges = text::paragraphs(raw);
    // Kept for their text but outside the page's main stretches of article: read for
    // names, never quoted from (see quotetrace_text::blocks).
    let mut asides = vec![false; ranges.len()];
    let mut marks: Vec<Option<&'static str>> = match source {
        Source::Article => {
            let found = text::find_boilerplate(raw, &ranges);
            let mut marks = vec![None; ranges.len()];
            let mut j = 0;
            for (i, r) in ranges.iter().enumerate() {
                while j < found.len() && found[j].range.start < r.start {
                    j += 1;
                }
                if found.get(j).is_some_and(|b| b.range == *r) {
                    marks[i] = Some(found[j].why);
                }
            }
            marks
        }
        Source::Page => {
            let verdicts = text::blocks::classify_with(raw, &markup, &view, &ranges);
            asides = verdicts.iter().map(|v| !v.boilerplate && !v.main).collect();
            verdicts
                .into_iter()
                .map(|v| v.boilerplate.then_some(v.why))
                .collect()
        }
    };
    for (m, r) in marks.iter_mut().zip(&ranges) {
        if m.is_none() && recurring(&raw[r.clone()]) {
            *m = Some("recurring in outlet");
        }
    }
    let boilerplate = ranges
        .iter()
        .zip(&marks)
        .filter_map(|(r, m)| {
            m.map(|why| Boilerplate {
                start: r.start,
                end: r.end,
                why: why.to_string(),
            })
        })
        .collect();
    let boiler: Vec<bool> = marks.iter().map(Option::is_some).collect();
    // The paragraphs as the view has them: line markers blanked, so trimmed again.
    let in_view: Vec<Range<usize>> = ranges.iter().map(|r| trim_in(&view, r.clone())).collect();
    let titles: Vec<bool> = ranges
        .iter()
        .zip(&in_view)
        .map(|(r, v)| is_title(raw, &view, &markup, r.clone(), v.clone()))
        .collect();
    let mut ex = extract_prepared(&view, in_view, &boiler, &titles, &asides, boilerplate);
    if !markup.syntax.is_empty() {
        restore(raw, &markup.syntax, &mut ex);
    }
    ex
}

/// Whether the markup makes a paragraph a title rather than prose: a Markdown heading
/// (`## …`), a paragraph that is all link text (a headline pointing to another article,
/// as in lists of related and most-read stories), or a teaser card (such a headline with its
/// summary cut short). Headlines and teasers echo quotes; they are not where quotes are made.
fn is_title(
    raw: &str,
    view: &str,
    markup: &markdown::Markup,
    r: Range<usize>,
    prose: Range<usize>,
) -> bool {
    let t = raw[r.clone()].trim_start();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') && !t.contains('\n') {
        return true;
    }
    if prose.is_empty() {
        return false;
    }
    // A teaser card (a headline link, then a summary cut short or its own "read more"): it
    // quotes another article.
    if text::blocks::teaser_card(view, markup, r.clone()) {
        return true;
    }
    // Every word of the prose inside link anchors.
    let i = markup
        .links
        .partition_point(|l| l.anchor.end <= prose.start);
    let mut covered = prose.start;
    for l in markup.links[i..].iter().filter(|l| !l.image) {
        if l.anchor.start >= prose.end {
            break;
        }
        let gap = &view[covered.min(l.anchor.start)..l.anchor.start.max(covered)];
        if gap.chars().any(char::is_alphanumeric) {
            return false;
        }
        covered = covered.max(l.anchor.end);
    }
    covered > prose.start
        && !raw[covered.min(prose.end)..prose.end]
            .chars()
            .any(char::is_alphanumeric)
}

fn trim_in(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    start..start + s.trim().len()
}

/// Reported texts from the text as given, the syntax taken out (spans keep their offsets).
fn restore(raw: &str, syntax: &[Range<usize>], ex: &mut Extraction) {
    let fix = |span: &mut Span| {
        span.text = shown(raw, span.start..span.end, syntax);
    };
    for q in &mut ex.quotes {
        q.text = shown(raw, q.start..q.end, syntax);
        if let Some(m) = q.speaker_mention.as_mut() {
            fix(m);
        }
        if let Some(c) = q.cue.as_mut() {
            fix(c);
        }
        for v in &mut q.verbatim {
            fix(v);
        }
    }
}

/// The stretch `r` of `raw`: the slice itself when no syntax touches it, else rendered.
fn shown(raw: &str, r: Range<usize>, syntax: &[Range<usize>]) -> String {
    let i = syntax.partition_point(|s| s.end <= r.start);
    if syntax.get(i).is_none_or(|s| s.start >= r.end) {
        return raw.get(r).unwrap_or_default().to_string();
    }
    markdown::render(raw, r, syntax)
}
