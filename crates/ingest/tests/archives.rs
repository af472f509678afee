//! WARC, WARC.gz, HTML and gzip inputs, built by the tests themselves.

use std::io::Write;
use std::sync::atomic::Ordering;

use flate2::write::GzEncoder;
use flate2::Compression;
use quotetrace_ingest::{documents, documents_limited, Input};

fn record(kind: &str, uri: &str, block: &[u8], content_type: &str) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn response(uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    http.extend_from_slice(body);
    record("response", uri, &http, "application/http; msgtype=response")
}

fn records() -> Vec<Vec<u8>> {
    vec![
        record(
            "warcinfo",
            "info",
            b"software: test",
            "application/warc-fields",
        ),
        record(
            "request",
            "https://a.example/1",
            b"GET /1 HTTP/1.1\r\n\r\n",
            "application/http; msgtype=request",
        ),
        response(
            "https://a.example/1",
            "text/html; charset=utf-8",
            "<html><body><p>“Caf\u{e9},” she said.</p></body></html>".as_bytes(),
        ),
        response(
            "https://a.example/logo.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n",
        ),
        response(
            "https://b.example/2",
            "text/html; charset=windows-1252",
            b"<html><body><p>Caf\xe9 \x93quoted\x94</p></body></html>",
        ),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// What a file read to its end gave: its documents and errors, and its WARC records skipped
/// (not HTML responses) and corrupt.
type Read = (
    Vec<Result<quotetrace_model::Document, quotetrace_ingest::ReadError>>,
    usize,
    usize,
);

/// `bytes` written to a file called `name` (in a directory of its own), read as `read_all`
/// reads a file.
fn read_written(name: &str, bytes: &[u8]) -> Read {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    read_all(&path)
}

fn read_all(path: &std::path::Path) -> Read {
    let docs = documents(vec![Input::Path(path.to_path_buf())]);
    let counts = docs.warc_counts();
    let items: Vec<_> = docs.collect();
    (
        items,
        counts.skipped.load(Ordering::Relaxed),
        counts.corrupt.load(Ordering::Relaxed),
    )
}

#[test]
fn plain_warc_yields_html_responses_with_charset() {
    let (items, skipped, corrupt) = read_written("crawl.warc", &records().concat());
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(skipped, 3);
    assert_eq!(corrupt, 0);
    let a = items[0].as_ref().unwrap();
    assert_eq!(a.id, "https://a.example/1");
    assert_eq!(a.meta.url.as_deref(), Some("https://a.example/1"));
    assert_eq!(a.charset.as_deref(), Some("utf-8"));
    assert!(a.html.as_ref().unwrap().starts_with(b"<html>"));
    let b = items[1].as_ref().unwrap();
    assert_eq!(b.charset.as_deref(), Some("windows-1252"));
}

#[test]
fn gzip_members_with_a_corrupt_one_in_the_middle() {
    let mut bytes = Vec::new();
    let recs = records();
    for (i, r) in recs.iter().enumerate() {
        let mut member = gzip(r);
        if i == 2 {
            // Damage the deflate data of the first HTML response.
            let mid = member.len() / 2;
            for b in &mut member[mid..mid + 8] {
                *b ^= 0xff;
            }
        }
        bytes.extend(member);
    }
    let (items, _skipped, corrupt) = read_written("crawl.warc.gz", &bytes);
    let ok: Vec<_> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    let errors: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
    assert_eq!(
        ok.len(),
        1,
        "the record after the damage is kept: {items:?}"
    );
    assert_eq!(ok[0].id, "https://b.example/2");
    assert_eq!(errors.len(), 1);
    assert!(errors[0].doc.contains("crawl.warc.gz#record"));
    assert_eq!(corrupt, 1);
}

#[test]
fn malformed_record_header_in_a_plain_warc_is_skipped() {
    let mut recs = records();
    recs.insert(2, b"GARBAGE LINE\r\nmore garbage\r\n\r\n".to_vec());
    let (items, _, corrupt) = read_written("bad.warc", &recs.concat());
    assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 2);
    assert_eq!(corrupt, 1);
}

#[test]
fn truncated_warc_gz_keeps_what_came_before() {
    let mut bytes: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
    bytes.truncate(bytes.len() - 20);
    let (items, _, corrupt) = read_written("cut.warc.gz", &bytes);
    assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 1);
    assert_eq!(corrupt, 1);
}

#[test]
fn html_files_plain_gzipped_truncated_and_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<!DOCTYPE html><html><body><p>Hello</p></body></html>";
    std::fs::write(dir.path().join("a.html"), page).unwrap();
    std::fs::write(dir.path().join("b.html.gz"), gzip(page)).unwrap();
    let mut cut = gzip(&page.repeat(50));
    cut.truncate(cut.len() / 2);
    std::fs::write(dir.path().join("c.htm.gz"), cut).unwrap();
    std::fs::write(dir.path().join("d.txt"), page).unwrap();
    let items: Vec<_> = documents(vec![Input::Path(dir.path().to_path_buf())]).collect();
    assert_eq!(items.len(), 4);
    for item in &items {
        let d = item.as_ref().unwrap();
        assert!(d.html.is_some(), "{} should be HTML", d.id);
    }
    let c = items[2].as_ref().unwrap();
    assert!(
        c.warnings.iter().any(|w| w.contains("gzip")),
        "{:?}",
        c.warnings
    );
}

#[test]
fn jsonl_records_may_carry_html() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.jsonl");
    std::fs::write(
        &path,
        "{\"id\": \"p1\", \"html\": \"<p>Hi</p>\", \"url\": \"https://x.example\"}\n",
    )
    .unwrap();
    let items: Vec<_> = documents(vec![Input::Path(path)]).collect();
    let d = items[0].as_ref().unwrap();
    assert_eq!(d.html.as_deref(), Some(&b"<p>Hi</p>"[..]));
    assert!(d.text.is_empty());
}

