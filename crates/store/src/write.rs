//! Writing: a batch of documents in one transaction, in three passes (admit, quotes with
//! their links while stories are assigned, document rows), and story moves.

use super::*;
use quotetrace_link::meaning::Meaning;

/// A document ready to be stored: cleaned text, metadata, its quotes, and the keys the
/// cross-document links are made on. Build it with [`NewDocument::new`], which computes the
/// keys: that is the costly part, and it can run on any thread.
pub struct NewDocument {
    pub doc: Document,
    pub lang: Option<String>,
    pub quotes: Vec<Quote>,
    pub(crate) hash: i64,
    pub(crate) signature: Option<Signature>,
    pub(crate) quote_keys: Vec<QuoteKeys>,
}

/// The link keys of one quote.
pub(crate) struct QuoteKeys {
    pub(crate) words: Vec<String>,
    pub(crate) key: i64,
    pub(crate) signature: Option<Signature>,
    /// What it says, for linking translations and paraphrases (see `meaning.rs`).
    pub(crate) meaning: Meaning,
}

impl NewDocument {
    /// Prepares a document for the store, computing its link keys.
    pub fn new(doc: Document, lang: Option<String>, quotes: Vec<Quote>) -> NewDocument {
        // The same text at another address is another appearance (a copy an outlet carried),
        // so the key is the document's name and its text: only re-reading the same document
        // adds nothing.
        let hash = document_hash(&doc.id, &doc.text);
        let signature = minhash::signature(&minhash::words(&doc.text), DOC_SHINGLE);
        let quote_keys = quotes
            .iter()
            .map(|q| {
                let words = variants::quote_words(&q.text);
                QuoteKeys {
                    key: words_key(&words),
                    signature: variant_signature(&words),
                    words,
                    meaning: Meaning::of(&q.text),
                }
            })
            .collect();
        NewDocument {
            doc,
            lang,
            quotes,
            hash,
            signature,
            quote_keys,
        }
    }
}

/// The next free row ids, so that rows can be written with their final ids in one statement.
pub(crate) struct NextIds {
    pub(crate) doc: i64,
    pub(crate) quote: i64,
}

/// What storing one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Stored as document `id`; `duplicate_of` names the original of a near-duplicate.
    New {
        id: i64,
        duplicate_of: Option<i64>,
        quotes: usize,
    },
    /// Already in the store (same text) as document `id`: nothing added.
    Existing { id: i64 },
}

/// Assigns the stories of a batch's new documents (see [`Store::add_batch_with_stories`]).
pub(crate) type StoriesFn<'a> = Box<dyn FnOnce(&[(usize, i64)]) -> BatchStories + Send + 'a>;

/// The stories a batch's story callback decided (see [`Store::add_batch_with_stories`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchStories {
    /// The stories of the batch's new documents, in batch order.
    pub new: Vec<i64>,
    /// Documents stored before the batch that now belong to another story, as
    /// (document id, story), applied in order (a later pair for a document wins).
    pub moved: Vec<(i64, i64)>,
}

/// A document of a batch that is not stored yet, with its id.
pub(crate) struct NewRow {
    pub(crate) id: i64,
    pub(crate) duplicate_of: Option<i64>,
    pub(crate) hash: i64,
    pub(crate) doc: Document,
    pub(crate) lang: Option<String>,
    pub(crate) quotes: Vec<Quote>,
    pub(crate) quote_keys: Vec<QuoteKeys>,
}

pub(crate) enum Admitted {
    Existing(i64),
    New(Box<NewRow>),
}

