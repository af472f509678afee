//! Near-duplicate detection over a JSONL file of articles (`{"id", "text"}` per line), as the
//! store does it: MinHash signatures of 3-word shingles, LSH candidates, verification on the
//! full signature, each article linked to the earliest similar one.
//!
//! Prints `{"doc": id, "duplicate_of": id | null}` per article and the timing (signatures and
//! LSH only, not reading) on standard error. Used by `bench/near_dups.sh`.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::time::Instant;

use quotetrace_link::minhash;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: dedup_eval FILE.jsonl [THRESHOLD]");
    let threshold: f64 = std::env::args()
        .nth(2)
        .and_then(|t| t.parse().ok())
        .unwrap_or(0.7);
    let file = std::fs::File::open(&path).expect("open input");
    let mut docs: Vec<(String, String)> = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read line");
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
        docs.push((
            v["id"].as_str().unwrap_or_default().to_string(),
            v["text"].as_str().unwrap_or_default().to_string(),
        ));
    }
    let started = Instant::now();
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut sigs: Vec<Option<minhash::Signature>> = Vec::with_capacity(docs.len());
    let mut original: Vec<Option<usize>> = Vec::with_capacity(docs.len());
    for (i, (_, text)) in docs.iter().enumerate() {
        let sig = minhash::signature(&minhash::words(text), 3);
        let mut found = None;
        if let Some(s) = &sig {
            let bands = minhash::bands(s);
            let mut cands: Vec<usize> = bands
                .iter()
                .filter_map(|b| buckets.get(b))
                .flatten()
                .copied()
                .collect();
            cands.sort_unstable();
            cands.dedup();
            found = cands
                .into_iter()
                .find(|&c| {
                    sigs[c]
                        .as_ref()
                        .is_some_and(|o| minhash::similarity(s, o) >= threshold)
                })
                .map(|c| original[c].unwrap_or(c));
            for b in bands {
                buckets.entry(b).or_default().push(i);
            }
        }
        sigs.push(sig);
        original.push(found);
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{} docs in {:.3}s = {:.0} docs/s",
        docs.len(),
        secs,
        docs.len() as f64 / secs.max(1e-9)
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, (id, _)) in docs.iter().enumerate() {
        let dup = original[i].map(|o| docs[o].0.clone());
        writeln!(
            out,
            "{}",
            serde_json::json!({"doc": id, "duplicate_of": dup})
        )
        .expect("write");
    }
}
