//! Bodies, countries and the people who speak for them (issue 14: "a speaker that cannot
//! speak", organisations to the named body). One small written article per class; the
//! sentences are made up for these tests.

use quotetrace_model::SpeakerType;

mod common;

use common::{quote_in as find, speaker_in as speaker};

#[test]
fn a_newspaper_named_with_the_is_the_paper() {
    let text = "The Clarion ran a long editorial about the mayor on Friday.\n\n\
                The newspaper said that the city had failed its poorest residents.";
    let q = find(text, "failed its poorest");
    assert_eq!(q.speaker.as_deref(), Some("Clarion"));
    assert_eq!(q.speaker_type, Some(SpeakerType::Organization));
}

#[test]
fn an_agency_named_by_its_acronym_is_the_bureau() {
    let text = "Agents of the FBI searched the office on Monday.\n\n\
                \"We are still gathering evidence,\" the bureau said.";
    assert_eq!(speaker(text, "gathering evidence"), "FBI");
}

#[test]
fn a_company_is_never_an_agency_named_before_it() {
    let text = "Agents of the FBI searched the offices of a supplier on Monday.\n\n\
                \"We are cooperating fully,\" the company said.";
    assert_ne!(speaker(text, "cooperating fully"), "FBI");
}

#[test]
fn a_country_is_named_whole_and_is_a_body() {
    let text = "Saudi Arabia rejected the report on Tuesday.\n\n\
                The kingdom said that the findings were biased.\n\n\
                The Saudis said that the authors had never visited the country.";
    for needle in ["findings were biased", "never visited"] {
        let q = find(text, needle);
        assert_eq!(q.speaker.as_deref(), Some("Saudi Arabia"), "{needle}");
        assert_eq!(q.speaker_type, Some(SpeakerType::Organization), "{needle}");
    }
}

#[test]
fn the_country_is_no_us_state() {
    let text = "Governor Ray Alden of Ohio met the trade envoy on Monday.\n\n\
                The country said that tariffs would stay in place.";
    assert_ne!(speaker(text, "tariffs would stay"), "Ohio");
}

#[test]
fn a_people_with_no_country_named_is_no_person() {
    let text = "Protests spread across the region on Sunday.\n\n\
                Estonians said that the new law went too far.";
    assert_eq!(
        find(text, "went too far").speaker_type,
        Some(SpeakerType::Description)
    );
}

#[test]
fn people_in_a_place_or_for_a_body_are_not_the_place_or_the_body() {
    let text = "Crowds gathered outside the embassy on Monday.\n\n\
                Officials in Moscow said the talks would resume next week.\n\n\
                A spokesman for Norvia Airways said the flights were cancelled.\n\n\
                Doctors at Mercy Hospital said the patient was stable.\n\n\
                Two senior officials in Kestria said the border would stay shut.";
    for (needle, want) in [
        ("talks would resume", "Officials in Moscow"),
        ("flights were cancelled", "A spokesman for Norvia Airways"),
        ("patient was stable", "Doctors at Mercy Hospital"),
        ("border would stay shut", "Two senior officials in Kestria"),
    ] {
        let q = find(text, needle);
        assert_eq!(q.speaker.as_deref(), Some(want), "{needle}");
        assert_eq!(q.speaker_type, Some(SpeakerType::Description), "{needle}");
    }
}

#[test]
fn a_spokesperson_is_never_the_salient_person() {
    let text = "Anna Brooks announced her run for governor on Monday.\n\n\
                Brooks toured three towns, and Brooks spoke at each stop. \"We will win \
                this,\" Brooks said.\n\n\
                \"The schedule is not final,\" a spokesman said.\n\n\
                A spokeswoman for Halvard Mills said that the plant would stay open.";
    assert_eq!(speaker(text, "schedule is not final"), "a spokesman");
    assert_ne!(speaker(text, "plant would stay open"), "Anna Brooks");
}

#[test]
fn a_company_named_without_a_mark_is_the_company() {
    let text = "Shares of Brakmor rose on Monday after the boat maker Brakmor reported its best \
                quarter. Analysts expect Brakmor to hire again.\n\n\
                The company said that orders for next year had doubled.";
    let q = find(text, "orders for next year");
    assert_eq!(q.speaker.as_deref(), Some("Brakmor"));
    assert_eq!(q.speaker_type, Some(SpeakerType::Organization));
}

#[test]
fn a_town_is_never_the_company() {
    let text = "Brackton lost its bus depot last spring, and the workers in Brackton were moved \
                to other towns.\n\n\
                The company said that the depot would not reopen.";
    assert_ne!(speaker(text, "depot would not reopen"), "Brackton");
}

