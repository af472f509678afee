//! Articles in other languages: their language is said, and English-only extraction rules are
//! not run on them (they would make "speakers" of sentence-opening words).

mod common;

use common::{http, query, run_ok, serve};
use serde_json::Value;

const ARTICLES: &str = r#"{"id":"de-1","title":"Brücke","text":"„Die Brücke wird im Frühjahr wieder geöffnet“, sagte der Bürgermeister am Dienstag. Er dankte den Arbeitern, die den ganzen Winter über gearbeitet hatten, und versprach neue Busse."}
{"id":"ru-1","title":"Мост","text":"«Мой ответ прост: мост откроется весной», — заявил мэр во вторник. Он поблагодарил рабочих, которые трудились всю зиму без выходных."}
{"id":"en-1","title":"Bridge","text":"\"The bridge will reopen in the spring,\" Mayor Lena Hart said on Tuesday. She thanked the crews who had worked through the winter."}
"#;

fn extract_lines(input: &std::path::Path) -> Vec<Value> {
    run_ok(&["extract".as_ref(), input.as_os_str()])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn other_languages_are_named_and_not_mined_for_quotes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("articles.jsonl");
    std::fs::write(&input, ARTICLES).unwrap();
    let lines = extract_lines(&input);
    let by_id = |id: &str| lines.iter().find(|l| l["doc"] == id).unwrap().clone();
    for (id, lang) in [("de-1", "de"), ("ru-1", "ru")] {
        let r = by_id(id);
        assert_eq!(r["lang"], lang, "{r}");
        assert_eq!(r["quotes"].as_array().unwrap().len(), 0, "{r}");
        let warnings = r["warnings"].to_string();
        assert!(warnings.contains("English only"), "{r}");
    }
    let en = by_id("en-1");
    assert_eq!(en["lang"], "en");
    assert_eq!(en["quotes"][0]["speaker"], "Lena Hart", "{en}");

    // The store keeps the language, and no sentence opener becomes a speaker.
    let store = tmp.path().join("store");
    query(&store, &["ingest", "-q", input.to_str().unwrap()]);
    let speakers = query(&store, &["speakers", "--format", "json"]);
    assert!(speakers.contains("Lena Hart"), "{speakers}");
    assert!(
        !speakers.contains("Мой") && !speakers.contains("Die"),
        "{speakers}"
    );

    let (_server, base) = serve(&store, &[]);
    let (status, _, body) = http(&base, "GET", "/api/documents?limit=10", &[], b"");
    assert_eq!(status, 200, "{body}");
    let docs: Value = serde_json::from_str(&body).unwrap();
    let ru = docs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["doc"] == "ru-1")
        .unwrap_or_else(|| panic!("{body}"))
        .clone();
    assert_eq!(ru["lang"], "ru", "{ru}");
    let id = ru["id"].as_i64().unwrap();
    let (status, _, page) = http(&base, "GET", &format!("/documents/{id}"), &[], b"");
    assert_eq!(status, 200);
    assert!(page.contains("language: ru"), "{page}");
    assert!(page.contains("0 quotes"), "{page}");
}
