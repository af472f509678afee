//! Training data for the pronoun ranker: for every `.txt` file in a directory, one JSON line
//! with the quotes extract reports (span, kind, speaker, mention start) and every pronoun
//! resolution with its candidates' features. Read by train/pronoun_ranker.py.
//!
//! cargo run --release -p quotetrace-quotes --features training --example pronoun_cases -- DIR

mod common;

fn main() {
    let texts = common::texts_of_dir_arg("usage: pronoun_cases DIR");
    for (doc, text) in texts {
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
        println!(
            "{}",
            serde_json::json!({"doc": doc, "quotes": quotes, "cases": cases})
        );
    }
}
