//! Translations and paraphrases of one statement join its variant group within a story and a
//! date window, with their kind and confidence; different statements on the same topic, and
//! statements of two different speakers, do not. Sentences written for these tests.

use quotetrace_model::{DocMeta, Quote, QuoteKind, SpeakerType};
use quotetrace_store::{BatchStories, NewDocument, QuoteRow, Store};

mod common;

/// A quote as extraction gives it (read from its JSON form, so that fields added later take
/// their defaults).
fn quote(text: &str, kind: QuoteKind, speaker: Option<&str>) -> Quote {
    let mut q: Quote = serde_json::from_value(serde_json::json!({
        "text": text, "start": 0, "end": text.len(), "kind": kind,
        "speaker": speaker, "speaker_type": speaker.map(|_| SpeakerType::Person),
        "cue": null, "confidence": 0.9,
    }))
    .expect("a quote");
    q.speaker_mention = None;
    q
}

fn doc(id: &str, date: &str, quotes: Vec<Quote>) -> NewDocument {
    let meta = DocMeta {
        outlet: Some(format!("Outlet {id}")),
        published: Some(date.into()),
        ..Default::default()
    };
    let text = format!("{id}: the governor spoke about the bridge and the budget on Monday.");
    common::english(id, text, meta, quotes)
}

/// A document whose one quote is `text`, said directly by `speaker`.
fn said(id: &str, date: &str, text: &str, speaker: &str) -> NewDocument {
    doc(
        id,
        date,
        vec![quote(text, QuoteKind::Direct, Some(speaker))],
    )
}

/// Stores each batch with every document in story 1.
fn ingest(store: &mut Store, docs: Vec<NewDocument>) {
    store
        .add_batch_with_stories(docs, |new| BatchStories {
            new: vec![1; new.len()],
            moved: vec![],
        })
        .unwrap();
}

/// A store in `dir` holding the first report: Anna Weiss's BRIDGE_A, on 2024-05-02.
fn store_with_first_report(dir: &std::path::Path) -> Store {
    let mut store = Store::open(dir).unwrap();
    ingest(
        &mut store,
        vec![said("first", "2024-05-02", BRIDGE_A, "Anna Weiss")],
    );
    store
}

/// A store in `dir` holding two reports, each stored in a batch of its own: "first" on
/// 2024-05-02 with the quotes `first`, then "second" on 2024-05-03 with `second`; and its quote
/// rows.
fn two_reports(
    dir: &std::path::Path,
    first: Vec<Quote>,
    second: Vec<Quote>,
) -> (Store, Vec<QuoteRow>) {
    let mut store = Store::open(dir).unwrap();
    ingest(&mut store, vec![doc("first", "2024-05-02", first)]);
    ingest(&mut store, vec![doc("second", "2024-05-03", second)]);
    let all = rows(&store);
    (store, all)
}

/// The row of the quote whose text is `text`.
fn quote_row(all: &[QuoteRow], text: &str) -> QuoteRow {
    all.iter().find(|q| q.text == text).unwrap().clone()
}

fn rows(store: &Store) -> Vec<QuoteRow> {
    let mut out = Vec::new();
    store
        .export(|q| -> Result<(), quotetrace_store::StoreError> {
            out.push(q);
            Ok(())
        })
        .unwrap();
    out
}

const BRIDGE_A: &str =
    "The regional government will allocate additional funds to repair the old bridge this year";
const BRIDGE_B: &str =
    "The regional authorities would allocate extra money for repairing the old bridge this year";
const BRIDGE_OTHER: &str =
    "The old bridge was closed to traffic after inspectors found cracks in two of its supports";
const PRESSURE_A: &str =
    "It has always been like this, but this year the pressure was especially aggressive";
const PRESSURE_B: &str = "It was always so, but this year the pressure was particularly aggressive";

#[test]
fn a_translation_joins_and_a_same_topic_statement_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (store, all) = two_reports(
        dir.path(),
        vec![
            quote(BRIDGE_A, QuoteKind::Direct, Some("Aleksei Krivoruchko")),
            quote(PRESSURE_A, QuoteKind::Indirect, None),
        ],
        vec![
            // Another transliteration of the same name: not a different speaker.
            quote(BRIDGE_B, QuoteKind::Direct, Some("Alexei Krivoruchko")),
            quote(BRIDGE_OTHER, QuoteKind::Direct, Some("Alexei Krivoruchko")),
            // A speaker on one side only: unknown, not different.
            quote(PRESSURE_B, QuoteKind::Indirect, Some("Mira Sand")),
        ],
    );
    let by_text = |t: &str| quote_row(&all, t);
    let (a, b, other) = (by_text(BRIDGE_A), by_text(BRIDGE_B), by_text(BRIDGE_OTHER));
    assert_eq!(b.cluster, a.cluster, "the translation joins");
    assert_eq!(b.variant_kind.as_deref(), Some("translation"));
    assert!(b.variant_confidence >= 0.6 && b.variant_confidence < 1.0);
    assert_ne!(other.cluster, a.cluster, "another statement on the topic");
    assert_eq!(a.variant_kind, None);
    let (p, q) = (by_text(PRESSURE_A), by_text(PRESSURE_B));
    assert_eq!(q.cluster, p.cluster);
    assert_eq!(q.variant_kind.as_deref(), Some("paraphrase"));
    // The trace lists both wordings, with word diffs against the first.
    let t = store.trace(BRIDGE_A).unwrap().expect("traced");
    assert_eq!(t.appearances_total, 2);
    assert!(t.appearances[1].changes.iter().any(|c| c == "+authorities"));
}

