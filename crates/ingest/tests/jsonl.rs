//! JSONL records with lone UTF-16 surrogate escapes. Inputs are built here.

use quotetrace_ingest::{documents, Input};

/// A lone surrogate escape (a writer cut a pair in two) stands for no character: the record is
/// kept with U+FFFD in its place and a warning that says what was wrong.
#[test]
fn a_lone_surrogate_in_jsonl_is_replaced_with_a_clear_warning() {
    let lines = [
        r#"{"id": "plain", "text": "Nothing odd."}"#,
        r#"{"id": "pair", "text": "A smile \ud83d\ude00 stays."}"#,
        r#"{"id": "lone", "text": "Cut \ud800 here.", "title": "T"}"#,
        r#"{"id": "escaped", "text": "Literally \\ud800."}"#,
        r#"{"id": "two", "text": "\udc00 and \ud800"}"#,
        r#"{"id": "broken", "text": "\ud800" "#,
    ];
    let items: Vec<_> = documents(vec![Input::Bytes {
        name: "feed.jsonl".into(),
        bytes: lines.join("\n").into_bytes(),
    }])
    .collect();
    assert_eq!(items.len(), 6, "{items:?}");
    for i in [0, 1, 3] {
        let d = items[i].as_ref().unwrap();
        assert!(d.warnings.is_empty(), "{}: {:?}", d.id, d.warnings);
    }
    assert_eq!(items[1].as_ref().unwrap().text, "A smile \u{1F600} stays.");
    assert_eq!(items[3].as_ref().unwrap().text, "Literally \\ud800.");

    let lone = items[2].as_ref().unwrap();
    assert_eq!(lone.text, "Cut \u{FFFD} here.");
    assert_eq!(lone.meta.title.as_deref(), Some("T"));
    assert_eq!(
        lone.warnings,
        [
            "line 3: invalid JSON string: an unpaired UTF-16 surrogate \\ud800 (a lone surrogate \
          escape is not valid text): replaced with U+FFFD"
        ]
    );
    let two = items[4].as_ref().unwrap();
    assert_eq!(two.text, "\u{FFFD} and \u{FFFD}");
    assert_eq!(two.warnings.len(), 1);
    assert!(
        two.warnings[0].contains(
            "line 5: invalid JSON string: 2 unpaired UTF-16 surrogates (\\udc00, \\ud800)"
        ),
        "{:?}",
        two.warnings
    );
    // A record broken otherwise is reported for what else is wrong with it, not for the
    // surrogate.
    let broken = items[5].as_ref().unwrap_err();
    assert_eq!(broken.doc, "feed.jsonl:6");
    assert!(!broken.message.contains("hex escape"), "{broken}");
    assert!(broken.message.contains("EOF"), "{broken}");
}
