//! The page's main stretches: where the article is, as one or a few runs of blocks.
//!
//! A page's article is one stretch of prose, sometimes broken by an advertisement or a
//! newsletter box; a block the classifier keeps far from it, past a run of navigation, lists
//! and asides, is more often a sidebar, a teaser or another article's summary than the
//! article. Each block gains `(words + BLOCK_WORDS) * (p - STRETCH_P)` (its words, plus a few
//! so that a short line of furniture still separates); the stretches are the maximal runs
//! whose gain cannot grow by reaching further (Kadane's maximum-sum runs), and the main ones
//! are those that gain at least `MAIN_SHARE` of the best run, each reaching on over the kept
//! blocks next to it (a closing note the classifier is less sure of, yet keeps). Extraction
//! reports quotes from
//! the main stretches only: a quote is a claim about who said what, and needs more than a
//! block kept for its text.
//!
//! The constants were chosen on the cross-fitted probabilities of the block classifier's
//! training pages (`bench/blocks_quotes.py`), never on a measured set.

/// A block's probability of being the article above which it counts toward a stretch.
const STRETCH_P: f32 = 0.5;
/// Words every block weighs beyond its own.
const BLOCK_WORDS: f32 = 5.0;
/// The share of the best stretch's gain a stretch needs to be a main one.
const MAIN_SHARE: f32 = 0.05;

/// Whether each block lies in one of the page's main stretches, given the classifier's
/// probabilities, the blocks' words and the probability from which a block is kept.
pub(super) fn main_stretches(p: &[f32], words: &[u32], kept_from: f32) -> Vec<bool> {
    let gain: Vec<f32> = p
        .iter()
        .zip(words)
        .map(|(&p, &w)| (w as f32 + BLOCK_WORDS) * (p - STRETCH_P))
        .collect();
    let runs = runs(&gain);
    let best = runs.iter().map(|r| r.0).fold(0f32, f32::max);
    let mut main = vec![false; p.len()];
    for (sum, range) in runs {
        if sum > 0.0 && sum >= MAIN_SHARE * best {
            let kept = |&i: &usize| p[i] >= kept_from;
            let start = (0..range.start).rev().take_while(kept).last();
            let end = (range.end..p.len()).take_while(kept).last();
            let end = end.map_or(range.end, |e| e + 1);
            main[start.unwrap_or(range.start)..end].fill(true);
        }
    }
    main
}

/// The maximal positive runs: each the best prefix of a stretch whose running sum stays
/// positive, as (gain, blocks).
fn runs(gain: &[f32]) -> Vec<(f32, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let (mut sum, mut start) = (0f32, 0usize);
    let (mut top, mut top_end) = (0f32, 0usize);
    for (i, &g) in gain.iter().enumerate() {
        if sum + g <= 0.0 {
            if top > 0.0 {
                out.push((top, start..top_end));
            }
            sum = 0.0;
            top = 0.0;
            start = i + 1;
            continue;
        }
        sum += g;
        if sum > top {
            top = sum;
            top_end = i + 1;
        }
    }
    if top > 0.0 {
        out.push((top, start..top_end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probabilities and words of a page made of runs of like blocks: (p, words, blocks).
    fn page(runs: &[(f32, u32, usize)]) -> (Vec<f32>, Vec<u32>) {
        runs.iter()
            .flat_map(|&(p, w, n)| std::iter::repeat_n((p, w), n))
            .unzip()
    }

    #[test]
    fn an_article_broken_by_a_box_is_one_stretch() {
        // Four paragraphs, a newsletter box of 20 words in the middle, two more paragraphs.
        let p = [0.9, 0.95, 0.9, 0.1, 0.92, 0.9];
        let w = [60, 80, 50, 20, 70, 40];
        assert_eq!(main_stretches(&p, &w, 0.4), vec![true; 6]);
    }

    #[test]
    fn a_teaser_far_below_the_article_is_no_main_stretch() {
        // The article, then a long run of links and lists, then one kept sidebar paragraph.
        let (p, w) = page(&[(0.9, 60, 8), (0.05, 6, 30), (0.6, 40, 1)]);
        let main = main_stretches(&p, &w, 0.4);
        assert!(main[..8].iter().all(|&m| m));
        assert!(!main[38]);
    }

    #[test]
    fn a_kept_note_next_to_the_article_belongs_to_it() {
        // The article, then a correction the classifier keeps with less confidence.
        let p = [0.95, 0.9, 0.95, 0.45, 0.1];
        let w = [60, 80, 50, 40, 5];
        assert_eq!(
            main_stretches(&p, &w, 0.4),
            vec![true, true, true, true, false]
        );
    }

    #[test]
    fn two_long_parts_of_one_page_both_count() {
        // A live page: two runs of prose of like size, separated by furniture.
        let (p, w) = page(&[(0.9, 50, 5), (0.05, 8, 20), (0.85, 50, 4)]);
        let main = main_stretches(&p, &w, 0.4);
        assert!(main[..5].iter().all(|&m| m) && main[25..].iter().all(|&m| m));
        assert!(main[5..25].iter().all(|&m| !m));
    }

    #[test]
    fn no_blocks_and_no_article() {
        assert!(main_stretches(&[], &[], 0.4).is_empty());
        assert_eq!(
            main_stretches(&[0.1, 0.2], &[10, 0], 0.4),
            vec![false, false]
        );
    }
}