/// Where the WARC `Content-Length` value of a record is, and the value.
fn length_of(record: &[u8]) -> (usize, usize, u64) {
    let text = String::from_utf8_lossy(record).into_owned();
    let start = text.find("Content-Length: ").unwrap() + "Content-Length: ".len();
    let end = start + text[start..].find('\r').unwrap();
    (start, end, text[start..end].parse().unwrap())
}

/// A record with its WARC `Content-Length` changed to `len`.
fn with_length(record: &[u8], len: u64) -> Vec<u8> {
    let (start, end, _) = length_of(record);
    let mut out = record[..start].to_vec();
    out.extend_from_slice(len.to_string().as_bytes());
    out.extend_from_slice(&record[end..]);
    out
}

fn good_pages() -> Vec<Vec<u8>> {
    vec![
        response(
            "https://c.example/3",
            "text/html",
            b"<html><body><p>Third page.</p></body></html>",
        ),
        response(
            "https://d.example/4",
            "text/html",
            b"<html><body><p>Fourth page.</p></body></html>",
        ),
    ]
}

fn ok_ids(items: &[Result<quotetrace_model::Document, quotetrace_ingest::ReadError>]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|i| i.as_ref().ok())
        .map(|d| d.id.as_str())
        .collect()
}

/// The documents read are the two of `good_pages`, in order (`case` names the input on
/// failure).
fn assert_good_pages_read(
    items: &[Result<quotetrace_model::Document, quotetrace_ingest::ReadError>],
    case: &str,
) {
    assert_eq!(
        ok_ids(items),
        ["https://c.example/3", "https://d.example/4"],
        "{case}: {items:?}"
    );
}

fn error_messages(
    items: &[Result<quotetrace_model::Document, quotetrace_ingest::ReadError>],
) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| i.as_ref().err())
        .map(|e| e.to_string())
        .collect()
}

/// Read past one damaged record: the two good pages after it were kept, the damaged one counted
/// corrupt and reported by one error that says `says` (`case` names the input on failure).
fn assert_only_the_damaged_record_lost(path: &std::path::Path, says: &str, case: &str) {
    let (items, _, corrupt) = read_all(path);
    assert_good_pages_read(&items, case);
    let errors = error_messages(&items);
    assert_eq!(errors.len(), 1, "{case}: {errors:?}");
    assert!(errors[0].contains(says), "{case}: {errors:?}");
    assert_eq!(corrupt, 1, "{case}");
}

#[test]
fn a_length_past_the_end_of_the_file_keeps_the_records_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let recs = records();
    let bad = with_length(&recs[2], 1_000_000);
    let mut bytes = vec![recs[0].clone(), bad];
    bytes.extend(good_pages());
    let members: Vec<u8> = bytes.iter().flat_map(|r| gzip(r)).collect();
    let bytes = bytes.concat();
    for (name, content) in [
        ("plain.warc", bytes.clone()),
        ("whole.warc.gz", gzip(&bytes)),
        ("members.warc.gz", members),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        assert_only_the_damaged_record_lost(
            &path,
            "#record2: truncated record: Content-Length 1000000 runs past the end of the file",
            name,
        );
    }
}

#[test]
fn a_length_into_the_next_record_keeps_that_record() {
    let dir = tempfile::tempdir().unwrap();
    let recs = records();
    let pages = good_pages();
    // Forty bytes too long: past its own two CRLFs, the record ends inside the next one's
    // header.
    let (_, _, real) = length_of(&recs[2]);
    let bad = with_length(&recs[2], real + 40);
    let bytes = [recs[0].clone(), bad, pages[0].clone(), pages[1].clone()].concat();
    let path = dir.path().join("overlap.warc");
    std::fs::write(&path, bytes).unwrap();
    assert_only_the_damaged_record_lost(&path, "runs past the next record", "overlap.warc");
}

#[test]
fn a_record_over_the_limit_is_skipped_and_the_next_ones_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = response(
        "https://big.example/",
        "text/html",
        "<p>A long page.</p>".repeat(1000).as_bytes(),
    );
    // A body that decompresses far past the limit.
    let bomb = {
        let body = gzip(&b"<p>bomb</p>".repeat(100_000));
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        http.extend_from_slice(&body);
        record(
            "response",
            "https://bomb.example/",
            &http,
            "application/http; msgtype=response",
        )
    };
    assert!(bomb.len() < 16_000);
    let pages = good_pages();
    let bytes = [big, pages[0].clone(), bomb, pages[1].clone()].concat();
    let path = dir.path().join("big.warc");
    std::fs::write(&path, &bytes).unwrap();
    let items: Vec<_> = documents_limited(vec![Input::Path(path.clone())], 16_000).collect();
    assert_good_pages_read(&items, "");
    let errors = error_messages(&items);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("#record1: record of ")
            && errors[0].contains("exceeds the limit of 16000 bytes for one document; skipped")
            && errors[0].contains("--max-document-bytes"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains("#record3: decompressed HTTP body exceeds the limit of 16000 bytes"),
        "{errors:?}"
    );
}

#[test]
fn a_huge_declared_length_is_not_allocated_and_the_records_after_it_are_kept() {
    let recs = records();
    let bad = with_length(&recs[2], 1_000_000_000_000);
    let mut parts = vec![bad];
    parts.extend(good_pages());
    let (items, _, corrupt) = read_written("huge.warc", &parts.concat());
    assert_good_pages_read(&items, "");
    assert_eq!(corrupt, 1);
}
