//! Name mentions outside quotations, scanned once into the `Resolver` before any attribution.

use super::words::*;
use super::*;

impl Doc<'_> {
    /// Builds the resolver from the name mentions outside quotations.
    pub(super) fn scan_mentions(&mut self) {
        let text = self.text;
        let mut resolver = Resolver::default();
        // Headlines capitalise every word: "Clinton Goes On Offense" names nobody new, except
        // a known first name and the surname after it ("Jane Roe Slams Plan": "Jane Roe").
        for para in self.paras.iter().filter(|p| !p.boiler && p.headline) {
            headline_names(text, &para.tokens, &mut resolver);
        }
        for para in self.paras.iter().filter(|p| !p.boiler && !p.headline) {
            let toks = &para.tokens;
            let mut sentence_first = true;
            let mut sentence_idx = 0;
            let mut i = transcript_label(text, toks, &mut resolver);
            while i < toks.len() {
                let t = &toks[i];
                while sentence_idx < para.sentences.len()
                    && para.sentences[sentence_idx].end <= t.start
                {
                    sentence_idx += 1;
                    sentence_first = true;
                }
                // The cheap tests first: most words are not capitalised.
                if !t.is_word
                    || !is_cap(word(text, t))
                    || is_dateline(word(text, t))
                    || self.inside_quote(t.start)
                    || !is_name_word(word(text, t))
                {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < toks.len()
                    && toks[j].is_word
                    && is_name_word(word(text, &toks[j]))
                    && !self.inside_quote(toks[j].start)
                {
                    j += 1;
                }
                // Trailing connectors are not part of the name.
                while j > i + 1 && !is_cap(word(text, &toks[j - 1])) {
                    j -= 1;
                }
                // "Department of Justice", "Commission on Presidential Debates", "Committee
                // for a Responsible Budget": a body's name goes on after its head word.
                while let Some(e) = org_name_goes_on(text, toks, j) {
                    j = e;
                }
                // "John “Tig” Tiegen": a nickname in quotation marks between a first name and
                // the surname is no part of the name; the run goes on after it. The name starts
                // at the first name ("Marine John “Tig” Tiegen"): titles before it are roles.
                // A middle initial may stand between ("Robert C. “Bobby” Scott").
                let mut nickname = None;
                let first = if lexicon::is_first_name(word(text, &toks[j - 1])) {
                    Some(j - 1)
                } else {
                    (j >= i + 2
                        && is_initial(word(text, &toks[j - 1]))
                        && lexicon::is_first_name(word(text, &toks[j - 2])))
                    .then(|| j - 2)
                };
                // The initial's full stop may stand apart before the marks ("C." + "“").
                let dot_apart = first.is_some_and(|f| f + 2 == j)
                    && toks.get(j).is_some_and(|t| word(text, t) == ".");
                let open = if dot_apart { j + 1 } else { j };
                if let Some(first) = first {
                    if let Some(after) = self.nickname_after(toks, open) {
                        i = first;
                        let mut e = after + 1;
                        while e < toks.len()
                            && toks[e].is_word
                            && is_cap(word(text, &toks[e]))
                            && is_name_word(word(text, &toks[e]))
                        {
                            e += 1;
                        }
                        nickname = Some(j..after);
                        j = e;
                    }
                }
                // "Washington Post's Ishaan Tharoor": the affiliation before a possessive is
                // not part of the name that follows it.
                if let Some(p) = (i..j - 1).rev().find(|&p| {
                    let w = word(text, &toks[p]);
                    w.ends_with("'s") || w.ends_with("’s")
                }) {
                    if toks[p + 1..j].iter().all(|t| is_cap(word(text, t))) {
                        i = p + 1;
                    }
                }
                // The initial whose full stop stood apart, when a nickname followed it.
                let initial_at = first
                    .filter(|_| dot_apart && nickname.is_some())
                    .map(|f| f + 1);
                let words: Vec<&str> = (i..j)
                    .filter(|k| !nickname.as_ref().is_some_and(|n| n.contains(k)))
                    .map(|k| match initial_at {
                        // The initial with its full stop, which stood apart.
                        Some(a) if a == k => &text[toks[k].start..toks[k + 1].end],
                        _ => word(text, &toks[k]),
                    })
                    .collect();
                // Role words just before the run ("Russian President", "campaign manager").
                let mut k = i;
                let mut roles: Vec<&str> = Vec::new();
                while k > 0 && i - k < 3 {
                    let w = word(text, &toks[k - 1]);
                    if toks[k - 1].is_word
                        && (lexicon::is_title(w)
                            || lexicon::role_class(w).is_some()
                            || is_role_modifier(w))
                    {
                        roles.insert(0, w);
                        k -= 1;
                    } else {
                        break;
                    }
                }
                // "Senate Minority Leader Harry Reid", "FBI Director James Comey": a person
                // whose run opens with the body they belong to.
                let is_org = words
                    .iter()
                    .any(|w| lexicon::is_org_word(w.trim_end_matches("'s").trim_end_matches("’s")))
                    && person_start(&words).is_none();
                let at_sentence_start = para
                    .sentences
                    .get(sentence_idx)
                    .is_some_and(|s| s.start == toks[k].start);
                let (mut run_roles, names) = if is_org {
                    (Vec::new(), words.clone())
                } else {
                    split_roles(&words)
                };
                run_roles.splice(0..0, roles);
                let titled = !run_roles.is_empty();
                // Role before the name: "The President of Kestria, Andrei Volkan,".
                if k >= 2 && word(text, &toks[k - 1]) == "," {
                    let mut d = k - 1;
                    while d > 0 && k - 1 - d < 6 && toks[d - 1].is_word {
                        d -= 1;
                        if lower_is(word(text, &toks[d]), &["the"]) {
                            break;
                        }
                    }
                    let before: Vec<&str> = toks[d..k - 1].iter().map(|t| word(text, t)).collect();
                    if lower_is(before.first().copied().unwrap_or(""), &["the"])
                        && before.iter().any(|w| lexicon::role_class(w).is_some())
                    {
                        run_roles.extend(before);
                    }
                }
                let mut body_apposition = false;
                // Appositive role: "Vladimir Putin, the Russian president,", and any other
                // description set off the same way ("Ben Carson, a retired neurosurgeon,"):
                // its words are how "the retired neurosurgeon" names him later.
                if j + 2 < toks.len()
                    && word(text, &toks[j]) == ","
                    && lower_is(word(text, &toks[j + 1]), &["the", "a", "an"])
                {
                    let mut m = j + 2;
                    while m < toks.len() && m < j + 7 && toks[m].is_word {
                        m += 1;
                    }
                    // An honorific there is another person's ("Nick Merrill, a spokesman for
                    // Mrs. Clinton,"): it says nothing of this one's gender.
                    let app: Vec<&str> = toks[j + 2..m]
                        .iter()
                        .map(|t| word(text, t))
                        .filter(|w| {
                            !lower_is(w.trim_end_matches('.'), &["mr", "mrs", "ms", "miss"])
                        })
                        .collect();
                    // A closed phrase ending in a common noun, when no role word says so.
                    let closed = toks
                        .get(m)
                        .is_some_and(|t| matches!(word(text, t), "," | "." | ";"));
                    let noun_head = app.last().is_some_and(|w| {
                        !is_cap(w) && w.len() > 2 && verb_at(text, &toks[m - 1]).is_none()
                    });
                    let has_role = app.iter().any(|w| lexicon::role_class(w).is_some());
                    // "Xinhua, the official Chinese news agency,": a body, whatever its name.
                    body_apposition = closed
                        && noun_head
                        && !has_role
                        && app
                            .last()
                            .is_some_and(|w| lexicon::body_kind(&w.to_lowercase()).is_some());
                    if has_role || (closed && noun_head) {
                        run_roles.extend(app);
                    }
                }
                // A body's name keeps its small words for display ("Bank of America"); a run
                // never starts with "the" (a stopword), so there is none to drop.
                let mut names = if is_org { names } else { name_words(&names) };
                if !is_org {
                    resolver.drop_place(&mut names, toks[i].start);
                }
                let single_unknown = names.len() == 1
                    && !titled
                    && resolver.resolve_name(&names, toks[i].start).is_none();
                let followed_by_verb = toks.get(j).is_some_and(|t| verb_at(text, t).is_some());
                let unknown_opener = single_unknown && at_sentence_start && !followed_by_verb;
                if !names.is_empty() && !unknown_opener {
                    let start = toks[i].start;
                    let end = toks[j - 1].end;
                    // "a resident named Caroline", "Her father, Brad, 39,": a first name
                    // alone, introduced as a person's; the subject when its kin phrase opens
                    // the sentence ("Okafor's wife, Jane, spoke").
                    let introduced = introduced_first_name(text, toks, i, &names);
                    let sentence_start = para.sentences.get(sentence_idx).map_or(0, |s| s.start);
                    let syntax = Syntax {
                        subject: sentence_first
                            || (introduced && kin_opens_sentence(text, toks, i, sentence_start)),
                        oblique: k > 0 && is_oblique_before(text, &toks[k - 1]),
                    };
                    // "his wife Michelle", "Okafor's wife, Jane": the family's surname.
                    let surname = introduced
                        .then(|| kin_owner(text, toks, i))
                        .flatten()
                        .and_then(|o| {
                            resolver.kin_surname(
                                word(text, &toks[o]),
                                toks[o].start,
                                para.range.start,
                            )
                        });
                    let added = resolver.add_name(start, end, &names, &run_roles, syntax, titled);
                    if let Some(e) = added.filter(|_| body_apposition) {
                        resolver.mark_body(e);
                    }
                    if let (Some(e), Some(s)) = (added, surname.as_deref()) {
                        resolver.add_family_name(e, s);
                    }
                    if let Some(e) = added.filter(|_| introduced) {
                        resolver.mark_person(e, names[0]);
                    }
                    // The nickname is another first name the article may use ("Bobby Scott").
                    if let (Some(e), Some(n)) = (added, nickname.as_ref()) {
                        for t in &toks[n.clone()] {
                            if t.is_word {
                                resolver.add_first_name_alias(e, word(text, t));
                            }
                        }
                    }
                    sentence_first = false;
                }
                i = j;
            }
        }
        self.resolver = resolver;
    }
}

