//! Reading: counts, quotes by filter, speakers, stories, search, trace and export.

use super::*;

/// How well a stored quote answers an asked text: the asked words' pairs found in it.
pub(crate) fn asked_score(asked: &[String], quote: &[String]) -> f64 {
    if asked.len() < 2 || quote.len() < 2 {
        return if asked.iter().all(|w| quote.contains(w)) {
            0.5
        } else {
            0.0
        };
    }
    let pairs: HashSet<(&str, &str)> = quote
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect();
    let hit = asked
        .windows(2)
        .filter(|w| pairs.contains(&(w[0].as_str(), w[1].as_str())))
        .count();
    hit as f64 / (asked.len() - 1) as f64
}

impl Store {
    /// Documents with id above `after`, in id order, as `(id, title, text, published)`.
    pub fn documents_after(
        &self,
        after: i64,
        mut f: impl FnMut(i64, Option<String>, String, Option<String>),
    ) -> Result<()> {
        let mut st = self.conn.prepare(
            "SELECT id, title, text, published FROM documents WHERE id > ?1 ORDER BY id",
        )?;
        let mut rows = st.query([after])?;
        while let Some(r) = rows.next()? {
            f(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        }
        Ok(())
    }

    /// Row counts.
    pub fn counts(&self) -> Result<Counts> {
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            documents: one("SELECT count(*) FROM documents")?,
            duplicates: one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")?,
            quotes: one("SELECT count(*) FROM quotes")?,
            quote_clusters: one("SELECT count(DISTINCT cluster) FROM quotes")?,
            speakers: one("SELECT count(*) FROM speakers")?,
            stories: one("SELECT count(DISTINCT story) FROM documents WHERE story IS NOT NULL")?,
        })
    }

    /// Quotes matching a filter, newest documents first.
    ///
    /// With words to find (`text`), quotes are listed most recently stored first instead: the
    /// full-text index hands matches over in that order, so the first page costs the same
    /// however many quotes match.
    pub fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        let fts = f.text.as_deref().and_then(fts_query);
        if fts.is_some() {
            self.search_synced()?;
        }
        let mut sql = match fts {
            Some(_) => format!(
                "SELECT {QUOTE_COLUMNS} FROM quotes_fts f JOIN quotes q ON q.id = f.rowid JOIN documents d ON d.id = q.doc LEFT JOIN speakers s ON s.id = q.speaker"
            ),
            None => String::from(QUOTE_SELECT),
        };
        let Some(mut conds) = self.quote_conditions(f)? else {
            return Ok(Vec::new());
        };
        if let Some(q) = &fts {
            conds.bind("quotes_fts MATCH ?", q.clone());
        }
        conds.append_to(&mut sql);
        let order = if fts.is_some() {
            "f.rowid DESC"
        } else {
            "d.published DESC, q.id DESC"
        };
        sql.push_str(&page_clause(order, f.limit, f.offset));
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(conds.into_args()), quote_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The SQL conditions (on `q`, the quotes, and `d`, their documents) and their values
    /// for a filter's fields other than its full-text words and paging; `None` when nothing
    /// can match (an unknown speaker name).
    pub(crate) fn quote_conditions(&self, f: &QuoteFilter) -> Result<Option<Conditions>> {
        let mut conds = Conditions::default();
        if let Some(name) = &f.speaker {
            let ids = self.speaker_ids(name)?;
            if ids.is_empty() {
                return Ok(None);
            }
            conds.push(format!(
                "q.speaker IN ({})",
                ids.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        if let Some(since) = &f.since {
            conds.bind("d.published >= ?", since.clone());
        }
        if let Some(until) = &f.until {
            // A bare date covers the whole day: published dates may carry a time.
            conds.bind("d.published <= ?", format!("{until}\u{10ffff}"));
        }
        if let Some(id) = f.speaker_id {
            conds.bind("q.speaker = ?", id);
        }
        if let Some(id) = f.document {
            conds.bind("q.doc = ?", id);
        }
        if let Some(outlet) = &f.outlet {
            conds.bind("d.outlet = ? COLLATE NOCASE", outlet.clone());
        }
        if let Some(story) = f.story {
            conds.bind("d.story = ?", story);
        }
        if let Some(kind) = &f.kind {
            conds.bind("q.kind = ?", kind.clone());
        }
        if let Some(min) = f.min_confidence {
            conds.bind("q.confidence >= ?", min);
        }
        Ok(Some(conds))
    }

    /// Corpus speaker ids for a name as a user types it: an exact name or name form
    /// ("Vladimir Putin"), else a surname ("Putin"), case-insensitive.
    pub(crate) fn speaker_ids(&self, name: &str) -> Result<Vec<i64>> {
        let name = name.trim();
        let mut st = self.conn.prepare(
            "SELECT id FROM speakers WHERE name = ?1 COLLATE NOCASE UNION SELECT speaker FROM speaker_forms WHERE form = ?1 COLLATE NOCASE",
        )?;
        let exact = st
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        if !exact.is_empty() {
            return Ok(exact);
        }
        let mut st = self
            .conn
            .prepare("SELECT id FROM speakers WHERE surname = lower(?1)")?;
        let by_surname = st
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(by_surname)
    }

    /// Speakers with their name forms, most quoted first.
    pub fn speakers(&self, limit: usize, offset: usize) -> Result<Vec<SpeakerRow>> {
        self.speakers_named(None, limit, offset)
    }

    /// [`Store::speakers`] whose name or one of whose name forms holds every word of `name`,
    /// in order, ignoring case ("bride" finds "Jim Bridenstine"; "jim bri" too); all of them
    /// when `name` is `None` or blank. Most quoted first.
    pub fn speakers_named(
        &self,
        name: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<SpeakerRow>> {
        let pattern = name.and_then(name_pattern);
        let filter = if pattern.is_some() {
            "WHERE t.speaker IN (SELECT id FROM speakers WHERE name LIKE ?3 ESCAPE '\\'
                UNION SELECT speaker FROM speaker_forms WHERE form LIKE ?3 ESCAPE '\\')"
        } else {
            "WHERE ?3 IS NULL"
        };
        let mut st = self.conn.prepare(&format!(
            "SELECT s.id, s.name, s.is_org, t.quotes, t.outlets FROM speaker_totals t
             JOIN speakers s ON s.id = t.speaker {filter}
             ORDER BY t.quotes DESC, t.speaker LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = st.query_map(
            params![limit.max(1) as i64, offset as i64, pattern],
            speaker_row,
        )?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut forms = self
            .conn
            .prepare("SELECT form FROM speaker_forms WHERE speaker = ?1 ORDER BY count DESC")?;
        for s in &mut out {
            s.forms = forms
                .query_map([s.id], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
        }
        Ok(out)
    }

    /// Every document with its story, in story then date order.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        self.story_rows(None)
    }

    /// [`Store::stories`], of one story only when `story` is given.
    pub fn story_rows(&self, story: Option<i64>) -> Result<Vec<StoryRow>> {
        // One story through its index; all of them in one pass.
        let filter = if story.is_some() {
            "WHERE d.story = ?1"
        } else {
            "WHERE ?1 IS NULL"
        };
        let mut st = self.conn.prepare(&format!(
            "SELECT d.doc_key, d.id, d.story, {DOC_META_COLUMNS} FROM documents d {filter}
             ORDER BY d.story, d.published, d.id"
        ))?;
        let rows = st.query_map([story], |r| {
            Ok(StoryRow {
                doc: r.get(0)?,
                doc_id: r.get(1)?,
                story: r.get(2)?,
                meta: doc_meta(r, 3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Full-text search over quotes and articles, best first (BM25). Where a query matches
    /// more than [`RANKED_QUOTES`] quotes or [`RANKED_ARTICLES`] articles, the most recently
    /// stored ones are ranked: ranking every match of a common word would grow with the corpus.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        self.search_page(query, limit, 0)
    }

    /// One page of [`Store::search`]'s results: `limit` hits after the first `offset`.
    pub fn search_page(&self, query: &str, limit: usize, offset: usize) -> Result<Vec<Hit>> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        self.search_synced()?;
        let page = limit.max(1);
        // Quotes and articles are ranked apart and merged: each list needs the whole prefix.
        let limit = (page + offset) as i64;
        let mut hits = Vec::new();
        let mut st = self.conn.prepare(
            "SELECT q.id, d.doc_key, d.title, d.outlet, q.speaker_text, q.text, m.score FROM
               (SELECT rowid, bm25(quotes_fts) AS score FROM quotes_fts WHERE quotes_fts MATCH ?1
                ORDER BY rowid DESC LIMIT ?3) m
             JOIN quotes q ON q.id = m.rowid JOIN documents d ON d.id = q.doc
             ORDER BY m.score LIMIT ?2",
        )?;
        for h in st.query_map(params![q, limit, RANKED_QUOTES], |r| {
            Ok(Hit {
                kind: "quote",
                id: r.get(0)?,
                doc: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                speaker: r.get(4)?,
                snippet: r.get(5)?,
                score: -r.get::<_, f64>(6)?,
                marks: Vec::new(),
            })
        })? {
            hits.push(h?);
        }
        let mut st = self.conn.prepare(
            "SELECT d.id, d.doc_key, d.title, d.outlet, m.score FROM
               (SELECT rowid, bm25(documents_fts) AS score FROM documents_fts WHERE documents_fts MATCH ?1
                ORDER BY rowid DESC LIMIT ?3) m
             JOIN documents d ON d.id = m.rowid
             ORDER BY m.score LIMIT ?2",
        )?;
        for h in st.query_map(params![q, limit, RANKED_ARTICLES], |r| {
            Ok(Hit {
                kind: "document",
                id: r.get(0)?,
                doc: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                speaker: None,
                snippet: String::new(),
                score: -r.get::<_, f64>(4)?,
                marks: Vec::new(),
            })
        })? {
            hits.push(h?);
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        let mut hits: Vec<Hit> = hits.into_iter().skip(offset).take(page).collect();
        // Snippets cost a pass over the article's text: only for the page shown.
        let mut text = self
            .conn
            .prepare_cached("SELECT text FROM documents WHERE id = ?1")?;
        for h in hits.iter_mut() {
            if h.kind == "document" {
                let t: Option<String> = text.query_row([h.id], |r| r.get(0)).optional()?;
                (h.snippet, h.marks) =
                    t.map_or_else(Default::default, |t| search::snippet_marked(&t, query, 24));
            } else {
                h.marks = search::match_spans(&h.snippet, query);
            }
        }
        Ok(hits)
    }

    /// The provenance of a quote given (part of) its text.
    pub fn trace(&self, text: &str) -> Result<Option<Trace>> {
        self.trace_limited(text, usize::MAX)
    }

    /// [`Store::trace`] with at most `max` appearances listed (the first ones in date order);
    /// outlets and the total count still cover them all.
    pub fn trace_limited(&self, text: &str, max: usize) -> Result<Option<Trace>> {
        let Some((score, cluster)) = self.find_cluster(text)? else {
            return Ok(None);
        };
        self.trace_cluster_limited(cluster, score, max)
    }

    /// The variant group that best answers a pasted quote or fragment: `(score, cluster)`.
    pub(crate) fn find_cluster(&self, text: &str) -> Result<Option<(f64, i64)>> {
        let asked = variants::quote_words(text);
        if asked.is_empty() {
            return Ok(None);
        }
        self.search_synced()?;
        // First, quotes holding the fragment word for word (the usual case: a pasted quote),
        // among those that have its rarest words.
        if let Some(rare) = fts_rare_words(text, 3) {
            let mut st = self.conn.prepare_cached(
                "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?1 LIMIT 50",
            )?;
            let ids = st
                .query_map([rare], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<HashSet<i64>>>()?;
            if let Some(found) = self.best_match(&asked, ids)? {
                if found.0 >= 0.999 {
                    return Ok(Some(found));
                }
            }
        }
        // Then edited variants: clusters sharing LSH buckets with the fragment's word pairs;
        // failing a good match there, quotes containing every asked word.
        let mut lsh: Vec<i64> = Vec::new();
        if let Some(sig) = minhash::signature(&asked, QUOTE_SHINGLE) {
            // A cluster's id is its first quote's id. A writer has the buckets in memory;
            // a reader probes the saved file (without one, the full-text look-ups below).
            let path = self.quote_bands_path();
            if let Some(qi) = &self.quote_index {
                for b in variant_buckets(&sig) {
                    qi.bands.get(b, &mut lsh);
                }
            } else if let Ok(file) = BandFile::open(&path) {
                for b in variant_buckets(&sig) {
                    file.get(b, &mut lsh).map_err(|source| StoreError::Io {
                        action: "reading",
                        path: path.clone(),
                        source,
                    })?;
                }
            }
        }
        let mut best = self.best_match(&asked, lsh.into_iter().collect())?;
        if best.is_none_or(|(s, _)| s < 0.5) {
            if let Some(q) = fts_query(text) {
                let mut st = self.conn.prepare_cached(
                    "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?1 LIMIT 50",
                )?;
                let ids = st
                    .query_map([q], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<HashSet<i64>>>()?;
                if let Some(found) = self.best_match(&asked, ids)? {
                    if best.is_none_or(|(s, _)| found.0 > s) {
                        best = Some(found);
                    }
                }
            }
        }
        Ok(best.filter(|(s, _)| *s >= 0.5))
    }

    /// The provenance of a quote-variant group (its id is its first quote's id); `score` is
    /// reported as the match score.
    pub fn trace_cluster(&self, cluster: i64, score: f64) -> Result<Option<Trace>> {
        self.trace_cluster_limited(cluster, score, usize::MAX)
    }

    /// [`Store::trace_cluster`] with at most `max` appearances listed.
    pub fn trace_cluster_limited(
        &self,
        cluster: i64,
        score: f64,
        max: usize,
    ) -> Result<Option<Trace>> {
        // Count and outlets from the index alone; whole rows for the appearances listed.
        let mut total = 0;
        let mut undated = 0;
        let mut outlets: Vec<String> = Vec::new();
        {
            let mut st = self.conn.prepare_cached(
                "SELECT outlet, date_key FROM quotes WHERE cluster = ?1 ORDER BY date_key, doc, outlet, id",
            )?;
            let mut seen = HashSet::new();
            let rows = st.query_map([cluster], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get_ref(1)?.as_str().ok() == Some(UNDATED),
                ))
            })?;
            for row in rows {
                let (o, no_date) = row?;
                total += 1;
                undated += usize::from(no_date);
                if let Some(o) = o {
                    if seen.insert(o.clone()) {
                        outlets.push(o);
                    }
                }
            }
        }
        let rows = {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT {QUOTE_COLUMNS}, d.duplicate_of {QUOTE_FROM} WHERE q.cluster = ?1 ORDER BY q.date_key, q.doc, q.outlet, q.id LIMIT ?2"
            ))?;
            let limit = i64::try_from(max.max(1)).unwrap_or(i64::MAX);
            let rows = st.query_map(params![cluster, limit], |r| {
                Ok((quote_row(r)?, r.get::<_, Option<i64>>(QUOTE_COLUMN_COUNT)?))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let Some((first, _)) = rows.first().cloned() else {
            return Ok(None);
        };
        // Copies repeat the same words: each distinct text is compared once.
        let mut diffs: std::collections::HashMap<String, Vec<String>> = Default::default();
        let mut appearances = Vec::with_capacity(total.min(max));
        for (q, duplicate_of) in rows {
            let changes = diffs
                .entry(q.quoted_words().to_string())
                .or_insert_with(|| {
                    variants::diff(first.quoted_words(), q.quoted_words())
                        .into_iter()
                        .filter_map(|e| match e {
                            variants::Edit::Same(_) => None,
                            variants::Edit::Removed(w) => Some(format!("-{w}")),
                            variants::Edit::Added(w) => Some(format!("+{w}")),
                        })
                        .collect()
                })
                .clone();
            appearances.push(Appearance {
                quote: q,
                changes,
                duplicate_of,
            });
        }
        let speaker = appearances.iter().find_map(|a| a.quote.speaker.clone());
        // With every appearance listed, their addresses are at hand; else they are read.
        let urls = if appearances.len() == total {
            let mut seen = HashSet::new();
            appearances
                .iter()
                .filter_map(|a| a.quote.meta.url.clone())
                .filter(|u| seen.insert(u.clone()))
                .take(TRACE_URLS)
                .collect()
        } else {
            let mut st = self.conn.prepare_cached(
                "SELECT d.url FROM quotes q JOIN documents d ON d.id = q.doc
                 WHERE q.cluster = ?1 AND d.url IS NOT NULL
                 ORDER BY q.date_key, q.doc, q.outlet, q.id LIMIT ?2",
            )?;
            let mut seen = HashSet::new();
            let mut urls = Vec::new();
            for u in st.query_map(params![cluster, (TRACE_URLS * 4) as i64], |r| {
                r.get::<_, String>(0)
            })? {
                let u = u?;
                if urls.len() < TRACE_URLS && seen.insert(u.clone()) {
                    urls.push(u);
                }
            }
            urls
        };
        Ok(Some(Trace {
            cluster,
            speaker,
            first_dated: undated < total,
            first: appearances[0].clone(),
            appearances,
            appearances_total: total,
            outlets,
            match_score: (score * 100.0).round() / 100.0,
            undated,
            urls,
        }))
    }

    /// A pseudo-random sample of stored quote texts (for benchmarks and examples).
    pub fn sample_quotes(&self, k: usize) -> Result<Vec<String>> {
        let max: i64 = self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM quotes", [], |r| r.get(0))?;
        let mut out = Vec::with_capacity(k);
        let mut st = self
            .conn
            .prepare_cached("SELECT text FROM quotes WHERE id >= ?1 ORDER BY id LIMIT 1")?;
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..k {
            if max == 0 {
                break;
            }
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let id = (x % max as u64) as i64 + 1;
            if let Some(t) = st.query_row([id], |r| r.get::<_, String>(0)).optional()? {
                out.push(t);
            }
        }
        Ok(out)
    }

    /// The candidate quote that best answers the asked words: `(score, cluster)`.
    pub(crate) fn best_match(
        &self,
        asked: &[String],
        candidates: HashSet<i64>,
    ) -> Result<Option<(f64, i64)>> {
        let mut best: Option<(f64, i64)> = None;
        let mut st = self
            .conn
            .prepare_cached("SELECT text, cluster FROM quotes WHERE id = ?1")?;
        for id in candidates {
            let Some((qt, cluster)) = st
                .query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .optional()?
            else {
                continue;
            };
            let score = asked_score(asked, &variants::quote_words(&qt));
            // Ties go to the earliest group, so the answer does not depend on hash order.
            if best.is_none_or(|(s, c)| score > s || (score == s && cluster < c)) {
                best = Some((score, cluster));
            }
        }
        Ok(best)
    }

    /// Every quote with its document metadata, in document order.
    /// `f` may fail with its own error type (writing output, say), which stops the export.
    pub fn export<E: From<StoreError>>(
        &self,
        f: impl FnMut(QuoteRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.export_filtered(&QuoteFilter::default(), f)
    }

    /// [`Store::export`] of the quotes a filter selects (its speaker, dates, outlet, story,
    /// kind and confidence; not its full-text words nor its paging), in the same order.
    pub fn export_filtered<E: From<StoreError>>(
        &self,
        filter: &QuoteFilter,
        mut f: impl FnMut(QuoteRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let Some(conds) = self.quote_conditions(filter)? else {
            return Ok(());
        };
        // Unless a quote index picks the rows (a speaker, a document), the documents drive
        // the scan in id order and each one's quotes come through `quotes_doc`, so only one
        // document's quotes are sorted at a time. Left to itself SQLite scans the quotes and
        // sorts them all in a temporary B-tree: for a million quotes ~500 MB and 9 s against
        // ~80 MB and 2 s (bench/python_api.sh, the memory step).
        let by_document =
            filter.speaker.is_none() && filter.speaker_id.is_none() && filter.document.is_none();
        let mut sql = if by_document {
            format!(
                "SELECT {QUOTE_COLUMNS} FROM documents d CROSS JOIN quotes q ON q.doc = d.id \
                 LEFT JOIN speakers s ON s.id = q.speaker"
            )
        } else {
            String::from(QUOTE_SELECT)
        };
        conds.append_to(&mut sql);
        sql.push_str(" ORDER BY d.id, q.start");
        let mut st = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = st
            .query(rusqlite::params_from_iter(conds.into_args()))
            .map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            f(quote_row(r).map_err(StoreError::from)?)?;
        }
        Ok(())
    }
}

/// A LIKE pattern holding the words of a typed name in order (`%`, `_` and `\` escaped), or
/// `None` for a blank one.
fn name_pattern(name: &str) -> Option<String> {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .flat_map(|c| match c {
                    '%' | '_' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect()
        })
        .collect();
    (!words.is_empty()).then(|| format!("%{}%", words.join("%")))
}
