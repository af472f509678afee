//! Speaker phrases around a reporting verb: the phrase before it, after it, a document's
//! issuer (the subject of the verb is `subjects.rs`).

use super::words::*;
use super::*;

impl Doc<'_> {
    /// The speaker phrase that ends just before token `v` (the verb), looking no further back
    /// than token `lo`.
    pub(super) fn np_before(&self, toks: &[Token], v: usize, lo: usize) -> Option<Np> {
        let text = self.text;
        let mut j = skip_name_parenthesis(text, toks, v, lo);
        let mut skipped = 0;
        while j > lo && skipped < 3 {
            let w = word(text, &toks[j - 1]);
            if toks[j - 1].is_word
                && !is_cap(w)
                && (ADVERBS.contains_lower(w) || (w.ends_with("ly") && w.len() > 4))
            {
                j -= 1;
                skipped += 1;
            } else {
                break;
            }
        }
        // The parenthesis may stand before the adverbs: "Rep. Bobby Scott (D-Va.) has said".
        if skipped > 0 {
            j = skip_name_parenthesis(text, toks, j, lo);
        }
        if j <= lo {
            return None;
        }
        // "The ministry on Tuesday said", "The council today voted": a time adjunct between
        // the subject and its verb is not part of the subject.
        if let Some(start) = time_adjunct(text, toks, j, lo) {
            return self.np_before(toks, start, lo);
        }
        let last = j - 1;
        let t = &toks[last];
        let w = word(text, t);
        if t.is_word {
            if let Some(p) = lexicon::pronoun(w) {
                if lexicon::OBLIQUE_PRONOUNS.contains_lower(w) {
                    return None;
                }
                return Some(Np {
                    start: last,
                    end: last + 1,
                    kind: NpKind::Pronoun(p),
                });
            }
            if is_cap(w) && !lexicon::is_capitalised_stopword(w) {
                let mut s = last;
                while s > lo && toks[s - 1].is_word && {
                    let p = word(text, &toks[s - 1]);
                    is_name_word(p)
                        || lexicon::is_title(p)
                        || lower_is(p, &["of", "the"]) && s >= 2 && is_cap(word(text, &toks[s - 2]))
                        // "Lee Wang of The Intercept", "the Center for Trade Studies".
                        || lower_is(p, &["the"])
                            && s >= 3
                            && word(text, &toks[s - 2]) == "of"
                            && is_cap(word(text, &toks[s - 3]))
                        || matches!(p, "for" | "on")
                            && s >= 2
                            && heads_body_name(word(text, &toks[s - 2]))
                } {
                    s -= 1;
                }
                while s < last && lower_is(word(text, &toks[s]), &["of", "the"]) {
                    s += 1;
                }
                if s > lo && lower_is(word(text, &toks[s - 1]), &["the"]) {
                    return Some(Np {
                        start: s - 1,
                        end: last + 1,
                        kind: NpKind::Description,
                    });
                }
                if let Some(start) = self.head_before_place(toks, s, last, lo) {
                    return Some(Np {
                        start,
                        end: last + 1,
                        kind: NpKind::Description,
                    });
                }
                // "Stacy Baker of Columbia, South Carolina says": a state or country after a
                // comma ends the place of the name before it.
                if s > lo + 2 && word(text, &toks[s - 1]) == "," {
                    let place: Vec<&str> = toks[s..=last].iter().map(|t| word(text, t)).collect();
                    let named = self.np_before(toks, s - 1, lo).filter(|np| {
                        np.kind == NpKind::Name
                            && (np.start..np.end).any(|k| lower_is(word(text, &toks[k]), &["of"]))
                    });
                    if let Some(np) = named.filter(|_| lexicon::is_place(&place)) {
                        return Some(np);
                    }
                }
                return Some(Np {
                    start: s,
                    end: last + 1,
                    kind: NpKind::Name,
                });
            }
            // A lower-case noun: a description that opens with a determiner, or a plural.
            if CLAUSE_BREAKS.contains_lower(w) {
                return None;
            }
            let mut s = last;
            while s > lo && last - s < 8 {
                let p = &toks[s - 1];
                if !p.is_word {
                    // "Bernie Sanders’ campaign said": the apostrophe of a possessive after
                    // "s", a token of its own, ends the name that opens the description.
                    let owner = s.checked_sub(2).filter(|&k| {
                        k >= lo
                            && matches!(word(text, p), "'" | "’")
                            && toks[k].is_word
                            && toks[k].end == p.start
                            && is_cap(word(text, &toks[k]))
                            && word(text, &toks[k]).ends_with('s')
                    });
                    if let Some(mut k) = owner {
                        while k > lo
                            && toks[k - 1].is_word
                            && is_name_word(word(text, &toks[k - 1]))
                        {
                            k -= 1;
                        }
                        return Some(Np {
                            start: k,
                            end: last + 1,
                            kind: NpKind::Description,
                        });
                    }
                    break;
                }
                let pw = word(text, p);
                if (lexicon::reporting_verb(pw).is_some() && !is_cap(pw))
                    || CLAUSE_BREAKS.contains_lower(pw)
                {
                    break;
                }
                s -= 1;
                // "Brooks's campaign said", "Bernie Sanders’ campaign says": a possessive
                // name opens the description.
                if lexicon::DETERMINERS.contains_lower(pw)
                    || (is_cap(pw)
                        && (pw.ends_with("'s")
                            || pw.ends_with("’s")
                            || pw.ends_with("s'")
                            || pw.ends_with("s’")))
                {
                    return Some(Np {
                        start: s,
                        end: last + 1,
                        kind: NpKind::Description,
                    });
                }
            }
            if PEOPLE_PLURALS.contains_lower(w) {
                let mut s = last;
                while s > lo
                    && last - s < 3
                    && toks[s - 1].is_word
                    && !lower_is(word(text, &toks[s - 1]), &["and", "but", "that", "which"])
                {
                    s -= 1;
                }
                return Some(Np {
                    start: s,
                    end: last + 1,
                    kind: NpKind::Description,
                });
            }
            return None;
        }
        // An appositive between commas: "Putin, the Russian president, said".
        if w == "," && last > lo + 1 {
            let mut k = last - 1;
            while k > lo && word(text, &toks[k]) != "," && last - k < 12 {
                k -= 1;
            }
            if word(text, &toks[k]) == "," && k > lo {
                let inner = toks.get(k + 1).map(|t| word(text, t)).unwrap_or("");
                if is_cap(inner)
                    && !lower_is(inner, &["the", "a", "an"])
                    && !matches!(inner.chars().nth(1), Some('-'))
                    && !is_state_abbrev(&toks[k + 1..last], text)
                {
                    if let Some(np) = self.np_before(toks, last, k + 1) {
                        if np.kind == NpKind::Name {
                            return Some(np);
                        }
                    }
                }
                return self.np_before(toks, k, lo);
            }
        }
        None
    }

    /// "Officials in Moscow said", "a spokesman for Norvia Airways said", "doctors at
    /// Mercy Hospital said": a name after "in", "at", "for", "from" or "with" is where the
    /// speaker is or whom they speak for; the speaker is the person or group named before it.
    /// The first token of that phrase (its determiner and a few modifiers), when the word
    /// before the preposition is a people noun or a role and the name `s..=last` names no
    /// person.
    fn head_before_place(&self, toks: &[Token], s: usize, last: usize, lo: usize) -> Option<usize> {
        let text = self.text;
        if s < lo + 2
            || !toks[s - 2].is_word
            || !lexicon::AFFILIATION_PREPOSITIONS.contains_lower(word(text, &toks[s - 1]))
        {
            return None;
        }
        let head = word(text, &toks[s - 2]);
        let people = PEOPLE_PLURALS.contains_lower(head) || lexicon::role_class(head).is_some();
        // "a spokesman for Sen. Anna Brooks", "aides to Tomas Weir": a person's name is
        // whom they speak for, and a person is who the sentence quotes: left as it is. A
        // first name opening a body's or a place's name ("Mercy Hospital") is no person;
        // nor is a lone word that is also a country ("Israel").
        let name: Vec<&str> = toks[s..=last].iter().map(|t| word(text, t)).collect();
        let person = name.len() >= 2
            && lexicon::is_first_name(name[0])
            && !name.iter().any(|w| lexicon::is_org_word(w))
            && !lexicon::has_place_head(&name)
            || name.iter().any(|w| lexicon::is_title(w));
        // "a spokeswoman for Fiorina": a person the article named before.
        let named_person = || {
            self.resolver
                .resolve_name(&name, toks[s].start)
                .is_some_and(|e| self.resolver.entities[e].person)
        };
        if !people || person || named_person() {
            return None;
        }
        // A capitalised head opens the sentence ("Officials in Moscow"); mid-sentence it is a
        // title of the name before it ("Secretary for Defense").
        let mut k = s - 2;
        if is_cap(head) {
            return (k == lo || is_terminator(text, &toks[k - 1])).then_some(k);
        }
        while k > lo && s - 2 - k < 3 && toks[k - 1].is_word {
            let w = word(text, &toks[k - 1]);
            if lexicon::DETERMINERS.contains_lower(w) {
                return Some(k - 1);
            }
            // Modifiers only ("two senior officials"); a verb form ends the phrase
            // ("motivating voters in Florida").
            if is_cap(w)
                || is_preposition(w)
                || CLAUSE_BREAKS.contains_lower(w)
                || lexicon::reporting_verb(w).is_some()
                || w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed"))
            {
                break;
            }
            k -= 1;
        }
        Some(k)
    }

    /// Where a name phrase that ends at `e` really ends: a body's name, lower-case role words
    /// and then a person's name ("MSNBC host Chris Matthews", "White House press secretary Josh
    /// Earnest") run on to the end of the person's name.
    fn past_role_words(&self, toks: &[Token], e: usize, hi: usize) -> usize {
        let text = self.text;
        let mut k = e;
        while k < hi && k < e + 3 && toks[k].is_word {
            let w = word(text, &toks[k]);
            if is_cap(w)
                || NP_STOP.contains_lower(w)
                || CLAUSE_BREAKS.contains_lower(w)
                || lexicon::reporting_verb(w).is_some_and(|_| !lexicon::is_title(w))
                    && toks.get(k + 1).is_none_or(|n| is_cap(word(text, n)))
            {
                break;
            }
            k += 1;
        }
        let role = k > e && {
            let last = word(text, &toks[k - 1]);
            lexicon::is_title(last) || lexicon::role_class(last).is_some()
        };
        if !role
            || toks
                .get(k)
                .is_none_or(|t| k >= hi || !lexicon::is_first_name(word(text, t)))
        {
            return e;
        }
        let mut end = k + 1;
        while end < hi && toks[end].is_word && is_cap(word(text, &toks[end])) {
            end += 1;
        }
        end
    }

    /// The named body or person behind a document phrase `[i, e)`: "a report from the Harbor
    /// Gazette", "a statement by Senator Ames", "a report in the Valley Courier" speak for the
    /// name after the preposition, as the annotation guidelines credit documents.
    fn document_issuer(&self, toks: &[Token], i: usize, e: usize, hi: usize) -> Option<Np> {
        let text = self.text;
        let head = word(text, toks.get(e.checked_sub(1)?)?).to_ascii_lowercase();
        if e <= i + 1 || !lexicon::DOCUMENTS.contains(&head) {
            return None;
        }
        let prep = word(text, toks.get(e).filter(|_| e < hi)?);
        if !lower_is(prep, &["from", "by", "in"]) {
            return None;
        }
        let mut s = e + 1;
        if s < hi && lower_is(word(text, &toks[s]), &["the"]) {
            s += 1;
        }
        let mut end = s;
        while end < hi
            && end - s < 6
            && toks[end].is_word
            && is_cap(word(text, &toks[end]))
            && is_name_word(word(text, &toks[end]))
        {
            end += 1;
        }
        if end == s {
            return None;
        }
        // "a statement from the Chilean army": the capitals are an adjective of a body named
        // by a lower-case noun, not its name; the document stays the speaker phrase.
        if end < hi && toks[end].is_word && lexicon::is_org_word(word(text, &toks[end])) {
            return None;
        }
        Some(Np {
            start: s,
            end,
            kind: NpKind::Name,
        })
    }

    /// The listener after a verb that takes one ("told reporters", "warned residents"), at
    /// token `i`: none where a clause opens there ("warned that more rain …", "asked whether
    /// …"), which is what was said, not who heard it.
    pub(super) fn listener_after(&self, toks: &[Token], i: usize, hi: usize) -> Option<Np> {
        let opens_clause = toks.get(i).is_some_and(|t| {
            lower_is(
                word(self.text, t),
                &["that", "whether", "if", "how", "what", "why", "when"],
            )
        });
        if opens_clause {
            return None;
        }
        self.np_after(toks, i, hi)
    }

    /// The speaker phrase that starts at token `i` ("said Sen. John McCain", "said the
    /// President of the Russian Federation").
    pub(super) fn np_after(&self, toks: &[Token], i: usize, hi: usize) -> Option<Np> {
        let text = self.text;
        let t = toks.get(i).filter(|_| i < hi)?;
        if !t.is_word {
            return None;
        }
        let w = word(text, t);
        if let Some(p) = lexicon::pronoun(w) {
            return Some(Np {
                start: i,
                end: i + 1,
                kind: NpKind::Pronoun(p),
            });
        }
        let determiner = lexicon::DETERMINERS.contains_lower(w);
        // "…, suggesting that the only way …": "that" before an article, a pronoun or a name
        // opens a clause, not a phrase like "that official".
        if w.eq_ignore_ascii_case("that")
            && toks.get(i + 1).filter(|_| i + 1 < hi).is_some_and(|n| {
                let n = word(text, n);
                lexicon::DETERMINERS.contains_lower(n) || lexicon::pronoun(n).is_some() || is_cap(n)
            })
        {
            return None;
        }
        if !determiner && !is_cap(w) && !PEOPLE_PLURALS.contains_lower(w) {
            // Lower-case role words before a name: "former Rep. George Miller".
            let cap = (i + 1..(i + 4).min(hi))
                .find(|&k| toks[k].is_word && is_cap(word(text, &toks[k])))?;
            if toks[i..cap]
                .iter()
                .all(|t| t.is_word && !NP_STOP.contains_lower(word(text, t)))
            {
                return self.np_after(toks, cap, hi);
            }
            return None;
        }
        let mut e = i + 1;
        while e < hi && toks[e].is_word {
            let n = word(text, &toks[e]);
            let nl = n.to_lowercase();
            // After its article (and up to two modifiers) a document word is a noun: "a
            // report", "the statement", "a new report".
            let noun_after_article = e <= i + 3
                && lower_is(w, &["a", "an", "the"])
                && lexicon::DOCUMENTS.contains(&nl)
                && toks[i + 1..e].iter().all(|t| {
                    let m = word(text, t);
                    t.is_word
                        && !is_cap(m)
                        && lexicon::reporting_verb(m).is_none()
                        && !NP_STOP.contains_lower(m)
                        && !lexicon::FINITE.contains_lower(m)
                });
            // A finite verb or an auxiliary in lower case ends the phrase: "The two men were
            // …", "The nation's largest gun group is announcing …", and a verb in the past
            // before its object or a preposition ("the DNC issued a statement", "the actor held
            // a fake audition"; not "the newly elected mayor").
            let past_verb = e > i + 1
                && !is_cap(n)
                && (nl.ends_with("ed") || lexicon::IRREGULAR_PASTS.contains(&nl))
                && toks.get(e + 1).is_some_and(|t| {
                    let after = word(text, t);
                    // "a poll released Tuesday": a time after it too.
                    lexicon::BEFORE_NOUN.contains_lower(after)
                        || lexicon::pronoun(after).is_some()
                        || NP_STOP.contains_lower(after)
                            && !lower_is(after, &["and", "that", "who"])
                });
            if NP_STOP.contains(&nl)
                || lexicon::reporting_verb(n).is_some() && !is_cap(n) && !noun_after_article
                || !is_cap(n) && lexicon::FINITE.contains(&nl)
                || past_verb
            {
                break;
            }
            let joins_name = matches!(nl.as_str(), "of" | "the")
                && toks.get(e + 1).is_some_and(|t| is_cap(word(text, t)));
            // A description ends after its head role noun ("the Vermont senator emailed ...").
            if determiner
                && !is_cap(n)
                && !matches!(nl.as_str(), "of" | "for")
                && lexicon::role_class(word(text, &toks[e - 1])).is_some()
            {
                break;
            }
            // A rank with its ordinal: "Air Force 1st Lt. Tyler Livingston".
            let ordinal_rank = is_ordinal(n)
                && toks
                    .get(e + 1)
                    .is_some_and(|t| lexicon::is_title(word(text, t)));
            if !determiner
                && !is_name_word(n)
                && !lexicon::is_title(n)
                && !joins_name
                && !ordinal_rank
            {
                break;
            }
            e += 1;
            if e - i > 12 {
                break;
            }
        }
        if !determiner {
            e = self.past_role_words(toks, e, hi);
        } else if let Some(issuer) = self.document_issuer(toks, i, e, hi) {
            return Some(issuer);
        }
        let mut kind = if determiner || !is_cap(w) {
            NpKind::Description
        } else {
            NpKind::Name
        };
        // "Ryan's campaign", "Clinton's top foreign policy adviser": what a name possesses
        // speaks, not the name.
        let possessive = word(text, &toks[e - 1]);
        if kind == NpKind::Name && (possessive.ends_with("'s") || possessive.ends_with("’s")) {
            let mut f = e;
            while f < hi && f < e + 4 && toks[f].is_word {
                let n = word(text, &toks[f]);
                if is_cap(n) || NP_STOP.contains_lower(n) || lexicon::reporting_verb(n).is_some() {
                    break;
                }
                f += 1;
            }
            if f > e {
                e = f;
                kind = NpKind::Description;
            }
        }
        Some(Np {
            start: i,
            end: e,
            kind,
        })
    }
}

