//! The story clusterer's checkpoint: a file beside the store's database, written now and
//! then during ingest, read (and brought up to date with the documents stored since) when
//! the next ingest starts.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use quotetrace_link::stories::{StoryClusterer, StoryDoc};
use quotetrace_store::Store;
use serde::Serialize;

/// The story clusterer's checkpoint, a file beside the database: [`CHECKPOINT_MAGIC`], then
/// the state in postcard (a compact binary serde format).
const STORIES_CHECKPOINT: &str = "stories.checkpoint";
/// The checkpoint of stores written before it was binary (JSON, read when there is no binary
/// one, and removed once the binary one is written).
pub(crate) const STORIES_CHECKPOINT_JSON: &str = "stories.checkpoint.json";
/// The first bytes of a binary checkpoint; the digit changes with the layout of the state,
/// and a checkpoint of another layout is replayed from the stored documents instead.
const CHECKPOINT_MAGIC: &[u8; 8] = b"QTSTORY2";
/// Articles between two checkpoints of the clusterer. Its state grows with the corpus (about
/// 117 MB at a million articles), and replaying the documents stored since the last
/// checkpoint is fast (about 4,000 articles/s on the scale corpus), so checkpoints are rare:
/// about every 100,000 articles (whole batches), and at the end of each run.
pub(crate) const CHECKPOINT_EVERY: usize = 100_000;

pub(crate) fn story_doc(
    id: i64,
    title: Option<String>,
    text: String,
    published: Option<String>,
) -> StoryDoc {
    StoryDoc {
        id: id.to_string(),
        title,
        text,
        published,
    }
}

/// A checkpoint of the story clusterer: its state and the last document it had seen.
#[derive(serde::Deserialize)]
pub(crate) struct Checkpoint {
    pub(crate) upto: i64,
    pub(crate) clusterer: StoryClusterer,
}

/// The same, for writing without a copy of the state.
#[derive(Serialize)]
pub(crate) struct CheckpointRef<'a> {
    pub(crate) upto: i64,
    pub(crate) clusterer: &'a StoryClusterer,
}

pub(crate) fn checkpoint_path(store: &Store) -> PathBuf {
    store.path().with_file_name(STORIES_CHECKPOINT)
}

/// The checkpoint at `path` (binary) or, failing that, at its JSON name; `None` when there is
/// neither, or when the one there cannot be read (said on standard error: the documents are
/// then replayed from the first, which gives the same stories).
pub(crate) fn read_checkpoint(path: &Path) -> Result<Option<Checkpoint>> {
    let read = |path: &Path| -> Result<Option<Vec<u8>>> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    };
    let json = path.with_file_name(STORIES_CHECKPOINT_JSON);
    let parsed = if let Some(bytes) = read(path)? {
        match bytes.strip_prefix(CHECKPOINT_MAGIC) {
            Some(state) => postcard::from_bytes::<Checkpoint>(state).map_err(|e| e.to_string()),
            None => Err("not a checkpoint of this version".to_string()),
        }
        .map_err(|e| (path, e))
    } else if let Some(bytes) = read(&json)? {
        serde_json::from_slice::<Checkpoint>(&bytes).map_err(|e| (json.as_path(), e.to_string()))
    } else {
        return Ok(None);
    };
    match parsed {
        Ok(c) => Ok(Some(c)),
        Err((path, e)) => {
            log::warn!(
                "the story checkpoint {} cannot be read ({e}); the stories are rebuilt from the stored articles",
                path.display()
            );
            Ok(None)
        }
    }
}

/// The story clusterer as of the last checkpoint, brought up to date with every document
/// stored since (a killed ingest may have stored documents after it).
pub(crate) fn load_clusterer(store: &mut Store) -> Result<(StoryClusterer, i64)> {
    let (mut clusterer, upto) = match read_checkpoint(&checkpoint_path(store))? {
        Some(c) => (c.clusterer, c.upto),
        None => (StoryClusterer::default(), 0),
    };
    let mut assignments = Vec::new();
    let mut last = upto;
    store.documents_after(upto, |id, title, text, published| {
        let story = clusterer.add_keyed(&story_doc(id, title, text, published), id as u64);
        assignments.push((id, story as i64));
        last = id;
    })?;
    // The replayed documents are refined, as at the end of a run; refinements during the
    // replay and that one move documents, the replayed ones included (set after them, so
    // the moves hold).
    if !assignments.is_empty() {
        clusterer.refine();
    }
    assignments.extend(moves(&mut clusterer));
    if !assignments.is_empty() {
        store.set_stories(&assignments)?;
    }
    Ok((clusterer, last))
}

/// The documents the clusterer's refinements moved, as (document id, story).
pub(crate) fn moves(clusterer: &mut StoryClusterer) -> impl Iterator<Item = (i64, i64)> {
    clusterer
        .take_moves()
        .into_iter()
        .map(|(doc, story)| (doc as i64, story as i64))
}

/// Writes the checkpoint to `path`, streaming (the state can be a hundred MB) into a
/// temporary file renamed over the old one, so a crash leaves either checkpoint whole.
pub(crate) fn save_clusterer(path: &Path, clusterer: &StoryClusterer, upto: i64) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let checkpoint = CheckpointRef { upto, clusterer };
    let write = || -> Result<()> {
        let mut w = BufWriter::new(std::fs::File::create(&tmp)?);
        w.write_all(CHECKPOINT_MAGIC)?;
        postcard::to_io(&checkpoint, &mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
        Ok(())
    };
    let written = write()
        .with_context(|| format!("writing {}", tmp.display()))
        .and_then(|()| {
            std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
        });
    if written.is_err() {
        // A full disk leaves no half-written checkpoint behind.
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    let json = path.with_file_name(STORIES_CHECKPOINT_JSON);
    match std::fs::remove_file(&json) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing the old checkpoint {}", json.display()))
        }
        _ => Ok(()),
    }
}
