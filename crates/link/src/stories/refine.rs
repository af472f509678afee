//! Refinement: the latest articles' stories decided again, all at once.
//!
//! An article's story is decided when it arrives, from what came before it. That decision
//! depends on the order of arrival: the first reports of an event may open two stories that
//! later reports would have tied together, and an early wrong join seeds a story that then
//! draws in the articles of both events. A refinement looks back over the latest
//! [`StoryConfig::refine_window`] articles and clusters them again by average link, with the
//! same similarity and the same threshold as the arrival decision (both mean "average
//! similarity to the story's articles"), but now with every article of the window in view
//! and the closest pairs joined first, whatever the order they came in:
//!
//! 1. **Pairs.** Each article is compared with the articles of its own story and of the
//!    [`NEAR_STORIES`](super::NEAR_STORIES) stories it came closest to when it arrived
//!    (remembered then), all in the window. Comparing every pair that shares a term was
//!    exact but cost 4.9 s a refinement on the scale benchmark's corpus, where articles
//!    recombine paragraphs and share names widely (2.9 million pairs in 10,000 articles);
//!    this costs about 30 ms there, and gives the same ECB+ result. The similarity is the
//!    arrival decision's, between two articles: all terms and the identity channels under
//!    the current IDF.
//! 2. **Large stories.** A story with more than [`SAMPLE`] articles in the window is not
//!    split (its articles start as one group) and is compared through its latest [`SAMPLE`]
//!    articles, each pair standing for its share of the rest: comparing it whole would cost
//!    the square of its size, and cutting it by the pairs one can afford would shatter it.
//! 3. **Average link.** Starting from single articles (and the large stories), the two
//!    groups whose average similarity between members is highest are merged, while it
//!    reaches [`StoryConfig::threshold`]. Pairs that were not compared count as 0. A group
//!    carries the date range of its dated articles, and a merge is damped by the gap between
//!    the two groups' ranges, as an arrival is damped by its story's range. (Damping each
//!    pair by its own dates instead let undated articles, close to both, tie together two
//!    groups of dated articles years apart: one story spanning years.)
//! 4. **Ids.** Each group keeps the story id most of its articles had, the largest claim
//!    first; a group left without one gets a new id. Articles whose story changes are
//!    *moved*: the caller takes them with [`StoryClusterer::take_moves`] and rewrites them.
//! 5. **State.** The stories that gained or lost articles are rebuilt from their articles in
//!    the window, in arrival order, so the next arrivals are compared with the refined
//!    stories. A story left with no article in the window closes (its older articles keep
//!    its id).
//!
//! Articles older than the window are not revisited, so memory and time stay bounded: the
//! window holds about 1.7 KB per article.
//!
//! [`StoryConfig::refine_window`]: super::StoryConfig::refine_window
//! [`StoryConfig::threshold`]: super::StoryConfig::threshold

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use super::dates::DayRange as Range;
use super::{DocVector, Entry, IdMap, StoryClusterer, TermKind};

/// A story with more articles in the window than this is compared through its latest this
/// many, and is not split.
const SAMPLE: usize = 128;

