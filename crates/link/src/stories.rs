//! Incremental story clustering: articles about the same event form a story, and each article
//! is assigned to a story the moment it arrives, using only the articles that came before it;
//! the latest articles' stories are then decided again together (refinement, see
//! [`refine`](StoryClusterer::refine)), so that the order of arrival does not decide them.
//!
//! # How an article is assigned
//!
//! 1. **Features.** The title and text are cut into word tokens. Each token becomes a feature
//!    with a weight that reflects how much it says about *which* event an article reports,
//!    not just what kind of event. *Identity* features — names (words written capitalised
//!    inside sentences, decided per document by a vote so that "Coach" in "fired Coach
//!    Maurice Cheeks" does not count when the article also writes "coach"), adjacent name
//!    pairs ("Maurice Cheeks") — and *specifics* — numbers (scores, tolls, magnitudes,
//!    years), weekday names and dates written with a month ("6 December") — weigh more
//!    than ordinary words; a month name alone counts as an ordinary word. Tokens of the
//!    title and of the lead (the first words of the text, where news writing puts who, what,
//!    where and when) weigh more than the rest. Function words are dropped, plurals and
//!    `-ed`/`-ing` folded. Term frequency is sublinear (`1 + ln count`).
//! 2. **Vector.** Feature weights are multiplied by an IDF computed incrementally from the
//!    documents seen so far (this one included), the strongest [`StoryConfig::doc_terms`] are
//!    kept, and the vector is normalised.
//! 3. **Candidates.** An inverted index maps each story's key terms (its strongest centroid
//!    terms) to the story. The article's strongest terms look up at most
//!    [`StoryConfig::max_candidates`] candidate stories; no article is ever compared with all
//!    stories.
//! 4. **Similarity.** The article's *average* cosine with the candidate story's articles
//!    (average link), computed from the story's centroid without keeping the articles: the
//!    centroid holds, per term, the mean of the members' weights and the mean of their
//!    squares, so `article · mean / rms(member norm)` is the average similarity. Unlike the
//!    cosine with a centroid, it does not grow with the story's size (a centroid of many
//!    articles keeps only what they share, so any article of the same *kind* of event looks
//!    close to it). It is taken once over all terms and once per identity channel (names;
//!    specifics), the identity part is the mean of the channels, and it is combined with
//!    the all-terms part by a weighted geometric mean ([`StoryConfig::identity_share`]).
//!    Weights are stored without IDF and weighted by the *current* IDF at comparison time,
//!    so a story opened early in the stream, when IDF still knew little, is judged with
//!    today's statistics. When both the article and the story carry dates, the similarity
//!    is damped by the gap in days beyond a grace period (half-life
//!    [`StoryConfig::date_half_life_days`]).
//! 5. **Decision.** The article joins the most similar story when the similarity reaches
//!    [`StoryConfig::threshold`]; otherwise it opens a new story. Story ids are assigned in
//!    order.
//! 6. **Refinement.** Every [`StoryConfig::refine_every`] articles, and when the caller says
//!    a stream ends, the latest [`StoryConfig::refine_window`] articles are clustered again by
//!    average link over their pairs, with the same similarity and threshold, the closest
//!    pairs first whatever their order of arrival; each resulting group keeps the story id
//!    most of its articles had. Articles whose story changed are *moved* (the caller takes
//!    them with [`StoryClusterer::take_moves`]); older articles are never revisited. See the
//!    `refine` module for how the pairs are chosen and the state rebuilt.
//!
//! A story's centroid is a running mean of its articles' vectors that turns into an
//! exponential moving average after [`StoryConfig::centroid_memory`] articles (recent
//! articles weigh more, old ones fade), capped at [`StoryConfig::centroid_terms`] terms.
//!
//! # Bounded memory
//!
//! Per story the state is one capped centroid; per term one document frequency (the
//! vocabulary is pruned of rare terms past [`StoryConfig::max_vocabulary`]). When more than
//! [`StoryConfig::max_active_stories`] stories are open, the least recently updated one
//! retires: its id stays valid, it just accepts no more articles. (Retirement goes by arrival,
//! not by publication date, so a stream that is not in date order, or a backfill of old
//! articles, does not close every story at once; the date damping already keeps an article
//! away from stories far from its date.)
//!
//! # Persistence
//!
//! [`StoryClusterer`] is `Serialize` + `Deserialize`: a store can save it after a run and
//! load it before the next, and the next articles are assigned exactly as if the process
//! had never stopped. All iteration that influences a decision runs in a fixed order, so
//! assignments do not depend on hash-map order.
//!
//! What this module is not: it does not deduplicate near-identical articles (that is a
//! fingerprint's job) and it does not read dates out of text; `published` comes from the
//! document's metadata.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod refine;

/// One article as the story clusterer sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryDoc {
    /// The caller's id for the article (not used for clustering).
    pub id: String,
    /// The headline, when known.
    pub title: Option<String>,
    /// The article's main text.
    pub text: String,
    /// Publication date, `YYYY-MM-DD` (anything after the tenth character is ignored); an
    /// unparsable date counts as absent.
    pub published: Option<String>,
}

/// Settings of a [`StoryClusterer`]. The defaults are set on principle (see each field); the
/// threshold was chosen on the project's own made-up sanity set, never on a benchmark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryConfig {
    /// Minimum similarity (average cosine with the story's articles, see the module docs)
    /// for an article to join a story. Articles of unrelated events score near 0, reports
    /// of the same kind of event (two earthquakes, two coaches fired) mostly 0.1–0.3, reports
    /// of one event mostly 0.3–0.8. The default, 0.25, had the best mean B-cubed F1 on
    /// `tests/data/stories_sanity.jsonl` (72 made-up articles, 18 events in 9 pairs of the
    /// same kind; with and without dates, in file and shuffled orders), before and after
    /// names and specifics were told apart.
    pub threshold: f32,
    /// How the two identity channels, names and specifics, are combined: their power mean
    /// with this exponent, `((names^p + specifics^p) / 2)^(1/p)` (1: the plain mean, 0: the
    /// geometric mean). Below 1 the mean stays where the channels agree and drops where they
    /// disagree: an article that shares a story's names but none of its numbers, days or
    /// dates (the same actors at another occurrence) scores lower than one that shares some
    /// of both. The default is 1, the plain mean. 0.5 was tried: on the undated sanity runs
    /// it helped (mean B-cubed F1 0.793 at threshold 0.225 against 0.762 for the defaults),
    /// but with dates it cost recall, and on ECB+ it did worse (see ARCHITECTURE.md): reports
    /// of one event often quote different figures, so disjoint specifics also split true
    /// stories. States saved before this field existed read 1.
    #[serde(default = "plain_mean")]
    pub identity_power: f32,
    /// How much of the similarity rests on identity terms (names, name pairs; numbers,
    /// weekdays, dates: who, where, how many, when) rather than on all terms: the similarity is
    /// `cos_all^(1 - share) × cos_identity^share`. Two earthquakes share "magnitude",
    /// "rubble" and "aftershocks" but not the town, the toll or the date; 0.5 gives what
    /// happened and to whom/where equal say.
    pub identity_share: f32,
    /// Weight multiplier for tokens of the title.
    pub title_weight: f32,
    /// Weight multiplier for tokens of the lead (the first [`Self::lead_words`] tokens of
    /// the text).
    pub lead_weight: f32,
    /// Length of the lead in tokens.
    pub lead_words: usize,
    /// Weight multiplier for tokens after the lead (background, reactions, context).
    pub body_weight: f32,
    /// Weight multiplier for names (capitalised inside sentences) and name pairs.
    pub name_weight: f32,
    /// Weight multiplier for numbers.
    pub number_weight: f32,
    /// Weight multiplier for when an article says the event happened: weekday names and
    /// dates written with a month name ("6 December"). They are identity terms, like names:
    /// reports of one event put it on the same day, two events of the same kind rarely
    /// fall on the same one. The same as a name by default.
    pub when_weight: f32,
    /// Terms kept per article vector.
    pub doc_terms: usize,
    /// Terms kept per story centroid (as many as one article has, by default).
    pub centroid_terms: usize,
    /// A story is indexed under this many of its strongest centroid terms.
    pub key_terms: usize,
    /// An article looks up candidate stories with this many of its strongest terms.
    pub query_terms: usize,
    /// At most this many candidate stories get a full similarity.
    pub max_candidates: usize,
    /// At most this many stories per index term; the one indexed longest ago drops out.
    pub posting_cap: usize,
    /// After this many articles a story's centroid becomes an exponential moving average
    /// with weight `1 / centroid_memory` for the newest article.
    pub centroid_memory: u32,
    /// Date gaps up to this many days (article outside the story's date range) cost nothing.
    pub date_grace_days: f32,
    /// Beyond the grace period, similarity halves every this many days.
    pub date_half_life_days: f32,
    /// Most stories kept open; past it the least recently updated one retires. With the
    /// defaults an open story takes at most about 2.5 KB, so 50,000 stay under 130 MB.
    pub max_active_stories: usize,
    /// Most vocabulary entries (document frequencies) kept; past it the rarest are pruned.
    pub max_vocabulary: usize,
    /// How many of the latest articles a refinement looks back over (see
    /// [`StoryClusterer::refine`]); 0: stories are never refined. About three days of a
    /// 3,000-article-a-day feed by default, the date grace period.
    pub refine_window: usize,
    /// A refinement runs after every this many articles (0: only when the caller asks).
    /// Half the window by default, so that every article is looked at twice: once with what
    /// came before it, once with what came after.
    pub refine_every: usize,
}

