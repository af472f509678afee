//! Feature vectors of blocks, for the two stages of the classifier.
//!
//! Stage 1 sees a block and its two neighbours on each side: sizes, link and list-marker
//! density, stopword density, punctuation, capitalisation, position, repetition within the
//! page, what the exact rules of [`crate::boilerplate`] say, and hashed first and last words.
//! Stage 2 adds what stage 1 thought of the blocks around: their scores, word-weighted means
//! over windows, and where the block lies relative to the page's densest run of article-like
//! blocks (the article is one stretch; menus and footers lie outside it).
//!
//! Numbers are mostly put into bins (one indicator per bin), so that a linear model can learn
//! a non-linear response. The layout is fixed by the order of the calls below: the trained
//! weights (`weights.rs`) depend on it, so any change here means training again
//! (`bench/train_blocks.sh`); a test checks that the sizes agree.

use std::sync::OnceLock;

use super::stats::BlockStats;

/// A sparse feature vector: (index, value), indices increasing.
pub type Sparse = Vec<(u32, f32)>;

/// Buckets of the hashed lexical features.
pub const LEXICAL_BUCKETS: u32 = 1024;

/// The rule reasons that become features (see `boilerplate::rule_reason`).
pub(crate) const RULE_REASONS: &[&str] = &[
    "related link",
    "source line",
    "newsletter box",
    "donation appeal",
    "share prompt",
    "photo caption",
    "author bio",
];

/// Writes features in a fixed layout.
struct Writer<'n> {
    x: Sparse,
    next: u32,
    names: Option<&'n mut Vec<String>>,
    prefix: &'static str,
}

impl Writer<'_> {
    fn name(&mut self, name: &str, slots: u32) {
        if let Some(names) = self.names.as_deref_mut() {
            if slots == 1 {
                names.push(format!("{}{name}", self.prefix));
            } else {
                for k in 0..slots {
                    names.push(format!("{}{name}#{k}", self.prefix));
                }
            }
        }
    }

    fn flag(&mut self, name: &str, on: bool) {
        self.name(name, 1);
        if on {
            self.x.push((self.next, 1.0));
        }
        self.next += 1;
    }

    fn num(&mut self, name: &str, v: f32) {
        self.name(name, 1);
        if v != 0.0 && v.is_finite() {
            self.x.push((self.next, v));
        }
        self.next += 1;
    }

    /// One indicator among `edges.len() + 1`: the bin `v` falls in (`v < edges[0]` is bin 0).
    fn bins(&mut self, name: &str, v: f32, edges: &[f32]) {
        let slots = edges.len() as u32 + 1;
        self.name(name, slots);
        let k = edges.iter().take_while(|e| v >= **e).count() as u32;
        self.x.push((self.next + k, 1.0));
        self.next += slots;
    }

    fn one_of(&mut self, name: &str, k: u32, n: u32) {
        self.name(name, n);
        self.x.push((self.next + k.min(n - 1), 1.0));
        self.next += n;
    }
}

fn ratio(a: u32, b: u32) -> f32 {
    if b == 0 {
        0.0
    } else {
        a as f32 / b as f32
    }
}

/// `a / b`, or -1 (below every bin: "no value") when `b` is 0.
fn ratio_or_none(a: u32, b: u32) -> f32 {
    if b == 0 {
        -1.0
    } else {
        ratio(a, b)
    }
}

