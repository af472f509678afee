//! Inline elements never split a paragraph or lose their text (a name in a link with a
//! `tag` or `author` class is still part of the sentence), and hidden elements are not
//! article text. Pages written for these tests.

use quotetrace_html::extract;

const PAGE: &str = r##"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>A sister act behind the year's surprise screenplay | Screen Ledger</title></head>
<body><nav><a href="/">Home</a> <a href="/film">Film</a> <a href="/tv">TV</a></nav>
<article><h1>A sister act behind the year's surprise screenplay</h1>
<div class="entry-content">
<p>The documentary follows how Oscar-winning actress <a class="tag-link" href="/t/lena-marsh">Lena Marsh</a> came to co-write the script with her sister <a rel="author" class="author-name" href="/t/ada-marsh"><strong>Ada Marsh</strong></a>, a novelist who had never worked in film.</p>
<p>"We argued about every scene, and that is why it works," <span class="byline-name">Lena Marsh</span> said at the premiere, where the <abbr class="tooltip" title="Screen Writers Guild">SWG</abbr> president <em class="caption-style">Tomas Reyes</em> praised the pair.</p>
<p>The film took four years to make<span aria-hidden="true"> ICON-SHARE-GLYPH</span> and was shot in eleven countries<span style="display: none"> tracking-pixel-label</span> on a small budget.</p>
<div hidden><p>This hidden paragraph repeats the article for crawlers and readers never see it at all.</p></div>
<div aria-hidden="true"><p>An aria-hidden paragraph of promotional text that no reader of the page is shown.</p></div>
<p style="display:none">A paragraph hidden with an inline style that no reader of the page ever sees.</p>
<p>It opens in cinemas next month, with a streaming release planned for the spring after a festival run.</p>
</div></article>
<footer><p>© Screen Ledger. All rights reserved.</p></footer></body></html>"##;

#[test]
fn names_inside_inline_elements_stay_in_their_sentence() {
    let a = extract(PAGE.as_bytes(), None);
    let paragraphs: Vec<&str> = a.text.split("\n\n").collect();
    assert!(
        paragraphs.contains(
            &"The documentary follows how Oscar-winning actress Lena Marsh came to co-write the script with her sister Ada Marsh, a novelist who had never worked in film."
        ),
        "{}",
        a.text
    );
    assert!(
        paragraphs.contains(
            &"\"We argued about every scene, and that is why it works,\" Lena Marsh said at the premiere, where the SWG president Tomas Reyes praised the pair."
        ),
        "{}",
        a.text
    );
}

#[test]
fn hidden_elements_are_not_article_text() {
    let a = extract(PAGE.as_bytes(), None);
    for hidden in [
        "ICON-SHARE-GLYPH",
        "tracking-pixel-label",
        "hidden paragraph repeats",
        "aria-hidden paragraph",
        "hidden with an inline style",
    ] {
        assert!(!a.text.contains(hidden), "{hidden}: {}", a.text);
    }
    assert!(
        a.text.contains(
            "The film took four years to make and was shot in eleven countries on a small budget."
        ),
        "{}",
        a.text
    );
    assert!(a.text.contains("It opens in cinemas next month"));
}
