//! End-to-end tests of the corpus commands against a store in a scratch directory.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;

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
    common::assert_ok(&first);
    let again = qt(&store, &["ingest", &examples()]);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("ingested 0 new article(s)"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    let speakers = json(&qt(&store, &["speakers", "--format", "json"]));
    let names = common::strings(&speakers, "name");
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

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn queries_honour_their_formats_and_filters_or_refuse_them() {
    let tmp = tempfile::tempdir().unwrap();
    // A store that does not exist is an error, not an empty table (and nothing is created).
    let missing = tmp.path().join("missing");
    let out = qt(&missing, &["speakers"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no store at"), "{}", stderr(&out));
    assert!(!missing.exists());

    let store = tmp.path().join("store");
    assert!(qt(&store, &["ingest", "-q", &examples()]).status.success());
    let all: Vec<Value> = stdout(&qt(&store, &["export"]))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(all.len() > 20, "{}", all.len());

    // Dates are checked as the API checks them.
    for bad in ["2019/11/20", "2023-02-29", "yesterday"] {
        let out = qt(&store, &["quotes", "--since", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    }
    // csv for quotes, json for export, and the same quotes either way.
    let csv = stdout(&qt(&store, &["quotes", "--format", "csv", "--limit", "5"]));
    assert!(csv.starts_with("id,text,kind,speaker,"), "{csv}");
    assert_eq!(csv.lines().count(), 6, "{csv}");
    let array: Value =
        serde_json::from_str(&stdout(&qt(&store, &["export", "--format", "json"]))).unwrap();
    assert_eq!(array.as_array().unwrap(), &all);
    // Filters in export: kind and confidence, each quote fits and the kinds add up.
    let mut n = 0;
    for kind in ["direct", "partial", "indirect", "pull"] {
        let rows: Vec<Value> = stdout(&qt(&store, &["export", "--kind", kind]))
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(rows.iter().all(|q| q["kind"] == kind));
        n += rows.len();
    }
    assert_eq!(n, all.len());
    let sure = stdout(&qt(&store, &["export", "--min-confidence", "0.9"]));
    let sure: Vec<Value> = sure
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(sure
        .iter()
        .all(|q| q["confidence"].as_f64().unwrap() >= 0.9));
    assert!(!sure.is_empty() && sure.len() < all.len());
    // Real empty values in CSV: the text files have no outlet.
    let csv = stdout(&qt(&store, &["export", "--format", "csv"]));
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert!(header.starts_with(&["quote_id", "doc", "published", "outlet", "speaker"]));
    assert!(header.contains(&"cue") && header.contains(&"confidence") && header.contains(&"title"));
    assert!(!csv.lines().any(|l| l.contains(",-,")), "{csv}");
    // --limit applies to stories in every format.
    let out = qt(&store, &["stories", "--format", "jsonl", "--limit", "2"]);
    assert_eq!(stdout(&out).lines().count(), 2);
    // No results: said on standard error, standard output stays parseable.
    let out = qt(
        &store,
        &["quotes", "--speaker", "Nobody Known", "--format", "json"],
    );
    assert!(out.status.success());
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&out)).unwrap(),
        serde_json::json!([])
    );
    assert!(stderr(&out).contains("no results"), "{}", stderr(&out));
    // Speakers by name, and their quotes by id.
    let found = json(&qt(
        &store,
        &["speakers", "--name", "VARGA", "--format", "json"],
    ));
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["name"], "Elena Varga");
    let id = found[0]["id"].as_i64().unwrap().to_string();
    let theirs = json(&qt(
        &store,
        &["quotes", "--speaker-id", &id, "--format", "json"],
    ));
    assert!(!theirs.as_array().unwrap().is_empty());
    assert!(theirs
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["speaker"] == "Elena Varga"));
    let listed = stdout(&qt(&store, &["search", "varga"]));
    assert!(listed.starts_with("Speakers: Elena Varga"), "{listed}");
    // A format a command cannot print is refused.
    for args in [
        vec!["export", "--format", "table"],
        vec!["trace", "--format", "csv", "budget"],
    ] {
        let out = qt(&store, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn duplicates_and_one_story_are_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let story = "Ferry service resumes\n\nThe ferry between the two islands will run again from Monday after the storm damage to the northern pier was repaired, the harbour office said on Friday. Engineers worked through the week to replace the damaged pontoons and to test the ramps, and the first crossing is planned for seven in the morning. Passengers are asked to book ahead because the first days will be busy";
    let input = tmp.path().join("wire.jsonl");
    let lines: String = [("orig", "Wire", "!"), ("copy-a", "Island Post", "."), ("copy-b", "Coast Daily", " indeed.")]
        .iter()
        .map(|(id, outlet, end)| {
            serde_json::json!({"id": id, "outlet": outlet, "published": "2024-06-01", "text": format!("{story}{end}")})
                .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(&input, lines).unwrap();
    let out = qt(
        &store,
        &["ingest", "-q", input.to_str().unwrap(), &examples()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let groups = json(&qt(&store, &["duplicates", "--format", "json"]));
    let groups = groups.as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["original"]["doc"], "orig");
    assert_eq!(groups[0]["copies_total"], 2);
    let table = stdout(&qt(&store, &["duplicates"]));
    assert!(table.contains("Island Post, Coast Daily"), "{table}");
    // One story's articles: the three copies are one story, and nothing else is in it.
    let story_id = groups[0]["original"]["story"].as_i64().unwrap().to_string();
    let rows: Vec<Value> = stdout(&qt(
        &store,
        &["stories", "--story", &story_id, "--format", "jsonl"],
    ))
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    let docs: Vec<&str> = rows.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 3, "{docs:?}");
    assert!(["orig", "copy-a", "copy-b"]
        .iter()
        .all(|d| docs.contains(d)));
}

#[test]
fn ingest_stores_the_quotes_extract_prints() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let page = tmp.path().join("page.md");
    std::fs::write(
        &page,
        "[Skip to content](#main)\n\n* [Home](/)\n* [World](/world)\n* [Sport](/sport)\n\n# Ferry service resumes after storm\n\nThe ferry between the two islands will run again from Monday, the harbour office said.\n\n\"We expect the first days to be busy, so please book ahead,\" said Harbour Master Ines Kovac on Friday.\n\nEngineers replaced the damaged pontoons during the week.\n\n## Most read\n\n* [\"I never saw it coming,\" says lottery winner](/story/1)\n* [Council votes on parking fees](/story/2)\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quotetrace"))
        .args(["extract"])
        .arg(&page)
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut printed: Vec<String> = record["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect();
    assert!(!printed.is_empty());
    assert!(qt(&store, &["ingest", "-q", page.to_str().unwrap()])
        .status
        .success());
    let mut stored: Vec<String> = stdout(&qt(&store, &["export"]))
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    printed.sort();
    stored.sort();
    assert_eq!(stored, printed);
    let title = json(&qt(&store, &["stories", "--format", "json"]))[0]["title"].clone();
    assert_eq!(title, record["title"]);
}