/// [`StoryConfig::identity_power`] of states saved before it existed: the plain mean.
fn plain_mean() -> f32 {
    1.0
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.25,
            identity_power: 1.0,
            identity_share: 0.5,
            title_weight: 2.0,
            lead_weight: 1.5,
            lead_words: 50,
            body_weight: 1.0,
            name_weight: 2.0,
            number_weight: 2.0,
            when_weight: 2.0,
            doc_terms: 100,
            centroid_terms: 100,
            key_terms: 12,
            query_terms: 12,
            max_candidates: 24,
            posting_cap: 256,
            centroid_memory: 30,
            date_grace_days: 3.0,
            date_half_life_days: 14.0,
            max_active_stories: 50_000,
            max_vocabulary: 4_000_000,
            refine_window: 10_000,
            refine_every: 5_000,
        }
    }
}

/// What [`StoryClusterer::add_explained`] decided for one article.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assignment {
    /// The story the article now belongs to.
    pub story: u64,
    /// Similarity to the best candidate story (after date damping), 0 when there was none.
    pub similarity: f32,
    /// Whether the article opened a new story.
    pub new_story: bool,
}

/// What a term says about an event: an ordinary word says what kind of thing happened;
/// *identity* terms say which occurrence — a name or name pair (who, where) or a specific
/// (a number, a weekday or a date: how many, when). Ordered: a term that is a name in one
/// article and a word in another counts as a name in a story.
const WORD: u8 = 0;
const NAME: u8 = 1;
const SPECIFIC: u8 = 2;

/// How many of the most similar stories an article remembers from its arrival: a
/// refinement compares it with their articles and with its own story's.
const NEAR_STORIES: usize = 4;

/// One weighted term of an article: the term id, its weight, and its kind ([`WORD`],
/// [`NAME`] or [`SPECIFIC`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
struct Entry(u64, f32, u8);

/// One term of a story centroid: the term id, the mean of the members' (IDF-free) weights,
/// the mean of their squares, and its kind (the highest of the members'). The mean of
/// squares gives the members' typical norm under the current IDF, which turns the centroid
/// dot product into an average similarity to the members.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
struct Centroid(
    u64,
    f32,
    f32,
    #[serde(deserialize_with = "kind_or_flag")] u8,
);

/// Reads a centroid term's kind; states saved before names and specifics were told apart
/// hold a flag (identity or not), read as [`NAME`] or [`WORD`].
fn kind_or_flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    // Binary states (which do not describe their own types) were all saved with kinds.
    if !d.is_human_readable() {
        return Ok(u8::deserialize(d)?.min(SPECIFIC));
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum KindOrFlag {
        Kind(u8),
        Flag(bool),
    }
    Ok(match KindOrFlag::deserialize(d)? {
        KindOrFlag::Kind(k) => k.min(SPECIFIC),
        KindOrFlag::Flag(identity) => u8::from(identity),
    })
}

/// One open story: a capped centroid plus bookkeeping.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Story {
    /// Member weights without IDF, sorted by term.
    centroid: Vec<Centroid>,
    /// Articles assigned so far.
    size: u32,
    /// Date range of the dated articles, in days since 1970-01-01.
    first_day: Option<i32>,
    last_day: Option<i32>,
    /// Sequence number of the article that last updated it (its key in `recency`).
    touched: u64,
    /// Terms under which the story is in the index, sorted.
    keys: Vec<u64>,
    /// The members' mean squared norm (all terms, identity terms) under the IDF of the
    /// moment the story was last updated... (Absent in states saved before the cache
    /// existed: `norms_at` 0 makes the next comparison recompute them.)
    #[serde(default)]
    member_norms: [f32; 2],
    /// ...and over the specifics among the identity terms (absent in states saved before
    /// specifics were told apart: 0 until the story's next update or refresh, which leaves
    /// its names to speak for its identity meanwhile)...
    #[serde(default)]
    member_specific_norm: f32,
    /// ...which was when this many articles had been added.
    #[serde(default)]
    norms_at: u64,
}

/// What the clusterer takes from an article: its weighted terms and its day. Computing them
/// is most of the cost of adding an article and depends only on the article and the
/// settings, so it can run on any thread, ahead of [`StoryClusterer::add_features`].
#[derive(Clone, Debug, Default)]
pub struct StoryFeatures {
    features: Vec<Entry>,
    day: Option<i32>,
}

impl StoryFeatures {
    /// The features of `doc` under `config` (use the clusterer's [`StoryClusterer::config`]).
    pub fn new(doc: &StoryDoc, config: &StoryConfig) -> StoryFeatures {
        StoryFeatures {
            features: features(doc, config),
            day: doc.published.as_deref().and_then(parse_day),
        }
    }
}

/// Assigns articles to stories one at a time. See the [module docs](self).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoryClusterer {
    config: StoryConfig,
    /// Articles added so far.
    documents: u64,
    /// Stories opened so far (the next story id).
    opened: u64,
    /// Document frequency per term.
    df: IdMap<u32>,
    /// Terms with at most this document frequency were pruned from `df` (0: none).
    pruned_below: u32,
    /// Open stories by id.
    stories: IdMap<Story>,
    /// Term → stories indexed under it, oldest first.
    postings: IdMap<Vec<u64>>,
    /// `Story::touched` → story id: the open stories from least to most recently updated.
    recency: BTreeMap<u64, u64>,
    /// The latest [`StoryConfig::refine_window`] articles, oldest first, for refinement: the
    /// last one is the latest added, so their sequence numbers follow from `documents`.
    #[serde(default)]
    recent: VecDeque<Recent>,
    /// Articles a refinement moved to another story and the caller has not taken yet (see
    /// [`StoryClusterer::take_moves`]), as (key, story).
    #[serde(default)]
    moved: Vec<(u64, u64)>,
    /// Articles added since the last refinement.
    #[serde(default)]
    unrefined: u64,
}

/// An article of the refinement window: what a refinement needs to compare it with the
/// others and to rebuild its story.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Recent {
    /// The caller's key (see [`StoryClusterer::add_features_keyed`]).
    key: u64,
    /// Its story now.
    story: u64,
    /// The most similar stories when it arrived, best first (see [`NEAR_STORIES`]).
    near: Vec<u64>,
    day: Option<i32>,
    /// Its vector's terms without IDF (as in [`DocVector::raw`]).
    terms: Vec<Entry>,
}

