//! End-to-end tests of `quotetrace extract`: the binary, real files, bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotetrace"))
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start quotetrace");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(data) = stdin {
            // A command that refuses its input may exit before reading it.
            let _ = pipe.write_all(data);
        }
    }
    child.wait_with_output().expect("run quotetrace")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn examples_give_one_line_per_document_with_valid_offsets() {
    let dir = examples();
    let out = run(&["extract", dir.to_str().unwrap()], None);
    common::assert_ok(&out);
    let records = lines(&out);
    // Six article files and three JSONL records.
    assert_eq!(records.len(), 9);
    let mut total = 0;
    for r in &records {
        let doc = r["doc"].as_str().unwrap();
        assert!(r.get("error").is_none(), "{doc}: {r}");
        let quotes = r["quotes"].as_array().unwrap();
        total += quotes.len();
        if doc.ends_with(".txt") || doc.ends_with(".md") {
            let bytes = std::fs::read(doc).unwrap();
            for q in quotes {
                let (s, e) = (
                    q["start"].as_u64().unwrap() as usize,
                    q["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&bytes[s..e], q["text"].as_str().unwrap().as_bytes());
            }
        }
    }
    assert!(total > 40, "only {total} quotes in the examples");
}

#[test]
fn parallel_output_equals_sequential_output_in_input_order() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("many.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..300 {
        let text = format!("Headline {i}\n\n\"Number {i} is the answer,\" Mayor Anna Berg said.\n\nShe said that {i} residents agreed with the plan.");
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("d{i}"), "text": text})
        )
        .unwrap();
    }
    drop(f);
    let p = path.to_str().unwrap();
    let one = run(&["extract", "--jobs", "1", p], None);
    let four = run(&["extract", "--jobs", "4", p], None);
    assert_eq!(one.stdout, four.stdout);
    let ids: Vec<String> = lines(&one)
        .iter()
        .map(|r| r["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, (0..300).map(|i| format!("d{i}")).collect::<Vec<_>>());
}

#[test]
fn standard_input_as_text_and_as_jsonl() {
    let out = run(
        &["extract"],
        Some("\"We will win this,\" Anna Berg said on Monday.".as_bytes()),
    );
    let r = &lines(&out)[0];
    assert_eq!(r["doc"], "<stdin>");
    assert_eq!(r["quotes"][0]["speaker"], "Anna Berg");

    let jsonl = b"{\"id\": \"a\", \"text\": \"Hello there.\"}\n{\"doc_id\": \"b\", \"text\": \"\\\"Good day to you all,\\\" Berg said.\", \"outlet\": \"Ledger\"}\n";
    let out = run(&["extract", "-"], Some(jsonl));
    let rs = lines(&out);
    assert_eq!(rs.len(), 2);
    assert_eq!(rs[1]["doc"], "b");
    assert_eq!(rs[1]["outlet"], "Ledger");
}

#[test]
fn bad_input_is_reported_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(
        d.join("a-good.txt"),
        "\"The bridge is open,\" the mayor said.",
    )
    .unwrap();
    std::fs::write(d.join("b-binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::write(
        d.join("c-latin1.txt"),
        b"\"Caf\xe9 owners are furious,\" Berg said.",
    )
    .unwrap();
    std::fs::write(d.join("d-empty.txt"), b"").unwrap();
    std::fs::write(
        d.join("e-records.jsonl"),
        "{\"id\": \"ok\", \"text\": \"Fine.\"}\nthis is not json\n{\"id\": \"no-text\"}\n[1, 2]\n",
    )
    .unwrap();
    let missing = d.join("missing.txt");
    let out = run(
        &["extract", d.to_str().unwrap(), missing.to_str().unwrap()],
        None,
    );
    assert!(
        out.status.success(),
        "some documents were readable, so exit 0"
    );
    let rs = lines(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let by_doc = |suffix: &str| {
        rs.iter()
            .find(|r| r["doc"].as_str().unwrap().ends_with(suffix))
            .unwrap_or_else(|| panic!("no line for {suffix}: {rs:?}"))
    };
    assert!(by_doc("a-good.txt")["quotes"].as_array().unwrap().len() == 1);
    assert!(by_doc("b-binary.txt")["error"]
        .as_str()
        .unwrap()
        .contains("binary"));
    assert!(stderr.contains("b-binary.txt"), "{stderr}");
    let latin = by_doc("c-latin1.txt");
    assert!(latin["warnings"][0]
        .as_str()
        .unwrap()
        .contains("invalid UTF-8"));
    assert_eq!(latin["quotes"][0]["speaker"], "Berg");
    assert!(by_doc("d-empty.txt")["warnings"][0]
        .as_str()
        .unwrap()
        .contains("empty"));
    assert!(by_doc("e-records.jsonl:2")["error"]
        .as_str()
        .unwrap()
        .contains("not a JSON"));
    assert!(by_doc("no-text")["error"]
        .as_str()
        .unwrap()
        .contains("text"));
    assert!(by_doc("e-records.jsonl:4")["error"].is_string());
    assert!(by_doc("missing.txt")["error"].is_string());
    assert!(stderr.contains("missing.txt"));
}

#[test]
fn nothing_readable_exits_non_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("only.bin");
    std::fs::write(&bad, [0u8; 64]).unwrap();
    let out = run(&["extract", bad.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out).len(), 1);
}

#[test]
fn a_huge_single_line_does_not_break_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("one-line.txt");
    let unit = "\"We will win,\" he said, and “then” Putin, — said the President 'of' « all » … ";
    let text = unit.repeat(3_000_000 / unit.len());
    std::fs::write(&path, &text).unwrap();
    let out = run(&["extract", path.to_str().unwrap()], None);
    assert!(out.status.success());
    let r = &lines(&out)[0];
    assert!(r["quotes"].as_array().unwrap().len() > 1000);
}

