//! The document metadata's JSON: flat in the record that holds it, absent fields left out of
//! the contract record and `null` elsewhere.

use quotetrace_model::{DocMeta, Document, ExtractRecord};

fn meta() -> DocMeta {
    DocMeta {
        title: Some("Ferry saved".into()),
        outlet: Some("Island Times".into()),
        published: Some("2024-10-21".into()),
        ..DocMeta::default()
    }
}

#[test]
fn the_contract_record_prints_known_fields_only_in_its_order() {
    let record = ExtractRecord {
        doc: "a.txt".into(),
        meta: DocMeta {
            lang: Some("en".into()),
            ..meta()
        },
        ..ExtractRecord::default()
    };
    assert_eq!(
        serde_json::to_string(&record).unwrap(),
        r#"{"doc":"a.txt","title":"Ferry saved","outlet":"Island Times","published":"2024-10-21","lang":"en","warnings":[]}"#
    );
}

#[test]
fn a_record_reads_back_with_its_metadata() {
    let line = r#"{"doc":"a.txt","url":"https://example.org/a","author":"Jo Doe","warnings":[]}"#;
    let record: ExtractRecord = serde_json::from_str(line).unwrap();
    assert_eq!(record.meta.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(record.meta.author.as_deref(), Some("Jo Doe"));
    assert_eq!(record.meta.title, None);
    assert_eq!(serde_json::to_string(&record).unwrap(), line);
}

#[test]
fn a_document_carries_its_metadata_flat_with_nulls() {
    let doc = Document {
        id: "a".into(),
        meta: meta(),
        ..Document::default()
    };
    let value = serde_json::to_value(&doc).unwrap();
    assert_eq!(value["title"], "Ferry saved");
    assert!(value["url"].is_null());
    assert!(value.get("meta").is_none());
    let back: Document = serde_json::from_value(value).unwrap();
    assert_eq!(back, doc);
}