impl Default for StoryClusterer {
    fn default() -> Self {
        Self::new(StoryConfig::default())
    }
}

impl StoryClusterer {
    /// An empty clusterer.
    pub fn new(config: StoryConfig) -> Self {
        StoryClusterer {
            config,
            documents: 0,
            opened: 0,
            df: IdMap::default(),
            pruned_below: 0,
            stories: IdMap::default(),
            postings: IdMap::default(),
            recency: BTreeMap::new(),
            recent: VecDeque::new(),
            moved: Vec::new(),
            unrefined: 0,
        }
    }

    /// The settings in use.
    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    /// Articles added so far.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Stories opened so far (ids run from 0 to this minus one).
    pub fn stories_opened(&self) -> u64 {
        self.opened
    }

    /// Stories still open to new articles.
    pub fn stories_active(&self) -> usize {
        self.stories.len()
    }

    /// Assigns `doc` to a story and returns the story id. The article's key (for
    /// [`StoryClusterer::take_moves`]) is its sequence number: the count of articles added
    /// before it.
    pub fn add(&mut self, doc: &StoryDoc) -> u64 {
        self.add_explained(doc).story
    }

    /// Assigns `doc` to a story and says how: the story, the best similarity, whether the
    /// story is new.
    pub fn add_explained(&mut self, doc: &StoryDoc) -> Assignment {
        let features = StoryFeatures::new(doc, &self.config);
        self.add_features_explained(&features, self.documents)
    }

    /// [`StoryClusterer::add`] with the caller's `key` for the article (a document id):
    /// refinements name the articles they move by it.
    pub fn add_keyed(&mut self, doc: &StoryDoc, key: u64) -> u64 {
        let features = StoryFeatures::new(doc, &self.config);
        self.add_features_explained(&features, key).story
    }

    /// Assigns an article whose features were computed beforehand (see [`StoryFeatures`])
    /// and returns the story id: the same as [`StoryClusterer::add`] on that article, as
    /// long as the features were made with this clusterer's settings.
    pub fn add_features(&mut self, features: &StoryFeatures) -> u64 {
        self.add_features_explained(features, self.documents).story
    }

    /// [`StoryClusterer::add_features`] with the caller's `key` for the article.
    pub fn add_features_keyed(&mut self, features: &StoryFeatures, key: u64) -> u64 {
        self.add_features_explained(features, key).story
    }

    fn add_features_explained(&mut self, features: &StoryFeatures, key: u64) -> Assignment {
        let StoryFeatures { features, day } = features;
        let day = *day;
        self.documents += 1;
        for e in features {
            *self.df.entry(e.0).or_default() += 1;
        }
        self.prune_vocabulary();

        let vector = self.vector(features);
        let (best, near) = self.best_story(&vector, day);
        let assignment = match best {
            Some((story, similarity)) if similarity >= self.config.threshold => Assignment {
                story,
                similarity,
                new_story: false,
            },
            _ => {
                let story = self.opened;
                self.opened += 1;
                self.stories.insert(story, Story::default());
                Assignment {
                    story,
                    similarity: best.map_or(0.0, |(_, s)| s),
                    new_story: true,
                }
            }
        };
        let seq = self.documents - 1;
        self.update_story(assignment.story, &vector, day, seq);
        self.retire();
        self.remember(key, assignment.story, near, day, vector.raw);
        self.unrefined += 1;
        if self.config.refine_every > 0 && self.unrefined >= self.config.refine_every as u64 {
            self.refine();
        }
        assignment
    }

    /// Inverse document frequency of `term` given the articles seen so far.
    fn idf(&self, term: u64) -> f32 {
        let df = self.df.get(&term).copied().unwrap_or(self.pruned_below);
        (((self.documents + 1) as f32) / ((df + 1) as f32)).ln() + 1.0
    }

    /// The article's vector: the strongest `doc_terms` features, each with its raw weight
    /// scaled so that the IDF-weighted vector has unit length, sorted by term.
    fn vector(&self, features: &[Entry]) -> DocVector {
        // (feature, its IDF, its IDF-weighted value)
        let mut weighted: Vec<(Entry, f32, f32)> = features
            .iter()
            .filter(|e| e.1 > 0.0)
            .map(|&e| {
                let idf = self.idf(e.0);
                (e, idf, e.1 * idf)
            })
            .collect();
        top_by(&mut weighted, self.config.doc_terms, |e| (e.0 .0, e.2));
        let norm = weighted.iter().map(|e| e.2 * e.2).sum::<f32>().sqrt();
        if norm == 0.0 {
            return DocVector::default();
        }
        let query_len = self.config.query_terms.min(weighted.len());
        let query = weighted[..query_len]
            .iter()
            .map(|e| (e.0 .0, e.2 / norm))
            .collect();
        weighted.sort_unstable_by_key(|e| e.0 .0);
        let raw = weighted
            .iter()
            .map(|&(e, _, _)| Entry(e.0, e.1 / norm, e.2))
            .collect();
        let idf = weighted.iter().map(|e| e.1).collect();
        let mut kind_norms = [0.0f32; 3];
        for e in &weighted {
            kind_norms[usize::from(e.0 .2.min(SPECIFIC))] += (e.2 / norm) * (e.2 / norm);
        }
        DocVector {
            raw,
            idf,
            query,
            name_norm: kind_norms[usize::from(NAME)],
            specific_norm: kind_norms[usize::from(SPECIFIC)],
        }
    }

    /// The most similar open story, if any candidate was found.
    /// Also returns the ids of the [`NEAR_STORIES`] most similar candidates, best first.
    fn best_story(
        &mut self,
        vector: &DocVector,
        day: Option<i32>,
    ) -> (Option<(u64, f32)>, Vec<u64>) {
        // Candidate stories, scored by the query weight of the index terms they share.
        let mut votes: IdMap<f32> = IdMap::default();
        for &(term, weight) in &vector.query {
            for &story in self.postings.get(&term).into_iter().flatten() {
                *votes.entry(story).or_default() += weight;
            }
        }
        let mut candidates: Vec<(u64, f32)> = votes.into_iter().collect();
        top_by(&mut candidates, self.config.max_candidates, |&e| e);

        let mut scored: Vec<(u64, f32)> = Vec::with_capacity(candidates.len());
        for (id, _) in candidates {
            self.refresh_norms(id);
            let story = &self.stories[&id];
            scored.push((
                id,
                self.similarity(vector, story) * self.date_factor(story, day),
            ));
        }
        // Best first, ties to the smaller id.
        top_by(&mut scored, NEAR_STORIES, |&e| e);
        (
            scored.first().copied(),
            scored.iter().map(|e| e.0).collect(),
        )
    }

