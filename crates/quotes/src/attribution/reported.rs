//! Reported speech without quotation marks, and pull quotes with the name glued on.

use super::words::*;
use super::*;

mod candidates;
mod cue_words;
#[cfg(feature = "training")]
mod cue_words_all;
mod guards;
mod kinds;
mod model;
mod pass;

pub(super) use guards::cue_is_noun;
pub(super) use kinds::cue_kind;
pub(super) use pass::{learned_speech, training_export};
#[cfg(feature = "training")]
pub use pass::{set_collect_only, take_cases, ReportedCase};

/// The generated word lists of reported speech (`cue_words*.rs`), for the lexicon's test
/// that every list is sorted.
#[cfg(test)]
pub(crate) fn generated_word_lists() -> Vec<(&'static str, &'static [&'static str])> {
    #[allow(unused_mut)]
    let mut lists = vec![("cue_words::CUE_WORDS", cue_words::CUE_WORDS)];
    #[cfg(feature = "training")]
    lists.push(("cue_words_all::CUE_WORDS_ALL", cue_words_all::CUE_WORDS_ALL));
    lists
}

/// Reported speech without quotation marks, one per sentence at most.
pub(super) fn indirect_speech(doc: &mut Doc, pi: usize, found: &mut Vec<Found>) {
    if !doc.paras[pi].quotes_here() {
        return;
    }
    let sentences = doc.paras[pi].sentences.clone();
    let toks_all = doc.paras[pi].tokens.clone(); // cheap: a shared slice
    for s in sentences {
        if doc.overlaps_quote(s.clone()) {
            continue;
        }
        let lo = toks_all.partition_point(|t| t.start < s.start);
        let hi = toks_all.partition_point(|t| t.start < s.end);
        if hi - lo < 5 {
            continue;
        }
        let toks = &toks_all;
        let s = &s;
        let at = Sentence {
            pi,
            toks,
            s,
            lo,
            hi,
        };
        // The first pattern that matches.
        let patterns = [
            according_to_first,
            according_to_after,
            clause_then_said,
            said_that_clause,
        ];
        if let Some(h) = patterns.iter().find_map(|p| p(doc, &at)) {
            found.push(h);
        }
    }
}

/// A sentence of paragraph `pi`: its bytes `s` and its tokens `lo..hi` of `toks`.
#[derive(Clone, Copy)]
struct Sentence<'a> {
    pi: usize,
    toks: &'a [Token],
    s: &'a Range<usize>,
    lo: usize,
    hi: usize,
}

/// Reported speech: `According to X, CLAUSE.`
fn according_to_first(doc: &mut Doc, at: &Sentence) -> Option<Found> {
    let (pi, toks, s, lo, hi) = (at.pi, at.toks, at.s, at.lo, at.hi);
    let text = doc.text;
    if word(text, &toks[lo]).eq_ignore_ascii_case("according")
        && lo + 1 < hi
        && word(text, &toks[lo + 1]) == "to"
    {
        if let Some(comma) = (lo + 2..hi).find(|&k| word(text, &toks[k]) == ",") {
            if let Some(np) = source_after(doc, toks, lo + 2, comma) {
                let start = toks.get(comma + 1).map_or(s.end, |t| t.start);
                let end = doc.clause_end(pi, s.start);
                if end > start && word_count(&text[start..end]) >= 3 {
                    let said = Said {
                        how: "reported speech: according to X",
                        cue: toks[lo].start..toks[lo + 1].end,
                        confidence: 0.6,
                    };
                    return Some(reported(doc, pi, toks, np, said, start..end));
                }
            }
        }
    }
    None
}

/// Reported speech: `CLAUSE, according to X.`
fn according_to_after(doc: &mut Doc, at: &Sentence) -> Option<Found> {
    let (pi, toks, lo, hi) = (at.pi, at.toks, at.lo, at.hi);
    let text = doc.text;
    let comma = (lo + 3..hi.saturating_sub(3)).find(|&k| {
        word(text, &toks[k]) == ","
            && word(text, &toks[k + 1]).eq_ignore_ascii_case("according")
            && word(text, &toks[k + 2]) == "to"
    });
    if let Some(k) = comma {
        let start = toks[lo].start;
        let end = toks[k].start;
        if let Some(np) = source_after(doc, toks, k + 3, hi) {
            if word_count(&text[start..end]) >= 4 && !guards::participle_opening(text, toks, lo) {
                let said = Said {
                    how: "reported speech: ..., according to X",
                    cue: toks[k + 1].start..toks[k + 2].end,
                    confidence: 0.6,
                };
                return Some(reported(doc, pi, toks, np, said, start..end));
            }
        }
    }
    None
}

