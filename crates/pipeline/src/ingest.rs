//! Ingest: read, clean and extract on worker threads, then store in batches with their links
//! and stories, checkpointing the story clusterer. What `quotetrace ingest`, the server's
//! uploads and any other front end call.

use anyhow::Result;
use quotetrace_ingest::{Documents, ReadError};
use quotetrace_link::stories::{StoryConfig, StoryFeatures};
use quotetrace_model::{Document, ExtractRecord, IngestSummary, Quote};
use quotetrace_store::{Added, BatchStories, NewDocument, Store};

use crate::checkpoint::{
    checkpoint_path, load_clusterer, moves, save_clusterer, story_doc, CHECKPOINT_EVERY,
};
use crate::ordered::for_each_ordered_buffered;
use crate::prepare::extract_document_with_language;

/// Documents written per transaction: large enough to be fast, small enough that a kill
/// loses little work (a few seconds). Most of a batch's writes are random inserts into the
/// quote, speaker and bucket indexes; on a large store each lands on its own page, and every
/// page a transaction changes is written to the log and again to the database. A larger batch
/// puts more inserts on each changed page: at 300,000 articles 4,096 ingested 779 articles/s
/// against 577 for 1,024 (peak RSS 1.04 GB against 0.82 GB). `ingest --batch` changes it.
pub const BATCH: usize = 4096;

/// What an ingest tells its caller as it goes: a progress bar, a log, nothing.
pub trait Progress: Sync {
    /// One more document was read (stored, already there, or failed).
    fn document(&self) {}
    /// A document could not be read or processed; it is skipped (and kept in the summary).
    fn failed(&self, error: &ReadError) {
        let _ = error;
    }
}

/// Tells nothing: the summary says it all.
pub struct Silent;

impl Progress for Silent {}

/// A document cleaned and extracted by a worker, with its story features, or why it could
/// not be.
enum ForStore {
    Ready(Box<(NewDocument, StoryFeatures)>),
    Failed(ReadError),
}

/// A document already cleaned and extracted (by `extract`, the Python package or a Spark
/// executor): `doc.text` is the cleaned text its quotes' offsets refer to, `lang` the
/// language it was read in.
pub struct ExtractedDocument {
    pub doc: Document,
    pub lang: Option<String>,
    pub quotes: Vec<Quote>,
}

impl ExtractedDocument {
    /// A document from its contract line (`record`, as `quotetrace extract` prints it) and
    /// the cleaned text its offsets refer to; an `error` line is the error it holds.
    pub fn from_record(text: String, record: &str) -> Result<ExtractedDocument, String> {
        let record: ExtractRecord =
            serde_json::from_str(record).map_err(|e| format!("not a contract line: {e}"))?;
        if let Some(error) = record.error {
            return Err(error);
        }
        let quotes = record.quotes.unwrap_or_default();
        if let Some(q) = quotes.iter().find(|q| {
            q.end > text.len() || !text.is_char_boundary(q.start) || !text.is_char_boundary(q.end)
        }) {
            return Err(format!(
                "quote at {}..{} lies outside the text ({} bytes)",
                q.start,
                q.end,
                text.len()
            ));
        }
        // As `ingest` stores it: the language apart, the metadata the source and page gave.
        let mut meta = record.meta;
        let lang = meta.lang.take();
        Ok(ExtractedDocument {
            doc: Document {
                id: record.doc,
                text,
                meta,
                ..Document::default()
            },
            lang,
            quotes,
        })
    }
}

fn prepare_for_store(item: Result<Document, ReadError>, stories: &StoryConfig) -> ForStore {
    let doc = match item {
        Ok(d) => d,
        Err(e) => return ForStore::Failed(e),
    };
    let id = doc.id.clone();
    // Should cleaning or extraction panic, that document is reported and the run goes on, as
    // in `extract`.
    let prepared = crate::record::guarded(|| extract_document_with_language(doc, None));
    match prepared {
        Ok((doc, ex, lang)) => keyed_for_store(
            ExtractedDocument {
                doc,
                lang: lang.map(str::to_string),
                quotes: ex.quotes,
            },
            stories,
        ),
        Err(message) => ForStore::Failed(ReadError {
            doc: id,
            message: message.into(),
        }),
    }
}

