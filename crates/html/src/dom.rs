//! A small, forgiving HTML parser that builds a flat, pre-order tree.
//!
//! Why not a general-purpose parser: the extractor needs a tree that looks like the one a
//! browser builds (so that "the element holding the article" means what it means on screen),
//! built in linear time with bounded work per token, and walked without recursion. The
//! parser here tokenizes the page in one pass and applies the parts of the HTML tree-building
//! rules that change the shape of news pages:
//!
//! - raw-text elements (`script`, `style`, `textarea`, `title`, `noscript`, …) end only at
//!   their own end tag, so markup inside scripts never becomes elements;
//! - void elements (`br`, `img`, `meta`, …) never take children; `/>` closes an element
//!   only inside `svg`/`math`;
//! - implied end tags: a block start closes an open `p`; `li`, `dt`/`dd`, `tr`, `td`/`th`,
//!   `option` close their open siblings; a heading closes an open heading; a new `a` closes an
//!   open `a`; content that cannot live in `head` closes it;
//! - an end tag closes the nearest open element of its name (and everything opened inside
//!   it), unless a table cell or table lies in between; stray end tags are ignored; end tags
//!   for `body` and `html` are ignored (later content still belongs to the body).
//!
//! Every decision is O(1) (per-name stacks of open positions), so the parser is linear in
//! the page size whatever the nesting depth.
//!
//! The tree is a `Vec<Node>` in document order: a node's descendants are the nodes right
//! after it, up to [`Node::end`]. Children are found by hopping from one child's `end` to
//! the next, so every walk is a loop over a range, never a recursion.

use std::collections::HashMap;

macro_rules! define_tags {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// The element names the extractor cares about; everything else is `Other`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum Tag { $($variant,)* Other }

        const KNOWN_TAGS: &[(&str, Tag)] = &[$(($name, Tag::$variant)),*];
    };
}

define_tags! {
    A => "a", Abbr => "abbr", Address => "address", Applet => "applet", Area => "area",
    Article => "article", Aside => "aside", Audio => "audio", B => "b", Base => "base",
    Bdi => "bdi", Bdo => "bdo", Big => "big", Blockquote => "blockquote", Body => "body",
    Br => "br", Button => "button", Canvas => "canvas", Caption => "caption",
    Center => "center", Cite => "cite", Code => "code", Col => "col", Colgroup => "colgroup",
    Dd => "dd", Del => "del", Details => "details", Dfn => "dfn", Dialog => "dialog",
    Dir => "dir", Div => "div", Dl => "dl", Dt => "dt", Em => "em", Embed => "embed",
    Fieldset => "fieldset", Figcaption => "figcaption", Figure => "figure", Font => "font",
    Footer => "footer", Form => "form", Frame => "frame", Frameset => "frameset",
    H1 => "h1", H2 => "h2", H3 => "h3", H4 => "h4", H5 => "h5", H6 => "h6", Head => "head",
    Header => "header", Hgroup => "hgroup", Hr => "hr", Html => "html", I => "i",
    Iframe => "iframe", Img => "img", Input => "input", Ins => "ins", Kbd => "kbd",
    Keygen => "keygen", Label => "label", Legend => "legend", Li => "li", Link => "link",
    Listing => "listing", Main => "main", Map => "map", Mark => "mark", Marquee => "marquee",
    Math => "math", Menu => "menu", Meta => "meta", Nav => "nav", Noembed => "noembed",
    Noframes => "noframes", Noscript => "noscript", Object => "object", Ol => "ol",
    Optgroup => "optgroup", Option => "option", Output => "output", P => "p",
    Param => "param", Picture => "picture", Plaintext => "plaintext", Pre => "pre",
    Q => "q", S => "s", Samp => "samp", Script => "script", Section => "section",
    Select => "select", Small => "small", Source => "source", Span => "span",
    Strike => "strike", Strong => "strong", Style => "style", Sub => "sub",
    Summary => "summary", Sup => "sup", Svg => "svg", Table => "table", Tbody => "tbody",
    Td => "td", Template => "template", Textarea => "textarea", Tfoot => "tfoot",
    Th => "th", Thead => "thead", Time => "time", Title => "title", Tr => "tr",
    Track => "track", Tt => "tt", U => "u", Ul => "ul", Var => "var", Video => "video",
    Wbr => "wbr", Xmp => "xmp",
}

