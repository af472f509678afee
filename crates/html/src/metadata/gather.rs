//! Gathering: one pass over the elements collects every candidate the page offers
//! (`<meta>` tags, microdata, `<time>`, bylines, `<title>`, `<h1>`, canonical links).

use super::*;

/// At most this many candidates of one kind are kept (bylines, h1s, times).
pub(super) const MAX_PER_KIND: usize = 8;

/// Longest text taken as a byline or a title.
pub(super) const MAX_BYLINE_CHARS: usize = 120;

pub(super) const MAX_TITLE_CHARS: usize = 400;

/// Text is read only from subtrees of at most this many nodes: titles, bylines and dates
/// are small, and the bound keeps the pass linear on pathological pages.
pub(super) const SMALL_SUBTREE: usize = 300;

/// Class words of elements that show a date.
pub(super) const DATE_CLASS_WORDS: &[&str] = &[
    "date",
    "time",
    "published",
    "publish",
    "pubdate",
    "posted",
    "timestamp",
    "dateline",
    "postdate",
    "entrydate",
    "datetime",
    "publishdate",
    "publishtime",
    "updated",
    "meta",
];

/// One pass over the elements.
pub fn gather(dom: &Dom<'_>) -> Candidates {
    let mut c = Candidates::default();
    let mut ld_blocks: Vec<&str> = Vec::new();
    // Subtree end of the innermost open byline element, to skip nested duplicates.
    let mut byline_until = 0usize;
    for i in dom.elements() {
        let tag = dom.tag(i);
        match tag {
            Tag::Html if c.html_lang.is_none() => {
                c.html_lang = dom
                    .attr(i, "lang")
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty());
            }
            Tag::Title if c.html_title.is_none() && !inside_svg(dom, i) => {
                c.html_title = dom.text_bounded(i, SMALL_SUBTREE).and_then(non_empty);
            }
            Tag::Meta => read_meta(dom, i, &mut c),
            Tag::Link => read_link(dom, i, &mut c),
            Tag::Script => {
                let ld = dom
                    .attr_raw(i, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if ld {
                    if let Some(child) = dom.children(i).next() {
                        if dom.node(child).kind == Kind::RawText {
                            ld_blocks.push(dom.raw_text(child));
                        }
                    }
                }
            }
            Tag::H1 if c.h1.len() < MAX_PER_KIND => {
                let text = dom.text_bounded(i, SMALL_SUBTREE).and_then(non_empty);
                if let Some(t) = text.filter(|t| char_len(t) <= MAX_TITLE_CHARS) {
                    c.h1.push(t);
                }
            }
            Tag::Time if c.time_dates.len() < MAX_PER_KIND => {
                let value = dom
                    .attr(i, "datetime")
                    .map(|v| v.into_owned())
                    .or_else(|| dom.text_bounded(i, SMALL_SUBTREE))
                    .unwrap_or_default();
                let marked = dom.attr_raw(i, "pubdate").is_some()
                    || dom
                        .attr_raw(i, "itemprop")
                        .is_some_and(|v| v.eq_ignore_ascii_case("datePublished"))
                    || class_has(
                        dom,
                        i,
                        &["published", "publish", "pubdate", "posted", "created"],
                    );
                c.time_dates.push((marked, value));
            }
            _ => {}
        }
        if let Some(prop) = dom.attr_raw(i, "itemprop") {
            if tag != Tag::Meta {
                read_itemprop(dom, i, prop, &mut c);
            }
        }
        if tag == Tag::A {
            let rel_author = dom.attr_raw(i, "rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("author"))
            });
            if rel_author && c.rel_authors.len() < MAX_PER_KIND {
                if let Some(t) = dom.text_bounded(i, SMALL_SUBTREE).and_then(non_empty) {
                    c.rel_authors.push(t);
                }
            }
        }
        if c.class_dates.len() < MAX_PER_KIND
            && !matches!(
                tag,
                Tag::Meta | Tag::Time | Tag::Body | Tag::Html | Tag::Script
            )
            && class_has(dom, i, DATE_CLASS_WORDS)
        {
            if let Some(t) = dom.text_bounded(i, 40).and_then(non_empty) {
                if char_len(&t) <= 100 {
                    c.class_dates.push(t);
                }
            }
        }
        if i >= byline_until
            && is_byline_element(dom, i)
            && dom.node(i).end as usize - i <= SMALL_SUBTREE
        {
            let lines = dom.text_lines(i);
            let total: usize = lines.iter().map(|l| char_len(l)).sum();
            if !lines.is_empty() && total <= MAX_BYLINE_CHARS * 2 {
                if c.byline_authors.len() < MAX_PER_KIND {
                    if let Some(name) = byline_name(&lines) {
                        c.byline_authors.push(name);
                    }
                }
                if c.byline_dates.len() < MAX_PER_KIND {
                    c.byline_dates.push(lines.join(" "));
                }
                byline_until = dom.node(i).end as usize;
            }
        }
        if tag == Tag::A && c.link_authors.len() < MAX_PER_KIND && is_author_link(dom, i) {
            if let Some(t) = dom.text_bounded(i, 20).and_then(non_empty) {
                c.link_authors.push(t);
            }
        }
    }
    c.text_date = first_text_date(dom);
    c.jsonld = jsonld::read(ld_blocks.into_iter());
    c
}

