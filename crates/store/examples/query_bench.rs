//! Query latency on an existing store: `trace` and `search` for quotes sampled from it.
//!
//! `cargo run --release -p quotetrace-store --example query_bench -- STORE_DIR [N]` prints the
//! median and 99th percentile in milliseconds (the store opened once, as a server would). A
//! trace lists the first 100 appearances, as `quotetrace trace` and the API do by default.

use std::time::Instant;

use quotetrace_store::Store;

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f64::NAN;
    }
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: query_bench STORE_DIR [N]");
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(500);
    let store = Store::open(std::path::Path::new(&dir)).expect("open store");
    let samples = store.sample_quotes(n).expect("sample quotes");
    let (mut trace_ms, mut search_ms) = (Vec::new(), Vec::new());
    let mut found = 0;
    for q in &samples {
        // Ask with part of the quote, as a user pastes a fragment.
        let words: Vec<&str> = q.split_whitespace().take(10).collect();
        let asked = words.join(" ");
        let t = Instant::now();
        let r = store.trace_limited(&asked, 100).expect("trace");
        trace_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        found += usize::from(r.is_some());
        let query: String = words
            .iter()
            .filter(|w| w.len() > 4)
            .take(2)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let t = Instant::now();
        store.search(&query, 20).expect("search");
        search_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "{{\"queries\": {}, \"traced\": {}, \"trace_median_ms\": {:.2}, \"trace_p99_ms\": {:.2}, \"search_median_ms\": {:.2}, \"search_p99_ms\": {:.2}}}",
        samples.len(),
        found,
        percentile(&mut trace_ms.clone(), 0.5),
        percentile(&mut trace_ms, 0.99),
        percentile(&mut search_ms.clone(), 0.5),
        percentile(&mut search_ms, 0.99)
    );
}