/// Whether a document is new (by the hash of its name and text, among the stored ones and
/// the batch's earlier ones); if so its id, its signature stored, and the original it is a
/// near-duplicate of.
pub(crate) fn admit(
    tx: &Transaction,
    doc_bands: &mut BandIndex,
    in_batch: &mut HashMap<i64, i64>,
    ids: &mut NextIds,
    d: NewDocument,
) -> Result<Admitted> {
    let hash = d.hash;
    if let Some(&id) = in_batch.get(&hash) {
        return Ok(Admitted::Existing(id));
    }
    if let Some(id) = tx
        .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?
    {
        return Ok(Admitted::Existing(id));
    }
    let duplicate_of = match &d.signature {
        Some(s) => find_duplicate(tx, doc_bands, s)?,
        None => None,
    };
    let id = ids.doc;
    ids.doc += 1;
    in_batch.insert(hash, id);
    if let Some(s) = &d.signature {
        tx.prepare_cached(
            "INSERT INTO doc_signatures (id, signature, duplicate_of) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, minhash::to_bytes(s), duplicate_of])?;
        let short = short_id(id)?;
        for b in minhash::bands(s) {
            doc_bands.insert(b, short);
        }
    }
    Ok(Admitted::New(Box::new(NewRow {
        id,
        duplicate_of,
        hash,
        doc: d.doc,
        lang: d.lang,
        quotes: d.quotes,
        quote_keys: d.quote_keys,
    })))
}

/// A document's date as stored: its first ten characters (YYYY-MM-DD).
pub(crate) fn date_of(doc: &Document) -> Option<&str> {
    doc.meta
        .published
        .as_deref()
        .map(|p| p.get(..10).unwrap_or(p))
}

/// Stores a new document's quotes, linking each to its speaker and variant group.
#[allow(clippy::too_many_arguments)]
pub(crate) fn add_quotes(
    tx: &Transaction,
    quote_index: &mut QuoteIndex,
    meanings: &mut MeaningCache,
    speakers: &mut SpeakerIndex,
    touched: &mut HashSet<u64>,
    ids: &mut NextIds,
    row: &mut NewRow,
    search: &mut search::Batch,
) -> Result<()> {
    let quotes = std::mem::take(&mut row.quotes);
    let keys = std::mem::take(&mut row.quote_keys);
    let place = Place {
        doc: row.id,
        date_key: date_of(&row.doc).unwrap_or(UNDATED),
        outlet: row.doc.meta.outlet.as_deref(),
    };
    for (q, k) in quotes.into_iter().zip(keys) {
        let indexed = add_quote(
            tx,
            quote_index,
            meanings,
            speakers,
            touched,
            ids,
            &place,
            q,
            k,
        )?;
        search.quotes.push(indexed);
    }
    Ok(())
}

/// Writes a new document's row, with its story.
pub(crate) fn insert_document(tx: &Transaction, row: &NewRow, story: Option<i64>) -> Result<()> {
    let doc = &row.doc;
    tx.prepare_cached(
        "INSERT INTO documents (id, doc_key, content_hash, url, title, outlet, author, published, lang, text, duplicate_of, story)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        row.id,
        doc.id,
        row.hash,
        doc.meta.url,
        doc.meta.title,
        doc.meta.outlet,
        doc.meta.author,
        date_of(doc),
        row.lang,
        doc.text,
        row.duplicate_of,
        story
    ])?;
    Ok(())
}

/// The original a near-duplicate copies: the earliest stored document sharing an LSH bucket
/// whose signature is similar enough.
pub(crate) fn find_duplicate(
    tx: &Transaction,
    doc_bands: &BandIndex,
    sig: &Signature,
) -> Result<Option<i64>> {
    let mine = minhash::bands(sig);
    let mut candidates: Vec<i64> = Vec::new();
    for b in mine {
        doc_bands.get(b, &mut candidates);
    }
    if candidates.is_empty() {
        return Ok(None);
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut st =
        tx.prepare_cached("SELECT signature, duplicate_of FROM doc_signatures WHERE id = ?1")?;
    for c in candidates {
        let Some((bytes, dup)) = st
            .query_row([c], |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<i64>>(1)?))
            })
            .optional()?
        else {
            continue;
        };
        let Some(other) = minhash::from_bytes(&bytes) else {
            continue;
        };
        // The in-memory buckets keep part of each key: confirm a bucket is really shared.
        let theirs = minhash::bands(&other);
        if !mine.iter().zip(&theirs).any(|(a, b)| a == b) {
            continue;
        }
        if minhash::similarity(sig, &other) >= DUPLICATE_SIMILARITY {
            return Ok(Some(dup.unwrap_or(c)));
        }
    }
    Ok(None)
}

