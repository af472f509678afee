//! Browsing by id and page, the read-only open, trace limits and query deadlines.

use std::time::{Duration, Instant};

use quotetrace_model::{DocMeta, Document};
use quotetrace_store::{DocumentFilter, NewDocument, QuoteFilter, Store, StoreError};

mod common;
use common::{english, quote};

fn doc(i: usize, outlet: &str, date: &str, quote_text: &str) -> NewDocument {
    let text = format!("Article {i} about the harbour.\n\n\"{quote_text}\" said Ana Petrova.\n\nMore on the quay and the ferries, part {i}.");
    let start = text.find(quote_text).unwrap();
    let meta = DocMeta {
        outlet: Some(outlet.into()),
        published: Some(date.into()),
        title: Some(format!("Harbour story {i}")),
        ..Default::default()
    };
    english(
        format!("doc-{i}"),
        text,
        meta,
        vec![quote(quote_text, start, "Ana Petrova")],
    )
}

const PROMISE: &str = "We will build the new quay before the winter storms arrive in the bay";

fn store_with(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let docs = (0..n)
        .map(|i| {
            let outlet = ["Wire One", "Harbour Blog", "Daily Gull"][i % 3];
            let date = format!("2024-05-{:02}", 1 + i % 28);
            doc(i, outlet, &date, PROMISE)
        })
        .collect();
    store.add_batch(docs).unwrap();
    let stories: Vec<(i64, i64)> = (1..=n as i64).map(|id| (id, id % 2)).collect();
    store.set_stories(&stories).unwrap();
    (dir, store)
}

#[test]
fn read_only_open_needs_a_store_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open_read_only(dir.path()).err().unwrap();
    assert!(err.to_string().contains("no store at"), "{err}");
    let (dir, _store) = store_with(3);
    let mut ro = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(ro.counts().unwrap().documents, 3);
    assert!(ro
        .add_batch(vec![doc(99, "X", "2024-01-01", "Another thing said here")])
        .is_err());
}

