//! Runs the extractor over every `*.html` / `*.html.gz` page of a directory.
//!
//! ```text
//! cargo run --release -p quotetrace-html --example html_eval -- DIR [--repeat N]
//! ```
//!
//! Prints one JSON line per page on standard output, sorted by file name:
//! `{"doc", "text", "title", "author", "published", "outlet", "lang", "url"}` (`doc` is the
//! file name without `.html`/`.html.gz`). On standard error it prints the number of pages,
//! the bytes, and the time spent in `quotetrace_html::extract` only (reading and gunzip
//! excluded), single thread, as one JSON object. `--repeat N` runs the extraction N times
//! over all pages and reports the fastest pass (the output is written once).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut repeat = 1usize;
    while let Some(arg) = args.next() {
        if arg == "--repeat" {
            repeat = args.next().and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
        } else {
            dir = Some(PathBuf::from(arg));
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: html_eval DIR [--repeat N]");
        std::process::exit(2);
    };
    let pages = match read_pages(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("html_eval: cannot read {}: {e}", dir.display());
            std::process::exit(1);
        }
    };
    let mut best = Duration::MAX;
    let mut results = Vec::new();
    for pass in 0..repeat {
        let t0 = Instant::now();
        let out: Vec<_> = pages
            .iter()
            .map(|(_, bytes)| quotetrace_html::extract(bytes, None))
            .collect();
        best = best.min(t0.elapsed());
        if pass == 0 {
            results = out;
        }
    }
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for ((doc, _), a) in pages.iter().zip(&results) {
        let rec = serde_json::json!({
            "doc": doc, "text": a.text, "title": a.meta.title, "author": a.meta.author,
            "published": a.meta.published, "outlet": a.meta.outlet, "lang": a.meta.lang, "url": a.meta.url,
        });
        let _ = writeln!(w, "{rec}");
    }
    let _ = w.flush();
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let secs = best.as_secs_f64();
    eprintln!(
        "{}",
        serde_json::json!({
            "pages": pages.len(), "bytes": bytes, "extract_s": (secs * 1e4).round() / 1e4,
            "pages_per_s": if secs > 0.0 { (pages.len() as f64 / secs * 10.0).round() / 10.0 } else { 0.0 },
            "mb_per_s": if secs > 0.0 { (bytes as f64 / 1e6 / secs * 10.0).round() / 10.0 } else { 0.0 },
            "passes": repeat,
        })
    );
}

/// (doc id, decompressed bytes) for each page, sorted by file name.
fn read_pages(dir: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        let name = match path.file_name().and_then(|n| n.to_str()) {
            Some(n) => n.to_string(),
            None => continue,
        };
        let Some(doc) = name
            .strip_suffix(".html.gz")
            .or_else(|| name.strip_suffix(".html"))
        else {
            continue;
        };
        pages.push((doc.to_string(), common::read_page(&path)?));
    }
    Ok(pages)
}
