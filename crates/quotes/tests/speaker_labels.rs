//! Speech under a speaker's label: a title "Name: what they said" and a transcript's turns
//! ("ANNA KOWAL: …", "KOWAL: …", "Jon Hale: …"). A label that names nobody (a bold list
//! label, a section word, a list of names with notes) gives no quote. The texts are made up
//! for these tests.

use quotetrace_model::QuoteKind;
use quotetrace_quotes::extract;

mod common;
use common::{assert_none_contains, quote_by};

#[test]
fn a_title_under_a_name_is_what_that_person_said() {
    let text = "Okafor: ‘We Will Finish the Bridge Before Winter’\n\n\
                Mayor Adaeze Okafor told the council on Monday that the river crossing would \
                open in November.";
    let q = quote_by(text, "Finish the Bridge", "Adaeze Okafor");
    assert_eq!(q.kind, QuoteKind::Direct);
    let text = "Okafor: the bridge will open before winter\n\n\
                Mayor Adaeze Okafor spoke to the council on Monday.";
    let q = quote_by(text, "bridge will open", "Adaeze Okafor");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.cue.map(|c| c.text), Some(":".to_string()));
}

#[test]
fn a_title_that_asks_or_names_nobody_is_no_quote() {
    for text in [
        "Okafor: Will the Bridge Open Before Winter?\n\nMayor Adaeze Okafor spoke on Monday.",
        "Update: the bridge will open before winter\n\nMayor Adaeze Okafor spoke on Monday.",
        "Bridges: the ten longest crossings in the region\n\nThe list follows.",
    ] {
        assert_none_contains(
            &extract(text).quotes,
            &["Bridge Open", "bridge will", "ten longest"],
        );
    }
}

#[test]
fn a_transcripts_turns_are_their_speakers_words() {
    let text = "Campaign strategist Joel Pratt appeared on the morning show on Tuesday.\n\n\
                ANNA KOWAL: Why not debate in the capital?\n\n\
                JOEL PRATT: This is a man who said he would never run a negative ad. He is \
                now running them.\n\n\
                KOWAL: But voters want to hear from both of you before they decide.\n\n\
                PRATT: Senator Marsh has debated nine times.";
    for (needle, who) in [
        ("debate in the capital", "Anna Kowal"),
        ("negative ad", "Joel Pratt"),
        ("voters want to hear", "Anna Kowal"),
        ("debated nine times", "Joel Pratt"),
    ] {
        let q = quote_by(text, needle, who);
        assert_eq!(q.kind, QuoteKind::Direct, "{needle}");
    }
    let text = "Jon Hale: Welcome to the harbour podcast. Today my guest is the engineer who \
                built the pier.\n\n\
                Mira Sole: Thanks for having me on the show today.\n\n\
                Jon Hale: How long did the pier take to build?\n\n\
                Sole: Nine years, and two of them under water.";
    for (needle, who) in [
        ("guest is the engineer", "Jon Hale"),
        ("Thanks for having me", "Mira Sole"),
        ("How long did the pier", "Jon Hale"),
        ("Nine years", "Mira Sole"),
    ] {
        quote_by(text, needle, who);
    }
}

#[test]
fn labels_that_name_nobody_give_no_quotes() {
    // Bold list labels, repeated; a list of names with notes, each once.
    let text = "The best mailing tools, compared.\n\n\
                **Kit Pricing:** Starts at $12 a month for 500 contacts.\n\n\
                **Pricing:** Starts at $20 a month for 1,000 contacts.\n\n\
                **Pricing:** Starts at $9 a month for 500 contacts and a free plan.\n\n\
                Police released the names of those arrested on Friday.\n\n\
                Elena R. Marsh: Possession of a stolen bicycle and resisting arrest.\n\n\
                Tomas B. Quist: Two county warrants and driving without a licence.";
    assert_none_contains(
        &extract(text).quotes,
        &["Starts at", "stolen bicycle", "county warrants"],
    );
}
