//! End-to-end tests of the corpus commands against a store in a scratch directory.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn qt(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotetrace"))
        .args(args)
        .arg("--store")
        .arg(store)
        .stdin(Stdio::null())
        .output()
        .expect("run quotetrace")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn examples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/articles")
        .display()
        .to_string()
}

#[test]
fn ingest_twice_then_ask_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let first = qt(&store, &["ingest", &examples()]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let again = qt(&store, &["ingest", &examples()]);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("ingested 0 new article(s)"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    let speakers = json(&qt(&store, &["speakers", "--format", "json"]));
    let names: Vec<&str> = speakers
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Elena Varga") && names.contains(&"Marta Kowalski"),
        "{names:?}"
    );

    let quotes = json(&qt(
        &store,
        &["quotes", "--speaker", "Varga", "--format", "json"],
    ));
    assert!(quotes.as_array().unwrap().len() >= 5);
    let since = json(&qt(
        &store,
        &["quotes", "--since", "2024-10-20", "--format", "json"],
    ));
    assert!(since
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["published"].as_str().unwrap() >= "2024-10-20"));

    // The wire rewrite carried the minister's words: trace finds both appearances.
    let trace = json(&qt(
        &store,
        &[
            "trace",
            "We have gone through every ministry line by line",
            "--format",
            "json",
        ],
    ));
    assert_eq!(trace["speaker"], "Elena Varga");
    assert!(
        trace["appearances"].as_array().unwrap().len() >= 2,
        "{trace}"
    );
    let total = trace["appearances_total"].as_u64().unwrap();
    let one = qt(
        &store,
        &[
            "trace",
            "We have gone through every ministry line by line",
            "--limit",
            "1",
        ],
    );
    let table = String::from_utf8_lossy(&one.stdout);
    assert!(
        table.contains(&format!("Appearances:      {total} (the first 1 listed")),
        "{table}"
    );
    let none = qt(
        &store,
        &["trace", "words nobody ever said about gardening tomatoes"],
    );
    assert_eq!(none.status.code(), Some(1));

    let hits = json(&qt(&store, &["search", "pontoon", "--format", "json"]));
    assert!(!hits.as_array().unwrap().is_empty());

    let stories = qt(&store, &["stories", "--format", "jsonl"]);
    let lines: Vec<Value> = String::from_utf8_lossy(&stories.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 9);
    assert!(lines
        .iter()
        .all(|l| l.get("doc").is_some() && l.get("story").is_some()));

    let csv = qt(&store, &["export", "--format", "csv"]);
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(text.starts_with("quote_id,doc,published"));
    assert!(text.lines().count() > 50);
    let table = qt(&store, &["quotes", "--limit", "3"]);
    assert!(String::from_utf8_lossy(&table.stdout).lines().count() == 5);
}

#[test]
fn a_killed_ingest_loses_nothing_committed_and_the_next_run_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let input = tmp.path().join("many.jsonl");
    let mut f = std::fs::File::create(&input).unwrap();
    let n = 1500;
    for i in 0..n {
        let text = format!("Report number {i} from the council.\n\n\"Item {i} passed after a long debate about the budget for year {i},\" council chair Mira Holt said on day {i}.\n\nThe vote on item {i} was {} to {}.", i % 7 + 5, i % 5);
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("r{i}"), "outlet": "Gazette", "text": text})
        )
        .unwrap();
    }
    drop(f);
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotetrace"))
        .args([
            "ingest",
            "--quiet",
            "--batch",
            "256",
            input.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
        ])
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill it hard.
    let db = store.join("quotetrace.db");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        if std::fs::metadata(store.join("quotetrace.db-wal"))
            .map(|m| m.len())
            .unwrap_or(0)
            > 200_000
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(db.exists());
    let partial = json(&qt(&store, &["stories", "--format", "json"]))
        .as_array()
        .unwrap()
        .len();
    assert!(
        partial < n,
        "the kill came too late to test anything ({partial} of {n})"
    );
    let rerun = qt(&store, &["ingest", "--quiet", input.to_str().unwrap()]);
    assert!(rerun.status.success());
    let stories = json(&qt(&store, &["stories", "--format", "json"]));
    let all = stories.as_array().unwrap();
    assert_eq!(all.len(), n, "every article exactly once after the rerun");
    assert!(
        all.iter().all(|d| d["story"].is_i64()),
        "every article has its story after the rerun"
    );
    let export = qt(&store, &["export"]);
    assert_eq!(String::from_utf8_lossy(&export.stdout).lines().count(), n);
    // The full-text index, written by its own thread and caught up on the rerun, has every
    // article once, those committed just before the kill included.
    // (From 12 on, an article's number is in no other article.)
    for i in (12..n).step_by(50).chain([n - 1]) {
        let hits = json(&qt(
            &store,
            &[
                "search",
                "--format",
                "json",
                &format!("report number {i} council"),
            ],
        ));
        let own = hits
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["kind"] == "document" && h["doc"] == format!("r{i}").as_str())
            .count();
        assert_eq!(own, 1, "article r{i} in search: {hits}");
    }
}
