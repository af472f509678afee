//! examples/EXPECTED.md as a golden test: every quote listed there is found with the kind,
//! speaker and speaker type the table gives, and nothing else is reported.
//!
//! Each table row is `| # | Quote | Kind | Speaker | Type | Now | Notes |`. `Now` is empty
//! when extraction does what the row says; where it does not yet, `Now` says what it does
//! (`kind / speaker / type`, or `missing`), so that the gap is written down and any change,
//! better or worse, fails here until the table is updated. Quotes extraction reports that no
//! row lists are written under `Also reported now:` as `- kind / speaker / type / text…`.
//! A row whose notes say *cont.* may be merged into the quote of the row before it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use quotetrace_model::Quote;
use quotetrace_quotes::extract;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Lower case, no quotation marks or ellipses, single spaces.
fn normalise(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '“' | '”' | '"' | '«' | '»' | '„' | '‘' | '’' | '\'' | '…'
            )
        })
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The start of a row's quote that a reported quote must contain.
fn key(quote: &str) -> String {
    normalise(quote.trim_end_matches('…'))
        .chars()
        .take(30)
        .collect()
}

fn speaker_type(q: &Quote) -> String {
    q.speaker_type.map_or("-".to_string(), |t| {
        serde_json::to_value(t)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    })
}

fn describe(q: &Quote) -> String {
    format!(
        "{} / {} / {}",
        serde_json::to_value(q.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        q.speaker.as_deref().unwrap_or("-"),
        speaker_type(q)
    )
}

fn extra_line(q: &Quote) -> String {
    let text: String = normalise(&q.text).chars().take(40).collect();
    format!("{} / {text}…", describe(q))
}

struct Row {
    number: String,
    quote: String,
    spec: String,
    now: String,
    cont: bool,
}

struct Section {
    rows: Vec<Row>,
    extras: Vec<String>,
}

/// Sections by document (a file name, or a JSONL record id).
fn parse(md: &str) -> BTreeMap<String, Section> {
    let mut out: BTreeMap<String, Section> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut in_extras = false;
    for line in md.lines() {
        if let Some(h) = line
            .strip_prefix("### ")
            .or_else(|| line.strip_prefix("## "))
        {
            let name = h.split_whitespace().next().unwrap_or("").to_string();
            current = Some(name);
            in_extras = false;
            continue;
        }
        let Some(doc) = current.clone() else { continue };
        if line.starts_with("Also reported now:") {
            in_extras = true;
            continue;
        }
        if in_extras {
            if let Some(item) = line.strip_prefix("- ") {
                let section = out.entry(doc).or_insert_with(|| Section {
                    rows: Vec::new(),
                    extras: Vec::new(),
                });
                section.extras.push(item.trim_matches('`').to_string());
                continue;
            }
            if !line.trim().is_empty() {
                in_extras = false;
            }
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if !line.starts_with("| ") || cells.len() < 7 || cells[0].parse::<u32>().is_err() {
            continue;
        }
        let section = out.entry(doc).or_insert_with(|| Section {
            rows: Vec::new(),
            extras: Vec::new(),
        });
        section.rows.push(Row {
            number: cells[0].to_string(),
            quote: cells[1].to_string(),
            spec: format!("{} / {} / {}", cells[2], cells[3], cells[4]),
            now: cells[5].to_string(),
            cont: cells[6].contains("*cont.*"),
        });
    }
    out
}

/// Every example document's text by the name EXPECTED.md uses.
fn documents() -> BTreeMap<String, String> {
    let mut docs = BTreeMap::new();
    let dir = examples().join("articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/articles")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).expect("example text");
        if name.ends_with(".jsonl") {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let rec: serde_json::Value = serde_json::from_str(line).expect("JSONL record");
                docs.insert(
                    rec["id"].as_str().unwrap_or_default().to_string(),
                    rec["text"].as_str().unwrap_or_default().to_string(),
                );
            }
        } else {
            docs.insert(name, text);
        }
    }
    docs
}

#[test]
fn expected_md_is_what_extract_reports() {
    let md = std::fs::read_to_string(examples().join("EXPECTED.md")).expect("EXPECTED.md");
    let sections = parse(&md);
    let docs = documents();
    let mut differences = Vec::new();
    for (doc, section) in &sections {
        if section.rows.is_empty() {
            continue;
        }
        let text = docs
            .get(doc)
            .unwrap_or_else(|| panic!("EXPECTED.md lists {doc}, which is not in examples/"));
        let quotes = extract(text).quotes;
        let mut used = vec![false; quotes.len()];
        let mut previous: Option<usize> = None;
        for row in &section.rows {
            let k = key(&row.quote);
            let hit = (0..quotes.len())
                .find(|&i| !used[i] && normalise(&quotes[i].text).contains(&k))
                .or_else(|| {
                    previous.filter(|&p| row.cont && normalise(&quotes[p].text).contains(&k))
                })
                // Two rows in one sentence ("same sentence as 5") may be one reported quote.
                .or_else(|| (0..quotes.len()).find(|&i| normalise(&quotes[i].text).contains(&k)));
            let got = match hit {
                Some(i) => {
                    used[i] = true;
                    previous = Some(i);
                    describe(&quotes[i])
                }
                None => "missing".to_string(),
            };
            let want = if row.now.is_empty() {
                &row.spec
            } else {
                &row.now
            };
            if got != *want {
                let now = if got == row.spec { String::new() } else { got };
                differences.push(format!(
                    "{doc} #{}: the table says {want:?}; the Now cell should read {now:?}",
                    row.number
                ));
            }
        }
        let mut extras: Vec<String> = quotes
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(q, _)| extra_line(q))
            .collect();
        let mut listed = section.extras.clone();
        extras.sort();
        listed.sort();
        if extras != listed {
            differences.push(format!(
                "{doc}: `Also reported now:` should list:\n{}",
                extras
                    .iter()
                    .map(|e| format!("EXTRA\t{doc}\t{e}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "examples/EXPECTED.md and extract differ:\n{}",
        differences.join("\n")
    );
}
