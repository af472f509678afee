//! schema.org metadata from `<script type="application/ld+json">` blocks.
//!
//! Every block is parsed with serde_json (after trimming the HTML-comment and CDATA wrappers
//! some pages put around it); objects are found at the top level, in arrays and in `@graph`,
//! and `@id` references are followed one step (an article whose `author` is
//! `{"@id": "#person-1"}` gets that person's name). Of the objects found, the article
//! (`NewsArticle`, `BlogPosting`, any `…Article`, …) with the longest body is the main one;
//! when there is none, the first `WebPage`-like object, product or other named thing stands
//! in for the title and dates.

use serde_json::{Map, Value};
use std::collections::HashMap;

/// What the JSON-LD of a page says.
#[derive(Debug, Default, Clone)]
pub struct JsonLd {
    /// `headline` (or `name`) of the main article.
    pub headline: Option<String>,
    /// `name` of the main non-article object (a web page, a product).
    pub page_name: Option<String>,
    /// Authors that are people (or untyped).
    pub authors: Vec<String>,
    /// Authors typed as organizations (weaker: the byline often names a person).
    pub organization_authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// `publisher.name`, else the `WebSite`'s or `Organization`'s name.
    pub publisher: Option<String>,
    pub body: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// True when an article-typed object was found.
    pub is_article: bool,
}

/// Reads the JSON-LD blocks (their raw texts).
pub fn read<'a>(blocks: impl Iterator<Item = &'a str>) -> JsonLd {
    let mut objects: Vec<Value> = Vec::new();
    for raw in blocks {
        if let Some(v) = parse_block(raw) {
            objects.push(v);
        }
    }
    let mut flat: Vec<&Map<String, Value>> = Vec::new();
    for v in &objects {
        flatten(v, &mut flat);
    }
    let by_id: HashMap<&str, &Map<String, Value>> = flat
        .iter()
        .filter_map(|o| o.get("@id").and_then(Value::as_str).map(|id| (id, *o)))
        .collect();
    let mut out = JsonLd::default();

    let main_article = flat
        .iter()
        .copied()
        .filter(|o| has_type(o, is_article_type))
        .max_by_key(|o| {
            o.get("articleBody")
                .and_then(Value::as_str)
                .map_or(0, str::len)
        });
    let stand_in = flat
        .iter()
        .copied()
        .find(|o| has_type(o, is_page_type) && o.get("name").and_then(Value::as_str).is_some())
        .or_else(|| {
            flat.iter().copied().find(|o| {
                has_type(o, is_thing_type) && o.get("name").and_then(Value::as_str).is_some()
            })
        });

    if let Some(a) = main_article {
        out.is_article = true;
        out.headline = string(a.get("headline")).or_else(|| string(a.get("name")));
        out.body = string(a.get("articleBody"));
        let (people, organizations) =
            split_authors(a.get("author").or_else(|| a.get("creator")), &by_id);
        out.authors = people;
        out.organization_authors = organizations;
        out.publisher = names(a.get("publisher"), &by_id).into_iter().next();
        out.published = string(a.get("datePublished"))
            .or_else(|| string(a.get("dateCreated")))
            .or_else(|| string(a.get("uploadDate")));
        out.modified = string(a.get("dateModified"));
        out.language = string(a.get("inLanguage"));
        out.url = string(a.get("url")).or_else(|| id_of(a.get("mainEntityOfPage")));
    }
    if let Some(p) = stand_in {
        out.page_name = string(p.get("name"));
        if out.published.is_none() {
            out.published = string(p.get("datePublished"));
        }
        if out.authors.is_empty() && out.organization_authors.is_empty() {
            let (people, organizations) = split_authors(p.get("author"), &by_id);
            out.authors = people;
            out.organization_authors = organizations;
        }
        if out.language.is_none() {
            out.language = string(p.get("inLanguage"));
        }
    }
    if out.publisher.is_none() {
        out.publisher = flat
            .iter()
            .find(|o| has_type(o, |t| t == "WebSite"))
            .or_else(|| flat.iter().find(|o| has_type(o, is_organization_type)))
            .and_then(|o| string(o.get("name")));
    }
    out
}

/// Parses one block, tolerating comment/CDATA wrappers and a trailing semicolon.
fn parse_block(raw: &str) -> Option<Value> {
    let mut s = raw.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(rest) = s.strip_prefix(open) {
            s = rest.strip_suffix(close).unwrap_or(rest).trim();
        }
    }
    let s = s.trim_end_matches(';').trim();
    if s.is_empty() {
        return None;
    }
    serde_json::from_str(s).ok().or_else(|| {
        // Raw control characters inside strings are a common error.
        if s.bytes()
            .any(|b| b < 0x20 && b != b'\n' && b != b'\r' && b != b'\t')
        {
            return None;
        }
        let cleaned: String = s
            .chars()
            .map(|c| {
                if c == '\n' || c == '\r' || c == '\t' {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        serde_json::from_str(&cleaned).ok()
    })
}

/// Every object in `v`: arrays and `@graph` are opened; nested objects are included too
/// (iteratively, depth-limited by serde_json's own nesting limit).
fn flatten<'v>(v: &'v Value, out: &mut Vec<&'v Map<String, Value>>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                out.push(map);
                for (k, child) in map.iter() {
                    if k == "@graph" || k == "mainEntity" || k == "itemListElement" {
                        stack.push(child);
                    }
                }
            }
            _ => {}
        }
        if out.len() > 2000 {
            break;
        }
    }
}

