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
        // Each step brings the store one version up, in its own transaction.
        Some(v) if matches!(v.as_str(), "2" | "3" | "4" | "5" | "6") => {
            let from: i64 = v.parse().unwrap_or(SCHEMA_VERSION);
            let steps: [fn(&Connection, &Path) -> Result<()>; 5] = [
                migrate_2_to_3,
                migrate_3_to_4,
                migrate_4_to_5,
                migrate_5_to_6,
                migrate_6_to_7,
            ];
            for step in &steps[(from - 2) as usize..] {
                step(conn, path)?;
            }
            Ok(())
        }
        Some(v) => Err(StoreError::Schema {
            path: path.to_path_buf(),
            found: v,
            hint: "ingest into a new store",
        }),
        None => {
            let documents: i64 =
                conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
            if documents > 0 {
                return Err(StoreError::Schema {
                    path: path.to_path_buf(),
                    found: "1".into(),
                    hint: "ingest into a new store",
                });
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
        log::info!(
            "upgrading the store {} to schema version 3 ({quotes} quotes; once)",
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
        StoreError::sqlite(
            format!(
                "cannot upgrade the store {} to schema version 3",
                path.display()
            ),
            e,
        )
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
        StoreError::sqlite(
            format!(
                "cannot upgrade the store {} to schema version 4",
                path.display()
            ),
            e,
        )
    })
}

/// Schema 4 -> 5: the saved keys (documents' content hashes, quotes' word keys) were made
/// with the standard library's `DefaultHasher`, whose algorithm Rust does not promise to
/// keep: they are computed again with FNV-1a ([`quotetrace_link::hash`]), in place, from the
/// stored names, texts and quotes. One transaction: an interrupted upgrade leaves the store
/// at version 4, to be upgraded again.
pub(crate) fn migrate_4_to_5(conn: &Connection, path: &Path) -> Result<()> {
    let documents: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
    if documents > 100_000 {
        log::info!(
            "upgrading the store {} to schema version 5 ({documents} articles; once)",
            path.display()
        );
    }
    let rekey = || -> rusqlite::Result<()> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        {
            // New hashes go to a side table first, so that no row ever holds another's key
            // while the UNIQUE index checks it.
            conn.execute_batch(
                "CREATE TEMP TABLE rekeyed (id INTEGER PRIMARY KEY, hash INTEGER NOT NULL)",
            )?;
            let mut read = conn.prepare("SELECT id, doc_key, text FROM documents")?;
            let mut write = conn.prepare("INSERT INTO temp.rekeyed (id, hash) VALUES (?1, ?2)")?;
            let mut rows = read.query([])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let name = r.get_ref(1)?.as_str().unwrap_or("");
                let text = r.get_ref(2)?.as_str().unwrap_or("");
                write.execute(params![id, document_hash(name, text)])?;
            }
        }
        conn.execute_batch(
            "UPDATE documents SET content_hash = -id - 1;
             UPDATE documents SET content_hash = (SELECT hash FROM temp.rekeyed r WHERE r.id = documents.id);
             DROP TABLE temp.rekeyed;
             DELETE FROM quote_keys;",
        )?;
        {
            // A quote's key names the group it joined when stored: its own when it started
            // one (a translation link may have moved it since, and the key stays with the
            // group it started), else the one it joined.
            let mut read = conn.prepare(
                "SELECT q.text, CASE WHEN EXISTS (SELECT 1 FROM quote_clusters c WHERE c.id = q.id)
                   THEN q.id ELSE q.cluster END
                 FROM quotes q ORDER BY q.id",
            )?;
            let mut write =
                conn.prepare("INSERT OR IGNORE INTO quote_keys (key, cluster) VALUES (?1, ?2)")?;
            let mut rows = read.query([])?;
            while let Some(r) = rows.next()? {
                let words = variants::quote_words(r.get_ref(0)?.as_str().unwrap_or(""));
                if words.len() >= variants::MIN_WORDS {
                    write.execute(params![words_key(&words), r.get::<_, i64>(1)?])?;
                }
            }
        }
        conn.execute_batch("UPDATE meta SET value = '5' WHERE key = 'schema'; COMMIT;")
    };
    rekey().map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        StoreError::sqlite(
            format!(
                "cannot upgrade the store {} to schema version 5",
                path.display()
            ),
            e,
        )
    })
}

/// Schema 5 -> 6: quotes keep their verbatim words (the parts inside quotation marks of a
/// partial or mixed quote), so that a trace compares quoted words, not the reporting words
/// around them. Older quotes have none (their text is compared, as before).
pub(crate) fn migrate_5_to_6(conn: &Connection, path: &Path) -> Result<()> {
    let upgrade = || -> rusqlite::Result<()> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let has: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('quotes') WHERE name = 'verbatim')",
            [],
            |r| r.get(0),
        )?;
        if !has {
            conn.execute_batch("ALTER TABLE quotes ADD COLUMN verbatim TEXT")?;
        }
        conn.execute_batch("UPDATE meta SET value = '6' WHERE key = 'schema'; COMMIT;")
    };
    upgrade().map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        StoreError::sqlite(
            format!(
                "cannot upgrade the store {} to schema version 6",
                path.display()
            ),
            e,
        )
    })
}

/// Schema 6 -> 7: each quote says how it joined its variant group (`variant_kind`: same,
/// edited, translation, paraphrase). Older links are named from their confidence, which the
/// older write path set by kind: 1 for the same words, 0.6 and up for an edited wording, 0.5
/// and less for a translation found by shared words.
pub(crate) fn migrate_6_to_7(conn: &Connection, path: &Path) -> Result<()> {
    let upgrade = || -> rusqlite::Result<()> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let has: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('quotes') WHERE name = 'variant_kind')",
            [],
            |r| r.get(0),
        )?;
        if !has {
            conn.execute_batch("ALTER TABLE quotes ADD COLUMN variant_kind TEXT")?;
        }
        conn.execute_batch(
            "UPDATE quotes SET variant_kind = CASE
               WHEN variant_confidence IS NULL THEN NULL
               WHEN variant_confidence >= 1.0 THEN 'same'
               WHEN variant_confidence >= 0.6 THEN 'edited'
               ELSE 'translation' END
             WHERE variant_kind IS NULL;
             UPDATE meta SET value = '7' WHERE key = 'schema'; COMMIT;",
        )
    };
    upgrade().map_err(|e| {
        let _ = conn.execute_batch("ROLLBACK");
        StoreError::sqlite(
            format!(
                "cannot upgrade the store {} to schema version 7",
                path.display()
            ),
            e,
        )
    })
}