impl Tag {
    /// Elements that never have content.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base
                | Br
                | Col
                | Embed
                | Hr
                | Img
                | Input
                | Keygen
                | Link
                | Meta
                | Param
                | Source
                | Track
                | Wbr
        )
    }

    /// Elements whose content is text up to their own end tag.
    fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script
                | Style
                | Textarea
                | Title
                | Xmp
                | Iframe
                | Noembed
                | Noframes
                | Noscript
                | Plaintext
        )
    }

    /// Elements whose start closes an open `p` (HTML's "close a p element").
    fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Dir
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hgroup
                | Hr
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Ul
                | Li
                | Dd
                | Dt
                | Listing
                | Xmp
                | Plaintext
        )
    }

    /// Elements that start and end a block of text (table cells excepted: whether a cell
    /// is a block depends on its size).
    pub fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            P | Div
                | Section
                | Article
                | Main
                | Li
                | Ul
                | Ol
                | Dl
                | Dt
                | Dd
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Blockquote
                | Pre
                | Table
                | Tr
                | Caption
                | Figure
                | Form
                | Header
                | Footer
                | Nav
                | Aside
                | Address
                | Hr
                | Center
                | Fieldset
                | Details
                | Summary
                | Body
                | Html
                | Hgroup
                | Menu
                | Tbody
                | Thead
                | Tfoot
                | Figcaption
                | Legend
        )
    }

    pub fn is_heading(self) -> bool {
        use Tag::*;
        matches!(self, H1 | H2 | H3 | H4 | H5 | H6)
    }

    /// Elements an end tag of another name may not close past (table scope, roughly).
    fn is_scope_boundary(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Td | Th | Table | Caption | Template | Object | Marquee | Applet | Html
        )
    }

    /// Elements allowed in `head`; any other start tag there closes the head.
    fn belongs_in_head(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Meta | Link | Title | Style | Script | Base | Noscript | Template | Head
        )
    }
}

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The document: node 0, parent of the top-level nodes.
    Document,
    Element,
    /// Text with character references still encoded (`Dom::text` decodes them).
    Text,
    /// The verbatim content of `script`/`style`-like elements.
    RawText,
}

/// One node. Byte ranges point into [`Dom::source`].
#[derive(Clone, Copy, Debug)]
pub struct Node {
    pub kind: Kind,
    pub tag: Tag,
    /// Interned element name (lower-case); equal names have equal ids.
    name: u32,
    /// Text: the text's byte range. Element: the attribute text's byte range.
    start: u32,
    stop: u32,
    pub parent: u32,
    /// One past the last descendant: the subtree of node `i` is `i..end`.
    pub end: u32,
}

/// A parsed page.
pub struct Dom<'s> {
    source: &'s str,
    pub nodes: Vec<Node>,
    names: Vec<Box<str>>,
}

/// Node 0 is always the document.
pub const ROOT: usize = 0;

impl<'s> Dom<'s> {
    /// Parses `source`. Pages over 4 GiB are cut at 4 GiB (offsets are 32-bit).
    pub fn parse(source: &'s str) -> Dom<'s> {
        let mut cut = source.len().min(u32::MAX as usize - 1);
        while !source.is_char_boundary(cut) {
            cut -= 1;
        }
        Builder::new(&source[..cut]).run()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn node(&self, i: usize) -> &Node {
        &self.nodes[i]
    }

    pub fn tag(&self, i: usize) -> Tag {
        self.nodes[i].tag
    }

    pub fn is_element(&self, i: usize) -> bool {
        self.nodes[i].kind == Kind::Element
    }

    /// The lower-case element name ("" for non-elements).
    pub fn name(&self, i: usize) -> &str {
        match self.nodes[i].kind {
            Kind::Element => &self.names[self.nodes[i].name as usize],
            _ => "",
        }
    }

    /// Children of node `i`, in order.
    pub fn children(&self, i: usize) -> Children<'_, 's> {
        Children {
            dom: self,
            next: i + 1,
            end: self.nodes[i].end as usize,
        }
    }

    /// Ancestors of node `i`, nearest first (the document included).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = i;
        std::iter::from_fn(move || {
            if at == ROOT {
                return None;
            }
            at = self.nodes[at].parent as usize;
            Some(at)
        })
    }

    /// The raw (still encoded) text of a text node; "" for elements.
    pub fn raw_text(&self, i: usize) -> &'s str {
        let n = &self.nodes[i];
        match n.kind {
            Kind::Text | Kind::RawText => &self.source[n.start as usize..n.stop as usize],
            _ => "",
        }
    }

