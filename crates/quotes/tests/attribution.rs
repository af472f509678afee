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

/// The quote of `qs` containing `needle`, checked to have the speaker `who`.
fn spoken_by<'a>(qs: &'a [Quote], needle: &str, who: &str) -> &'a Quote {
    let q = find(qs, needle);
    assert_eq!(speaker(q), who, "the speaker of {needle:?}");
    q
}

/// The quote of `qs` containing `needle`, checked to be of `kind` and to have the speaker
/// `who`.
fn quote_of<'a>(qs: &'a [Quote], needle: &str, kind: QuoteKind, who: &str) -> &'a Quote {
    let q = spoken_by(qs, needle, who);
    assert_eq!(q.kind, kind, "the kind of {needle:?}");
    q
}

/// Checks each (needle, speaker) pair: the quote of `text` containing the needle has that
/// speaker.
fn assert_speakers(text: &str, expected: &[(&str, &str)]) {
    let qs = quotes(text);
    for (needle, who) in expected {
        spoken_by(&qs, needle, who);
    }
}

const PUTIN_INTRO: &str =
    "Russian President Vladimir Putin met business leaders in Moscow on Thursday.\n\n";

#[test]
fn quote_then_name_said() {
    let text = format!("{PUTIN_INTRO}\"We will not retreat from our plans,\" Putin said.");
    let qs = quotes(&text);
    let q = quote_of(
        &qs,
        "We will not retreat",
        QuoteKind::Direct,
        "Vladimir Putin",
    );
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

/// Each quote's speaker: named in the attribution, or carried over from an earlier sentence.
#[test]
fn speakers_named_or_carried_over() {
    let cases: [(&str, &[(&str, &str)]); 6] = [
        // `said:` and `said,`
        (
            "Elena Varga said: \"The budget is balanced at last.\"\n\nTomas Held said, \"It is balanced on the backs of nurses.\"",
            &[("balanced at last", "Elena Varga"), ("backs of nurses", "Tomas Held")],
        ),
        // Organisations speak too.
        (
            "\"The talks were constructive,\" the Kremlin said in a statement.\n\nThe State Department said that the meeting had been useful for both sides.",
            &[("talks were constructive", "Kremlin"), ("meeting had been useful", "State Department")],
        ),
        // People sharing a surname stay apart.
        (
            "Bill Clinton spoke first. \"Turnout will decide it,\" Bill Clinton said.\n\nHillary Clinton followed him on stage. \"We are going to win Ohio,\" Clinton said.",
            &[("Turnout", "Bill Clinton"), ("win Ohio", "Hillary Clinton")],
        ),
        // A pronoun with `added`, a name with `continued`.
        (
            "Mayor Marta Kowalski toured the flooded streets on Monday. \"We will rebuild,\" she said. \"And we will rebuild quickly,\" she added.\n\nKowalski continued: \"Nobody will be left behind this winter.\"",
            &[("rebuild quickly", "Marta Kowalski"), ("left behind", "Marta Kowalski")],
        ),
        // A quotation alone in its paragraph continues the speaker.
        (
            "\"The bridge will be open by Christmas,\" engineer Henrik Solberg said.\n\n\"We have the steel and we have the crews. What we need now is dry weather for six weeks.\"",
            &[("dry weather", "Henrik Solberg")],
        ),
        // A pronoun skips a plural body mentioned last.
        (
            "Senator Ruth Okafor questioned U.S. intelligence agencies about the leak on Tuesday. \"Somebody lied to this committee,\" she said.\n\nDeputy Minister Karel Dusek, who oversees the intelligence agencies, was asked about it. \"I learned about this from the newspaper,\" he said.",
            &[("Somebody lied", "Ruth Okafor"), ("from the newspaper", "Karel Dusek")],
        ),
    ];
    for (text, expected) in cases {
        assert_speakers(text, expected);
    }
}

#[test]
fn dash_attributions_from_translated_text() {
    let text = format!(
        "{PUTIN_INTRO}«We have always been open to dialogue», — said the President of the Russian Federation.\n\n\"Nobody wants a new arms race\" — Putin said."
    );
    let qs = quotes(&text);
    let a = spoken_by(&qs, "open to dialogue", "Vladimir Putin");
    assert!(
        mention(a).contains("President of the Russian Federation"),
        "{a:?}"
    );
    spoken_by(&qs, "arms race", "Vladimir Putin");
}

/// A speaker's second quote: after `According to`, `In his opinion` (mention `his`); after
/// `told a conference`, `asked`.
#[test]
fn according_to_and_in_his_opinion_told_and_asked() {
    let qs = quotes("Economist Rafael Mendes studied the figures. According to Mendes, \"the recovery is real but fragile.\" In his opinion, \"rates should stay where they are for a year.\"");
    spoken_by(&qs, "recovery is real", "Rafael Mendes");
    let q = spoken_by(&qs, "rates should stay", "Rafael Mendes");
    assert_eq!(mention(q), "his");

    let qs = quotes("Professor Ingrid Haugen told a conference in Oslo: \"We are grading these systems on exams they have already seen.\"\n\n\"Who checks the checkers?\" asked Haugen.");
    spoken_by(&qs, "grading these systems", "Ingrid Haugen");
    let q = spoken_by(&qs, "checks the checkers", "Ingrid Haugen");
    assert_eq!(q.cue.as_ref().unwrap().text, "asked");
}

#[test]
fn quotation_over_two_paragraphs_is_one_quote() {
    let text = "Solberg said: “The first span goes in next month.\n\n“The second follows in spring, if the river lets us.”\n\nThe council meets on Friday.";
    let qs = quotes(text);
    let q = spoken_by(&qs, "first span", "Solberg");
    assert!(q.text.contains("if the river lets us"), "{q:?}");
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
    let q = quote_of(&qs, "meet someday", QuoteKind::Pull, "Vladimir Putin");
    assert_eq!(q.text, "We shall meet someday for sure.");
}

#[test]
fn a_button_or_an_abbreviation_glued_on_is_no_pull_quote() {
    for text in [
        // A consent box and its buttons, run together by the converter.
        "This site uses cookies to make your visit better. We assume you agree, but you can \
         leave if you wish.Accept Read More",
        // A headline with an abbreviation: "U.S.News" is no sentence glued to a name.
        "Harbour College Keeps Its Place on the 2026 U.S. News List",
    ] {
        let qs = quotes(text);
        assert!(
            qs.iter().all(|q| q.kind != QuoteKind::Pull),
            "{text}: {qs:#?}"
        );
    }
}

#[test]
fn partial_and_indirect_speech() {
    let text = "Opposition leader Tomas Held said the plan was \"dead on arrival in this parliament\" and promised a vote against it.\n\nHeld said that his party would table its own budget within a month.\n\nThe finance ministry denied that any pension would be cut next year.";
    let qs = quotes(text);
    quote_of(&qs, "dead on arrival", QuoteKind::Partial, "Tomas Held");
    quote_of(
        &qs,
        "his party would table",
        QuoteKind::Indirect,
        "Tomas Held",
    );
    let d = find(&qs, "any pension would be cut");
    assert_eq!(d.kind, QuoteKind::Indirect);
    assert_eq!(d.cue.as_ref().unwrap().text, "denied");
}

#[test]
fn role_descriptions_resolve_to_the_person_introduced_with_the_role() {
    let text = format!(
        "{PUTIN_INTRO}\"The sanctions have failed,\" the Russian leader said.\n\n\"Our economy has adapted,\" the president added."
    );
    assert_speakers(
        &text,
        &[
            ("sanctions have failed", "Vladimir Putin"),
            ("economy has adapted", "Vladimir Putin"),
        ],
    );
}

#[test]
fn every_quotation_mark_style() {
    let text = "Haugen said: ‘Benchmarks are not the truth about a model.’\n\nVarga said: „Wir halten den Haushalt stabil.“\n\nVolkan said: « Nous restons ouverts au dialogue. »\n\nHeld said: “ We will vote against it in any case. ”";
    let qs = quotes(text);
    for (needle, whole) in [
        ("Benchmarks", "Benchmarks are not the truth about a model."),
        ("Haushalt", "Wir halten den Haushalt stabil."),
        ("dialogue", "Nous restons ouverts au dialogue."),
        ("vote against", "We will vote against it in any case."),
    ] {
        assert_eq!(find(&qs, needle).text, whole);
    }
}

#[test]
fn unbalanced_marks_do_not_stop_the_document() {
    let text = "\"This quote never closes, the senator said.\n\nLater, \"Everything after the stray mark still counts,\" Okafor said.";
    let ex = extract(text);
    spoken_by(&ex.quotes, "stray mark", "Okafor");
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

/// A reported clause that runs on into a quotation reported on its own ends before it: no
/// two quotes hold the same words.
#[test]
fn reported_speech_ends_before_a_quotation_reported_on_its_own() {
    let qs = quotes(
        "Mayor Lena Sorel spoke at the council on Monday.\n\n\
         Sorel insisted it was \"premature\" to close the bridge while her deputy Hal Brant \
         added, “We have the money to repair it this year.”",
    );
    let direct = quote_of(&qs, "We have the money", QuoteKind::Direct, "Hal Brant");
    let reported = spoken_by(&qs, "to close the bridge", "Lena Sorel");
    assert!(!reported.text.contains("We have"), "{reported:#?}");
    for q in &qs {
        if q.start != direct.start {
            assert!(
                q.end <= direct.start || q.start >= direct.end,
                "{q:#?} overlaps {direct:#?}"
            );
        }
    }
}

/// A reported quote that is one quotation whole is reported without its marks, as a partial
/// quote: `text` never holds the enclosing quotation marks.
#[test]
fn a_quotation_reported_whole_keeps_no_marks() {
    let qs = quotes(
        "Mayor Lena Sorel spoke at the council on Monday.\n\n\
         Asked how many homes were lost, Sorel said “Too many.”\n\n\
         Sorel said “an evil, hateful act” had shaken the town.",
    );
    let whole = quote_of(&qs, "Too many.", QuoteKind::Partial, "Lena Sorel");
    assert_eq!(whole.text, "Too many.");
    // A quotation inside a longer reported clause keeps its marks in the clause's text.
    let mixed = quote_of(&qs, "had shaken the town", QuoteKind::Partial, "Lena Sorel");
    assert!(mixed.text.starts_with('“'), "{mixed:#?}");
}

/// A reported clause cut before a quotation reported on its own keeps the closing mark of a
/// quotation it holds: the cut takes only the next quotation's opening mark.
#[test]
fn a_cut_clause_keeps_the_closing_mark_of_its_own_quotation() {
    let qs = quotes(
        "Mayor Lena Sorel spoke at the council on Monday.\n\n\
         Sorel calls the bypass “a road that leads nowhere”: “We have spent four years on it \
         and the money is gone.”",
    );
    let direct = qs
        .iter()
        .find(|q| q.text.starts_with("We have spent"))
        .unwrap_or_else(|| panic!("no quote of the long quotation: {qs:#?}"));
    let called = qs
        .iter()
        .find(|q| q.text.contains("a road that leads nowhere"))
        .unwrap_or_else(|| panic!("no quote of the clause: {qs:#?}"));
    assert!(
        called.end <= direct.start,
        "{called:#?} overlaps {direct:#?}"
    );
    assert!(called.text.ends_with('”'), "{called:#?}");
}

/// "“A,” she said, adding that “B”": the attribution between the quotations says more than who
/// spoke, so B is a statement of its own; "“A,” she said. “B.”" stays one quote.
#[test]
fn a_second_reporting_clause_between_quotations_starts_a_new_quote() {
    let qs = quotes(
        "Mayor Lena Sorel spoke at the council on Monday.\n\n\
         “We will rebuild the pier before the summer,” she said, adding that the council \
         would “find the money somewhere” and that work would start in May.",
    );
    let first = quote_of(
        &qs,
        "We will rebuild the pier",
        QuoteKind::Direct,
        "Lena Sorel",
    );
    assert!(!first.text.contains("find the money"), "{first:#?}");
    let second = spoken_by(&qs, "find the money somewhere", "Lena Sorel");
    assert!(second.start > first.end, "{second:#?}");

    let qs = quotes(
        "Mayor Lena Sorel spoke at the council on Monday.\n\n\
         “We will rebuild the pier,” Sorel said, a hint of anger in her voice. “And we will do \
         it before the summer season starts.”",
    );
    let whole = quote_of(
        &qs,
        "We will rebuild the pier",
        QuoteKind::Direct,
        "Lena Sorel",
    );
    assert!(
        whole.text.contains("before the summer season"),
        "{whole:#?}"
    );
}

#[test]
fn strings_of_structured_data_are_no_quotations() {
    // A page's settings left in its text as JSON, between two paragraphs of an article.
    let text = "The ferry company said on Monday that the new boats would arrive in May.\n\n\
                {\"layout\":2,\"button\":\"Order the new timetable today\",\"items\":[\"Winter \
                timetable for the north route\",\"Summer timetable for the island route\"],\
                \"card\":{\"title\":\"Ferry tickets for the whole family\",\"alt\": \"A ferry \
                leaving the harbour at dawn\"}}\n\n\
                \"We will not raise the fares this year,\" said Ana Lind, the company's chief.";
    let qs = quotes(text);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    spoken_by(&qs, "We will not raise the fares", "Ana Lind");
    spoken_by(&qs, "the new boats would arrive", "The ferry company");
    // Prose with colons and lists of quoted words keeps its quotations.
    let qs = quotes(
        "Ana Lind gave the plan a name: \"Harbour First.\" The words \"safe\", \"cheap\" and \
         \"on time\" were on every poster, and she said: \"We will keep all three promises.\"",
    );
    spoken_by(&qs, "We will keep all three promises", "Ana Lind");
    // A phrase quoted before a colon and a quotation after it are prose, not a key and a value.
    let qs = quotes(
        "The columnist Ola Berg calls the mayor \"a builder with the habits of a gambler\":          \"She promises a bridge every spring and a tunnel every autumn.\"",
    );
    find(&qs, "a builder with the habits");
    find(&qs, "She promises a bridge");
}

#[test]
fn a_role_description_goes_to_the_very_office_then_to_the_one_named_last() {
    // "the senator": the senator, though a representative (another lawmaker) came later.
    let text = "Sen. Marta Lindqvist toured the shipyard on Monday with her rival, Rep. Oskar Brandt.\n\nLindqvist said the yard needed new cranes. \"We cannot wait another winter,\" the senator said.";
    assert_speakers(text, &[("another winter", "Marta Lindqvist")]);
    // Two governors: the one named last, not the one introduced last.
    let text = "Gov. Teodor Vance met Gov. Rhea Calloway in the capital on Friday.\n\nCalloway spoke first about water rights. Then Vance took the floor. \"The river belongs to both states,\" the governor said.";
    assert_speakers(text, &[("river belongs", "Teodor Vance")]);
    // A name after a lower-case word ("thanked Marbury") is no mention a description goes
    // back to: the last one named as a subject is.
    let text = "Mayor Ilse Marbury and Mayor Dana Korver shared the stage after the flood.\n\nKorver said the roads were clear. The council thanked Marbury for the shelters.\n\n\"Nobody will be left behind,\" the mayor said.";
    assert_speakers(text, &[("left behind", "Dana Korver")]);
}

#[test]
fn a_possessives_noun_then_the_name_in_apposition_is_the_name() {
    // The possessor ("his", "Varga's") did not speak: the name in apposition did.
    let text = "Mayor Tomas Varga spoke to reporters on Monday.\n\nHis campaign manager, Jeff Lindqvist, said the mayor would stay in the race.\n\nVarga's press secretary, Ana Holm, said the mayor was traveling on Tuesday.\n\n\"We will not give up,\" his campaign manager, Jeff Lindqvist, told reporters.";
    assert_speakers(
        text,
        &[
            ("stay in the race", "Jeff Lindqvist"),
            ("traveling on Tuesday", "Ana Holm"),
            ("not give up", "Jeff Lindqvist"),
        ],
    );
}

#[test]
fn a_person_of_a_place_or_a_body_is_the_person() {
    let text = "Harbor strike enters second week.\n\nHouse Speaker Paul T. Marsh of Wisconsin said the strike had to end by Friday.\n\nPastor Joseph Brennan of Marion Avenue Baptist Church said the congregation would collect food.\n\nOstmark Secretary of State Jonas Wilde said the port would stay open.\n\nThe Bank of Ostmark said the losses were small.";
    assert_speakers(
        text,
        &[
            ("end by Friday", "Paul T. Marsh"),
            ("collect food", "Joseph Brennan"),
            ("stay open", "Jonas Wilde"),
            ("losses were small", "Bank of Ostmark"),
        ],
    );
}

#[test]
fn a_person_of_the_body_named_over_the_or_for_is_the_person() {
    let text = "Harbor strike enters second week.\n\nJeffrey Lindahl of the Harbor Center for Trade Studies said the port lost money every day.\n\nLena Walsh of The Ostmark Ledger said the documents showed no wrongdoing.\n\n\"It is a disgrace,\" said Mr. Morgan of the Harbor Pilots Guild.";
    assert_speakers(
        text,
        &[
            ("lost money", "Jeffrey Lindahl"),
            ("documents showed", "Lena Walsh"),
            ("a disgrace", "Morgan"),
        ],
    );
}
