//! Text-level boilerplate: the parts of a news page that are not the article.
//!
//! Exact rules work paragraph by paragraph and give a reason for each paragraph they mark: donation
//! appeals (with their "Once / Monthly / Annual / Continue" buttons), newsletter boxes,
//! "Related article" and "Must Read" links, photo captions with agency credits, "Original url"
//! lines, share and follow prompts, and author bios at the end. Quotes found inside such
//! paragraphs are never reported. On an article's text the rules decide alone
//! ([`find_boilerplate`]); on a whole page they are features of the learned block classifier
//! ([`find_page_boilerplate`], see [`crate::blocks`]), never a lone keyword trigger. Corpus-level
//! detection (paragraphs that recur across many articles of an outlet) belongs to the corpus
//! stage, not here.

use std::ops::Range;

/// A paragraph judged to be boilerplate, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoilerplateParagraph {
    pub range: Range<usize>,
    pub why: &'static str,
}

/// Short interface words that belong to the block around them (buttons of a donation box).
const BUTTON_WORDS: &[&str] = &[
    "once",
    "monthly",
    "annual",
    "annually",
    "continue",
    "remind me later",
    "donate",
    "donate now",
    "subscribe",
    "sign up",
    "share",
    "tweet",
    "email",
    "print",
    "close",
    "advertisement",
    "skip",
    "read more",
    "support us",
    "yes",
    "no thanks",
    "maybe later",
];

fn lower_words(s: &str) -> String {
    s.to_lowercase()
}

/// Openings of a line that names the article's source.
const SOURCE_LINE: &[&str] = &[
    "original url",
    "original article",
    "source url",
    "this article was originally published",
    "this story was originally published",
];

fn classify(par: &str, is_last_part: bool) -> Option<&'static str> {
    let trimmed = par.trim();
    if trimmed.len() > 1200 {
        // Every rule but the source line has a length limit well below this: spare the
        // lower-casing of a long paragraph.
        let mut end = 80;
        while !trimmed.is_char_boundary(end) {
            end -= 1;
        }
        let head = trimmed[..end].to_lowercase();
        return SOURCE_LINE
            .iter()
            .any(|x| head.starts_with(x))
            .then_some("source line");
    }
    let p = lower_words(trimmed);
    let len = p.len();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|x| p.starts_with(x));
    let has = |needles: &[&str]| needles.iter().any(|x| p.contains(x));

    if starts(&[
        "related article",
        "related:",
        "related story",
        "related stories",
        "read more:",
        "read also",
        "also read",
        "must read",
        "see also:",
        "more on this",
        "recommended:",
        "watch:",
        "listen:",
    ]) && len < 400
    {
        return Some("related link");
    }
    if starts(SOURCE_LINE) {
        return Some("source line");
    }
    if has(&[
        "newsletter",
        "sign up for our",
        "subscribe to our",
        "get our free",
        "delivered to your inbox",
        "to your inbox",
    ]) && len < 500
        && has(&["sign up", "subscribe", "newsletter", "inbox", "email"])
    {
        return Some("newsletter box");
    }
    let donation = has(&[
        "donat",
        "contribut",
        "support the",
        "support our",
        "support us",
        "become a member",
        "make a gift",
        "chip in",
    ]) && has(&[
        "journalism",
        "reporting",
        "independent",
        "donat",
        "newsroom",
        "our work",
        "support",
    ]) && has(&[
        "support",
        "donat",
        "contribution",
        "please",
        "member",
        "help us",
        "every",
        "today",
    ]);
    if donation && len < 900 && !par.contains(" said") {
        return Some("donation appeal");
    }
    if BUTTON_WORDS.contains(&p.trim_end_matches(['.', '!', ':', '»', '›', '>'])) {
        return Some("interface text");
    }
    if starts(&[
        "share this",
        "follow us",
        "click here",
        "tap here",
        "advertisement",
        "©",
        "copyright ",
        "all rights reserved",
        "comments",
        "leave a comment",
        "this content is",
    ]) && len < 300
    {
        return Some("share prompt");
    }
    if len < 350 && is_caption(&p) {
        return Some("photo caption");
    }
    if is_last_part && len < 500 && is_bio(par) {
        return Some("author bio");
    }
    None
}