#[test]
fn records_by_id_and_pages() {
    let (_dir, store) = store_with(9);
    let (row, text) = store.document(1).unwrap().unwrap();
    assert_eq!((row.doc.as_str(), row.quotes), ("doc-0", 1));
    assert!(text.contains(PROMISE));
    assert!(store.document(100).unwrap().is_none());
    let q = store.quote(1).unwrap().unwrap();
    assert_eq!(q.speaker.as_deref(), Some("Ana Petrova"));
    let sp = store.speaker(q.speaker_id.unwrap()).unwrap().unwrap();
    assert_eq!((sp.quotes, sp.outlets), (9, 3));
    let outlets = store.speaker_outlets(sp.id).unwrap();
    assert_eq!(outlets.len(), 3);
    assert!(outlets.iter().all(|(_, n)| *n == 3));
    let page = |offset| {
        store
            .documents(&DocumentFilter {
                limit: 4,
                offset,
                ..Default::default()
            })
            .unwrap()
            .iter()
            .map(|d| d.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(page(0), [9, 8, 7, 6]);
    assert_eq!(page(8), [1]);
    let blog = store
        .documents(&DocumentFilter {
            outlet: Some("harbour blog".into()),
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(blog.len(), 3);
    let stories = store.story_summaries(10, 0).unwrap();
    assert_eq!(stories.len(), 2);
    assert_eq!(stories[0].articles, 5);
    let s1 = store.story(1).unwrap().unwrap();
    assert_eq!((s1.articles, s1.outlets), (5, 3));
    let docs = store.story_documents(1, 100).unwrap();
    let dates: Vec<_> = docs
        .iter()
        .map(|d| d.meta.published.clone().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "a story's documents in time order");
    assert!(store.story(7).unwrap().is_none());
    let latest: Vec<i64> = store
        .latest_stories(5)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(latest, [1, 0], "the story of the last article first");
    // Date range and document filters.
    let f = |since: Option<&str>, until: Option<&str>| {
        store
            .quotes(&QuoteFilter {
                since: since.map(String::from),
                until: until.map(String::from),
                limit: 100,
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(f(Some("2024-05-03"), Some("2024-05-05")), 3);
    assert_eq!(f(None, Some("2024-05-01")), 1);
    let of_doc = store
        .quotes(&QuoteFilter {
            document: Some(4),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(of_doc.len(), 1);
    assert_eq!(of_doc[0].doc_id, 4);
    // Text search pages run newest stored first.
    let text_page = store
        .quotes(&QuoteFilter {
            text: Some("winter storms".into()),
            limit: 3,
            offset: 3,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        text_page.iter().map(|q| q.id).collect::<Vec<_>>(),
        [6, 5, 4]
    );
    let hits = store.search_page("quay", 2, 1).unwrap();
    assert_eq!(hits.len(), 2);
}

#[test]
fn speaker_counts_follow_every_batch() {
    let (_dir, mut store) = store_with(6);
    let before = store.speakers(10, 0).unwrap();
    assert_eq!((before[0].quotes, before[0].outlets), (6, 3));
    store
        .add_batch(vec![
            doc(
                100,
                "New Outlet",
                "2024-06-01",
                "A different thing entirely was said today",
            ),
            doc(
                101,
                "Wire One",
                "2024-06-02",
                "Yet another statement about the harbour fees",
            ),
        ])
        .unwrap();
    let after = store.speakers(10, 0).unwrap();
    assert_eq!((after[0].quotes, after[0].outlets), (8, 4));
    let one = store.speaker(after[0].id).unwrap().unwrap();
    assert_eq!((one.quotes, one.outlets), (8, 4));
    assert_eq!(
        store.speaker_outlets(one.id).unwrap()[0],
        ("Wire One".to_string(), 3)
    );
}

#[test]
fn trace_limits_list_the_first_and_count_all() {
    let (_dir, store) = store_with(30);
    let full = store
        .trace("the new quay before the winter storms")
        .unwrap()
        .unwrap();
    assert_eq!((full.appearances.len(), full.appearances_total), (30, 30));
    let short = store
        .trace_limited("the new quay before the winter storms", 5)
        .unwrap()
        .unwrap();
    assert_eq!((short.appearances.len(), short.appearances_total), (5, 30));
    assert_eq!(short.outlets.len(), 3, "outlets cover every appearance");
    assert_eq!(short.first.quote.id, full.first.quote.id);
}

#[test]
fn a_deadline_stops_queries_and_can_be_lifted() {
    let (dir, _store) = store_with(300);
    let mut ro = Store::open_read_only(dir.path()).unwrap();
    ro.set_deadline(Some(Instant::now() - Duration::from_millis(1)))
        .unwrap();
    let mut rows = 0;
    let past = ro.export(|_| {
        rows += 1;
        Ok::<(), StoreError>(())
    });
    assert!(past.is_err(), "a query past its deadline fails");
    ro.set_deadline(None).unwrap();
    rows = 0;
    ro.export(|_| {
        rows += 1;
        Ok::<(), StoreError>(())
    })
    .unwrap();
    assert_eq!(rows, 300);
}

#[test]
fn a_version_2_store_is_upgraded_and_traces_the_same() {
    let (dir, mut store) = store_with(30);
    store
        .add_batch(vec![NewDocument::new(
            Document {
                id: "undated".into(),
                text: format!("\"{PROMISE}\" said Ana Petrova."),
                meta: quotetrace_model::DocMeta {
                    outlet: Some("Late Post".into()),
                    ..Default::default()
                },
                ..Default::default()
            },
            None,
            vec![],
        )])
        .unwrap();
    let asked = "the new quay before the winter storms";
    let before = store.trace(asked).unwrap().unwrap();
    drop(store);
    // Take the store back to schema version 2's shape: quote buckets in a table, no file.
    std::fs::remove_file(dir.path().join("quote_bands.bin")).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("quotetrace.db")).unwrap();
    conn.execute_batch(
        "CREATE TABLE quote_bands (bucket INTEGER NOT NULL, cluster INTEGER NOT NULL, PRIMARY KEY (bucket, cluster)) WITHOUT ROWID;
         DROP INDEX quotes_cluster;
         ALTER TABLE quotes DROP COLUMN date_key;
         ALTER TABLE quotes DROP COLUMN outlet;
         CREATE INDEX quotes_cluster ON quotes(cluster);
         UPDATE meta SET value = '2' WHERE key = 'schema';",
    )
    .unwrap();
    drop(conn);
    let err = Store::open_read_only(dir.path()).err().unwrap();
    assert!(err.to_string().contains("to upgrade it"), "{err}");
    let store = Store::open(dir.path()).unwrap();
    let after = store.trace(asked).unwrap().unwrap();
    let ids =
        |t: &quotetrace_store::Trace| t.appearances.iter().map(|a| a.quote.id).collect::<Vec<_>>();
    assert_eq!(ids(&after), ids(&before));
    assert_eq!(after.outlets, before.outlets);
    assert_eq!(after.appearances_total, 30);
    drop(store);
    assert!(Store::open_read_only(dir.path()).is_ok(), "upgraded once");
    // Schema 4: the buckets left the database for a file beside it.
    let conn = rusqlite::Connection::open(dir.path().join("quotetrace.db")).unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'quote_bands'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0);
    assert!(dir.path().join("quote_bands.bin").is_file());
}

#[test]
fn appearances_are_listed_by_date_with_undated_ones_last() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut undated = doc(0, "Late Post", "", PROMISE);
    undated.doc.meta.published = None;
    store
        .add_batch(vec![
            undated,
            doc(1, "Daily Gull", "2024-06-02", PROMISE),
            doc(2, "Wire One", "2024-06-01", PROMISE),
        ])
        .unwrap();
    let t = store.trace(PROMISE).unwrap().unwrap();
    let order: Vec<_> = t
        .appearances
        .iter()
        .map(|a| a.quote.meta.outlet.clone().unwrap())
        .collect();
    assert_eq!(order, ["Wire One", "Daily Gull", "Late Post"]);
    assert_eq!(t.outlets, order);
    assert_eq!(t.first.quote.meta.outlet.as_deref(), Some("Wire One"));
}

#[test]
fn speaker_counts_add_up_over_batches() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    // Three batches; the second adds an outlet, the third repeats one and has an unknown one.
    store
        .add_batch(vec![
            doc(1, "Wire One", "2024-05-01", PROMISE),
            doc(2, "Wire One", "2024-05-02", PROMISE),
        ])
        .unwrap();
    store
        .add_batch(vec![doc(3, "Daily Gull", "2024-05-03", PROMISE)])
        .unwrap();
    let mut unknown = doc(4, "x", "2024-05-04", PROMISE);
    unknown.doc.meta.outlet = None;
    store
        .add_batch(vec![doc(5, "Wire One", "2024-05-05", PROMISE), unknown])
        .unwrap();
    let q = store.quote(1).unwrap().unwrap();
    let sp = store.speaker(q.speaker_id.unwrap()).unwrap().unwrap();
    assert_eq!(
        (sp.quotes, sp.outlets),
        (5, 2),
        "the unknown outlet is not an outlet"
    );
    let mut outlets = store.speaker_outlets(sp.id).unwrap();
    outlets.sort();
    assert_eq!(
        outlets,
        vec![("Daily Gull".to_string(), 1), ("Wire One".to_string(), 3)]
    );
}
