//! Attribution patterns around a quotation: after it, before it, and an introduction ending with a colon.

use super::words::*;
use super::*;

impl Doc<'_> {
    /// Whether a quotation has an attribution of its own after it (without recording it).
    pub(super) fn post_attribution_peek(
        &mut self,
        para_idx: usize,
        from: usize,
        limit: usize,
    ) -> bool {
        let speakers = self.resolver.speakers.len();
        let found = self.post_attribution(para_idx, from, limit).is_some();
        self.resolver.speakers.truncate(speakers);
        found
    }

    /// Attribution after a quotation: `, X said.` / `said X.` / `— X said` / `— X`.
    pub(super) fn post_attribution(
        &mut self,
        para_idx: usize,
        from: usize,
        limit: usize,
    ) -> Option<(Attribution, usize)> {
        let text = self.text;
        let toks = self.paras[para_idx].tokens.clone(); // cheap: a shared slice
        let PostSpan {
            lo,
            hi,
            dash,
            end_byte,
        } = post_span(text, &toks, from, limit)?;
        // "said X"
        if verb_in(text, &toks, lo).is_some() {
            if let Some(np) = self.np_after(&toks, lo + 1, hi) {
                let cue = toks[lo].start..toks[lo].end;
                return Some((
                    self.attribution(
                        "after the quote: said X",
                        &toks,
                        np,
                        Some(cue),
                        para_idx,
                        0.9,
                    ),
                    end_byte,
                ));
            }
        }
        if let Some(found) = self.continued_then_inverted(&toks, lo, hi, para_idx) {
            return Some((found, end_byte));
        }
        // "X said"
        // "Fred Kagan, director of the Critical Threats Project, said"
        // "an intelligence source, who was not authorized to speak, told Fox News"
        if toks[lo].is_word
            && (is_cap(word(text, &toks[lo]))
                || lexicon::DETERMINERS.contains_lower(word(text, &toks[lo])))
        {
            if let Some(name) = self.np_after(&toks, lo, hi) {
                if toks.get(name.end).is_some_and(|t| word(text, t) == ",") {
                    let v = (name.end + 1..hi).find(|&k| {
                        word(text, &toks[k - 1]) == "," && verb_in(text, &toks, k).is_some()
                    });
                    if let Some(v) = v {
                        // "A top strategist, John Weaver, said": the name in apposition to a
                        // description is the speaker.
                        let name = self.appositive_name(&toks, name, v);
                        let cue = toks[v].start..toks[v].end;
                        return Some((
                            self.attribution(
                                "after the quote: X, apposition, said",
                                &toks,
                                name,
                                Some(cue),
                                para_idx,
                                0.88,
                            ),
                            end_byte,
                        ));
                    }
                }
            }
        }
        for v in lo + 1..hi.min(lo + 12) {
            if verb_in(text, &toks, v).is_some() || is_went_on(text, &toks, v) {
                if let Some(np) = self.subject_of(&toks, v, lo) {
                    // Role words may stand before the name: "campaign manager Robby Mook said".
                    // Or a possessive's noun in apposition before the name: "his campaign
                    // manager, Jeff Weaver, said".
                    let apposition = np.start > lo + 2
                        && word(text, &toks[np.start - 1]) == ","
                        && toks[lo..np.start - 1].iter().all(|t| t.is_word)
                        && self
                            .np_after(&toks, lo, np.start)
                            .is_some_and(|lead| self.opens_possessed_noun(&toks, lead));
                    let lead_ok = np.start == lo
                        || apposition
                        || (np.start - lo <= 5
                            && toks[lo..np.start].iter().all(|t| {
                                let w = word(text, t);
                                t.is_word
                                    && !CLAUSE_BREAKS.contains_lower(w)
                                    && !NP_STOP.contains_lower(w)
                                    && lexicon::pronoun(w).is_none()
                            }));
                    // A subject that opens with "that", "if"… in lower case is a clause the
                    // quoted sentence goes on with, not a speaker.
                    let first = word(text, &toks[np.start]);
                    let clause = !is_cap(first) && lexicon::CLAUSE_OPENERS.contains(first);
                    if lead_ok && !clause {
                        let cue = toks[v].start..toks[v].end;
                        return Some((
                            self.attribution(
                                "after the quote: X said",
                                &toks,
                                np,
                                Some(cue),
                                para_idx,
                                0.92,
                            ),
                            end_byte,
                        ));
                    }
                }
                break;
            }
        }
        // "— Vladimir Putin" closing the paragraph, or "-President Obama, tweeting after …".
        if dash && toks[lo].is_word && is_cap(word(text, &toks[lo])) {
            if let Some(np) = self.np_after(&toks, lo, hi) {
                let closes = np.end == toks.len()
                    || (np.end + 1 == toks.len() && is_terminator(text, &toks[np.end]))
                    || word(text, &toks[np.end]) == ",";
                if closes && np.end - np.start <= 6 && np.kind == NpKind::Name {
                    return Some((
                        self.attribution(
                            "after the quote: dash and name",
                            &toks,
                            np,
                            None,
                            para_idx,
                            0.8,
                        ),
                        end_byte,
                    ));
                }
            }
        }
        None
    }

    /// `"…" that Jones can beat Smith, said Mary Olsen, a strategist.`: the quoted sentence
    /// goes on after the quotation with a clause (`that`, `if`, `because`… in lower case: not
    /// a speaker, as `a top strategist, John Weaver, said` is), and its attribution comes after a comma, the verb before its subject. The
    /// first reporting verb after the quotation must be that one: in `he said, adding …` it
    /// is `said`, and the pattern does not apply. Else the sentence may end with its
    /// attribution, the subject first ([`Self::said_at_the_end`]).
    fn continued_then_inverted(
        &mut self,
        toks: &[Token],
        lo: usize,
        hi: usize,
        para_idx: usize,
    ) -> Option<Attribution> {
        let text = self.text;
        let first = word(text, &toks[lo]);
        if !toks[lo].is_word || is_cap(first) || !lexicon::CLAUSE_OPENERS.contains(first) {
            return None;
        }
        let v = (lo + 1..hi).find(|&v| verb_in(text, toks, v).is_some())?;
        // `, saying that …` is an adjunct of the clause, not an attribution; the sentence may
        // still end with one the other way round.
        let (np, v, how, confidence) = if v >= lo + 2 && comma_led_finite(text, toks, v) {
            let np = self.np_after(toks, v + 1, hi)?;
            (
                np,
                v,
                "after the quote: the sentence goes on, then said X",
                0.88,
            )
        } else {
            let (np, v) = self.said_at_the_end(toks, lo, hi)?;
            (
                np,
                v,
                "after the quote: the sentence goes on, then X said",
                0.85,
            )
        };
        if lexicon::CLAUSE_OPENERS.contains_lower(word(text, &toks[np.start])) {
            return None;
        }
        let cue = toks[v].start..toks[v].end;
        Some(self.attribution(how, toks, np, Some(cue), para_idx, confidence))
    }

    /// `"…" and against the pier plan, Lind said.`: the quoted sentence goes on after the
    /// quotation and ends with its attribution after a comma, the subject before the verb,
    /// nothing after them. The subject and the verb's token.
    fn said_at_the_end(&self, toks: &[Token], lo: usize, hi: usize) -> Option<(Np, usize)> {
        let text = self.text;
        let comma = (lo + 2..hi).rev().find(|&k| word(text, &toks[k]) == ",")?;
        let np = self.np_after(toks, comma + 1, hi)?;
        let v = np.end;
        let ends = v + 1 == hi || (v + 2 == hi && is_terminator(text, &toks[v + 1]));
        (ends && verb_in(text, toks, v).is_some_and(|i| i.speech)).then_some((np, v))
    }

    /// Attribution before a quotation that introduces it: `X said: "…"`, `X said, "…"`,
    /// `According to X, "…"`, `In his opinion, "…"`. Returns the attribution and whether it
    /// is an introduction (ends with a colon or comma) rather than an embedding.
    pub(super) fn pre_attribution(
        &mut self,
        para_idx: usize,
        from: usize,
        open: usize,
    ) -> Option<(Attribution, bool, usize)> {
        let text = self.text;
        let toks = self.paras[para_idx].tokens.clone(); // cheap: a shared slice
        let lo = toks.partition_point(|t| t.start < from);
        let hi = toks.partition_point(|t| t.start < open);
        if lo >= hi {
            return None;
        }
        let last = word(text, &toks[hi - 1]);
        let intro = matches!(last, ":" | "," | "—" | "–" | "-");
        // According to X, "…"
        for k in lo..hi.saturating_sub(1) {
            if word(text, &toks[k]).eq_ignore_ascii_case("according")
                && word(text, &toks[k + 1]) == "to"
            {
                if let Some(np) = self.np_after(&toks, k + 2, hi) {
                    let cue = toks[k].start..toks[k + 1].end;
                    return Some((
                        self.attribution(
                            "before the quote: according to X",
                            &toks,
                            np,
                            Some(cue),
                            para_idx,
                            0.85,
                        ),
                        true,
                        toks[k + 1].end,
                    ));
                }
            }
        }
        // In his opinion, "…"
        if intro && hi - lo >= 3 && lower_is(word(text, &toks[lo]), &["in"]) {
            let p = word(text, &toks[lo + 1]);
            let noun = word(text, &toks[lo + 2]).to_lowercase();
            if let (Some(pr), true) = (
                lexicon::pronoun(p),
                matches!(
                    noun.as_str(),
                    "opinion" | "view" | "words" | "view," | "statement" | "words,"
                ),
            ) {
                let np = Np {
                    start: lo + 1,
                    end: lo + 2,
                    kind: NpKind::Pronoun(pr),
                };
                let cue = toks[lo].start..toks[lo + 2].end;
                return Some((
                    self.attribution(
                        "before the quote: in his opinion",
                        &toks,
                        np,
                        Some(cue),
                        para_idx,
                        0.8,
                    ),
                    true,
                    toks[lo + 2].end,
                ));
            }
        }
        // An introduction speaks through its last clause: "When Trump suggested …, Rubio
        // fired back: “…”" — the clause after the last comma or dash.
        let mut verbs_from = lo;
        if intro {
            let clause = (lo..hi - 1)
                .rev()
                .find(|&k| matches!(word(text, &toks[k]), "," | "—" | "–" | "-" | ";"))
                .map_or(lo, |k| k + 1);
            let has_verb = (clause..hi).any(|k| verb_in(text, &toks, k).is_some());
            if has_verb {
                verbs_from = clause;
            } else if last == ":" && clause > lo {
                let np = self.clause_subject(&toks, clause, hi)?;
                return Some((
                    self.attribution(
                        "introduction: the clause before a colon",
                        &toks,
                        np,
                        None,
                        para_idx,
                        0.75,
                    ),
                    true,
                    open,
                ));
            }
        }
        // The first verb of speaking with a subject ("Trump said he wants …"), else the last
        // reporting verb before the mark; never a cue word used as a noun ("Asked about
        // Haugen's remarks, he said …").
        let first_speech = (verbs_from..hi).find(|&k| {
            verb_in(text, &toks, k).is_some_and(|v| v.speech)
                && !super::reported::cue_is_noun(text, &toks, k, lo)
                && self.subject_of(&toks, k, lo).is_some()
        });
        let v = match first_speech {
            Some(v) => v,
            None => (verbs_from..hi).rev().find(|&k| {
                verb_in(text, &toks, k).is_some()
                    && !super::reported::cue_is_noun(text, &toks, k, lo)
            })?,
        };
        let np = self.subject_of(&toks, v, lo)?;
        let cue = toks[v].start..toks[v].end;
        // Where reported content starts: after the verb, its listener and "that".
        let mut c = v + 1;
        let info = verb_in(text, &toks, v).unwrap_or(lexicon::VerbInfo {
            speech: true,
            takes_listener: false,
            manner: false,
        });
        if info.takes_listener {
            if let Some(obj) = self.listener_after(&toks, c, hi) {
                c = obj.end;
            }
        }
        let content_start = toks.get(c).map_or(open, |t| t.start.min(open));
        let conf = if info.speech { 0.9 } else { 0.7 };
        Some((
            self.attribution(
                "before the quote: X said",
                &toks,
                np,
                Some(cue),
                para_idx,
                conf,
            ),
            intro,
            content_start,
        ))
    }

    /// `Lena Sorel agreed. “…”`, `Or maybe the state steps in, economist Hugo Lind says.
    /// “…”`, `…, Mayor Tomas Weir said in a statement. “…”`: the sentence of the paragraph
    /// before a quotation ends with a subject and its verb of speaking, with at most its
    /// listener ("told reporters") and a phrase opened by a preposition ("in a statement", "on
    /// Twitter") after them; the quotation is what that speaker said. `from..to` is that
    /// sentence, or its part after an earlier quotation.
    pub(super) fn sentence_said_before(
        &mut self,
        para_idx: usize,
        from: usize,
        to: usize,
    ) -> Option<Attribution> {
        let text = self.text;
        let toks = self.paras[para_idx].tokens.clone(); // cheap: a shared slice
        let lo = toks.partition_point(|t| t.start < from);
        let hi = toks.partition_point(|t| t.start < to);
        // The sentence's full stop, and its verb among the last words before it.
        let end = hi
            .checked_sub(1)
            .filter(|&k| k > lo && is_terminator(text, &toks[k]))?;
        let v = (end.saturating_sub(8).max(lo + 1)..end)
            .rev()
            .find(|&k| verb_in(text, &toks, k).is_some_and(|i| i.speech))?;
        // "…, the Guardian reported. “…”": an outlet that reports relays someone else's words.
        if lower_is(word(text, &toks[v]), &["reported", "reports", "report"]) {
            return None;
        }
        // After the verb: its listener, then a phrase opened by a preposition, or nothing.
        let mut k = v + 1;
        if verb_in(text, &toks, v).is_some_and(|i| i.takes_listener) {
            if let Some(obj) = self.listener_after(&toks, k, end) {
                k = obj.end;
            }
        }
        if k < end {
            let first = word(text, &toks[k]);
            let plain = toks[k..end]
                .iter()
                .all(|t| t.is_word && verb_at(text, t).is_none());
            if !(is_preposition(first) && plain) {
                return None;
            }
        }
        // Its subject opens the sentence or the clause after the last comma or dash.
        let clause = (lo..v)
            .rev()
            .find(|&k| matches!(word(text, &toks[k]), "," | "—" | "–" | ";"))
            .map_or(lo, |k| k + 1);
        let np = self.np_after(&toks, clause, v)?;
        if np.end != v || lexicon::CLAUSE_OPENERS.contains_lower(word(text, &toks[np.start])) {
            return None;
        }
        let cue = toks[v].start..toks[v].end;
        Some(self.attribution(
            "before the quote: the sentence before ends with X said",
            &toks,
            np,
            Some(cue),
            para_idx,
            0.8,
        ))
    }

    /// The speaker of an introduction that ends with a colon: the subject of its reporting
    /// verb, or else the subject of the clause.
    pub(super) fn intro_attribution(
        &mut self,
        para_idx: usize,
        from: usize,
        to: usize,
    ) -> Option<Attribution> {
        if let Some((attr, _, _)) = self.pre_attribution(para_idx, from, to) {
            return Some(attr);
        }
        let toks = self.paras[para_idx].tokens.clone(); // cheap: a shared slice
        let lo = toks.partition_point(|t| t.start < from);
        let hi = toks.partition_point(|t| t.start < to);
        let np = self.clause_subject(&toks, lo, hi)?;
        Some(self.attribution(
            "introduction: the subject of the clause",
            &toks,
            np,
            None,
            para_idx,
            0.75,
        ))
    }
}