/// Reported speech: `CLAUSE, X said.  (Not "Addressing residents, she said:" which introduces a quote.)`
fn clause_then_said(doc: &mut Doc, at: &Sentence) -> Option<Found> {
    let (toks, s, lo, hi) = (at.toks, at.s, at.lo, at.hi);
    let text = doc.text;
    if !text[s.clone()].ends_with(':') && !guards::participle_opening(text, toks, lo) {
        // "CLAUSE, said Dan Pike, director of Pike Media.": the comma before an inverted
        // attribution, however long the description after the name.
        let inverted = (lo + 3..hi.saturating_sub(2)).find_map(|k| {
            (word(text, &toks[k]) == ",")
                .then(|| inverted_subject(doc, toks, k + 1, lo, hi))
                .flatten()
                .map(|np| (k, np))
        });
        if let Some((comma, np)) = inverted {
            let how = "reported speech: ..., said X";
            if let Some(found) = before_comma(doc, at, comma, comma + 1, np, how) {
                return Some(found);
            }
        }
        if let Some(comma) = (lo + 3..hi).rev().find(|&k| word(text, &toks[k]) == ",") {
            let tail = &toks[comma + 1..hi];
            let tail_words = tail.iter().filter(|t| t.is_word).count();
            if (2..=9).contains(&tail_words) {
                let v = (comma + 1..hi)
                    .find(|&k| {
                        verb_at(text, &toks[k]).is_some_and(|v| v.speech && !v.manner)
                            && !guards::cue_is_noun(text, toks, k, comma + 1)
                    })
                    // "In TV interviews, Holm has argued that …": a cue with a that-clause of its
                    // own says nothing about the phrase before the comma.
                    .filter(|&k| {
                        toks.get(k + 1)
                            .is_none_or(|t| !lower_is(word(text, t), &["that"]))
                    });
                if let Some(v) = v {
                    let np = if v == comma + 1 {
                        // "…, said the mayor." / "…, said a spokesman, …": the inverted
                        // subject ends the sentence or a comma; "…, said the design would
                        // ship" is a clause, and what is before the comma its speaker.
                        doc.np_after(toks, v + 1, hi).filter(|n| {
                            ends_phrase(text, toks, n.end, hi)
                                || (n.kind == NpKind::Name && of_a_body(text, toks, n.end, hi))
                        })
                    } else {
                        doc.np_before(toks, v, comma + 1)
                            .filter(|np| np.start == comma + 1)
                    };
                    let inverted = v == comma + 1;
                    let np = np.filter(|n| {
                        !inverted || n.kind == NpKind::Name || can_speak(text, toks, n)
                    });
                    if let Some(np) = np {
                        let how = "reported speech: ..., X said";
                        let end = described_before(text, toks, lo, comma).unwrap_or(comma);
                        return before_comma(doc, at, end, v, np, how);
                    }
                }
            }
        }
    }
    None
}

/// Whether a phrase after an inverted cue can be a speaker ("…, said the mayor", "…, said
/// officials"): its last word names a role, a kind of people or a body, not a thing ("Another
/// guest, Mary Hale, praised the food": the food is the object, nobody spoke).
fn can_speak(text: &str, toks: &[Token], np: &Np) -> bool {
    let Some(head) = toks[np.start..np.end].iter().rev().find(|t| t.is_word) else {
        return false;
    };
    let w = word(text, head);
    names_people(w)
        || lexicon::is_org_word(w)
        || lexicon::KIN.contains_lower(w)
        || matches!(np.kind, NpKind::Pronoun(_))
}

