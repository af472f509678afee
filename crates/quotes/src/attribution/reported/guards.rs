//! What is not reported speech though a cue word is there: the cue word used as a noun ("a
//! big question remains", "Trump's comments came"), an expectation or a plan in the passive
//! with nobody saying it ("Parliament is expected to vote"), a refusal to say ("declined to
//! say whether …"), an adverbial participle ("Addressing residents, she described …"), a
//! question put to the subject ("Asked whether …, Roth said") and an
//! action told as the circumstance of another event ("… after the union rejected the offer").
//! The exact rules and the learned candidates both ask these before proposing a quote.

use super::super::words::*;
use super::super::*;

/// Whether `w` is one of `list`, a few words (ASCII case-insensitive; no allocation).
fn one_of(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Whether the token is a possessive ("Trump's", "Editor’s", or a separate "'s").
fn possessive(text: &str, toks: &[Token], k: usize) -> bool {
    let w = word(text, &toks[k]);
    let stem = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix("s'"))
        .or_else(|| w.strip_suffix("s’"));
    match stem {
        Some("") => k > 0 && !CONTRACTED.contains_ascii(word(text, &toks[k - 1])),
        Some(s) => !CONTRACTED.contains_ascii(s),
        None => false,
    }
}

/// Whether a verb form is bare (no -s, -ed or -ing; not an irregular past).
fn bare_form(w: &str) -> bool {
    !(w.ends_with('s')
        || w.ends_with("ed")
        || w.ends_with("ing")
        || lexicon::IRREGULAR_PASTS.contains_ascii(w))
}

/// Whether the cue word at `v` (tokens of the sentence from `lo`) is a noun: right after a
/// determiner, a possessive or a preposition; or a bare form after a singular noun phrase
/// ("a similar question"), or an -s form after a plural one ("several policy addresses"),
/// within three lower-case words.
pub(in crate::attribution) fn cue_is_noun(text: &str, toks: &[Token], v: usize, lo: usize) -> bool {
    if v <= lo {
        return false;
    }
    let w = word(text, &toks[v]);
    // A noun that opens its content is a cue ("Trump's claim that …", "the warning about …").
    if toks
        .get(v + 1)
        .is_some_and(|n| one_of(word(text, n), &["that", "about"]))
    {
        return false;
    }
    let prev = word(text, &toks[v - 1]);
    // After a preposition an -ing form is a gerund, still a verb ("by saying that …").
    if (BEFORE_NOUN.contains_ascii(prev) && !w.ends_with("ing")) || possessive(text, toks, v - 1) {
        return true;
    }
    let bare = bare_form(w);
    let plural_s = w.ends_with('s') && !w.ends_with("ss");
    for k in (lo..v).rev().take(4) {
        let t = &toks[k];
        let x = word(text, t);
        if !t.is_word {
            return false;
        }
        if SINGULAR_DETERMINERS.contains_ascii(x) {
            return bare && k + 1 < v;
        }
        if PLURAL_DETERMINERS.contains_ascii(x) {
            return plural_s && k + 1 < v;
        }
        if is_cap(x) || verb_at(text, t).is_some() || x.ends_with("ly") {
            return false;
        }
    }
    false
}

/// Whether the cue word at `v` is a passive participle with no agent: "is expected to",
/// "was known as", "are estimated" (adverbs between are skipped).
pub(super) fn passive_cue(text: &str, toks: &[Token], v: usize, lo: usize) -> bool {
    let mut j = v;
    while j > lo && toks[j - 1].is_word && ADVERBS.contains_ascii(word(text, &toks[j - 1])) {
        j -= 1;
    }
    j > lo
        && BE_FORMS.contains_ascii(word(text, &toks[j - 1]))
        && toks
            .get(v + 1)
            .is_none_or(|t| !word(text, t).eq_ignore_ascii_case("by"))
}

/// Whether the content starting at token `c` is what someone would not say: a verb of
/// saying followed by "whether" or "if" ("declined to say whether …", "would not comment on
/// whether …"), a refusal or an open question, not a statement.
pub(super) fn unsaid_content(text: &str, toks: &[Token], c: usize, hi: usize) -> bool {
    if c >= hi || verb_at(text, &toks[c]).is_none() {
        return false;
    }
    (c + 1..hi.min(c + 4))
        .take_while(|&k| toks[k].is_word)
        .any(|k| one_of(word(text, &toks[k]), &["whether", "if"]))
}