/// The keys an extracted document is stored and linked on (the costly part, on a worker).
fn keyed_for_store(extracted: ExtractedDocument, stories: &StoryConfig) -> ForStore {
    let ExtractedDocument { doc, lang, quotes } = extracted;
    let story = story_doc(
        0,
        doc.meta.title.clone(),
        doc.text.clone(),
        doc.meta.published.clone(),
    );
    let features = StoryFeatures::new(&story, stories);
    ForStore::Ready(Box::new((NewDocument::new(doc, lang, quotes), features)))
}

/// Errors and ids kept in an [`IngestSummary`]; its counts count them all.
pub const MAX_REPORTED: usize = 1000;

/// Reads, cleans, extracts and stores every document of `docs` on `jobs` worker threads,
/// `batch_size` documents a transaction, assigning stories as they arrive; unreadable
/// documents are told to `progress` (and kept in the summary) and skipped.
pub fn ingest_inputs(
    store: &mut Store,
    docs: Documents,
    jobs: usize,
    batch_size: usize,
    progress: &dyn Progress,
) -> Result<IngestSummary> {
    ingest_checkpointed(
        store,
        docs,
        Pace::new(jobs, batch_size),
        progress,
        &prepare_for_store,
    )
}

/// Stores documents already extracted (read back from the tables a Spark job wrote, say),
/// in the order given, exactly as [`ingest_inputs`] stores the same documents when it
/// extracts them itself: the same links, variant groups, speakers and stories. Items that
/// failed upstream are counted and reported as unreadable.
pub fn ingest_extracted(
    store: &mut Store,
    docs: impl Iterator<Item = Result<ExtractedDocument, ReadError>> + Send,
    jobs: usize,
    batch_size: usize,
    progress: &dyn Progress,
) -> Result<IngestSummary> {
    let prepare = |item: Result<ExtractedDocument, ReadError>, stories: &StoryConfig| match item {
        Ok(extracted) => keyed_for_store(extracted, stories),
        Err(e) => ForStore::Failed(e),
    };
    ingest_checkpointed(store, docs, Pace::new(jobs, batch_size), progress, &prepare)
}

/// How an ingest goes: `jobs` worker threads, `batch_size` documents a transaction, the story
/// clusterer checkpointed every `checkpoint_every` articles.
#[derive(Clone, Copy, Debug)]
struct Pace {
    jobs: usize,
    batch_size: usize,
    checkpoint_every: usize,
}

impl Pace {
    /// `jobs` and `batch_size`, with the usual checkpoints.
    fn new(jobs: usize, batch_size: usize) -> Pace {
        Pace {
            jobs,
            batch_size,
            checkpoint_every: CHECKPOINT_EVERY,
        }
    }
}

