//! `export --format parquet`: the same quotes as the JSON lines export, typed, in a file that
//! a Parquet reader opens as it is.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde_json::Value;

fn qt(store: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_quotetrace"))
        .args(args)
        .arg("--store")
        .arg(store)
        .stdin(Stdio::null())
        .output()
        .expect("run quotetrace");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn parquet_export_holds_the_jsonl_export_row_for_row() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    qt(&store, &["ingest", "-q", examples.to_str().unwrap()]);
    let jsonl: Vec<Value> = String::from_utf8(qt(&store, &["export"]).stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(jsonl.len() > 20);

    let file = tmp.path().join("quotes.parquet");
    qt(
        &store,
        &[
            "export",
            "--format",
            "parquet",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    // Standard output redirected works too, and gives the same bytes.
    let piped = qt(&store, &["export", "--format", "parquet"]).stdout;
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(piped, bytes);

    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
    let rows: Vec<Vec<(String, Field)>> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| {
            r.unwrap()
                .get_column_iter()
                .map(|(n, f)| (n.clone(), f.clone()))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), jsonl.len());
    for (row, want) in rows.iter().zip(&jsonl) {
        for (name, field) in row {
            let key = if name == "quote_id" {
                "id"
            } else {
                name.as_str()
            };
            let w = &want[key];
            let same = match field {
                Field::Null => w.is_null(),
                Field::Long(n) => w.as_i64() == Some(*n),
                Field::Str(s) => w.as_str() == Some(s.as_str()),
                Field::Double(x) => w.as_f64().is_some_and(|y| (x - y).abs() < 1e-6),
                other => panic!("{name}: unexpected {other:?}"),
            };
            assert!(same, "{name}: parquet {field:?}, jsonl {w}");
        }
    }

    // A filter applies as for the other formats.
    let direct = tmp.path().join("direct.parquet");
    qt(
        &store,
        &[
            "export",
            "--format",
            "parquet",
            "--kind",
            "direct",
            "--output",
            direct.to_str().unwrap(),
        ],
    );
    let reader = SerializedFileReader::new(std::fs::File::open(&direct).unwrap()).unwrap();
    let n = reader.metadata().file_metadata().num_rows() as usize;
    let want = jsonl.iter().filter(|q| q["kind"] == "direct").count();
    assert_eq!(n, want);
}