/// Whether the content starting at token `c` only points back at what was said ("told about
/// this in an interview", "said it on Monday", "spoke of that."): a pronoun object, maybe
/// after "about" or "of", followed by nothing or by a phrase of time or place. The statement is
/// elsewhere (the sentence before); the pointer is not one. "that" counts only at the end of
/// the clause ("said that on Monday the council …" opens a statement).
pub(super) fn pointer_content(text: &str, toks: &[Token], c: usize, hi: usize) -> bool {
    let mut k = c;
    if k < hi && one_of(word(text, &toks[k]), &["about", "of"]) {
        k += 1;
    }
    let Some(t) = toks.get(k).filter(|_| k < hi) else {
        return false;
    };
    let w = word(text, t);
    let next = (k + 1 < hi).then(|| &toks[k + 1]);
    let ends = next.is_none_or(|n| !n.is_word);
    if w.eq_ignore_ascii_case("that") {
        // Only at the end of the sentence: "that, if elected, he would …" opens a statement.
        return next.is_none_or(|n| one_of(word(text, n), &[".", ";", "!"]));
    }
    one_of(w, &["this", "it", "these", "those", "so"])
        && (ends
            || next.is_some_and(|n| {
                one_of(
                    word(text, n),
                    &[
                        "in",
                        "on",
                        "at",
                        "during",
                        "to",
                        "with",
                        "after",
                        "before",
                        "when",
                        "yesterday",
                        "today",
                        "earlier",
                        "later",
                    ],
                )
            }))
}

/// Whether the sentence from token `lo` opens with an adverbial participle ("Addressing
/// residents on Monday, she …"): what comes before its first comma is no content.
/// A gerund subject ("Shifting patterns could affect …, he said") has a finite verb before
/// the comma: an auxiliary or a modal.
/// A question put to the subject ("Asked whether …, Roth said …") opens the same way.
pub(super) fn participle_opening(text: &str, toks: &[Token], lo: usize) -> bool {
    if lo < toks.len() && question_opening(text, toks, lo, lo) {
        return true;
    }
    let opens = toks.get(lo).is_some_and(|t| {
        let w = word(text, t);
        t.is_word && is_cap(w) && w.len() > 5 && w.ends_with("ing")
    });
    opens
        && toks[lo + 1..]
            .iter()
            .take_while(|t| word(text, t) != ",")
            .all(|t| !FINITE.contains_ascii(word(text, t)))
}

/// Whether the cue word at `v` opens the sentence as a passive participle whose clause,
/// up to the first comma, is a question put to the subject ("Asked whether the union would
/// accept, Roth said …", "Pressed on the cost, she said …", "Asked by reporters about it, …"):
/// the subject was asked; the clause is not what anybody reports saying.
pub(super) fn question_opening(text: &str, toks: &[Token], v: usize, lo: usize) -> bool {
    let w = word(text, &toks[v]);
    if v != lo || !toks[v].is_word || !is_cap(w) || !w.ends_with("ed") {
        return false;
    }
    let opens_question = toks.get(v + 1).is_some_and(|t| {
        one_of(
            word(text, t),
            &[
                "about", "on", "over", "whether", "if", "why", "what", "how", "when", "by", "for",
                "to",
            ],
        )
    });
    if !opens_question {
        return false;
    }
    // The participle's clause (the question, which may have a verb of its own) ends at a
    // comma.
    toks[v + 1..].iter().take(30).any(|t| word(text, t) == ",")
}

/// Whether `w` is a form of "say" or "tell", the verbs of saying that report in any clause
/// ("after the minister said taxes would rise" is still speech).
pub(super) fn core_saying(w: &str) -> bool {
    lexicon::SAYING_FORMS.contains_ascii(w)
}

/// Whether the subject phrase starting at token `np_start` is in a clause of time or cause
/// ("after the union rejected the offer", "when the drivers' union GTV and the operator
/// agreed a deal"): the verb tells an event that frames the sentence's news, not what
/// someone said. The conjunction is looked for up to six words back, across words only.
pub(super) fn circumstance(text: &str, toks: &[Token], np_start: usize, lo: usize) -> bool {
    for k in (lo..np_start).rev().take(6) {
        let t = &toks[k];
        let w = word(text, t);
        if !t.is_word {
            if matches!(w, "'" | "’") {
                continue;
            }
            return false;
        }
        if CIRCUMSTANCE.contains_ascii(w) {
            return true;
        }
        if verb_at(text, t).is_some() {
            return false;
        }
    }
    false
}

/// Whether the cue word at `v` is one that news uses far more often as a noun than as a verb
/// of saying: "state", "states" ("the 50 states revealed", "New York state Democratic
/// official", "two states voting next week"; on PolNeAR train 2 of 112 such reported quotes
/// were speech).
pub(super) fn noun_first_cue(text: &str, toks: &[Token], v: usize) -> bool {
    one_of(word(text, &toks[v]), &["state", "states"])
}