#[test]
fn two_known_speakers_and_distant_dates_keep_statements_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_first_report(dir.path());
    ingest(
        &mut store,
        vec![
            said("other-speaker", "2024-05-02", BRIDGE_B, "Boris Lang"),
            doc(
                "weeks-later",
                "2024-06-20",
                vec![quote(BRIDGE_B, QuoteKind::Indirect, None)],
            ),
        ],
    );
    let all = rows(&store);
    let first = quote_row(&all, BRIDGE_A).cluster;
    assert!(
        all.iter().filter(|q| q.cluster == first).count() == 1,
        "{all:#?}"
    );
}

#[test]
fn a_schema_6_store_names_its_links_when_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("quotetrace.db");
    {
        let mut store = store_with_first_report(dir.path());
        ingest(
            &mut store,
            vec![
                said("copy", "2024-05-02", BRIDGE_A, "Anna Weiss"),
                said("translated", "2024-05-02", BRIDGE_B, "Anna Weiss"),
            ],
        );
    }
    {
        // As schema 6 left it: no kind column; the translation's confidence as it set it.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "ALTER TABLE quotes DROP COLUMN variant_kind;
             UPDATE quotes SET variant_confidence = 0.45 WHERE text LIKE 'The regional authorities%';
             UPDATE meta SET value = '6' WHERE key = 'schema';",
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let all = rows(&store);
    let kinds: Vec<Option<&str>> = all.iter().map(|q| q.variant_kind.as_deref()).collect();
    assert_eq!(kinds, [None, Some("same"), Some("translation")]);
    assert_eq!(common::saved_schema(&db), "7");
}

#[test]
fn a_one_word_speaker_or_another_spelling_of_a_first_name_is_not_another_person() {
    let dir = tempfile::tempdir().unwrap();
    let (_store, all) = two_reports(
        dir.path(),
        vec![
            quote(BRIDGE_A, QuoteKind::Direct, Some("Boris Lang")),
            quote(PRESSURE_A, QuoteKind::Direct, Some("Aleksandr Petrov")),
        ],
        vec![
            // A body named by one word (or a word taken for a speaker) tells nobody apart.
            quote(BRIDGE_B, QuoteKind::Direct, Some("Ministry")),
            // The same one-word speaker on another statement of the topic: still apart.
            quote(BRIDGE_OTHER, QuoteKind::Direct, Some("Ministry")),
            // "Aleksandr" and "Alexander": one first name in two transliterations.
            quote(PRESSURE_B, QuoteKind::Direct, Some("Alexander Petrov")),
        ],
    );
    let by_text = |t: &str| quote_row(&all, t);
    let (a, b, other) = (by_text(BRIDGE_A), by_text(BRIDGE_B), by_text(BRIDGE_OTHER));
    assert_eq!(b.cluster, a.cluster, "{all:#?}");
    assert_ne!(other.cluster, a.cluster, "another statement on the topic");
    assert_eq!(by_text(PRESSURE_B).cluster, by_text(PRESSURE_A).cluster);
}

/// The rule on a story held in memory (what the Spark job runs on each story) links what the
/// store links: the translation and the paraphrase join the first report's groups, another
/// statement on the topic does not, and nothing joins across more than three days.
#[test]
fn a_story_in_memory_is_linked_as_the_store_links_it() {
    use quotetrace_store::{story_translations, StoryDoc, StoryQuote};
    let q = |text: &str, kind: &str, speaker: Option<(i64, &str)>, group: i64| StoryQuote {
        text: text.into(),
        kind: kind.into(),
        speaker: speaker.map(|(id, _)| id),
        speaker_text: speaker.map(|(_, name)| name.into()),
        group,
        starts_group: true,
    };
    let at = |position: u64, date: &str, quotes| StoryDoc {
        position,
        published: Some(date.into()),
        quotes,
    };
    let docs = [
        at(
            0,
            "2024-05-02",
            vec![
                q(BRIDGE_A, "direct", Some((1, "Aleksei Krivoruchko")), 10),
                q(PRESSURE_A, "indirect", None, 11),
            ],
        ),
        at(
            3,
            "2024-05-03T08:00:00Z",
            vec![
                q(BRIDGE_B, "direct", Some((2, "Alexei Krivoruchko")), 20),
                q(BRIDGE_OTHER, "direct", Some((2, "Alexei Krivoruchko")), 21),
                q(PRESSURE_B, "indirect", Some((3, "Mira Sand")), 22),
            ],
        ),
        // The same paraphrase ten days later: outside every earlier article's window.
        at(
            7,
            "2024-05-13",
            vec![q(PRESSURE_B, "indirect", Some((3, "Mira Sand")), 30)],
        ),
    ];
    let links = |docs: &[StoryDoc], batch| {
        let mut got: Vec<(usize, usize, i64, &str)> = story_translations(docs, batch)
            .into_iter()
            .map(|l| (l.doc, l.quote, l.to_group, l.kind))
            .collect();
        got.sort_by_key(|l| (l.0, l.1));
        got
    };
    // One article a batch: each is linked when it arrives, to the earlier report's groups.
    assert_eq!(
        links(&docs, 1),
        [(1, 0, 10, "translation"), (1, 2, 11, "paraphrase")]
    );
    // Both reports in one batch (positions 0 and 3 of a batch of four): the first is linked
    // with its batch's later articles in the story, so its groups join the second's.
    assert_eq!(
        links(&docs, 4),
        [(0, 0, 20, "translation"), (0, 1, 22, "paraphrase")]
    );
    // Quotes that joined an earlier group by their words are not linked again.
    let mut again = docs;
    again[1].quotes[0].starts_group = false;
    again[1].quotes[2].starts_group = false;
    assert!(story_translations(&again, 1).is_empty());
}
