//! Training data for the reported-speech classifier: for every `.txt` file in a directory, one
//! JSON line with the spans of the quotes the exact rules find and every learned-pass
//! candidate (content span, feature strings), the pass keeping none. Read by
//! train/reported_speech.py.
//!
//! cargo run --release -p quotetrace-quotes --features training --example reported_cases -- DIR

use std::path::PathBuf;

use quotetrace_quotes::reported_training::{set_collect_only, take_cases};

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: reported_cases DIR");
        std::process::exit(2);
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    set_collect_only(true);
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        take_cases();
        let ex = quotetrace_quotes::extract(&text);
        let rules: Vec<[usize; 2]> = ex.quotes.iter().map(|q| [q.start, q.end]).collect();
        let cases: Vec<serde_json::Value> = take_cases()
            .into_iter()
            .map(|c| serde_json::json!({"start": c.start, "end": c.end, "cue": c.cue, "features": c.features}))
            .collect();
        let doc = path.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "{}",
            serde_json::json!({"doc": doc, "rules": rules, "cases": cases})
        );
    }
}