    /// The raw attribute text of an element (between its name and `>`).
    fn attr_text(&self, i: usize) -> &'s str {
        let n = &self.nodes[i];
        match n.kind {
            Kind::Element => &self.source[n.start as usize..n.stop as usize],
            _ => "",
        }
    }

    /// The attributes of element `i` as (lower-case-insensitive name, raw value) pairs.
    pub fn attrs(&self, i: usize) -> Attrs<'s> {
        Attrs {
            text: self.attr_text(i),
            pos: 0,
        }
    }

    /// The raw value of attribute `name` (ASCII case-insensitive); `Some("")` when present
    /// without a value.
    pub fn attr_raw(&self, i: usize, name: &str) -> Option<&'s str> {
        self.attrs(i)
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// The decoded value of attribute `name`.
    pub fn attr(&self, i: usize, name: &str) -> Option<std::borrow::Cow<'s, str>> {
        self.attr_raw(i, name).map(crate::entities::decode)
    }

    /// Appends the decoded text of the subtree at `i` (scripts and styles skipped) to `out`,
    /// with a line break at each block boundary and `<br>`.
    pub fn text_into(&self, i: usize, out: &mut String) {
        let end = self.nodes[i].end as usize;
        let mut j = i;
        // Ends of the open block elements (to break the line when they close).
        let mut block_ends: Vec<usize> = Vec::new();
        while j < end {
            while block_ends.last().is_some_and(|&e| e <= j) {
                block_ends.pop();
                out.push('\n');
            }
            let n = &self.nodes[j];
            if n.kind == Kind::Element && n.tag.is_block() {
                out.push('\n');
                block_ends.push(n.end as usize);
            }
            match n.kind {
                Kind::Text => {
                    crate::entities::decode_into(self.raw_text(j), out);
                    j += 1;
                }
                Kind::Element if matches!(n.tag, Tag::Script | Tag::Style | Tag::Template) => {
                    j = n.end as usize;
                }
                Kind::Element if n.tag == Tag::Br => {
                    out.push('\n');
                    j += 1;
                }
                _ => j += 1,
            }
        }
    }

    /// The lines of the subtree's text (split at block boundaries and `<br>`), folded, empty
    /// ones dropped.
    pub fn text_lines(&self, i: usize) -> Vec<String> {
        let mut raw = String::new();
        self.text_into(i, &mut raw);
        raw.split('\n')
            .map(crate::text::fold_whitespace)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// The decoded text of the subtree at `i` with whitespace folded to single spaces.
    pub fn text(&self, i: usize) -> String {
        let mut raw = String::new();
        self.text_into(i, &mut raw);
        crate::text::fold_whitespace(&raw)
    }

    /// The folded text of the subtree at `i`, or `None` when the subtree has more than
    /// `max_nodes` nodes (so that callers looking at many elements stay linear).
    pub fn text_bounded(&self, i: usize, max_nodes: usize) -> Option<String> {
        let size = self.nodes[i].end as usize - i;
        (size <= max_nodes).then(|| self.text(i))
    }

    /// Element nodes of the subtree at `i` (itself included), in document order.
    pub fn elements_in(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[i].end as usize;
        (i..end).filter(|&j| self.nodes[j].kind == Kind::Element)
    }

    /// Element nodes in document order.
    pub fn elements(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].kind == Kind::Element)
    }
}

