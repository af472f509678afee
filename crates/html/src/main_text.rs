//! The article body: which part of the page it is, and its paragraphs.
//!
//! 1. **Blocks.** The body is cut into text blocks at block-level elements (`p`, `div`,
//!    `li`, headings, table rows, big table cells, …), each with its length, the part of it
//!    inside links, the element that holds it, and the innermost *component* around it: an
//!    element whose name, class, id or role says it is boilerplate ([`crate::hints`]:
//!    navigation, share bars, newsletter and donation boxes, related links, comments, cookie
//!    banners, captions, bylines, author bios, …) or that is hidden. Scripts, styles, form
//!    controls and media are skipped outright.
//! 2. **Pruning.** A component's blocks are removed unless the component holds most of the
//!    page's prose (a page-wide wrapper with a class like `has-comments`) or the page's main
//!    article markup (`<article>`, `itemprop="articleBody"`, a schema.org article type; the
//!    one with the most prose of its own). Blocks inside *other* article elements (teaser
//!    cards, comments marked up as articles) are removed too.
//! 3. **The container.** Each remaining block scores for the elements around it: prose
//!    (long enough, few links) counts for, link lists and short fragments count against.
//!    Scores are summed up the tree in one backward pass; elements named like an article
//!    body (`article-body`, `entry-content`, …) get a bonus; the element with the best sum
//!    wins: the element that holds the article's paragraphs without the page around them.
//! 4. **Filtering.** The container's blocks are kept, minus link lists and the headline
//!    (which is metadata).
//!
//! Every pass is a loop over the node array (no recursion), so the work is linear in the
//! page size. The constants below were tuned on the Zyte and WCXB benchmark pages (see
//! `bench/html_quality.sh`), with generic rules only.

use crate::dom::{Dom, Kind, Tag, ROOT};
use crate::hints::hints;
use crate::text::{fold_whitespace_into, truncate_chars};

/// At most this many removed blocks are reported, each cut to this many characters.
const MAX_BOILERPLATE_ITEMS: usize = 300;
const MAX_BOILERPLATE_CHARS: usize = 300;

/// The article text and what was removed around it.
#[derive(Debug, Default)]
pub struct MainText {
    pub text: String,
    pub boilerplate: Vec<(String, &'static str)>,
}

/// One run of text between block boundaries.
#[derive(Debug)]
struct Block {
    /// Folded text; lines (from `<br>`) separated by '\n'.
    text: String,
    /// Non-whitespace bytes, and those inside links.
    len: usize,
    link_len: usize,
    /// The block-level element holding the text.
    owner: usize,
    /// The innermost boilerplate component around the block (index), or [`NONE`].
    component: u32,
    /// Why the block is removed, once decided.
    removed: Option<&'static str>,
}

/// Extracts the main text of a parsed page. `title` (when known) lets the headline be left
/// out of the body.
pub fn extract(dom: &Dom<'_>, title: Option<&str>) -> MainText {
    let analysis = analyse(dom);
    let mut removed = Removed::default();
    let text = assemble(dom, &analysis, title, &mut removed);
    MainText {
        text,
        boilerplate: removed.items,
    }
}

/// The blocks of a page and the container chosen for the article.
struct Analysis {
    blocks: Vec<Block>,
    container: usize,
}

fn analyse(dom: &Dom<'_>) -> Analysis {
    let body = find_body(dom);
    let text_len = measure_text(dom);
    let mut segments = segment(dom, body, &text_len);
    prune_components(dom, body, &mut segments);
    let container = best_container(dom, body, &segments.blocks, &segments.named_bodies);
    Analysis {
        blocks: segments.blocks,
        container,
    }
}

/// The `body` element, else the document.
fn find_body(dom: &Dom<'_>) -> usize {
    (1..dom.len())
        .find(|&i| dom.is_element(i) && dom.tag(i) == Tag::Body)
        .unwrap_or(ROOT)
}

/// Elements whose content is never article text.
fn never_text(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Script
            | Style
            | Noscript
            | Template
            | Svg
            | Math
            | Iframe
            | Object
            | Embed
            | Canvas
            | Video
            | Audio
            | Select
            | Option
            | Button
            | Input
            | Textarea
            | Head
            | Title
            | Meta
            | Link
            | Map
            | Dialog
            | Label
            | Frameset
            | Frame
            | Noframes
    )
}

/// A table cell with less text than this is part of its row's line; a bigger one (a layout
/// table) is a block of its own.
const CELL_BLOCK_MIN: u32 = 200;

