//! The picture of a quote's spread: one lane per outlet, one dot per appearance, placed by
//! date, joined in time order. Only the layout is computed here (numbers); the SVG is written
//! by the page templates, which escape every label.

use quotetrace_link::days::{civil_from_days, days_from_civil};

/// Something that happened on a date in a lane (an outlet carrying a quote, say).
#[derive(Debug, Clone)]
pub struct Event {
    /// `YYYY-MM-DD...`; undated events are counted, not drawn.
    pub date: Option<String>,
    pub lane: String,
    pub href: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Lane {
    pub label: String,
    pub y: u32,
}

#[derive(Debug, Clone)]
pub struct Tick {
    pub x: u32,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Dot {
    pub x: u32,
    pub y: u32,
    pub href: String,
    pub title: String,
    /// The earliest appearance.
    pub first: bool,
}

/// A laid-out timeline, in the coordinates of its `viewBox`.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub width: u32,
    pub height: u32,
    pub plot_left: u32,
    pub plot_right: u32,
    pub axis_y: u32,
    pub lanes: Vec<Lane>,
    pub ticks: Vec<Tick>,
    pub dots: Vec<Dot>,
    /// The line through the dots in time order (an SVG path of numbers only); empty when the
    /// events are not one thing spreading.
    pub path: String,
    /// The same in words, for screen readers.
    pub summary: String,
}

const WIDTH: u32 = 720;
const LABELS: u32 = 170;
const RIGHT: u32 = 650;
const LANE: u32 = 26;
const TOP: u32 = 16;

/// Days since 1970-01-01 of a `YYYY-MM-DD` prefix.
pub fn day_number(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// `YYYY-MM-DD` of a day number.
pub fn civil(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Lays events out, lanes in order of first appearance; lanes past `max_lanes` are drawn
/// together as "other outlets". None when no event has a date.
pub fn layout(events: &[Event], max_lanes: usize, connect: bool) -> Option<Timeline> {
    let mut dated: Vec<(i64, &Event)> = events
        .iter()
        .filter_map(|e| Some((day_number(e.date.as_deref()?)?, e)))
        .collect();
    if dated.is_empty() {
        return None;
    }
    dated.sort_by_key(|(d, _)| *d);
    let undated = events.len() - dated.len();
    let mut lanes: Vec<String> = Vec::new();
    let mut other = false;
    for (_, e) in &dated {
        if !lanes.contains(&e.lane) {
            if lanes.len() < max_lanes.max(1) {
                lanes.push(e.lane.clone());
            } else {
                other = true;
            }
        }
    }
    if other {
        lanes.push("other outlets".into());
    }
    let lane_y = |i: usize| TOP + LANE * i as u32 + LANE / 2;
    let lane_of = |name: &str| {
        lanes
            .iter()
            .position(|l| l == name)
            .unwrap_or(lanes.len() - 1)
    };
    let (lo, hi) = (dated[0].0, dated[dated.len() - 1].0);
    let span = (hi - lo).max(1) as f64;
    let x_of = |d: i64| -> u32 {
        if hi == lo {
            (LABELS + RIGHT) / 2
        } else {
            LABELS + ((d - lo) as f64 / span * f64::from(RIGHT - LABELS)).round() as u32
        }
    };
    // Events on the same day in the same lane are set a little apart, so each can be seen
    // and clicked.
    let mut taken: std::collections::HashMap<(u32, u32), u32> = Default::default();
    let dots: Vec<Dot> = dated
        .iter()
        .enumerate()
        .map(|(i, (d, e))| {
            let (x, y) = (x_of(*d), lane_y(lane_of(&e.lane)));
            let k = taken.entry((x, y)).or_insert(0);
            let shift = (*k).min(4) * 7;
            *k += 1;
            Dot {
                x: x + shift,
                y,
                href: e.href.clone(),
                title: e.title.clone(),
                first: i == 0,
            }
        })
        .collect();
    let path = if !connect {
        String::new()
    } else {
        dots.iter()
            .enumerate()
            .map(|(i, d)| format!("{}{} {}", if i == 0 { 'M' } else { 'L' }, d.x, d.y))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let ticks = if hi == lo {
        vec![Tick {
            x: x_of(lo),
            label: civil(lo),
        }]
    } else {
        let n = ((hi - lo) as usize).min(4);
        (0..=n)
            .map(|i| {
                let d = lo + ((hi - lo) as f64 * i as f64 / n as f64).round() as i64;
                Tick {
                    x: x_of(d),
                    label: civil(d),
                }
            })
            .collect()
    };
    let axis_y = TOP + LANE * lanes.len() as u32 + 4;
    let summary = format!(
        "{} in {} from {} to {}{}",
        plural(dated.len(), "appearance", "appearances"),
        plural(lanes.len(), "outlet", "outlets"),
        civil(lo),
        civil(hi),
        if undated > 0 {
            format!("; {undated} undated not drawn")
        } else {
            String::new()
        }
    );
    Some(Timeline {
        width: WIDTH,
        height: axis_y + 28,
        plot_left: LABELS,
        plot_right: RIGHT,
        axis_y,
        lanes: lanes
            .into_iter()
            .enumerate()
            .map(|(i, label)| Lane {
                label,
                y: lane_y(i),
            })
            .collect(),
        ticks,
        dots,
        path,
        summary,
    })
}

/// "1 outlet", "3 outlets".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(date: Option<&str>, lane: &str) -> Event {
        Event {
            date: date.map(String::from),
            lane: lane.into(),
            href: "/q".into(),
            title: "t".into(),
        }
    }

    #[test]
    fn calendar_round_trip() {
        for d in ["1970-01-01", "2000-02-29", "2024-12-31", "2026-11-23"] {
            assert_eq!(civil(day_number(d).unwrap()), d);
        }
        assert_eq!(day_number("1970-01-02"), Some(1));
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn lanes_dots_and_ticks() {
        let t = layout(
            &[
                ev(Some("2024-03-05"), "B"),
                ev(Some("2024-03-01"), "A"),
                ev(None, "C"),
                ev(Some("2024-03-09T10:00:00Z"), "A"),
            ],
            5,
            true,
        )
        .unwrap();
        assert_eq!(
            t.lanes.iter().map(|l| l.label.as_str()).collect::<Vec<_>>(),
            ["A", "B"]
        );
        assert!(
            t.summary.ends_with("; 1 undated not drawn"),
            "{}",
            t.summary
        );
        assert!(t.dots[0].first && !t.dots[1].first);
        assert_eq!(t.dots[0].x, t.plot_left);
        assert_eq!(t.dots[2].x, t.plot_right);
        assert!(t
            .dots
            .iter()
            .all(|d| d.x >= t.plot_left && d.x <= t.plot_right));
        assert_eq!(t.ticks.first().unwrap().label, "2024-03-01");
        assert_eq!(t.ticks.last().unwrap().label, "2024-03-09");
        assert!(t.path.starts_with('M'));
        assert!(layout(&[ev(None, "A")], 5, true).is_none());
    }

    #[test]
    fn extra_lanes_share_one() {
        let events: Vec<Event> = (0..10)
            .map(|i| ev(Some("2024-01-01"), &format!("outlet {i}")))
            .collect();
        let t = layout(&events, 3, false).unwrap();
        assert!(t.path.is_empty());
        assert!(t.dots[4].x > t.dots[3].x, "same-day dots are set apart");
        assert_eq!(t.lanes.len(), 4);
        assert_eq!(t.lanes[3].label, "other outlets");
        assert_eq!(t.dots[9].y, t.lanes[3].y);
    }
}
