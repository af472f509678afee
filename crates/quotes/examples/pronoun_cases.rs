//! Training data for the pronoun ranker: for every `.txt` file in a directory, one JSON line
//! with the quotes extract reports (span, kind, speaker, mention start) and every pronoun
//! resolution with its candidates' features. Read by train/pronoun_ranker.py.
//!
//! cargo run --release -p quotetrace-quotes --features training --example pronoun_cases -- DIR

use std::path::PathBuf;

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: pronoun_cases DIR");
        std::process::exit(2);
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let ex = quotetrace_quotes::extract(&text);
        let quotes: Vec<serde_json::Value> = ex
            .quotes
            .iter()
            .map(|q| {
                serde_json::json!({
                    "start": q.start, "end": q.end, "kind": q.kind, "speaker": q.speaker,
                    "mention_start": q.speaker_mention.as_ref().map(|m| m.start),
                })
            })
            .collect();
        let cases: Vec<serde_json::Value> = ex
            .pronoun_cases
            .iter()
            .map(|c| {
                serde_json::json!({
                    "pos": c.pos,
                    "candidates": c.candidates.iter().map(|(name, f)| {
                        serde_json::json!({"name": name, "features": f.to_vec()})
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        let doc = path.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "{}",
            serde_json::json!({"doc": doc, "quotes": quotes, "cases": cases})
        );
    }
}
