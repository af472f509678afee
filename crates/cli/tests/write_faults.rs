//! A store on a disk that fills up or turns read-only: `ingest` ends with a message and a
//! non-zero status (it used to hang with `--jobs 2`), leaves no temporary file, and what it
//! committed stays readable. These tests mount a small tmpfs, which needs root (CI runs as
//! root); elsewhere they say so and pass without checking.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{bin, output_within};

/// A tmpfs of `size` mounted on a fresh directory, unmounted when dropped.
struct Tmpfs {
    dir: PathBuf,
    _parent: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("disk");
        std::fs::create_dir(&dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Tmpfs {
            dir,
            _parent: parent,
        })
    }

    fn remount_read_only(&self) {
        let out = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.dir)
            .output()
            .unwrap();
        common::assert_ok(&out);
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).output();
    }
}

/// `n` distinct articles with quotes, as JSONL, in `dir`.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("corpus.jsonl");
    let mut lines = String::new();
    for i in 0..n {
        let text = format!(
            "Report {i} on the harbour works.\n\n\"Phase {i} of the harbour will open in spring {},\" said Engineer Lena Holt{i}.\n\nThe council approved item {i} and {} other items, citing costs of {} million for the district of Northfield{i}.",
            2000 + i % 50,
            i * 7,
            i * 13
        );
        lines.push_str(&serde_json::json!({"id": format!("d{i}"), "text": text}).to_string());
        lines.push('\n');
    }
    std::fs::write(&path, lines).unwrap();
    path
}

/// A mounted tmpfs of `size`, a corpus of `n` articles beside it, and the path of a store on
/// the tmpfs (not made yet).
struct Scene {
    disk: Tmpfs,
    _inputs: tempfile::TempDir,
    corpus: PathBuf,
    store: PathBuf,
}

/// The scene, or None (the test says it is skipped) where no tmpfs can be mounted.
fn scene(size: &str, n: usize) -> Option<Scene> {
    let disk = Tmpfs::mount(size)?;
    let inputs = tempfile::tempdir().unwrap();
    let corpus = corpus(inputs.path(), n);
    let store = disk.dir.join("store");
    Some(Scene {
        disk,
        _inputs: inputs,
        corpus,
        store,
    })
}

/// `quotetrace ingest` of `input` into `store`: its output, and its standard error as text.
fn ingest(store: &Path, jobs: &str, input: &Path) -> (std::process::Output, String) {
    output_within(
        Command::new(bin())
            .args(["ingest", "-q", "--batch", "200", "--jobs", jobs, "--store"])
            .arg(store)
            .arg(input)
            .stdout(std::process::Stdio::null()),
        Duration::from_secs(120),
        "ingest hung",
    )
}

fn stored_articles(store: &Path) -> usize {
    // One line per stored article.
    common::query(store, &["stories", "--format", "jsonl"])
        .lines()
        .count()
}

#[test]
fn a_full_disk_ends_ingest_with_a_message_and_keeps_what_was_committed() {
    let Some(s) = scene("3m", 6_000) else {
        return;
    };
    for jobs in ["2", "1"] {
        let (out, err) = ingest(&s.store, jobs, &s.corpus);
        assert_eq!(out.status.code(), Some(2), "jobs {jobs}: {err}");
        assert!(err.contains("full"), "jobs {jobs}: {err}");
        let left: Vec<String> = std::fs::read_dir(&s.store)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "jobs {jobs}: {left:?}");
    }
    // What was committed is there and readable.
    let n = stored_articles(&s.store);
    assert!(n > 0 && n < 6_000, "{n}");
    // Still there once the disk turns read-only, though part of it is in the log the
    // stopped writer left (read as immutable, the database file alone lacks it), and the
    // server still starts on it.
    s.disk.remount_read_only();
    assert_eq!(stored_articles(&s.store), n);
    for query in [vec!["speakers"], vec!["search", "harbour"]] {
        let out = Command::new(bin())
            .args(&query)
            .arg("--store")
            .arg(&s.store)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{query:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (_server, base) = common::serve(&s.store, &[]);
    let (status, _, body) = common::http(&base, "GET", "/api/health", &[], b"");
    assert_eq!(status, 200, "{body}");
}

#[test]
fn a_read_only_store_refuses_ingest_clearly_and_still_answers_queries() {
    let Some(s) = scene("64m", 50) else {
        return;
    };
    let (out, _) = ingest(&s.store, "2", &s.corpus);
    common::assert_ok(&out);
    s.disk.remount_read_only();
    let (out, err) = ingest(&s.store, "2", &s.corpus);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(stored_articles(&s.store), 50);
}
