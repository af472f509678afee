//! Markdown as scrapers write it must not break quotations: emphasis and block-quote marks
//! around them, links inside them, bold labels before them, an image between two paragraphs
//! of one quotation. Offsets index the text as given; the reported texts leave the syntax out.

use quotetrace_model::Quote;
use quotetrace_quotes::{extract, extract_page};

mod common;
use common::{assert_none_contains, find, quote_by};

/// Emphasis around a quotation and a link inside one: the quote's text leaves the syntax out,
/// its span indexes the text as given.
#[test]
fn emphasis_around_and_a_link_inside_a_quotation() {
    let text = "Harbour master Ilse Dorn inspected the quay on Monday.\n\n_“The boats were tied three times over and still two of them broke loose,”_ Dorn said.";
    let q = quote_by(text, "boats were tied", "Ilse Dorn");
    assert_eq!(
        q.text,
        "The boats were tied three times over and still two of them broke loose,"
    );
    assert_eq!(&text[q.start..q.end], q.text);

    let text = "The tram drivers' union published its plan on Tuesday.\n\n“The company knows [our proposal](https://carrow-news.example/docs/union-proposal), and it has not answered it,” said Bettina Kroll, an organiser.";
    let q = quote_by(text, "company knows", "Bettina Kroll");
    assert_eq!(
        q.text,
        "The company knows our proposal, and it has not answered it,"
    );
    assert!(!q.text.contains("http"));
    // The span still indexes the text as given: it runs over the link.
    assert!(text[q.start..q.end].contains("](https://"));
}

#[test]
fn block_quote_in_bold_with_single_marks() {
    let text = "The union organiser Bettina Kroll spoke to drivers at the depot on Friday.\n\n> **‘Our members are not refusing to work harder, they are refusing thirteen-hour days,’** Kroll said.";
    let q = quote_by(text, "not refusing to work harder", "Bettina Kroll");
    assert!(!q.text.contains('*'), "{}", q.text);
}

#[test]
fn a_linked_name_is_the_speaker() {
    let text = "“We will keep the ferry running through the winter,” said [Ines Marlowe](https://velmora-post.example/people/ines-marlowe), a harbour councillor.";
    let q = quote_by(text, "keep the ferry", "Ines Marlowe");
    let m = q.speaker_mention.as_ref().unwrap();
    assert_eq!(m.text, "Ines Marlowe");
    assert_eq!(&text[m.start..m.end], "Ines Marlowe");
}

#[test]
fn bold_labels_are_not_speakers() {
    let text = "Shares in Lantern Foods rose 7 percent on Thursday.\n\n* **Why it matters:** “Shoppers are cooking less on weekdays but they are not giving up on quality.”\n\n**Key quote:** “Our new range arrived at the right moment.”";
    let ex = extract(text);
    for q in &ex.quotes {
        let s = q.speaker.as_deref().unwrap_or("");
        assert!(
            !s.contains("Why it matters") && !s.contains("Key quote"),
            "{q:#?}"
        );
        assert!(!q.text.contains('*'), "{q:#?}");
    }
}

#[test]
fn an_image_between_two_paragraphs_of_one_quotation() {
    let text = "Teresa Quinlan, the Rovers manager, spoke after the match.\n\n“At half-time I told them the game was not lost, only late.\n\n![Players celebrate the winning goal](https://example.org/img/goal.jpg)\n\n“They believed it, and the substitute changed the mood of the whole ground,” Quinlan said.";
    let q = quote_by(text, "At half-time", "Teresa Quinlan");
    assert!(q.text.contains("changed the mood"), "one quotation: {q:#?}");
    assert!(!q.text.contains("Players celebrate"), "{q:#?}");
}

