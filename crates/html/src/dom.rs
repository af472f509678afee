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

mod build;
mod tag;
#[cfg(test)]
mod tests;

use build::Builder;
pub use tag::Tag;
use tag::KNOWN_TAGS;

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
        self.attr_raw(i, name)
            .map(crate::entities::decode_attribute)
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
