//! End-to-end tests of `quotetrace_html::extract` on small pages written for these tests:
//! what is kept, what is removed, metadata, charsets, and hostile input.

use quotetrace_html::extract;

/// A news page with the usual furniture around a four-paragraph article.
const NEWS_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>Council approves new bridge | The Lorvik Ledger</title>
<meta property="og:site_name" content="The Lorvik Ledger">
<meta property="article:published_time" content="2021-03-04T08:00:00Z">
<link rel="canonical" href="https://ledger.example/2021/03/04/bridge">
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council approves new bridge",
 "author":{"@type":"Person","name":"Marta Kowalski"},"datePublished":"2021-03-04T08:00:00Z",
 "publisher":{"@type":"Organization","name":"The Lorvik Ledger"}}
</script>
<style>p { color: red }</style>
</head>
<body>
<div id="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies?</p></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main>
<article>
<h1>Council approves new bridge</h1>
<div class="byline">By <a rel="author" href="/authors/marta">Marta Kowalski</a></div>
<div class="article-body">
<p>LORVIK — The town council voted on Tuesday to replace the old wooden bridge over the river with a new steel crossing, ending two years of debate.</p>
<figure><img src="bridge.jpg"><figcaption>The old bridge in winter. Photo: Ledger staff</figcaption></figure>
<p>"We will rebuild it before winter," said Mayor Marta Kowalski after the vote, adding that the works would start in the spring.</p>
<div class="newsletter-signup"><p>Sign up for our morning newsletter and never miss a story from the Ledger again.</p></div>
<p>The project is expected to cost 4.2 million kroner, most of it covered by a regional infrastructure fund approved last year.</p>
<p>Residents of the northern villages, who have been cut off twice by floods, welcomed the decision at a packed public meeting.</p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</div>
</article>
<aside class="related-articles"><h2>Related</h2><ul>
<li><a href="/a">Floods cut off northern villages for the second time this year</a></li>
<li><a href="/b">Regional fund approves infrastructure grants for seven towns</a></li></ul></aside>
<section id="comments"><h3>Comments</h3><p>Great news, finally! I have been waiting for this bridge for years and years.</p></section>
</main>
<footer><p>© 2021 The Lorvik Ledger. All rights reserved. Contact us, privacy policy, terms of use.</p></footer>
</body></html>"##;

#[test]
fn article_text_without_boilerplate() {
    let a = extract(NEWS_PAGE.as_bytes(), None);
    let paragraphs: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 4, "{}", a.text);
    assert!(paragraphs[0].starts_with("LORVIK — The town council voted"));
    assert!(paragraphs[1].starts_with("\"We will rebuild it before winter,\""));
    assert!(paragraphs[3].ends_with("packed public meeting."));
    for unwanted in [
        "cookies",
        "Home",
        "Photo:",
        "newsletter",
        "Share on",
        "Related",
        "Great news",
        "rights reserved",
        "By Marta",
    ] {
        assert!(!a.text.contains(unwanted), "{unwanted:?} in {:?}", a.text);
    }
    let reasons: Vec<&str> = a.boilerplate.iter().map(|(_, r)| *r).collect();
    for reason in [
        "cookie banner",
        "navigation",
        "caption/credit",
        "newsletter box",
        "share/follow",
        "related links",
        "comments",
        "footer",
    ] {
        assert!(reasons.contains(&reason), "no {reason:?} in {reasons:?}");
    }
}