/// A word of every credit of [`CREDITS`]: a paragraph with none of them has no credit
/// (most paragraphs; one search for each of these instead of one for each credit).
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "image",
    "getty",
    "reuters",
    "afp",
    "/ ap",
    "epa-",
    "credit",
    "shutterstock",
    "tass",
    "press service",
];

/// Credits that mark a photo caption (lower case).
const CREDITS: &[&str] = &[
    "photo:",
    "photo by",
    "photograph:",
    "image:",
    "(ap photo",
    "ap photo/",
    "getty images",
    "/ reuters",
    "/reuters",
    "(reuters)",
    "photo: reuters",
    "/ afp",
    "(afp",
    "afp photo",
    "/ ap",
    "epa-efe",
    "pool photo",
    "credit:",
    "file photo",
    "photo credit",
    "shutterstock",
    "/ tass",
    "press service",
];

fn is_caption(p: &str) -> bool {
    if !CREDIT_WORDS.iter().any(|w| p.contains(w)) {
        return false;
    }
    if !CREDITS.iter().any(|c| p.contains(c)) {
        return false;
    }
    // A credit at the end, or a short line that is mostly the credit.
    let tail_start = p.len().saturating_sub(80);
    let tail = p.get(tail_start..).unwrap_or(p);
    CREDITS.iter().any(|c| tail.contains(c)) || p.len() < 120
}

fn is_bio(par: &str) -> bool {
    // "<Name> is a reporter/correspondent/..." or "<Name> covers ..." at the end of a piece;
    // not "Clinton is having to fight harder, said Dan Gerstein, director of ...": after
    // "is" a bio describes (an article or a possessive follows), and its role words are
    // whole words ("writer", not "Ghostwriters").
    let words: Vec<&str> = par.split_whitespace().take(8).collect();
    let Some(pos) = words
        .iter()
        .position(|w| *w == "is" || *w == "covers" || *w == "writes")
    else {
        return false;
    };
    if pos == 0
        || pos > 4
        || !words[..pos]
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
    {
        return false;
    }
    if words[pos] == "is" {
        let next = words.get(pos + 1).map(|w| w.to_lowercase());
        let describes = next.as_deref().is_some_and(|w| {
            matches!(w, "a" | "an" | "the" | "our" | "his" | "her" | "their")
                || w.ends_with("'s")
                || w.ends_with("’s")
        });
        if !describes {
            return false;
        }
    }
    let lower = par.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |role: &str| {
        let role: Vec<&str> = role.split(' ').collect();
        words.windows(role.len()).any(|w| w == role.as_slice())
    };
    [
        "reporter",
        "correspondent",
        "journalist",
        "writer",
        "editor",
        "columnist",
        "contributor",
        "fellow",
        "freelance",
        "author of",
        "covers",
        "producer",
        "analyst at",
        "bureau chief",
    ]
    .iter()
    .any(|w| has(w))
}

/// What the exact rules say of each of `paragraphs`: a reason, or `None`.
pub(crate) fn rule_marks(text: &str, paragraphs: &[Range<usize>]) -> Vec<Option<&'static str>> {
    let n = paragraphs.len();
    let mut marks: Vec<Option<&'static str>> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, r)| classify(&text[r.clone()], n >= 3 && i + 2 >= n))
        .collect();
    // Interface words alone are boilerplate only next to other boilerplate; and the words of
    // a box around them ("Once", "Monthly") pull neighbouring short lines in.
    for i in 0..n {
        if marks[i] == Some("interface text") {
            let near = (i.saturating_sub(3)..(i + 4).min(n))
                .any(|j| j != i && marks[j].is_some_and(|w| w != "interface text"));
            let run = (i.saturating_sub(1)..(i + 2).min(n))
                .filter(|&j| marks[j] == Some("interface text"))
                .count()
                >= 2;
            if !(near || run) {
                marks[i] = None;
            }
        }
    }
    for m in marks.iter_mut() {
        if *m == Some("interface text") {
            *m = Some("donation appeal");
        }
    }
    // A donation box is several paragraphs long: its lead-in paragraphs carry weaker cues
    // ("we have no paywall", "readers like you").
    for i in (0..n).rev() {
        if marks[i] != Some("donation appeal") {
            continue;
        }
        let mut j = i;
        while j > 0 && i - j < 4 && marks[j - 1].is_none() {
            let p = text[paragraphs[j - 1].clone()].to_lowercase();
            let weak = [
                "paywall",
                "readers like you",
                "reader-funded",
                "contribution",
                "our reporters",
                "our journalism",
                "support us",
                "donat",
                "independent",
                "free to read",
                "your support",
                "our newsroom",
            ];
            if p.len() < 700 && weak.iter().any(|w| p.contains(w)) {
                marks[j - 1] = Some("donation appeal");
                j -= 1;
            } else {
                break;
            }
        }
    }
    marks
}

