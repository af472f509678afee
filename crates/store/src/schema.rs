//! The schema version check and the migrations from older stores.

use super::*;

/// Refuses a store written with another schema; marks a new one with this schema.
pub(crate) fn check_schema(conn: &Connection, path: &Path) -> Result<()> {
    let version: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
            r.get(0)
        })
        .optional()?;
    match version {
        Some(v) if v == SCHEMA_VERSION.to_string() => Ok(()),
        Some(v) if v == "2" => {
            migrate_2_to_3(conn, path)?;
            migrate_3_to_4(conn, path)
        }
        Some(v) if v == "3" => migrate_3_to_4(conn, path),
        Some(v) => Err(StoreError(format!(
            "the store {} has schema version {v}, this quotetrace reads version {SCHEMA_VERSION}: ingest into a new store",
            path.display()
        ))),
        None => {
            let documents: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
            if documents > 0 {
                return Err(StoreError(format!(
                    "the store {} was written by an older quotetrace (schema version 1), this one reads version {SCHEMA_VERSION}: ingest into a new store",
                    path.display()
                )));
            }
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema', ?1)",
                [SCHEMA_VERSION.to_string()],
            )?;
            Ok(())
        }
    }
}

/// Schema 2 -> 3: each quote keeps its document's date and outlet, and the variant-group
/// index covers them (tracing a quote carried thousands of times read every document). One
/// transaction: an interrupted upgrade leaves the store at version 2, to be upgraded again.
pub(crate) fn migrate_2_to_3(conn: &Connection, path: &Path) -> Result<()> {
    let quotes: i64 = conn.query_row("SELECT count(*) FROM quotes", [], |r| r.get(0))?;
    if quotes > 100_000 {
        eprintln!(
            "quotetrace: upgrading the store {} to schema version 3 ({quotes} quotes; once)",
            path.display()
        );
    }
    conn.execute_batch(&format!(
        "BEGIN IMMEDIATE;
         ALTER TABLE quotes ADD COLUMN date_key TEXT;
         ALTER TABLE quotes ADD COLUMN outlet TEXT;
         UPDATE quotes SET (date_key, outlet) =
           (SELECT coalesce(d.published, '{UNDATED}'), d.outlet FROM documents d WHERE d.id = quotes.doc);
         DROP INDEX quotes_cluster;
         CREATE INDEX quotes_cluster ON quotes(cluster, date_key, doc, outlet);
         UPDATE meta SET value = '3' WHERE key = 'schema';
         COMMIT;"
    ))
    .map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        StoreError(format!(
            "cannot upgrade the store {} to schema version 3: {e}",
            path.display()
        ))
    })
}

/// Schema 3 -> 4: the quote-variant buckets leave the database for a file beside it (see
/// [`QuoteIndex`]), built from the groups' text when the store is opened.
pub(crate) fn migrate_3_to_4(conn: &Connection, path: &Path) -> Result<()> {
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         DROP TABLE IF EXISTS quote_bands;
         DROP TABLE IF EXISTS documents_fts;
         DROP TABLE IF EXISTS quotes_fts;
         UPDATE meta SET value = '4' WHERE key = 'schema';
         COMMIT;",
    )
    .map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        StoreError(format!(
            "cannot upgrade the store {} to schema version 4: {e}",
            path.display()
        ))
    })
}