    /// Similarity of an article to a story under the current IDF: the article's average
    /// cosine with the story's members (the dot product with the members' mean vector over
    /// their root-mean-square norm), over all terms and over identity terms; the result is
    /// their weighted geometric mean with weight [`StoryConfig::identity_share`] on the
    /// identity part.
    ///
    /// The identity part has two channels, each an average cosine of its own: names (who,
    /// where) and specifics (numbers, weekdays, dates: how many, when), and it is their
    /// plain mean. Kept apart, the two weigh the same whatever their share of the vector:
    /// two events of one kind often share every name (a navy's two operations in one strait,
    /// a country's two elections between the same leaders) and differ only in the
    /// specifics, which a pooled cosine lets the more numerous names drown. A channel counts
    /// only when both the article and the story have terms in it; with neither, the article
    /// is judged on all terms alone.
    ///
    /// Average similarity, unlike cosine with a centroid, does not grow with the story's
    /// size: a centroid of many articles loses their individual words and keeps what they
    /// share, so any article of the same kind of event looks close to it, while a story of
    /// one article is as far from a new report as that one article is.
    ///
    /// The members' norms come from the story's cache (see [`Self::refresh_norms`]).
    fn similarity(&self, vector: &DocVector, story: &Story) -> f32 {
        let (doc, centroid) = (&vector.raw, &story.centroid);
        let mut dot = [0.0f32; 3];
        let (mut i, mut j) = (0, 0);
        while i < doc.len() && j < centroid.len() {
            match doc[i].0.cmp(&centroid[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let idf = vector.idf[i];
                    let product = doc[i].1 * idf * centroid[j].1 * idf;
                    dot[usize::from(WORD)] += product;
                    // An identity term of the article counts in its channel when the story
                    // holds it as an identity term too.
                    let kind = doc[i].2.min(SPECIFIC);
                    if kind != WORD && centroid[j].3 != WORD {
                        dot[usize::from(kind)] += product;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        let [members, members_identity] = story.member_norms;
        let members_specific = story.member_specific_norm.min(members_identity);
        let members_names = (members_identity - members_specific).max(0.0);
        let all = ratio(dot[usize::from(WORD)], members.sqrt());
        let channel = |dot: f32, article: f32, members: f32| {
            (article > 0.0 && members > 0.0).then(|| ratio(dot, (article * members).sqrt()))
        };
        let names = channel(dot[usize::from(NAME)], vector.name_norm, members_names);
        let specifics = channel(
            dot[usize::from(SPECIFIC)],
            vector.specific_norm,
            members_specific,
        );
        self.combine(all, names, specifics)
    }

    /// The similarity from its parts: the cosine over all terms and, where both sides have
    /// terms in them, the names and the specifics channels (see [`Self::similarity`]).
    fn combine(&self, all: f32, names: Option<f32>, specifics: Option<f32>) -> f32 {
        let share = self.config.identity_share.clamp(0.0, 1.0);
        let identity = match (names, specifics) {
            (Some(n), Some(s)) => power_mean(n, s, self.config.identity_power),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => return all,
        };
        if share == 0.0 {
            return all;
        }
        all.powf(1.0 - share) * identity.powf(share)
    }

    /// Recomputes story `id`'s cached member norms when the collection has grown by more
    /// than an eighth since they were computed. IDF moves with the logarithm of the
    /// collection size, so until then they are accurate to about 1.5%; a story that stays a
    /// candidate for long without new articles is recomputed once per such growth, not on
    /// every comparison (which would cost a vocabulary lookup per centroid term).
    fn refresh_norms(&mut self, id: u64) {
        let Some(story) = self.stories.get(&id) else {
            return;
        };
        if self.documents - story.norms_at > self.documents / 8 {
            let [all, identity, specific] = self.member_norms(&story.centroid);
            let documents = self.documents;
            if let Some(story) = self.stories.get_mut(&id) {
                story.member_norms = [all, identity];
                story.member_specific_norm = specific;
                story.norms_at = documents;
            }
        }
    }

    /// The members' mean squared norm under the current IDF, over all terms, over identity
    /// terms and over specifics.
    fn member_norms(&self, centroid: &[Centroid]) -> [f32; 3] {
        let mut norms = [0.0f32; 3];
        for c in centroid {
            let idf = self.idf(c.0);
            let square = c.2 * idf * idf;
            norms[0] += square;
            if c.3 != WORD {
                norms[1] += square;
            }
            if c.3 == SPECIFIC {
                norms[2] += square;
            }
        }
        norms
    }

    /// 1 when the article's date is within the grace period of the story's date range (or
    /// either has no date), halving every `date_half_life_days` beyond it.
    fn date_factor(&self, story: &Story, day: Option<i32>) -> f32 {
        let (Some(day), Some(first), Some(last)) = (day, story.first_day, story.last_day) else {
            return 1.0;
        };
        let gap = if day < first {
            first - day
        } else {
            day.saturating_sub(last).max(0)
        };
        self.gap_factor(gap)
    }

    /// The date damping of a gap of `gap` days (see [`Self::date_factor`]).
    fn gap_factor(&self, gap: i32) -> f32 {
        let beyond = gap as f32 - self.config.date_grace_days;
        if beyond <= 0.0 {
            1.0
        } else {
            0.5f32.powf(beyond / self.config.date_half_life_days.max(f32::MIN_POSITIVE))
        }
    }

    /// Adds the article's vector to story `id`'s centroid and refreshes its index terms.
    /// `touched`: the sequence number of the article (unique, and increasing in stream order).
    fn update_story(&mut self, id: u64, vector: &DocVector, day: Option<i32>, touched: u64) {
        let Some(mut story) = self.stories.remove(&id) else {
            return;
        };
        story.size += 1;
        let alpha = 1.0 / story.size.min(self.config.centroid_memory.max(1)) as f32;
        let keep = 1.0 - alpha;
        let mut merged = Vec::with_capacity(story.centroid.len() + vector.raw.len());
        let (a, b) = (&story.centroid, &vector.raw);
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
                let c = a[i];
                merged.push(Centroid(c.0, c.1 * keep, c.2 * keep, c.3));
                i += 1;
            } else if i == a.len() || b[j].0 < a[i].0 {
                let e = b[j];
                merged.push(Centroid(e.0, e.1 * alpha, e.1 * e.1 * alpha, e.2));
                j += 1;
            } else {
                let (c, e) = (a[i], b[j]);
                merged.push(Centroid(
                    c.0,
                    c.1 * keep + e.1 * alpha,
                    c.2 * keep + e.1 * e.1 * alpha,
                    c.3.max(e.2),
                ));
                i += 1;
                j += 1;
            }
        }
        // Cap by IDF-weighted strength; the strongest become the story's index keys.
        let mut ranked: Vec<(Centroid, f32)> = merged
            .into_iter()
            .map(|e| (e, e.1 * self.idf(e.0)))
            .collect();
        top_by(&mut ranked, self.config.centroid_terms, |e| (e.0 .0, e.1));
        let mut keys: Vec<u64> = ranked
            .iter()
            .take(self.config.key_terms)
            .map(|e| e.0 .0)
            .collect();
        keys.sort_unstable();
        story.centroid = ranked.into_iter().map(|e| e.0).collect();
        story.centroid.sort_unstable_by_key(|e| e.0);
        let [all, identity, specific] = self.member_norms(&story.centroid);
        story.member_norms = [all, identity];
        story.member_specific_norm = specific;
        story.norms_at = self.documents;

        if let Some(day) = day {
            story.first_day = Some(story.first_day.map_or(day, |d| d.min(day)));
            story.last_day = Some(story.last_day.map_or(day, |d| d.max(day)));
        }
        self.recency.remove(&story.touched);
        story.touched = touched;
        self.recency.insert(story.touched, id);

        let old_keys = std::mem::take(&mut story.keys);
        for &term in old_keys.iter().filter(|t| keys.binary_search(t).is_err()) {
            self.unindex(term, id);
        }
        story.keys = keys;
        let fresh: Vec<u64> = story
            .keys
            .iter()
            .copied()
            .filter(|t| old_keys.binary_search(t).is_err())
            .collect();
        self.stories.insert(id, story);
        for term in fresh {
            self.index(term, id);
        }
    }

    /// Puts story `id` in the posting list of `term`, evicting the oldest entry past the cap.
    fn index(&mut self, term: u64, id: u64) {
        let list = self.postings.entry(term).or_default();
        list.push(id);
        if list.len() > self.config.posting_cap.max(1) {
            let evicted = list.remove(0);
            if let Some(story) = self.stories.get_mut(&evicted) {
                if let Ok(k) = story.keys.binary_search(&term) {
                    story.keys.remove(k);
                }
            }
        }
    }

    /// Removes story `id` from the posting list of `term`.
    fn unindex(&mut self, term: u64, id: u64) {
        if let Some(list) = self.postings.get_mut(&term) {
            if let Some(k) = list.iter().position(|&s| s == id) {
                list.remove(k);
            }
            if list.is_empty() {
                self.postings.remove(&term);
            }
        }
    }

    /// Closes story `id` to new articles and frees its state.
    fn retire_story(&mut self, id: u64) {
        if let Some(story) = self.stories.remove(&id) {
            self.recency.remove(&story.touched);
            for term in story.keys {
                self.unindex(term, id);
            }
        }
    }

    /// Retires the least recently updated stories while more than `max_active_stories` are
    /// open.
    fn retire(&mut self) {
        while self.stories.len() > self.config.max_active_stories.max(1) {
            let Some((_, &id)) = self.recency.iter().next() else {
                break;
            };
            self.retire_story(id);
        }
    }

    /// Keeps the vocabulary under `max_vocabulary` by dropping the rarest terms; a dropped
    /// term counts as having the document frequency it was dropped at.
    fn prune_vocabulary(&mut self) {
        while self.df.len() > self.config.max_vocabulary.max(1) {
            self.pruned_below += 1;
            let floor = self.pruned_below;
            self.df.retain(|_, c| *c > floor);
        }
    }
}

/// An article's vector: the IDF-free weights (unit length once IDF-weighted), sorted by
/// term, and the strongest terms with their IDF-weighted values for the index lookup.
#[derive(Default)]
struct DocVector {
    raw: Vec<Entry>,
    /// The IDF of each term of `raw`.
    idf: Vec<f32>,
    /// The strongest terms with their IDF-weighted values.
    query: Vec<(u64, f32)>,
    /// Squared norms of the name terms and of the specifics (the whole vector has norm 1).
    name_norm: f32,
    specific_norm: f32,
}

/// A hash map keyed by term ids (already FNV hashes) or story ids (sequential): one
/// multiplication mixes the key, where the standard SipHash would cost a third of the run
/// time.
type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// The hasher of [`IdMap`]: Fibonacci hashing of a `u64` key.
#[derive(Clone, Copy, Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0.rotate_left(8) ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = (key ^ (key >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The power mean of two non-negative values with exponent `p`: `((a^p + b^p) / 2)^(1/p)`;
/// the arithmetic mean at 1, the geometric mean at 0 (and below).
fn power_mean(a: f32, b: f32, p: f32) -> f32 {
    let (a, b) = (a.max(0.0), b.max(0.0));
    if p == 1.0 {
        (a + b) / 2.0
    } else if p <= 0.0 {
        (a * b).sqrt()
    } else {
        ((a.powf(p) + b.powf(p)) / 2.0).powf(1.0 / p)
    }
}

/// `numerator / denominator`, 0 when the denominator is 0.
fn ratio(numerator: f32, denominator: f32) -> f32 {
    if denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}

/// Keeps the `k` items with the largest score, in that order. `key` gives (id, score); ties
/// go to the smaller id, so the result never depends on the input order.
fn top_by<T, F: Fn(&T) -> (u64, f32)>(items: &mut Vec<T>, k: usize, key: F) {
    let order = |a: &T, b: &T| {
        let (ia, sa) = key(a);
        let (ib, sb) = key(b);
        sb.total_cmp(&sa).then_with(|| ia.cmp(&ib))
    };
    if k == 0 {
        items.clear();
        return;
    }
    if items.len() > k {
        items.select_nth_unstable_by(k - 1, order);
        items.truncate(k);
    }
    items.sort_unstable_by(order);
}

// ---------------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------------

/// Where a token stands: headline, lead, or the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Lead,
    Body,
}

/// A word token with what the feature extractor needs to know about it.
struct Token {
    /// Lower-cased, possessive and inflection folded (numbers: digits and separators only).
    form: String,
    /// The term id of `form` (a word or a number).
    id: u64,
    field: Field,
    /// Sentence index (for headline-case detection).
    sentence: usize,
    capitalised: bool,
    /// First token of its sentence.
    initial: bool,
    number: bool,
    /// A function word (decided before stemming).
    stop: bool,
    /// Ends in a possessive ("Apple's"): a name pair does not run across it.
    possessive: bool,
    /// Separated from the previous token by white space only.
    adjacent: bool,
}

/// The weighted features of an article, one entry per term, sorted by term.
fn features(doc: &StoryDoc, config: &StoryConfig) -> Vec<Entry> {
    let mut tokens = Vec::new();
    let mut sentence = 0;
    if let Some(title) = doc.title.as_deref() {
        tokenize(title, Field::Title, &mut sentence, usize::MAX, &mut tokens);
        sentence += 1;
    }
    tokenize(
        &doc.text,
        Field::Lead,
        &mut sentence,
        config.lead_words,
        &mut tokens,
    );

    // Words of a token that can be a feature: not a number, not a function word, two
    // letters or more.
    let is_word = |t: &Token| !t.number && !t.stop && t.form.len() >= 2;

    // Sentences set in headline case ("Sixers Hire Maurice Cheeks as Head Coach") say
    // nothing about which words are names: (capitalised, all) words of four letters or more,
    // and a sentence is in headline case when at least four of them are and nine in ten are
    // capitalised (a sentence of text rarely is: "Apple's Phil Schiller was not involved").
    let mut caps_per_sentence = vec![(0u32, 0u32); sentence + 1];
    for t in tokens.iter().filter(|t| is_word(t) && t.form.len() >= 4) {
        let e = &mut caps_per_sentence[t.sentence];
        e.0 += u32::from(t.capitalised);
        e.1 += 1;
    }
    let headline_case = |s: usize| {
        let (caps, all) = caps_per_sentence[s];
        all >= 4 && caps * 10 >= all * 9
    };

    // A word form is a name when it is written capitalised inside sentences at least as
    // often as in lower case: (capitalised inside a sentence, lower case) per form.
    let mut votes: IdMap<(u32, u32)> = IdMap::default();
    for t in tokens.iter().filter(|t| is_word(t)) {
        let e = votes.entry(t.id).or_default();
        if !t.capitalised {
            e.1 += 1;
        } else if !t.initial && !headline_case(t.sentence) {
            e.0 += 1;
        }
    }
    let is_name = |t: &Token| {
        votes.get(&t.id).is_some_and(|&(c, l)| c > 0 && c >= l) && !is_calendar_word(&t.form)
    };

    // term → (occurrences, strongest field multiplier × kind weight, kind)
    let mut counts: IdMap<(u32, f32, u8)> = IdMap::default();
    let mut add = |term: u64, weight: f32, kind: u8| {
        let e = counts.entry(term).or_insert((0, 0.0, WORD));
        e.0 += 1;
        e.1 = e.1.max(weight);
        e.2 = e.2.max(kind);
    };
    let mut previous_name: Option<&str> = None;
    for (k, t) in tokens.iter().enumerate() {
        let field = match t.field {
            Field::Title => config.title_weight,
            Field::Lead => config.lead_weight,
            Field::Body => config.body_weight,
        };
        if t.number {
            add(t.id, field * config.number_weight, SPECIFIC);
            previous_name = None;
        } else if t.capitalised && is_weekday(&t.form) {
            // When: the day a report puts the event on ("on Tuesday").
            add(t.id, field * config.when_weight, SPECIFIC);
            previous_name = None;
        } else if t.capitalised && is_month(&t.form) {
            // A month is a word; with a day number next to it ("6 December", "December 6")
            // it is a date, which says when as a name says who.
            add(t.id, field, WORD);
            let day = |j: Option<usize>| {
                j.and_then(|j| tokens.get(j)).filter(|d| {
                    d.number && d.form.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n))
                })
            };
            let before = day(k.checked_sub(1)).filter(|_| t.adjacent);
            let after = day(Some(k + 1)).filter(|d| d.adjacent);
            if let Some(d) = after.or(before) {
                let date = term_id(b'd', &[&t.form, " ", &d.form]);
                add(date, field * config.when_weight, SPECIFIC);
            }
            previous_name = None;
        } else if !is_word(t) {
            previous_name = None;
        } else if is_name(t) {
            add(t.id, field * config.name_weight, NAME);
            if let Some(previous) = previous_name.filter(|_| t.adjacent) {
                let pair = term_id(b'p', &[previous, " ", &t.form]);
                add(pair, field * config.name_weight, NAME);
            }
            previous_name = (!t.possessive).then_some(t.form.as_str());
        } else {
            add(t.id, field, WORD);
            previous_name = None;
        }
    }
    let mut out: Vec<Entry> = counts
        .into_iter()
        .map(|(term, (n, w, kind))| Entry(term, (1.0 + (n as f32).ln()) * w, kind))
        .collect();
    out.sort_unstable_by_key(|e| e.0);
    out
}