/// Where a quote appeared: its document, and the document's date and outlet, which are kept
/// with the quote too so that a variant group's appearances are listed in date order from one
/// index (see `quotes_cluster` in schema.sql) without reading every document.
pub(crate) struct Place<'a> {
    pub(crate) doc: i64,
    pub(crate) date_key: &'a str,
    pub(crate) outlet: Option<&'a str>,
}

/// The date key of an undated document: it sorts after every date.
pub(crate) const UNDATED: &str = "9999";

/// Stores one quote, resolving its corpus speaker and its variant cluster; returns what the
/// full-text index needs of it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn add_quote(
    tx: &Transaction,
    index: &mut QuoteIndex,
    meanings: &mut MeaningCache,
    speakers: &mut SpeakerIndex,
    touched: &mut HashSet<u64>,
    ids: &mut NextIds,
    place: &Place,
    q: Quote,
    keys: QuoteKeys,
) -> Result<(i64, String, Option<String>)> {
    let speaker = corpus_speaker(q.speaker.as_deref(), q.speaker_type).map(|(name, person)| {
        let id = speakers.resolve_typed(name, person);
        touched.insert(id);
        id as i64
    });
    let QuoteKeys {
        words,
        key,
        signature,
        meaning,
    } = keys;
    let linkable = words.len() >= variants::MIN_WORDS;
    // The variant cluster: the same words seen before, else the best LSH match.
    let cluster = {
        let mut st = tx.prepare_cached("SELECT text, speaker FROM quote_clusters WHERE id = ?1")?;
        find_group(index, speaker, &words, key, signature.as_ref(), |c| {
            Ok(st.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?)
        })?
    };
    let id = ids.quote;
    ids.quote += 1;
    let cl = cluster.map_or(id, |(c, _, _, _)| c);
    tx.prepare_cached(
        "INSERT INTO quotes (id, doc, start, end, text, kind, speaker, speaker_text, mention, cue, confidence, cluster, variant_confidence, date_key, outlet, verbatim, variant_kind)
         VALUES (?12, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?13, ?11, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        place.doc,
        q.start as i64,
        q.end as i64,
        q.text,
        kind_name(q.kind),
        speaker,
        q.speaker,
        q.speaker_mention.as_ref().map(|m| m.text.clone()),
        q.cue.as_ref().map(|c| c.text.clone()),
        f64::from(q.confidence),
        cluster.map(|(_, c, _, _)| c),
        id,
        cl,
        place.date_key,
        place.outlet,
        verbatim_text(&q),
        cluster.map(|(_, _, _, k)| k.name())
    ])?;
    meanings.insert(id, meaning);
    if linkable {
        let cluster_speaker = cluster.map_or(speaker, |(_, _, sp, _)| sp);
        if remember_key(index, key, cl, cluster_speaker) {
            tx.prepare_cached("INSERT INTO quote_keys (key, cluster) VALUES (?1, ?2)")?
                .execute(params![key, cl])?;
        }
    }
    if cluster.is_none() {
        // A new statement: it represents its cluster from now on.
        tx.prepare_cached("INSERT INTO quote_clusters (id, speaker, text) VALUES (?1, ?2, ?3)")?
            .execute(params![id, speaker, q.text])?;
        remember_representative(index, signature.as_ref(), id)?;
    }
    Ok((id, q.text, q.speaker))
}

/// Sets the stories of stored documents (`(doc id, story)` pairs, in order) and links their
/// lone quotes as translations within their new stories. Links made in a former story stay:
/// they were made on the evidence of their time.
pub(crate) fn move_stories(
    tx: &Transaction,
    index: &mut QuoteIndex,
    meanings: &mut MeaningCache,
    assignments: &[(i64, i64)],
) -> Result<()> {
    {
        let mut st = tx.prepare_cached("UPDATE documents SET story = ?2 WHERE id = ?1")?;
        for (doc, story) in assignments {
            st.execute(params![doc, story])?;
        }
    }
    for (doc, story) in assignments {
        link_translations(tx, index, meanings, *doc, *story)?;
    }
    Ok(())
}