impl Doc<'_> {
    /// The index of the first token after a quoted nickname that opens at token `at` and is
    /// followed by a capitalised name word: one or two capitalised words in marks, nothing
    /// else (`“Tig”` in "John “Tig” Tiegen").
    fn nickname_after(&self, toks: &[Token], at: usize) -> Option<usize> {
        let open = toks.get(at)?;
        let q = self
            .quoted
            .get(self.quoted.partition_point(|r| r.start < open.start))
            .filter(|r| r.start == open.start)?;
        let mut k = at + 1;
        let mut words = 0;
        while k < toks.len() && toks[k].end <= q.end {
            let w = word(self.text, &toks[k]);
            if toks[k].is_word {
                if !is_cap(w) {
                    return None;
                }
                words += 1;
            } else if !w.chars().all(is_quote_char) {
                return None;
            }
            k += 1;
        }
        let next = toks.get(k)?;
        let w = word(self.text, next);
        ((1..=2).contains(&words)
            && next.is_word
            && is_cap(w)
            && is_name_word(w)
            // A first name after the marks only as the last word ("Robert “Bobby” Scott
            // said", where Scott is also a first name).
            && (!lexicon::is_first_name(w)
                || !toks
                    .get(k + 1)
                    .is_some_and(|t| t.is_word && is_cap(word(self.text, t))))
            && lexicon::role_class(w).is_none()
            && self
                .text
                .get(q.end..next.start)
                .is_some_and(|gap| !gap.contains('\n')))
        .then_some(k)
    }
}

