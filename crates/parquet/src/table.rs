//! A table of named, typed columns written as one Parquet file.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, ConvertedType, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use crate::Error;

/// The values of one column. `Opt*` columns are nullable.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    Int64(Vec<i64>),
    OptInt64(Vec<Option<i64>>),
    Double(Vec<f64>),
    Bool(Vec<bool>),
    Str(Vec<String>),
    OptStr(Vec<Option<String>>),
}

impl Values {
    /// Rows in the column.
    pub fn len(&self) -> usize {
        match self {
            Values::Int64(v) => v.len(),
            Values::OptInt64(v) => v.len(),
            Values::Double(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Str(v) => v.len(),
            Values::OptStr(v) => v.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The Parquet field of this column.
    fn field(&self, name: &str) -> Result<Type, Error> {
        let (physical, nullable, string) = match self {
            Values::Int64(_) => (Physical::INT64, false, false),
            Values::OptInt64(_) => (Physical::INT64, true, false),
            Values::Double(_) => (Physical::DOUBLE, false, false),
            Values::Bool(_) => (Physical::BOOLEAN, false, false),
            Values::Str(_) => (Physical::BYTE_ARRAY, false, true),
            Values::OptStr(_) => (Physical::BYTE_ARRAY, true, true),
        };
        let mut b = Type::primitive_type_builder(name, physical).with_repetition(if nullable {
            Repetition::OPTIONAL
        } else {
            Repetition::REQUIRED
        });
        if string {
            b = b
                .with_logical_type(Some(LogicalType::String))
                .with_converted_type(ConvertedType::UTF8);
        }
        b.build()
    }
}

/// A named column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub values: Values,
}

/// Named columns of equal length, written as a Parquet file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
}

impl Table {
    /// A table with no columns.
    pub fn new() -> Table {
        Table::default()
    }

    /// Adds a column (builder style).
    pub fn with(mut self, name: &str, values: Values) -> Table {
        self.columns.push(Column {
            name: name.to_string(),
            values,
        });
        self
    }

    /// Rows in the table (those of its first column).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.values.len())
    }

    /// The Parquet schema of the table.
    fn schema(&self, name: &str) -> Result<Arc<Type>, Error> {
        let fields = self
            .columns
            .iter()
            .map(|c| c.values.field(&c.name).map(Arc::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(
            Type::group_type_builder(name).with_fields(fields).build()?,
        ))
    }

    /// Writes the table as a whole Parquet file (one row group) and hands back the writer.
    pub fn write<W: Write + Send>(self, out: W) -> Result<W, Error> {
        let mut w = TableWriter::new(out, &self)?;
        w.row_group(self)?;
        w.finish()
    }

    /// The table as the bytes of a Parquet file.
    pub fn to_parquet(self) -> Result<Vec<u8>, Error> {
        self.write(Vec::new())
    }
}

/// A Parquet file being written one row group at a time, all of one table's schema.
pub(crate) struct TableWriter<W: Write + Send> {
    file: SerializedFileWriter<W>,
    columns: usize,
}

impl<W: Write + Send> TableWriter<W> {
    /// Starts a file with the schema of `like` (its names and types; its rows are not written).
    pub(crate) fn new(out: W, like: &Table) -> Result<Self, Error> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("quotetrace {}", env!("CARGO_PKG_VERSION")))
            .build();
        let file = SerializedFileWriter::new(out, like.schema("schema")?, Arc::new(props))?;
        Ok(TableWriter {
            file,
            columns: like.columns.len(),
        })
    }

    /// Writes `table` (of the file's schema) as one row group.
    pub(crate) fn row_group(&mut self, table: Table) -> Result<(), Error> {
        if table.columns.len() != self.columns {
            return Err(Error::General("a row group of another schema".into()));
        }
        let rows = table.rows();
        if let Some(c) = table.columns.iter().find(|c| c.values.len() != rows) {
            return Err(Error::General(format!(
                "column {} has {} rows, not {rows}",
                c.name,
                c.values.len()
            )));
        }
        let mut group = self.file.next_row_group()?;
        let mut columns = table.columns.into_iter();
        while let Some(mut col) = group.next_column()? {
            let Some(c) = columns.next() else {
                return Err(Error::General("fewer columns than the schema".into()));
            };
            write_values(&mut col, c.values)?;
            col.close()?;
        }
        group.close()?;
        Ok(())
    }

    /// Writes the file's footer and hands back the writer.
    pub(crate) fn finish(self) -> Result<W, Error> {
        self.file.into_inner()
    }
}

/// Levels for a nullable column: 1 where a value is, 0 for a null.
fn levels<T>(v: &[Option<T>]) -> Vec<i16> {
    v.iter().map(|x| i16::from(x.is_some())).collect()
}

fn bytes(s: String) -> ByteArray {
    ByteArray::from(s.into_bytes())
}

/// Writes one column's values into its column chunk.
fn write_values(
    col: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    values: Values,
) -> Result<(), Error> {
    match values {
        Values::Int64(v) => {
            col.typed::<Int64Type>().write_batch(&v, None, None)?;
        }
        Values::OptInt64(v) => {
            let def = levels(&v);
            let present: Vec<i64> = v.into_iter().flatten().collect();
            col.typed::<Int64Type>()
                .write_batch(&present, Some(&def), None)?;
        }
        Values::Double(v) => {
            col.typed::<DoubleType>().write_batch(&v, None, None)?;
        }
        Values::Bool(v) => {
            col.typed::<BoolType>().write_batch(&v, None, None)?;
        }
        Values::Str(v) => {
            let v: Vec<ByteArray> = v.into_iter().map(bytes).collect();
            col.typed::<ByteArrayType>().write_batch(&v, None, None)?;
        }
        Values::OptStr(v) => {
            let def = levels(&v);
            let present: Vec<ByteArray> = v.into_iter().flatten().map(bytes).collect();
            col.typed::<ByteArrayType>()
                .write_batch(&present, Some(&def), None)?;
        }
    }
    Ok(())
}