impl Store {
    /// Stores a batch of documents in one transaction.
    pub fn add_batch(&mut self, docs: Vec<NewDocument>) -> Result<Vec<Added>> {
        self.add_batch_inner(docs, None)
    }

    /// Stores a batch of documents in one transaction, with their stories: `stories` gets
    /// the documents that are new, in batch order, as (position in `docs`, id) pairs, and
    /// returns their stories in that order, with any stored documents whose story changed
    /// (see [`BatchStories`]). It runs on a thread of its own while the quotes are linked and
    /// written (story assignment is a large part of a batch's work). The same as
    /// [`Store::add_batch`] then [`Store::set_stories`], in one transaction and without
    /// rewriting the new rows.
    pub fn add_batch_with_stories(
        &mut self,
        docs: Vec<NewDocument>,
        stories: impl FnOnce(&[(usize, i64)]) -> BatchStories + Send,
    ) -> Result<Vec<Added>> {
        self.add_batch_inner(docs, Some(Box::new(stories)))
    }

    pub(crate) fn add_batch_inner(
        &mut self,
        docs: Vec<NewDocument>,
        story: Option<StoriesFn>,
    ) -> Result<Vec<Added>> {
        self.writable()?;
        if !self.speakers_loaded {
            self.load_speakers()?;
            self.speakers_loaded = true;
        }
        if self.doc_bands.is_none() {
            self.doc_bands = Some(self.load_doc_bands()?);
        }
        if self.quote_index.is_none() {
            self.quote_index = Some(self.load_quote_index()?);
        }
        if self.indexer.is_none() {
            self.start_indexer()?;
        }
        if self.checkpointer.is_none() {
            self.checkpointer = Some(wal::Checkpointer::start(&self.path, &self.conn)?);
        }
        let result = self.write_batch(docs, story);
        if result.is_err() {
            // The in-memory state may hold what was rolled back: read it again next time.
            self.speakers_loaded = false;
            self.doc_bands = None;
            self.quote_index = None;
            // Started again, caught up from what was committed.
            self.indexer = None;
            return result;
        }
        // Saved when an eighth of the entries are new: each save writes the whole table, so
        // that is a constant cost per entry however large the store grows. What is not saved
        // yet is rebuilt from the database on the next load.
        if self
            .quote_index
            .as_ref()
            .is_some_and(|qi| qi.unsaved > 0 && qi.unsaved * 8 >= qi.bands.len())
        {
            if let Err(e) = self.save_quote_bands() {
                // Committed all the same; the next save or load makes up for it.
                log::warn!("{e}");
            }
        }
        result
    }

