//! The subject of a reporting verb: the phrase before it across adverbs, auxiliaries and time
//! phrases, the name before a relative clause, the subject of a coordinated verb's or a
//! participle's clause, an apposition's name.

use super::phrases::is_time_phrase;
use super::words::*;
use super::*;

impl Doc<'_> {
    /// The subject of the reporting verb at `v`: the phrase just before it, or for a
    /// participle ("telling CBS") or a coordinated verb ("and later said") the subject of the
    /// clause.
    pub(super) fn subject_of(&self, toks: &[Token], v: usize, lo: usize) -> Option<Np> {
        let text = self.text;
        let verb = word(text, &toks[v]);
        let mut j = v;
        let mut timed = false;
        // An adverb between an auxiliary and its verb ("has nevertheless called"), in lower case.
        let adverb_after_auxiliary = |k: usize| {
            k > lo + 1
                && lexicon::SENTENCE_OPENERS.contains(word(text, &toks[k - 1]))
                && lexicon::AUXILIARIES.contains_lower(word(text, &toks[k - 2]))
        };
        let mut auxiliary = false;
        loop {
            while j > lo && toks[j - 1].is_word {
                if adverb_after_auxiliary(j) {
                    auxiliary = true;
                } else if !ADVERBS.contains_lower(word(text, &toks[j - 1])) {
                    break;
                }
                j -= 1;
            }
            // "Police have this morning charged": a time phrase is no subject.
            if j >= lo + 2 && is_time_phrase(text, &toks[j - 2], &toks[j - 1]) {
                j -= 2;
                timed = true;
            } else {
                break;
            }
        }
        // "Okafor tried to argue …", "Varga is expected to announce …": the subject is that
        // of the verb (or of "be" and the adjective) the infinitive depends on.
        if let Some(k) = catenative_before(text, toks, j, lo) {
            j = k;
            auxiliary = true;
        }
        // A passive ("after the winner was declared") has no speaker as its subject.
        if j > lo
            && lower_is(
                word(text, &toks[j - 1]),
                &["was", "were", "is", "are", "be", "been", "being"],
            )
        {
            return None;
        }
        // "Okafor has nevertheless called …", "The union would later argue …": auxiliaries
        // and modals, with adverbs between them, stand between the subject and its verb.
        while j > lo + 1
            && toks[j - 1].is_word
            && lower_is(
                word(text, &toks[j - 1]),
                &[
                    "has", "have", "had", "will", "would", "could", "can", "may", "might", "must",
                    "should", "did", "does", "do",
                ],
            )
        {
            j -= 1;
            auxiliary = true;
            while j > lo && toks[j - 1].is_word && {
                let w = word(text, &toks[j - 1]);
                ADVERBS.contains_lower(w) || lexicon::SENTENCE_OPENERS.contains(w)
            } {
                j -= 1;
            }
        }
        // "Mayor Ruth Ames, who said …": the relative pronoun speaks for the phrase before
        // its comma.
        if j > lo + 2 && word(text, &toks[j - 1]) == "who" && word(text, &toks[j - 2]) == "," {
            return self
                .np_before(toks, j - 2, lo)
                .filter(|np| !matches!(np.kind, NpKind::Pronoun(_)));
        }
        // "Greta Lind, who has been …, hopes": the subject is the phrase before the relative
        // clause that ends at the comma before the verb.
        if j > lo + 3 && word(text, &toks[j - 1]) == "," {
            let relative = (lo + 2..j - 1).rev().take(40).find(|&k| {
                lower_is(word(text, &toks[k]), &["who"]) && word(text, &toks[k - 1]) == ","
            });
            // The clause's first name or pronoun, so that appositions before the relative
            // clause are passed over ("Willie Minor, an actor in Dallas, who runs …").
            let subject = relative.and_then(|k| {
                let from = self.past_opening(toks, lo, k);
                self.clause_subject(toks, if from + 1 < k { from } else { lo }, k - 1)
            });
            if let Some(np) = subject {
                if matches!(np.kind, NpKind::Name | NpKind::Description) {
                    return Some(np);
                }
            }
        }
        let coordinated = j > lo && lower_is(word(text, &toks[j - 1]), &["and", "but"]);
        if coordinated {
            // The subject of the clause the conjunction continues: after the last comma.
            let from = (lo..j - 1)
                .rev()
                .find(|&k| word(text, &toks[k]) == ",")
                .map_or(lo, |k| k + 1);
            // Else the sentence's, past an opening phrase ("Speaking on CNBC, Mr. Ubben called
            // … and asserted …").
            return self
                .clause_subject(toks, from, v)
                .or_else(|| self.clause_subject(toks, self.past_opening(toks, lo, v), v));
        }
        if verb.ends_with("ing") || (j > lo && word(text, &toks[j - 1]) == ",") {
            return self
                .clause_subject(toks, self.past_opening(toks, lo, v), v)
                .map(|np| self.appositive_name(toks, np, v));
        }
        let np = self.np_before(toks, if timed || auxiliary { j } else { v }, lo)?;
        // "The officer who fired the shot says": the subject is the phrase before "who".
        if np.start >= lo + 3
            && word(text, &toks[np.start - 2]) == "who"
            && toks[np.start - 1].is_word
            && !is_cap(word(text, &toks[np.start - 1]))
        {
            if let Some(head) = self.np_before(toks, np.start - 2, lo) {
                return Some(head);
            }
        }
        Some(np)
    }

    /// Where the subject of a sentence starting at `lo` can start, before the verb at `v`:
    /// after an opening phrase and its comma ("Speaking in Harlem, Lund, without naming him,
    /// accused …", "Moreover, Jeffrey Sachs, director of …, noted …", "In a speech in
    /// Westchester County, Vance …"), else at `lo`. An opening is a sentence adverb or
    /// connective, or a preposition, a conjunction, a participle or an adverb in -ing / -ly
    /// that leads a phrase of two words or more (a lone "Manning," may be a name).
    fn past_opening(&self, toks: &[Token], lo: usize, v: usize) -> usize {
        let text = self.text;
        let Some(first) = toks.get(lo).filter(|t| t.is_word && lo < v) else {
            return lo;
        };
        let w = word(text, first);
        // "But Sen. Ute Varga, citing the count, said": a coordinating conjunction opens no
        // phrase of its own; what follows it may ("But when the vote was counted, she …").
        if is_cap(w) && lower_is(w, &["and", "but", "or", "yet"]) {
            return self.past_opening(toks, lo + 1, v);
        }
        let Some(comma) = (lo + 1..v).find(|&k| word(text, &toks[k]) == ",") else {
            return lo;
        };
        let ends = |suffix: &str| {
            w.len() >= suffix.len()
                && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
        };
        // "In a speech in Westchester County on Tuesday, Mr. Vance …", "When the vote was
        // counted, she …": a phrase or clause opened by a preposition or a conjunction.
        let framing = comma > lo + 1
            && (lexicon::CLAUSE_OPENERS.contains_ascii(w)
                || lexicon::CIRCUMSTANCE.contains_ascii(w)
                || is_preposition(w));
        let opener = lexicon::SENTENCE_OPENERS.contains_ascii(w)
            || framing
            || (comma > lo + 1 && (ends("ing") || ends("ly")));
        if !(opener && is_cap(w)) {
            return lo;
        }
        if !framing {
            return comma + 1;
        }
        // A framing phrase runs on over a place's state or country and over a further
        // prepositional phrase: "At a rally in Birmingham, Alabama, on Saturday, his
        // supporters …".
        let mut at = comma + 1;
        while let Some(next) = (at + 1..v.min(at + 5)).find(|&k| word(text, &toks[k]) == ",") {
            let piece: Vec<&str> = toks[at..next].iter().map(|t| word(text, t)).collect();
            let place = piece.iter().all(|p| is_cap(p)) && lexicon::is_place(&piece);
            let phrase = is_preposition(piece[0]) && !is_cap(piece[0]);
            if !(place || phrase) {
                break;
            }
            at = next + 1;
        }
        at
    }

    /// "A State Department spokesperson, Marcus Bell, told ...", "The President of Kestria,
    /// Andrei Volkan, said ...": the name in apposition to a description, between commas just
    /// before the verb at `v`, is the speaker.
    pub(super) fn appositive_name(&self, toks: &[Token], np: Np, v: usize) -> Np {
        let text = self.text;
        // "His campaign manager, Jeff Weaver, said", "Carter's press secretary, Peter Cook,
        // said": a possessive and its noun, then the name; the possessor did not speak.
        let comma = if np.kind == NpKind::Description {
            np.end
        } else if self.opens_possessed_noun(toks, np) {
            match (np.end..v.min(np.end + 6)).find(|&k| word(text, &toks[k]) == ",") {
                Some(k) if k > np.end && (np.end..k).all(|i| toks[i].is_word) => k,
                _ => return np,
            }
        } else {
            return np;
        };
        if comma + 2 >= v || toks.get(comma).is_none_or(|t| word(text, t) != ",") {
            return np;
        }
        self.np_after(toks, comma + 1, v)
            .filter(|a| {
                a.kind == NpKind::Name
                    && a.end + 1 == v
                    && toks.get(a.end).is_some_and(|t| word(text, t) == ",")
            })
            .unwrap_or(np)
    }

    /// Whether `np` is a possessive before a noun: "his" or "her" then a lower-case word, or a
    /// name with "'s" ("Carter's press secretary").
    pub(super) fn opens_possessed_noun(&self, toks: &[Token], np: Np) -> bool {
        let text = self.text;
        let last = word(text, &toks[np.end - 1]);
        let possessive = match np.kind {
            NpKind::Pronoun(_) => {
                np.end == np.start + 1
                    && lower_is(last, &["his", "her", "their", "its", "our", "my", "your"])
            }
            NpKind::Name => last.ends_with("'s") || last.ends_with("’s"),
            _ => false,
        };
        possessive
            && toks
                .get(np.end)
                .is_some_and(|t| t.is_word && !is_cap(word(text, t)))
    }

    /// The first pronoun or name in `[lo, hi)`, outside quotations: the likely subject.
    pub(super) fn clause_subject(&self, toks: &[Token], lo: usize, hi: usize) -> Option<Np> {
        let text = self.text;
        for k in lo..hi {
            let t = &toks[k];
            if !t.is_word || self.inside_quote(t.start) {
                continue;
            }
            let w = word(text, t);
            if is_dateline(w) {
                continue;
            }
            let bare = lexicon::without_clitic(w).unwrap_or(w);
            let subject_pronoun =
                crate::lower::with_lower(bare, |l| matches!(l, "he" | "she" | "they" | "we" | "i"));
            // "Ever since …": a capitalised function word opening the sentence is no name.
            if subject_pronoun
                || (is_cap(w) && is_name_word(w) && !lexicon::is_capitalised_stopword(w))
                || (k == lo && lexicon::DETERMINERS.contains_lower(w))
            {
                return self.np_after(toks, k, hi);
            }
        }
        None
    }
}

/// Where the words an infinitive at `j` ("to" is token `j - 1`) depends on start: "tried to",
/// "also wants to", "is expected to", "was not quick to". `None` when "to" follows no such verb
/// or adjective.
fn catenative_before(text: &str, toks: &[Token], j: usize, lo: usize) -> Option<usize> {
    if j < lo + 3 || word(text, &toks[j - 1]) != "to" || !toks[j - 2].is_word {
        return None;
    }
    let head = word(text, &toks[j - 2]);
    let skip_adverbs = |mut k: usize| {
        while k > lo && toks[k - 1].is_word && ADVERBS.contains_lower(word(text, &toks[k - 1])) {
            k -= 1;
        }
        k
    };
    if lexicon::CATENATIVE_VERBS.contains_lower(head) {
        return Some(skip_adverbs(j - 2));
    }
    if lexicon::BE_CATENATIVES.contains_lower(head) {
        let k = skip_adverbs(j - 2);
        if k > lo + 1 && lexicon::BE_FORMS.contains_lower(word(text, &toks[k - 1])) {
            return Some(skip_adverbs(k - 1));
        }
    }
    None
}
