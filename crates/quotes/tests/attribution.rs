//! Attribution patterns, kinds and canonical speakers, one small article each.

use quotetrace_model::{Quote, QuoteKind};
use quotetrace_quotes::extract;

mod common;
use common::{find, speaker};

fn quotes(text: &str) -> Vec<Quote> {
    extract(text).quotes
}

fn mention(q: &Quote) -> &str {
    q.speaker_mention
        .as_ref()
        .map_or("<none>", |m| m.text.as_str())
}

const PUTIN_INTRO: &str =
    "Russian President Vladimir Putin met business leaders in Moscow on Thursday.\n\n";

#[test]
fn quote_then_name_said() {
    let text = format!("{PUTIN_INTRO}\"We will not retreat from our plans,\" Putin said.");
    let qs = quotes(&text);
    let q = find(&qs, "We will not retreat");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker(q), "Vladimir Putin");
    assert_eq!(mention(q), "Putin");
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert_eq!(&text[q.start..q.end], q.text);
    assert_eq!(q.text, "We will not retreat from our plans,");
}

#[test]
fn quote_then_said_name() {
    let text =
        "“The harvest was the best in a decade,” said Agriculture Minister Dmitry Patrushev.";
    let q = &quotes(text)[0];
    assert_eq!(speaker(q), "Dmitry Patrushev");
}

#[test]
fn name_said_colon_and_comma() {
    let text = "Elena Varga said: \"The budget is balanced at last.\"\n\nTomas Held said, \"It is balanced on the backs of nurses.\"";
    let qs = quotes(text);
    assert_eq!(speaker(find(&qs, "balanced at last")), "Elena Varga");
    assert_eq!(speaker(find(&qs, "backs of nurses")), "Tomas Held");
}

#[test]
fn dash_attributions_from_translated_text() {
    let text = format!(
        "{PUTIN_INTRO}«We have always been open to dialogue», — said the President of the Russian Federation.\n\n\"Nobody wants a new arms race\" — Putin said."
    );
    let qs = quotes(&text);
    let a = find(&qs, "open to dialogue");
    assert_eq!(speaker(a), "Vladimir Putin");
    assert!(
        mention(a).contains("President of the Russian Federation"),
        "{a:?}"
    );
    assert_eq!(speaker(find(&qs, "arms race")), "Vladimir Putin");
}

#[test]
fn pronoun_added_and_continued() {
    let text = "Mayor Marta Kowalski toured the flooded streets on Monday. \"We will rebuild,\" she said. \"And we will rebuild quickly,\" she added.\n\nKowalski continued: \"Nobody will be left behind this winter.\"";
    let qs = quotes(text);
    for needle in ["rebuild quickly", "left behind"] {
        assert_eq!(speaker(find(&qs, needle)), "Marta Kowalski", "{needle}");
    }
}

#[test]
fn according_to_and_in_his_opinion() {
    let text = "Economist Rafael Mendes studied the figures. According to Mendes, \"the recovery is real but fragile.\" In his opinion, \"rates should stay where they are for a year.\"";
    let qs = quotes(text);
    assert_eq!(speaker(find(&qs, "recovery is real")), "Rafael Mendes");
    let q = find(&qs, "rates should stay");
    assert_eq!(speaker(q), "Rafael Mendes");
    assert_eq!(mention(q), "his");
}

#[test]
fn told_a_conference_and_asked() {
    let text = "Professor Ingrid Haugen told a conference in Oslo: \"We are grading these systems on exams they have already seen.\"\n\n\"Who checks the checkers?\" asked Haugen.";
    let qs = quotes(text);
    assert_eq!(speaker(find(&qs, "grading these systems")), "Ingrid Haugen");
    let q = find(&qs, "checks the checkers");
    assert_eq!(speaker(q), "Ingrid Haugen");
    assert_eq!(q.cue.as_ref().unwrap().text, "asked");
}

#[test]
fn quotation_alone_in_its_paragraph_continues_the_speaker() {
    let text = "\"The bridge will be open by Christmas,\" engineer Henrik Solberg said.\n\n\"We have the steel and we have the crews. What we need now is dry weather for six weeks.\"";
    let qs = quotes(text);
    assert_eq!(speaker(find(&qs, "dry weather")), "Henrik Solberg");
}

#[test]
fn quotation_over_two_paragraphs_is_one_quote() {
    let text = "Solberg said: “The first span goes in next month.\n\n“The second follows in spring, if the river lets us.”\n\nThe council meets on Friday.";
    let qs = quotes(text);
    let q = find(&qs, "first span");
    assert!(q.text.contains("if the river lets us"), "{q:?}");
    assert_eq!(speaker(q), "Solberg");
}

#[test]
fn quotation_interrupted_by_its_attribution_is_one_quote() {
    let text = "\"We did everything right,\" Varga said. \"The numbers will show it.\"";
    let qs = quotes(text);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert!(qs[0].text.contains("numbers will show it"));
    assert_eq!(qs[0].verbatim.len(), 2);
}