/// Boilerplate paragraphs among `paragraphs` of an article's text (what a page cleaner
/// made, or an article on its own): the exact rules above, which catch what a page's
/// structure did not give away (captions, appeals inside the article's container).
pub fn find_boilerplate(text: &str, paragraphs: &[Range<usize>]) -> Vec<BoilerplateParagraph> {
    paragraphs
        .iter()
        .zip(rule_marks(text, paragraphs))
        .filter_map(|(r, m)| {
            m.map(|why| BoilerplateParagraph {
                range: r.clone(),
                why,
            })
        })
        .collect()
}

/// Boilerplate paragraphs among `paragraphs` of a whole page as a scraper or an export left it
/// (Markdown or plain text): the learned block classifier of [`crate::blocks`], for which the
/// exact rules above are features among others.
pub fn find_page_boilerplate(text: &str, paragraphs: &[Range<usize>]) -> Vec<BoilerplateParagraph> {
    crate::blocks::classify(text, paragraphs)
        .into_iter()
        .zip(paragraphs)
        .filter(|(v, _)| v.boilerplate)
        .map(|(v, r)| BoilerplateParagraph {
            range: r.clone(),
            why: v.why,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paragraphs;

    fn reasons(text: &str) -> Vec<(String, &'static str)> {
        let p = paragraphs(text);
        find_boilerplate(text, &p)
            .into_iter()
            .map(|b| (text[b.range].to_string(), b.why))
            .collect()
    }

    #[test]
    fn donation_box_with_buttons() {
        let text = "The minister spoke on Monday.\n\nSupport independent journalism! Please make a contribution today.\n\nOnce\n\nMonthly\n\nAnnual\n\nContinue\n\nRemind me later\n\nThe vote is next week.";
        let r = reasons(text);
        assert_eq!(r.len(), 6, "{r:?}");
        assert!(r.iter().all(|(_, w)| *w == "donation appeal"));
    }

    #[test]
    fn links_captions_and_bios() {
        let text = "Body text that is long enough to be the article and not a short line at all.\n\nRelated article: Minister resigns\n\nThe bridge at dawn. Photo: Reuters\n\nMore body text here for the story.\n\nJane Roe is a reporter covering energy.";
        let r = reasons(text);
        let whys: Vec<&str> = r.iter().map(|x| x.1).collect();
        assert_eq!(whys, vec!["related link", "photo caption", "author bio"]);
    }

    #[test]
    fn a_last_paragraph_with_a_name_and_is_is_a_bio_only_when_it_describes() {
        let body = "Body text that is long enough to be the article and not a short line at all.\n\nMore body text here for the story.\n\n";
        for bio in [
            "Mara Quist is a staff writer at the Harbour Gazette.",
            "Tomas Reyes covers city hall for the paper.",
            "Lena Oduya is the Gazette's bureau chief in Lagos.",
        ] {
            let r = reasons(&format!("{body}{bio}"));
            assert_eq!(r, vec![(bio.to_string(), "author bio")]);
        }
        // A verb after "is", and a role word inside another word: prose with a quote.
        for prose in [
            "Perrin is having to fight harder than she planned, said Ole Vance, director of Vance Ghostwriters and an analyst in Oslo.",
            "Perrin is expected to win, said Ole Vance, a copywriter who advised her campaign.",
            "Ole Vance is a ghostwriters' agent in Oslo.",
        ] {
            assert!(reasons(&format!("{body}{prose}")).is_empty(), "{prose}");
        }
    }

    #[test]
    fn every_credit_has_a_credit_word() {
        for c in CREDITS {
            assert!(CREDIT_WORDS.iter().any(|w| c.contains(w)), "{c}");
        }
    }

    #[test]
    fn news_is_not_boilerplate() {
        let text = "\"We will support the bill,\" the senator said.\n\nThe vote was 52 to 48.";
        assert!(reasons(text).is_empty());
    }
}