/// Iterator over a node's children.
pub struct Children<'d, 's> {
    dom: &'d Dom<'s>,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let at = self.next;
        self.next = (self.dom.nodes[at].end as usize).max(at + 1);
        Some(at)
    }
}

/// Iterator over an element's attributes: (name, raw value).
pub struct Attrs<'s> {
    text: &'s str,
    pos: usize,
}

impl<'s> Iterator for Attrs<'s> {
    type Item = (&'s str, &'s str);
    fn next(&mut self) -> Option<Self::Item> {
        let b = self.text.as_bytes();
        let mut i = self.pos;
        // Skip separators (whitespace and stray slashes).
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            self.pos = i;
            return None;
        }
        let name_start = i;
        i += 1; // the first character may be anything, even '=' or a quote
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'=' {
            i += 1;
        }
        let name = &self.text[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            self.pos = i;
            return Some((name, ""));
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
            let quote = b[i];
            let start = i + 1;
            let stop = memchr::memchr(quote, &b[start..]).map_or(b.len(), |p| start + p);
            i = (stop + 1).min(b.len());
            &self.text[start..stop]
        } else {
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            &self.text[start..i]
        };
        self.pos = i;
        Some((name, value))
    }
}

/// Tree construction state.
struct Builder<'s> {
    src: &'s str,
    pos: usize,
    nodes: Vec<Node>,
    /// Open elements, as node indices; `stack[0]` is the document.
    stack: Vec<u32>,
    /// Per interned name: the stack positions where an element of that name is open.
    open: Vec<Vec<u32>>,
    /// Stack positions of open scope boundaries (table cells, tables, …).
    boundaries: Vec<u32>,
    names: Vec<Box<str>>,
    name_ids: HashMap<Box<str>, u32>,
    /// Open `svg`/`math` elements: inside them `/>` closes elements.
    foreign_depth: u32,
    seen_html: bool,
    seen_body: bool,
}