impl StoryClusterer {
    /// Decides the stories of the latest [`StoryConfig::refine_window`] articles again, all
    /// at once (see the module docs). It runs on its own every
    /// [`StoryConfig::refine_every`] articles; call it at the end of a stream so that the
    /// last articles are refined too. It does nothing when no article came since the last
    /// refinement, so calling it again changes nothing. The articles it moves are kept for
    /// [`StoryClusterer::take_moves`].
    ///
    /// [`StoryConfig::refine_window`]: super::StoryConfig::refine_window
    /// [`StoryConfig::refine_every`]: super::StoryConfig::refine_every
    pub fn refine(&mut self) {
        if self.unrefined == 0 {
            return;
        }
        self.unrefined = 0;
        let n = self.recent.len();
        if n < 2 {
            return;
        }
        let vectors: Vec<DocVector> = self.recent.iter().map(|r| self.vector(&r.terms)).collect();
        let weighted: Vec<Weighted> = vectors.iter().map(Weighted::new).collect();
        // The window's articles of each story, in order.
        let mut members: IdMap<Vec<u32>> = IdMap::default();
        for (i, r) in self.recent.iter().enumerate() {
            members.entry(r.story).or_default().push(i as u32);
        }
        let edges = self.edges(&weighted, &members);
        // Stories too large to compare whole are not split: their articles start as one group.
        let atoms: Vec<usize> = (0..n)
            .map(|i| match members[&self.recent[i].story].as_slice() {
                list if list.len() > SAMPLE => list[0] as usize,
                _ => i,
            })
            .collect();
        let days: Vec<Option<i32>> = self.recent.iter().map(|r| r.day).collect();
        let dates = Dates {
            days: &days,
            factor: &|a, b| f64::from(self.range_factor(a, b)),
        };
        let groups = average_link(n, &atoms, &edges, f64::from(self.config.threshold), &dates);

        // Ids: the largest claim on an old story first.
        let mut claims: Vec<(usize, u64, usize)> = Vec::new();
        for (g, members) in groups.iter().enumerate() {
            let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
            for &i in members {
                *counts.entry(self.recent[i].story).or_default() += 1;
            }
            claims.extend(counts.into_iter().map(|(story, count)| (count, story, g)));
        }
        claims.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut id_of: Vec<Option<u64>> = vec![None; groups.len()];
        let mut taken: BTreeSet<u64> = BTreeSet::new();
        for (_, story, g) in claims {
            if id_of[g].is_none() && taken.insert(story) {
                id_of[g] = Some(story);
            }
        }
        // Groups are in order of their first article, so new ids follow arrival order.
        let mut affected: BTreeSet<u64> = BTreeSet::new();
        for (g, members) in groups.iter().enumerate() {
            let story = *id_of[g].get_or_insert_with(|| {
                self.opened += 1;
                self.opened - 1
            });
            for &i in members {
                let r = &mut self.recent[i];
                if r.story != story {
                    affected.insert(r.story);
                    affected.insert(story);
                    r.story = story;
                    self.moved.push((r.key, story));
                }
            }
        }
        if affected.is_empty() {
            return;
        }

        // Rebuild the stories that changed from their articles in the window.
        for &id in &affected {
            self.retire_story(id);
        }
        let members: Vec<(usize, u64)> = (0..n)
            .filter(|&i| affected.contains(&self.recent[i].story))
            .map(|i| (i, self.recent[i].story))
            .collect();
        // The window's articles are the latest added: the first one's sequence number is the
        // count before it.
        let first_seq = self.documents - n as u64;
        for (i, story) in members {
            self.stories.entry(story).or_default();
            let day = self.recent[i].day;
            self.update_story(story, &vectors[i], day, first_seq + i as u64);
        }
        self.retire();
    }

    /// The articles that refinements moved to another story since the last call, as
    /// (key, new story), in the order they were moved; an article moved twice appears twice
    /// (the last one holds). Keys are the callers' (see [`StoryClusterer::add_keyed`]).
    pub fn take_moves(&mut self) -> Vec<(u64, u64)> {
        std::mem::take(&mut self.moved)
    }

    /// Adds an article to the refinement window, dropping the oldest past its size.
    pub(super) fn remember(
        &mut self,
        key: u64,
        story: u64,
        near: Vec<u64>,
        day: Option<i32>,
        terms: Vec<Entry>,
    ) {
        let window = self.config.refine_window;
        if window == 0 {
            self.recent.clear();
            return;
        }
        self.recent.push_back(super::Recent {
            key,
            story,
            near,
            day,
            terms,
        });
        while self.recent.len() > window {
            self.recent.pop_front();
        }
    }

