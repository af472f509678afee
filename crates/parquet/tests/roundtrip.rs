//! Files written here read back, value for value, through the `parquet` crate's own reader.

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use quotetrace_parquet::{QuoteWriter, Table, Values, QUOTE_COLUMNS, ROW_GROUP};
use quotetrace_store::QuoteRow;

fn read(bytes: Vec<u8>) -> (Vec<String>, Vec<Vec<Field>>) {
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
    let names = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    let rows = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| {
            r.unwrap()
                .get_column_iter()
                .map(|(_, f)| f.clone())
                .collect()
        })
        .collect();
    (names, rows)
}

#[test]
fn a_table_reads_back_with_its_nulls_and_types() {
    let t = Table::new()
        .with("id", Values::Int64(vec![1, 2]))
        .with(
            "who",
            Values::OptStr(vec![Some("Ada Lovelace".into()), None]),
        )
        .with("n", Values::OptInt64(vec![None, Some(7)]))
        .with("score", Values::Double(vec![0.5, 1.0]))
        .with("org", Values::Bool(vec![false, true]))
        .with("text", Values::Str(vec!["« un »".into(), String::new()]));
    let (names, rows) = read(t.to_parquet().unwrap());
    assert_eq!(names, ["id", "who", "n", "score", "org", "text"]);
    assert_eq!(
        rows[0],
        [
            Field::Long(1),
            Field::Str("Ada Lovelace".into()),
            Field::Null,
            Field::Double(0.5),
            Field::Bool(false),
            Field::Str("« un »".into()),
        ]
    );
    assert_eq!(rows[1][1], Field::Null);
    assert_eq!(rows[1][2], Field::Long(7));
    assert_eq!(rows[1][5], Field::Str(String::new()));
}

#[test]
fn columns_of_unequal_length_are_an_error_not_a_file() {
    let t = Table::new()
        .with("a", Values::Int64(vec![1, 2]))
        .with("b", Values::Int64(vec![1]));
    assert!(t.to_parquet().is_err());
}

fn quote(i: i64) -> QuoteRow {
    QuoteRow {
        id: i,
        text: format!("We will build the bridge number {i}."),
        kind: "direct".into(),
        speaker: (i % 2 == 0).then(|| "Mara Quill".to_string()),
        speaker_id: (i % 2 == 0).then_some(3),
        cue: Some("said".into()),
        confidence: 0.75,
        cluster: i / 2,
        doc: format!("doc-{i}"),
        doc_id: i,
        meta: quotetrace_store::DocMeta {
            outlet: Some("The Example Post".into()),
            published: Some("2024-03-01".into()),
            ..Default::default()
        },
        start: 10,
        end: 40,
        variant_confidence: 1.0,
        speaker_mention: Some("she".into()),
        // title, url and verbatim stay null (and fields the store adds later, default).
        ..Default::default()
    }
}

#[test]
fn quotes_span_row_groups_and_keep_the_export_schema_and_order() {
    let n = ROW_GROUP + 10;
    let mut w = QuoteWriter::new(Vec::new()).unwrap();
    for i in 0..n as i64 {
        w.push(quote(i)).unwrap();
    }
    assert_eq!(w.rows(), n);
    let bytes = w.finish().unwrap();
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes.clone())).unwrap();
    assert_eq!(reader.num_row_groups(), 2);
    let (names, rows) = read(bytes);
    let want: Vec<&str> = QUOTE_COLUMNS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, want);
    assert_eq!(rows.len(), n);
    let last = &rows[n - 1];
    assert_eq!(last[0], Field::Long(n as i64 - 1));
    assert_eq!(last[4], Field::Null, "odd ids have no speaker");
    assert_eq!(rows[n - 2][4], Field::Str("Mara Quill".into()));
    assert_eq!(last[13], Field::Null);
    assert_eq!(rows[n - 2][13], Field::Long(3));
}

#[test]
fn an_empty_export_is_still_a_file_with_the_schema() {
    let bytes = QuoteWriter::new(Vec::new()).unwrap().finish().unwrap();
    let (names, rows) = read(bytes);
    assert_eq!(names.len(), QUOTE_COLUMNS.len());
    assert!(rows.is_empty());
}
