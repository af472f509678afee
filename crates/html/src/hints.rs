//! Boilerplate hints: what an element's name, `class`, `id` and `role` say about it.
//!
//! Web pages name their parts: `class="share-buttons"`, `id="comments"`,
//! `role="navigation"`, `<footer>`. Class and id values are split into lower-case word
//! tokens (at punctuation and at camelCase boundaries) and each token is looked up in two
//! small vocabularies: words for boilerplate components, each with the reason recorded when
//! the component is removed, and words for article containers. Matching whole tokens (not
//! substrings) keeps `"shadow"` from reading as `"ad"` and `"commentary"` from reading as
//! `"comment"`.

use crate::dom::{Dom, Tag};
use crate::text::hint_tokens;

/// What the hints of one element say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// A boilerplate component, with the reason to record when it is removed.
    pub negative: Option<&'static str>,
    /// Named like an article container (`article`, `story-body`, `post-content`, …).
    pub positive: bool,
    /// Hidden from readers (`hidden`, `display:none`, `aria-hidden`).
    pub hidden: bool,
    /// Named like the body of an article (`article-body`, `entry-content`, `storyText`,
    /// `itemprop="articleBody"`).
    pub body: bool,
    /// An article container by its markup: `<article>`, `<main>`,
    /// `itemprop="articleBody"`, a schema.org article `itemtype`.
    pub article: bool,
}

/// The reason for a boilerplate word, or `None`.
pub fn negative_word(token: &str) -> Option<&'static str> {
    Some(match token {
        "nav" | "navbar" | "navigation" | "menu" | "menubar" | "submenu" | "breadcrumb"
        | "breadcrumbs" | "masthead" | "topbar" | "pagination" | "pager" | "skip" | "skiplink"
        | "toc" | "jump" | "jumplinks" => "navigation",
        "footer" | "colophon" | "copyright" => "footer",
        "sidebar" | "rail" | "aside" | "sidebox" | "complementary" => "sidebar",
        "share" | "shares" | "sharing" | "sharebar" | "social" | "socials" | "addthis"
        | "sharethis" | "follow" | "sociallinks" => "share/follow",
        "newsletter" | "newsletters" | "subscribe" | "subscription" | "signup" | "optin"
        | "mailinglist" => "newsletter box",
        "donate" | "donation" | "donations" | "membership" | "contribute" => "donation appeal",
        "related" | "recommended" | "recommendations" | "recommendation" | "popular"
        | "trending" | "mostread" | "mostpopular" | "outbrain" | "taboola" | "readmore"
        | "morestories" | "teaser" | "teasers" | "recirc" | "recirculation" | "upnext" => {
            "related links"
        }
        "comment" | "comments" | "disqus" | "discussion" | "respond" | "replies" | "reply"
        | "commentlist" => "comments",
        "cookie" | "cookies" | "consent" | "gdpr" | "cmp" | "onetrust" => "cookie banner",
        "ad" | "ads" | "advert" | "adverts" | "advertisement" | "advertising" | "sponsor"
        | "sponsored" | "promo" | "promos" | "promotion" | "dfp" | "adslot" | "adunit"
        | "commercial" | "banner" => "advertisement",
        "caption" | "captions" | "figcaption" | "credit" | "credits" | "photocredit" => {
            "caption/credit"
        }
        "byline" | "bylines" | "dateline" | "author" | "authors" | "timestamp" | "dateline2" => {
            "byline"
        }
        "bio" | "authorbio" | "biography" => "author bio",
        "tags" | "tag" | "taglist" | "keywords" | "categories" => "tags",
        "modal" | "popup" | "overlay" | "lightbox" | "toolbar" | "tools" | "print" | "login"
        | "signin" | "sronly" | "offscreen" => "widget",
        _ => return None,
    })
}

/// True for words that name an article container.
pub fn positive_word(token: &str) -> bool {
    matches!(
        token,
        "article"
            | "articlebody"
            | "story"
            | "storybody"
            | "content"
            | "body"
            | "post"
            | "entry"
            | "text"
            | "main"
            | "blog"
            | "prose"
            | "richtext"
            | "postbody"
            | "entrycontent"
    )
}