/// Small words a body's name goes on with after its head word.
const BODY_NAME_LINKS: &[&str] = &["of", "for", "on"];

/// Where a name run ending before token `j` goes on as a body's name: the run ends with an
/// organisation word in the singular ("Department", "Commission"), then "of", "for" or "on",
/// perhaps "the" or "a", then a capitalised name word; the end of the capitalised words after
/// the link.
fn org_name_goes_on(text: &str, toks: &[Token], j: usize) -> Option<usize> {
    let last = toks.get(j.checked_sub(1)?)?;
    let head = word(text, last);
    if !heads_body_name(head) {
        return None;
    }
    let link = toks.get(j).filter(|t| t.is_word)?;
    if !BODY_NAME_LINKS.contains(&word(text, link)) {
        return None;
    }
    let mut k = j + 1;
    if toks
        .get(k)
        .is_some_and(|t| t.is_word && matches!(word(text, t), "the" | "a"))
    {
        k += 1;
    }
    let name_word = |t: &Token| t.is_word && is_cap(word(text, t)) && is_name_word(word(text, t));
    let start = k;
    while toks.get(k).is_some_and(name_word) {
        k += 1;
    }
    (k > start).then_some(k)
}

/// Whether the name at token `at`, a known first name alone, is introduced as a person's: after
/// "named" ("a resident named Caroline") or set after a noun for kin ("her father, Brad,",
/// "Okafor's wife Jane").
fn introduced_first_name(text: &str, toks: &[Token], at: usize, names: &[&str]) -> bool {
    let [name] = names else {
        return false;
    };
    lexicon::is_first_name(name)
        && (at
            .checked_sub(1)
            .is_some_and(|k| word(text, &toks[k]) == "named")
            || kin_before(text, toks, at).is_some())
}

