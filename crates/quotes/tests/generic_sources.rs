//! Groups named by a common noun ("Police said", "Authorities said") are descriptions of the
//! article's sources, never names: the corpus must not merge them across unrelated stories.

use quotetrace_model::SpeakerType;
use quotetrace_quotes::extract;

#[test]
fn a_group_noun_opening_a_sentence_is_a_description() {
    let text = "Police said the driver had fled on foot. \"We will find him,\" Authorities said \
                on Monday. Officials said the road would stay closed until Friday. \
                \"It was chaos,\" said Dana Kirsch, who lives nearby.";
    let quotes = extract(text).quotes;
    let typed = |needle: &str| {
        let q = quotes
            .iter()
            .find(|q| q.text.contains(needle))
            .unwrap_or_else(|| panic!("no quote with {needle}: {quotes:?}"));
        (q.speaker.clone(), q.speaker_type)
    };
    for needle in [
        "driver had fled",
        "We will find him",
        "road would stay closed",
    ] {
        let (speaker, kind) = typed(needle);
        assert!(speaker.is_some(), "{needle}");
        assert_eq!(
            kind,
            Some(SpeakerType::Description),
            "{needle}: {speaker:?}"
        );
    }
    assert_eq!(
        typed("It was chaos"),
        (Some("Dana Kirsch".to_string()), Some(SpeakerType::Person))
    );
}

#[test]
fn a_named_body_stays_an_organisation() {
    let text = "The Harbor County Police said the driver had fled on foot.";
    let q = &extract(text).quotes[0];
    assert_eq!(q.speaker_type, Some(SpeakerType::Organization), "{q:?}");
}