/// Cuts `text` into tokens. The first `lead` tokens get `field` (Title or Lead), the rest
/// Body (a title passes `usize::MAX`). `sentence` counts sentences across calls.
///
/// A token is a run of letters and digits; an apostrophe joins letters ("O'Brien"), and in
/// numbers `.`, `,`, `-`, `/` and `:` join digits ("3.5", "1,000", "9-14", "4:20"). A
/// single letter followed by a period and a letter continues ("U.S").
fn tokenize(text: &str, field: Field, sentence: &mut usize, lead: usize, out: &mut Vec<Token>) {
    let mut chars = text.char_indices().peekable();
    let mut at_start = true;
    let mut gap_is_space = false;
    let mut produced = 0usize;
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            if matches!(c, '.' | '!' | '?' | '\n') && !at_start {
                at_start = true;
                *sentence += 1;
            }
            gap_is_space &= c.is_whitespace();
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_digit = c.is_ascii_digit();
        let mut letters = 1usize;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                has_digit |= c.is_ascii_digit();
                letters += 1;
                end = i + c.len_utf8();
                chars.next();
                continue;
            }
            let next = text[i + c.len_utf8()..].chars().next().unwrap_or(' ');
            let joins = match c {
                '\'' | '\u{2019}' => next.is_alphabetic(),
                '.' => next.is_alphanumeric() && (has_digit || letters == 1),
                '-' | ',' | '/' | ':' => has_digit && next.is_ascii_digit(),
                _ => false,
            };
            if !joins {
                break;
            }
            chars.next();
        }
        let word = &text[start..end];
        let lower = word.to_lowercase().replace('\u{2019}', "'");
        let possessive = lower.ends_with("'s") || lower.ends_with('\'');
        let form = normalise(lower.clone(), has_digit);
        out.push(Token {
            id: term_id(if has_digit { b'n' } else { b'w' }, &[&form]),
            stop: !has_digit && is_stopword(&lower),
            form,
            field: if produced < lead { field } else { Field::Body },
            sentence: *sentence,
            capitalised: c.is_uppercase(),
            initial: at_start,
            number: has_digit,
            possessive,
            adjacent: gap_is_space && !at_start,
        });
        produced += 1;
        at_start = false;
        gap_is_space = true;
    }
}

