//! Scoring the candidate antecedents of a pronoun that names a speaker: the features of a
//! (pronoun, candidate mention, resolver state) triple, the `SpeakerScorer` trait, the
//! hand-set `RULE_PRIOR` the rules used, and `LEARNED`, the same linear form fitted on the
//! PolNeAR canonical train labels by `train/pronoun_ranker.py` (weights generated into
//! `pronoun_weights.rs`). The highest-scoring candidate wins.

/// How many features a candidate has.
pub const FEATURES: usize = 12;

/// The features' names, in order (for the trainer and for explanations).
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "bias",
    "rank",
    "subject",
    "same_sentence",
    "last_speaker",
    "female_match",
    "male_match",
    "not_confident_person",
    "salience",
    "quoted_before",
    "oblique",
    "named_in_content",
];

/// Scores a candidate from its features: higher is more likely the speaker.
pub trait SpeakerScorer {
    fn score(&self, features: &[f32; FEATURES]) -> f32;
}

/// A linear scorer: the dot product of weights and features.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear(pub [f32; FEATURES]);

impl SpeakerScorer for Linear {
    fn score(&self, features: &[f32; FEATURES]) -> f32 {
        self.0.iter().zip(features).map(|(w, f)| w * f).sum()
    }
}

/// The hand-set weights the rules used before any learning: one point per candidate passed
/// over, +1.5 for a sentence subject, +2.5 in the pronoun's sentence, +2 for the latest
/// compatible speaker, +1 for a known woman after "she", -4 for a run that may be a place.
pub const RULE_PRIOR: Linear =
    Linear([0.0, -1.0, 1.5, 2.5, 2.0, 1.0, 0.0, -4.0, 0.0, 0.0, 0.0, 0.0]);

include!("pronoun_weights.rs");

/// The scorer pronoun resolution uses.
pub fn pronoun_scorer() -> &'static Linear {
    &PRONOUN_SCORER
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linear_scorer_is_a_dot_product() {
        let mut f = [0.0; FEATURES];
        f[1] = 2.0; // two candidates passed over
        f[3] = 1.0; // in the pronoun's sentence
        assert_eq!(RULE_PRIOR.score(&f), -2.0 + 2.5);
    }

    #[test]
    fn the_learned_weights_are_usable() {
        let w = pronoun_scorer().0;
        assert!(w.iter().all(|x| x.is_finite()));
        // Nearer candidates and sentence subjects are preferred, as the prior says.
        assert!(w[1] < 0.0 && w[2] > 0.0);
    }
}