/// Where a time adjunct that ends just before token `j` starts ("on Tuesday", "last
/// Friday", "today"), when one does and something comes before it.
fn time_adjunct(text: &str, toks: &[Token], j: usize, lo: usize) -> Option<usize> {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
    ];
    let mut last = j.checked_sub(1).filter(|&k| k > lo)?;
    // "on Wednesday morning": a part of the day after its day.
    if lower_is(
        word(text, &toks[last]),
        &["morning", "afternoon", "evening", "night"],
    ) && last > lo + 1
        && lower_is(word(text, &toks[last - 1]), DAYS)
    {
        last -= 1;
    }
    if !toks[last].is_word || !lower_is(word(text, &toks[last]), DAYS) {
        return None;
    }
    let before = last - 1;
    let start = if toks[before].is_word
        && lower_is(
            word(text, &toks[before]),
            &["on", "last", "this", "next", "early", "late"],
        ) {
        before
    } else {
        last
    };
    (start > lo).then_some(start)
}

/// "1st", "2nd", "23rd", "4th": an ordinal in digits.
fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// "this morning", "last night", "each week": a time phrase that may stand between a subject
/// and its verb.
pub(super) fn is_time_phrase(text: &str, det: &Token, noun: &Token) -> bool {
    det.is_word
        && noun.is_word
        && lower_is(
            word(text, det),
            &["this", "last", "that", "each", "every", "next"],
        )
        && lower_is(
            word(text, noun),
            &[
                "afternoon",
                "autumn",
                "evening",
                "fall",
                "month",
                "morning",
                "night",
                "spring",
                "summer",
                "week",
                "weekend",
                "winter",
                "year",
            ],
        )
}

/// Where a name's phrase ends before token `j` when a short parenthesis follows the name
/// ("Rep. Bobby Scott (D-Va.) said"): at the parenthesis' opening; else `j`.
fn skip_name_parenthesis(text: &str, toks: &[Token], j: usize, lo: usize) -> usize {
    if j > lo + 1 && word(text, &toks[j - 1]) == ")" {
        if let Some(open) = (lo.max(j.saturating_sub(8))..j - 1)
            .rev()
            .find(|&k| word(text, &toks[k]) == "(")
        {
            if open > lo && toks[open - 1].is_word && is_cap(word(text, &toks[open - 1])) {
                return open;
            }
        }
    }
    j
}
