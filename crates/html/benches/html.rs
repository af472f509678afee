//! Micro-benchmarks of the clean stage for pages: the parser alone, and `extract` (parse,
//! metadata, main text) on a news page built from an article written for the benchmarks.
//! `cargo bench -p quotetrace-html` measures; `cargo test -p quotetrace-html --benches` runs
//! each once. See `bench/micro/harness.rs`.

#[path = "../../../bench/micro/harness.rs"]
mod harness;

fn main() {
    let bench = harness::Bench::from_args();
    let page = harness::article_page();
    let nodes = quotetrace_html::parse_node_count(&page);
    assert!(nodes > 100, "the page parses into {nodes} nodes");
    let article = quotetrace_html::extract(page.as_bytes(), None);
    assert!(article
        .text
        .contains("Mayor Elena Marsh said after the vote"));
    bench.run("html parse (one page)", "pages", || {
        quotetrace_html::parse_node_count(&page)
    });
    bench.run("html extract (one page)", "pages", || {
        quotetrace_html::extract(page.as_bytes(), None)
    });
}
