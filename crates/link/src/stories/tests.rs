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

/// A clusterer with the default settings changed by `tune`, after it added `docs`.
fn fed(tune: impl FnOnce(&mut StoryConfig), docs: &[StoryDoc]) -> StoryClusterer {
    let mut config = StoryConfig::default();
    tune(&mut config);
    let mut c = StoryClusterer::new(config);
    for d in docs {
        c.add(d);
    }
    c
}

#[test]
fn vocabulary_is_pruned_past_its_cap() {
    let c = fed(|c| c.max_vocabulary = 2_000, &synthetic(2_000, 500));
    assert!(c.df.len() <= 2_000);
    assert!(c.pruned_below >= 1);
}

#[test]
fn retired_stories_leave_the_index() {
    let c = fed(|c| c.max_active_stories = 2, &quakes());
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

/// Checks each (term type, parts, the kind of the feature or None for no feature, why) against
/// the features `f`.
fn assert_term_kinds(f: &[Entry], expected: &[(u8, &[&str], Option<TermKind>, &str)]) {
    for (kind, parts, want, why) in expected {
        let got = f.iter().find(|e| e.term == term_id(*kind, parts));
        assert_eq!(got.map(|e| e.kind), *want, "{parts:?}: {why}");
    }
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
    let get = |kind: u8, parts: &[&str]| f.iter().find(|e| e.term == term_id(kind, parts));
    assert_term_kinds(
        &f,
        &[
            (b'w', &["cheek"], Some(TermKind::Name), "a name"),
            // (Names are stemmed like any word: "Maurice Cheeks" → "mauric cheek".)
            (b'p', &["mauric cheek"], Some(TermKind::Name), "a name pair"),
            (b'n', &["9-14"], Some(TermKind::Specific), "a number"),
            (b'n', &["76ers"], Some(TermKind::Specific), "a number"),
            (
                b'w',
                &["coach"],
                Some(TermKind::Word),
                "lower case inside text",
            ),
            (
                b'w',
                &["saturday"],
                Some(TermKind::Specific),
                "weekdays say when",
            ),
            (b'w', &["the"], None, "function words are dropped"),
            (b'p', &["apple phil"], None, "no pair across a possessive"),
        ],
    );
    assert!(get(b'p', &["phil schiller"]).is_some());
    // The title outweighs the body: "fire" appears in both, "season" only in the body.
    let fire = get(b'w', &["fire"]).unwrap().weight;
    let season = get(b'w', &["season"]).unwrap().weight;
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
    assert_term_kinds(
        &f,
        &[
            (
                b'd',
                &["december", " ", "6"],
                Some(TermKind::Specific),
                "a date",
            ),
            (
                b'd',
                &["december", " ", "9"],
                Some(TermKind::Specific),
                "a date",
            ),
            (b'w', &["december"], Some(TermKind::Word), "a month alone"),
            (b'w', &["march"], Some(TermKind::Word), "a month alone"),
            (b'd', &["march", " ", "9"], None, "not a date"),
        ],
    );
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
            "o'brien", "u.s", "team", "won", "3.5-1", "at", "4:20", "cost", "1000", "then", "twa",
            "over"
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