/// A newspaper that spoke as "the newspaper" is a body from then on: it stays the newspaper
/// paragraphs later, and its editorial, named again as "the editorial", is its own.
#[test]
fn a_newspaper_that_spoke_stays_the_newspaper_and_owns_its_editorial() {
    let text = "A Halden newspaper called on Mayor Lena Sorel to visit the flooded valley.\n\n\
                That did not sit well with the editors of The Clarion, who aimed their Friday \
                editorial at Sorel.\n\n\
                \"If she wants to be mayor again, Lena Sorel should act like one,\" the \
                editorial read.\n\n\
                The newspaper said that whoever leads the city should see the damage first \
                hand.\n\n\
                \"That is reason enough for Sorel to visit the valley this week,\" the \
                editorial said.\n\n\
                Sorel has said she did not want to get in the way of the rescue teams, who \
                worked through the weekend in the lower town.\n\n\
                The mayor's office did not answer calls on Saturday. Two council members said \
                they would join her if she went.\n\n\
                The newspaper urged Sorel to decide on grounds other than the next election.";
    assert_eq!(speaker(text, "whoever leads the city"), "Clarion");
    assert_eq!(speaker(text, "reason enough for Sorel"), "Clarion");
    let q = find(text, "grounds other than the next election");
    assert_eq!(q.speaker.as_deref(), Some("Clarion"));
    assert_eq!(q.speaker_type, Some(SpeakerType::Organization));
}

/// A capital that speaks is its country's government: "Beijing said" is China, named as the
/// article names it, a body; a capital that is only a place in the sentence stays a place.
#[test]
fn a_capital_that_speaks_is_its_country() {
    let text = "China has built an airstrip on the reef, satellite images show.\n\n\
                Beijing said the airstrip was for weather research and rescue flights only.";
    let q = find(text, "weather research");
    assert_eq!(q.speaker.as_deref(), Some("China"));
    assert_eq!(q.speaker_type, Some(SpeakerType::Organization));
    let text = "Trade talks resumed this week.\n\n\
                \"We expect no agreement before the spring,\" Riyadh said in a statement.";
    let q = find(text, "no agreement before");
    assert_eq!(q.speaker.as_deref(), Some("Saudi Arabia"));
    assert_eq!(q.speaker_type, Some(SpeakerType::Organization));
}

#[test]
fn an_acronym_after_the_full_name_is_that_body() {
    // Introduced in full, then by its letters: with "the", alone, with stops.
    let text = "The Northern Fisheries Council met in Lorvik on Monday.\n\n\
                The NFC said that the quotas would fall by a tenth.\n\n\
                \"We had no choice,\" NFC said in a statement.";
    for needle in ["quotas would fall", "We had no choice"] {
        let q = find(text, needle);
        assert_eq!(q.speaker.as_deref(), Some("Northern Fisheries Council"));
        assert_eq!(q.speaker_type, Some(SpeakerType::Organization));
    }
    let text = "The Harbour Pilots Association warned the ministry last week.\n\n\
                The H.P.A. said that the channel was too shallow for the new ferries.";
    assert_eq!(speaker(text, "too shallow"), "Harbour Pilots Association");
    // Letters no name of the article stands for, or a person's initials, stay as written.
    let text = "Ana Lind visited the harbour on Monday.\n\n\
                The ALB said that the quay would close. AL said the quay would reopen.";
    assert_eq!(speaker(text, "quay would close"), "ALB");
    assert_ne!(speaker(text, "quay would reopen"), "Ana Lind");
    // An acronym before the full name is not taken back.
    let text = "The NFC said that the quotas would fall by a tenth.\n\n\
                The Northern Fisheries Council meets again in March.";
    assert_eq!(speaker(text, "quotas would fall"), "NFC");
}

#[test]
fn a_body_named_with_of_for_or_on_is_named_whole() {
    let text = "The Association of Harbour Pilots wrote to the ministry on Monday.\n\n\
                The association said that the channel was too shallow for the ferries.\n\n\
                The Commission on Fishing Quotas said that the catch would fall.\n\n\
                Analysts at the Center for a Fair Budget said that taxes would rise.";
    for (needle, who) in [
        ("channel was too shallow", "Association of Harbour Pilots"),
        ("catch would fall", "Commission on Fishing Quotas"),
    ] {
        let q = find(text, needle);
        assert_eq!(q.speaker.as_deref(), Some(who), "{needle}");
        assert_eq!(q.speaker_type, Some(SpeakerType::Organization));
    }
    // People of a body are no part of its name.
    let text = "Republicans on the Harbour Committee said that the vote would wait.";
    assert_ne!(
        speaker(text, "vote would wait"),
        "Republicans on the Harbour Committee"
    );
}