/// The block's own measurements.
fn own(w: &mut Writer, s: &BlockStats, rule: Option<&str>) {
    let words = s.words as f32;
    w.bins(
        "words",
        words,
        &[1.0, 3.0, 6.0, 11.0, 21.0, 41.0, 81.0, 161.0],
    );
    w.num("log_words", (1.0 + words).ln() / 5.0);
    let link = ratio(s.link_words, s.words);
    w.bins("link_density", link, &[0.01, 0.2, 0.4, 0.6, 0.8, 0.99]);
    w.bins("links", s.links as f32, &[1.0, 2.0, 3.0, 5.0, 9.0]);
    w.bins(
        "words_per_link",
        if s.links == 0 {
            99.0
        } else {
            ratio(s.words, s.links)
        },
        &[2.0, 4.0, 8.0, 16.0, 32.0],
    );
    w.flag("images", s.images > 0);
    w.flag("image_only", s.images > 0 && s.words == 0);
    w.flag("bare_url", s.bare_urls > 0);
    let enough = s.words >= 4;
    let stop = ratio(s.stopwords, s.words);
    // A share of the words, or -1 when there are too few words for it to mean anything.
    let per_word = |n: u32| if enough { ratio(n, s.words) } else { -1.0 };
    w.bins(
        "stopword_density",
        per_word(s.stopwords),
        &[0.0, 0.1, 0.2, 0.28, 0.34, 0.42],
    );
    w.bins(
        "capitalised",
        per_word(s.capitalised),
        &[0.0, 0.15, 0.3, 0.5, 0.75],
    );
    w.flag("all_caps", enough && ratio(s.all_caps, s.words) > 0.5);
    w.bins("digits", per_word(s.digit_words), &[0.0, 0.05, 0.15, 0.3]);
    w.bins(
        "words_per_sentence",
        ratio_or_none(s.words, s.terminals),
        &[0.0, 5.0, 10.0, 16.0, 25.0, 40.0],
    );
    w.flag("ends_sentence", s.ends_sentence);
    w.flag("ends_colon", s.ends_colon);
    w.flag("starts_lower", s.starts_lower);
    w.bins("commas", per_word(s.commas), &[0.0, 0.02, 0.05, 0.1]);
    w.flag("quote_marks", s.quote_marks > 0);
    w.flag("separators", s.separators > 0);
    w.bins("lines", s.lines as f32, &[2.0, 3.0, 5.0, 10.0]);
    w.bins(
        "list_lines",
        ratio(s.list_lines, s.lines.max(1)),
        &[0.01, 0.5, 0.99],
    );
    w.one_of("heading", u32::from(s.heading), 7);
    w.flag("block_quote", s.block_quote);
    w.flag("bold_only", s.bold_only);
    w.flag("table", s.table_lines > 0);
    w.flag("copyright", s.copyright);
    w.bins(
        "word_length",
        ratio_or_none(s.letters, s.words),
        &[0.0, 3.5, 4.5, 5.5, 7.0],
    );
    w.flag("date_like", s.date_like);
    w.bins(
        "first_person",
        per_word(s.first_person),
        &[0.0, 0.01, 0.03, 0.06],
    );
    w.bins(
        "second_person",
        per_word(s.second_person),
        &[0.0, 0.01, 0.03, 0.06],
    );
    w.flag("starts_link", s.starts_link);
    w.flag(
        "link_then_prose",
        s.starts_link && s.words >= 12 && link < 0.5,
    );
    w.bins(
        "code_marks",
        ratio(s.code_marks, s.words.max(1)),
        &[0.05, 0.2, 0.5],
    );
    w.bins("same_text", s.same_text as f32, &[2.0, 3.0]);
    let k = rule
        .and_then(|r| RULE_REASONS.iter().position(|x| *x == r))
        .map_or(0, |p| p as u32 + 1);
    w.one_of("rule", k, RULE_REASONS.len() as u32 + 1);
    // A few products that a linear model cannot form itself.
    w.flag("long_prose", s.words >= 20 && stop > 0.28 && link < 0.2);
    w.flag("short_link", s.words <= 6 && s.links > 0 && link > 0.6);
    w.flag("list_of_links", s.list_lines > 0 && link > 0.6);
}

