//! The rule that joins a lone quote's group to a group saying the same thing in other words,
//! on quotes held in memory. The store runs it on a document's candidates read from the
//! database ([`super::meaning`]); [`story_translations`] runs it over a story's documents in
//! arrival order, for the Spark job (`quotetrace._native`).

use std::collections::{HashMap, HashSet};

use quotetrace_link::meaning::{LinkKind, Meaning, CONFLICT_MARGIN, MIN_WORDS, THRESHOLD};
use quotetrace_link::names::{is_full_name, may_be_same_speaker};

/// The most recent documents of a story a translation is looked for in.
pub(crate) const TRANSLATION_DOCUMENTS: usize = 50;
/// Days between two articles' dates within which one can carry a translation of the other's
/// quote (undated articles are compared with the story's recent ones whatever their date).
pub(crate) const TRANSLATION_DAYS: i64 = 3;

/// A quote as the linking reads it.
pub(crate) struct Cand {
    pub(crate) id: i64,
    pub(crate) kind: String,
    pub(crate) speaker: Option<i64>,
    pub(crate) speaker_text: Option<String>,
    /// Its variant group now.
    pub(crate) cluster: i64,
    /// Days since 0000-03-01 of its article's date.
    pub(crate) day: Option<i64>,
}

/// Whether two quotes' speakers may be one: either unknown, the same corpus speaker, one of
/// them not a full name (an agency, a body, a place, a bare surname, a description:
/// [`is_full_name`]), or two names a transliteration could make of one ("Aleksei" /
/// "Alexei Krivoruchko").
fn speakers_agree(a: &Cand, b: &Cand) -> bool {
    match (a.speaker, b.speaker) {
        (Some(x), Some(y)) if x != y => match (&a.speaker_text, &b.speaker_text) {
            (Some(p), Some(q)) => {
                !(is_full_name(p) && is_full_name(q)) || may_be_same_speaker(p, q)
            }
            _ => true,
        },
        _ => true,
    }
}

/// A link chosen: `alone[quote]` (with the group it started) joins `others[to]`'s group.
pub(crate) struct Chosen {
    pub(crate) quote: usize,
    pub(crate) to: usize,
    /// Rounded to two decimals, as stored.
    pub(crate) confidence: f64,
    pub(crate) kind: LinkKind,
}

/// The links a document's lone quotes (`alone`: quotes that started a variant group, with
/// enough words) make with the quotes of its story's recent articles (`others`), best pairs
/// first; `taken` holds the groups the document already has a quote in, and gains each group
/// joined (a group takes at most one quote of an article).
pub(crate) fn choose<'m>(
    alone: &[Cand],
    others: &[Cand],
    meaning: impl Fn(i64) -> Option<&'m Meaning>,
    taken: &mut HashSet<i64>,
) -> Vec<Chosen> {
    // Per (quote, candidate group): the sum and count of its scores against the group's quotes
    // in the window, and the best-scoring of them. A group is joined on its average (average
    // link): one loose match with one member does not chain unrelated statements together.
    let mut groups: HashMap<(usize, i64), (f64, usize, f64, usize)> = HashMap::new();
    for (i, q) in alone.iter().enumerate() {
        for (j, o) in others.iter().enumerate() {
            if let (Some(a), Some(b)) = (q.day, o.day) {
                if (a - b).abs() > TRANSLATION_DAYS {
                    continue;
                }
            }
            let (Some(mq), Some(mo)) = (meaning(q.id), meaning(o.id)) else {
                continue;
            };
            let Some(s) = mq.score(mo) else {
                continue;
            };
            let need = if speakers_agree(q, o) {
                THRESHOLD
            } else {
                THRESHOLD + CONFLICT_MARGIN
            };
            // Scored against the threshold this pair needs: a speaker conflict counts as a
            // lower score.
            let s = s - (need - THRESHOLD);
            let e = groups
                .entry((i, o.cluster))
                .or_insert((0.0, 0, f64::MIN, j));
            e.0 += s;
            e.1 += 1;
            if s > e.2 {
                e.2 = s;
                e.3 = j;
            }
        }
    }
    let mut pairs: Vec<(f64, usize, usize)> = groups
        .into_iter()
        .map(|((i, _), (sum, n, _, j))| (sum / n as f64, i, j))
        .filter(|(mean, _, _)| *mean >= THRESHOLD)
        .collect();
    // Best pairs first (ties to the earliest quotes, so the result is the same every run).
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut linked = vec![false; alone.len()];
    let mut out = Vec::new();
    for (score, i, j) in pairs {
        let (q, o) = (&alone[i], &others[j]);
        if linked[i] || taken.contains(&o.cluster) {
            continue;
        }
        linked[i] = true;
        taken.insert(o.cluster);
        out.push(Chosen {
            quote: i,
            to: j,
            confidence: (score * 100.0).round() / 100.0,
            kind: LinkKind::of_meaning(&q.kind, &o.kind),
        });
    }
    out
}