/// Texts scanned for a loose date, at most.
pub(super) const TEXT_DATE_SCAN: usize = 4000;

/// The first short text node holding a date, after the first `<h1>` when there is one,
/// else from the start.
pub(super) fn first_text_date(dom: &Dom<'_>) -> Option<String> {
    let h1 = dom.elements().find(|&i| dom.tag(i) == Tag::H1);
    h1.and_then(|start| text_date_from(dom, start))
        .or_else(|| text_date_from(dom, 0))
}

pub(super) fn text_date_from(dom: &Dom<'_>, start: usize) -> Option<String> {
    let mut scanned = 0;
    let mut skip_until = 0;
    for i in start..dom.len() {
        if i < skip_until {
            continue;
        }
        let node = dom.node(i);
        match node.kind {
            Kind::Element
                if matches!(
                    node.tag,
                    Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Svg
                ) =>
            {
                skip_until = node.end as usize;
            }
            Kind::Text => {
                scanned += 1;
                if scanned > TEXT_DATE_SCAN {
                    return None;
                }
                let raw = dom.raw_text(i);
                if raw.len() <= 120 && raw.bytes().any(|b| b.is_ascii_digit()) {
                    let text = crate::entities::decode(raw);
                    if let Some(d) = parse_date(&text) {
                        return Some(d);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

pub(super) fn inside_svg(dom: &Dom<'_>, i: usize) -> bool {
    dom.ancestors(i).take(64).any(|a| dom.tag(a) == Tag::Svg)
}

/// Folded, repaired (mojibake, doubly encoded references), and non-empty.
pub(super) fn non_empty(s: String) -> Option<String> {
    let s = fold_whitespace(&s);
    let s = if s.contains('&') {
        crate::entities::decode(&s).into_owned()
    } else {
        s
    };
    let s = crate::text::repair_mojibake(&s).into_owned();
    (!s.is_empty()).then_some(s)
}

/// True when a class or id token of element `i` is one of `words`.
pub(super) fn class_has(dom: &Dom<'_>, i: usize, words: &[&str]) -> bool {
    let mut found = false;
    for (name, value) in dom.attrs(i) {
        if name.eq_ignore_ascii_case("class") || name.eq_ignore_ascii_case("id") {
            hint_tokens(value, |t| found |= words.contains(&t));
        }
    }
    found
}

/// The name in a byline's lines: the line that starts with "By" (or "Written by", …),
/// else the first line that reads as a name.
pub(super) fn byline_name(lines: &[String]) -> Option<String> {
    lines
        .iter()
        .find(|l| has_byline_prefix(l))
        .and_then(|l| clean_author(l))
        .or_else(|| lines.iter().find_map(|l| clean_author(l)))
}

pub(super) fn has_byline_prefix(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        "by ",
        "by:",
        "written by",
        "posted by",
        "authored by",
        "reviewed by",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// A link to an author's page: `/author/…`, `/authors/…`, `/writers/…`, `/people/…`.
pub(super) fn is_author_link(dom: &Dom<'_>, i: usize) -> bool {
    let Some(href) = dom.attr_raw(i, "href") else {
        return false;
    };
    let lower = href.to_ascii_lowercase();
    [
        "/author/",
        "/authors/",
        "/writer/",
        "/writers/",
        "/people/",
        "/staff/",
        "/contributor/",
        "/contributors/",
        "/journalist/",
        "/profile/",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

/// Elements whose class or id names a byline or an author (outside comment sections).
pub(super) fn is_byline_element(dom: &Dom<'_>, i: usize) -> bool {
    if !dom.is_element(i)
        || matches!(
            dom.tag(i),
            Tag::Meta | Tag::Link | Tag::Script | Tag::Style | Tag::Body | Tag::Html
        )
    {
        return false;
    }
    class_has(
        dom,
        i,
        &[
            "byline",
            "author",
            "authors",
            "byl",
            "authorname",
            "writer",
            "creator",
        ],
    ) && !std::iter::once(i)
        .chain(dom.ancestors(i).take(64))
        .any(|a| {
            class_has(
                dom,
                a,
                &["comment", "comments", "commentlist", "reply", "replies"],
            )
        })
}

/// `<meta name|property|itemprop=… content=…>`.
pub(super) fn read_meta(dom: &Dom<'_>, i: usize, c: &mut Candidates) {
    let mut key = String::new();
    let mut content = None;
    for (name, value) in dom.attrs(i) {
        if name.eq_ignore_ascii_case("name")
            || name.eq_ignore_ascii_case("property")
            || name.eq_ignore_ascii_case("itemprop")
            || name.eq_ignore_ascii_case("http-equiv")
        {
            if key.is_empty() {
                key = value.trim().to_ascii_lowercase();
            }
        } else if name.eq_ignore_ascii_case("content") {
            content = Some(crate::entities::decode_attribute(value));
        }
    }
    let Some(content) = content else { return };
    let Some(value) = non_empty(content.into_owned()) else {
        return;
    };
    if key.is_empty() {
        return;
    }
    if let Some(rank) = published_rank(&key) {
        if c.meta_dates.len() < MAX_PER_KIND {
            c.meta_dates.push((rank, value));
        }
        return;
    }
    match key.as_str() {
        "og:title" => set_once(&mut c.og_title, value),
        "twitter:title" => set_once(&mut c.twitter_title, value),
        "dc.title" | "dcterms.title" => set_once(&mut c.dc_title, value),
        "headline" => set_once(&mut c.itemprop_headline, value),
        "og:site_name" => set_once(&mut c.site_name, value),
        "application-name" | "apple-mobile-web-app-title" => {
            set_once(&mut c.application_name, value)
        }
        "og:url" => set_once(&mut c.og_url, value),
        "og:locale" | "content-language" | "language" | "dc.language" | "inlanguage" => {
            set_once(&mut c.meta_lang, value)
        }
        "author" | "article:author" | "og:article:author" | "byl" | "dc.creator"
        | "dcterms.creator" | "parsely-author" | "sailthru.author" | "citation_author"
        | "twitter:data1" | "creator" | "article.author" | "cxenseparse:author" => {
            let rank = match key.as_str() {
                "author" | "article:author" | "og:article:author" => 0,
                "parsely-author" | "sailthru.author" | "dc.creator" | "dcterms.creator" | "byl"
                | "citation_author" | "article.author" | "cxenseparse:author" => 1,
                _ => 2,
            };
            // twitter:data1 carries an author only next to twitter:label1 "Written by".
            if key == "twitter:data1" && !looks_like_name(&value) {
                return;
            }
            if c.meta_authors.len() < MAX_PER_KIND {
                c.meta_authors.push((rank, key.clone(), value));
            }
        }
        "article:modified_time"
        | "og:updated_time"
        | "datemodified"
        | "dcterms.modified"
        | "last-modified"
        | "lastmod" => {
            if c.modified_dates.len() < MAX_PER_KIND {
                c.modified_dates.push(value);
            }
        }
        other => {
            // Site-specific names: `published_on`, `article_publish_date`, `pub-date`, …
            let publishing = other.contains("publish")
                || other.contains("pubdate")
                || other.contains("pub-date");
            let changed = other.contains("modif") || other.contains("update");
            if publishing && !changed && c.meta_dates.len() < MAX_PER_KIND {
                c.meta_dates.push((3, value));
            }
        }
    }
}

/// The rank of a `<meta>` name that gives the publication date, from 0 (the most trusted)
/// to 3 (a bare `date`, `created`, …), or None when the name gives none.
fn published_rank(key: &str) -> Option<u8> {
    Some(match key {
        "article:published_time" | "og:article:published_time" | "datepublished" => 0,
        "article:published"
        | "parsely-pub-date"
        | "sailthru.date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "published_time"
        | "originalpublicationdate"
        | "article.published"
        | "og:published_time" => 1,
        "dc.date.issued"
        | "dcterms.issued"
        | "dcterms.created"
        | "dc.date.created"
        | "citation_publication_date"
        | "citation_date"
        | "citation_online_date" => 2,
        "dc.date" | "dcterms.date" | "date" | "release_date" | "created" | "displaydate" => 3,
        _ => return None,
    })
}

pub(super) fn set_once(slot: &mut Option<String>, value: String) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

/// `<link rel="canonical" href=…>`.
pub(super) fn read_link(dom: &Dom<'_>, i: usize, c: &mut Candidates) {
    let canonical = dom.attr_raw(i, "rel").is_some_and(|r| {
        r.split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case("canonical"))
    });
    if canonical && c.canonical.is_none() {
        c.canonical = dom
            .attr(i, "href")
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
    }
}

/// Microdata on a non-meta element.
pub(super) fn read_itemprop(dom: &Dom<'_>, i: usize, prop: &str, c: &mut Candidates) {
    let value = || {
        dom.attr(i, "content")
            .or_else(|| dom.attr(i, "datetime"))
            .map(|v| fold_whitespace(&v))
            .filter(|v| !v.is_empty())
            .or_else(|| dom.text_bounded(i, SMALL_SUBTREE))
            .unwrap_or_default()
    };
    for p in prop.split_ascii_whitespace() {
        if p.eq_ignore_ascii_case("headline") {
            if c.itemprop_headline.is_none() {
                c.itemprop_headline = non_empty(value());
            }
        } else if p.eq_ignore_ascii_case("author") || p.eq_ignore_ascii_case("creator") {
            if c.itemprop_authors.len() < MAX_PER_KIND {
                // Prefer a nested itemprop="name".
                let name = dom
                    .elements_in(i)
                    .take(SMALL_SUBTREE)
                    .find(|&j| {
                        dom.attr_raw(j, "itemprop")
                            .is_some_and(|v| v.eq_ignore_ascii_case("name"))
                    })
                    .map(|j| {
                        dom.attr(j, "content")
                            .map(|v| fold_whitespace(&v))
                            .or_else(|| dom.text_bounded(j, SMALL_SUBTREE))
                            .unwrap_or_default()
                    });
                if let Some(n) = non_empty(name.unwrap_or_else(value)) {
                    c.itemprop_authors.push(n);
                }
            }
        } else if p.eq_ignore_ascii_case("datePublished") || p.eq_ignore_ascii_case("dateCreated") {
            if c.meta_dates.len() < MAX_PER_KIND {
                c.meta_dates.push((1, value()));
            }
        } else if p.eq_ignore_ascii_case("dateModified") && c.modified_dates.len() < MAX_PER_KIND {
            c.modified_dates.push(value());
        }
    }
}
