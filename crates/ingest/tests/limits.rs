//! One document's size limit, whatever the input (files, gzip, JSONL, endless streams,
//! special files), and JSONL records with lone surrogate escapes. Inputs are built here.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;
use quotetrace_ingest::{
    documents, documents_limited, Input, ReadError, DEFAULT_MAX_DOCUMENT_BYTES,
};
use quotetrace_model::Document;

fn path(p: &Path) -> Input {
    Input::Path(p.to_path_buf())
}

fn good() -> Input {
    Input::Bytes {
        name: "good.txt".into(),
        bytes: b"Good Title\n\n\"We read this,\" she said.".to_vec(),
    }
}

fn assert_over_limit(item: &Result<Document, ReadError>, doc: &str, limit: u64) {
    let err = item.as_ref().expect_err("over the limit");
    assert_eq!(err.doc, doc);
    assert!(
        err.message.contains(&format!(
            "exceeds the limit of {limit} bytes for one document"
        )),
        "{err}"
    );
    assert!(err.message.contains("--max-document-bytes"), "{err}");
}

fn assert_good(item: &Result<Document, ReadError>) {
    let d = item.as_ref().expect("the next input is read");
    assert_eq!(d.id, "good.txt");
    assert_eq!(d.meta.title.as_deref(), Some("Good Title"));
}

#[test]
fn the_default_limit_is_64_mib() {
    assert_eq!(DEFAULT_MAX_DOCUMENT_BYTES, 64 * 1024 * 1024);
    assert_eq!(
        documents(vec![good()]).max_document_bytes(),
        DEFAULT_MAX_DOCUMENT_BYTES
    );
    assert_eq!(
        documents(vec![good()])
            .with_max_document_bytes(7)
            .max_document_bytes(),
        7
    );
}

#[test]
fn a_file_over_the_limit_is_reported_and_the_next_input_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "A sentence of an article. ".repeat(1000)).unwrap();
    let fits = dir.path().join("fits.txt");
    std::fs::write(&fits, "Short\n\nA short article.").unwrap();
    let items: Vec<_> = documents_limited(
        vec![
            path(&big),
            path(&fits),
            Input::Bytes {
                name: "upload.txt".into(),
                bytes: vec![b'a'; 1001],
            },
            good(),
        ],
        1000,
    )
    .collect();
    assert_eq!(items.len(), 4, "{items:?}");
    assert_over_limit(&items[0], &big.display().to_string(), 1000);
    assert_eq!(
        items[1].as_ref().unwrap().meta.title.as_deref(),
        Some("Short")
    );
    assert_over_limit(&items[2], "upload.txt", 1000);
    assert_good(&items[3]);
}

#[cfg(unix)]
#[test]
fn dev_zero_ends_quickly_with_an_error() {
    let start = std::time::Instant::now();
    let mut docs = documents_limited(vec![Input::Path("/dev/zero".into()), good()], 1 << 20);
    let first = docs.next().unwrap();
    assert_over_limit(&first, "/dev/zero", 1 << 20);
    assert_good(&docs.next().unwrap());
    assert!(docs.next().is_none());
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// A named pipe `name` in a new directory (kept while the directory lives), and the thread
/// that opens it and writes to it with `write`.
#[cfg(unix)]
fn written_pipe<T: Send + 'static>(
    name: &str,
    write: impl FnOnce(std::path::PathBuf) -> T + Send + 'static,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::thread::JoinHandle<T>,
) {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join(name);
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || write(fifo))
    };
    (dir, fifo, writer)
}