    /// The similarities of the window's article pairs that a refinement weighs, as
    /// (i, j, similarity) with `i < j`, above 0: each article with the articles of its own
    /// story and of the stories it came closest to on arrival. A story with more than
    /// [`SAMPLE`] articles in the window is compared through its latest [`SAMPLE`], each
    /// similarity scaled up to stand for its share of the rest, and it is not split.
    fn edges(&self, vectors: &[Weighted], members: &IdMap<Vec<u32>>) -> Vec<(u32, u32, f32)> {
        // A story's latest SAMPLE articles: its whole list from this position on.
        let sample = |list: &[u32]| list.len().saturating_sub(SAMPLE);
        let sampled = |i: u32| {
            let list = &members[&self.recent[i as usize].story];
            i >= list[sample(list)]
        };
        let pair = |i: u32, j: u32| (u64::from(i.min(j)) << 32) | u64::from(i.max(j));
        let mut pairs: Vec<u64> = Vec::new();
        for (i, r) in self.recent.iter().enumerate() {
            let i = i as u32;
            for story in std::iter::once(&r.story).chain(&r.near) {
                let Some(list) = members.get(story) else {
                    continue;
                };
                if *story == r.story && list.len() > SAMPLE {
                    continue; // not split: its articles start as one group
                }
                pairs.extend(
                    list[sample(list)..]
                        .iter()
                        .filter(|&&j| j != i)
                        .map(|&j| pair(i, j)),
                );
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
            .into_iter()
            .filter_map(|p| {
                let (i, j) = ((p >> 32) as u32, p as u32);
                let (a, b) = (&self.recent[i as usize], &self.recent[j as usize]);
                let mut scale = 1.0;
                if a.story != b.story {
                    // Across stories, a large story speaks through its sample only, each
                    // pair standing for its share of the story's articles in the window.
                    if !sampled(i) || !sampled(j) {
                        return None;
                    }
                    for r in [a, b] {
                        scale *= (members[&r.story].len() as f32 / SAMPLE as f32).max(1.0);
                    }
                }
                let s = pair_similarity(self, &vectors[i as usize], &vectors[j as usize]);
                (s > 0.0).then_some((i, j, s * scale))
            })
            .collect()
    }
}

/// An article's vector under the current IDF, ready for comparisons: its terms with their
/// IDF-weighted weights, sorted by term, unit length; and the squared norms of its names and
/// specifics.
pub(super) struct Weighted {
    terms: Vec<Entry>,
    names: f32,
    specifics: f32,
}

impl Weighted {
    fn new(v: &DocVector) -> Weighted {
        Weighted {
            terms: v
                .raw
                .iter()
                .zip(&v.idf)
                .map(|(e, idf)| Entry {
                    weight: e.weight * idf,
                    ..*e
                })
                .collect(),
            names: v.name_norm,
            specifics: v.specific_norm,
        }
    }
}

/// The similarity of two articles: [`StoryClusterer::similarity`] with a story of one.
fn pair_similarity(c: &StoryClusterer, a: &Weighted, b: &Weighted) -> f32 {
    let mut dot = [0.0f32; 3];
    let (a_terms, b_terms) = (&a.terms, &b.terms);
    let (mut i, mut j) = (0, 0);
    while i < a_terms.len() && j < b_terms.len() {
        let (x, y) = (a_terms[i], b_terms[j]);
        match x.term.cmp(&y.term) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                let product = x.weight * y.weight;
                dot[TermKind::Word.index()] += product;
                if x.kind != TermKind::Word && y.kind != TermKind::Word {
                    dot[x.kind.max(y.kind).index()] += product;
                }
                i += 1;
                j += 1;
            }
        }
    }
    let channel =
        |dot: f32, a: f32, b: f32| (a > 0.0 && b > 0.0).then(|| super::ratio(dot, (a * b).sqrt()));
    let names = channel(dot[TermKind::Name.index()], a.names, b.names);
    let specifics = channel(dot[TermKind::Specific.index()], a.specifics, b.specifics);
    c.combine(dot[TermKind::Word.index()], names, specifics)
}

/// A possible merge in [`average_link`]: groups `a < b` (their first article) with their
/// average similarity, valid while both groups are as they were (`stamp`s).
#[derive(PartialEq)]
struct Merge {
    average: f64,
    a: u32,
    b: u32,
    stamp: (u32, u32),
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, other: &Self) -> Ordering {
        // Highest average first; ties to the earliest pair, so the result never depends on
        // the order of a hash map.
        self.average
            .total_cmp(&other.average)
            .then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The dates [`average_link`] weighs: each item's day, and the damping between two groups'
/// date ranges (first, last day; `None` for a group with no dated item).
struct Dates<'a> {
    days: &'a [Option<i32>],
    factor: &'a dyn Fn(Range, Range) -> f64,
}

