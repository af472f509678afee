//! Speech under a speaker's label: a title "Kasich: ‘We Are Going All the Way’", "Lynch: No
//! outside influence on the inquiry", and a transcript's turns ("JOEL PRATT: This is a man
//! who …", "PRATT: …", "Jon Hale: …"). The label is the speaker, the colon the cue, the rest
//! of the paragraph what was said. A label counts only when it names someone (a person or
//! body the article names, or a known first name with a surname): "UPDATE:", "The result:",
//! "Q:", "Pricing:" name nobody.

use super::words::*;
use super::*;

/// The most words a label has ("McCain Challenger Kelli Ward", "Clinton to Planned
/// Parenthood").
const MAX_LABEL_WORDS: usize = 6;

/// Words after which a title's label stops naming its speaker: "Clinton to Planned
/// Parenthood", "CNN President On Trump".
const TOPIC_WORDS: &[&str] = &["about", "at", "on", "to", "in", "for", "vs", "vs."];

/// The speech under a label that opens paragraph `pi`, if it has one. Where it stands decides
/// what the label must be:
/// - the document's title line ("Kasich: ‘We Are Going …’"): a person or body the article
///   names, or a known first name and a surname; a question ("Zoom: Which App to Use?") is
///   no statement;
/// - a transcript's turn in capitals ("JOEL PRATT: …", "PRATT: …"): a person;
/// - a turn in ordinary case ("Jon Hale: …"): a person whose label opens two paragraphs or
///   more, as turns do; a list of names with notes ("Jo Hale: possession of …") or a bold
///   label ("**Pricing:** starts at …") is no transcript.
///
/// The reported-speech model is trained without this pass (its training export skips it):
/// a title's label stays one of the learned pass's colon candidates there, as before the
/// pass existed, so that the pass does not move the model's precision-bound threshold.
pub(super) fn labelled_speech(doc: &mut Doc, pi: usize, found: &mut Vec<Found>) {
    let para = &doc.paras[pi];
    if para.boiler || para.aside || reported::training_export() {
        return;
    }
    let text = doc.text;
    let range = para.range.clone();
    let toks = para.tokens.clone(); // cheap: a shared slice
    let Some(colon) = toks
        .iter()
        .take(MAX_LABEL_WORDS * 2 + 1)
        .position(|t| word(text, t) == ":")
    else {
        return;
    };
    if colon == 0 || doc.inside_quote(toks[colon].start) {
        return;
    }
    let label = &toks[..colon];
    let words: Vec<&str> = label.iter().map(|t| word(text, t)).collect();
    // Only words, the first capitalised: no sentence runs up to the colon.
    if words.len() > MAX_LABEL_WORDS
        || !label.iter().all(|t| t.is_word)
        || !is_cap(words[0])
        || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
    {
        return;
    }
    let title =
        (0..doc.paras.len()).find(|&k| !doc.paras[k].boiler && !doc.paras[k].aside) == Some(pi);
    let end = words
        .iter()
        .position(|w| lower_is(w, TOPIC_WORDS))
        .unwrap_or(words.len());
    // "Follow Jo Hale: …" (an imperative), "Fiorina Endorses Cruz: …" (a headline's clause):
    // a verb makes the label no name. A turn's label is the name alone.
    if end == 0
        || (!title && end < words.len())
        || !words[..end].iter().all(|w| is_cap(w))
        || toks[..end].iter().any(|t| verb_at(text, t).is_some())
    {
        return;
    }
    let content = toks[colon].end..range.end;
    let said = text[content.clone()].trim();
    if word_count(said) < 3
        || (title && said.trim_end_matches(['"', '”', '’', '\'']).ends_with('?'))
        || found
            .iter()
            .any(|f| f.span.start < content.end && content.start < f.span.end)
    {
        return;
    }
    let who = speaker_entity(doc, &words[..end]).map(|e| &doc.resolver.entities[e]);
    let person = who.is_some_and(|e| e.person && !e.is_org);
    let body = who.is_some_and(|e| e.is_org);
    // A turn's speaker is a person named with a first name somewhere in the article
    // ("Hartley:" after "Jon Hartley"): a capitalised phrase that merely spoke before
    // ("Pricing:") is no one.
    let named = person
        && who.is_some_and(|e| {
            e.canonical
                .split(' ')
                .next()
                .is_some_and(lexicon::is_first_name)
        });
    let ok = if title {
        person || body || (end >= 2 && lexicon::is_first_name(&capitalised(words[0])))
    } else if words.iter().all(|w| is_all_caps(w)) {
        named
    } else {
        named && mixed_case_turn(doc, &words)
    };
    if !ok {
        return;
    }
    let np = Np {
        start: 0,
        end,
        kind: NpKind::Name,
    };
    let cue = Some(toks[colon].start..toks[colon].end);
    let pattern = "a speaker's label before a colon";
    let mut attr = doc.attribution(pattern, &toks, np, cue, pi, 0.8);
    if attr.speaker.is_none() {
        return;
    }
    let person = attr.speaker_type == Some(SpeakerType::Person);
    if let Some(name) = attr.speaker.as_mut().filter(|n| person && is_all_caps(n)) {
        *name = name
            .split(' ')
            .map(capitalised)
            .collect::<Vec<String>>()
            .join(" ");
    }
    // What the paragraph carries: a quotation in marks is quoted ("Trump: ‘I’m the Worst
    // …’"), a transcript's turn is the speaker's words as spoken, a title without marks says
    // what the speaker said in the paper's words.
    let marked = doc.overlaps_quote(content.clone());
    let kind = if marked && said.starts_with(['"', '“', '‘', '\'']) {
        QuoteKind::Direct
    } else if marked {
        QuoteKind::Partial
    } else if title {
        QuoteKind::Indirect
    } else {
        QuoteKind::Direct
    };
    found.push(Found {
        span: content,
        kind,
        attr: Some(attr),
        verbatim: vec![],
        post_end: None,
        para: pi,
    });
}

