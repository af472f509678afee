//! What the block examples share: the pages they read.

use std::io::BufRead;

/// The `{"id", "text"}` records of the JSONL on standard input, as (id, text), until the input
/// ends or cannot be read; lines that are not JSON are passed over (a missing text is empty).
pub fn stdin_pages() -> impl Iterator<Item = (serde_json::Value, String)> {
    std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| {
            let mut v = serde_json::from_str::<serde_json::Value>(&line).ok()?;
            let text = v["text"].as_str().unwrap_or_default().to_string();
            Some((v["id"].take(), text))
        })
}
