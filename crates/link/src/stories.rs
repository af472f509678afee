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

mod dates;
mod features;
mod math;
mod refine;
mod stem;
mod terms;
#[cfg(test)]
mod tests;
mod words;

pub use features::StoryFeatures;
use features::*;
use math::*;
use stem::*;
use terms::{Centroid, Entry, TermKind};
use words::*;

/// The day a `published` value dates an article to for the clusterer (days since
/// 1970-01-01; only the first ten characters, `YYYY-MM-DD`, are read), `None` when the
/// clusterer takes the article as undated. For callers that group articles by date the way
/// the clusterer reads them (the Spark job's story windows).
pub fn published_day(published: &str) -> Option<i32> {
    parse_day(published)
}

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

/// How many of the most similar stories an article remembers from its arrival: a
/// refinement compares it with their articles and with its own story's.
const NEAR_STORIES: usize = 4;

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
            *self.df.entry(e.term).or_default() += 1;
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
            .filter(|e| e.weight > 0.0)
            .map(|&e| {
                let idf = self.idf(e.term);
                (e, idf, e.weight * idf)
            })
            .collect();
        top_by(&mut weighted, self.config.doc_terms, |e| (e.0.term, e.2));
        let norm = weighted.iter().map(|e| e.2 * e.2).sum::<f32>().sqrt();
        if norm == 0.0 {
            return DocVector::default();
        }
        let query_len = self.config.query_terms.min(weighted.len());
        let query = weighted[..query_len]
            .iter()
            .map(|e| (e.0.term, e.2 / norm))
            .collect();
        weighted.sort_unstable_by_key(|e| e.0.term);
        let raw = weighted
            .iter()
            .map(|&(e, _, _)| Entry {
                weight: e.weight / norm,
                ..e
            })
            .collect();
        let idf = weighted.iter().map(|e| e.1).collect();
        let mut kind_norms = [0.0f32; 3];
        for e in &weighted {
            kind_norms[e.0.kind.index()] += (e.2 / norm) * (e.2 / norm);
        }
        DocVector {
            raw,
            idf,
            query,
            name_norm: kind_norms[TermKind::Name.index()],
            specific_norm: kind_norms[TermKind::Specific.index()],
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
            match doc[i].term.cmp(&centroid[j].term) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let idf = vector.idf[i];
                    let product = doc[i].weight * idf * centroid[j].mean * idf;
                    dot[TermKind::Word.index()] += product;
                    // An identity term of the article counts in its channel when the story
                    // holds it as an identity term too.
                    let kind = doc[i].kind;
                    if kind != TermKind::Word && centroid[j].kind != TermKind::Word {
                        dot[kind.index()] += product;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        let [members, members_identity] = story.member_norms;
        let members_specific = story.member_specific_norm.min(members_identity);
        let members_names = (members_identity - members_specific).max(0.0);
        let all = ratio(dot[TermKind::Word.index()], members.sqrt());
        let channel = |dot: f32, article: f32, members: f32| {
            (article > 0.0 && members > 0.0).then(|| ratio(dot, (article * members).sqrt()))
        };
        let names = channel(dot[TermKind::Name.index()], vector.name_norm, members_names);
        let specifics = channel(
            dot[TermKind::Specific.index()],
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
            let idf = self.idf(c.term);
            let square = c.mean_sq * idf * idf;
            norms[0] += square;
            if c.kind != TermKind::Word {
                norms[1] += square;
            }
            if c.kind == TermKind::Specific {
                norms[2] += square;
            }
        }
        norms
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
            if j == b.len() || (i < a.len() && a[i].term < b[j].term) {
                let c = a[i];
                merged.push(Centroid {
                    mean: c.mean * keep,
                    mean_sq: c.mean_sq * keep,
                    ..c
                });
                i += 1;
            } else if i == a.len() || b[j].term < a[i].term {
                let e = b[j];
                merged.push(Centroid {
                    term: e.term,
                    mean: e.weight * alpha,
                    mean_sq: e.weight * e.weight * alpha,
                    kind: e.kind,
                });
                j += 1;
            } else {
                let (c, e) = (a[i], b[j]);
                merged.push(Centroid {
                    term: c.term,
                    mean: c.mean * keep + e.weight * alpha,
                    mean_sq: c.mean_sq * keep + e.weight * e.weight * alpha,
                    kind: c.kind.max(e.kind),
                });
                i += 1;
                j += 1;
            }
        }
        // Cap by IDF-weighted strength; the strongest become the story's index keys.
        let mut ranked: Vec<(Centroid, f32)> = merged
            .into_iter()
            .map(|e| (e, e.mean * self.idf(e.term)))
            .collect();
        top_by(&mut ranked, self.config.centroid_terms, |e| (e.0.term, e.1));
        let mut keys: Vec<u64> = ranked
            .iter()
            .take(self.config.key_terms)
            .map(|e| e.0.term)
            .collect();
        keys.sort_unstable();
        story.centroid = ranked.into_iter().map(|e| e.0).collect();
        story.centroid.sort_unstable_by_key(|e| e.term);
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