/// The entity the label's words name (titles and roles dropped), not a place.
fn speaker_entity(doc: &Doc, words: &[&str]) -> Option<usize> {
    let names: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !lexicon::is_title(w) && lexicon::role_class(w).is_none())
        .collect();
    let last = names.last()?;
    doc.resolver
        .resolve_name(&names, usize::MAX)
        .or_else(|| doc.resolver.resolve_name(&[last], usize::MAX))
        .filter(|&e| !doc.resolver.entities[e].place)
}

/// Whether a label in ordinary case is a transcript's turn: the paragraphs that open with a
/// person's label ("Jon Hale:", a full name in title case with a known first name and no
/// acronym, or "Hale:" after it) show this speaker twice or more and another speaker too, as
/// an interview alternates. A list of names with notes (each once) or bold labels of one
/// kind ("**Kit Pricing:**", "**Pricing:**") is no conversation.
fn mixed_case_turn(doc: &Doc, words: &[&str]) -> bool {
    let Some(&surname) = words.last() else {
        return false;
    };
    if !(full_name(words) || words.len() == 1) {
        return false;
    }
    let labels = turn_labels(doc);
    let mine = labels.iter().filter(|(s, _)| *s == surname).count();
    let introduced = labels.iter().any(|&(s, f)| s == surname && f);
    let other = labels.iter().any(|&(s, f)| s != surname && f);
    mine >= 2 && introduced && other
}

/// Each paragraph that opens with a person's label: its surname and whether it gives the full
/// name. Read once per document.
fn turn_labels<'a>(doc: &'a Doc) -> &'a [(&'a str, bool)] {
    doc.turn_labels.get_or_init(|| {
        doc.paras
            .iter()
            .filter(|p| !p.boiler)
            .filter_map(|p| {
                let s = doc.text[p.range.clone()].trim_start();
                let head = s.get(..s.find(':')?)?;
                let ws: Vec<&str> = head.split_whitespace().collect();
                let last = *ws.last()?;
                (full_name(&ws) || (ws.len() == 1 && is_cap(last))).then_some((last, ws.len() > 1))
            })
            .collect()
    })
}

/// A full name in title case: a known first name, one or two more words, no acronym ("Jon
/// Hale", not "Max Battery GPS").
fn full_name(ws: &[&str]) -> bool {
    (2..=3).contains(&ws.len())
        && lexicon::is_first_name(ws[0])
        && ws
            .iter()
            .all(|w| is_cap(w) && (!is_all_caps(w) || w.len() == 1))
}
