//! Property tests: any bytes, and any mix of markup fragments, give a result without
//! panicking, and the result is well-formed (no control characters in the text, dates in
//! `YYYY-MM-DD` form, languages as lower-case subtags).

use proptest::prelude::*;
use quotetrace_html::{extract, HtmlArticle};

fn check(a: &HtmlArticle) {
    assert!(!a.text.contains('\0'));
    assert!(!a.text.starts_with(char::is_whitespace) && !a.text.ends_with(char::is_whitespace));
    if let Some(d) = &a.meta.published {
        assert_eq!(d.len(), 10, "{d}");
        assert!(d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }));
    }
    if let Some(l) = &a.meta.lang {
        assert!(l.bytes().all(|b| b.is_ascii_lowercase()) && (2..=3).contains(&l.len()));
    }
}

const FRAGMENTS: &[&str] = &[
    "<div class='article-body'>", "</div>", "<p>", "</p>", "<a href='/author/jo'>", "</a>", "<li>",
    "<ul>", "</ul>", "<table><tr><td>", "</td></tr></table>", "<script>", "</script>",
    "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-01-02\"}</script>",
    "<!--", "-->", "<br>", "<h1>", "</h1>", "Words of a sentence, long enough to be prose. ",
    "&amp;", "&#8217;", "&", "<", ">", "\"", "<meta property='article:published_time' content='2019-13-45'>",
    "<time datetime='March 3, 2020'>", "<svg><path/>", "</svg>", "<nav>", "</nav>", "<footer>",
    "<html lang='pt-BR'>", "<body>", "<title>T | Site</title>", "é", "\u{1F600}", "\u{85}", "\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&extract(&bytes, None));
        check(&extract(&bytes, Some("windows-1252")));
    }

    #[test]
    fn tag_soup(picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..300)) {
        let page: String = picks.iter().map(|&i| FRAGMENTS[i]).collect();
        check(&extract(page.as_bytes(), None));
    }
}