/// "The ferry will stop, another resident, Ida Holm said": a short description set off before
/// the name that says it (an article or "another", then lower-case words) belongs to the
/// speaker, not to what was said. The comma before it, when there is one.
fn described_before(text: &str, toks: &[Token], lo: usize, comma: usize) -> Option<usize> {
    let before = (comma.saturating_sub(6).max(lo + 1)..comma)
        .rev()
        .find(|&k| !toks[k].is_word)
        .filter(|&k| word(text, &toks[k]) == ",")?;
    let piece = &toks[before + 1..comma];
    let opens = piece
        .first()
        .is_some_and(|t| lower_is(word(text, t), &["a", "an", "another", "the", "one"]));
    let words_only = piece.len() >= 2
        && piece.iter().all(|t| {
            let w = word(text, t);
            t.is_word && verb_at(text, t).is_none() && !lexicon::FINITE.contains_lower(w)
        });
    (opens && words_only).then_some(before)
}

/// The statement of a sentence up to its comma at token `comma`, said by `np` with the cue at
/// token `v` ("CLAUSE, X said", "CLAUSE, said X"): none when it is under four words.
fn before_comma(
    doc: &mut Doc,
    at: &Sentence,
    comma: usize,
    v: usize,
    np: Np,
    how: &'static str,
) -> Option<Found> {
    let toks = at.toks;
    let content = toks[at.lo].start..toks[comma].start;
    if word_count(&doc.text[content.clone()]) < 4 {
        return None;
    }
    let cue = toks[v].start..toks[v].end;
    let said = Said {
        how,
        cue,
        confidence: 0.65,
    };
    Some(reported(doc, at.pi, toks, np, said, content))
}

/// Reported speech: `X said (that) CLAUSE.`
fn said_that_clause(doc: &mut Doc, at: &Sentence) -> Option<Found> {
    let (pi, toks, s, lo, hi) = (at.pi, at.toks, at.s, at.lo, at.hi);
    let text = doc.text;
    for v in lo + 1..hi.saturating_sub(3) {
        let Some(info) = verb_at(text, &toks[v]).filter(|i| !i.manner) else {
            continue;
        };
        // A participle reports speech after a comma ("…, saying that"), not inside a
        // relative clause ("who has spent months criticising …").
        if word(text, &toks[v]).ends_with("ing")
            && word(text, &toks[v - 1]) != ","
            && lower_is(word(text, &toks[v.saturating_sub(2)]), &["who", "which"])
        {
            continue;
        }
        // A noun ("a big question remains"), an infinitive whose subject is elsewhere
        // ("tried to push"), an inverted attribution ("…, said Dan Pike"), or an
        // action framing another event ("… after the union rejected the offer").
        if guards::cue_is_noun(text, toks, v, lo)
            || word(text, &toks[v - 1]) == "to"
            || inverted_subject(doc, toks, v, lo, hi).is_some()
        {
            continue;
        }
        let Some(np) = doc.subject_of(toks, v, lo) else {
            continue;
        };
        if guards::noun_first_cue(text, toks, v) && !guards::says_as_document(text, toks, &np, v) {
            continue;
        }
        if !guards::core_saying(word(text, &toks[v]))
            && guards::circumstance(text, toks, np.start, lo)
        {
            continue;
        }
        let mut c = v + 1;
        // "spoke at a gathering", "said in 2012": a place or a time, unless a
        // "that" clause follows ("said in a statement that …").
        let place_or_time = ["at", "in", "during", "from", "against", "before", "after"];
        if place_or_time
            .iter()
            .any(|p| word(text, &toks[c]).eq_ignore_ascii_case(p))
            && !(c..(c + 10).min(hi)).any(|k| word(text, &toks[k]).eq_ignore_ascii_case("that"))
        {
            continue;
        }
        let next = word(text, &toks[c]).to_lowercase();
        if matches!(
            next.as_str(),
            "to" | "by" | "for" | "of" | "up" | "out" | "with" | "." | ","
        ) && !(next == "," && info.speech)
        {
            continue;
        }
        if info.takes_listener {
            if let Some(obj) = doc.listener_after(toks, c, hi) {
                c = obj.end;
            } else if toks[c].is_word
                && lexicon::pronoun(word(text, &toks[c])).is_none()
                && !lower_is(word(text, &toks[c]), &["that"])
            {
                c += 1;
            }
        }
        // "told about this in an interview": the statement is elsewhere.
        if c < hi && guards::pointer_content(text, toks, c, hi) {
            continue;
        }
        // "said in a statement that ..." / "said Tuesday that ..."
        if let Some(that) =
            (c..(c + 7).min(hi)).find(|&k| lower_is(word(text, &toks[k]), &["that"]))
        {
            if (c..that).all(|k| toks[k].is_word) && that > c {
                c = that;
            }
        }
        while c < hi && word(text, &toks[c]) == "," {
            c += 1;
        }
        if c >= hi {
            return None;
        }
        let start = toks[c].start;
        let mut end = doc.clause_end(pi, s.start).max(start);
        // "Councilman Dan Ortiz, who said the vote was rushed, asked for …": a relative clause
        // inside the sentence's subject ends at its comma.
        match relative_in_subject(doc, toks, v, lo, hi) {
            Some(Relative::Reports) => continue,
            Some(Relative::EndsAt(k)) => end = end.min(toks[k].start).max(start),
            None => {}
        }
        if word_count(&text[start..end]) < 4 {
            return None;
        }
        let conf = if info.speech { 0.6 } else { 0.45 };
        let said = Said {
            how: "reported speech: X said (that)",
            cue: toks[v].start..toks[v].end,
            confidence: conf,
        };
        return Some(reported(doc, pi, toks, np, said, start..end));
    }
    None
}