/// A neighbour's main measurements (or its absence at the page's edges).
fn neighbour(w: &mut Writer, s: Option<&BlockStats>) {
    w.flag("absent", s.is_none());
    let Some(s) = s else {
        w.bins("words", -1.0, &[0.0, 3.0, 11.0, 41.0]);
        w.bins("link_density", -1.0, &[0.0, 0.4, 0.8]);
        w.flag("heading", false);
        w.flag("list", false);
        w.flag("ends_sentence", false);
        w.flag("prose", false);
        w.flag("repeated", false);
        w.flag("dated_short", false);
        return;
    };
    w.bins("words", s.words as f32, &[0.0, 3.0, 11.0, 41.0]);
    w.bins(
        "link_density",
        ratio_or_none(s.link_words, s.words),
        &[0.0, 0.4, 0.8],
    );
    w.flag("heading", s.heading > 0);
    w.flag("list", s.list_lines > 0);
    w.flag("ends_sentence", s.ends_sentence);
    w.flag(
        "prose",
        s.words >= 12 && ratio(s.stopwords, s.words) > 0.28 && ratio(s.link_words, s.words) < 0.3,
    );
    w.flag("repeated", is_repeated_short(s));
    w.flag("dated_short", is_dated_short(s));
}

/// A short block the page repeats ("Reply", "Read more"): such blocks sit around comments
/// and teaser cards.
fn is_repeated_short(s: &BlockStats) -> bool {
    s.same_text >= 2 && s.words <= 8
}

/// A short dated line ("June 7, 2024 at 9:16 PM", "BB says 28 January 2018"): a comment's
/// or a teaser's header.
fn is_dated_short(s: &BlockStats) -> bool {
    s.date_like && s.words <= 12
}

/// How many blocks above a block are read for the signs of a comment thread.
const THREAD_WINDOW: usize = 12;