#[test]
fn corpus_boilerplate_drops_paragraphs_recurring_across_an_outlet() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ledger.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    let box_text = "\"This paper is the only one that explains the numbers,\" a loyal reader told us. Keep the Ledger going through the winter.";
    for i in 0..6 {
        let text = format!("Vote {i}\n\n\"The count was fair,\" election chief Ana Ruiz said of vote {i}.\n\n{box_text}");
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("d{i}"), "outlet": "Ledger", "text": text})
        )
        .unwrap();
    }
    drop(f);
    let p = path.to_str().unwrap();
    let count = |args: &[&str]| -> usize {
        lines(&run(args, None))
            .iter()
            .map(|r| r["quotes"].as_array().unwrap().len())
            .sum()
    };
    assert_eq!(
        count(&["extract", p]),
        12,
        "without the census the box's quote is reported"
    );
    assert_eq!(count(&["extract", "--corpus-boilerplate", p]), 6);
    let cleaned = lines(&run(&["clean", "--corpus-boilerplate", p], None));
    assert!(!cleaned[0]["text"]
        .as_str()
        .unwrap()
        .contains("loyal reader"));
    assert_eq!(cleaned[0]["boilerplate"][0]["why"], "recurring in outlet");
    let refused = run(&["extract", "--corpus-boilerplate"], Some(b"text"));
    assert!(!refused.status.success());
}

#[test]
fn clean_prints_main_text_and_metadata_of_text_articles() {
    let path = examples().join("01-dravonia-budget.txt");
    let out = run(&["clean", path.to_str().unwrap()], None);
    let r = &lines(&out)[0];
    assert_eq!(
        r["title"],
        "Dravonia unveils austerity budget as opposition vows to block cuts"
    );
    let text = r["text"].as_str().unwrap();
    assert!(text.contains("dead on arrival"));
    assert!(!text.contains("Remind me later"));
    assert!(
        !text.starts_with("Dravonia unveils"),
        "the headline is metadata"
    );
    let whys = common::strings(&r["boilerplate"], "why");
    assert!(
        whys.contains(&"donation appeal") && whys.contains(&"related link"),
        "{whys:?}"
    );
}

const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Mayor vows bridge by winter | The Lorvik Ledger</title>
<meta property="og:site_name" content="The Lorvik Ledger">
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-09-16T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Mayor vows bridge by winter</h1>
<p>Mayor Marta Kowalski stood on the broken abutment on Monday and promised residents a new crossing within months.</p>
<p>"We will rebuild the bridge before winter," Kowalski said. "Nobody in this town will be cut off for long."</p>
<p>Engineers from the regional authority said the work could begin as soon as the river falls, though funding is not yet settled.</p>
<div class="newsletter">Sign up for our free weekly newsletter. "Best local news," says a reader.</div>
</article><footer>© The Lorvik Ledger. All rights reserved.</footer></body></html>"#;

#[test]
fn html_pages_are_cleaned_and_their_quotes_extracted_on_the_clean_text() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ledger.html");
    std::fs::write(&path, PAGE).unwrap();
    let p = path.to_str().unwrap();
    let clean = &lines(&run(&["clean", p], None))[0];
    assert_eq!(clean["title"], "Mayor vows bridge by winter");
    assert_eq!(clean["outlet"], "The Lorvik Ledger");
    assert_eq!(clean["published"], "2024-09-16");
    let text = clean["text"].as_str().unwrap();
    assert!(text.contains("rebuild the bridge before winter"));
    assert!(
        !text.contains("Sign up") && !text.contains("Home"),
        "{text}"
    );
    let ex = &lines(&run(&["extract", p], None))[0];
    let quotes = ex["quotes"].as_array().unwrap();
    let direct: Vec<&Value> = quotes.iter().filter(|q| q["kind"] == "direct").collect();
    assert_eq!(
        direct.len(),
        1,
        "the newsletter box's quote is not reported: {quotes:?}"
    );
    assert_eq!(direct[0]["speaker"], "Marta Kowalski");
    for q in quotes {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[s..e],
            q["text"].as_str().unwrap(),
            "offsets index the clean text"
        );
    }
}

#[test]
fn warc_archives_go_through_extract() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("crawl.warc");
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        PAGE.len()
    )
    .into_bytes();
    http.extend_from_slice(PAGE.as_bytes());
    let mut warc = Vec::new();
    for (kind, ct, block) in [
        (
            "warcinfo",
            "application/warc-fields",
            b"software: test\r\n".to_vec(),
        ),
        ("response", "application/http; msgtype=response", http),
    ] {
        warc.extend(format!("WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://ledger.example/bridge\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n", block.len()).into_bytes());
        warc.extend(block);
        warc.extend(b"\r\n\r\n");
    }
    std::fs::write(&path, warc).unwrap();
    let out = run(&["extract", path.to_str().unwrap()], None);
    let rs = lines(&out);
    assert_eq!(rs.len(), 1);
    assert_eq!(rs[0]["doc"], "https://ledger.example/bridge");
    assert_eq!(rs[0]["quotes"][0]["speaker"], "Marta Kowalski");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 archive records skipped"));
}