/// The date range of two ranges together.
fn span(a: Range, b: Range) -> Range {
    match (a, b) {
        (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
        (a, b) => a.or(b),
    }
}

/// Average-link clustering of `n` items given the similarities of some pairs (the rest
/// count as 0): merges the two groups with the highest average similarity between their
/// members, damped by the dates of the two groups as an arrival is damped by a story's
/// (`dates`), while it is at least `threshold`. A group's dates are its dated items' range,
/// so undated items cannot tie together groups of different times. Returns the groups, each
/// in item order, in the order of their first item.
fn average_link(
    n: usize,
    atoms: &[usize],
    edges: &[(u32, u32, f32)],
    threshold: f64,
    dates: &Dates,
) -> Vec<Vec<usize>> {
    // Per live group (named by its first item): the summed similarity to each neighbour.
    let mut links: Vec<IdMap<f64>> = vec![IdMap::default(); n];
    for &(i, j, s) in edges {
        let (i, j) = (atoms[i as usize], atoms[j as usize]);
        if i == j {
            continue;
        }
        *links[i].entry(j as u64).or_default() += f64::from(s);
        *links[j].entry(i as u64).or_default() += f64::from(s);
    }
    let mut size = vec![0u32; n];
    let mut range: Vec<Range> = vec![None; n];
    for (i, &a) in atoms.iter().enumerate() {
        size[a] += 1;
        let day = dates.days.get(i).copied().flatten();
        range[a] = span(range[a], day.map(|d| (d, d)));
    }
    let mut stamp = vec![0u32; n];
    let mut parent: Vec<usize> = atoms.to_vec();
    let mut heap = BinaryHeap::new();
    let push = |heap: &mut BinaryHeap<Merge>,
                a: usize,
                b: usize,
                sum: f64,
                (size, range, stamp): (&[u32], &[Range], &[u32])| {
        let (a, b) = (a.min(b), a.max(b));
        let average =
            sum / (f64::from(size[a]) * f64::from(size[b])) * (dates.factor)(range[a], range[b]);
        if average >= threshold {
            heap.push(Merge {
                average,
                a: a as u32,
                b: b as u32,
                stamp: (stamp[a], stamp[b]),
            });
        }
    };
    for (a, l) in links.iter().enumerate() {
        for (&b, &sum) in l {
            if (b as usize) > a {
                push(&mut heap, a, b as usize, sum, (&size, &range, &stamp));
            }
        }
    }
    while let Some(m) = heap.pop() {
        let (a, b) = (m.a as usize, m.b as usize);
        if parent[a] != a || parent[b] != b || (stamp[a], stamp[b]) != m.stamp {
            continue;
        }
        // b joins a (the earlier group keeps the name).
        parent[b] = a;
        size[a] += size[b];
        range[a] = span(range[a], range[b]);
        stamp[a] += 1;
        let moved = std::mem::take(&mut links[b]);
        links[a].remove(&(b as u64));
        for (k, sum) in moved {
            let k = k as usize;
            if k == a {
                continue;
            }
            links[k].remove(&(b as u64));
            *links[k].entry(a as u64).or_default() += sum;
            *links[a].entry(k as u64).or_default() += sum;
        }
        let neighbours: Vec<(usize, f64)> =
            links[a].iter().map(|(&k, &s)| (k as usize, s)).collect();
        for (k, sum) in neighbours {
            push(&mut heap, a, k, sum, (&size, &range, &stamp));
        }
    }
    let root = |mut i: usize| {
        while parent[i] != i {
            i = parent[i];
        }
        i
    };
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        groups.entry(root(i)).or_default().push(i);
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{doc, quakes};
    use super::super::{StoryClusterer, StoryConfig, StoryDoc};
    use super::{average_link, Dates};

    fn no_damping(_: Option<(i32, i32)>, _: Option<(i32, i32)>) -> f64 {
        1.0
    }

    /// No dates known, no damping.
    const UNDATED: Dates = Dates {
        days: &[],
        factor: &no_damping,
    };

    #[test]
    fn average_link_merges_by_the_mean_over_all_pairs_and_unknown_pairs_count_zero() {
        // 0–1 close, 2 close to 1 only, 3–4 just above the bar.
        let edges = [(0, 1, 0.9), (1, 2, 0.4), (3, 4, 0.3)];
        // {0, 1} with 2: (0.4 + 0) / 2 = 0.2, under 0.25 (single link would merge it).
        assert_eq!(
            average_link(5, &[0, 1, 2, 3, 4], &edges, 0.25, &UNDATED),
            vec![vec![0, 1], vec![2], vec![3, 4]]
        );
        assert_eq!(
            average_link(5, &[0, 1, 2, 3, 4], &edges, 0.2, &UNDATED),
            vec![vec![0, 1, 2], vec![3, 4]]
        );
        // Items that start as one group stay one, and are weighed by their size: {0, 2}
        // with 1 is (0.9 + 0.4) / 2 = 0.65.
        assert_eq!(
            average_link(5, &[0, 1, 0, 3, 4], &edges, 0.6, &UNDATED),
            vec![vec![0, 1, 2], vec![3], vec![4]]
        );
        assert_eq!(
            average_link(0, &[], &[], 0.25, &UNDATED),
            Vec::<Vec<usize>>::new()
        );
    }

    /// One yearly race in two years, two dated reports each, and undated reports that could
    /// be of either year.
    fn yearly_race() -> Vec<StoryDoc> {
        let report = |id: &str, date: &str, winner: &str, time: &str| {
            doc(
                id,
                date,
                &format!("{winner} wins the Lake Orvel marathon"),
                &format!(
                    "{winner} won the Lake Orvel marathon on Sunday in {time}, ahead of a \
                     field of 4,000 runners on the lakeside course. The organisers of the Lake \
                     Orvel marathon said the weather was kind and the crowds were large along \
                     the Orvel promenade."
                ),
            )
        };
        let undated = |id: &str| {
            doc(
                id,
                "",
                "Runners crowd the Lake Orvel marathon",
                "The Lake Orvel marathon drew 4,000 runners to the lakeside course on Sunday, \
                 and the organisers of the Lake Orvel marathon said the crowds along the Orvel \
                 promenade were large and the weather was kind.",
            )
        };
        vec![
            report("y1-a", "2019-05-05", "Mira Okafor", "2:24:10"),
            undated("u1"),
            report("y2-a", "2021-05-02", "Tomas Vell", "2:09:55"),
            undated("u2"),
            report("y1-b", "2019-05-06", "Mira Okafor", "2:24:10"),
            undated("u3"),
            report("y2-b", "2021-05-03", "Tomas Vell", "2:09:55"),
        ]
    }

    #[test]
    fn undated_articles_do_not_make_a_story_span_years() {
        let mut c = StoryClusterer::new(StoryConfig::default());
        let docs = yearly_race();
        let mut story: Vec<u64> = docs.iter().map(|d| c.add(d)).collect();
        c.refine();
        for (key, moved) in c.take_moves() {
            story[key as usize] = moved;
        }
        let of = |id: &str| story[docs.iter().position(|d| d.id == id).unwrap()];
        // Each year's reports are one story, and the two years are two stories.
        assert_eq!(of("y1-a"), of("y1-b"));
        assert_eq!(of("y2-a"), of("y2-b"));
        assert_ne!(of("y1-a"), of("y2-a"));
    }

    #[test]
    fn undated_items_do_not_tie_together_groups_of_other_times() {
        // 0 and 1 are dated a year apart; 2 and 3 are undated and close to both.
        let edges = [
            (0, 2, 0.9),
            (1, 3, 0.9),
            (2, 3, 0.8),
            (0, 3, 0.5),
            (1, 2, 0.5),
        ];
        let gap = |a: Option<(i32, i32)>, b: Option<(i32, i32)>| match (a, b) {
            (Some(a), Some(b)) if a.1 + 30 < b.0 || b.1 + 30 < a.0 => 0.0,
            (Some(_), Some(_)) => 1.0,
            _ => 0.8,
        };
        let dates = Dates {
            days: &[Some(0), Some(365), None, None],
            factor: &gap,
        };
        // Without dates the four make one group...
        assert_eq!(
            average_link(4, &[0, 1, 2, 3], &edges, 0.25, &UNDATED),
            vec![vec![0, 1, 2, 3]]
        );
        // ...with them, each undated item joins one dated article, and the two stay apart:
        // the groups' ranges are a year apart, however close their undated members are.
        assert_eq!(
            average_link(4, &[0, 1, 2, 3], &edges, 0.25, &dates),
            vec![vec![0, 2], vec![1, 3]]
        );
        // A comparison with an undated group is damped: 0.9 and 0.8 become 0.72 and 0.64,
        // under a bar of 0.75 that they would clear undamped.
        assert_eq!(
            average_link(4, &[0, 1, 2, 3], &edges, 0.75, &dates),
            vec![vec![0], vec![1], vec![2], vec![3]]
        );
        assert_eq!(
            average_link(4, &[0, 1, 2, 3], &edges, 0.75, &UNDATED),
            vec![vec![0, 2], vec![1, 3]]
        );
    }

    /// The parent module's quake articles, with a report from the tent camps arriving before
    /// the follow-up that ties it to the first report.
    fn split_on_arrival() -> Vec<StoryDoc> {
        let mut docs = quakes();
        let camps = doc(
            "a3",
            "",
            "Families sleep in tents as Kelmar asks for help",
            "Thousands of families in Kelmar spent a second night in tents on Wednesday. \
             Governor Anika Dorn asked the capital for 2,000 more tents, blankets and field \
             kitchens, and said schools would stay shut.",
        );
        docs.insert(3, camps);
        assert_eq!(docs[0].id, "a1");
        assert_eq!(docs[4].id, "a2");
        docs
    }

    #[test]
    fn a_refinement_mends_a_story_split_on_arrival() {
        let mut c = StoryClusterer::default();
        let keys = [10, 11, 12, 13, 14];
        let ids: Vec<u64> = split_on_arrival()
            .iter()
            .zip(keys)
            .map(|(d, k)| c.add_keyed(d, k))
            .collect();
        // On arrival the camp report is too far from the first report alone...
        assert_ne!(ids[3], ids[0], "{ids:?}");
        assert_eq!(ids[4], ids[0], "{ids:?}");
        assert!(c.take_moves().is_empty(), "no refinement ran yet");
        // ...and with the follow-up in view it belongs with both.
        c.refine();
        assert_eq!(c.take_moves(), vec![(13, ids[0])]);
        // Nothing came since: a second refinement changes nothing.
        c.refine();
        assert!(c.take_moves().is_empty());
        // The refined story takes the next report of the camps; the emptied one is closed.
        let next = c.add(&split_on_arrival()[3]);
        assert_eq!(next, ids[0]);
        assert_eq!(c.stories_active(), 3);

        // Without refinement the split stays.
        let mut plain = StoryClusterer::new(StoryConfig {
            refine_window: 0,
            ..StoryConfig::default()
        });
        let ids: Vec<u64> = split_on_arrival().iter().map(|d| plain.add(d)).collect();
        plain.refine();
        assert!(plain.take_moves().is_empty());
        assert_ne!(ids[3], ids[0]);
    }

    #[test]
    fn refinements_run_every_so_many_articles_and_the_window_is_bounded() {
        let config = StoryConfig {
            refine_window: 4,
            refine_every: 5,
            ..StoryConfig::default()
        };
        let mut c = StoryClusterer::new(config);
        let docs = split_on_arrival();
        for d in &docs[..4] {
            c.add(d);
        }
        assert!(c.take_moves().is_empty());
        // The fifth article triggers a refinement over the last four: the camp report
        // (key 3, the fourth added) moves.
        let story = c.add(&docs[4]);
        assert_eq!(c.take_moves(), vec![(3, story)]);
        assert_eq!(c.recent.len(), 4);
    }
}
