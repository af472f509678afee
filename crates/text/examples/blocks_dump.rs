//! The block classifier's verdict on every block of JSONL pages, for looking at what it keeps:
//! `{"id", "text"}` in, one line per block out: `{"id", "block", "start", "end", "p", "kept",
//! "main", "why"}` (byte offsets in the page's text; `main`: inside the page's main stretch). For experiments; `quotetrace clean` is the
//! command users run.
//!
//! ```text
//! blocks_dump < pages.jsonl > blocks.jsonl
//! ```

use std::io::Write;

mod common;

use quotetrace_text::{blocks, paragraphs};

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (id, text) in common::stdin_pages() {
        let text = text.as_str();
        let paras = paragraphs(text);
        let verdicts = blocks::classify(text, &paras);
        for (i, (p, verdict)) in paras.iter().zip(&verdicts).enumerate() {
            let rec = serde_json::json!({
                "id": id, "block": i, "start": p.start, "end": p.end,
                "p": verdict.article, "kept": !verdict.boilerplate, "main": verdict.main,
                "why": verdict.why,
            });
            let _ = writeln!(out, "{rec}");
        }
    }
}