/// A reporting verb in a relative clause inside a sentence's subject ("Dan Ortiz, who said the
/// vote was rushed, asked …").
pub(super) enum Relative {
    /// The sentence's own reporting verb follows the clause ("Andrew Feldman, who spoke with
    /// reporters, said …"): that one is the attribution.
    Reports,
    /// What the relative clause says ends at this comma.
    EndsAt(usize),
}

/// Whether the verb `v` is in a "who" clause of the subject that opens the sentence at `lo`
/// (the subject itself being the name before "who", see `subject_of`; the verb up to six
/// words after "who", none of them punctuation), and where it ends.
pub(super) fn relative_in_subject(
    doc: &Doc,
    toks: &[Token],
    v: usize,
    lo: usize,
    hi: usize,
) -> Option<Relative> {
    let text = doc.text;
    // "who" a few words back, words only between ("who has spent months criticising …").
    let who = (v.saturating_sub(6).max(lo)..v)
        .rev()
        .take_while(|&k| toks[k].is_word)
        .find(|&k| word(text, &toks[k]) == "who")
        .filter(|&k| k > lo && word(text, &toks[k - 1]) == ",")?;
    // Only a clause of the sentence's first phrase: "The plan drew fire from Mayor Ruth Ames,
    // who said …" reports what Ames said to the sentence's end.
    if (lo..who - 1).any(|k| !toks[k].is_word && word(text, &toks[k]) == ",")
        || (lo..who - 1).any(|k| verb_at(text, &toks[k]).is_some())
    {
        return None;
    }
    let k =
        (v + 1..hi).find(|&k| word(text, &toks[k]) == "," && !doc.inside_quote(toks[k].start))?;
    if (k + 1..hi).any(|m| toks[m].is_word && guards::core_saying(word(text, &toks[m]))) {
        Some(Relative::Reports)
    } else {
        Some(Relative::EndsAt(k))
    }
}

/// How a reported statement was found: the rule, the cue's bytes and the confidence.
struct Said {
    how: &'static str,
    cue: Range<usize>,
    confidence: f32,
}

/// The reported statement `content` (bytes) of the speaker phrase `np`.
fn reported(
    doc: &mut Doc,
    pi: usize,
    toks: &[Token],
    np: Np,
    said: Said,
    content: Range<usize>,
) -> Found {
    let attr = doc.attribution(said.how, toks, np, Some(said.cue), pi, said.confidence);
    Found::indirect(content, attr, pi)
}

/// The name after a reporting verb `v` that follows a comma (`…, said Dan Pike, …`): the
/// verb's subject, inverted, not the start of what was said. Not a participle (`…, saying
/// Pike would win`), nor a name that goes on with a verb (`…, said Clinton reached out`).
pub(super) fn inverted_subject(
    doc: &Doc,
    toks: &[Token],
    v: usize,
    lo: usize,
    hi: usize,
) -> Option<Np> {
    let text = doc.text;
    if v <= lo
        || !comma_led_finite(text, toks, v)
        || !verb_at(text, &toks[v]).is_some_and(|i| i.speech && !i.manner)
    {
        return None;
    }
    // The subject ends the sentence or a description follows it (", director of …"); a name
    // followed by a verb is the subject of what was said ("…, said Clinton reached out").
    doc.np_after(toks, v + 1, hi).filter(|n| {
        n.kind == NpKind::Name
            && n.start == v + 1
            && is_cap(word(text, &toks[n.start]))
            && ends_phrase(text, toks, n.end, hi)
    })
}