impl<'s> Builder<'s> {
    fn new(src: &'s str) -> Builder<'s> {
        let mut names = Vec::with_capacity(KNOWN_TAGS.len() + 16);
        let mut name_ids = HashMap::with_capacity(KNOWN_TAGS.len() + 16);
        for (i, (name, tag)) in KNOWN_TAGS.iter().enumerate() {
            debug_assert_eq!(*tag as usize, i);
            names.push(Box::from(*name));
            name_ids.insert(Box::from(*name), i as u32);
        }
        let open = vec![Vec::new(); names.len()];
        let document = Node {
            kind: Kind::Document,
            tag: Tag::Other,
            name: u32::MAX,
            start: 0,
            stop: 0,
            parent: 0,
            end: 1,
        };
        let mut nodes = Vec::with_capacity(src.len() / 40 + 8);
        nodes.push(document);
        Builder {
            src,
            pos: 0,
            nodes,
            stack: vec![0],
            open,
            boundaries: Vec::new(),
            names,
            name_ids,
            foreign_depth: 0,
            seen_html: false,
            seen_body: false,
        }
    }

    fn run(mut self) -> Dom<'s> {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() {
            match memchr::memchr(b'<', &bytes[self.pos..]) {
                None => {
                    self.push_text(self.pos, bytes.len());
                    self.pos = bytes.len();
                }
                Some(off) => {
                    let lt = self.pos + off;
                    if lt > self.pos {
                        self.push_text(self.pos, lt);
                    }
                    self.pos = lt;
                    self.markup();
                }
            }
        }
        while self.stack.len() > 1 {
            self.pop();
        }
        let total = self.nodes.len() as u32;
        self.nodes[0].end = total;
        Dom {
            source: self.src,
            nodes: self.nodes,
            names: self.names,
        }
    }

    /// Handles the markup at `self.pos` (which holds `<`).
    fn markup(&mut self) {
        let bytes = self.src.as_bytes();
        let next = bytes.get(self.pos + 1).copied();
        match next {
            Some(b'!') => {
                if bytes[self.pos..].starts_with(b"<!--") {
                    let from = self.pos + 4;
                    self.pos = memchr::memmem::find(&bytes[from..], b"-->")
                        .map_or(bytes.len(), |p| from + p + 3);
                } else {
                    self.skip_past_gt(self.pos + 2);
                }
            }
            Some(b'?') => self.skip_past_gt(self.pos + 2),
            Some(b'/') => {
                if bytes.get(self.pos + 2).is_some_and(u8::is_ascii_alphabetic) {
                    self.end_tag();
                } else if bytes.get(self.pos + 2) == Some(&b'>') {
                    self.pos += 3;
                } else {
                    self.skip_past_gt(self.pos + 2);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(),
            _ => {
                // A lone '<' is text.
                self.push_text(self.pos, self.pos + 1);
                self.pos += 1;
            }
        }
    }

    fn skip_past_gt(&mut self, from: usize) {
        let bytes = self.src.as_bytes();
        self.pos = memchr::memchr(b'>', &bytes[from.min(bytes.len())..])
            .map_or(bytes.len(), |p| from + p + 1);
    }

    /// Reads a tag name starting at `from`; returns its end.
    fn name_end(&self, from: usize) -> usize {
        let bytes = self.src.as_bytes();
        let mut i = from;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'/'
            && bytes[i] != b'>'
        {
            i += 1;
        }
        i
    }

    fn intern(&mut self, raw: &str) -> u32 {
        if let Some(&id) = self.name_ids.get(raw) {
            return id;
        }
        let lower = raw.to_ascii_lowercase();
        if let Some(&id) = self.name_ids.get(lower.as_str()) {
            return id;
        }
        let id = self.names.len() as u32;
        let boxed: Box<str> = lower.into_boxed_str();
        self.names.push(boxed.clone());
        self.name_ids.insert(boxed, id);
        self.open.push(Vec::new());
        id
    }

    fn tag_of(id: u32) -> Tag {
        KNOWN_TAGS.get(id as usize).map_or(Tag::Other, |(_, t)| *t)
    }

    fn start_tag(&mut self) {
        let bytes = self.src.as_bytes();
        let name_start = self.pos + 1;
        let name_stop = self.name_end(name_start);
        let id = self.intern(&self.src[name_start..name_stop]);
        let tag = Self::tag_of(id);
        // Attributes run to the first '>' outside a quoted value.
        let (attr_stop, self_closing, after) = scan_attributes(bytes, name_stop);
        self.pos = after;

        self.before_start_tag(tag, id);
        match tag {
            Tag::Html if self.seen_html => return,
            Tag::Body if self.seen_body => return,
            Tag::Html => self.seen_html = true,
            Tag::Body => self.seen_body = true,
            _ => {}
        }
        let index = self.push_node(Node {
            kind: Kind::Element,
            tag,
            name: id,
            start: name_stop as u32,
            stop: attr_stop as u32,
            parent: 0,
            end: 0,
        });
        if tag.is_void() || (self_closing && self.foreign_depth > 0) {
            self.nodes[index].end = index as u32 + 1;
            return;
        }
        self.push_open(index, id, tag);
        if tag.is_raw_text() && self.foreign_depth == 0 {
            self.raw_text_content(tag, id);
        }
    }

    /// The implied end tags a start tag causes.
    fn before_start_tag(&mut self, tag: Tag, id: u32) {
        let _ = id;
        if self.is_open(Tag::Head) && !tag.belongs_in_head() {
            self.close_to(Tag::Head);
        }
        if tag == Tag::Body {
            return;
        }
        if tag.closes_p() && self.in_scope(Tag::P, &[Tag::Button]) {
            self.close_to(Tag::P);
        }
        match tag {
            Tag::Li if self.in_scope(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu, Tag::Dir]) => {
                self.close_to(Tag::Li);
            }
            Tag::Dt | Tag::Dd => {
                for t in [Tag::Dt, Tag::Dd] {
                    if self.in_scope(t, &[Tag::Dl]) {
                        self.close_to(t);
                    }
                }
            }
            Tag::Tr => {
                for t in [Tag::Td, Tag::Th, Tag::Tr] {
                    if self.in_scope(t, &[Tag::Tbody, Tag::Thead, Tag::Tfoot]) {
                        self.close_to(t);
                    }
                }
            }
            Tag::Td | Tag::Th => {
                // A cell is itself a boundary: look at the innermost boundary only.
                if let Some(&top) = self.boundaries.last() {
                    let t = self.nodes[self.stack[top as usize] as usize].tag;
                    if t == Tag::Td || t == Tag::Th {
                        self.close_to(t);
                    }
                }
            }
            Tag::Tbody | Tag::Thead | Tag::Tfoot => {
                for t in [
                    Tag::Td,
                    Tag::Th,
                    Tag::Tr,
                    Tag::Tbody,
                    Tag::Thead,
                    Tag::Tfoot,
                ] {
                    if self.in_scope(t, &[]) {
                        self.close_to(t);
                    }
                }
            }
            Tag::Option | Tag::Optgroup if self.top_tag() == Tag::Option => self.pop(),
            Tag::A if self.in_scope(Tag::A, &[]) => self.close_to(Tag::A),
            t if t.is_heading() && self.top_tag().is_heading() => self.pop(),
            _ => {}
        }
    }

    fn end_tag(&mut self) {
        let bytes = self.src.as_bytes();
        let name_start = self.pos + 2;
        let name_stop = self.name_end(name_start);
        self.skip_past_gt(name_stop);
        let id = self.intern(&self.src[name_start..name_stop]);
        let tag = Self::tag_of(id);
        let _ = bytes;
        match tag {
            Tag::Body | Tag::Html => {}
            Tag::Br => {
                let index = self.push_node(Node {
                    kind: Kind::Element,
                    tag: Tag::Br,
                    name: id,
                    start: name_stop as u32,
                    stop: name_stop as u32,
                    parent: 0,
                    end: 0,
                });
                self.nodes[index].end = index as u32 + 1;
            }
            _ => {
                let Some(&depth) = self.open[id as usize].last() else {
                    return;
                };
                let boundary = self.boundaries.last().copied().unwrap_or(0);
                if depth >= boundary || tag.is_scope_boundary() {
                    self.close_to_depth(depth as usize);
                }
            }
        }
    }

    /// Reads the content of a raw-text element up to its end tag and closes the element.
    fn raw_text_content(&mut self, tag: Tag, id: u32) {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let name = self.names[id as usize].as_bytes();
        let (stop, after) = if tag == Tag::Plaintext {
            (bytes.len(), bytes.len())
        } else {
            find_end_tag(bytes, start, name)
        };
        if stop > start {
            let kind = match tag {
                Tag::Title | Tag::Textarea => Kind::Text,
                _ => Kind::RawText,
            };
            self.push_node(Node {
                kind,
                tag: Tag::Other,
                name: u32::MAX,
                start: start as u32,
                stop: stop as u32,
                parent: 0,
                end: 0,
            });
            let last = self.nodes.len() - 1;
            self.nodes[last].end = last as u32 + 1;
        }
        self.pos = after;
        self.close_to(tag);
    }

    fn push_text(&mut self, start: usize, stop: usize) {
        if self.is_open(Tag::Head) {
            // Text in head: only whitespace stays there; anything else starts the body.
            if self.src.as_bytes()[start..stop]
                .iter()
                .all(u8::is_ascii_whitespace)
            {
                return;
            }
            self.close_to(Tag::Head);
        }
        // Merge with a directly preceding text node (a lone '<' splits text).
        let top = *self.stack.last().unwrap_or(&0);
        if let Some(last) = self.nodes.last_mut() {
            if last.kind == Kind::Text && last.stop as usize == start && last.parent == top {
                last.stop = stop as u32;
                return;
            }
        }
        let index = self.push_node(Node {
            kind: Kind::Text,
            tag: Tag::Other,
            name: u32::MAX,
            start: start as u32,
            stop: stop as u32,
            parent: 0,
            end: 0,
        });
        self.nodes[index].end = index as u32 + 1;
    }

    fn push_node(&mut self, mut node: Node) -> usize {
        node.parent = *self.stack.last().unwrap_or(&0);
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn push_open(&mut self, index: usize, id: u32, tag: Tag) {
        let depth = self.stack.len() as u32;
        self.stack.push(index as u32);
        self.open[id as usize].push(depth);
        if tag.is_scope_boundary() {
            self.boundaries.push(depth);
        }
        if matches!(tag, Tag::Svg | Tag::Math) {
            self.foreign_depth += 1;
        }
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let depth = self.stack.len() as u32 - 1;
        let index = self.stack.pop().unwrap_or(0) as usize;
        let node = self.nodes[index];
        self.nodes[index].end = self.nodes.len() as u32;
        if let Some(positions) = self.open.get_mut(node.name as usize) {
            if positions.last() == Some(&depth) {
                positions.pop();
            }
        }
        if self.boundaries.last() == Some(&depth) {
            self.boundaries.pop();
        }
        if matches!(node.tag, Tag::Svg | Tag::Math) {
            self.foreign_depth = self.foreign_depth.saturating_sub(1);
        }
    }

    fn top_tag(&self) -> Tag {
        let top = *self.stack.last().unwrap_or(&0) as usize;
        match self.nodes[top].kind {
            Kind::Element => self.nodes[top].tag,
            _ => Tag::Other,
        }
    }

    fn is_open(&self, tag: Tag) -> bool {
        !self.open[tag as usize].is_empty()
    }

    /// True when an element `tag` is open above the innermost scope boundary and above the
    /// innermost element of any of `also_bounded_by`.
    fn in_scope(&self, tag: Tag, also_bounded_by: &[Tag]) -> bool {
        let Some(&depth) = self.open[tag as usize].last() else {
            return false;
        };
        let mut limit = self.boundaries.last().copied().unwrap_or(0);
        for t in also_bounded_by {
            if let Some(&d) = self.open[*t as usize].last() {
                limit = limit.max(d);
            }
        }
        depth > limit || (depth == limit && tag.is_scope_boundary())
    }

    /// Closes the innermost open element `tag` and everything opened inside it.
    fn close_to(&mut self, tag: Tag) {
        if let Some(&depth) = self.open[tag as usize].last() {
            self.close_to_depth(depth as usize);
        }
    }

    fn close_to_depth(&mut self, depth: usize) {
        while self.stack.len() > depth.max(1) {
            self.pop();
        }
    }
}

/// Scans a start tag's attributes from `from` (just after the name). Returns the end of the
/// attribute text, whether the tag ended with `/>`, and the position after `>`.
fn scan_attributes(bytes: &[u8], from: usize) -> (usize, bool, usize) {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'>' => {
                let self_closing = i > from && bytes[i - 1] == b'/';
                return (i, self_closing, i + 1);
            }
            b'"' | b'\'' if after_equals => {
                let stop = memchr::memchr(c, &bytes[i + 1..]).map_or(bytes.len(), |p| i + 1 + p);
                i = stop + 1;
                after_equals = false;
            }
            b'=' => {
                after_equals = true;
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                after_equals = false;
                i += 1;
            }
        }
    }
    (bytes.len(), false, bytes.len())
}