#[test]
fn a_whole_page_keeps_the_article_quotes_and_drops_the_menu_ones() {
    let mut page = String::new();
    page.push_str("[Skip to content](#main)\n\n");
    for s in ["News", "Sport", "Business", "Culture", "Opinion", "Weather"] {
        page.push_str(&format!("  * [{s}](https://velmora-post.example/{s})\n"));
    }
    page.push_str("\n# Harbour council approves ferry subsidy\n\n");
    page.push_str("The harbour council voted 9 to 6 on Wednesday night to keep the island ferry running through the winter, ending a dispute that had divided the town for months.\n\n");
    page.push_str("“Nobody on the islands should have to choose between a hospital appointment and a week's wages,” councillor Ines Marlowe said after the vote.\n\n");
    page.push_str("Opponents argued that the reserve fund was meant for repairs to the breakwater, which engineers have described as fragile and in need of work before the next storm season.\n\n");
    page.push_str("## Most read\n\n");
    page.push_str("  1. [“We will not back down,” mayor says as strike enters third day](https://velmora-post.example/a/1)\n  2. [‘It felt like the end of the world’: survivors recall the flood](https://velmora-post.example/a/2)\n  3. [Rail fares to rise in January](https://velmora-post.example/a/3)\n\n");
    page.push_str("© 2025 The Velmora Post. All rights reserved.\n");
    let ex = extract_page(&page, &|_| false);
    find(&ex.quotes, "hospital appointment");
    assert_none_contains(&ex.quotes, &["back down", "end of the world"]);
    assert!(ex
        .boilerplate
        .iter()
        .any(|b| page[b.start..b.end].contains("Most read")
            || page[b.start..b.end].contains("back down")));
}

#[test]
fn headings_and_headline_links_are_not_quote_sources() {
    let text = "## “We will not back down,” mayor says as strike enters third day\n\nThe strike by tram drivers entered its third day on Thursday, with no talks planned.\n\n  * [“I never saw it coming,” says lottery winner from Dunmere](https://ledger.example/a/1)\n  * [Rail fares to rise in January](https://ledger.example/a/2)\n\n“We will not back down,” Mayor Ana Ruiz told reporters on Thursday.";
    let ex = extract(text);
    assert_none_contains(&ex.quotes, &["never saw it"]);
    let found: Vec<&Quote> = ex
        .quotes
        .iter()
        .filter(|q| q.text.contains("not back down"))
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", ex.quotes);
    assert_eq!(found[0].speaker.as_deref(), Some("Ana Ruiz"));
    // A link inside a sentence does not make it a headline.
    let text = "Critics called [“a betrayal of the islands”](https://ledger.example/r) the plan the council adopted, and councillor Ines Marlowe said “it will be reversed”.";
    let ex = extract(text);
    assert!(
        ex.quotes.iter().any(|q| q.text.contains("reversed")),
        "{:#?}",
        ex.quotes
    );
}

#[test]
fn teaser_cards_are_not_quote_sources() {
    // Cards of other stories: a headline link, then a summary cut short or its own "read more".
    let text = "The ferry to Vell Island will not run on Sundays from next month, the harbour board decided on Tuesday after a long meeting.\n\n“We have no crews for a seventh day,” board chair Maren Osk told reporters after the vote.\n\n  * [Dunmere council rejects the new bus depot plan](https://ledger.example/a/3) The council voted against the depot on Monday. “It is the wrong place for it,” councillor Piet Hale said, and the mayor …\n\n  * [Teachers in Ostvik win a pay rise after a long dispute](https://ledger.example/a/4) The union said its members had accepted the offer and that “the strike is over” for this year. [Read more](https://ledger.example/a/4)";
    let ex = extract(text);
    let q = find(&ex.quotes, "no crews");
    assert_eq!(q.speaker.as_deref(), Some("Maren Osk"));
    assert_none_contains(&ex.quotes, &["wrong place", "strike is over"]);
    // A paragraph that opens with a linked name and ends in its own sentence is prose.
    let text = "The harbour board met on Tuesday to vote on the Sunday ferries.\n\n[Board chair Maren Osk](https://ledger.example/p/osk) said “we have no crews for a seventh day” and that the vote was close.";
    let ex = extract(text);
    find(&ex.quotes, "no crews");
}