/// The kin noun set right before the name at token `at`, with or without a comma between
/// ("wife Jane", "father, Brad").
fn kin_before(text: &str, toks: &[Token], at: usize) -> Option<usize> {
    let kin = |k: usize| lexicon::KIN.contains_lower(word(text, &toks[k]));
    let prev = at.checked_sub(1)?;
    if kin(prev) {
        return Some(prev);
    }
    let k = at.checked_sub(2)?;
    (word(text, &toks[prev]) == "," && kin(k)).then_some(k)
}

/// The possessive before the kin noun that introduces the first name at token `at` ("his" of
/// "his wife Michelle", "Okafor's" of "Okafor's wife, Jane"), when there is one.
fn kin_owner(text: &str, toks: &[Token], at: usize) -> Option<usize> {
    let owner = kin_before(text, toks, at)?.checked_sub(1)?;
    let w = word(text, &toks[owner]);
    (toks[owner].is_word && (lower_is(w, &["his", "her"]) || is_possessive(w))).then_some(owner)
}

/// Whether the kin phrase before the name at token `at` opens its sentence (which starts at
/// byte `sentence_start`): a possessive, then the kin noun and perhaps a comma ("Her father,
/// Brad,", "Okafor's wife, Jane,").
fn kin_opens_sentence(text: &str, toks: &[Token], at: usize, sentence_start: usize) -> bool {
    let first = toks[..at].partition_point(|t| t.start < sentence_start);
    let before: Vec<&str> = toks[first..at]
        .iter()
        .map(|t| word(text, t))
        .filter(|w| *w != ",")
        .collect();
    match before.as_slice() {
        [owner, kin] => {
            lexicon::KIN.contains_lower(kin)
                && (lower_is(owner, &["his", "her", "their"]) || is_possessive(owner))
        }
        _ => false,
    }
}

/// Whether the token before a name mention makes it an object or a subordinate clause's
/// subject: a lower-case word ("with", "that", "against", "asked") that is no reporting verb
/// ("said Smith") and no coordinating conjunction ("and Smith said").
fn is_oblique_before(text: &str, t: &Token) -> bool {
    if !t.is_word {
        return false;
    }
    let w = word(text, t);
    !is_cap(w) && verb_at(text, t).is_none() && !matches!(w, "and" | "but" | "or" | "then" | "so")
}

/// A transcript's turn opens with its speaker in capitals ("JOEL PRATT: This is …"): the name,
/// a known first name and one to three more words, is registered as it is read ("Joel
/// Pratt"), so that the later turns' "PRATT:" find it. The index of the first token after the
/// label (0 when the paragraph has none).
fn transcript_label(text: &str, toks: &[Token], resolver: &mut Resolver) -> usize {
    let Some(colon) = toks.iter().take(5).position(|t| word(text, t) == ":") else {
        return 0;
    };
    let label = &toks[..colon];
    let caps = |t: &Token| {
        let w = word(text, t);
        t.is_word && w.len() >= 2 && w.chars().all(char::is_alphabetic) && is_all_caps(w)
    };
    if !(2..=4).contains(&label.len()) || !label.iter().all(caps) {
        return 0;
    }
    let names: Vec<String> = label.iter().map(|t| capitalised(word(text, t))).collect();
    if !lexicon::is_first_name(&names[0]) {
        return 0;
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let syntax = Syntax {
        subject: true,
        oblique: false,
    };
    resolver.add_name(
        label[0].start,
        label[colon - 1].end,
        &names,
        &[],
        syntax,
        false,
    );
    colon + 1
}

/// The persons a headline names: a known first name and the capitalised word after it, the
/// only name runs a title-case line delimits ("Jane Roe Slams Plan" names "Jane Roe", not "Jane
/// Roe Slams Plan"). Pairs are read from the left, so a surname that is also a first name
/// stays the surname ("Julia Grant Slams …" names "Julia Grant", not "Grant Slams"). Registered as
/// mentions that are no sentence's subject.
fn headline_names(text: &str, toks: &[Token], resolver: &mut Resolver) {
    let mut i = 0;
    while i + 1 < toks.len() {
        let (a, b) = (&toks[i], &toks[i + 1]);
        let (first, last) = (word(text, a), word(text, b));
        if a.is_word
            && b.is_word
            && lexicon::is_first_name(first)
            && is_cap(last)
            && is_name_word(last)
            && lexicon::role_class(last).is_none()
            && !lexicon::is_org_word(last.trim_end_matches("'s").trim_end_matches("’s"))
        {
            resolver.add_name(
                a.start,
                b.end,
                &[first, last],
                &[],
                Syntax::default(),
                false,
            );
            i += 2;
        } else {
            i += 1;
        }
    }
}