/// Folds a lower-cased token: drops a possessive and strips inflection (plurals, `-ed`,
/// `-ing`); numbers only lose thousands separators.
fn normalise(mut w: String, number: bool) -> String {
    if number {
        w.retain(|c| c != ',');
        return w;
    }
    for suffix in ["'s", "'"] {
        if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
        }
    }
    if w.is_ascii() {
        stem(&mut w);
    }
    w
}

/// A light stemmer for lower-case ASCII words, in the manner of steps 1 and 5a of Porter's
/// algorithm: plurals ("ies" → "y", "s" → "") and the "-ed"/"-ing" endings, with the usual
/// repairs ("hoped" → "hope", "stopped" → "stop"), and a final "e" after a long stem.
/// "sentenced", "sentences", "sentencing" and "sentence" all become "sentenc"; it does not
/// touch derivational suffixes ("-ation", "-ness"), which often change meaning in news.
fn stem(w: &mut String) {
    inflection(w);
    // A final "e" goes when the rest is long enough ("sentence" → "sentenc", like
    // "sentenced"), but not after a short consonant-vowel-consonant stem ("fire", "hope").
    if w.ends_with('e') {
        let b = &w.as_bytes()[..w.len() - 1];
        let m = measure(b);
        if m > 1 || (m == 1 && !ends_cvc(b)) {
            w.pop();
        }
    }
}

/// The plural and `-ed`/`-ing` part of [`stem`] (Porter's steps 1a and 1b).
fn inflection(w: &mut String) {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(n - 1);
    }
    let b = w.as_bytes();
    if w.ends_with("eed") {
        if measure(&b[..b.len() - 3]) > 0 {
            w.pop();
        }
        return;
    }
    let cut = if w.ends_with("ed") {
        2
    } else if w.ends_with("ing") {
        3
    } else {
        return;
    };
    let stem_len = w.len() - cut;
    if stem_len < 2 || !(0..stem_len).any(|i| !is_consonant(b, i)) {
        return;
    }
    w.truncate(stem_len);
    let b = w.as_bytes();
    let last = b.len() - 1;
    if w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz") {
        w.push('e');
    } else if b.len() >= 2
        && b[last] == b[last - 1]
        && is_consonant(b, last)
        && !matches!(b[last], b'l' | b's' | b'z')
    {
        w.pop();
    } else if measure(b) == 1 && ends_cvc(b) {
        w.push('e');
    }
}

/// Whether the letter at `i` is a consonant (`y` after a consonant is a vowel).
fn is_consonant(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(b, i - 1),
        _ => true,
    }
}

/// Porter's measure: the number of vowel-consonant sequences in `b`.
fn measure(b: &[u8]) -> usize {
    let mut m = 0;
    let mut previous_vowel = false;
    for i in 0..b.len() {
        let consonant = is_consonant(b, i);
        if consonant && previous_vowel {
            m += 1;
        }
        previous_vowel = !consonant;
    }
    m
}

/// Whether `b` ends consonant-vowel-consonant, the last not `w`, `x` or `y` ("hop", "fil").
fn ends_cvc(b: &[u8]) -> bool {
    let n = b.len();
    n >= 3
        && is_consonant(b, n - 1)
        && !is_consonant(b, n - 2)
        && is_consonant(b, n - 3)
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
}

/// Month and weekday names: capitalised, but not names (see [`is_weekday`], [`is_month`]).
fn is_calendar_word(w: &str) -> bool {
    is_weekday(w) || is_month(w)
}

/// Weekday names (stemmed forms are the same). News reports put an event on its weekday
/// ("struck on Tuesday"), and reports of one event mostly name the same one.
fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Month names (as stemmed: the stemmer leaves all twelve as they are).
fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// English function words, contractions and the reporting verbs every article carries.
fn is_stopword(w: &str) -> bool {
    static SET: OnceLock<IdMap<()>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        STOPWORDS
            .iter()
            .map(|w| (term_id(b's', &[w]), ()))
            .collect()
    });
    w.len() <= 10 && set.contains_key(&term_id(b's', &[w]))
}

/// The words of [`is_stopword`] (none longer than ten bytes).
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "he's",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "myself",
    "n't",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "she's",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they're",
    "they've",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "wasn't",
    "we",
    "we're",
    "we've",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "won't",
    "would",
    "you",
    "you're",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// A stable 64-bit id (FNV-1a) for a term of kind `kind` (`w` word, `p` name pair,
