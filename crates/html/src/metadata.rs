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
use quotetrace_model::DocMeta;

mod author;
mod choose;
mod gather;
mod outlet;

pub use author::clean_author;
use author::*;
pub use choose::choose;
pub use gather::gather;
use gather::*;
pub use outlet::{host_of, outlet_name};

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
pub fn extract(dom: &Dom<'_>) -> (DocMeta, Candidates) {
    let c = gather(dom);
    (choose(&c), c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> DocMeta {
        extract(&Dom::parse(html)).0
    }

    /// The title, outlet, date, author, language and address of `m`.
    fn fields(m: &DocMeta) -> [Option<&str>; 6] {
        [
            &m.title,
            &m.outlet,
            &m.published,
            &m.author,
            &m.lang,
            &m.url,
        ]
        .map(|f| f.as_deref())
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
        assert_eq!(
            fields(&m),
            [
                Some("Bridge plan"),
                Some("The Ledger"),
                Some("2019-11-18"),
                Some("Marta Kowalski"),
                Some("en"),
                Some("https://ledger.example/bridge"),
            ]
        );
    }

    #[test]
    fn title_without_site_suffix_and_byline_fallbacks() {
        let m = meta_of(
            r#"<title>Storm closes port – Harbour News</title>
            <div class="byline">By <a rel="author" href="/a">Jo Smith</a> on March 3, 2020</div>"#,
        );
        // (No language or address on the page.)
        assert_eq!(
            fields(&m),
            [
                Some("Storm closes port"),
                Some("Harbour News"),
                Some("2020-03-03"),
                Some("Jo Smith"),
                None,
                None,
            ]
        );
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
