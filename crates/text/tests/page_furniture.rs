//! The block classifier on whole pages as a full-page scraper leaves them, written for these
//! tests: reader comments with reported speech and first-person replies, and a JSON
//! configuration left in the text, furniture that leaked quotes on real pages, are judged
//! boilerplate, and the article around them is kept. (A teaser list whose items are a linked
//! headline and its summary, and a first-person author card, are on the page too: the
//! classifier still keeps them, see bench/README.md.)

use quotetrace_text::{blocks, paragraphs};

const ARTICLE: &[&str] = &[
    "The regional water board agreed on Tuesday to rebuild the pumping station at Orrin Quay, two winters after a power cut left three villages without running water for nine days.",
    "The board's chair, Delia Farrant, said the new station would have two independent supplies and a diesel reserve large enough for a week, and that work would start in the spring.",
    "“We were told the old station would last another twenty years, and it did not last two,” Farrant said. “People here deserve a plant that keeps working when the weather turns.”",
    "The rebuild is expected to cost 14 million, most of it from a national resilience fund. Residents will see a small rise in their bills from next year, the board said, to pay for the rest.",
    "Engineers who inspected the old station after the outage found that its control cabinet had flooded through a cable duct that was never sealed, according to a report published in March.",
    "Villagers who queued for bottled water that winter said they welcomed the decision but wanted a date for the end of the work. The board said it would publish a timetable in January.",
];

fn page() -> (String, Vec<&'static str>) {
    let mut p = String::new();
    p.push_str("[Skip to main content](#main)\n\n");
    for s in ["Home", "News", "Region", "Business", "Sport", "Weather"] {
        p.push_str(&format!("  * [{s}](https://orrin-chronicle.example/{s})\n"));
    }
    p.push_str("\n# Water board to rebuild Orrin Quay pumping station\n\n");
    p.push_str("By Tamsin Oakes · 4 November 2025\n\n");
    for a in ARTICLE {
        p.push_str(a);
        p.push_str("\n\n");
    }
    let furniture = [
        // A teaser list: each item a linked headline, then its summary.
        "## Latest from the region\n\n  * [Ferry timetable cut for winter](https://orrin-chronicle.example/r/881) The operator said on Monday that two crossings a day would be dropped until March, blaming a shortage of crew.\n  * [School roof repairs finished early](https://orrin-chronicle.example/r/882) Pupils return to the main building next week after contractors told the council the work was done.\n  * [Harbour lights to be switched to LED](https://orrin-chronicle.example/r/883) The harbour master said the change would halve the cost of lighting the quay within five years.",
        // A first-person author card.
        "### About the writer\n\nHello, I'm Tamsin! I grew up in the valley and I've covered its councils for eight years. If you have a story I should hear about, my inbox is always open.",
        // Reader comments.
        "## 23 thoughts on “Water board to rebuild Orrin Quay pumping station”",
        "**rivermouth_jo** says:\n\n5 November 2025 at 8:02 am\n\nMy father worked at that station for thirty years and he always told me the cable ducts were a problem. He said the board knew about it in the nineties. I hope somebody finally listens.\n\n[Reply](#comment-101)",
        "**Pellam Farmer** says:\n\n5 November 2025 at 9:47 am\n\nI queued for water for six days that winter. The man from the board said at the village hall that it would never happen again, and now they say it will take two more years. I'll believe it when I see it.\n\n[Reply](#comment-102)",
        // A JSON configuration left in the text by the converter.
        "{\"layout\":\"grid\",\"columns\":3,\"buttonText\":\"Read more\",\"titleColor\":{\"hue\":210,\"saturation\":0.4},\"showDate\":true,\"cards\":[{\"id\":881,\"label\":\"said\"},{\"id\":882,\"label\":\"told\"}]}",
        "© 2025 Orrin Chronicle Ltd. All rights reserved.",
    ];
    for f in furniture {
        p.push_str(f);
        p.push_str("\n\n");
    }
    let boilerplate = vec![
        "My father worked at that station",
        "I queued for water",
        "\"layout\":\"grid\"",
    ];
    (p, boilerplate)
}

#[test]
fn comments_teasers_bios_and_data_are_boilerplate_and_the_article_stays() {
    let (text, furniture) = page();
    let paras = paragraphs(&text);
    let verdicts = blocks::classify(&text, &paras);
    let kept = |needle: &str| -> Option<bool> {
        paras
            .iter()
            .zip(&verdicts)
            .find(|(p, _)| text[p.start..p.end].contains(needle))
            .map(|(_, v)| !v.boilerplate)
    };
    let mut wrong = Vec::new();
    for a in ARTICLE {
        let head = &a[..40];
        if kept(head) != Some(true) {
            wrong.push(format!("article paragraph dropped: {head}"));
        }
    }
    for f in furniture {
        if kept(f) != Some(false) {
            wrong.push(format!("furniture kept: {f}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