/// Finds `</name` (ASCII case-insensitive, followed by whitespace, `/` or `>`) from `from`.
/// Returns where the content stops and where parsing resumes (after the end tag's `>`).
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let mut i = from;
    while let Some(p) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + p;
        let name_at = at + 2;
        let name_stop = name_at + name.len();
        if name_stop <= bytes.len() && bytes[name_at..name_stop].eq_ignore_ascii_case(name) {
            let next = bytes.get(name_stop).copied();
            if next.is_none()
                || matches!(next, Some(b'>' | b'/'))
                || next.is_some_and(|c| c.is_ascii_whitespace())
            {
                let after = memchr::memchr(b'>', &bytes[name_stop..])
                    .map_or(bytes.len(), |q| name_stop + q + 1);
                return (at, after);
            }
        }
        i = at + 2;
    }
    (bytes.len(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact rendering of the tree: `name(children)`, text as `'…'`.
    fn shape(dom: &Dom<'_>) -> String {
        let mut out = String::new();
        let mut closes: Vec<usize> = Vec::new();
        for i in 1..dom.len() {
            while closes.last().is_some_and(|&e| e <= i) {
                closes.pop();
                out.push(')');
            }
            match dom.node(i).kind {
                Kind::Element => {
                    out.push_str(dom.name(i));
                    out.push('(');
                    closes.push(dom.node(i).end as usize);
                }
                _ => {
                    out.push('\'');
                    out.push_str(dom.raw_text(i).trim());
                    out.push('\'');
                }
            }
        }
        for _ in closes {
            out.push(')');
        }
        out
    }

    fn parse_shape(html: &str) -> String {
        shape(&Dom::parse(html))
    }

    #[test]
    fn nests_and_closes() {
        assert_eq!(
            parse_shape("<div><p>a</p><p>b</p></div>"),
            "div(p('a')p('b'))"
        );
    }

    #[test]
    fn implied_p_and_li_ends() {
        assert_eq!(parse_shape("<p>a<p>b<div>c</div>"), "p('a')p('b')div('c')");
        assert_eq!(
            parse_shape("<ul><li>a<li>b<ul><li>c</ul></ul>"),
            "ul(li('a')li('b'ul(li('c'))))"
        );
    }

    #[test]
    fn stray_end_tags_are_ignored_and_mismatches_recover() {
        assert_eq!(parse_shape("<div>a</span>b</div>c"), "div('a''b')'c'");
        assert_eq!(parse_shape("<div><span>a</div>b"), "div(span('a'))'b'");
        assert_eq!(parse_shape("<DIV>a</div>"), "div('a')");
    }

    #[test]
    fn table_cells_stop_stray_end_tags() {
        assert_eq!(
            parse_shape("<div><table><tr><td>a</div>b<td>c</table>d</div>"),
            "div(table(tr(td('a''b')td('c')))'d')"
        );
    }

    #[test]
    fn script_content_is_raw() {
        let dom = Dom::parse("<script>if (a<b) { x = '</div>'; }</script><p>t</p>");
        assert_eq!(shape(&dom), "script('if (a<b) { x = '</div>'; }')p('t')");
    }

    #[test]
    fn attributes_are_read() {
        let dom = Dom::parse("<a href=\"/x?a=1&amp;b=2\" class='big link' data-x=y disabled>t</a>");
        assert_eq!(dom.attr(1, "HREF").as_deref(), Some("/x?a=1&b=2"));
        assert_eq!(dom.attr(1, "class").as_deref(), Some("big link"));
        assert_eq!(dom.attr(1, "data-x").as_deref(), Some("y"));
        assert_eq!(dom.attr(1, "disabled").as_deref(), Some(""));
        assert_eq!(dom.attr(1, "missing"), None);
    }

    #[test]
    fn quoted_gt_does_not_end_a_tag() {
        assert_eq!(parse_shape("<a title=\"a > b\">x</a>"), "a('x')");
    }

    #[test]
    fn head_closes_on_body_content() {
        assert_eq!(
            parse_shape("<html><head><title>T</title><div>x</div></html>"),
            "html(head(title('T'))div('x'))"
        );
    }

    #[test]
    fn void_and_self_closing() {
        assert_eq!(
            parse_shape("<p>a<br>b<img src=x>c</p>"),
            "p('a'br()'b'img()'c')"
        );
        assert_eq!(
            parse_shape("<svg><path d='1'/><g/></svg><p>x</p>"),
            "svg(path()g())p('x')"
        );
    }

    #[test]
    fn comments_and_doctype_are_dropped() {
        assert_eq!(
            parse_shape("<!DOCTYPE html><!-- <p>no</p> --><p>yes</p>"),
            "p('yes')"
        );
    }

    #[test]
    fn deep_nesting_is_fine() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let dom = Dom::parse(&html);
        assert_eq!(dom.len(), 100_002);
        assert_eq!(dom.text(ROOT), "deep");
    }

    #[test]
    fn text_decodes_and_folds() {
        let dom = Dom::parse("<p>caf&eacute;\n  <b>au</b>   lait<script>x</script></p>");
        assert_eq!(dom.text(ROOT), "café au lait");
    }
}
