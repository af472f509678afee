//! The store end to end: idempotent ingest, near-duplicates, speakers, variants, trace,
//! search.

use quotetrace_model::{DocMeta, Quote, QuoteKind};
use quotetrace_store::{Added, BatchStories, NewDocument, QuoteFilter, Store};

mod common;
use common::{english, quote};

fn doc(id: &str, outlet: &str, date: &str, text: &str, quotes: Vec<Quote>) -> NewDocument {
    let meta = DocMeta {
        outlet: Some(outlet.into()),
        published: Some(date.into()),
        title: Some(format!("Title {id}")),
        ..Default::default()
    };
    english(id, text, meta, quotes)
}

/// The wire story with one quote.
fn wire_one(q: &str, speaker: &str) -> NewDocument {
    doc(
        "wire-1",
        "Wire",
        "2024-03-01",
        WIRE,
        vec![quote(q, 0, speaker)],
    )
}

const WIRE: &str = "Russian President Vladimir Putin said on Thursday that Moscow would not retreat from its plans for the northern shipping route whatever the cost, and that new icebreakers would be launched next year from the yards at Murmansk and Severodvinsk, according to officials who attended the meeting in the Kremlin.";

#[test]
fn ingest_is_idempotent_and_links_copies_variants_and_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let q1 = "We will not retreat from our plans, whatever the cost, and we will win.";
    let first = doc(
        "wire-1",
        "Wire",
        "2024-03-01",
        WIRE,
        vec![quote(q1, 0, "Vladimir Putin")],
    );
    let added = store.add_batch(vec![first]).unwrap();
    let Added::New {
        id: original,
        duplicate_of: None,
        ..
    } = added[0]
    else {
        panic!("{added:?}")
    };

    // The same document again adds nothing.
    let again = store
        .add_batch(vec![doc("wire-1", "Wire", "2024-03-01", WIRE, vec![])])
        .unwrap();
    assert_eq!(again[0], Added::Existing { id: original });

    // A lightly edited copy at another outlet is a near-duplicate; its trimmed quote a variant.
    let copy_text = WIRE
        .replace("on Thursday", "on Thursday,")
        .replace("next year", "in 2025");
    let q2 = "we will not retreat from our plans … and we will win";
    let copy = doc(
        "blog-7",
        "Blog",
        "2024-03-02",
        &copy_text,
        vec![quote(q2, 0, "Putin")],
    );
    let other = doc("daily-3", "Daily", "2024-03-02", "A storm closed the mountain passes and the army flew supplies to three villages cut off by snow for the second week, the regional governor said on Friday.", vec![quote("The army will stay until the roads are open again.", 0, "Hillary Clinton")]);
    let added = store.add_batch(vec![copy, other]).unwrap();
    assert!(
        matches!(added[0], Added::New { duplicate_of: Some(o), .. } if o == original),
        "{added:?}"
    );
    assert!(matches!(
        added[1],
        Added::New {
            duplicate_of: None,
            ..
        }
    ));

    let counts = store.counts().unwrap();
    assert_eq!(counts.documents, 3);
    assert_eq!(counts.duplicates, 1);
    assert_eq!(counts.quotes, 3);
    assert_eq!(counts.quote_clusters, 2);

    // "Putin" and "Vladimir Putin" are one speaker.
    let putin = store
        .quotes(&QuoteFilter {
            speaker: Some("Putin".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(putin.len(), 2);
    assert!(putin
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Vladimir Putin")));

    // Trace: first appearance, outlets, the changes.
    let t = store
        .trace("not retreat from our plans")
        .unwrap()
        .expect("traced");
    assert_eq!(t.first.quote.meta.outlet.as_deref(), Some("Wire"));
    assert_eq!(t.outlets, vec!["Wire".to_string(), "Blog".to_string()]);
    assert_eq!(t.appearances.len(), 2);
    assert!(t.appearances[1].changes.iter().any(|c| c.starts_with('-')));
    assert_eq!(t.speaker.as_deref(), Some("Vladimir Putin"));
    assert!(store
        .trace("completely unrelated words about gardening")
        .unwrap()
        .is_none());

    // Search ranks both kinds.
    let hits = store.search("icebreakers Murmansk", 10).unwrap();
    assert!(hits.iter().any(|h| h.kind == "document"));
    let hits = store.search("retreat", 10).unwrap();
    assert!(hits.iter().any(|h| h.kind == "quote"));

    // Reopening keeps everything, speakers included.
    drop(store);
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.counts().unwrap(), counts);
    store.add_batch(vec![doc("wire-9", "Wire", "2024-03-05", "Putin spoke again on Tuesday about the northern route and the icebreaker fleet, saying the ships were ready for service.", vec![quote("The ships are ready for the ice and ready for the route.", 0, "Putin")])]).unwrap();
    let putin = store
        .quotes(&QuoteFilter {
            speaker: Some("Vladimir Putin".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(putin.len(), 3);
    let since = store
        .quotes(&QuoteFilter {
            since: Some("2024-03-02".into()),
            outlet: Some("wire".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(since.len(), 1);
}

#[test]
fn translations_of_one_statement_in_one_story_are_linked_with_lower_confidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = doc(
        "a",
        "Wire",
        "2024-05-01",
        "The president spoke about the war in Moscow on Friday.",
        vec![quote(
            "It has always been this way, but this year it was especially aggressive",
            0,
            "Vladimir Putin",
        )],
    );
    let b = doc(
        "b",
        "Blog",
        "2024-05-01",
        "Putin told reporters in Moscow on Friday that nothing had changed.",
        vec![quote(
            "It always has been so, but this year particularly aggressive",
            0,
            "Putin",
        )],
    );
    let c = doc(
        "c",
        "Daily",
        "2024-05-09",
        "A different story about a harvest festival.",
        vec![quote(
            "It has always been this way here",
            0,
            "Vladimir Putin",
        )],
    );
    let ids: Vec<i64> = store
        .add_batch(vec![a, b, c])
        .unwrap()
        .into_iter()
        .map(|x| match x {
            Added::New { id, .. } => id,
            other => panic!("{other:?}"),
        })
        .collect();
    // a and b are one story, c another.
    store
        .set_stories(&[(ids[0], 1), (ids[1], 1), (ids[2], 2)])
        .unwrap();
    let rows = store
        .quotes(&QuoteFilter {
            speaker: Some("Putin".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    let cluster_of = |t: &str| rows.iter().find(|q| q.text == t).unwrap().cluster;
    let b_text = "It always has been so, but this year particularly aggressive";
    assert_eq!(
        cluster_of(b_text),
        cluster_of("It has always been this way, but this year it was especially aggressive")
    );
    // Whichever was linked second (the stories are set together) says how, less surely.
    let linked = rows
        .iter()
        .find(|q| q.variant_kind.is_some())
        .expect("one was linked");
    assert!(linked.variant_confidence < 1.0, "{linked:?}");
    assert_eq!(linked.variant_kind.as_deref(), Some("translation"));
}

#[test]
fn links_are_found_across_a_reopen_from_what_was_committed() {
    // The LSH buckets and quote keys live in memory while writing and are rebuilt from the
    // stored rows when a store is opened again: links to earlier runs must still be made.
    let dir = tempfile::tempdir().unwrap();
    let q1 = "We will not retreat from our plans, whatever the cost, and we will win.";
    let q2 = "We will not retreat from our plans whatever the cost and we shall surely win.";
    let original = {
        let mut store = Store::open(dir.path()).unwrap();
        let added = store
            .add_batch(vec![wire_one(q1, "Vladimir Putin")])
            .unwrap();
        assert!(store.index_bytes() > 0);
        let Added::New { id, .. } = added[0] else {
            panic!("{added:?}")
        };
        id
    };
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.index_bytes(), 0, "nothing loaded before a write");
    let copy = WIRE.replace("next year", "early next year");
    let added = store
        .add_batch(vec![
            doc(
                "paper-1",
                "Paper",
                "2024-03-02",
                &copy,
                vec![quote(q1, 0, "Putin")],
            ),
            doc(
                "paper-2",
                "Paper",
                "2024-03-03",
                "An unrelated article about the weather in the mountains, where snow closed the passes.",
                vec![quote(q2, 0, "Putin")],
            ),
        ])
        .unwrap();
    assert!(
        matches!(added[0], Added::New { duplicate_of: Some(d), .. } if d == original),
        "{added:?}"
    );
    let quotes = store
        .quotes(&QuoteFilter {
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(quotes.len(), 3);
    let clusters: std::collections::HashSet<i64> = quotes.iter().map(|q| q.cluster).collect();
    assert_eq!(
        clusters.len(),
        1,
        "the repeat and the variant join the first quote: {quotes:?}"
    );
}

#[test]
fn a_reader_traces_edited_variants_through_the_bucket_file_which_is_rebuilt_when_lost() {
    // Only the LSH buckets find this one: "costs" and "surely" are in no stored quote, so the
    // full-text look-ups (every word, or the three longest) find nothing.
    let asked = "we will not retreat from our plans whatever it costs and we will surely win";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quote_bands.bin");
    {
        let mut store = Store::open(dir.path()).unwrap();
        let q1 = "We will not retreat from our plans, whatever the cost, and we will win.";
        store
            .add_batch(vec![wire_one(q1, "Vladimir Putin")])
            .unwrap();
        // The writer answers from memory.
        assert!(store.trace(asked).unwrap().is_some());
    }
    assert!(file.is_file(), "saved with the batch");
    let traced = |dir: &std::path::Path| {
        Store::open_read_only(dir)
            .unwrap()
            .trace(asked)
            .unwrap()
            .map(|t| t.first.quote.doc)
    };
    assert_eq!(traced(dir.path()).as_deref(), Some("wire-1"));

    // Lost: a reader falls back on the full-text look-ups, which miss this one; a writable
    // open rebuilds the file from the groups' text.
    std::fs::remove_file(&file).unwrap();
    assert_eq!(traced(dir.path()), None);
    drop(Store::open(dir.path()).unwrap());
    assert_eq!(traced(dir.path()).as_deref(), Some("wire-1"));

    // Damaged: refused, rebuilt.
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(traced(dir.path()), None);
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store
            .trace(asked)
            .unwrap()
            .map(|t| t.first.quote.doc)
            .as_deref(),
        Some("wire-1")
    );
    // A later variant links to the group through the rebuilt buckets.
    store
        .add_batch(vec![doc(
            "paper-2",
            "Paper",
            "2024-03-03",
            "An unrelated article about the weather in the mountains, where snow closed the passes.",
            vec![quote(
                "We will not retreat from our plans whatever the cost and we shall surely win.",
                0,
                "Putin",
            )],
        )])
        .unwrap();
    let t = store.trace(asked).unwrap().expect("traced");
    assert_eq!(t.appearances_total, 2, "{t:?}");
}

#[test]
fn the_same_document_twice_in_one_batch_is_stored_once_with_its_story() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let q = "We will not retreat from our plans, whatever the cost, and we will win.";
    let one = || {
        doc(
            "wire-1",
            "Wire",
            "2024-03-01",
            WIRE,
            vec![quote(q, 0, "Putin")],
        )
    };
    let added = store
        .add_batch_with_stories(vec![one(), one()], |new| {
            assert_eq!(new.len(), 1, "only the first is new: {new:?}");
            BatchStories {
                new: vec![7],
                moved: Vec::new(),
            }
        })
        .unwrap();
    let Added::New { id, .. } = added[0] else {
        panic!("{added:?}")
    };
    assert_eq!(added[1], Added::Existing { id });
    assert_eq!(store.counts().unwrap().quotes, 1);
    let stories = store.stories().unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].story, Some(7));

    // A later batch moves the stored document to another story, in the same transaction.
    let other = doc("wire-2", "Wire", "2024-03-02", "Another article.", vec![]);
    store
        .add_batch_with_stories(vec![other], |new| BatchStories {
            new: vec![8; new.len()],
            moved: vec![(id, 9), (id, 8)],
        })
        .unwrap();
    let stories: Vec<Option<i64>> = store.stories().unwrap().iter().map(|r| r.story).collect();
    assert_eq!(
        stories,
        [Some(8), Some(8)],
        "the last move of a document holds"
    );
}

#[test]
fn the_full_text_index_is_rebuilt_when_lost_and_readers_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store
            .add_batch(vec![doc(
                "wire-1",
                "Wire",
                "2024-03-01",
                WIRE,
                vec![quote(
                    "The icebreakers will sail from Murmansk next spring.",
                    0,
                    "Putin",
                )],
            )])
            .unwrap();
        // The writing process sees its own batch at once.
        assert_eq!(store.search("icebreakers", 10).unwrap().len(), 2);
    }
    let found = |dir: &std::path::Path| {
        let store = Store::open_read_only(dir).unwrap();
        let hits = store.search("Murmansk icebreakers", 10).unwrap();
        let kinds: Vec<&str> = hits.iter().map(|h| h.kind).collect();
        let snippet = hits
            .iter()
            .find(|h| h.kind == "document")
            .map(|h| h.snippet.clone());
        (kinds, snippet)
    };
    let (kinds, snippet) = found(dir.path());
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    let snippet = snippet.unwrap();
    assert!(
        snippet.contains("[icebreakers]") && snippet.contains("[Murmansk]"),
        "{snippet}"
    );
    for f in ["search.db", "search.db-wal", "search.db-shm"] {
        let _ = std::fs::remove_file(dir.path().join(f));
    }
    let err = Store::open_read_only(dir.path()).err().unwrap();
    assert!(err.to_string().contains("no full-text index"), "{err}");
    drop(Store::open(dir.path()).unwrap());
    assert_eq!(found(dir.path()).0.len(), 2);
}

/// The keys a store of schema 4 saved, made with the standard library's hasher as that
/// version did (this toolchain's `DefaultHasher`).
fn schema_4_keys(db: &std::path::Path) {
    use std::hash::{Hash, Hasher};
    let old = |h: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
        let mut s = std::collections::hash_map::DefaultHasher::new();
        h(&mut s);
        s.finish() as i64
    };
    let conn = rusqlite::Connection::open(db).unwrap();
    let docs: Vec<(i64, String, String)> = conn
        .prepare("SELECT id, doc_key, text FROM documents")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, name, text) in docs {
        let key = format!("{name}\u{0}{}", text.trim());
        let hash = old(&|h| key.trim().hash(h));
        conn.execute(
            "UPDATE documents SET content_hash = ?2 WHERE id = ?1",
            (id, hash),
        )
        .unwrap();
    }
    let quotes: Vec<(String, i64)> = conn
        .prepare("SELECT text, cluster FROM quotes")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    conn.execute("DELETE FROM quote_keys", []).unwrap();
    for (text, cluster) in quotes {
        let words = quotetrace_link::variants::quote_words(&text);
        if words.len() >= quotetrace_link::variants::MIN_WORDS {
            let key = old(&|h| words.hash(h));
            conn.execute(
                "INSERT OR IGNORE INTO quote_keys (key, cluster) VALUES (?1, ?2)",
                (key, cluster),
            )
            .unwrap();
        }
    }
    conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema'", [])
        .unwrap();
}

/// (document id, content hash) and (quote key, group) pairs, in order.
type SavedKeys = (Vec<(i64, i64)>, Vec<(i64, i64)>);

fn saved_keys(db: &std::path::Path) -> SavedKeys {
    let conn = rusqlite::Connection::open(db).unwrap();
    let docs = conn
        .prepare("SELECT id, content_hash FROM documents ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let keys = conn
        .prepare("SELECT key, cluster FROM quote_keys ORDER BY key, cluster")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (docs, keys)
}

#[test]
fn a_schema_4_store_gets_stable_keys_in_place_and_ingest_stays_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let q1 = "We will not retreat from our plans, whatever the cost, and we will win.";
    let q2 = "The icebreakers will be launched next year from the northern yards.";
    let batch =
        || {
            vec![
            wire_one(q1, "Vladimir Putin"),
            doc(
                "blog-1",
                "Blog",
                "2024-03-02",
                "Putin said that Moscow would not retreat. Icebreakers are coming from the yards.",
                vec![quote(q1, 0, "Vladimir Putin"), quote(q2, 40, "Vladimir Putin")],
            ),
        ]
        };
    let db = dir.path().join("quotetrace.db");
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.add_batch(batch()).unwrap();
        store.checkpoint().unwrap();
    }
    let stable = saved_keys(&db);
    assert_eq!(stable.0.len(), 2);
    assert!(!stable.1.is_empty());
    schema_4_keys(&db);
    assert_ne!(saved_keys(&db), stable, "the old keys differ");
    {
        let mut store = Store::open(dir.path()).unwrap();
        // Upgraded in place: the keys are those a new store saves.
        assert_eq!(saved_keys(&db), stable);
        // Ingesting the same documents again adds nothing, and a repeat joins its group.
        let again = store.add_batch(batch()).unwrap();
        assert!(
            again.iter().all(|a| matches!(a, Added::Existing { .. })),
            "{again:?}"
        );
        let copy = doc(
            "copy-1",
            "Copy",
            "2024-03-03",
            "Another outlet carried the statement in full the next day.",
            vec![quote(q1, 0, "Vladimir Putin")],
        );
        store.add_batch(vec![copy]).unwrap();
        let t = store.trace(q1).unwrap().expect("traced");
        assert_eq!(t.appearances_total, 3);
    }
    assert_eq!(
        common::saved_schema(&db),
        quotetrace_store::SCHEMA_VERSION.to_string()
    );
}

#[test]
fn a_trace_says_when_its_first_appearance_is_not_known() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let q = "The new bridge will carry its first trains before the end of next spring.";
    let undated = |id: &str, url: &str| {
        let meta = DocMeta {
            outlet: Some(format!("Outlet {id}")),
            url: Some(url.into()),
            ..Default::default()
        };
        let text = format!("{id}: a report on the bridge works and the timetable for them.");
        english(id, text, meta, vec![quote(q, 0, "Mira Sand")])
    };
    store
        .add_batch(vec![
            undated("u1", "https://a.example/1"),
            undated("u2", "https://b.example/2"),
        ])
        .unwrap();
    let t = store.trace(q).unwrap().expect("traced");
    assert!(!t.first_dated);
    assert_eq!((t.undated, t.appearances_total), (2, 2));
    assert_eq!(t.urls, ["https://a.example/1", "https://b.example/2"]);
    // A dated appearance stored later is the first known one; the undated ones are counted.
    let dated = doc(
        "d1",
        "Daily",
        "2024-05-02",
        "d1: the council heard about the bridge works on Thursday evening.",
        vec![quote(q, 0, "Mira Sand")],
    );
    store.add_batch(vec![dated]).unwrap();
    let t = store.trace(q).unwrap().expect("traced");
    assert!(t.first_dated);
    assert_eq!(t.first.quote.doc, "d1");
    assert_eq!((t.undated, t.appearances_total), (2, 3));
}

#[test]
fn traces_compare_quoted_words_and_descriptions_stay_in_their_article() {
    use quotetrace_model::{Span, SpeakerType};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let words = "the harbour will reopen before the summer season";
    // The same quoted words, reported with other words around them by each outlet.
    let partial = |id: &str, outlet: &str, lead: &str| {
        let text = format!("{lead} \"{words}\"");
        let mut q = quote(&text, 0, "Mira Sand");
        q.kind = QuoteKind::Partial;
        q.verbatim = vec![Span {
            text: words.into(),
            start: lead.len() + 2,
            end: lead.len() + 2 + words.len(),
        }];
        doc(
            id,
            outlet,
            "2024-05-02",
            &format!("{id}: {text}, she said."),
            vec![q],
        )
    };
    store
        .add_batch(vec![
            partial("p1", "Daily", "Sand said, joking that"),
            partial("p2", "Weekly", "The mayor insisted that"),
        ])
        .unwrap();
    let t = store.trace(words).unwrap().expect("traced");
    assert_eq!(t.appearances_total, 2);
    assert_eq!(t.appearances[1].quote.verbatim.as_deref(), Some(words));
    assert!(
        t.appearances[1].changes.is_empty(),
        "{:?}",
        t.appearances[1].changes
    );
    // "Police" in two unrelated articles: a description, never a corpus speaker.
    let described = |id: &str, said: &str| {
        let mut q = quote(said, 0, "police");
        q.speaker_type = Some(SpeakerType::Description);
        doc(
            id,
            "Local",
            "2024-05-03",
            &format!("{id}: {said} police said."),
            vec![q],
        )
    };
    store
        .add_batch(vec![
            described("x1", "The road was closed for six hours after the crash."),
            described(
                "x2",
                "Two men were arrested near the station on Sunday night.",
            ),
        ])
        .unwrap();
    // An untyped "name" shaped like a clause is kept to its article too.
    let fragment = doc(
        "x3",
        "Local",
        "2024-05-04",
        "x3: The bridge will stay shut, a city official played down the delay.",
        vec![quote(
            "The bridge will stay shut until the inspection is over.",
            0,
            "A city official played down the delay",
        )],
    );
    store.add_batch(vec![fragment]).unwrap();
    let speakers: Vec<String> = store
        .speakers(100, 0)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert!(
        !speakers
            .iter()
            .any(|s| s.eq_ignore_ascii_case("police") || s.contains("official")),
        "{speakers:?}"
    );
    let rows = store
        .quotes(&QuoteFilter {
            story: None,
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    let police: Vec<_> = rows.iter().filter(|q| q.doc.starts_with('x')).collect();
    assert_eq!(police.len(), 3);
    assert!(police.iter().all(|q| q.speaker_id.is_none()));
    let described = police
        .iter()
        .filter(|q| q.speaker.as_deref() == Some("police"));
    assert_eq!(described.count(), 2);
}
