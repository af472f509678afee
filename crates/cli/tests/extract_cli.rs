//! End-to-end tests of `quotetrace extract`: the binary, real files, bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

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
            pipe.write_all(data).expect("write stdin");
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
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