    pub(crate) fn write_batch(
        &mut self,
        docs: Vec<NewDocument>,
        story: Option<StoriesFn>,
    ) -> Result<Vec<Added>> {
        let doc_bands = self.doc_bands.as_mut().expect("loaded above");
        let quote_index = self.quote_index.as_mut().expect("loaded above");
        let speakers = &mut self.speakers;
        let meanings = &mut self.meanings;
        let mut touched: HashSet<u64> = HashSet::new();
        let tx = self.conn.transaction()?;
        let mut ids = NextIds {
            doc: tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM documents", [], |r| {
                r.get(0)
            })?,
            quote: tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM quotes", [], |r| {
                r.get(0)
            })?,
        };
        let first_quote = ids.quote;
        // First which documents are new, their ids and near-duplicates; then, while the
        // stories of the new ones are assigned on another thread, their quotes; then the
        // document rows, with their stories.
        let mut out = Vec::with_capacity(docs.len());
        let mut new = Vec::new();
        let mut in_batch: HashMap<i64, i64> = HashMap::new();
        for (i, d) in docs.into_iter().enumerate() {
            match admit(&tx, doc_bands, &mut in_batch, &mut ids, d)? {
                Admitted::Existing(id) => out.push(Added::Existing { id }),
                Admitted::New(a) => {
                    out.push(Added::New {
                        id: a.id,
                        duplicate_of: a.duplicate_of,
                        quotes: a.quotes.len(),
                    });
                    new.push((i, a));
                }
            }
        }
        let positions: Vec<(usize, i64)> = new.iter().map(|(i, a)| (*i, a.id)).collect();
        let mut indexed = search::Batch::default();
        let mut moved = Vec::new();
        let stories: Vec<Option<i64>> =
            std::thread::scope(|scope| -> Result<Vec<Option<i64>>> {
                let assigned = story.map(|f| scope.spawn(move || f(&positions)));
                let written = new.iter_mut().try_for_each(|(_, a)| {
                    add_quotes(
                        &tx,
                        quote_index,
                        meanings,
                        speakers,
                        &mut touched,
                        &mut ids,
                        a,
                        &mut indexed,
                    )
                });
                // Joined before anything returns: a scope that ends on a panicked thread panics.
                let assigned = assigned.map(|h| h.join());
                written?;
                match assigned {
                    None => Ok(vec![None; new.len()]),
                    Some(Err(_)) => Err(StoreError::Thread("story assignment failed".into())),
                    Some(Ok(got)) if got.new.len() != new.len() => Err(StoreError::Thread(
                        format!("{} stories for {} new documents", got.new.len(), new.len()),
                    )),
                    Some(Ok(got)) => {
                        moved = got.moved;
                        Ok(got.new.into_iter().map(Some).collect())
                    }
                }
            })?;
        for ((_, a), story) in new.iter().zip(&stories) {
            insert_document(&tx, a, *story)?;
        }
        for ((_, a), story) in new.iter().zip(stories) {
            if let Some(story) = story {
                link_translations(&tx, quote_index, meanings, a.id, story)?;
            }
        }
        move_stories(&tx, quote_index, meanings, &moved)?;
        stats::add_quotes_after(&tx, first_quote - 1)?;
        // Speakers whose forms changed are written with the batch.
        {
            let mut up = tx.prepare_cached("INSERT INTO speakers (id, name, surname, first, is_org) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(id) DO UPDATE SET name = excluded.name, first = excluded.first")?;
            let mut form = tx.prepare_cached("INSERT INTO speaker_forms (speaker, form, count) VALUES (?1, ?2, ?3) ON CONFLICT(speaker, form) DO UPDATE SET count = excluded.count")?;
            for id in &touched {
                if let Some(s) = self.speakers.get(*id) {
                    up.execute(params![
                        s.id as i64,
                        s.name,
                        s.surname,
                        s.first,
                        s.is_org as i64
                    ])?;
                    for (f, n) in &s.forms {
                        form.execute(params![s.id as i64, f, *n as i64])?;
                    }
                }
            }
        }
        tx.commit()?;
        if let Some(c) = &self.checkpointer {
            c.after_commit(&self.conn)?;
        }
        // Committed: the full-text indexer may have it.
        indexed.documents.extend(
            new.into_iter()
                .map(|(_, a)| (a.id, a.doc.meta.title, a.doc.text)),
        );
        self.indexer
            .as_mut()
            .expect("started with the first write")
            .index(indexed)?;
        Ok(out)
    }

    /// Assigns stories to documents (`(doc id, story)` pairs) in one transaction.
    pub fn set_stories(&mut self, assignments: &[(i64, i64)]) -> Result<()> {
        self.writable()?;
        if self.quote_index.is_none() {
            self.quote_index = Some(self.load_quote_index()?);
        }
        let index = self.quote_index.as_mut().expect("loaded above");
        let tx = self.conn.transaction()?;
        if let Err(e) = move_stories(&tx, index, &mut self.meanings, assignments) {
            // What the index learnt was rolled back: read it again next time.
            self.quote_index = None;
            return Err(e);
        }
        tx.commit()?;
        Ok(())
    }
}

/// A quote's verbatim words when only part of its text is inside quotation marks (a partial
/// or mixed quote), the pieces joined by " … "; `None` when its text is all quoted words.
pub(crate) fn verbatim_text(q: &Quote) -> Option<String> {
    let pieces: Vec<&str> = q
        .verbatim
        .iter()
        .map(|s| s.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let joined = pieces.join(" … ");
    (!pieces.is_empty() && joined != q.text.trim()).then_some(joined)
}