/// [`ingest_inputs`] over any source of work items that `prepare` turns into documents ready
/// for the store, at `pace`: the story clusterer is checkpointed every `pace.checkpoint_every`
/// articles (rounded up to whole batches) and at the end.
fn ingest_checkpointed<I, P>(
    store: &mut Store,
    docs: I,
    pace: Pace,
    progress: &dyn Progress,
    prepare: &P,
) -> Result<IngestSummary>
where
    I: Iterator + Send,
    I::Item: Send,
    P: Fn(I::Item, &StoryConfig) -> ForStore + Sync,
{
    let jobs = pace.jobs;
    let batch_size = pace.batch_size.max(1);
    let checkpoint_every = pace.checkpoint_every.div_ceil(batch_size);
    let (mut clusterer, mut upto) = load_clusterer(store)?;
    let (mut new, mut existing, mut dups, mut quotes, mut failed) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let (mut errors, mut ids) = (Vec::new(), Vec::new());
    let config = clusterer.config().clone();
    let mut batch: Vec<NewDocument> = Vec::with_capacity(batch_size);
    let mut features: Vec<StoryFeatures> = Vec::with_capacity(batch_size);
    let checkpoint = checkpoint_path(store);
    // Whole batches since the last checkpoint. A checkpoint that falls due is written by the
    // story thread when the next batch starts, while the writer stores that batch's quotes:
    // the clusterer then holds exactly what is committed, and the writer does not wait for
    // the hundred MB (it did: 6% of its time at a million articles).
    let mut since_checkpoint = 0usize;
    let mut flush = |batch: &mut Vec<NewDocument>,
                     features: &mut Vec<StoryFeatures>,
                     store: &mut Store,
                     last: bool|
     -> Result<()> {
        let due = since_checkpoint >= checkpoint_every;
        if !batch.is_empty() {
            // Stories are assigned as the new documents are written, in batch order, and go
            // into the same transaction.
            let shown: &[StoryFeatures] = features;
            let mut saved = None;
            let (path, clusterer, upto) = (&checkpoint, &mut clusterer, &mut upto);
            let added = store.add_batch_with_stories(std::mem::take(batch), |new| {
                if due && !last {
                    saved = Some(save_clusterer(path, clusterer, *upto));
                }
                let mut stories: Vec<i64> = new
                    .iter()
                    .map(|&(i, id)| {
                        *upto = (*upto).max(id);
                        clusterer.add_features_keyed(&shown[i], id as u64) as i64
                    })
                    .collect();
                // A refinement during the batch may move its own new documents too: their
                // stories are set here, the stored documents' go with the batch.
                let mut moved: Vec<(i64, i64)> = moves(clusterer).collect();
                if !moved.is_empty() {
                    let position: std::collections::HashMap<i64, usize> = new
                        .iter()
                        .enumerate()
                        .map(|(k, &(_, id))| (id, k))
                        .collect();
                    moved.retain(|&(doc, story)| match position.get(&doc) {
                        Some(&k) => {
                            stories[k] = story;
                            false
                        }
                        None => true,
                    });
                }
                BatchStories {
                    new: stories,
                    moved,
                }
            })?;
            features.clear();
            if let Some(saved) = saved {
                saved?;
                // The quote-variant buckets and the search index, on the writer's side.
                store.checkpoint()?;
                since_checkpoint = 0;
            }
            for a in added {
                match a {
                    Added::New {
                        id,
                        duplicate_of,
                        quotes: q,
                    } => {
                        new += 1;
                        quotes += q;
                        if ids.len() < MAX_REPORTED {
                            ids.push(id);
                        }
                        dups += usize::from(duplicate_of.is_some());
                    }
                    Added::Existing { id } => {
                        existing += 1;
                        if ids.len() < MAX_REPORTED {
                            ids.push(id);
                        }
                    }
                }
            }
            since_checkpoint += 1;
        }
        if last {
            // The last articles of the run are refined too (a no-op when none came).
            clusterer.refine();
            let moved: Vec<(i64, i64)> = moves(&mut clusterer).collect();
            if !moved.is_empty() {
                store.set_stories(&moved)?;
            }
            save_clusterer(&checkpoint, &clusterer, upto)?;
            store.checkpoint()?;
        }
        Ok(())
    };
    let prepare = |item| prepare(item, &config);
    // Room for two batches of prepared documents, so that the workers go on while a batch
    // is written.
    for_each_ordered_buffered(docs, jobs, 2 * batch_size, &prepare, |p| {
        match p {
            ForStore::Ready(d) => {
                let (d, f) = *d;
                batch.push(d);
                features.push(f);
            }
            ForStore::Failed(e) => {
                failed += 1;
                progress.failed(&e);
                if errors.len() < MAX_REPORTED {
                    errors.push(e.to_string());
                }
            }
        }
        progress.document();
        if batch.len() >= batch_size {
            flush(&mut batch, &mut features, store, false)?;
        }
        Ok(())
    })?;
    flush(&mut batch, &mut features, store, true)?;
    Ok(IngestSummary {
        added: new,
        existing,
        duplicates: dups,
        quotes,
        failed,
        errors,
        documents: ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::{read_checkpoint, CheckpointRef, STORIES_CHECKPOINT_JSON};
    use quotetrace_ingest::{documents, Input};
    use quotetrace_link::stories::StoryClusterer;
    use std::path::Path;

    fn examples() -> Input {
        Input::Path(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles"))
    }

    fn stories(store: &Store) -> Vec<(i64, Option<i64>)> {
        let mut rows: Vec<_> = store
            .stories()
            .unwrap()
            .into_iter()
            .map(|r| (r.doc_id, r.story))
            .collect();
        rows.sort_unstable();
        rows
    }

    fn state(c: &StoryClusterer) -> serde_json::Value {
        serde_json::to_value(c).unwrap()
    }

    /// Story refinements reach the store: a report that opened a story of its own on arrival
    /// moves to its event's story once a later report ties the two, both at a run's end and
    /// when a refinement falls due during a run (the move is written with a later batch).
    #[test]
    fn refined_stories_are_written_to_the_store() {
        let article = |id: &str, title: &str, text: &str| {
            serde_json::json!({"doc_id": id, "title": title, "text": text}).to_string() + "\n"
        };
        let fire = [
            article(
                "fire",
                "Warehouse fire at the port of Dunmore",
                "A fire destroyed a grain warehouse at the port of Dunmore on Friday night, fire \
                 chief Ola Brenn said. No one was hurt; 40 firefighters fought the blaze for six \
                 hours.",
            ),
            article(
                "strike",
                "Dockers stop work",
                "Dock workers walked out on Saturday, demanding a safety review. Union leader \
                 Tomas Kell said 300 members would stay out until the harbour board met them.",
            ),
            article(
                "both",
                "Dunmore fire: chief blames wiring as dockers walk out",
                "Fire chief Ola Brenn said on Saturday that faulty wiring started Friday's fire at \
                 the Dunmore grain warehouse, as 300 dock workers led by Tomas Kell walked out \
                 demanding a safety review.",
            ),
        ]
        .concat();
        // Unrelated notices around them, in made-up words (no names, numbers or days).
        let word = |mut k: usize| {
            const SYLLABLES: [&str; 8] = ["ba", "ko", "ru", "mi", "te", "sa", "no", "li"];
            let mut w = String::new();
            loop {
                w += SYLLABLES[k % 8];
                k /= 8;
                if k == 0 {
                    return w;
                }
            }
        };
        let notices = |range: std::ops::Range<usize>| -> String {
            range
                .map(|n| {
                    article(
                        &format!("notice-{n}"),
                        &format!("the {} notice", word(n)),
                        &format!(
                            "the {} committee meets about {} and {} matters.",
                            word(n),
                            word(n * 7 + 1),
                            word(n * 13 + 5)
                        ),
                    )
                })
                .collect()
        };
        let stories = |path: &Path, batch: usize| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("store")).unwrap();
            let input = Input::Path(path.to_path_buf());
            let pace = Pace {
                jobs: 2,
                batch_size: batch,
                checkpoint_every: 100_000,
            };
            ingest_checkpointed(
                &mut store,
                documents(vec![input]),
                pace,
                &Silent,
                &prepare_for_store,
            )
            .unwrap();
            let rows = store.stories().unwrap();
            let story = |doc: &str| rows.iter().find(|r| r.doc == doc).and_then(|r| r.story);
            let arrival = (story("fire"), story("strike"), story("both"));
            (arrival, rows.len())
        };
        let dir = tempfile::tempdir().unwrap();

        // At a run's end: the reports come last.
        let path = dir.path().join("end.jsonl");
        std::fs::write(&path, notices(0..997) + &fire).unwrap();
        let ((fire_story, strike, both), n) = stories(&path, 100);
        assert_eq!(n, 1000);
        assert!(fire_story.is_some());
        assert_eq!((strike, both), (fire_story, fire_story));

        // During a run: the refinement due after the 5,000th article comes with the last
        // batch of 100; the reports are in the batch before it.
        let every = StoryConfig::default().refine_every;
        let path = dir.path().join("during.jsonl");
        std::fs::write(&path, notices(0..4800) + &fire + &notices(4800..every - 3)).unwrap();
        let ((fire_story, strike, both), n) = stories(&path, 100);
        assert_eq!(n, every);
        assert!(fire_story.is_some());
        assert_eq!((strike, both), (fire_story, fire_story));
    }

    /// Checkpoints written mid-run (by the story thread, at batch starts) and at the end hold
    /// what a replay of every stored article builds; a damaged one is replaced by that replay;
    /// the JSON checkpoint of older stores is still read, then replaced by a binary one.
    #[test]
    fn story_checkpoints_hold_the_stored_stories_and_a_bad_one_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("store")).unwrap();
        // Batches of two articles, a checkpoint every four: several written mid-run.
        let run = |store: &mut Store| {
            let pace = Pace {
                jobs: 2,
                batch_size: 2,
                checkpoint_every: 4,
            };
            ingest_checkpointed(
                store,
                documents(vec![examples()]),
                pace,
                &Silent,
                &prepare_for_store,
            )
            .unwrap()
        };
        let s = run(&mut store);
        assert!(s.added >= 8, "{s:?}");
        let stored = stories(&store);
        assert!(stored.iter().all(|(_, story)| story.is_some()));
        let path = checkpoint_path(&store);
        let saved = read_checkpoint(&path).unwrap().expect("a checkpoint");
        let mut replayed = StoryClusterer::default();
        let mut last = 0;
        let mut assigned = std::collections::BTreeMap::new();
        store
            .documents_after(0, |id, title, text, published| {
                let story = replayed.add_keyed(&story_doc(id, title, text, published), id as u64);
                assigned.insert(id, story as i64);
                last = id;
            })
            .unwrap();
        // The run ended with a refinement, and its moves were written.
        replayed.refine();
        assigned.extend(moves(&mut replayed));
        let replayed_stories: Vec<(i64, Option<i64>)> =
            assigned.into_iter().map(|(id, s)| (id, Some(s))).collect();
        assert_eq!(stored, replayed_stories);
        assert_eq!(saved.upto, last);
        assert_eq!(state(&saved.clusterer), state(&replayed));

        // Damaged: read as none, so everything is replayed, and the stories do not change.
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(read_checkpoint(&path).unwrap().is_none());
        std::fs::write(&path, b"not a checkpoint").unwrap();
        assert!(read_checkpoint(&path).unwrap().is_none());
        let (rebuilt, upto) = load_clusterer(&mut store).unwrap();
        assert_eq!(upto, last);
        assert_eq!(state(&rebuilt), state(&replayed));
        assert_eq!(stories(&store), stored);

        // The JSON checkpoint of an older store.
        std::fs::remove_file(&path).unwrap();
        let json = path.with_file_name(STORIES_CHECKPOINT_JSON);
        let old = CheckpointRef {
            upto: last,
            clusterer: &replayed,
        };
        std::fs::write(&json, serde_json::to_vec(&old).unwrap()).unwrap();
        let (from_json, upto) = load_clusterer(&mut store).unwrap();
        assert_eq!(upto, last);
        assert_eq!(state(&from_json), state(&replayed));
        save_clusterer(&path, &from_json, upto).unwrap();
        assert!(!json.exists());
        let again = read_checkpoint(&path).unwrap().unwrap();
        assert_eq!(state(&again.clusterer), state(&replayed));

        // A second run over the same files adds nothing and keeps every story.
        let s = run(&mut store);
        assert_eq!(s.added, 0);
        assert_eq!(stories(&store), stored);
    }
}