#[test]
fn pull_quote_with_glued_name() {
    let text = "Putin spoke for four hours.\n\nWe shall meet someday for sure.Vladimir Putin\n\nThe press conference ended at noon.";
    let qs = quotes(text);
    let q = find(&qs, "meet someday");
    assert_eq!(q.kind, QuoteKind::Pull);
    assert_eq!(q.text, "We shall meet someday for sure.");
    assert_eq!(speaker(q), "Vladimir Putin");
}

#[test]
fn partial_and_indirect_speech() {
    let text = "Opposition leader Tomas Held said the plan was \"dead on arrival in this parliament\" and promised a vote against it.\n\nHeld said that his party would table its own budget within a month.\n\nThe finance ministry denied that any pension would be cut next year.";
    let qs = quotes(text);
    let p = find(&qs, "dead on arrival");
    assert_eq!(p.kind, QuoteKind::Partial);
    assert_eq!(speaker(p), "Tomas Held");
    let i = find(&qs, "his party would table");
    assert_eq!(i.kind, QuoteKind::Indirect);
    assert_eq!(speaker(i), "Tomas Held");
    let d = find(&qs, "any pension would be cut");
    assert_eq!(d.kind, QuoteKind::Indirect);
    assert_eq!(d.cue.as_ref().unwrap().text, "denied");
}

#[test]
fn pronoun_skips_a_plural_body_mentioned_last() {
    let text = "Senator Ruth Okafor questioned U.S. intelligence agencies about the leak on Tuesday. \"Somebody lied to this committee,\" she said.\n\nDeputy Minister Karel Dusek, who oversees the intelligence agencies, was asked about it. \"I learned about this from the newspaper,\" he said.";
    let qs = quotes(text);
    assert_eq!(speaker(find(&qs, "Somebody lied")), "Ruth Okafor");
    assert_eq!(speaker(find(&qs, "from the newspaper")), "Karel Dusek");
}

#[test]
fn role_descriptions_resolve_to_the_person_introduced_with_the_role() {
    let text = format!(
        "{PUTIN_INTRO}\"The sanctions have failed,\" the Russian leader said.\n\n\"Our economy has adapted,\" the president added."
    );
    let qs = quotes(&text);
    assert_eq!(
        speaker(find(&qs, "sanctions have failed")),
        "Vladimir Putin"
    );
    assert_eq!(speaker(find(&qs, "economy has adapted")), "Vladimir Putin");
}

#[test]
fn organisations_speak_too() {
    let text = "\"The talks were constructive,\" the Kremlin said in a statement.\n\nThe State Department said that the meeting had been useful for both sides.";
    let qs = quotes(text);
    assert_eq!(speaker(find(&qs, "talks were constructive")), "Kremlin");
    assert_eq!(
        speaker(find(&qs, "meeting had been useful")),
        "State Department"
    );
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    let text = "Bill Clinton spoke first. \"Turnout will decide it,\" Bill Clinton said.\n\nHillary Clinton followed him on stage. \"We are going to win Ohio,\" Clinton said.";
    let qs = quotes(text);
    assert_eq!(speaker(find(&qs, "Turnout")), "Bill Clinton");
    assert_eq!(speaker(find(&qs, "win Ohio")), "Hillary Clinton");
}

#[test]
fn every_quotation_mark_style() {
    let text = "Haugen said: ‘Benchmarks are not the truth about a model.’\n\nVarga said: „Wir halten den Haushalt stabil.“\n\nVolkan said: « Nous restons ouverts au dialogue. »\n\nHeld said: “ We will vote against it in any case. ”";
    let qs = quotes(text);
    assert_eq!(
        find(&qs, "Benchmarks").text,
        "Benchmarks are not the truth about a model."
    );
    assert_eq!(
        find(&qs, "Haushalt").text,
        "Wir halten den Haushalt stabil."
    );
    assert_eq!(
        find(&qs, "dialogue").text,
        "Nous restons ouverts au dialogue."
    );
    assert_eq!(
        find(&qs, "vote against").text,
        "We will vote against it in any case."
    );
}

#[test]
fn unbalanced_marks_do_not_stop_the_document() {
    let text = "\"This quote never closes, the senator said.\n\nLater, \"Everything after the stray mark still counts,\" Okafor said.";
    let ex = extract(text);
    assert_eq!(speaker(find(&ex.quotes, "stray mark")), "Okafor");
    assert!(!ex.warnings.is_empty());
}

#[test]
fn quotes_inside_boilerplate_are_not_reported() {
    let text = "\"The vote is on Friday,\" Held said.\n\nSupport independent journalism! \"You are the only outlet that explains the numbers,\" one reader wrote. Please make a contribution today.\n\nOnce\n\nMonthly\n\nAnnual\n\nContinue\n\nRelated article: \"We were never told,\" says villager\n\nA protester holds a sign reading \"Hands off our pensions\" in Bresk. Photo: Reuters";
    let ex = extract(text);
    assert_eq!(ex.quotes.len(), 1, "{:#?}", ex.quotes);
    assert!(ex.boilerplate.iter().any(|b| b.why == "donation appeal"));
    assert!(ex.boilerplate.iter().any(|b| b.why == "related link"));
    assert!(ex.boilerplate.iter().any(|b| b.why == "photo caption"));
}
