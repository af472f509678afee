//! One writer per store, across processes: a second `ingest` is refused at once with the
//! holder's name (it used to hang, or to write beside the first on stale state), queries
//! run beside a writer, and `serve` takes the lock per upload, answering 503 while another
//! process writes and never linking from state older than the store.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{bin, http, output_within, serve, wait_output, Running};
use serde_json::Value;

/// A JSONL line: one article in which `speaker` says `words`.
fn article(id: &str, speaker: &str, words: &str) -> String {
    let text = format!(
        "Officials met on Tuesday to discuss the plan.\n\n\"{words},\" {speaker} said at the meeting.\n\nThe meeting ended at noon."
    );
    serde_json::json!({"id": id, "title": format!("{speaker} speaks"), "text": text}).to_string()
        + "\n"
}

/// An `ingest` reading standard input, which holds the lock until its input ends.
fn ingest_from_stdin(store: &Path) -> Running {
    Running::new(
        ingest_command(store, &[])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    )
}

/// `quotetrace ingest -q EXTRA... --store STORE -`, its input piped, its output dropped.
fn ingest_command(store: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(["ingest", "-q"])
        .args(extra)
        .arg("--store")
        .arg(store)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null());
    cmd
}

/// Ends a writer's input and waits for it to store it and succeed.
fn finish(mut writer: Running) {
    drop(writer.child().stdin.take());
    let out = wait_output(writer.take(), Duration::from_secs(60)).expect("the ingest hung");
    common::assert_ok(&out);
}

/// Waits until the store's lock file names process `pid`.
fn wait_for_holder(store: &Path, pid: u32) {
    let due = Instant::now() + Duration::from_secs(30);
    let want = format!("pid {pid}\n");
    while Instant::now() < due {
        if std::fs::read_to_string(store.join("writer.lock")).is_ok_and(|t| t.starts_with(&want)) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("process {pid} never took the write lock");
}

fn quotes_by_document(store: &Path) -> Vec<(String, String)> {
    let stdout = common::query(store, &["export", "--format", "jsonl"]);
    let mut rows: Vec<(String, String)> = stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|q| {
            (
                q["doc"].as_str().unwrap_or("").to_string(),
                q["speaker"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_second_ingest_is_refused_at_once_naming_the_first_and_queries_still_run() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let mut first = ingest_from_stdin(&store);
    let pid = first.child().id();
    let mut input = first.child().stdin.take().unwrap();
    input
        .write_all(article("a1", "Alice Smith", "We will build the bridge next year").as_bytes())
        .unwrap();
    wait_for_holder(&store, pid);

    for jobs in ["1", "2"] {
        let mut second = ingest_command(&store, &["--jobs", jobs]);
        let (out, err) = output_within(
            &mut second,
            Duration::from_secs(30),
            "the second ingest hung",
        );
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("being written by process {pid}")),
            "{err}"
        );
        assert!(err.contains("quotetrace ingest"), "{err}");
    }

    // The first one goes on and stores its articles once its input ends.
    input
        .write_all(article("a2", "Bob Jones", "The budget is not balanced").as_bytes())
        .unwrap();
    drop(input);
    finish(first);
    let rows = quotes_by_document(&store);
    assert_eq!(rows.len(), 2, "{rows:?}");

    // Queries never take the lock: they run while a writer holds it.
    let mut writer = ingest_from_stdin(&store);
    wait_for_holder(&store, writer.child().id());
    let stdout = common::query(&store, &["speakers", "--format", "json"]);
    assert!(stdout.contains("Alice Smith"));
    finish(writer);
}

#[test]
fn uploads_wait_for_another_writer_and_never_write_from_stale_state() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let (_server, base) = serve(&store, &["--token", "tok"]);
    let upload = |id: &str, speaker: &str, words: &str| {
        http(
            &base,
            "POST",
            "/api/documents",
            &[
                ("Authorization", "Bearer tok"),
                ("Content-Type", "application/x-ndjson"),
            ],
            article(id, speaker, words).as_bytes(),
        )
    };
    let (status, _, body) = upload("u1", "Alice Smith", "We will build the bridge next year");
    assert_eq!(status, 201, "{body}");

    // A CLI ingest between two uploads creates speakers the server has not seen.
    let mut cli = ingest_from_stdin(&store);
    cli.child()
        .stdin
        .as_mut()
        .unwrap()
        .write_all(article("c1", "Bob Jones", "The budget is not balanced").as_bytes())
        .unwrap();
    finish(cli);

    let (status, _, body) = upload("u2", "Carol White", "The court will rule in March");
    assert_eq!(status, 201, "{body}");
    let rows = quotes_by_document(&store);
    assert_eq!(
        rows,
        vec![
            ("c1".to_string(), "Bob Jones".to_string()),
            ("u1".to_string(), "Alice Smith".to_string()),
            ("u2".to_string(), "Carol White".to_string()),
        ]
    );

    // While a CLI ingest holds the lock, an upload is answered 503 with Retry-After.
    let mut writer = ingest_from_stdin(&store);
    wait_for_holder(&store, writer.child().id());
    let (status, headers, body) = upload("u3", "Dan Brown", "The clinic opens today");
    assert_eq!(status, 503, "{body}");
    assert!(
        headers.to_ascii_lowercase().contains("retry-after:"),
        "{headers}"
    );
    assert!(body.contains("being written by process"), "{body}");
    finish(writer);
    let (status, _, body) = upload("u3", "Dan Brown", "The clinic opens today");
    assert_eq!(status, 201, "{body}");
}