/// An endless stream through a named pipe, with no extension to say what it is: reading stops
/// at the limit (the writer learns it when the reader closes the pipe), and the run goes on.
#[cfg(unix)]
#[test]
fn an_endless_pipe_is_read_to_the_limit_and_the_next_input_is_read() {
    let (_dir, fifo, writer) = written_pipe("endless", |fifo| {
        let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
        let chunk = "Endless text. ".repeat(1000);
        let mut written = 0u64;
        // Bounded, so that a reader that never stops fails the test instead of hanging it.
        while written < 256 << 20 {
            if f.write_all(chunk.as_bytes()).is_err() {
                break;
            }
            written += chunk.len() as u64;
        }
        written
    });
    let limit = 100_000;
    let items: Vec<_> = documents_limited(vec![path(&fifo), good()], limit).collect();
    let written = writer.join().unwrap();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_over_limit(&items[0], &fifo.display().to_string(), limit);
    assert_good(&items[1]);
    // What the writer got into the pipe: the limit, and at most a pipe buffer or two more.
    assert!(written < 8 << 20, "{written} bytes were written");
}

/// A named pipe's first bytes are not lost to the WARC sniffing (which would read them, close
/// the pipe, and leave the reader waiting for a writer that is gone).
#[cfg(unix)]
#[test]
fn a_pipe_given_as_a_path_is_read_whole() {
    let (_dir, fifo, writer) = written_pipe("article", |fifo| {
        std::fs::write(fifo, "Piped Title\n\n\"It came through a pipe,\" he said.").unwrap();
    });
    let items: Vec<_> = documents(vec![path(&fifo)]).collect();
    writer.join().unwrap();
    assert_eq!(items.len(), 1);
    let d = items[0].as_ref().unwrap();
    assert_eq!(d.meta.title.as_deref(), Some("Piped Title"));
}

/// A directory walk takes regular files only: a named pipe with a readable name (nobody will
/// ever write to it) is left out instead of blocking the walk.
#[cfg(unix)]
#[test]
fn a_directory_walk_skips_pipes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Title A\n\nText of A.").unwrap();
    mkfifo(&dir.path().join("b.txt"));
    mkfifo(&dir.path().join("c.jsonl"));
    let items: Vec<_> = documents(vec![path(dir.path())]).collect();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        items[0].as_ref().unwrap().meta.title.as_deref(),
        Some("Title A")
    );
}

#[test]
fn a_gzip_bomb_is_decompressed_to_the_limit_only() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.txt.gz");
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    let line = "A quote that goes on and on. ".repeat(1000);
    for _ in 0..1000 {
        e.write_all(line.as_bytes()).unwrap();
    }
    let compressed = e.finish().unwrap();
    assert!(compressed.len() < 1 << 20, "{}", compressed.len());
    std::fs::write(&bomb, compressed).unwrap();
    let limit = 64 * 1024;
    let items: Vec<_> = documents_limited(vec![path(&bomb), good()], limit).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_over_limit(&items[0], &bomb.display().to_string(), limit);
    assert!(items[0]
        .as_ref()
        .unwrap_err()
        .message
        .starts_with("decompressed content"));
    assert_good(&items[1]);
}

#[test]
fn a_jsonl_line_over_the_limit_is_reported_and_the_lines_after_it_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.jsonl");
    let long = format!(
        "{{\"id\": \"long\", \"text\": \"{}\"}}",
        "Word ".repeat(20_000)
    );
    std::fs::write(
        &file,
        format!(
            "{{\"id\": \"a\", \"text\": \"First.\"}}\n{long}\n{{\"id\": \"c\", \"text\": \"Third.\"}}\n{{\"id\": \"d\", \"text\": \"Fourth.\"}}\n"
        ),
    )
    .unwrap();
    let items: Vec<_> = documents_limited(vec![path(&file)], 4096).collect();
    assert_eq!(items.len(), 4, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap().id, "a");
    assert_over_limit(&items[1], &format!("{}:2", file.display()), 4096);
    assert!(items[1]
        .as_ref()
        .unwrap_err()
        .message
        .starts_with("line 2 exceeds"));
    assert_eq!(items[2].as_ref().unwrap().id, "c");
    assert_eq!(items[3].as_ref().unwrap().id, "d");
}