/// `n` number) spelled by the concatenation of `parts`. Stable across runs and Rust
/// versions, so saved states stay valid.
fn term_id(kind: u8, parts: &[&str]) -> u64 {
    let mut h = crate::hash::Fnv1a::new();
    h.byte(kind);
    for p in parts {
        h.bytes(p.as_bytes());
    }
    h.finish()
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (only the first ten characters are read).
fn parse_day(date: &str) -> Option<i32> {
    let d = date.trim().get(..10)?;
    let mut parts = d.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (proleptic Gregorian), after H. Hinnant's well-known derivation.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn doc(id: &str, published: &str, title: &str, text: &str) -> StoryDoc {
        StoryDoc {
            id: id.to_string(),
            title: Some(title.to_string()),
            text: text.to_string(),
            published: (!published.is_empty()).then(|| published.to_string()),
        }
    }

    /// Two earthquakes in different places, a follow-up on the first, and an unrelated
    /// story, all undated so that only the text decides.
    pub(super) fn quakes() -> Vec<StoryDoc> {
        vec![
            doc(
                "a1",
                "",
                "Earthquake kills 12 in the hill town of Ostrava Nova",
                "A magnitude 6.2 earthquake struck Ostrava Nova in the province of Kelmar early on \
                 Tuesday, killing 12 people and destroying the old church, officials said. \
                 Governor Anika Dorn declared a state of emergency and rescue teams searched \
                 the rubble through the night.",
            ),
            doc(
                "b1",
                "",
                "Quake shakes the port of Saint Velour, no deaths reported",
                "A magnitude 5.4 earthquake shook the port city of Saint Velour on the island \
                 of Marrow on Sunday. Two people were hurt by falling glass and the ferry \
                 service was suspended while engineers checked the harbour wall, Mayor Piet \
                 Oduya said.",
            ),
            doc(
                "x1",
                "",
                "Council approves new tram line for the city centre",
                "The city council voted 31 to 9 on Thursday to build a tram line between the \
                 railway station and the university, at a cost of 140 million. Construction is \
                 due to start next spring.",
            ),
            doc(
                "a2",
                "",
                "Ostrava Nova death toll rises as aftershocks rattle Kelmar",
                "Rescuers in Ostrava Nova pulled two more bodies from the ruins on Wednesday, \
                 raising the death toll from Tuesday's 6.2 earthquake to 14. Governor Anika \
                 Dorn said 2,000 people in Kelmar had spent the night in tents as aftershocks \
                 continued.",
            ),
        ]
    }

    #[test]
    fn two_earthquakes_in_different_places_are_two_stories_and_a_follow_up_joins() {
        let mut c = StoryClusterer::default();
        let ids: Vec<u64> = quakes().iter().map(|d| c.add(d)).collect();
        assert_ne!(ids[0], ids[1], "two different earthquakes");
        assert_ne!(ids[0], ids[2]);
        assert_ne!(ids[1], ids[2]);
        assert_eq!(ids[3], ids[0], "the follow-up joins the first earthquake");
        assert_eq!(c.stories_opened(), 3);
        assert_eq!(c.documents(), 4);
    }

    #[test]
    fn follow_up_on_the_second_earthquake_joins_it_not_the_first() {
        let mut c = StoryClusterer::default();
        let ids: Vec<u64> = quakes().iter().map(|d| c.add(d)).collect();
        let follow_up = doc(
            "b2",
            "",
            "Saint Velour ferries resume after Sunday's tremor",
            "Ferries between Saint Velour and the mainland sailed again on Tuesday, two days \
             after the 5.4 earthquake cracked the harbour wall. Mayor Piet Oduya thanked the \
             engineers. Marrow had not felt a quake that strong since 1987.",
        );
        let a = c.add_explained(&follow_up);
        assert_eq!(a.story, ids[1]);
        assert!(!a.new_story);
        assert!(a.similarity >= c.config().threshold);
    }

    #[test]
    fn identical_texts_far_apart_in_time_are_different_stories() {
        let mut c = StoryClusterer::default();
        let text = "Floods on the Tarrow River forced 3,000 people from their homes in \
                    Pellham, Governor Ruth Abernethy said.";
        let first = c.add(&doc("1", "2021-04-02", "Tarrow River floods Pellham", text));
        let same_week = c.add(&doc("2", "2021-04-05", "Tarrow River floods Pellham", text));
        let next_year = c.add(&doc("3", "2022-04-02", "Tarrow River floods Pellham", text));
        assert_eq!(first, same_week);
        assert_ne!(first, next_year);
    }

    #[test]
    fn serde_round_trip_keeps_assignments_consistent() {
        let docs = quakes();
        let more = [
            doc(
                "a3",
                "",
                "Kelmar begins to rebuild after Ostrava Nova earthquake",
                "Governor Anika Dorn promised money to rebuild the church of Ostrava Nova.",
            ),
            doc(
                "x2",
                "",
                "Tram line vote: what happens next",
                "After Thursday's council vote, the tram line goes to a public inquiry.",
            ),
        ];
        let mut original = StoryClusterer::default();
        for d in &docs {
            original.add(d);
        }
        let json = serde_json::to_string(&original).expect("serialise");
        let mut restored: StoryClusterer = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(restored.documents(), original.documents());
        assert_eq!(restored.stories_opened(), original.stories_opened());
        assert_eq!(restored.config(), original.config());
        for d in &more {
            let a = original.add_explained(d);
            let b = restored.add_explained(d);
            assert_eq!(a, b, "{}", d.id);
        }
        // And a second round trip of the grown state serialises to the same text.
        let again: StoryClusterer =
            serde_json::from_str(&serde_json::to_string(&restored).unwrap()).unwrap();
        let mut a = serde_json::to_value(&again).unwrap();
        let mut b = serde_json::to_value(&original).unwrap();
        // Maps serialise in hash order; compare as JSON values (order-free objects).
        a.sort_all_objects();
        b.sort_all_objects();
        assert_eq!(a, b);
    }

    /// A deterministic generator of small synthetic articles: `events` events, each with its
    /// own names, place and numbers, written with words from a shared vocabulary.
    fn synthetic(n: usize, events: u64) -> Vec<StoryDoc> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let word = |k: u64| format!("w{}", k % 5_000);
        let name = |k: u64| format!("Nm{}", k % 100_000);
        (0..n)
            .map(|i| {
                let e = next() % events;
                let mut text = format!(
                    "{} of {} met {} in {} on day {}.",
                    name(e * 7),
                    name(e * 7 + 1),
                    name(e * 7 + 2),
                    name(e * 7 + 3),
                    e % 997
                );
                for _ in 0..40 {
                    text.push(' ');
                    text.push_str(&word(next()));
                }
                text.push_str(&format!(
                    ". The {} said {} would {}.",
                    name(e * 7 + 4),
                    word(e),
                    word(e + 1)
                ));
                StoryDoc {
                    id: i.to_string(),
                    title: Some(format!(
                        "{} and {} {}",
                        name(e * 7),
                        name(e * 7 + 2),
                        word(e)
                    )),
                    text,
                    published: None,
                }
            })
            .collect()
    }

    #[test]
    fn twenty_thousand_small_docs_stay_fast_and_bounded() {
        let docs = synthetic(20_000, 2_000);
        let config = StoryConfig {
            max_active_stories: 1_500,
            ..StoryConfig::default()
        };
        let mut c = StoryClusterer::new(config);
        let started = std::time::Instant::now();
        for d in &docs {
            c.add(d);
        }
        let elapsed = started.elapsed();
        // Release builds do this in well under a second; the budget leaves room for debug
        // builds on a slow, shared machine.
        assert!(elapsed.as_secs() < 60, "20,000 documents took {elapsed:?}");
        assert_eq!(c.documents(), 20_000);
        assert!(c.stories_active() <= 1_500);
        // Each event (about 10 articles) should mostly land in one story.
        assert!(c.stories_opened() < 6_000, "{} stories", c.stories_opened());
        assert!(c.postings.values().all(|p| p.len() <= c.config.posting_cap));
    }

    #[test]
    fn vocabulary_is_pruned_past_its_cap() {
        let config = StoryConfig {
            max_vocabulary: 2_000,
            ..StoryConfig::default()
        };
        let mut c = StoryClusterer::new(config);
        for d in synthetic(2_000, 500) {
            c.add(&d);
        }
        assert!(c.df.len() <= 2_000);
        assert!(c.pruned_below >= 1);
    }

    #[test]
    fn retired_stories_leave_the_index() {
        let config = StoryConfig {
            max_active_stories: 2,
            ..StoryConfig::default()
        };
        let mut c = StoryClusterer::new(config);
        for d in quakes() {
            c.add(&d);
        }
        assert_eq!(c.stories_active(), 2);
        let open: Vec<u64> = c.stories.keys().copied().collect();
        for list in c.postings.values() {
            assert!(list.iter().all(|s| open.contains(s)));
        }
    }

    #[test]
    fn empty_articles_get_a_story_of_their_own() {
        let mut c = StoryClusterer::default();
        let a = c.add(&StoryDoc::default());
        let b = c.add(&StoryDoc::default());
        assert_ne!(a, b);
    }

    #[test]
    fn names_numbers_and_pairs_are_identity_features() {
        let d = doc(
            "1",
            "",
            "Sixers Fire Coach Maurice Cheeks",
            "The Philadelphia 76ers fired coach Maurice Cheeks on Saturday after a 9-14 \
             start. Cheeks was in his fourth season. Apple's Phil Schiller was not involved.",
        );
        let f = features(&d, &StoryConfig::default());
        let get = |kind: u8, parts: &[&str]| f.iter().find(|e| e.0 == term_id(kind, parts));
        assert!(get(b'w', &["cheek"]).is_some_and(|e| e.2 == NAME), "a name");
        // (Names are stemmed like any word: "Maurice Cheeks" → "mauric cheek".)
        assert!(
            get(b'p', &["mauric cheek"]).is_some_and(|e| e.2 == NAME),
            "a name pair"
        );
        assert!(
            get(b'n', &["9-14"]).is_some_and(|e| e.2 == SPECIFIC),
            "a number"
        );
        assert!(get(b'n', &["76ers"]).is_some_and(|e| e.2 == SPECIFIC));
        assert!(
            get(b'w', &["coach"]).is_some_and(|e| e.2 == WORD),
            "lower case inside text"
        );
        assert!(
            get(b'w', &["saturday"]).is_some_and(|e| e.2 == SPECIFIC),
            "weekdays say when"
        );
        assert!(get(b'w', &["the"]).is_none(), "function words are dropped");
        assert!(
            get(b'p', &["apple phil"]).is_none(),
            "no pair across a possessive"
        );
        assert!(get(b'p', &["phil schiller"]).is_some());
        // The title outweighs the body: "fire" appears in both, "season" only in the body.
        let fire = get(b'w', &["fire"]).unwrap().1;
        let season = get(b'w', &["season"]).unwrap().1;
        assert!(fire > season);
    }

    #[test]
    fn dates_written_with_a_month_are_specifics_and_months_alone_are_words() {
        let d = doc(
            "1",
            "",
            "Storm recovery",
            "The storm of 6 December cut power. By December 9 crews had restored it. \
             Officials may march on in March.",
        );
        let f = features(&d, &StoryConfig::default());
        let get = |kind: u8, parts: &[&str]| f.iter().find(|e| e.0 == term_id(kind, parts));
        assert!(get(b'd', &["december", " ", "6"]).is_some_and(|e| e.2 == SPECIFIC));
        assert!(get(b'd', &["december", " ", "9"]).is_some_and(|e| e.2 == SPECIFIC));
        assert!(get(b'w', &["december"]).is_some_and(|e| e.2 == WORD));
        assert!(get(b'w', &["march"]).is_some_and(|e| e.2 == WORD));
        assert!(f.iter().all(|e| e.0 != term_id(b'd', &["march", " ", "9"])));
    }

    #[test]
    fn centroid_kinds_read_from_old_flags() {
        let old: Centroid = serde_json::from_str("[7, 0.5, 0.25, true]").unwrap();
        assert_eq!(old, Centroid(7, 0.5, 0.25, NAME));
        let word: Centroid = serde_json::from_str("[7, 0.5, 0.25, false]").unwrap();
        assert_eq!(word.3, WORD);
        let new: Centroid = serde_json::from_str(
            &serde_json::to_string(&Centroid(7, 0.5, 0.25, SPECIFIC)).unwrap(),
        )
        .unwrap();
        assert_eq!(new.3, SPECIFIC);
    }

    #[test]
    fn configs_saved_before_identity_power_keep_the_plain_mean() {
        let mut json = serde_json::to_value(StoryConfig::default()).unwrap();
        json.as_object_mut().unwrap().remove("identity_power");
        json["threshold"] = serde_json::json!(0.3);
        let old: StoryConfig = serde_json::from_value(json).unwrap();
        assert_eq!(old.identity_power, 1.0);
        assert_eq!(old.threshold, 0.3);
    }

    #[test]
    fn power_mean_runs_from_geometric_to_arithmetic() {
        assert_eq!(power_mean(0.6, 0.2, 1.0), 0.4);
        assert!((power_mean(0.6, 0.0, 0.5) - 0.15).abs() < 1e-6);
        assert_eq!(power_mean(0.6, 0.0, 0.0), 0.0);
        assert!((power_mean(0.5, 0.5, 0.5) - 0.5).abs() < 1e-6);
    }

    #[test]
    fn tokens() {
        let mut out = Vec::new();
        let mut sentence = 0;
        tokenize(
            "O'Brien's U.S. team won 3.5-1 at 4:20, costing $1,000. Then \u{2019}twas over.",
            Field::Lead,
            &mut sentence,
            5,
            &mut out,
        );
        let forms: Vec<&str> = out.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(
            forms,
            [
                "o'brien", "u.s", "team", "won", "3.5-1", "at", "4:20", "cost", "1000", "then",
                "twa", "over"
            ]
        );
        assert!(out[0].possessive && out[0].capitalised && out[0].initial);
        assert!(out[1].adjacent && !out[1].initial);
        assert!(out[5].stop && !out[2].stop);
        assert!(out[9].initial, "after a full stop");
        assert_eq!(out[4].field, Field::Lead);
        assert_eq!(out[5].field, Field::Body, "past the lead");
        assert!(out[4].number && !out[2].number);
    }

    #[test]
    fn stemming_folds_inflections_together() {
        let stemmed = |w: &str| {
            let mut s = w.to_string();
            stem(&mut s);
            s
        };
        for family in [
            &["sentence", "sentenced", "sentences", "sentencing"][..],
            &["fire", "fired", "fires", "firing"],
            &["hope", "hoped", "hoping"],
            &["stop", "stopped", "stopping", "stops"],
            &["agree", "agreed", "agrees"],
            &["injury", "injuries"],
            &["fall", "falling", "falls"],
            &["escape", "escaped", "escaping"],
        ] {
            let first = stemmed(family[0]);
            for w in family {
                assert_eq!(stemmed(w), first, "{w} vs {}", family[0]);
            }
        }
        // Words that only look inflected stay apart from their look-alikes.
        for (a, b) in [("king", "k"), ("bus", "bu"), ("crisis", "crisi")] {
            assert_ne!(stemmed(a), stemmed(b), "{a}");
        }
        assert_eq!(stemmed("fired"), "fire");
    }

    #[test]
    fn stopwords_are_short_enough_for_the_length_filter() {
        assert!(STOPWORDS.iter().all(|w| w.len() <= 10));
        assert!(is_stopword("the") && is_stopword("it's") && !is_stopword("earthquake"));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2000-03-01"), Some(11_017));
        assert_eq!(parse_day("2024-02-29T10:00:00Z"), Some(19_782));
        assert_eq!(parse_day("1969-12-31"), Some(-1));
        assert_eq!(parse_day("2024-13-01"), None);
        assert_eq!(parse_day("yesterday"), None);
        assert_eq!(parse_day("2024-1"), None);
    }

    #[test]
    fn date_damping() {
        let c = StoryClusterer::default();
        let story = Story {
            first_day: Some(100),
            last_day: Some(110),
            ..Story::default()
        };
        assert_eq!(c.date_factor(&story, None), 1.0);
        assert_eq!(c.date_factor(&story, Some(105)), 1.0);
        assert_eq!(
            c.date_factor(&story, Some(113)),
            1.0,
            "within the grace period"
        );
        assert!(
            (c.date_factor(&story, Some(127)) - 0.5).abs() < 1e-6,
            "one half-life out"
        );
        assert!(
            (c.date_factor(&story, Some(83)) - 0.5).abs() < 1e-6,
            "before the story too"
        );
    }
}
