//! The `documents` table a Spark job writes, read back in arrival order across its parts.

use std::path::Path;

use quotetrace_parquet::{DocumentsTable, Table, Values};

/// A part file of a documents table with the rows `(seq, doc)`; the last row failed.
fn part(dir: &Path, name: &str, rows: &[(i64, &str)]) {
    let n = rows.len();
    let text = |i: usize| (i + 1 < n).then(|| format!("text {i}"));
    let table = Table::new()
        .with("seq", Values::Int64(rows.iter().map(|r| r.0).collect()))
        .with(
            "doc",
            Values::Str(rows.iter().map(|r| r.1.into()).collect()),
        )
        .with("source", Values::Str(vec!["in.jsonl".into(); n]))
        .with("text", Values::OptStr((0..n).map(text).collect()))
        .with("record", Values::OptStr((0..n).map(text).collect()))
        .with(
            "error",
            Values::OptStr(
                (0..n)
                    .map(|i| (i + 1 == n).then(|| "binary file".into()))
                    .collect(),
            ),
        );
    std::fs::write(dir.join(name), table.to_parquet().unwrap()).unwrap();
}

#[test]
fn parts_merge_into_arrival_order() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("documents");
    std::fs::create_dir(&docs).unwrap();
    part(&docs, "part-00000.parquet", &[(1, "b"), (4, "e"), (5, "f")]);
    part(&docs, "part-00001.parquet", &[(0, "a"), (2, "c"), (3, "d")]);
    // Spark's markers and checksums are not parts.
    std::fs::write(docs.join("_SUCCESS"), b"").unwrap();
    std::fs::write(docs.join(".part-00000.parquet.crc"), b"x").unwrap();
    // The job's output directory or the table's own.
    for dir in [tmp.path(), docs.as_path()] {
        let rows: Vec<_> = DocumentsTable::open(dir)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let order: Vec<&str> = rows.iter().map(|r| r.doc.as_str()).collect();
        assert_eq!(order, ["a", "b", "c", "d", "e", "f"]);
        let failed: Vec<&str> = rows
            .iter()
            .filter(|r| r.error.is_some())
            .map(|r| r.doc.as_str())
            .collect();
        assert_eq!(failed, ["d", "f"]);
        assert_eq!(rows[0].text.as_deref(), Some("text 0"));
    }
}

#[test]
fn a_bad_part_is_reported_by_name_and_the_others_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    part(tmp.path(), "part-00000.parquet", &[(0, "a"), (1, "b")]);
    std::fs::write(tmp.path().join("part-00001.parquet"), b"not parquet at all").unwrap();
    part(tmp.path(), "part-00002.parquet", &[(3, "d"), (2, "c")]);
    let items: Vec<_> = DocumentsTable::open(tmp.path()).unwrap().collect();
    let errors: Vec<String> = items
        .iter()
        .filter_map(|r| r.as_ref().err().map(ToString::to_string))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("part-00001.parquet")));
    assert!(errors
        .iter()
        .any(|e| e.contains("part-00002.parquet") && e.contains("not in `seq` order")));
    let docs: Vec<String> = items
        .into_iter()
        .filter_map(|r| r.ok())
        .map(|r| r.doc)
        .collect();
    assert_eq!(docs, ["a", "b", "d"]);
}

#[test]
fn a_directory_without_parts_or_columns_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let e = DocumentsTable::open(tmp.path()).err().unwrap();
    assert!(e.to_string().contains("no Parquet part files"), "{e}");
    let table = Table::new().with("seq", Values::Int64(vec![1]));
    std::fs::write(tmp.path().join("p.parquet"), table.to_parquet().unwrap()).unwrap();
    let items: Vec<_> = DocumentsTable::open(tmp.path()).unwrap().collect();
    assert_eq!(items.len(), 1);
    let e = items[0].as_ref().err().unwrap().to_string();
    assert!(e.contains("no column `doc`"), "{e}");
    assert!(DocumentsTable::open(&tmp.path().join("missing")).is_err());
}