/// One quote of a story's article, for [`story_translations`].
pub struct StoryQuote {
    pub text: String,
    /// `direct`, `partial`, `indirect` or `pull`.
    pub kind: String,
    /// Its corpus speaker.
    pub speaker: Option<i64>,
    /// The speaker as extracted.
    pub speaker_text: Option<String>,
    /// Its variant group (any number that names the group; equal for the group's quotes).
    pub group: i64,
    /// Whether the quote is its group's first (it started the group).
    pub starts_group: bool,
}

/// One article of a story: its place in the corpus's arrival order (0, 1, ... over every
/// stored article, whatever its story), its date (`YYYY-MM-DD...`, `None` when undated) and
/// its quotes.
pub struct StoryDoc {
    pub position: u64,
    pub published: Option<String>,
    pub quotes: Vec<StoryQuote>,
}

/// A translation or paraphrase link: quote `quote` of document `doc` (positions in the input)
/// joins, with the group it started, the group `to_group`.
#[derive(Debug, Clone, PartialEq)]
pub struct TranslationLink {
    pub doc: usize,
    pub quote: usize,
    pub to_group: i64,
    pub confidence: f64,
    pub kind: &'static str,
}

/// The translation and paraphrase links of one story's articles, given in arrival order, as
/// the store makes them when `ingest` stores the corpus `batch` articles a transaction: each
/// article's lone quotes, in turn, against the quotes of the story's 50 most recent other
/// articles stored by the end of its batch (later articles of its own batch included) within
/// 3 days of its date, by the rule the store applies (`choose`). A group that joins another
/// is the other from then on (`to_group` is the group as it is at that point). The story is
/// the one given for all of them: the store links an article within the story it has when
/// its batch is stored (and again within a later one when a refinement moves it), which is
/// this one unless the clusterer moved it.
pub fn story_translations(docs: &[StoryDoc], batch: usize) -> Vec<TranslationLink> {
    let batch = batch.max(1) as u64;
    fn root(moved: &HashMap<i64, i64>, mut g: i64) -> i64 {
        while let Some(&to) = moved.get(&g) {
            g = to;
        }
        g
    }
    let days: Vec<Option<i64>> = docs
        .iter()
        .map(|d| d.published.as_deref().and_then(super::meaning::day_number))
        .collect();
    // Meaning keys of every quote, made once each; a quote's id is its position among all
    // the story's quotes.
    let first: Vec<usize> = docs
        .iter()
        .scan(0, |n, d| {
            let at = *n;
            *n += d.quotes.len();
            Some(at)
        })
        .collect();
    let meanings: Vec<Meaning> = docs
        .iter()
        .flat_map(|d| d.quotes.iter().map(|q| Meaning::of(&q.text)))
        .collect();
    let id = |doc: usize, quote: usize| (first[doc] + quote) as i64;
    let meaning_of = |id: i64| meanings.get(id as usize);
    let mut moved: HashMap<i64, i64> = HashMap::new();
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let cand = |moved: &HashMap<i64, i64>, doc: usize, quote: usize| {
            let q = &docs[doc].quotes[quote];
            Cand {
                id: id(doc, quote),
                kind: q.kind.clone(),
                speaker: q.speaker,
                speaker_text: q.speaker_text.clone(),
                cluster: root(moved, q.group),
                day: days[doc],
            }
        };
        let alone: Vec<Cand> = (0..doc.quotes.len())
            .filter(|&i| {
                let q = &doc.quotes[i];
                q.starts_group
                    && has_words(&meanings[first[d] + i])
                    && root(&moved, q.group) == q.group
            })
            .map(|i| cand(&moved, d, i))
            .collect();
        if alone.is_empty() {
            continue;
        }
        let window = |o: usize| match (days[d], days[o]) {
            (Some(a), Some(b)) => (a - b).abs() <= TRANSLATION_DAYS,
            _ => true,
        };
        // Articles are in arrival order: those stored by the end of this one's batch come
        // first, and the most recent of them are taken.
        let stored_by = (doc.position / batch + 1) * batch;
        let end = docs.partition_point(|o| o.position < stored_by);
        let others: Vec<Cand> = (0..end)
            .rev()
            .filter(|&o| o != d && window(o))
            .take(TRANSLATION_DOCUMENTS)
            .flat_map(|o| (0..docs[o].quotes.len()).map(move |i| (o, i)))
            .map(|(o, i)| cand(&moved, o, i))
            .collect();
        let mut taken: HashSet<i64> = doc.quotes.iter().map(|q| root(&moved, q.group)).collect();
        for c in choose(&alone, &others, meaning_of, &mut taken) {
            let (q, o) = (&alone[c.quote], &others[c.to]);
            let quote = q.id as usize - first[d];
            moved.insert(doc.quotes[quote].group, o.cluster);
            out.push(TranslationLink {
                doc: d,
                quote,
                to_group: o.cluster,
                confidence: c.confidence,
                kind: c.kind.name(),
            });
        }
    }
    out
}

/// Whether a quote has the words a meaning link needs (fewer are too generic to link).
pub(crate) fn has_words(m: &Meaning) -> bool {
    m.len >= MIN_WORDS
}