/// Stage-1 vectors of every block. `rules[i]` is what the exact rules say of block `i`.
pub(crate) fn stage1(
    stats: &[BlockStats],
    rules: &[Option<&'static str>],
    mut names: Option<&mut Vec<String>>,
) -> Vec<Sparse> {
    let n = stats.len();
    let total_words: u32 = stats.iter().map(|s| s.words).sum();
    let mut before = 0u32;
    let mut out = Vec::with_capacity(n);
    // The nearest heading above: its words and how many blocks ago.
    let mut heading: Option<(usize, &[u64])> = None;
    for i in 0..n {
        let s = &stats[i];
        let mut w = Writer {
            x: Vec::with_capacity(96),
            next: 0,
            names: if i == 0 { names.as_deref_mut() } else { None },
            prefix: "",
        };
        w.flag("bias", true);
        own(&mut w, s, rules[i]);
        // Position in the page, by blocks and by words.
        w.bins("index", i as f32, &[1.0, 2.0, 3.0, 5.0, 10.0, 20.0]);
        w.bins(
            "from_end",
            (n - 1 - i) as f32,
            &[1.0, 2.0, 3.0, 5.0, 10.0, 20.0],
        );
        w.bins(
            "words_before",
            ratio(before, total_words.max(1)),
            &[0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98],
        );
        w.bins(
            "page_words",
            total_words as f32,
            &[200.0, 500.0, 1000.0, 2500.0],
        );
        before += s.words;
        for (prefix, d) in [
            ("prev1:", -1i64),
            ("next1:", 1),
            ("prev2:", -2),
            ("next2:", 2),
        ] {
            w.prefix = prefix;
            let j = i as i64 + d;
            let ns = (j >= 0 && (j as usize) < n).then(|| &stats[j as usize]);
            neighbour(&mut w, ns);
        }
        w.prefix = "";
        let since = heading.map_or(-1.0, |(at, _)| (i - at) as f32);
        w.bins("since_heading", since, &[0.0, 1.0, 2.0, 4.0, 8.0, 16.0]);
        // A thread of comments: each reply under a short dated line and between repeated
        // short ones ("Reply").
        let above = &stats[i.saturating_sub(THREAD_WINDOW)..i];
        let since_dated = above
            .iter()
            .rev()
            .position(is_dated_short)
            .map_or(-1.0, |k| (k + 1) as f32);
        w.bins("since_dated", since_dated, &[0.0, 1.0, 2.0, 3.0, 5.0, 8.0]);
        let dated = above.iter().filter(|s| is_dated_short(s)).count();
        w.bins("dated_above", dated as f32, &[1.0, 2.0, 3.0, 5.0]);
        let repeated = above.iter().filter(|s| is_repeated_short(s)).count();
        w.bins("repeated_above", repeated as f32, &[1.0, 2.0, 4.0]);
        // Hashed words: the block's own, and those of the heading it sits under.
        let base = w.next;
        if let Some(names) = w.names.as_deref_mut() {
            names.extend((0..LEXICAL_BUCKETS).map(|k| format!("lex#{k}")));
        }
        let mut lex: Vec<u32> = s
            .lexical
            .iter()
            .map(|h| base + (h % u64::from(LEXICAL_BUCKETS)) as u32)
            .collect();
        if let Some((_, words)) = heading {
            lex.extend(
                words.iter().map(|h| {
                    base + ((h ^ 0x7f4a_7c15_9e37_79b9) % u64::from(LEXICAL_BUCKETS)) as u32
                }),
            );
        }
        lex.sort_unstable();
        lex.dedup();
        w.x.extend(lex.into_iter().map(|k| (k, 1.0)));
        out.push(w.x);
        if is_heading(s) {
            heading = Some((i, &s.first_words));
        }
    }
    out
}

/// A heading, or a short line that works as one (bold alone, or ending with a colon).
fn is_heading(s: &BlockStats) -> bool {
    s.heading > 0
        || (s.words > 0 && s.words <= 8 && !s.ends_sentence && s.lines == 1 && s.bold_only)
}

/// The size of stage-1 vectors.
pub(crate) fn stage1_dim() -> usize {
    static DIM: OnceLock<usize> = OnceLock::new();
    *DIM.get_or_init(|| {
        let mut names = Vec::new();
        let s = BlockStats::default();
        stage1(std::slice::from_ref(&s), &[None], Some(&mut names));
        names.len()
    })
}

fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// Stage-2 vectors, context part: what stage 1 thought of each block's surroundings (`p1`:
/// stage-1 probabilities of being article text), at indices past the stage-1 features. The
/// whole stage-2 vector of a block is its stage-1 vector followed by this.
pub(crate) fn stage2(
    stats: &[BlockStats],
    p1: &[f32],
    mut names: Option<&mut Vec<String>>,
) -> Vec<Sparse> {
    let n = stats.len();
    let base = stage1_dim() as u32;
    let weight: Vec<f32> = stats
        .iter()
        .map(|s| (1.0 + s.words as f32).ln() + 0.1)
        .collect();
    // The page's densest run of article-like blocks: the maximum-sum stretch of
    // (p1 - 0.5) weighted by the words.
    let gain: Vec<f32> = (0..n)
        .map(|i| (p1[i] - 0.5) * (1.0 + stats[i].words as f32).ln())
        .collect();
    let (mut best, mut best_range) = (f32::MIN, 0..0);
    let (mut run, mut run_start) = (0f32, 0);
    for (i, g) in gain.iter().enumerate() {
        if run <= 0.0 {
            run = 0.0;
            run_start = i;
        }
        run += g;
        if run > best {
            best = run;
            best_range = run_start..i + 1;
        }
    }
    let mass: Vec<f32> = (0..n).map(|i| p1[i] * stats[i].words as f32).collect();
    let total_mass: f32 = mass.iter().sum::<f32>().max(1.0);
    let mut mass_before = 0f32;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut w = Writer {
            x: Vec::with_capacity(32),
            next: base,
            names: if i == 0 { names.as_deref_mut() } else { None },
            prefix: "ctx:",
        };
        w.num("self", logit(p1[i]) / 4.0);
        w.bins("self_p", p1[i], &[0.1, 0.3, 0.5, 0.7, 0.9]);
        for (name, absent, d) in [
            ("prev1", "prev1_absent", -1i64),
            ("next1", "next1_absent", 1),
            ("prev2", "prev2_absent", -2),
            ("next2", "next2_absent", 2),
            ("prev3", "prev3_absent", -3),
            ("next3", "next3_absent", 3),
        ] {
            let j = i as i64 + d;
            let p = (j >= 0 && (j as usize) < n).then(|| p1[j as usize]);
            w.num(name, p.map_or(0.0, |p| logit(p) / 4.0));
            w.flag(absent, p.is_none());
        }
        for (name, radius) in [("near", 2usize), ("mid", 5), ("far", 12)] {
            let lo = i.saturating_sub(radius);
            let hi = (i + radius + 1).min(n);
            let (mut sum, mut wsum) = (0f32, 0f32);
            for j in (lo..hi).filter(|&j| j != i) {
                sum += p1[j] * weight[j];
                wsum += weight[j];
            }
            let mean = if wsum > 0.0 { sum / wsum } else { 0.5 };
            w.bins(name, mean, &[0.1, 0.25, 0.4, 0.6, 0.75, 0.9]);
        }
        let inside = best_range.contains(&i);
        w.flag("in_run", inside);
        let before_run = best_range.start.saturating_sub(i);
        let after_run = (i + 1).saturating_sub(best_range.end);
        w.bins("before_run", before_run as f32, &[1.0, 2.0, 4.0, 8.0]);
        w.bins("after_run", after_run as f32, &[1.0, 2.0, 4.0, 8.0]);
        w.bins(
            "mass_before",
            mass_before / total_mass,
            &[0.01, 0.1, 0.5, 0.9, 0.99],
        );
        mass_before += mass[i];
        w.bins(
            "mass_after",
            (total_mass - mass_before) / total_mass,
            &[0.01, 0.1, 0.5, 0.9, 0.99],
        );
        out.push(w.x);
    }
    out
}