/// Non-whitespace text per subtree, skipping subtrees that are never text.
fn measure_text(dom: &Dom<'_>) -> Vec<u32> {
    let n = dom.len();
    let mut text = vec![0u32; n];
    for i in (1..n).rev() {
        let node = dom.node(i);
        match node.kind {
            Kind::Text => text[i] = visible_len(dom.raw_text(i)) as u32,
            Kind::Element if never_text(node.tag) => text[i] = 0,
            _ => {}
        }
        let parent = node.parent as usize;
        text[parent] = text[parent].saturating_add(text[i]);
    }
    text
}

/// Non-whitespace bytes.
fn visible_len(s: &str) -> usize {
    s.bytes().filter(|b| !b.is_ascii_whitespace()).count()
}

/// Removed text, capped.
#[derive(Default)]
struct Removed {
    items: Vec<(String, &'static str)>,
}

impl Removed {
    fn push(&mut self, text: &str, reason: &'static str) {
        if text.is_empty() || self.items.len() >= MAX_BOILERPLATE_ITEMS {
            return;
        }
        self.items
            .push((truncate_chars(text, MAX_BOILERPLATE_CHARS), reason));
    }
}

/// An element whose hints say it is a boilerplate component (or hidden).
struct Component {
    node: usize,
    reason: &'static str,
    /// Hidden from readers: an article inside does not make it the article.
    hidden: bool,
}

/// No component.
const NONE: u32 = u32::MAX;

/// The page cut into blocks, with the components they sit in.
struct Segments {
    blocks: Vec<Block>,
    components: Vec<Component>,
    /// Elements marked up as an article (`<article>`, `itemprop="articleBody"`, …).
    articles: Vec<usize>,
    /// Elements named like an article body (`class="article-body"`, …).
    named_bodies: Vec<usize>,
}

/// Cuts the body into blocks. Each block remembers the innermost boilerplate component
/// around it; whether that component is really removed is decided later, once the page's
/// prose is known ([`prune_components`]).
fn segment(dom: &Dom<'_>, body: usize, text_len: &[u32]) -> Segments {
    let mut blocks = Vec::new();
    let mut components = Vec::new();
    let mut articles = Vec::new();
    let mut named_bodies = Vec::new();
    let mut builder = BlockBuilder::default();
    // Open block-level elements: (subtree end, node).
    let mut open: Vec<(usize, usize)> = vec![(dom.node(body).end as usize, body)];
    // Open components: (subtree end, index into `components`).
    let mut open_components: Vec<(usize, u32)> = Vec::new();
    let mut link_until = 0usize;
    let mut hidden_until = 0usize;
    let end = dom.node(body).end as usize;
    let mut i = body + 1;
    while i < end {
        loop {
            let block_done = open.len() > 1 && open.last().is_some_and(|&(e, _)| e <= i);
            let component_done = open_components.last().is_some_and(|&(e, _)| e <= i);
            if !block_done && !component_done {
                break;
            }
            builder.flush(&mut blocks, owner_of(&open), component_of(&open_components));
            if block_done {
                open.pop();
            }
            if component_done {
                open_components.pop();
            }
        }
        let node = dom.node(i);
        match node.kind {
            Kind::Text => {
                builder.push_text(dom.raw_text(i), i < link_until);
                i += 1;
            }
            Kind::Element => {
                let tag = node.tag;
                let sub_end = node.end as usize;
                if never_text(tag) {
                    i = sub_end;
                    continue;
                }
                let h = hints(dom, i);
                let cell = matches!(tag, Tag::Td | Tag::Th);
                // An inline element (`a`, `em`, `strong`, `span`, `abbr`, …) in the middle of
                // running text, with text before and after it in its block, is part of its
                // sentence: its class never makes it a component of its own (that split the
                // paragraph and dropped the words, such as a name in a link classed
                // `tag-link`), and when hidden it is left out without a break. One that ends
                // its block (a credit, a byline's name, a time) is judged by its class.
                let inline = !tag.is_block() && !cell && tag != Tag::Br;
                let in_running_text = inline
                    && builder.len > 0
                    && text_len[owner_of(&open)] as usize > builder.len + text_len[i] as usize;
                if in_running_text {
                    if h.hidden {
                        i = sub_end;
                        continue;
                    }
                    if tag == Tag::A && i >= link_until {
                        link_until = sub_end;
                    }
                    i += 1;
                    continue;
                }
                if h.hidden && i >= hidden_until {
                    hidden_until = sub_end;
                }
                // Article markup in a hidden copy (metadata for crawlers) does not count.
                if h.article && i >= hidden_until {
                    articles.push(i);
                }
                if h.body {
                    named_bodies.push(i);
                }
                let reason = if h.hidden { Some("hidden") } else { h.negative };
                if let Some(reason) = reason {
                    builder.flush(&mut blocks, owner_of(&open), component_of(&open_components));
                    open_components.push((sub_end, components.len() as u32));
                    components.push(Component {
                        node: i,
                        reason,
                        hidden: h.hidden,
                    });
                }
                if tag.is_block() || (cell && text_len[i] >= CELL_BLOCK_MIN) {
                    builder.flush(&mut blocks, owner_of(&open), component_of(&open_components));
                    open.push((sub_end, i));
                } else if cell {
                    builder.space();
                } else if tag == Tag::Br {
                    builder.line_break();
                } else if tag == Tag::A && i >= link_until {
                    link_until = sub_end;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    builder.flush(&mut blocks, owner_of(&open), component_of(&open_components));
    Segments {
        blocks,
        components,
        articles,
        named_bodies,
    }
}

fn owner_of(open: &[(usize, usize)]) -> usize {
    open.last().map_or(ROOT, |&(_, n)| n)
}

fn component_of(open: &[(usize, u32)]) -> u32 {
    open.last().map_or(NONE, |&(_, c)| c)
}

/// Decides which components are removed and marks their blocks. A component is not
/// boilerplate, whatever its class says, when it holds most of the page's prose (a
/// page-wide wrapper named `has-comments`) or the page's main article markup (a wrapper
/// named `pg-right-rail` around `itemprop="articleBody"`).
fn prune_components(dom: &Dom<'_>, body: usize, segments: &mut Segments) {
    let n = dom.len();
    let mut prose = vec![0u64; n];
    for b in &segments.blocks {
        prose[b.owner] += prose_len(dom, b) as u64;
    }
    for i in (1..n).rev() {
        let parent = dom.node(i).parent as usize;
        prose[parent] += prose[i];
    }
    let total = prose[body];
    let holds = |outer: usize, inner: usize| outer <= inner && inner < dom.node(outer).end as usize;
    // The article-marked element with the most prose of its own (not counting article
    // elements nested in it: a list of teaser cards is not an article), if it has a fair
    // share of the page's, narrowed to the innermost marked element inside it that still
    // holds nearly all of its prose (`<article>` around `itemprop="articleBody"`).
    let inner = innermost_articles(dom, &segments.articles);
    let mut own = prose.clone();
    for &a in &segments.articles {
        let parent = dom.node(a).parent as usize;
        let enclosing = inner[parent];
        if enclosing != NONE {
            own[enclosing as usize] = own[enclosing as usize].saturating_sub(prose[a]);
        }
    }
    let outer_article = segments
        .articles
        .iter()
        .copied()
        .max_by_key(|&a| (own[a], std::cmp::Reverse(a)))
        .filter(|&a| own[a] > 0 && prose[a] * 4 >= total);
    let main_article = outer_article.map(|outer| {
        segments
            .articles
            .iter()
            .copied()
            .filter(|&a| holds(outer, a) && prose[a] * 5 >= prose[outer] * 4)
            .max()
            .unwrap_or(outer)
    });
    let pruned: Vec<bool> = segments
        .components
        .iter()
        .map(|c| {
            let most_prose = total > 0 && prose[c.node] * 10 > total * 7;
            let holds_article = !c.hidden && main_article.is_some_and(|a| holds(c.node, a));
            !(most_prose || holds_article)
        })
        .collect();
    for b in &mut segments.blocks {
        if b.component != NONE && pruned[b.component as usize] {
            b.removed = Some(segments.components[b.component as usize].reason);
        }
    }
    // Other articles on the page (teaser cards, comments marked up as `<article>`): blocks
    // outside the main article whose innermost article element does not hold it.
    if let Some(main) = outer_article {
        for b in &mut segments.blocks {
            if b.removed.is_some() || holds(main, b.owner) {
                continue;
            }
            let e = inner[b.owner];
            if e != NONE && !holds(e as usize, main) {
                b.removed = Some("other articles");
            }
        }
    }
}

/// For every node, its innermost article-marked ancestor-or-self, or [`NONE`].
fn innermost_articles(dom: &Dom<'_>, articles: &[usize]) -> Vec<u32> {
    let n = dom.len();
    let mut inner = vec![NONE; n];
    for &a in articles {
        inner[a] = a as u32;
    }
    for i in 1..n {
        if inner[i] == NONE {
            inner[i] = inner[dom.node(i).parent as usize];
        }
    }
    inner
}

/// The length of a block that counts as article prose (0 for link lists and fragments).
fn prose_len(dom: &Dom<'_>, b: &Block) -> usize {
    let own = b.len - b.link_len;
    if b.link_len * 2 > b.len {
        return 0;
    }
    if own >= 80 || (dom.tag(b.owner) == Tag::P && own >= 30) {
        own
    } else {
        0
    }
}

/// Stands for `<br>` in a block's raw text (source text never keeps a NUL: see
/// [`BlockBuilder::push_text`]).
const LINE_BREAK: char = '\0';

/// Accumulates the text of the current block.
#[derive(Default)]
struct BlockBuilder {
    raw: String,
    len: usize,
    link_len: usize,
}

impl BlockBuilder {
    fn push_text(&mut self, raw: &str, in_link: bool) {
        let before = self.raw.len();
        crate::entities::decode_into(raw, &mut self.raw);
        if self.raw[before..].contains(LINE_BREAK) {
            let cleaned = self.raw[before..].replace(LINE_BREAK, " ");
            self.raw.truncate(before);
            self.raw.push_str(&cleaned);
        }
        let added = visible_len(&self.raw[before..]);
        self.len += added;
        if in_link {
            self.link_len += added;
        }
    }

    fn line_break(&mut self) {
        self.raw.push(LINE_BREAK);
    }

    fn space(&mut self) {
        self.raw.push(' ');
    }

    fn flush(&mut self, blocks: &mut Vec<Block>, owner: usize, component: u32) {
        if self.len > 0 {
            let mut text = String::with_capacity(self.raw.len());
            for line in self.raw.split(LINE_BREAK) {
                let mark = text.len();
                if mark > 0 {
                    text.push('\n');
                }
                let before = text.len();
                fold_whitespace_into(line, &mut text);
                if text.len() == before {
                    text.truncate(mark);
                }
            }
            if !text.is_empty() {
                let text = match crate::text::repair_mojibake(&text) {
                    std::borrow::Cow::Owned(fixed) => fixed,
                    std::borrow::Cow::Borrowed(_) => text,
                };
                blocks.push(Block {
                    text,
                    len: self.len,
                    link_len: self.link_len,
                    owner,
                    component,
                    removed: None,
                });
            }
        }
        self.raw.clear();
        self.len = 0;
        self.link_len = 0;
    }
}

/// What a short block that is not prose costs its container (list items excepted).
const SHORT_PENALTY: f64 = 5.0;
/// Factor on the positive score of an element named like an article body.
const BODY_NAME_BONUS: f64 = 1.5;

/// How much a block speaks for the elements around it being the article.
fn block_score(dom: &Dom<'_>, b: &Block) -> f64 {
    let len = b.len as f64;
    let link = b.link_len as f64;
    let own = len - link;
    let density = if len > 0.0 { link / len } else { 0.0 };
    if density > 0.5 {
        return -link;
    }
    let tag = dom.tag(b.owner);
    if own >= 80.0 || (tag == Tag::P && own >= 30.0) {
        own - link
    } else if tag == Tag::Li && link == 0.0 {
        // Short list items without links: neutral (article lists, not menus).
        0.0
    } else {
        -(SHORT_PENALTY + link)
    }
}

/// The element whose subtree's block scores sum highest (the outermost such, on ties).
/// Removed blocks do not count.
fn best_container(dom: &Dom<'_>, body: usize, blocks: &[Block], named_bodies: &[usize]) -> usize {
    let n = dom.len();
    let mut sum = vec![0f64; n];
    for b in blocks.iter().filter(|b| b.removed.is_none()) {
        sum[b.owner] += block_score(dom, b);
    }
    for i in (1..n).rev() {
        let parent = dom.node(i).parent as usize;
        let s = sum[i];
        sum[parent] += s;
    }
    for &i in named_bodies {
        if sum[i] > 0.0 {
            sum[i] *= BODY_NAME_BONUS;
        }
    }
    let end = dom.node(body).end as usize;
    let mut best = body;
    for i in body..end {
        if sum[i] <= 0.0 || !dom.is_element(i) {
            continue;
        }
        // Ancestors come first: on a tie the broader element stays (what it adds is
        // neutral, like short list items).
        if sum[i] > sum[best] {
            best = i;
        }
    }
    best
}

/// Joins the kept blocks of the container into the article text; records the rest.
fn assemble(
    dom: &Dom<'_>,
    analysis: &Analysis,
    title: Option<&str>,
    removed: &mut Removed,
) -> String {
    let container = analysis.container;
    let end = dom.node(container).end as usize;
    let mut out = String::new();
    let mut last_component = NONE;
    for b in &analysis.blocks {
        if let Some(reason) = b.removed {
            // One entry per component, not per block.
            if b.component != last_component {
                removed.push(&b.text, reason);
            } else if let Some(last) = removed.items.last_mut() {
                if last.0.len() < MAX_BOILERPLATE_CHARS {
                    last.0 =
                        truncate_chars(&format!("{} {}", last.0, b.text), MAX_BOILERPLATE_CHARS);
                }
            }
            last_component = b.component;
            continue;
        }
        last_component = NONE;
        if b.owner < container || b.owner >= end {
            continue;
        }
        if let Some(reason) = block_reason(dom, b, title) {
            removed.push(&b.text, reason);
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&b.text);
    }
    out
}

/// Why a block of the container is left out, or `None` to keep it.
fn block_reason(dom: &Dom<'_>, b: &Block, title: Option<&str>) -> Option<&'static str> {
    if b.link_len * 2 > b.len {
        return Some("link list");
    }
    let tag = dom.tag(b.owner);
    if tag == Tag::H1 {
        if let Some(t) = title {
            if same_text(t, &b.text) {
                return Some("headline");
            }
        }
    }
    None
}

/// Equal ignoring case and non-alphanumerics.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

/// JSON-LD `articleBody` at least this long (characters) may replace the page's text…
const JSON_LD_BODY_MIN: usize = 500;

/// The JSON-LD `articleBody` as the article text, when it is long and clearly more complete
/// than what the page's markup gave (`dom_text`); `None` to keep the markup's text, which
/// has the paragraph breaks. HTML inside the body is reduced to its text, one paragraph per
/// block.
pub fn prefer_json_ld_body(body: &str, dom_text: &str) -> Option<String> {
    let body_len = crate::text::char_len(body);
    let dom_len = crate::text::char_len(dom_text);
    if body_len < JSON_LD_BODY_MIN || body_len * 10 < dom_len * JSON_LD_BODY_RATIO {
        return None;
    }
    let paragraphs: Vec<String> = if body.contains('<') {
        let dom = Dom::parse(body);
        dom.text_lines(ROOT)
    } else {
        body.lines()
            .map(crate::text::fold_whitespace)
            .filter(|l| !l.is_empty())
            .collect()
    };
    let text = paragraphs.join("\n\n");
    (!text.is_empty()).then_some(text)
}

/// …when it is at least this many tenths of the markup's text.
const JSON_LD_BODY_RATIO: usize = 13;

/// Development aid: the chosen container, then every block with its score, one line each
/// (`IN` for blocks of the container, `[reason]` for removed ones).
#[doc(hidden)]
pub fn explain(dom: &Dom<'_>) -> String {
    use std::fmt::Write;
    let analysis = analyse(dom);
    let mut out = String::new();
    let path = |i: usize| -> String {
        let mut p: Vec<String> = dom
            .ancestors(i)
            .take(5)
            .map(|a| {
                let class = dom.attr(a, "class").unwrap_or_default();
                format!("{}.{}", dom.name(a), truncate_chars(&class, 25))
            })
            .collect();
        p.reverse();
        let class = dom.attr(i, "class").unwrap_or_default();
        p.push(format!("{}#{}.{}", dom.name(i), i, class));
        p.join(">")
    };
    let _ = writeln!(out, "CONTAINER {}", path(analysis.container));
    let end = dom.node(analysis.container).end as usize;
    for b in &analysis.blocks {
        let inside = b.owner >= analysis.container && b.owner < end;
        let _ = writeln!(
            out,
            "{} {:>7.1} len={} link={} [{}] {} | {}",
            if inside { "IN " } else { "   " },
            block_score(dom, b),
            b.len,
            b.link_len,
            b.removed.unwrap_or(""),
            path(b.owner),
            truncate_chars(&b.text.replace('\n', " / "), 100)
        );
    }
    out
}
