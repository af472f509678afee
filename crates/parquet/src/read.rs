//! Reading back the `documents` table the Spark job writes (spark/README.md, "Tables"): its
//! part files merged into arrival order (`seq`), one row at a time, so that memory holds one
//! row per part file whatever the table's size.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use parquet::record::{Field, Row};
use parquet::schema::types::Type;

/// The columns of `documents` an import reads.
pub const DOCUMENT_COLUMNS: [&str; 5] = ["seq", "doc", "text", "record", "error"];

/// One row of the `documents` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDocument {
    /// Arrival order: input file number × 2^32 + the document's index in its file.
    pub seq: i64,
    /// The document id, as `quotetrace extract` names it.
    pub doc: String,
    /// The cleaned text the record's offsets refer to (null for a document that failed).
    pub text: Option<String>,
    /// The contract line `quotetrace extract` prints for the document.
    pub record: Option<String>,
    /// Why the document could not be read or processed.
    pub error: Option<String>,
}

/// A part file that cannot be read, or a row that is not what the table promises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for TableError {}

fn error(path: &Path, message: impl Into<String>) -> TableError {
    TableError {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// The Parquet part files of a table directory, in name order; Spark's markers (`_SUCCESS`)
/// and hidden files (`.crc`) are not parts.
pub fn part_files(dir: &Path) -> Result<Vec<PathBuf>, TableError> {
    let entries = std::fs::read_dir(dir).map_err(|e| error(dir, e.to_string()))?;
    let mut parts = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| error(dir, e.to_string()))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file()
            && !name.starts_with(['_', '.'])
            && path.extension().is_some_and(|e| e == "parquet")
        {
            parts.push(path);
        }
    }
    parts.sort();
    Ok(parts)
}

/// One part file's rows, read in its order.
struct Part {
    path: PathBuf,
    rows: RowIter<'static>,
    last_seq: Option<i64>,
}

impl Part {
    fn open(path: PathBuf) -> Result<Part, TableError> {
        let file = File::open(&path).map_err(|e| error(&path, e.to_string()))?;
        let reader = SerializedFileReader::new(file).map_err(|e| error(&path, e.to_string()))?;
        let schema = reader.metadata().file_metadata().schema();
        let mut fields: Vec<Arc<Type>> = Vec::new();
        for name in DOCUMENT_COLUMNS {
            let field = schema
                .get_fields()
                .iter()
                .find(|f| f.name() == name)
                .ok_or_else(|| {
                    error(&path, format!("no column `{name}`: not a documents table"))
                })?;
            fields.push(Arc::clone(field));
        }
        let projection = Type::group_type_builder(schema.name())
            .with_fields(fields)
            .build()
            .map_err(|e| error(&path, e.to_string()))?;
        let rows = RowIter::from_file_into(Box::new(reader))
            .project(Some(projection))
            .map_err(|e| error(&path, e.to_string()))?;
        Ok(Part {
            path,
            rows,
            last_seq: None,
        })
    }

    /// The next row, checked to come after the one before: the merge relies on each part
    /// being in `seq` order, as the job writes it.
    fn next_row(&mut self) -> Option<Result<TableDocument, TableError>> {
        let row = match self.rows.next()? {
            Ok(row) => row,
            Err(e) => return Some(Err(error(&self.path, e.to_string()))),
        };
        let doc = document(row).map_err(|m| error(&self.path, m));
        if let Ok(d) = &doc {
            if self.last_seq.is_some_and(|last| d.seq <= last) {
                return Some(Err(error(
                    &self.path,
                    format!(
                        "rows are not in `seq` order ({} after {}): write the table with a job of this version",
                        d.seq,
                        self.last_seq.unwrap_or_default()
                    ),
                )));
            }
            self.last_seq = Some(d.seq);
        }
        Some(doc)
    }
}

/// A row's columns taken out of it (the text and record move, uncopied).
fn document(row: Row) -> Result<TableDocument, String> {
    let mut seq = None;
    let mut strings: [Option<String>; 4] = Default::default();
    for (name, value) in row.into_columns() {
        let Some(k) = DOCUMENT_COLUMNS.iter().position(|c| *c == name) else {
            continue;
        };
        match (k, value) {
            (0, Field::Long(v)) => seq = Some(v),
            (0, Field::Int(v)) => seq = Some(i64::from(v)),
            (_, Field::Null) => {}
            (k @ 1.., Field::Str(s)) => strings[k - 1] = Some(s),
            (_, other) => {
                return Err(format!(
                    "column `{name}` holds {other}, not what a documents table has"
                ))
            }
        }
    }
    let [doc, text, record, error] = strings;
    Ok(TableDocument {
        seq: seq.ok_or("a row without `seq`")?,
        doc: doc.ok_or("a row without `doc`")?,
        text,
        record,
        error,
    })
}

/// The rows of a `documents` table in `seq` order (a k-way merge of its part files, each in
/// `seq` order). A part that cannot be opened or read is reported once, as an error item,
/// and left out; the others go on.
pub struct DocumentsTable {
    parts: Vec<Part>,
    heads: BinaryHeap<Reverse<(i64, usize)>>,
    pending: Vec<Option<TableDocument>>,
    errors: Vec<TableError>,
}

impl DocumentsTable {
    /// Opens the table in `dir`: the `documents` directory itself, or the job's output
    /// directory that holds it.
    pub fn open(dir: &Path) -> Result<DocumentsTable, TableError> {
        let nested = dir.join("documents");
        let dir = if nested.is_dir() { &nested } else { dir };
        let paths = part_files(dir)?;
        if paths.is_empty() {
            return Err(error(dir, "no Parquet part files: not a documents table"));
        }
        let mut table = DocumentsTable {
            parts: Vec::new(),
            heads: BinaryHeap::new(),
            pending: Vec::new(),
            errors: Vec::new(),
        };
        for path in paths {
            match Part::open(path) {
                Ok(part) => {
                    table.parts.push(part);
                    table.pending.push(None);
                    table.advance(table.parts.len() - 1);
                }
                Err(e) => table.errors.push(e),
            }
        }
        Ok(table)
    }

    /// Reads part `k`'s next row into the merge.
    fn advance(&mut self, k: usize) {
        match self.parts[k].next_row() {
            Some(Ok(row)) => {
                self.heads.push(Reverse((row.seq, k)));
                self.pending[k] = Some(row);
            }
            Some(Err(e)) => self.errors.push(e),
            None => {}
        }
    }
}

impl Iterator for DocumentsTable {
    type Item = Result<TableDocument, TableError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.errors.pop() {
            return Some(Err(e));
        }
        let Reverse((_, k)) = self.heads.pop()?;
        let row = self.pending[k].take();
        self.advance(k);
        row.map(Ok)
    }
}