/// The size of stage-2 vectors.
pub(crate) fn stage2_dim() -> usize {
    static DIM: OnceLock<usize> = OnceLock::new();
    *DIM.get_or_init(|| {
        let mut names = Vec::new();
        let s = BlockStats::default();
        stage2(std::slice::from_ref(&s), &[0.5], Some(&mut names));
        stage1_dim() + names.len()
    })
}

/// Names of the stage-1 and stage-2 features, in layout order (for training reports).
pub(crate) fn names() -> Vec<String> {
    let mut names = Vec::new();
    let s = BlockStats::default();
    stage1(std::slice::from_ref(&s), &[None], Some(&mut names));
    stage2(std::slice::from_ref(&s), &[0.5], Some(&mut names));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slot of a binned feature that is on in `x`: its name with the bin ("since_dated#2").
    fn on(x: &Sparse, names: &[String], feature: &str) -> Vec<String> {
        x.iter()
            .map(|&(k, _)| names[k as usize].clone())
            .filter(|n| n.split('#').next() == Some(feature))
            .collect()
    }

    #[test]
    fn a_reply_under_dated_lines_and_repeated_links_reads_as_a_thread() {
        let prose = BlockStats {
            words: 40,
            ..Default::default()
        };
        let dated = BlockStats {
            words: 6,
            date_like: true,
            ..Default::default()
        };
        let reply = BlockStats {
            words: 1,
            same_text: 2,
            ..Default::default()
        };
        // Article, then two comments: [dated, prose, reply] twice, then a third reply's prose.
        let stats = [
            prose.clone(),
            prose.clone(),
            dated.clone(),
            prose.clone(),
            reply.clone(),
            dated,
            prose.clone(),
            reply,
            prose,
        ];
        let mut names = Vec::new();
        let x = stage1(&stats, &[None; 9], Some(&mut names));
        assert_eq!(on(&x[1], &names, "dated_above"), ["dated_above#0"]);
        assert_eq!(on(&x[1], &names, "since_dated"), ["since_dated#0"]);
        // The last block: two dated lines and two repeated ones above, the nearest dated
        // line three blocks up.
        assert_eq!(on(&x[8], &names, "dated_above"), ["dated_above#2"]);
        assert_eq!(on(&x[8], &names, "repeated_above"), ["repeated_above#2"]);
        assert_eq!(on(&x[8], &names, "since_dated"), ["since_dated#4"]);
    }
}
