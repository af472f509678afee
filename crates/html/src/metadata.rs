//! Title, author, publication date, outlet, language and canonical URL.
//!
//! One pass over the elements gathers every candidate the page offers ([`Candidates`]):
//! JSON-LD ([`crate::jsonld`]), `<meta>` tags (Open Graph, `article:*`, Twitter, Dublin Core,
//! Parse.ly, Sailthru, citation), schema.org microdata (`itemprop`), `<time datetime>`,
//! bylines (`rel="author"`, elements whose class names a byline or author), `<title>`,
//! `<h1>`, `<link rel="canonical">` and `<html lang>`. Then each field is chosen from its
//! candidates in an order measured on the benchmark pages (see [`choose`]).

use crate::dates::parse_date;
use crate::dom::{Dom, Kind, Tag};
use crate::jsonld::{self, JsonLd};
use crate::text::{char_len, fold_whitespace, hint_tokens};

/// The chosen metadata.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
}

/// Everything the page says about itself, before choosing.
#[derive(Debug, Default)]
pub struct Candidates {
    pub jsonld: JsonLd,
    pub html_title: Option<String>,
    pub h1: Vec<String>,
    pub og_title: Option<String>,
    pub twitter_title: Option<String>,
    pub dc_title: Option<String>,
    pub itemprop_headline: Option<String>,
    /// Author names from `<meta>` tags, best source first.
    pub meta_authors: Vec<(u8, String, String)>,
    /// Texts of links to author pages (`/author/jane-doe`).
    pub link_authors: Vec<String>,
    pub itemprop_authors: Vec<String>,
    pub rel_authors: Vec<String>,
    pub byline_authors: Vec<String>,
    /// Publication dates from `<meta>` tags and microdata, with a rank (lower is better).
    pub meta_dates: Vec<(u8, String)>,
    pub modified_dates: Vec<String>,
    /// `<time>` elements: (marked as publication date, value).
    pub time_dates: Vec<(bool, String)>,
    pub byline_dates: Vec<String>,
    /// Short texts of elements whose class names a date (`date`, `published`, …).
    pub class_dates: Vec<String>,
    /// The first short text after the first `<h1>` (else in the page) that holds a date.
    pub text_date: Option<String>,
    pub site_name: Option<String>,
    pub application_name: Option<String>,
    pub html_lang: Option<String>,
    pub meta_lang: Option<String>,
    pub canonical: Option<String>,
    pub og_url: Option<String>,
}

/// Reads and chooses the metadata of a page.
pub fn extract(dom: &Dom<'_>) -> (Metadata, Candidates) {
    let c = gather(dom);
    (choose(&c), c)
}

/// At most this many candidates of one kind are kept (bylines, h1s, times).
const MAX_PER_KIND: usize = 8;
/// Longest text taken as a byline or a title.
const MAX_BYLINE_CHARS: usize = 120;
const MAX_TITLE_CHARS: usize = 400;
/// Text is read only from subtrees of at most this many nodes: titles, bylines and dates
/// are small, and the bound keeps the pass linear on pathological pages.
const SMALL_SUBTREE: usize = 300;

