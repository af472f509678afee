//! How a block's prose ends, the mark of a teaser card (see [`teaser_card`]): a summary cut short with an ellipsis
//! (`… `, `...`), or prose followed by a short link of its own ("Read more", "Full review…",
//! "Continue →"), which is how lists of related and latest stories end each item. An
//! article's paragraph ends in its own sentence. Measured on the text alone, on the view with
//! the Markdown syntax blanked (`stats.rs` measures the rest).

use std::ops::Range;

use crate::markdown::Markup;

/// How a block's prose ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Ending {
    /// The prose ends with an ellipsis, not inside a quotation (before a closing link, if any).
    pub ellipsis: bool,
    /// The block ends with a link of one to three words after at least eight words of prose
    /// outside links that end a sentence (a sentence ending on a linked name is not this).
    pub short_link: bool,
}

/// Prose of at least this many words before a closing link.
const PROSE_BEFORE_LINK: usize = 8;
/// A closing link of at most this many words.
const SHORT_LINK: usize = 3;

/// Words of a headline link that opens a teaser card.
const HEADLINE: usize = 3;

/// Whether `block` is a teaser card: its prose starts inside a link of at least three words (a
/// headline pointing to another page) and ends like a cut summary (an ellipsis) or with a short
/// link of its own ("Read more"). The card summarises another article; what it quotes is that
/// article's, not this page's.
pub fn teaser_card(view: &str, markup: &Markup, block: Range<usize>) -> bool {
    if markup.links.is_empty() {
        return false;
    }
    let Some(prose) = view.get(block.clone()) else {
        return false;
    };
    let Some(first) = prose.find(char::is_alphanumeric) else {
        return false;
    };
    let at = block.start + first;
    let i = markup.links.partition_point(|l| l.target.end <= at);
    let opens = markup.links[i..]
        .iter()
        .filter(|l| !l.image && l.anchor.start <= at && at < l.anchor.end)
        .any(|l| words(view.get(l.anchor.clone()).unwrap_or("")) >= HEADLINE);
    if !opens {
        return false;
    }
    let e = measure_one(view, markup, block);
    e.ellipsis || e.short_link
}

fn words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The ending of `block` (`view`: the text with its Markdown syntax blanked, same offsets).
fn measure_one(view: &str, markup: &Markup, block: Range<usize>) -> Ending {
    let Some(prose) = view.get(block.clone()) else {
        return Ending::default();
    };
    let mut end = block.start + prose.trim_end().len();
    let mut short_link = false;
    // The last link closing inside the block (links are in order of their closing parenthesis).
    let k = markup.links.partition_point(|l| l.target.end <= block.end);
    if let Some(l) = k.checked_sub(1).and_then(|k| markup.links.get(k)) {
        let inside = l.anchor.start >= block.start && !l.image;
        let after = view.get(l.anchor.end.min(end)..end).unwrap_or("");
        if inside && !after.chars().any(char::is_alphanumeric) {
            let anchor = view.get(l.anchor.clone()).unwrap_or("");
            let n = words(anchor);
            // The prose before the link, less the words of other links.
            let before = view.get(block.start..l.anchor.start).unwrap_or("");
            // Links closing before the block cannot be in it.
            let lo = markup
                .links
                .partition_point(|o| o.target.end <= block.start);
            let linked: usize = markup.links[lo.min(k - 1)..k - 1]
                .iter()
                .filter(|o| !o.image && o.anchor.start >= block.start)
                .map(|o| words(view.get(o.anchor.clone()).unwrap_or("")))
                .sum();
            let closed = before
                .trim_end()
                .trim_end_matches(['\u{201d}', '"', '\u{2019}', '\''])
                .ends_with(['.', '!', '?', '\u{2026}']);
            if (1..=SHORT_LINK).contains(&n)
                && closed
                && words(before).saturating_sub(linked) >= PROSE_BEFORE_LINK
            {
                short_link = true;
                end = block.start + before.trim_end().len();
            }
        }
    }
    let tail = view.get(block.start..end).unwrap_or("").trim_end();
    let ellipsis = tail.ends_with('…') || tail.ends_with("...");
    Ending {
        ellipsis,
        short_link,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    /// `f` on each paragraph of `text`, given the text's view and markup.
    fn per_paragraph<T>(text: &str, f: fn(&str, &Markup, Range<usize>) -> T) -> Vec<T> {
        let markup = markdown::scan(text);
        let view = markdown::blank(text, &markup.syntax);
        crate::paragraphs(text)
            .into_iter()
            .map(|p| f(&view, &markup, p))
            .collect()
    }

    fn endings(text: &str) -> Vec<Ending> {
        per_paragraph(text, measure_one)
    }

    #[test]
    fn teaser_cards_and_article_paragraphs() {
        let text = "[Harbour board delays the ferry vote](/news/ferry) The board said on Monday \
                    that it needs another month to weigh the bids, and the mayor …\n\n\
                    The council will meet again in March to hear the engineers, who asked for \
                    more time. [Read more](/news/council)\n\n\
                    The mayor said the bridge would reopen in May, after the inspection.\n\n\
                    She said: \u{201c}We will wait and see\u{2026}\u{201d}\n\n\
                    She spoke to the harbour board, the council and the engineers, according \
                    to [Reuters](/r).";
        let e = endings(text);
        assert_eq!(e.len(), 5);
        assert!(e[0].ellipsis && !e[0].short_link, "{:?}", e[0]);
        assert!(e[1].short_link && !e[1].ellipsis, "{:?}", e[1]);
        assert_eq!(e[2], Ending::default());
        assert_eq!(e[3], Ending::default(), "an ellipsis inside a quotation");
        assert_eq!(e[4], Ending::default(), "a sentence that ends on a link");
    }

    #[test]
    fn teaser_cards() {
        let cards = |text: &str| per_paragraph(text, teaser_card);
        let text = "* [Harbour board delays the ferry vote](/news/ferry) The board said on Monday \
                    that it needs another month to weigh the bids, and the mayor \u{2026}\n\n\
                    [The council meets in March](/c) to hear the engineers, who asked for more \
                    time to finish. [Read more](/news/council)\n\n\
                    [Mayor Ana Lind](/people/lind) said the bridge would reopen in May, after \
                    the inspection.\n\n\
                    [Lind](/people/lind) said the vote could wait until the summer\u{2026}\n\n\
                    The board said on Monday that it needs another month\u{2026}";
        assert_eq!(cards(text), [true, true, false, false, false]);
    }

    #[test]
    fn odd_inputs() {
        assert!(endings("").is_empty());
        assert_eq!(endings("[x](y)").len(), 1);
        assert_eq!(endings("…\n\n[](\n\n![a](b) [c](d)").len(), 3);
        let text = "[a b c](d)\n\n[](x) …\n\n[[a b c](d) e f g h i j k l m.](y) [z](w)";
        let markup = markdown::scan(text);
        let view = markdown::blank(text, &markup.syntax);
        for p in crate::paragraphs(text) {
            let _ = teaser_card(&view, &markup, p);
        }
        assert!(!teaser_card(&view, &markup, 0..text.len() + 5));
    }
}
