//! A document a body issued speaks for that body ("according to a report from the Harbor
//! Gazette"), and a speaker phrase is never a bare determiner: "a report", "a statement" are
//! nouns after their article, not reporting verbs that cut the phrase to "a".

use quotetrace_quotes::extract;

mod common;

fn speaker_of(text: &str, needle: &str) -> Option<String> {
    common::find(&extract(text).quotes, needle).speaker.clone()
}

#[test]
fn a_report_from_a_named_outlet_is_that_outlet() {
    let text = "The festival was cancelled on Friday. According to a report from the Harbor \
                Gazette, the organisers had lost their main sponsor weeks before the opening.";
    assert_eq!(
        speaker_of(text, "lost their main sponsor").as_deref(),
        Some("Harbor Gazette")
    );
    let text = "The club is looking for a new coach. According to a report in the Valley \
                Courier, the board has offered the job to a former player from Lisbon.";
    assert_eq!(
        speaker_of(text, "offered the job").as_deref(),
        Some("Valley Courier")
    );
}

#[test]
fn a_determiner_alone_is_never_a_speaker() {
    let texts = [
        "The bridge will stay closed. According to a statement, the repairs will take at \
         least three more weeks because of the weather.",
        "\"The repairs will take at least three more weeks,\" said a statement released on \
         Monday by the county.",
        "The mill kept its doors open. According to an analysis published on Friday, the \
         town has lost half of its jobs in ten years.",
    ];
    for text in texts {
        for q in extract(text).quotes {
            let s = q.speaker.unwrap_or_default();
            let words: Vec<&str> = s.split_whitespace().collect();
            assert!(
                !(words.len() == 1
                    && ["a", "an", "the", "another"].contains(&words[0].to_lowercase().as_str())),
                "{text}: speaker {s:?}"
            );
        }
    }
}

#[test]
fn a_phrase_cut_to_its_article_names_nobody() {
    // A word a cue could be, right after a capitalised article: the phrase has no noun.
    let text = "The new laptop was shown on Tuesday. The $ 1999 15 '' Air, which is due to ship \
                in late March, offers 2 USB ports, a card reader and a faster processor. The \
                defending champions from the harbour town will have to win without their \
                captain this year.";
    for q in extract(text).quotes {
        let s = q.speaker.unwrap_or_default().to_lowercase();
        assert!(s != "the" && s != "a", "{text}: speaker {s:?}");
    }
}

#[test]
fn the_report_later_is_still_its_issuer() {
    let text = "A cyclist was hurt on Friday near the old mill in Dunmore, according to a \
                report from the Harbor Gazette. The driver stopped a few streets away and was \
                questioned by officers for two hours, according to the report.";
    assert_eq!(
        speaker_of(text, "questioned by officers").as_deref(),
        Some("Harbor Gazette")
    );
}

#[test]
fn an_adjective_before_a_body_noun_is_not_the_body() {
    let text = "According to a statement from the Chilean army, the trawler had been drifting \
                for three days before a patrol boat found it.";
    assert_ne!(
        speaker_of(text, "trawler had been drifting").as_deref(),
        Some("Chilean")
    );
}

#[test]
fn a_corporate_officer_abbreviation_is_a_role_before_the_name() {
    for role in ["MD", "CFO", "CTO", "COO", "VP"] {
        let text = format!(
            "\"We expect strong demand this year,\" said Harbor Systems India {role} Dasaradha \
             R Gude."
        );
        assert_eq!(
            speaker_of(&text, "strong demand").as_deref(),
            Some("Dasaradha R Gude"),
            "{role}"
        );
    }
}

/// Modifiers between the article and the document word keep it a noun ("a new report by the
/// Harbor Gazette", not "a new"), and a participle with a time after it ends the phrase ("a
/// survey published Tuesday", not "a survey published").
#[test]
fn a_document_with_modifiers_or_a_participle_after_it() {
    let text = "The festival was cancelled on Friday. According to a new report by the Harbor \
                Gazette, the organisers had lost their main sponsor weeks before the opening.";
    assert_eq!(
        speaker_of(text, "lost their main sponsor").as_deref(),
        Some("Harbor Gazette")
    );
    let text = "The club is looking for a new coach. According to a survey published Tuesday, \
                most members want a former player to take the job.";
    assert_eq!(
        speaker_of(text, "most members want").as_deref(),
        Some("a survey")
    );
}