/// Whether a subject makes the noun-first cue word at `v` a verb: a pronoun ("It states that
/// …", "They state their goal"), a document ("the report states"), or a common noun right
/// before it with "that" after ("The law states that …"; not "two states that vote").
pub(super) fn says_as_document(text: &str, toks: &[Token], np: &Np, v: usize) -> bool {
    let head = toks[np.start..np.end].iter().rev().find(|t| t.is_word);
    let prev = word(text, &toks[v - 1]);
    matches!(np.kind, NpKind::Pronoun(_))
        || head.is_some_and(|t| lexicon::DOCUMENTS.contains_lower(word(text, t)))
        || toks
            .get(v + 1)
            .is_some_and(|t| one_of(word(text, t), &["that"]))
            && toks[v - 1].is_word
            && prev.chars().all(|c| c.is_ascii_lowercase())
            && !PLURAL_DETERMINERS.contains_ascii(prev)
            && !SINGULAR_DETERMINERS.contains_ascii(prev)
            // Beyond the plural determiners ("two", "several"): the larger numbers and a few
            // adjectives of plural nouns.
            && !one_of(
                prev,
                &[
                    "six",
                    "seven",
                    "eight",
                    "nine",
                    "ten",
                    "other",
                    "remaining",
                    "key",
                    "more",
                ],
            )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Token> {
        quotetrace_text::tokens(s, 0..s.len())
    }

    fn at(s: &str, toks: &[Token], w: &str) -> usize {
        toks.iter().position(|t| &s[t.start..t.end] == w).unwrap()
    }

    #[test]
    fn nouns_after_determiners_possessives_and_prepositions() {
        for (s, cue) in [
            ("The minister's comments came after the vote.", "comments"),
            ("A big question remains about the budget.", "question"),
            (
                "Voters in several coastal states could decide it.",
                "states",
            ),
            ("The former secretary of state pushed the plan.", "state"),
            ("Trump's comments came as the polls closed.", "comments"),
        ] {
            let t = toks(s);
            assert!(cue_is_noun(s, &t, at(s, &t, cue), 0), "{s}");
        }
        for (s, cue) in [
            ("The experts generally praised the plan.", "praised"),
            ("She said the plan would fail.", "said"),
            ("He's said the vote was rigged.", "said"),
            ("The agency questioned the figures.", "questioned"),
            ("He won praise for saying the vote was fair.", "saying"),
            (
                "The senator's claim that the vote was rigged spread.",
                "claim",
            ),
        ] {
            let t = toks(s);
            assert!(!cue_is_noun(s, &t, at(s, &t, cue), 0), "{s}");
        }
    }

    #[test]
    fn passives_refusals_participles_and_circumstances() {
        let s = "The council is expected to approve the plan.";
        let t = toks(s);
        assert!(passive_cue(s, &t, at(s, &t, "expected"), 0));
        let s = "The council expected to approve the plan.";
        let t = toks(s);
        assert!(!passive_cue(s, &t, at(s, &t, "expected"), 0));
        let s = "She declined to say whether the talks had failed.";
        let t = toks(s);
        assert!(unsaid_content(s, &t, at(s, &t, "say"), t.len()));
        let s = "She declined to say that the talks had failed.";
        let t = toks(s);
        assert!(!unsaid_content(s, &t, at(s, &t, "say"), t.len()));
        // Pointers back at a statement, and statements (sentences written for this test).
        for (s, from, pointer) in [
            (
                "The minister told about this in an interview with the radio.",
                "about",
                true,
            ),
            ("The minister said it on Monday.", "it", true),
            ("The minister spoke of that.", "of", true),
            (
                "She said that on Monday the council would vote.",
                "that",
                false,
            ),
            (
                "He said that, if elected, he would cut taxes.",
                "that",
                false,
            ),
            ("She said this year would be harder.", "this", false),
            ("He said it was over.", "it", false),
        ] {
            let t = toks(s);
            let c = at(s, &t, from);
            assert_eq!(pointer_content(s, &t, c, t.len()), pointer, "{s}");
        }
        let s = "Visiting the flooded farms, he described the damage.";
        assert!(participle_opening(s, &toks(s), 0));
        let s = "Rising seas could flood the farms, he said.";
        assert!(!participle_opening(s, &toks(s), 0));
        let s = "Trains stopped after the union rejected the offer.";
        let t = toks(s);
        assert!(circumstance(s, &t, at(s, &t, "the"), 0));
        let s = "It came after rival Anna Berg attacked the plan.";
        let t = toks(s);
        assert!(circumstance(s, &t, at(s, &t, "Anna"), 0));
        let s = "Talks ended when the pilots' union and the airline agreed a deal.";
        let t = toks(s);
        assert!(circumstance(s, &t, at(s, &t, "airline") - 1, 0));
        let s = "The union rejected the offer.";
        let t = toks(s);
        assert!(!circumstance(s, &t, at(s, &t, "The"), 0));
        let s = "As expected, the union rejected the offer.";
        let t = toks(s);
        assert!(!circumstance(s, &t, at(s, &t, "the"), 0));
    }
}
