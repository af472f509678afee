//! The element names the parser knows, and what the tree-building rules need to know of
//! each (void, raw text, implied end tags, scope boundaries).

macro_rules! define_tags {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// The element names the extractor cares about; everything else is `Other`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum Tag { $($variant,)* Other }

        pub(super) const KNOWN_TAGS: &[(&str, Tag)] = &[$(($name, Tag::$variant)),*];
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
    pub(super) fn is_raw_text(self) -> bool {
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
    pub(super) fn closes_p(self) -> bool {
        use Tag::*;
        self.is_heading()
            || matches!(
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
        self.is_heading()
            || matches!(
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
    pub(super) fn is_scope_boundary(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Td | Th | Table | Caption | Template | Object | Marquee | Applet | Html
        )
    }

    /// Elements allowed in `head`; any other start tag there closes the head.
    pub(super) fn belongs_in_head(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Meta | Link | Title | Style | Script | Base | Noscript | Template | Head
        )
    }
}