/// The hints of element `i`.
pub fn hints(dom: &Dom<'_>, i: usize) -> Hints {
    let mut h = Hints::default();
    match dom.tag(i) {
        Tag::Nav => h.negative = Some("navigation"),
        Tag::Footer => h.negative = Some("footer"),
        Tag::Aside => h.negative = Some("sidebar"),
        Tag::Figcaption => h.negative = Some("caption/credit"),
        Tag::Article | Tag::Main => h.positive = true,
        _ => {}
    }
    let mut class_negative = None;
    for (name, value) in dom.attrs(i) {
        if name.eq_ignore_ascii_case("class") || name.eq_ignore_ascii_case("id") {
            for run in value.split_ascii_whitespace() {
                let modifier = is_modifier(run);
                let (mut kind, mut part) = (false, false);
                hint_tokens(run, |t| {
                    if class_negative.is_none() && !modifier {
                        class_negative = negative_word(t);
                    }
                    h.positive |= positive_word(t);
                    h.body |= BODY_WORDS.contains(&t);
                    kind |= ARTICLE_KIND_WORDS.contains(&t);
                    part |= BODY_PART_WORDS.contains(&t);
                });
                h.body |= kind && part;
            }
        } else if name.eq_ignore_ascii_case("role") {
            let role = value.trim().to_ascii_lowercase();
            match role.as_str() {
                "navigation" | "menu" | "menubar" | "banner" => h.negative = Some("navigation"),
                "contentinfo" => h.negative = Some("footer"),
                "complementary" => h.negative = Some("sidebar"),
                "dialog" | "alertdialog" | "search" => h.negative = Some("widget"),
                "main" | "article" => h.positive = true,
                _ => {}
            }
        } else if name.eq_ignore_ascii_case("hidden") {
            h.hidden = true;
        } else if name.eq_ignore_ascii_case("aria-hidden") {
            h.hidden |= value.trim().eq_ignore_ascii_case("true");
        } else if name.eq_ignore_ascii_case("style") {
            h.hidden |= style_hides(value);
        } else if name.eq_ignore_ascii_case("itemprop") {
            if value.eq_ignore_ascii_case("articleBody") || value.eq_ignore_ascii_case("text") {
                h.positive = true;
                h.article = true;
                h.body = true;
            }
        } else if name.eq_ignore_ascii_case("itemtype") {
            h.article |= ARTICLE_TYPES.iter().any(|t| value.ends_with(t));
        }
    }
    if matches!(dom.tag(i), Tag::Article | Tag::Main) {
        h.article = true;
    }
    // An article's own classes describe the article (`author-jane`, `tag-politics`,
    // `pg-rail-tall`), not a component inside it.
    // Class words are more specific than the element name (`<aside class="related">`).
    if !h.article && class_negative.is_some() {
        h.negative = class_negative;
    }
    h
}

/// Single words naming an article body.
const BODY_WORDS: &[&str] = &[
    "articlebody",
    "storybody",
    "postbody",
    "entrycontent",
    "articletext",
    "storytext",
    "bodytext",
    "richtext",
    "articlecontent",
    "postcontent",
    "storycontent",
    "entrytext",
    "posttext",
    "newstext",
    "newsbody",
];

/// Words naming an article, and words naming its body, that together (`article-body`,
/// `entry__content`, `storyText`) name an article body.
const ARTICLE_KIND_WORDS: &[&str] = &["article", "story", "post", "entry", "news", "blog", "rich"];
const BODY_PART_WORDS: &[&str] = &["body", "content", "text", "copy", "prose"];

/// schema.org types of article containers (`itemtype` ends with one of them).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
];

/// A class name that states a condition of the element rather than what it is:
/// `has-sidebar`, `modal-enabled`, `no-comments`, `with-ads`, `is-sticky`.
fn is_modifier(class: &str) -> bool {
    let lower = class.to_ascii_lowercase();
    const PREFIXES: &[&str] = &[
        "has-", "has_", "with-", "no-", "no_", "is-", "show-", "hide-", "enable-", "disable-",
        "allow-",
    ];
    const SUFFIXES: &[&str] = &[
        "-enabled",
        "-disabled",
        "-active",
        "-open",
        "-visible",
        "-loaded",
        "-ready",
        "_enabled",
    ];
    PREFIXES.iter().any(|p| lower.starts_with(p)) || SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// `display:none` or `visibility:hidden` in an inline style.
fn style_hides(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_element_hints(html: &str) -> Hints {
        let dom = Dom::parse(html);
        hints(&dom, 1)
    }

    #[test]
    fn class_words() {
        assert_eq!(
            first_element_hints("<div class='article-share'>").negative,
            Some("share/follow")
        );
        assert!(first_element_hints("<div class='article-share'>").positive);
        assert_eq!(
            first_element_hints("<div class='shadow-box'>").negative,
            None
        );
        assert_eq!(
            first_element_hints("<div id='relatedArticles'>").negative,
            Some("related links")
        );
        assert_eq!(
            first_element_hints("<div class='commentary'>").negative,
            None
        );
    }

    #[test]
    fn roles_tags_and_hidden() {
        assert_eq!(first_element_hints("<nav>").negative, Some("navigation"));
        assert_eq!(
            first_element_hints("<div role='contentinfo'>").negative,
            Some("footer")
        );
        assert!(first_element_hints("<div style='display: none'>").hidden);
        assert!(first_element_hints("<div hidden>").hidden);
        assert!(first_element_hints("<article>").positive);
    }
}