/// Class words of elements that show a date.
const DATE_CLASS_WORDS: &[&str] = &[
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
const TEXT_DATE_SCAN: usize = 4000;

/// The first short text node holding a date, after the first `<h1>` when there is one,
/// else from the start.
fn first_text_date(dom: &Dom<'_>) -> Option<String> {
    let h1 = dom.elements().find(|&i| dom.tag(i) == Tag::H1);
    h1.and_then(|start| text_date_from(dom, start))
        .or_else(|| text_date_from(dom, 0))
}

fn text_date_from(dom: &Dom<'_>, start: usize) -> Option<String> {
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

fn inside_svg(dom: &Dom<'_>, i: usize) -> bool {
    dom.ancestors(i).take(64).any(|a| dom.tag(a) == Tag::Svg)
}

/// Folded, repaired (mojibake, doubly encoded references), and non-empty.
fn non_empty(s: String) -> Option<String> {
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
fn class_has(dom: &Dom<'_>, i: usize, words: &[&str]) -> bool {
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
fn byline_name(lines: &[String]) -> Option<String> {
    lines
        .iter()
        .find(|l| has_byline_prefix(l))
        .and_then(|l| clean_author(l))
        .or_else(|| lines.iter().find_map(|l| clean_author(l)))
}

fn has_byline_prefix(line: &str) -> bool {
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
fn is_author_link(dom: &Dom<'_>, i: usize) -> bool {
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
fn is_byline_element(dom: &Dom<'_>, i: usize) -> bool {
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
fn read_meta(dom: &Dom<'_>, i: usize, c: &mut Candidates) {
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
            content = Some(crate::entities::decode(value));
        }
    }
    let Some(content) = content else { return };
    let Some(value) = non_empty(content.into_owned()) else {
        return;
    };
    if key.is_empty() {
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
        "article:published_time"
        | "og:article:published_time"
        | "article:published"
        | "datepublished"
        | "parsely-pub-date"
        | "sailthru.date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "published_time"
        | "dc.date.issued"
        | "dcterms.issued"
        | "dc.date"
        | "dcterms.date"
        | "dcterms.created"
        | "dc.date.created"
        | "date"
        | "citation_publication_date"
        | "citation_date"
        | "citation_online_date"
        | "originalpublicationdate"
        | "article.published"
        | "og:published_time"
        | "release_date"
        | "created"
        | "displaydate" => {
            let rank = match key.as_str() {
                "article:published_time" | "og:article:published_time" | "datepublished" => 0,
                "parsely-pub-date"
                | "sailthru.date"
                | "pubdate"
                | "publishdate"
                | "publish-date"
                | "publish_date"
                | "published_time"
                | "article:published"
                | "og:published_time"
                | "article.published"
                | "originalpublicationdate" => 1,
                "dc.date.issued"
                | "dcterms.issued"
                | "citation_publication_date"
                | "citation_date"
                | "citation_online_date"
                | "dcterms.created"
                | "dc.date.created" => 2,
                _ => 3,
            };
            if c.meta_dates.len() < MAX_PER_KIND {
                c.meta_dates.push((rank, value));
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

fn set_once(slot: &mut Option<String>, value: String) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

/// `<link rel="canonical" href=…>`.
fn read_link(dom: &Dom<'_>, i: usize, c: &mut Candidates) {
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
fn read_itemprop(dom: &Dom<'_>, i: usize, prop: &str, c: &mut Candidates) {
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

/// Chooses each field from the candidates.
pub fn choose(c: &Candidates) -> Metadata {
    let outlet = choose_outlet(c);
    Metadata {
        title: choose_title(c, outlet.as_deref()),
        author: choose_author(c),
        published: choose_date(c),
        lang: choose_lang(c),
        url: c
            .canonical
            .clone()
            .or_else(|| c.og_url.clone())
            .or_else(|| c.jsonld.url.clone())
            .filter(|u| u.starts_with("http")),
        outlet,
    }
}

fn choose_outlet(c: &Candidates) -> Option<String> {
    c.site_name
        .clone()
        .or_else(|| c.jsonld.publisher.clone())
        .or_else(|| c.application_name.clone())
        .or_else(|| {
            let title = c.html_title.as_deref()?;
            split_site_suffix(title).map(|(_, site)| site.to_string())
        })
}

/// The headline. The visible `<h1>` is what readers (and the benchmark) call the title;
/// it is taken when a metadata title confirms it or when there is a single one. Otherwise
/// the metadata titles, with the site name cut off.
fn choose_title(c: &Candidates, outlet: Option<&str>) -> Option<String> {
    let meta_titles: Vec<&str> = [
        c.jsonld.headline.as_deref(),
        c.og_title.as_deref(),
        c.twitter_title.as_deref(),
        c.itemprop_headline.as_deref(),
        c.dc_title.as_deref(),
        c.html_title.as_deref(),
        c.jsonld.page_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    // An h1 that a metadata title contains (or equals).
    for h in &c.h1 {
        let hn = normalize(h);
        if hn.len() < 3 {
            continue;
        }
        if meta_titles.iter().any(|t| normalize(t).contains(&hn)) {
            return Some(h.clone());
        }
    }
    if let Some(t) = meta_titles.first() {
        return Some(strip_site(t, outlet));
    }
    c.h1.first().cloned()
}

/// `t` without a trailing (or leading) ` | Site Name`.
fn strip_site(t: &str, outlet: Option<&str>) -> String {
    match split_site_suffix(t) {
        Some((head, site)) => {
            let matches_outlet = outlet.is_some_and(|o| normalize(o) == normalize(site));
            if matches_outlet || char_len(site) <= 40 {
                head.to_string()
            } else {
                t.to_string()
            }
        }
        None => t.to_string(),
    }
}

/// Splits `Headline | Site` (also ` - `, ` – `, ` — `, ` :: `, ` · `, ` » `) at the last
/// separator: (headline, site).
fn split_site_suffix(t: &str) -> Option<(&str, &str)> {
    const SEPARATORS: &[&str] = &[
        " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " || ",
    ];
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|s| t.rfind(s).map(|at| (at, *s)))
        .max_by_key(|(at, _)| *at)?;
    let head = t[..at].trim();
    let site = t[at + sep.len()..].trim();
    if head.is_empty() || site.is_empty() {
        return None;
    }
    Some((head, site))
}

/// Lower-cased letters and digits only.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The author: candidates in order of trust (JSON-LD people, `<meta>` tags, microdata,
/// `rel="author"`, bylines, author-page links, JSON-LD organizations); the first that reads
/// as a full name wins, else the first usable one. A lone first name is completed from
/// another candidate that starts with it ("Brett" → "Brett Larkin").
fn choose_author(c: &Candidates) -> Option<String> {
    let mut ordered: Vec<String> = Vec::new();
    let people: Vec<String> = c
        .jsonld
        .authors
        .iter()
        .filter_map(|a| clean_author(a))
        .collect();
    if !people.is_empty() {
        ordered.push(people.join(", "));
    }
    let mut meta: Vec<&(u8, String, String)> = c.meta_authors.iter().collect();
    meta.sort_by_key(|(rank, _, _)| *rank);
    if let Some((_, key, _)) = meta.first() {
        // Repeated tags of the best kind list several authors (citation_author).
        let same: Vec<String> = meta
            .iter()
            .filter(|(_, k, _)| k == key)
            .filter_map(|(_, _, v)| clean_author(v))
            .collect();
        if same.len() > 1 {
            ordered.push(same.join(", "));
        }
    }
    ordered.extend(meta.iter().filter_map(|(_, _, v)| clean_author(v)));
    for a in c
        .itemprop_authors
        .iter()
        .chain(&c.rel_authors)
        .chain(&c.byline_authors)
        .chain(&c.link_authors)
        .chain(&c.jsonld.organization_authors)
    {
        if let Some(a) = clean_author(a) {
            ordered.push(a);
        }
    }
    let chosen = ordered
        .iter()
        .find(|a| name_quality(a) >= 2)
        .or_else(|| ordered.iter().find(|a| name_quality(a) >= 1))?;
    if !chosen.contains(' ') {
        let prefix = format!("{} ", chosen.to_lowercase());
        if let Some(full) = ordered
            .iter()
            .find(|a| a.to_lowercase().starts_with(&prefix) && name_quality(a) >= 2)
        {
            return Some(full.clone());
        }
    }
    Some(chosen.clone())
}

/// 2: a full name (two or more words, capitalised); 1: one capitalised word or a mixed
/// string; 0: a lower-case handle (`jrobison`).
fn name_quality(name: &str) -> u8 {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase());
    if words.len() >= 2 && words.iter().filter(|w| capitalised(w)).count() >= 2 {
        2
    } else if words.iter().any(capitalised) {
        1
    } else {
        0
    }
}

/// An author name from a byline-ish string: "By Jane Doe" → "Jane Doe",
/// "Keith Barry Senior Autos Reporter" → "Keith Barry". Rejects URLs, e-mail addresses,
/// link labels ("View more posts") and texts that are not names.
pub fn clean_author(raw: &str) -> Option<String> {
    let mut s = fold_whitespace(raw);
    if s.contains("://") || s.starts_with("www.") || (s.contains('@') && !s.starts_with('@')) {
        return None;
    }
    s = strip_author_prefixes(&s);
    // Parenthetical remarks: "Lance Ryan (Content Manager)".
    if let Some(open) = s.find('(') {
        s.truncate(open);
    }
    // What follows a name: a separator, a date, a role line.
    for stop in [
        " | ",
        " - ",
        " – ",
        " — ",
        " on ",
        " Updated",
        " Published",
        " Posted",
        " at ",
        " • ",
        " · ",
    ] {
        if let Some(at) = s.find(stop) {
            s.truncate(at);
        }
    }
    let s = cut_role(&s);
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '|' | '-' | '·' | '*' | '@')
    });
    if s.is_empty() || char_len(s) > MAX_BYLINE_CHARS || !looks_like_name(s) || is_not_a_name(s) {
        return None;
    }
    Some(s.to_string())
}

/// Removes leading "By", "Written by", "View all posts by", "Author:", … (repeatedly).
fn strip_author_prefixes(s: &str) -> String {
    const PREFIXES: &[&str] = &[
        "view all posts by",
        "view more posts by",
        "see more from",
        "see all posts by",
        "more from",
        "more by",
        "read more about",
        "read more from",
        "articles by",
        "posts by",
        "about the author",
        "written by",
        "posted by",
        "published by",
        "reviewed by",
        "medically reviewed by",
        "authored by",
        "last updated by",
        "words by",
        "story by",
        "text by",
        "credit:",
        "by:",
        "by",
        "author:",
        "authors:",
        "author",
        "authors",
        "von",
        "par",
        "por",
        "di",
        "door",
        "from",
    ];
    let mut s = s.to_string();
    loop {
        let lower = s.to_lowercase();
        // A prefix ends at a non-letter, or is glued to a capitalised name ("Posted byJane").
        let found = PREFIXES.iter().find(|p| {
            lower.starts_with(*p)
                && s.get(p.len()..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|c| {
                        !c.is_alphanumeric() || (c.is_uppercase() && p.ends_with("by"))
                    })
        });
        let Some(p) = found else { break };
        s = s[p.len()..]
            .trim_start_matches([':', ' ', '\u{a0}', '-'])
            .to_string();
    }
    s
}

/// Cuts a job title after the name: at ", Senior Analyst", " Marketing Manager", … (a role
/// word from the second word on). Degrees after a comma (", MD") stay.
fn cut_role(s: &str) -> &str {
    const ROLE_WORDS: &[&str] = &[
        "senior",
        "junior",
        "staff",
        "reporter",
        "editor",
        "writer",
        "analyst",
        "manager",
        "specialist",
        "educator",
        "educators",
        "correspondent",
        "contributor",
        "columnist",
        "producer",
        "photographer",
        "director",
        "founder",
        "co-founder",
        "ceo",
        "cto",
        "officer",
        "coordinator",
        "engineer",
        "marketing",
        "head",
        "chief",
        "lead",
        "president",
        "consultant",
        "strategist",
        "intern",
        "associate",
        "assistant",
        "freelance",
        "contributing",
        "executive",
        "your",
        "the",
        "is",
        "was",
        "who",
        "says",
        "said",
        "wrote",
    ];
    let mut word_start = 0;
    let mut index = 0;
    for (at, ch) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if ch.is_whitespace() || ch == ',' {
            let word = &s[word_start..at];
            if !word.is_empty() {
                let lower = word.to_lowercase();
                if ROLE_WORDS.contains(&lower.as_str()) {
                    // A role in first place: no name at all.
                    return if index == 0 {
                        ""
                    } else {
                        s[..word_start].trim_end_matches([',', ' '])
                    };
                }
                index += 1;
            }
            word_start = at + ch.len_utf8();
        }
    }
    s
}

/// Link labels and placeholders that bylines often hold instead of a name.
fn is_not_a_name(s: &str) -> bool {
    let lower = s.to_lowercase();
    const WORDS: &[&str] = &[
        "view more posts",
        "view all posts",
        "more posts",
        "read more",
        "bio",
        "author",
        "authors",
        "share",
        "follow",
        "subscribe",
        "about",
        "about the author",
        "contact",
        "profile",
        "by",
    ];
    WORDS.contains(&lower.as_str()) || lower.starts_with("view ") || lower.starts_with("see ")
}

/// Letters, not digits; a few words at most.
fn looks_like_name(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    letters >= 2 && digits == 0 && s.split_whitespace().count() <= 12
}

fn choose_date(c: &Candidates) -> Option<String> {
    if let Some(d) = c.jsonld.published.as_deref().and_then(parse_date) {
        return Some(d);
    }
    let mut meta: Vec<&(u8, String)> = c.meta_dates.iter().collect();
    meta.sort_by_key(|(rank, _)| *rank);
    if let Some(d) = meta.iter().find_map(|(_, v)| parse_date(v)) {
        return Some(d);
    }
    let marked = c.time_dates.iter().filter(|(m, _)| *m).map(|(_, v)| v);
    let unmarked = c.time_dates.iter().filter(|(m, _)| !*m).map(|(_, v)| v);
    if let Some(d) = marked.chain(unmarked).find_map(|v| parse_date(v)) {
        return Some(d);
    }
    if let Some(d) = c
        .class_dates
        .iter()
        .chain(&c.byline_dates)
        .find_map(|v| parse_date(v))
    {
        return Some(d);
    }
    if let Some(d) = [c.canonical.as_deref(), c.og_url.as_deref()]
        .into_iter()
        .flatten()
        .find_map(date_in_url)
    {
        return Some(d);
    }
    if let Some(d) = c.text_date.clone() {
        return Some(d);
    }
    c.jsonld
        .modified
        .iter()
        .chain(&c.modified_dates)
        .find_map(|v| parse_date(v))
}

/// `/2019/11/18/` (or `/2019-11-18`) in a URL path.
fn date_in_url(url: &str) -> Option<String> {
    let path = url.split("://").nth(1).unwrap_or(url);
    let path = &path[path.find('/')?..];
    let parts: Vec<&str> = path.split(['/', '-', '_']).collect();
    for w in parts.windows(3) {
        let (y, m, d) = (w[0], w[1], w[2]);
        if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) {
            if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
                if let Some(date) = parse_date(&format!("{y:04}-{m:02}-{d:02}")) {
                    return Some(date);
                }
            }
        }
    }
    None
}

fn choose_lang(c: &Candidates) -> Option<String> {
    [
        c.html_lang.as_deref(),
        c.meta_lang.as_deref(),
        c.jsonld.language.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find_map(primary_subtag)
}

/// "en-US" → "en"; "pt_BR" → "pt".
fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag
        .trim()
        .split(['-', '_', ',', ';', ' '])
        .next()?
        .to_ascii_lowercase();
    let ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    ok.then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        extract(&Dom::parse(html)).0
    }

    #[test]
    fn open_graph_and_article_meta() {
        let m = meta_of(
            r#"<html lang="en-GB"><head><title>Bridge plan | The Ledger</title>
            <meta property="og:title" content="Bridge plan">
            <meta property="og:site_name" content="The Ledger">
            <meta property="article:published_time" content="2019-11-18T10:00:00Z">
            <meta name="author" content="By Marta Kowalski">
            <link rel="canonical" href="https://ledger.example/bridge"></head>
            <body><h1>Bridge plan</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Bridge plan"));
        assert_eq!(m.outlet.as_deref(), Some("The Ledger"));
        assert_eq!(m.published.as_deref(), Some("2019-11-18"));
        assert_eq!(m.author.as_deref(), Some("Marta Kowalski"));
        assert_eq!(m.lang.as_deref(), Some("en"));
        assert_eq!(m.url.as_deref(), Some("https://ledger.example/bridge"));
    }

    #[test]
    fn title_without_site_suffix_and_byline_fallbacks() {
        let m = meta_of(
            r#"<title>Storm closes port – Harbour News</title>
            <div class="byline">By <a rel="author" href="/a">Jo Smith</a> on March 3, 2020</div>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Storm closes port"));
        assert_eq!(m.author.as_deref(), Some("Jo Smith"));
        assert_eq!(m.published.as_deref(), Some("2020-03-03"));
        assert_eq!(m.outlet.as_deref(), Some("Harbour News"));
    }

    #[test]
    fn time_and_url_dates() {
        let m = meta_of(r#"<p>x</p><time datetime="2018-02-01T00:00">Feb 1</time>"#);
        assert_eq!(m.published.as_deref(), Some("2018-02-01"));
        let m = meta_of(r#"<link rel="canonical" href="https://x.example/2017/05/09/story/">"#);
        assert_eq!(m.published.as_deref(), Some("2017-05-09"));
    }

    #[test]
    fn authors_are_cleaned() {
        assert_eq!(
            clean_author("By Jane Doe | Staff").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(clean_author("https://facebook.com/jane"), None);
        assert_eq!(
            clean_author("Posted by admin on 2019-01-01").as_deref(),
            Some("admin")
        );
        assert_eq!(clean_author("12345"), None);
    }
}
