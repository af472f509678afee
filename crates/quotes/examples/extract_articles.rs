//! `extract` in its article mode on JSONL texts: `{"id", "text"}` in, `{"doc", "quotes"}` out.
//! The reference of `bench/scraped_quality.sh`: the quotes of the gold main texts, read as
//! articles (the exact boilerplate rules only), as `quotetrace extract` read every text before
//! raw texts went to the block classifier.
//!
//! ```text
//! extract_articles < texts.jsonl > quotes.jsonl
//! ```

use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or_default();
        let ex = quotetrace_quotes::extract(text);
        let rec = serde_json::json!({"doc": v["id"], "quotes": ex.quotes});
        let _ = writeln!(out, "{rec}");
    }
}
