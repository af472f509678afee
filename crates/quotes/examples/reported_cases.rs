//! Training data for the reported-speech classifier: for every `.txt` file in a directory, one
//! JSON line with the spans of the quotes the exact rules find and every learned-pass
//! candidate (content span, feature strings), the pass keeping none. Read by
//! train/reported_speech.py.
//!
//! cargo run --release -p quotetrace-quotes --features training --example reported_cases -- DIR

mod common;

use quotetrace_quotes::reported_training::{set_collect_only, take_cases};

fn main() {
    let texts = common::texts_of_dir_arg("usage: reported_cases DIR");
    set_collect_only(true);
    for (doc, text) in texts {
        take_cases();
        let ex = quotetrace_quotes::extract(&text);
        let rules: Vec<[usize; 2]> = ex.quotes.iter().map(|q| [q.start, q.end]).collect();
        let cases: Vec<serde_json::Value> = take_cases()
            .into_iter()
            .map(|c| serde_json::json!({"start": c.start, "end": c.end, "cue": c.cue, "features": c.features}))
            .collect();
        println!(
            "{}",
            serde_json::json!({"doc": doc, "rules": rules, "cases": cases})
        );
    }
}
