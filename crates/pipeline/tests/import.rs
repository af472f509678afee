//! Documents extracted elsewhere (a Spark executor, the Python package) and stored with
//! `ingest_extracted` make the store that `ingest_inputs` makes from the same inputs.

use std::path::Path;

use quotetrace_ingest::{documents, Input, ReadError};
use quotetrace_pipeline::ingest::{ingest_extracted, ingest_inputs, ExtractedDocument, Silent};
use quotetrace_pipeline::record::extract_record;
use quotetrace_store::{QuoteRow, Store, StoreError};

fn inputs() -> Vec<Input> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let extra = [
        r#"{"id":"wire-1","title":"Council backs ferry","published":"2024-10-21","outlet":"Island Times","text":"The council voted to keep the ferry. \"We will not leave the island behind,\" said Mayor Ana Holm. She said the service would run all winter."}"#,
        r#"{"id":"wire-2","title":"Ferry stays","published":"2024-10-22","outlet":"Coast News","text":"\"We will not leave the island behind,\" Mayor Ana Holm said on Monday after the council vote."}"#,
        r#"{"id":"broken"}"#,
    ]
    .join("\n");
    vec![
        Input::Path(examples),
        Input::Bytes {
            name: "wire.jsonl".into(),
            bytes: extra.into_bytes(),
        },
    ]
}

/// What a front end hands over: each document's contract line and cleaned text, as the
/// Spark job's `documents` table holds them, read back into documents for the store.
fn extracted_elsewhere() -> Vec<Result<ExtractedDocument, ReadError>> {
    documents(inputs())
        .map(|item| {
            let doc = item?;
            let id = doc.id.clone();
            let done = extract_record(doc, None);
            let line = serde_json::to_string(&done.record).unwrap();
            ExtractedDocument::from_record(done.text, &line)
                .map_err(|message| ReadError { doc: id, message })
        })
        .collect()
}

fn quotes(store: &Store) -> Vec<String> {
    let mut rows: Vec<QuoteRow> = Vec::new();
    store
        .export(|q| {
            rows.push(q);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    rows.iter()
        .map(|q| serde_json::to_string(q).unwrap())
        .collect()
}

#[test]
fn a_store_from_extracted_documents_is_the_ingested_store() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ingested = Store::open(&tmp.path().join("ingested")).unwrap();
    let a = ingest_inputs(&mut ingested, documents(inputs()), 2, 3, &Silent).unwrap();
    let mut imported = Store::open(&tmp.path().join("imported")).unwrap();
    let b = ingest_extracted(
        &mut imported,
        extracted_elsewhere().into_iter(),
        2,
        3,
        &Silent,
    )
    .unwrap();
    assert_eq!((a.added, a.failed, a.quotes), (b.added, b.failed, b.quotes));
    assert!(a.added >= 10 && a.failed == 1, "{a:?}");
    assert_eq!(ingested.counts().unwrap(), imported.counts().unwrap());
    let (qa, qb) = (quotes(&ingested), quotes(&imported));
    assert!(qa.len() > 20, "{}", qa.len());
    assert_eq!(qa, qb);
    let stories = |s: &Store| {
        s.stories()
            .unwrap()
            .into_iter()
            .map(|r| (r.doc, r.story))
            .collect::<Vec<_>>()
    };
    assert_eq!(stories(&ingested), stories(&imported));
    let speakers = |s: &Store| serde_json::to_string(&s.speakers(1000, 0).unwrap()).unwrap();
    assert_eq!(speakers(&ingested), speakers(&imported));
    // A second import adds nothing: it is as idempotent as ingest.
    let again = ingest_extracted(
        &mut imported,
        extracted_elsewhere().into_iter(),
        2,
        3,
        &Silent,
    )
    .unwrap();
    assert_eq!((again.added, again.existing), (0, a.added));
}

#[test]
fn a_record_that_does_not_fit_its_text_is_refused() {
    let line = r#"{"doc":"a","quotes":[{"text":"x","start":0,"end":40,"kind":"direct","speaker":null,"speaker_mention":null,"cue":null,"confidence":0.5}],"warnings":[]}"#;
    let e = ExtractedDocument::from_record("short".into(), line)
        .err()
        .unwrap();
    assert!(e.contains("outside the text"), "{e}");
    let e = ExtractedDocument::from_record("t".into(), "{not json")
        .err()
        .unwrap();
    assert!(e.contains("not a contract line"), "{e}");
    let failed = r#"{"doc":"a","error":"binary file","warnings":[]}"#;
    let e = ExtractedDocument::from_record("t".into(), failed)
        .err()
        .unwrap();
    assert_eq!(e, "binary file");
}