fn types(o: &Map<String, Value>) -> impl Iterator<Item = &str> {
    let t = o.get("@type");
    let single = t.and_then(Value::as_str);
    let many = t
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str);
    single.into_iter().chain(many)
}

fn has_type(o: &Map<String, Value>, pred: impl Fn(&str) -> bool) -> bool {
    types(o).any(|t| pred(t.rsplit('/').next().unwrap_or(t)))
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting"
                | "LiveBlogPosting"
                | "SocialMediaPosting"
                | "Report"
                | "Review"
                | "DiscussionForumPosting"
                | "Blog"
                | "Posting"
        )
}

fn is_page_type(t: &str) -> bool {
    t.ends_with("Page")
}

fn is_thing_type(t: &str) -> bool {
    matches!(
        t,
        "Product"
            | "Recipe"
            | "Event"
            | "Course"
            | "SoftwareApplication"
            | "Book"
            | "Movie"
            | "HowTo"
            | "FAQPage"
            | "VideoObject"
            | "Service"
            | "LocalBusiness"
    )
}

fn is_organization_type(t: &str) -> bool {
    t == "Organization" || t == "NewsMediaOrganization" || t.ends_with("Organization")
}

/// A non-empty string (a one-element array of strings counts).
fn string(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.as_str(),
        Value::Array(a) => a.first()?.as_str()?,
        _ => return None,
    };
    let s = crate::entities::decode(s.trim());
    let s = crate::entities::decode(&s).into_owned();
    let s = crate::text::repair_mojibake(&s);
    let folded = crate::text::fold_whitespace(&s);
    (!folded.is_empty()).then_some(folded)
}

/// `@id` (or the string itself) of a reference.
fn id_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => string(o.get("@id")),
        _ => None,
    }
}

/// Author names split into people (or untyped) and organizations.
fn split_authors(
    v: Option<&Value>,
    by_id: &HashMap<&str, &Map<String, Value>>,
) -> (Vec<String>, Vec<String>) {
    let (mut people, mut organizations) = (Vec::new(), Vec::new());
    let Some(v) = v else {
        return (people, organizations);
    };
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().take(20).collect(),
        other => vec![other],
    };
    for item in items {
        let resolved = match item {
            Value::Object(o) => match o.get("@id").and_then(Value::as_str) {
                Some(id) if o.get("name").is_none() => by_id.get(id).copied().unwrap_or(o),
                _ => o,
            },
            _ => {
                if let Some(n) = string(Some(item)) {
                    if !people.contains(&n) {
                        people.push(n);
                    }
                }
                continue;
            }
        };
        if let Some(n) = string(resolved.get("name")) {
            let list = if has_type(resolved, is_organization_type) {
                &mut organizations
            } else {
                &mut people
            };
            if !list.contains(&n) {
                list.push(n);
            }
        }
    }
    (people, organizations)
}

/// Names of a person/organization value: a string, an object with `name` (or an `@id` to
/// one), or an array of those.
fn names(v: Option<&Value>, by_id: &HashMap<&str, &Map<String, Value>>) -> Vec<String> {
    let mut out = Vec::new();
    let Some(v) = v else { return out };
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().take(20).collect(),
        other => vec![other],
    };
    for item in items {
        let name = match item {
            Value::String(s) => string(Some(&Value::String(s.clone()))),
            Value::Object(o) => string(o.get("name")).or_else(|| {
                let id = o.get("@id").and_then(Value::as_str)?;
                by_id.get(id).and_then(|r| string(r.get("name")))
            }),
            _ => None,
        };
        if let Some(n) = name {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_article_in_a_graph_with_references() {
        let block = r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"#site","name":"The Lorvik Ledger"},
            {"@type":"Person","@id":"#p1","name":"Marta Kowalski"},
            {"@type":["NewsArticle"],"headline":"Bridge to be rebuilt","author":{"@id":"#p1"},
             "datePublished":"2019-11-18T10:00:00+01:00","articleBody":"Text.",
             "publisher":{"@type":"Organization","name":"Ledger Media"}}]}"##;
        let ld = read([block].into_iter());
        assert!(ld.is_article);
        assert_eq!(ld.headline.as_deref(), Some("Bridge to be rebuilt"));
        assert_eq!(ld.authors, ["Marta Kowalski"]);
        assert_eq!(ld.published.as_deref(), Some("2019-11-18T10:00:00+01:00"));
        assert_eq!(ld.publisher.as_deref(), Some("Ledger Media"));
        assert_eq!(ld.body.as_deref(), Some("Text."));
    }

    #[test]
    fn wrappers_and_garbage() {
        let ld = read(
            [
                "<!-- {\"@type\":\"BlogPosting\",\"headline\":\"H\"} -->",
                "{not json",
                "",
            ]
            .into_iter(),
        );
        assert_eq!(ld.headline.as_deref(), Some("H"));
    }

    #[test]
    fn author_arrays_and_strings() {
        let ld = read(
            [r#"{"@type":"Article","author":["A B",{"name":"C D"},{"name":"A B"}]}"#].into_iter(),
        );
        assert_eq!(ld.authors, ["A B", "C D"]);
    }
}
