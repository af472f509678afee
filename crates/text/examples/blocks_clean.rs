//! The block classifier alone on JSONL pages: `{"id", "text"}` in, `{"id", "text"}` out, the
//! text being the blocks judged article, Markdown syntax taken out, blank-line separated.
//! Prints pages/s on standard error. For experiments and `bench/train_blocks.sh`; `quotetrace
//! clean` is the command users run.
//!
//! ```text
//! blocks_clean < pages.jsonl > cleaned.jsonl
//! ```

use std::io::Write;

mod common;
use std::time::{Duration, Instant};

use quotetrace_text::{blocks, markdown, paragraphs};

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut spent = Duration::ZERO;
    let mut pages = 0usize;
    for (id, text) in common::stdin_pages() {
        let text = text.as_str();
        let started = Instant::now();
        let markup = markdown::scan(text);
        let view = markdown::blank(text, &markup.syntax);
        let paras = paragraphs(text);
        let verdicts = blocks::classify_with(text, &markup, &view, &paras);
        let kept: Vec<String> = paras
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| !v.boilerplate)
            .map(|(p, _)| markdown::render(text, p.clone(), &markup.syntax))
            .filter(|t| !t.is_empty())
            .collect();
        let cleaned = kept.join("\n\n");
        spent += started.elapsed();
        pages += 1;
        let rec = serde_json::json!({"id": id, "text": cleaned});
        let _ = writeln!(out, "{rec}");
    }
    eprintln!(
        "{pages} pages in {:.3} s: {:.0} pages/s",
        spent.as_secs_f64(),
        pages as f64 / spent.as_secs_f64().max(1e-9)
    );
}