/// Whether a preposition that places a name in a body follows it ("Larry Waldie of the
/// sheriff's department", "a spokesman at the embassy").
fn of_a_body(text: &str, toks: &[Token], end: usize, hi: usize) -> bool {
    toks.get(end)
        .filter(|_| end < hi)
        .is_some_and(|t| lower_is(word(text, t), &["of", "at", "for", "from", "with"]))
}

/// Whether a phrase ending before token `end` closes its sentence (`hi`) or is followed by a
/// comma, a full stop, a semicolon or a parenthesis: a subject after its verb, not the start
/// of a clause.
fn ends_phrase(text: &str, toks: &[Token], end: usize, hi: usize) -> bool {
    toks.get(end)
        .filter(|_| end < hi)
        .is_none_or(|t| matches!(word(text, t), "," | "." | "(" | ";"))
}

/// The source named after "according to" from token `i` (before `hi`): a name, a pronoun or
/// a description, else up to eight plain words ("according to exit polls", "according to
/// federal data").
fn source_after(doc: &Doc, toks: &[Token], i: usize, hi: usize) -> Option<Np> {
    if let Some(np) = doc.np_after(toks, i, hi) {
        return Some(np);
    }
    let end = (i..hi).find(|&k| !toks[k].is_word).unwrap_or(hi);
    (end > i && end - i <= 8).then_some(Np {
        start: i,
        end,
        kind: NpKind::Description,
    })
}

/// Words of a page's buttons and prompts, never of a name a pull quote ends with ("…if you
/// wish.Accept Read More").
const PAGE_BUTTONS: &[&str] = &[
    "accept",
    "agree",
    "click",
    "comment",
    "comments",
    "continue",
    "cookies",
    "decline",
    "download",
    "email",
    "learn",
    "login",
    "menu",
    "print",
    "privacy",
    "read",
    "register",
    "reject",
    "reply",
    "search",
    "settings",
    "share",
    "skip",
    "subscribe",
    "tweet",
    "view",
];

/// A display quote with the speaker's name glued on: "We shall meet again.Vladimir Putin".
pub(super) fn pull_quote(doc: &mut Doc, pi: usize, found: &mut Vec<Found>) {
    let text = doc.text;
    let (range, boiler) = (doc.paras[pi].range.clone(), doc.paras[pi].boiler);
    if boiler || doc.overlaps_quote(range.clone()) {
        return;
    }
    let s = &text[range.clone()];
    // The stop of a sentence glued to the name; not one of an abbreviation ("U.S.News").
    let Some(glue) = s.char_indices().find_map(|(i, c)| {
        if !matches!(c, '.' | '!' | '?' | '…') {
            return None;
        }
        let next = s[i + c.len_utf8()..].chars().next()?;
        let before = s[..i].chars().next_back()?;
        (next.is_uppercase() && !before.is_uppercase()).then_some(i + c.len_utf8())
    }) else {
        return;
    };
    let name = &s[glue..];
    let name_words: Vec<&str> = name.split_whitespace().collect();
    // A name's words, not a button's ("Accept Read More").
    if !(2..=4).contains(&name_words.len())
        || !name_words.iter().all(|w| {
            is_cap(w)
                && is_name_word(w)
                && !lower_is(w, PAGE_BUTTONS)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
        })
    {
        return;
    }
    if word_count(&s[..glue]) < 4 {
        return;
    }
    let toks = doc.paras[pi].tokens.clone(); // cheap: a shared slice
    let a = toks.partition_point(|t| t.start < range.start + glue);
    let np = Np {
        start: a,
        end: toks.len(),
        kind: NpKind::Name,
    };
    let attr = doc.attribution("pull quote: the name glued on", &toks, np, None, pi, 0.8);
    found.push(Found {
        span: range.start..range.start + glue,
        kind: QuoteKind::Pull,
        attr: Some(attr),
        verbatim: vec![],
        post_end: None,
        para: pi,
    });
}
