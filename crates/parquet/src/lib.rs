//! Columnar exports: stored quotes, or any small table of rows, written as Parquet with a
//! fixed schema, so that pandas, polars, DuckDB and pyarrow read them as they are.
//!
//! - [`Table`]: named columns (64-bit integers, doubles, booleans, UTF-8 strings, each
//!   nullable or not) written as one Parquet file.
//! - [`QuoteWriter`]: the quotes of an export, streamed row group by row group with the
//!   schema of [`QUOTE_COLUMNS`] (the CSV export's columns, in its order), so memory stays
//!   bounded whatever the store's size.
//! - [`DocumentsTable`]: the `documents` table a Spark job wrote (spark/README.md), read back
//!   in arrival order for `quotetrace import`.
//!
//! Built on the `parquet` crate's column writers, without Arrow: see ARCHITECTURE.md.

mod quotes;
mod read;
mod table;

pub use quotes::{write_quotes, ExportError, QuoteWriter, QUOTE_COLUMNS, ROW_GROUP};
pub use read::{part_files, DocumentsTable, TableDocument, TableError, DOCUMENT_COLUMNS};
pub use table::{Column, Table, Values};

/// Why a Parquet file could not be written.
pub type Error = parquet::errors::ParquetError;
