//! The micro-benchmarks' shared harness (`crates/*/benches/*.rs`, `harness = false`): std only,
//! so that building them costs CI no benchmark crate. Each benchmark runs its closure for about
//! a second in 20 timed batches and prints the median time per call and calls per second.
//! Under `cargo bench` (which passes `--bench`) it measures; run any other way (`cargo test
//! --benches`, the binary with no argument) it calls each closure once, as a smoke test.
//! A name filter as the first other argument runs the matching benchmarks only.

#![allow(dead_code)]

use std::time::{Duration, Instant};

/// What the command line asked for.
pub struct Bench {
    measure: bool,
    filter: Option<String>,
}

impl Bench {
    pub fn from_args() -> Bench {
        let mut measure = false;
        let mut filter = None;
        for arg in std::env::args().skip(1) {
            if arg == "--bench" {
                measure = true;
            } else if !arg.starts_with('-') {
                filter = Some(arg);
            }
        }
        Bench { measure, filter }
    }

    /// Times `f` (one call is one unit of `what`, e.g. "articles"), or calls it once.
    pub fn run<T>(&self, name: &str, what: &str, mut f: impl FnMut() -> T) {
        if self.filter.as_deref().is_some_and(|p| !name.contains(p)) {
            return;
        }
        if !self.measure {
            std::hint::black_box(f());
            println!("{name}: ok (smoke run; `cargo bench` measures)");
            return;
        }
        // Calls per batch: enough for a batch to last about 50 ms.
        let start = Instant::now();
        let mut calls = 0u64;
        while start.elapsed() < Duration::from_millis(50) {
            std::hint::black_box(f());
            calls += 1;
        }
        let mut batches: Vec<f64> = (0..20)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..calls {
                    std::hint::black_box(f());
                }
                t.elapsed().as_secs_f64() / calls as f64
            })
            .collect();
        batches.sort_by(f64::total_cmp);
        let median = batches[batches.len() / 2];
        println!(
            "{name}: {} per call (median of 20 batches of {calls}; min {}), {:.0} {what}/s",
            human(median),
            human(batches[0]),
            1.0 / median
        );
    }
}

fn human(seconds: f64) -> String {
    if seconds >= 1e-3 {
        format!("{:.3} ms", seconds * 1e3)
    } else {
        format!("{:.2} µs", seconds * 1e6)
    }
}

/// An article written for these benchmarks (fictional), as plain text: headline, blank line,
/// paragraphs separated by blank lines.
pub const ARTICLE: &str = include_str!("article.txt");

/// The article as a news page: a head with metadata, navigation, the article, a related-links
/// box and a footer, with scripts and styles as pages have them.
pub fn article_page() -> String {
    let mut parts = ARTICLE.split("\n\n");
    let title = parts.next().unwrap_or_default().trim();
    let mut page = String::with_capacity(32 * 1024);
    page.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    page.push_str(&format!(
        "<title>{title} | Harbor Gazette</title>\
         <meta property=\"og:site_name\" content=\"Harbor Gazette\">\
         <meta name=\"author\" content=\"Jordan Ellery\">\
         <meta property=\"article:published_time\" content=\"2026-03-11T06:30:00Z\">\
         <style>body{{font-family:serif}} .nav a{{margin:0 4px}}</style>\
         <script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>\
         </head><body>"
    ));
    page.push_str("<header><nav class=\"nav\"><ul>");
    for section in [
        "News",
        "Politics",
        "Business",
        "Sports",
        "Opinion",
        "Weather",
        "Obituaries",
    ] {
        page.push_str(&format!(
            "<li><a href=\"/{0}\">{0}</a></li>",
            section.to_lowercase()
        ));
    }
    page.push_str("</ul></nav></header><main><article>");
    page.push_str(&format!("<h1>{title}</h1><p class=\"byline\">By <a href=\"/staff/jellery\">Jordan Ellery</a> &middot; <time datetime=\"2026-03-11\">March 11, 2026</time></p>"));
    for p in parts {
        let p = p.trim().replace('&', "&amp;").replace('"', "&quot;");
        page.push_str(&format!("<p>{p}</p>\n"));
    }
    page.push_str("</article><aside class=\"related\"><h2>Related</h2><ul>");
    for i in 1..=8 {
        page.push_str(&format!(
            "<li><a href=\"/news/{i}\">Council agenda item {i}: what residents should know</a></li>"
        ));
    }
    page.push_str(
        "</ul></aside></main><footer><p>&copy; 2026 Harbor Gazette. All rights reserved.</p>",
    );
    page.push_str("<p><a href=\"/privacy\">Privacy</a> | <a href=\"/terms\">Terms</a> | <a href=\"/subscribe\">Subscribe</a></p></footer>");
    page.push_str("<script>(function(){var s=document.createElement('script');s.src='/ads.js';document.body.appendChild(s);})();</script>");
    page.push_str("</body></html>");
    page
}
