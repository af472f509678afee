//! The learned pass over a paragraph: score the candidates of every sentence with a cue word
//! and keep, best first, those above the threshold that repeat no quote already found.

use super::super::*;
use super::candidates::Candidate;

/// The pattern every learned quote explains itself with.
pub(in crate::attribution) const LEARNED: &str =
    "reported speech: a learned cue (train/reported_speech.py)";

/// One candidate as the trainer sees it (`training` feature only).
#[cfg(feature = "training")]
#[derive(Debug, Clone)]
pub struct ReportedCase {
    pub start: usize,
    pub end: usize,
    /// Byte offset of the cue word.
    pub cue: usize,
    pub features: Vec<String>,
}

#[cfg(feature = "training")]
thread_local! {
    /// When set, the pass records its candidates and keeps none (the trainer's view: the
    /// exact rules' quotes alone).
    static COLLECT_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The candidates recorded since the last [`take_cases`].
    static CASES: std::cell::RefCell<Vec<ReportedCase>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The candidates recorded on this thread since the last call (training export).
#[cfg(feature = "training")]
pub fn take_cases() -> Vec<ReportedCase> {
    CASES.with(|c| c.take())
}

/// Makes the learned pass record its candidates instead of keeping any (training export).
#[cfg(feature = "training")]
pub fn set_collect_only(on: bool) {
    COLLECT_ONLY.with(|c| c.set(on));
}

/// Whether this extraction is the reported-speech training export (the learned pass records
/// its candidates and keeps none).
pub(in crate::attribution) fn training_export() -> bool {
    #[cfg(feature = "training")]
    if COLLECT_ONLY.with(|c| c.get()) {
        return true;
    }
    false
}

/// The cue words to look for: all of them when the training export records candidates.
fn cue_words() -> &'static [&'static str] {
    #[cfg(feature = "training")]
    if COLLECT_ONLY.with(|c| c.get()) {
        return super::cue_words_all::CUE_WORDS_ALL;
    }
    super::cue_words::CUE_WORDS
}

/// Whether two spans cover at least half of each other (the benchmark's match).
fn same_span(a: &Range<usize>, b: &Range<usize>) -> bool {
    let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    inter > 0 && 2 * inter >= a.len() && 2 * inter >= b.len()
}

/// Adds the learned reported speech of paragraph `pi` to `found`.
pub(in crate::attribution) fn learned_speech(doc: &mut Doc, pi: usize, found: &mut Vec<Found>) {
    if !doc.paras[pi].quotes_here() {
        return;
    }
    let toks = doc.paras[pi].tokens.clone(); // cheap: a shared slice
                                             // Quotes of this paragraph and the one before: the only ones a candidate can repeat.
    let first = found.len() - found.iter().rev().take_while(|f| f.para + 1 >= pi).count();
    let mut kept: Vec<Candidate> = Vec::new();
    for si in 0..doc.paras[pi].sentences.len() {
        let s = doc.paras[pi].sentences[si].clone();
        let lo = toks.partition_point(|t| t.start < s.start);
        let hi = toks.partition_point(|t| t.start < s.end);
        if hi - lo < 4 {
            continue;
        }
        // A candidate repeating a quote already found, holding part of a quotation already
        // reported as one ("called the plan “a fantasy”"), or running across the cue of a quote
        // already found ("criticising the agencies over leaks, said he had not seen it": the
        // content of one verb does not hold another speaker's verb) is dropped before its
        // features.
        let recent = &found[first..];
        let known = |r: &Range<usize>| {
            recent.iter().any(|f| {
                same_span(&f.span, r)
                    || (f.kind != QuoteKind::Indirect
                        && f.span.start < r.end
                        && r.start < f.span.end)
                    || f.attr
                        .as_ref()
                        .and_then(|a| a.cue.as_ref())
                        .is_some_and(|c| r.start <= c.start && c.end <= r.end)
            })
        };
        let mut cands = doc.reported_candidates(&known, cue_words(), pi, s, lo, hi);
        #[cfg(feature = "training")]
        {
            CASES.with(|cases| {
                cases
                    .borrow_mut()
                    .extend(cands.iter().map(|c| ReportedCase {
                        start: c.content.start,
                        end: c.content.end,
                        cue: doc.paras[pi].tokens[c.cue].start,
                        features: c.scored.names.clone(),
                    }))
            });
            if COLLECT_ONLY.with(|c| c.get()) {
                continue;
            }
        }
        cands.retain(|c| c.scored.score > 0.0);
        cands.sort_by(|a, b| b.scored.score.total_cmp(&a.scored.score));
        for c in cands {
            if !kept
                .iter()
                .any(|k| same_span(&k.content, &c.content) || k.cue == c.cue)
            {
                kept.push(c);
            }
        }
    }
    for c in kept {
        let cue = Some(toks[c.cue].start..toks[c.cue_end - 1].end);
        let conf = 0.3 + 0.4 * c.scored.probability();
        let attr = match c.np {
            Some(np) => doc.attribution(LEARNED, &toks, np, cue, pi, conf),
            None => Attribution {
                mention: None,
                cue,
                speaker: None,
                speaker_type: None,
                confidence: conf * 0.7,
                why: Explanation {
                    pattern: LEARNED,
                    resolution: "no speaker phrase",
                },
            },
        };
        found.push(Found::indirect(c.content, attr, pi));
    }
}
