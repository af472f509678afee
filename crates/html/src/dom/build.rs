//! Tree construction: one pass over the page's tokens applying the tree-building rules the
//! module docs list, with per-name stacks of open elements so that every decision is O(1).

use std::collections::HashMap;

use super::*;

/// Tree construction state.
pub(super) struct Builder<'s> {
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
    pub(super) fn new(src: &'s str) -> Builder<'s> {
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

    pub(super) fn run(mut self) -> Dom<'s> {
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
                self.push_leaf(Kind::Element, Tag::Br, id, name_stop, name_stop);
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
            self.push_leaf(kind, Tag::Other, u32::MAX, start, stop);
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
        self.push_leaf(Kind::Text, Tag::Other, u32::MAX, start, stop);
    }

    fn push_node(&mut self, mut node: Node) -> usize {
        node.parent = *self.stack.last().unwrap_or(&0);
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Pushes a node that holds no others (text, or an element never opened) and closes it.
    fn push_leaf(&mut self, kind: Kind, tag: Tag, name: u32, start: usize, stop: usize) {
        let index = self.push_node(Node {
            kind,
            tag,
            name,
            start: start as u32,
            stop: stop as u32,
            parent: 0,
            end: 0,
        });
        self.nodes[index].end = index as u32 + 1;
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
