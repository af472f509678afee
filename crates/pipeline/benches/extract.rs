//! Micro-benchmarks of `extract` for one article, as `quotetrace extract` runs it: a plain
//! text (language guess, the article rules, quotes and speakers) and the same article as a
//! news page (the clean stage first). `cargo bench -p quotetrace-pipeline` measures; `cargo
//! test -p quotetrace-pipeline --benches` runs each once. See `bench/micro/harness.rs`.

#[path = "../../../bench/micro/harness.rs"]
mod harness;

use quotetrace_model::Document;

fn main() {
    let bench = harness::Bench::from_args();
    let text_doc = Document {
        id: "article".into(),
        text: harness::ARTICLE.into(),
        ..Document::default()
    };
    let page_doc = Document {
        id: "page".into(),
        html: Some(harness::article_page().into_bytes()),
        ..Document::default()
    };
    let (_, ex) = quotetrace_pipeline::prepare::extract_document(text_doc.clone(), None);
    assert!(ex.quotes.len() >= 5, "{} quotes", ex.quotes.len());
    let (_, ex) = quotetrace_pipeline::prepare::extract_document(page_doc.clone(), None);
    assert!(
        ex.quotes.len() >= 5,
        "{} quotes from the page",
        ex.quotes.len()
    );
    bench.run("extract (one article, text)", "articles", || {
        quotetrace_pipeline::prepare::extract_document(text_doc.clone(), None)
    });
    bench.run("extract (one article, HTML page)", "articles", || {
        quotetrace_pipeline::prepare::extract_document(page_doc.clone(), None)
    });
}
