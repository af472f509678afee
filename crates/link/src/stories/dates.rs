//! Date damping: how much the gap between an article's date and a story's (or between two
//! groups' date ranges in a refinement) lowers their similarity.

use super::{Story, StoryClusterer};

/// A date range (first, last day, in days since 1970-01-01), `None` when nothing is dated.
pub(super) type DayRange = Option<(i32, i32)>;

impl StoryClusterer {
    /// 1 when the article's date is within the grace period of the story's date range (or
    /// either has no date), halving every `date_half_life_days` beyond it.
    pub(super) fn date_factor(&self, story: &Story, day: Option<i32>) -> f32 {
        self.range_factor(day.map(|d| (d, d)), story.first_day.zip(story.last_day))
    }

    /// The date damping between two date ranges (first, last day): by the gap between them
    /// (see [`Self::gap_factor`]), none when either is absent. (Damping comparisons without
    /// a date, so that an undated article would need stronger evidence to join, was measured
    /// and not adopted: it split undated articles off their own stories more often than it
    /// kept them out of others; see bench/README.md, "Undated articles".)
    pub(super) fn range_factor(&self, a: DayRange, b: DayRange) -> f32 {
        let (Some(a), Some(b)) = (a, b) else {
            return 1.0;
        };
        let gap = if a.1 < b.0 {
            b.0 - a.1
        } else {
            a.0.saturating_sub(b.1).max(0)
        };
        self.gap_factor(gap)
    }

    /// The date damping of a gap of `gap` days (see [`Self::date_factor`]).
    pub(super) fn gap_factor(&self, gap: i32) -> f32 {
        let beyond = gap as f32 - self.config.date_grace_days;
        if beyond <= 0.0 {
            1.0
        } else {
            0.5f32.powf(beyond / self.config.date_half_life_days.max(f32::MIN_POSITIVE))
        }
    }
}