/// Where an attribution after a quotation can lie: its first and last tokens (`lo..hi`, to the
/// end of the sentence, at most 40 tokens), whether a dash led into it, and the byte where the
/// attribution (and so the quote's span) ends.
struct PostSpan {
    lo: usize,
    hi: usize,
    dash: bool,
    end_byte: usize,
}

/// The [`PostSpan`] after byte `from` of a paragraph's tokens, before byte `limit`; `None`
/// when nothing but punctuation follows.
fn post_span(text: &str, toks: &[Token], from: usize, limit: usize) -> Option<PostSpan> {
    let mut i = toks.partition_point(|t| t.start < from);
    let mut dash = false;
    while i < toks.len()
        && !toks[i].is_word
        && matches!(
            word(text, &toks[i]),
            "," | ":" | "—" | "–" | "-" | "―" | ";"
        )
    {
        dash |= is_dash(word(text, &toks[i]));
        i += 1;
    }
    let lo = i;
    let mut hi = lo;
    // A full stop inside a short parenthesis ("(D-Ore.)") does not end the attribution.
    let mut open_paren: Option<usize> = None;
    while hi < toks.len()
        && hi - lo < 40
        && toks[hi].start < limit
        && (!is_terminator(text, &toks[hi]) || open_paren.is_some_and(|p| hi - p <= 6))
        && !is_quote_mark(text, &toks[hi])
    {
        match word(text, &toks[hi]) {
            "(" => open_paren = Some(hi),
            ")" => open_paren = None,
            _ => {}
        }
        hi += 1;
    }
    if lo >= hi {
        return None;
    }
    // The attribution runs to the end of its sentence, short quoted titles included
    // ("said on ABC's “Good Morning America.”").
    let mut end_byte = toks.get(hi).map_or(toks[hi - 1].end, |t| {
        if is_terminator(text, t) {
            t.end
        } else {
            toks[hi - 1].end
        }
    });
    if toks.get(hi).is_some_and(|t| is_quote_mark(text, t)) {
        let rest = &toks[hi..toks.len().min(hi + 12)];
        if let Some(k) = rest.iter().position(|t| is_terminator(text, t)) {
            let last = &rest[k];
            let mut e = last.end;
            if let Some(after) = rest
                .get(k + 1)
                .filter(|t| is_quote_mark(text, t) && t.start == last.end)
            {
                e = after.end;
            }
            end_byte = e;
        }
    }
    Some(PostSpan {
        lo,
        hi,
        dash,
        end_byte,
    })
}