#[test]
fn metadata_of_a_news_page() {
    let a = extract(NEWS_PAGE.as_bytes(), None);
    assert_eq!(a.meta.title.as_deref(), Some("Council approves new bridge"));
    assert_eq!(a.meta.author.as_deref(), Some("Marta Kowalski"));
    assert_eq!(a.meta.published.as_deref(), Some("2021-03-04"));
    assert_eq!(a.meta.outlet.as_deref(), Some("The Lorvik Ledger"));
    assert_eq!(a.meta.lang.as_deref(), Some("en"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://ledger.example/2021/03/04/bridge")
    );
    assert!(a.warnings.is_empty());
}

#[test]
fn json_ld_graph_and_byline_fallbacks() {
    let page = r##"<html><head><title>Storm hits coast – Harbour Daily</title>
    <script type="application/ld+json">{"@graph":[{"@type":"Person","@id":"#jo","name":"Jo Smith"},
      {"@type":"BlogPosting","headline":"Storm hits coast","author":{"@id":"#jo"},"dateCreated":"2020-02-01"}]}</script>
    </head><body><h1>Storm hits coast</h1><p>Heavy rain and strong winds battered the coast overnight, closing the port and two roads.</p></body></html>"##;
    let a = extract(page.as_bytes(), None);
    assert_eq!(a.meta.title.as_deref(), Some("Storm hits coast"));
    assert_eq!(a.meta.author.as_deref(), Some("Jo Smith"));
    assert_eq!(a.meta.published.as_deref(), Some("2020-02-01"));
    assert_eq!(a.meta.outlet.as_deref(), Some("Harbour Daily"));
    assert!(a.text.starts_with("Heavy rain"));
}

#[test]
fn paragraphs_from_line_breaks_and_lists() {
    let page = "<body><div class='story'><p>First line of a paragraph that is long enough to count as prose here.<br>Second line of it.</p>\
        <ul><li>One item of a list inside the article body, with words.</li><li>Another item.</li></ul></div></body>";
    let a = extract(page.as_bytes(), None);
    assert!(
        a.text.contains("prose here.\nSecond line of it."),
        "{:?}",
        a.text
    );
    assert!(a.text.contains("\n\nOne item of a list"), "{:?}", a.text);
}

#[test]
fn wrong_charset_declaration_falls_back() {
    let mut page = b"<html><head><meta charset=\"utf-8\"></head><body><p>Caf".to_vec();
    page.extend_from_slice(b"\xe9 cr\xe8me: a long enough paragraph about a caf\xe9 and its cr\xe8me br\xfbl\xe9e.</p></body></html>");
    let a = extract(&page, None);
    assert!(a.text.starts_with("Café crème"), "{:?}", a.text);
    assert_eq!(a.warnings.len(), 1);
    let b = extract(&page, Some("utf-8"));
    assert_eq!(a.text, b.text);
    let c = extract(&page, Some("iso-8859-1"));
    assert_eq!(a.text, c.text);
}

#[test]
fn declared_charset_from_http_is_used() {
    let page = b"<p>\xc0 \xea\xee\xf2\xee\xf0\xee\xec \xe3\xee\xe4\xf3 \xef\xee\xf1\xf2\xf0\xee\xe5\xed \xec\xee\xf1\xf2 \xf7\xe5\xf0\xe5\xe7 \xf0\xe5\xea\xf3?</p>";
    let a = extract(page, Some("windows-1251"));
    assert!(
        a.text
            .starts_with("А котором году построен мост через реку?"),
        "{:?}",
        a.text
    );
}

#[test]
fn empty_and_bodiless_pages() {
    let a = extract(b"", None);
    assert_eq!(a.text, "");
    assert_eq!(a.meta.title, None);
    let a = extract(b"<title>Only a title</title>", None);
    assert_eq!(a.text, "");
    assert_eq!(a.meta.title.as_deref(), Some("Only a title"));
    let a = extract(
        b"<p>A page with no html, head or body element but a real paragraph of text.</p>",
        None,
    );
    assert!(a.text.starts_with("A page with no html"));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 100_000;
    let mut page = String::with_capacity(depth * 12);
    page.push_str("<html><body>");
    for _ in 0..depth {
        page.push_str("<div>");
    }
    page.push_str(
        "<p>The paragraph at the bottom of a very deep tree of elements, long enough.</p>",
    );
    for _ in 0..depth {
        page.push_str("</div>");
    }
    let a = extract(page.as_bytes(), None);
    assert!(a.text.starts_with("The paragraph at the bottom"));
    // Unclosed, and mixed with other elements.
    let page = "<span><b><i><div class='author'>".repeat(30_000) + "x";
    let _ = extract(page.as_bytes(), None);
}

#[test]
fn binary_garbage_does_not_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes = Vec::with_capacity(1 << 16);
    for _ in 0..(1 << 16) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.push((state >> 24) as u8);
    }
    let a = extract(&bytes, None);
    assert!(!a.warnings.is_empty());
    let _ = extract(&bytes, Some("shift_jis"));
    let _ = extract(&bytes, Some("utf-16le"));
}

#[test]
fn malformed_markup_does_not_panic() {
    let cases: &[&str] = &[
        "<", "<<<>>>", "</", "</>", "<!", "<!--", "<!-- never closed <p>x</p>", "<?xml", "<a href=\"",
        "<a href='x", "<p class=>", "<p =x>", "<script>", "<script>never closed <p>x",
        "<style>", "<title>", "<textarea>", "<plaintext>rest", "<svg><path/><title>t</title>",
        "&", "&#", "&#x", "&#xFFFFFFFFFF;", "&#0;", "&amp", "<p>&nosuch;</p>", "<table><td>a</div></table>",
        "<li>a<li>b</ul></ol>", "</body></html><p>after</p>", "<body><body><html lang=fr>",
        "<meta charset=\"", "<meta content=\"x\" name=author>", "<time datetime=\"9999-99-99\">",
        "<script type=application/ld+json>{\"@graph\":[[[[[[]]]]]]}</script>",
        "<script type=\"application/ld+json\">[1,2,{\"@type\":\"Article\",\"author\":[null,1,{}]}]</script>",
        "\u{0}\u{0}<p>\u{0}</p>", "<p>\u{FEFF}\u{200B}</p>",
    ];
    for case in cases {
        let _ = extract(case.as_bytes(), None);
    }
}

#[test]
fn random_bytes_and_tag_soup_do_not_panic() {
    // A small deterministic fuzzer: random mixes of markup fragments and raw bytes.
    const FRAGMENTS: &[&str] = &[
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<a href='/author/x'>",
        "</a>",
        "<li>",
        "<ul>",
        "</ul>",
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "</table>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<br>",
        "<h1>",
        "</h1>",
        "text ",
        "more words here ",
        "&amp;",
        "&#",
        "<",
        ">",
        "\"",
        "'",
        "<meta property='og:title' content='T'>",
        "<time datetime='2020-01-02'>",
        "<svg>",
        "/>",
        "<article class='post-content'>",
        "<nav>",
        "<footer>",
        "é",
        "\u{1F600}",
        "\n",
    ];
    let mut state: u64 = 12345;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let mut page: Vec<u8> = Vec::new();
        let len = (next() % 200) as usize;
        for _ in 0..len {
            let r = next();
            if r % 5 == 0 {
                page.push((r >> 8) as u8);
            } else {
                page.extend_from_slice(FRAGMENTS[(r >> 8) as usize % FRAGMENTS.len()].as_bytes());
            }
        }
        let a = extract(&page, None);
        assert!(!a.text.contains('\0'));
    }
}
