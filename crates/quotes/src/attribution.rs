//! The extraction pipeline for one document: quotation spans → attribution → kinds →
//! speakers. See the crate docs for what this is and is not for.

use std::ops::Range;
use std::rc::Rc;

use quotetrace_model::{Boilerplate, Quote, QuoteKind, Span, SpeakerType};
use quotetrace_text::{self as text, Quotation, Token};

use crate::lexicon::{self, Pronoun};
use crate::speakers::{is_name_word, split_roles, Resolver};

/// Everything extracted from one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub quotes: Vec<Quote>,
    pub boilerplate: Vec<Boilerplate>,
    pub warnings: Vec<String>,
}

struct Para {
    range: Range<usize>,
    tokens: Rc<[Token]>,
    sentences: Vec<Range<usize>>,
    boiler: bool,
    headline: bool,
}

/// What kind of phrase names the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NpKind {
    Pronoun(Pronoun),
    Name,
    Description,
}

/// A speaker phrase: token indices `[start, end)` inside a paragraph's tokens.
#[derive(Debug, Clone, Copy)]
struct Np {
    start: usize,
    end: usize,
    kind: NpKind,
}

/// The attribution of one quote, resolved.
#[derive(Debug, Clone)]
struct Attribution {
    mention: Option<Range<usize>>,
    cue: Option<Range<usize>>,
    speaker: Option<String>,
    speaker_type: Option<SpeakerType>,
    confidence: f32,
}

struct Doc<'a> {
    text: &'a str,
    paras: Vec<Para>,
    resolver: Resolver,
    /// Byte ranges (opening mark .. past closing mark) of every quotation.
    quoted: Vec<Range<usize>>,
}

const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "once",
    "again",
    "had",
    "has",
    "have",
    "would",
    "will",
    "did",
    "does",
    "do",
    "not",
    "never",
    "further",
    "recently",
    "previously",
    "reportedly",
    "repeatedly",
    "frequently",
    "often",
    "still",
    "even",
    "just",
    "first",
    "long",
    "since",
    "already",
    "simply",
    "flatly",
    "quickly",
    "publicly",
    "privately",
    "earlier",
    "finally",
    "has since",
    "could",
    "might",
    "may",
    "should",
    "must",
    "can",
    "didn't",
    "doesn't",
    "hasn't",
    "won't",
    "wouldn't",
    "always",
    "openly",
    "angrily",
    "bluntly",
    "curtly",
    "softly",
    "today",
    "yesterday",
];

const PEOPLE_PLURALS: &[&str] = &[
    "officials",
    "analysts",
    "critics",
    "experts",
    "sources",
    "aides",
    "advisers",
    "advisors",
    "observers",
    "residents",
    "voters",
    "supporters",
    "opponents",
    "lawmakers",
    "economists",
    "investigators",
    "prosecutors",
    "police",
    "scientists",
    "researchers",
    "officers",
    "people",
    "others",
    "democrats",
    "republicans",
    "leaders",
    "diplomats",
    "authorities",
    "protesters",
    "activists",
    "witnesses",
    "organizers",
    "organisers",
    "members",
    "candidates",
    "insiders",
    "strategists",
    "pollsters",
    "conservatives",
    "liberals",
    "progressives",
    "senators",
    "reporters",
    "spokesmen",
    "doctors",
    "lawyers",
    "attorneys",
    "officers",
    "workers",
    "executives",
    "managers",
    "parents",
    "students",
    "teachers",
    "americans",
    "russians",
    "republicans",
    "agencies",
];

/// Prepositions and words that end a speaker description after the verb ("said Trump in a
/// statement").
const NP_STOP: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "while",
    "when",
    "about",
    "to",
    "that",
    "who",
    "as",
    "with",
    "from",
    "last",
    "this",
    "on",
    "and",
    "but",
    "because",
    "if",
    "adding",
    "noting",
    "explaining",
    "referring",
    "speaking",
    "via",
    "through",
    "by",
    "earlier",
    "later",
    "yesterday",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    &text[t.start..t.end]
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn lower_is(w: &str, list: &[&str]) -> bool {
    let l = w.to_lowercase();
    list.contains(&l.as_str())
}

fn is_terminator(text: &str, t: &Token) -> bool {
    !t.is_word && matches!(word(text, t), "." | "!" | "?" | "…")
}

fn is_quote_mark(text: &str, t: &Token) -> bool {
    !t.is_word
        && matches!(
            word(text, t),
            "\"" | "“" | "”" | "„" | "«" | "»" | "‘" | "’" | "'"
        )
}

fn is_dash(w: &str) -> bool {
    matches!(w, "—" | "–" | "-" | "―")
}

fn verb_at(text: &str, t: &Token) -> Option<lexicon::VerbInfo> {
    if !t.is_word {
        return None;
    }
    let w = word(text, t);
    if is_cap(w) {
        return None;
    }
    lexicon::reporting_verb(w)
}

impl<'a> Doc<'a> {
    /// `text` is what extraction reads (Markdown syntax blanked), `ranges` its paragraphs,
    /// `boiler` which of them are boilerplate and `titles` which the markup says are headings.
    fn new(
        text: &'a str,
        ranges: Vec<Range<usize>>,
        boiler: &[bool],
        titles: &[bool],
    ) -> (Doc<'a>, Vec<Quotation>, Vec<String>) {
        let (quotations, warnings) = text::find_quotations(text, &ranges);
        let paras: Vec<Para> = ranges
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let s = &text[r.clone()];
                let unfinished = !s
                    .trim_end_matches(['"', '”', '’', '\''])
                    .ends_with(['.', '!', '?', ':', ',']);
                let headline = (i == 0 && ranges.len() > 1 && s.len() < 160 && unfinished)
                    || (s.len() < 160 && unfinished && title_case(s))
                    || titles.get(i).copied().unwrap_or(false);
                Para {
                    range: r.clone(),
                    tokens: text::tokens(text, r.clone()).into(),
                    sentences: text::sentences(text, r.clone()),
                    boiler: boiler.get(i).copied().unwrap_or(false),
                    headline,
                }
            })
            .collect();
        let quoted = quotations
            .iter()
            .map(|q| q.open..q.close_end.max(q.content.end))
            .collect();
        let mut doc = Doc {
            text,
            paras,
            resolver: Resolver::default(),
            quoted,
        };
        doc.scan_mentions();
        (doc, quotations, warnings)
    }

    fn inside_quote(&self, pos: usize) -> bool {
        let i = self.quoted.partition_point(|r| r.start <= pos);
        i > 0 && self.quoted[i - 1].end > pos
    }

    /// Whether any quotation overlaps `range` (quotations are sorted and disjoint).
    fn overlaps_quote(&self, range: Range<usize>) -> bool {
        let i = self.quoted.partition_point(|r| r.end <= range.start);
        self.quoted.get(i).is_some_and(|q| q.start < range.end)
    }

    /// Builds the resolver from the name mentions outside quotations.
    fn scan_mentions(&mut self) {
        let text = self.text;
        let mut resolver = Resolver::default();
        for para in self.paras.iter().filter(|p| !p.boiler) {
            let toks = &para.tokens;
            let mut sentence_first = true;
            let mut sentence_idx = 0;
            let mut i = 0;
            while i < toks.len() {
                let t = &toks[i];
                while sentence_idx < para.sentences.len()
                    && para.sentences[sentence_idx].end <= t.start
                {
                    sentence_idx += 1;
                    sentence_first = true;
                }
                if !t.is_word
                    || is_dateline(word(text, t))
                    || self.inside_quote(t.start)
                    || !is_name_word(word(text, t))
                    || !is_cap(word(text, t))
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
                let words: Vec<&str> = toks[i..j].iter().map(|t| word(text, t)).collect();
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
                // Appositive role: "Vladimir Putin, the Russian president,".
                if j + 2 < toks.len()
                    && word(text, &toks[j]) == ","
                    && lower_is(word(text, &toks[j + 1]), &["the", "a"])
                {
                    let mut m = j + 2;
                    while m < toks.len() && m < j + 7 && toks[m].is_word {
                        m += 1;
                    }
                    let app: Vec<&str> = toks[j + 2..m].iter().map(|t| word(text, t)).collect();
                    if app.iter().any(|w| lexicon::role_class(w).is_some()) {
                        run_roles.extend(app);
                    }
                }
                let names: Vec<&str> = names
                    .into_iter()
                    .filter(|w| !CONNECTOR_ONLY.contains(w))
                    .collect();
                let single_unknown = names.len() == 1
                    && !titled
                    && resolver.resolve_name(&names, toks[i].start).is_none();
                let followed_by_verb = toks.get(j).is_some_and(|t| verb_at(text, t).is_some());
                let unknown_opener = single_unknown && at_sentence_start && !followed_by_verb;
                if !names.is_empty() && !unknown_opener {
                    let start = toks[i].start;
                    let end = toks[j - 1].end;
                    resolver.add_name(start, end, &names, &run_roles, sentence_first, titled);
                    sentence_first = false;
                }
                i = j;
            }
        }
        self.resolver = resolver;
    }

    /// The speaker phrase that ends just before token `v` (the verb), looking no further back
    /// than token `lo`.
    fn np_before(&self, toks: &[Token], v: usize, lo: usize) -> Option<Np> {
        let text = self.text;
        let mut j = v;
        // A short parenthesis after the name: "Rep. Bobby Scott (D-Va.) said".
        if j > lo + 1 && word(text, &toks[j - 1]) == ")" {
            if let Some(open) = (lo.max(j.saturating_sub(8))..j - 1)
                .rev()
                .find(|&k| word(text, &toks[k]) == "(")
            {
                if open > lo && toks[open - 1].is_word && is_cap(word(text, &toks[open - 1])) {
                    j = open;
                }
            }
        }
        let mut skipped = 0;
        while j > lo && skipped < 3 {
            let w = word(text, &toks[j - 1]);
            if toks[j - 1].is_word
                && !is_cap(w)
                && (lower_is(w, ADVERBS) || (w.ends_with("ly") && w.len() > 4))
            {
                j -= 1;
                skipped += 1;
            } else {
                break;
            }
        }
        if j <= lo {
            return None;
        }
        let last = j - 1;
        let t = &toks[last];
        let w = word(text, t);
        if t.is_word {
            if let Some(p) = lexicon::pronoun(w) {
                if matches!(
                    w.to_lowercase().as_str(),
                    "him" | "his" | "her" | "them" | "their" | "its" | "me" | "us" | "my" | "our"
                ) {
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
                return Some(Np {
                    start: s,
                    end: last + 1,
                    kind: NpKind::Name,
                });
            }
            // A lower-case noun: a description that opens with a determiner, or a plural.
            if lower_is(w, CLAUSE_BREAKS) {
                return None;
            }
            let mut s = last;
            while s > lo && last - s < 8 {
                let p = &toks[s - 1];
                if !p.is_word {
                    break;
                }
                let pw = word(text, p);
                if (lexicon::reporting_verb(pw).is_some() && !is_cap(pw))
                    || lower_is(pw, CLAUSE_BREAKS)
                {
                    break;
                }
                s -= 1;
                // "Brooks's campaign said": a possessive name opens the description.
                if lower_is(pw, lexicon::DETERMINERS)
                    || (is_cap(pw) && (pw.ends_with("'s") || pw.ends_with("’s")))
                {
                    return Some(Np {
                        start: s,
                        end: last + 1,
                        kind: NpKind::Description,
                    });
                }
            }
            if lower_is(w, PEOPLE_PLURALS) {
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

    /// The subject of the reporting verb at `v`: the phrase just before it, or for a
    /// participle ("telling CBS") or a coordinated verb ("and later said") the subject of the
    /// clause.
    fn subject_of(&self, toks: &[Token], v: usize, lo: usize) -> Option<Np> {
        let text = self.text;
        let verb = word(text, &toks[v]);
        let mut j = v;
        while j > lo && toks[j - 1].is_word && lower_is(word(text, &toks[j - 1]), ADVERBS) {
            j -= 1;
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
        let coordinated = j > lo && lower_is(word(text, &toks[j - 1]), &["and", "but"]);
        if coordinated {
            // The subject of the clause the conjunction continues: after the last comma.
            let from = (lo..j - 1)
                .rev()
                .find(|&k| word(text, &toks[k]) == ",")
                .map_or(lo, |k| k + 1);
            return self
                .clause_subject(toks, from, v)
                .or_else(|| self.clause_subject(toks, lo, v));
        }
        if verb.ends_with("ing") || (j > lo && word(text, &toks[j - 1]) == ",") {
            return self
                .clause_subject(toks, lo, v)
                .map(|np| self.appositive_name(toks, np, v));
        }
        self.np_before(toks, v, lo)
    }

    /// "A State Department spokesperson, Marcus Bell, told ...", "The President of Kestria,
    /// Andrei Volkan, said ...": the name in apposition to a description, between commas just
    /// before the verb at `v`, is the speaker.
    fn appositive_name(&self, toks: &[Token], np: Np, v: usize) -> Np {
        if np.kind != NpKind::Description
            || np.end + 2 >= v
            || toks.get(np.end).is_none_or(|t| word(self.text, t) != ",")
        {
            return np;
        }
        self.np_after(toks, np.end + 1, v)
            .filter(|a| {
                a.kind == NpKind::Name
                    && a.end + 1 == v
                    && toks.get(a.end).is_some_and(|t| word(self.text, t) == ",")
            })
            .unwrap_or(np)
    }

    /// The first pronoun or name in `[lo, hi)`, outside quotations: the likely subject.
    fn clause_subject(&self, toks: &[Token], lo: usize, hi: usize) -> Option<Np> {
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
            let subject_pronoun = matches!(
                w.to_lowercase().as_str(),
                "he" | "she" | "they" | "we" | "i"
            );
            if subject_pronoun
                || (is_cap(w) && is_name_word(w))
                || (k == lo && lower_is(w, lexicon::DETERMINERS))
            {
                return self.np_after(toks, k, hi);
            }
        }
        None
    }

    /// The speaker phrase that starts at token `i` ("said Sen. John McCain", "said the
    /// President of the Russian Federation").
    fn np_after(&self, toks: &[Token], i: usize, hi: usize) -> Option<Np> {
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
        let determiner = lower_is(w, lexicon::DETERMINERS);
        if !determiner && !is_cap(w) && !lower_is(w, PEOPLE_PLURALS) {
            // Lower-case role words before a name: "former Rep. George Miller".
            let cap = (i + 1..(i + 4).min(hi))
                .find(|&k| toks[k].is_word && is_cap(word(text, &toks[k])))?;
            if toks[i..cap]
                .iter()
                .all(|t| t.is_word && !NP_STOP.contains(&word(text, t).to_lowercase().as_str()))
            {
                return self.np_after(toks, cap, hi);
            }
            return None;
        }
        let mut e = i + 1;
        while e < hi && toks[e].is_word {
            let n = word(text, &toks[e]);
            let nl = n.to_lowercase();
            if NP_STOP.contains(&nl.as_str()) || lexicon::reporting_verb(n).is_some() && !is_cap(n)
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
            if !determiner && !is_name_word(n) && !lexicon::is_title(n) && !joins_name {
                break;
            }
            e += 1;
            if e - i > 12 {
                break;
            }
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
                if is_cap(n)
                    || NP_STOP.contains(&n.to_lowercase().as_str())
                    || lexicon::reporting_verb(n).is_some()
                {
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

    /// Resolves a speaker phrase at a position to a canonical speaker.
    fn resolve(
        &mut self,
        toks: &[Token],
        np: Np,
        para_idx: usize,
    ) -> (Option<String>, Option<usize>, NpKind, bool) {
        let text = self.text;
        let pos = toks[np.start].start;
        let mut words: Vec<&str> = toks[np.start..np.end]
            .iter()
            .filter(|t| t.is_word)
            .map(|t| word(text, t))
            .collect();
        // "the Courier's Linda Farrow", "Breitbart's Joel Pollak": the affiliation before a
        // possessive is not the speaker; the name after it is.
        let mut np = np;
        // Whether the words name a body: a head noun such as "group" or "company" dropped.
        let mut body = false;
        // "the civil liberties group Open Line", "the carmaker Ostwerk": a common noun, then
        // the body's or person's name.
        if np.kind == NpKind::Description {
            if let Some(p) = words.iter().rposition(|w| !is_cap(w)) {
                let rest = &words[p + 1..];
                if !rest.is_empty()
                    && !matches!(words[p], "of" | "the" | "for" | "and" | "in" | "at")
                    && lexicon::role_class(words[p]).is_none()
                    && rest.iter().all(|w| {
                        is_name_word(w) && !lexicon::is_title(w) && lexicon::role_class(w).is_none()
                    })
                {
                    body = lexicon::is_org_word(words[p]);
                    words.drain(..=p);
                    np.kind = NpKind::Name;
                }
            }
        }
        if !matches!(np.kind, NpKind::Pronoun(_)) {
            if let Some(p) = words
                .iter()
                .rposition(|w| w.ends_with("'s") || w.ends_with("’s"))
            {
                let rest = &words[p + 1..];
                if !rest.is_empty() && rest.iter().all(|w| is_cap(w) && is_name_word(w)) {
                    words.drain(..=p);
                    np.kind = NpKind::Name;
                }
            }
        }
        let window_start = self.paras[para_idx.saturating_sub(3)].range.start;
        let entity = match np.kind {
            NpKind::Pronoun(p) => {
                let e = self.resolver.resolve_pronoun(
                    pos,
                    p,
                    window_start,
                    self.sentence_of(para_idx, pos).start,
                );
                if let Some(e) = e {
                    self.resolver.note_gender(e, p);
                }
                e
            }
            NpKind::Name => {
                let (_, names) = split_roles(name_part(&words));
                let names: Vec<&str> = names
                    .into_iter()
                    .filter(|w| is_cap(w) && !CONNECTOR_ONLY.contains(w))
                    .collect();
                if names.is_empty() {
                    self.resolver
                        .resolve_description(&words, toks[np.end - 1].end)
                } else {
                    self.resolver
                        .resolve_name(&names, pos)
                        .or_else(|| self.resolver.resolve_name(&names[names.len() - 1..], pos))
                }
            }
            NpKind::Description => self
                .resolver
                .resolve_description(&words, toks[np.end - 1].end),
        };
        if let Some(e) = entity {
            self.resolver.note_speaker(pos, e);
            return (
                Some(self.resolver.entities[e].canonical.clone()),
                Some(e),
                np.kind,
                body,
            );
        }
        let speaker = match np.kind {
            NpKind::Pronoun(_) => None,
            NpKind::Name => {
                let (_, names) = split_roles(name_part(&words));
                let names: Vec<&str> = names
                    .into_iter()
                    .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
                    .collect();
                if names.is_empty() {
                    Some(words.join(" "))
                } else {
                    Some(names.join(" "))
                }
            }
            // "Ryan's campaign": the body a name owns, named as the guidelines name it.
            NpKind::Description
                if words.len() == 2
                    && is_cap(words[0])
                    && lexicon::is_org_word(words[1])
                    && (words[0].ends_with("'s") || words[0].ends_with("’s")) =>
            {
                body = true;
                Some(format!(
                    "{} {}",
                    words[0].trim_end_matches("'s").trim_end_matches("’s"),
                    words[1]
                ))
            }
            NpKind::Description => Some(words.join(" ")),
        };
        (speaker, None, np.kind, body)
    }

    fn attribution(
        &mut self,
        toks: &[Token],
        np: Np,
        cue: Option<Range<usize>>,
        para_idx: usize,
        confidence: f32,
    ) -> Attribution {
        let (speaker, entity, kind, body) = self.resolve(toks, np, para_idx);
        let resolved = entity.is_some();
        let speaker_type = speaker.as_ref().map(|name| match entity {
            Some(e) if self.resolver.entities[e].is_org => SpeakerType::Organization,
            Some(_) if body || is_acronym(name) => SpeakerType::Organization,
            Some(_) => SpeakerType::Person,
            None if body => SpeakerType::Organization,
            None => match kind {
                NpKind::Name
                    if body
                        || is_acronym(name)
                        || name.split_whitespace().any(lexicon::is_org_word) =>
                {
                    SpeakerType::Organization
                }
                NpKind::Name | NpKind::Pronoun(_) => SpeakerType::Person,
                NpKind::Description => SpeakerType::Description,
            },
        });
        let mention = toks[np.start].start..toks[np.end - 1].end;
        let confidence = match (np.kind, &speaker) {
            (_, None) => confidence * 0.7,
            (NpKind::Pronoun(_), _) => confidence * 0.95,
            (NpKind::Description, _) if !resolved => confidence * 0.9,
            _ => confidence,
        };
        Attribution {
            mention: Some(mention),
            cue,
            speaker,
            speaker_type,
            confidence,
        }
    }

    /// Whether a quotation has an attribution of its own after it (without recording it).
    fn post_attribution_peek(&mut self, para_idx: usize, from: usize, limit: usize) -> bool {
        let speakers = self.resolver.speakers.len();
        let found = self.post_attribution(para_idx, from, limit).is_some();
        self.resolver.speakers.truncate(speakers);
        found
    }

    /// Attribution after a quotation: `, X said.` / `said X.` / `— X said` / `— X`.
    fn post_attribution(
        &mut self,
        para_idx: usize,
        from: usize,
        limit: usize,
    ) -> Option<(Attribution, usize)> {
        let text = self.text;
        let toks = self.paras[para_idx].tokens.clone(); // cheap: a shared slice
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
        // "said X"
        if verb_at(text, &toks[lo]).is_some() {
            if let Some(np) = self.np_after(&toks, lo + 1, hi) {
                let cue = toks[lo].start..toks[lo].end;
                return Some((
                    self.attribution(&toks, np, Some(cue), para_idx, 0.9),
                    end_byte,
                ));
            }
        }
        // "X said"
        // "Fred Kagan, director of the Critical Threats Project, said"
        // "an intelligence source, who was not authorized to speak, told Fox News"
        if toks[lo].is_word
            && (is_cap(word(text, &toks[lo]))
                || lower_is(word(text, &toks[lo]), lexicon::DETERMINERS))
        {
            if let Some(name) = self.np_after(&toks, lo, hi) {
                if toks.get(name.end).is_some_and(|t| word(text, t) == ",") {
                    let v = (name.end + 1..hi).find(|&k| {
                        word(text, &toks[k - 1]) == "," && verb_at(text, &toks[k]).is_some()
                    });
                    if let Some(v) = v {
                        // "A top strategist, John Weaver, said": the name in apposition to a
                        // description is the speaker.
                        let name = self.appositive_name(&toks, name, v);
                        let cue = toks[v].start..toks[v].end;
                        return Some((
                            self.attribution(&toks, name, Some(cue), para_idx, 0.88),
                            end_byte,
                        ));
                    }
                }
            }
        }
        for v in lo + 1..hi.min(lo + 12) {
            if verb_at(text, &toks[v]).is_some() || is_went_on(text, &toks, v) {
                if let Some(np) = self.subject_of(&toks, v, lo) {
                    // Role words may stand before the name: "campaign manager Robby Mook said".
                    let lead_ok = np.start == lo
                        || (np.start - lo <= 5
                            && toks[lo..np.start].iter().all(|t| {
                                let w = word(text, t);
                                t.is_word
                                    && !lower_is(w, CLAUSE_BREAKS)
                                    && !lower_is(w, NP_STOP)
                                    && lexicon::pronoun(w).is_none()
                            }));
                    if lead_ok {
                        let cue = toks[v].start..toks[v].end;
                        return Some((
                            self.attribution(&toks, np, Some(cue), para_idx, 0.92),
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
                    return Some((self.attribution(&toks, np, None, para_idx, 0.8), end_byte));
                }
            }
        }
        None
    }

    /// Attribution before a quotation that introduces it: `X said: "…"`, `X said, "…"`,
    /// `According to X, "…"`, `In his opinion, "…"`. Returns the attribution and whether it
    /// is an introduction (ends with a colon or comma) rather than an embedding.
    fn pre_attribution(
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
                        self.attribution(&toks, np, Some(cue), para_idx, 0.85),
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
                    self.attribution(&toks, np, Some(cue), para_idx, 0.8),
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
            let has_verb = (clause..hi).any(|k| verb_at(text, &toks[k]).is_some());
            if has_verb {
                verbs_from = clause;
            } else if last == ":" && clause > lo {
                let np = self.clause_subject(&toks, clause, hi)?;
                return Some((
                    self.attribution(&toks, np, None, para_idx, 0.75),
                    true,
                    open,
                ));
            }
        }
        // The first verb of speaking with a subject ("Trump said he wants …"), else the last
        // reporting verb before the mark.
        let first_speech = (verbs_from..hi).find(|&k| {
            verb_at(text, &toks[k]).is_some_and(|v| v.speech)
                && self.subject_of(&toks, k, lo).is_some()
        });
        let v = match first_speech {
            Some(v) => v,
            None => (verbs_from..hi)
                .rev()
                .find(|&k| verb_at(text, &toks[k]).is_some())?,
        };
        let np = self.subject_of(&toks, v, lo)?;
        let cue = toks[v].start..toks[v].end;
        // Where reported content starts: after the verb, its listener and "that".
        let mut c = v + 1;
        let info = verb_at(text, &toks[v]).unwrap_or(lexicon::VerbInfo {
            speech: true,
            takes_listener: false,
            manner: false,
        });
        if info.takes_listener {
            if let Some(obj) = self.np_after(&toks, c, hi) {
                c = obj.end;
            }
        }
        let content_start = toks.get(c).map_or(open, |t| t.start.min(open));
        let conf = if info.speech { 0.9 } else { 0.7 };
        Some((
            self.attribution(&toks, np, Some(cue), para_idx, conf),
            intro,
            content_start,
        ))
    }

    /// The speaker of an introduction that ends with a colon: the subject of its reporting
    /// verb, or else the subject of the clause.
    fn intro_attribution(
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
        Some(self.attribution(&toks, np, None, para_idx, 0.75))
    }

    fn sentence_of(&self, para_idx: usize, pos: usize) -> Range<usize> {
        let p = &self.paras[para_idx];
        let i = p.sentences.partition_point(|s| s.end <= pos);
        p.sentences
            .get(i)
            .filter(|s| s.start <= pos)
            .cloned()
            .unwrap_or(p.range.clone())
    }

    /// End of the sentence that contains `pos`, without its final punctuation.
    fn clause_end(&self, para_idx: usize, pos: usize) -> usize {
        let s = self.sentence_of(para_idx, pos);
        let t = &self.text[s.start..s.end];
        let end = s.start + t.trim_end_matches(['.', '!', '?', '…', ' ']).len();
        // A run-on "sentence" (no punctuation for pages) must not make every quote in it as
        // long as the page.
        floor_boundary(self.text, end.min(pos.max(s.start) + MAX_CLAUSE))
    }
}

/// Words that end a noun phrase when walking back from a verb.
const CLAUSE_BREAKS: &[&str] = &[
    "and", "but", "or", "that", "which", "who", "whom", "when", "while", "after", "before",
    "because", "if", "as", "than", "where", "then", "so", "since", "until", "although", "though",
    "whether", "later", "ago", "is", "was", "are", "were", "be", "been", "being",
];

/// A name written in capitals ("GTV", "NATO"): a body, not a person.
fn is_acronym(name: &str) -> bool {
    name.len() >= 2
        && !name.contains(' ')
        && name
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
}

/// The words of a name phrase that name the speaker: a person before "of" ("Sen. Jeff Merkley
/// of Oregon", not Oregon) unless the phrase is an organisation's name ("Bank of America") or
/// a role with no name before "of" ("President of Kestria").
fn name_part<'w>(words: &'w [&'w str]) -> &'w [&'w str] {
    match words.iter().position(|w| *w == "of") {
        Some(k)
            if k > 0
                && !words.iter().any(|w| lexicon::is_org_word(w))
                && words[..k].iter().any(|w| {
                    is_cap(w) && !lexicon::is_title(w) && lexicon::role_class(w).is_none()
                }) =>
        {
            &words[..k]
        }
        _ => words,
    }
}

/// "she went on" / "he goes on": a cue made of two words.
fn is_went_on(text: &str, toks: &[Token], v: usize) -> bool {
    toks.get(v + 1).is_some_and(|n| word(text, n) == "on")
        && matches!(word(text, &toks[v]), "went" | "goes" | "go")
}

const CONNECTOR_ONLY: &[&str] = &[
    "of", "the", "de", "van", "von", "al", "bin", "la", "le", "da", "di", "du",
];

fn is_role_modifier(w: &str) -> bool {
    let l = w.to_lowercase();
    matches!(
        l.as_str(),
        "former"
            | "russian"
            | "american"
            | "republican"
            | "democratic"
            | "u.s."
            | "state"
            | "foreign"
            | "finance"
            | "campaign"
            | "deputy"
            | "vice"
            | "acting"
            | "senior"
            | "chief"
    ) || (is_cap(w) && (l.ends_with("ian") || l.ends_with("ese") || l.ends_with("ish")))
}

fn is_state_abbrev(toks: &[Token], text: &str) -> bool {
    // "R-Ariz." / "D-N.Y." party-state tags
    toks.len() <= 3
        && toks.first().is_some_and(|t| {
            let w = word(text, t);
            w.len() >= 3 && matches!(&w[..2], "R-" | "D-" | "I-")
        })
}

/// Where a person's name starts inside a capitalised run that opens with other words: a known
/// first name followed by one to three capitalised name words, none of them an organisation
/// word ("Rules Committee Chairman Bruce Ash" -> 3).
fn person_start(words: &[&str]) -> Option<usize> {
    (1..words.len().saturating_sub(1)).find(|&i| {
        let rest = &words[i + 1..];
        lexicon::is_first_name(words[i])
            && rest.len() <= 3
            && rest.iter().all(|w| is_cap(w) && !lexicon::is_org_word(w))
    })
}

/// Whether most words of a line are capitalised, as in a headline.
fn title_case(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    words.len() >= 3 && words.iter().filter(|w| is_cap(w)).count() * 10 >= words.len() * 6
}

/// A short quotation whose words are all capitalised is a title ("Fox News Sunday"), not
/// speech.
fn is_title_quote(content: &str) -> bool {
    let words: Vec<&str> = content.split_whitespace().collect();
    words.len() <= 6
        && words.iter().all(|w| {
            let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || lower_is(w, &["of", "the", "and", "a", "in", "on", "for", "to"])
        })
}

/// An upper-case place name opening a news paragraph ("LORVIK, Sept 16 —").
fn is_dateline(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !w.chars().any(char::is_lowercase)
}

/// The longest stretch of reported speech reported as one quote, in bytes.
const MAX_CLAUSE: usize = 1500;

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A quote on its way out, before conversion to the model type.
struct Found {
    span: Range<usize>,
    kind: QuoteKind,
    attr: Option<Attribution>,
    verbatim: Vec<Range<usize>>,
    /// End of the attribution that follows the quote, when there is one (for merging).
    post_end: Option<usize>,
    para: usize,
}

/// Extracts the quotations of one document from `text` (Markdown syntax already blanked, see
/// `crate::input`), given its paragraphs, which of them are boilerplate or headings, and the
/// boilerplate list to report.
pub(crate) fn extract_prepared(
    text: &str,
    ranges: Vec<Range<usize>>,
    boiler: &[bool],
    titles: &[bool],
    boilerplate: Vec<Boilerplate>,
) -> Extraction {
    let (mut doc, quotations, warnings) = Doc::new(text, ranges, boiler, titles);
    let mut found: Vec<Found> = Vec::new();
    let mut qi = 0;
    for pi in 0..doc.paras.len() {
        let par_range = doc.paras[pi].range.clone();
        let in_para: Vec<Quotation> = {
            let mut v = Vec::new();
            while qi < quotations.len() && quotations[qi].open < par_range.end {
                if quotations[qi].open >= par_range.start {
                    v.push(quotations[qi].clone());
                }
                qi += 1;
            }
            v
        };
        if doc.paras[pi].boiler {
            continue;
        }
        let mut prev_close = par_range.start;
        for (n, q) in in_para.iter().enumerate() {
            let this_prev_close = prev_close;
            prev_close = q.close_end;
            if doc.paras[pi].headline {
                continue;
            }
            let content = &text[q.content.clone()];
            let words = word_count(content);
            if words == 0 {
                continue;
            }
            // The paragraph where the quotation ends (it may run over several).
            let end_pi = (pi..doc.paras.len())
                .find(|&k| doc.paras[k].range.end >= q.content.end)
                .unwrap_or(pi);
            let next_open = in_para
                .get(n + 1)
                .map_or(doc.paras[end_pi].range.end, |x| x.open);
            let next_open = if end_pi == pi {
                next_open
            } else {
                doc.paras[end_pi].range.end
            };
            // "A," she said, "B." — B continues A when only A's attribution stands between.
            if let Some(last) = found.last_mut() {
                let follows_attr = last.para == pi
                    && last.kind == QuoteKind::Direct
                    && last.post_end.is_some_and(|e| {
                        e <= q.open
                            && text[e..q.open].chars().all(|c| {
                                c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '—' | '–')
                            })
                    });
                if follows_attr && !doc.post_attribution_peek(end_pi, q.close_end, next_open) {
                    last.span.end = q.content.end;
                    last.verbatim.extend(q.pieces.iter().cloned());
                    last.post_end = None;
                    continue;
                }
            }
            let sent = doc.sentence_of(pi, q.open);
            let pre_from = floor_boundary(
                text,
                sent.start
                    .max(this_prev_close)
                    .max(q.open.saturating_sub(MAX_CLAUSE)),
            );
            let pre = doc.pre_attribution(pi, pre_from, q.open);
            let pre_words = word_count(&text[pre_from..q.open]);
            let colon_intro = text[pre_from..q.open].trim_end().ends_with(':');
            let pre_intro = matches!(pre, Some((_, true, _)));
            if let (Some((attr, true, _)), true) = (&pre, colon_intro) {
                found.push(Found {
                    span: q.content.clone(),
                    kind: QuoteKind::Direct,
                    attr: Some(attr.clone()),
                    verbatim: q.pieces.clone(),
                    post_end: None,
                    para: pi,
                });
                continue;
            }
            let post = if pre_intro && text[pre_from..q.open].trim_end().ends_with(',') {
                None
            } else {
                doc.post_attribution(end_pi, q.close_end, next_open)
            };
            let post = match (post, &pre) {
                (None, Some((attr, true, _))) => {
                    found.push(Found {
                        span: q.content.clone(),
                        kind: QuoteKind::Direct,
                        attr: Some(attr.clone()),
                        verbatim: q.pieces.clone(),
                        post_end: None,
                        para: pi,
                    });
                    continue;
                }
                (post, _) => post,
            };
            // "Trump issued the following statement: “…”" (no reporting verb), or an
            // introduction ending the previous paragraph ("Jared Potts echoed:").
            if post.is_none() && pre.is_none() {
                let intro = if colon_intro {
                    Some((pi, pre_from, q.open))
                } else if pre_words == 0
                    && pi > 0
                    && !doc.paras[pi - 1].boiler
                    && text[doc.paras[pi - 1].range.clone()].ends_with(':')
                    && q.open == par_range.start
                {
                    let prev = doc.paras[pi - 1].range.clone();
                    let sent = doc.sentence_of(pi - 1, prev.end - 1);
                    Some((pi - 1, sent.start, prev.end))
                } else {
                    None
                };
                if let Some((ip, from, to)) = intro {
                    if let Some(attr) = doc.intro_attribution(ip, from, to) {
                        found.push(Found {
                            span: q.content.clone(),
                            kind: QuoteKind::Direct,
                            attr: Some(attr),
                            verbatim: q.pieces.clone(),
                            post_end: None,
                            para: pi,
                        });
                        continue;
                    }
                }
            }
            if let Some((attr, post_end)) = post {
                let (span, kind) = if pre_words >= 2 && words < 12 {
                    (pre_from..q.content.end, QuoteKind::Partial)
                } else {
                    (q.content.clone(), QuoteKind::Direct)
                };
                found.push(Found {
                    span,
                    kind,
                    attr: Some(attr),
                    verbatim: q.pieces.clone(),
                    post_end: Some(post_end),
                    para: pi,
                });
                continue;
            }
            if let (Some((attr, false, content_start)), false) = (pre, is_title_quote(content)) {
                let end = doc.clause_end(end_pi, q.close_end.saturating_sub(1).max(q.content.end));
                let end = end.max(q.content.end);
                let kind = if words >= 3 {
                    QuoteKind::Partial
                } else {
                    QuoteKind::Indirect
                };
                found.push(Found {
                    span: content_start..end,
                    kind,
                    attr: Some(attr),
                    verbatim: q.pieces.clone(),
                    post_end: None,
                    para: pi,
                });
                continue;
            }
            if words < 3 {
                continue;
            }
            // No cue of its own: it continues the previous speaker, or is introduced by the
            // end of the previous paragraph ("X said:"), or stands unattributed.
            let starts_sentence = pre_words == 0;
            if let Some(last) = found.last_mut() {
                let same_para_after_attr = last.para == pi
                    && last.post_end.is_some_and(|e| {
                        e <= q.open
                            && text[e..q.open]
                                .chars()
                                .all(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'))
                    });
                if same_para_after_attr && last.kind == QuoteKind::Direct {
                    last.span.end = q.content.end;
                    last.verbatim.extend(q.pieces.iter().cloned());
                    last.post_end = None;
                    continue;
                }
                let close_enough =
                    last.para + 1 >= pi && last.attr.as_ref().is_some_and(|a| a.speaker.is_some());
                if starts_sentence && close_enough {
                    let mut attr = last.attr.clone().unwrap_or(Attribution {
                        mention: None,
                        cue: None,
                        speaker: None,
                        speaker_type: None,
                        confidence: 0.5,
                    });
                    attr.cue = None;
                    attr.confidence = (attr.confidence * 0.7).min(0.65);
                    found.push(Found {
                        span: q.content.clone(),
                        kind: QuoteKind::Direct,
                        attr: Some(attr),
                        verbatim: q.pieces.clone(),
                        post_end: None,
                        para: pi,
                    });
                    continue;
                }
            }
            if words >= 4 && starts_sentence && !is_title_quote(content) {
                found.push(Found {
                    span: q.content.clone(),
                    kind: QuoteKind::Direct,
                    attr: None,
                    verbatim: q.pieces.clone(),
                    post_end: None,
                    para: pi,
                });
            }
        }
        indirect_speech(&mut doc, pi, &mut found);
        pull_quote(&mut doc, pi, &mut found);
    }
    found.sort_by_key(|f| f.span.start);
    let quotes = found
        .into_iter()
        .filter_map(|f| to_quote(text, f))
        .collect();
    Extraction {
        quotes,
        boilerplate,
        warnings,
    }
}

/// Reported speech without quotation marks, one per sentence at most.
fn indirect_speech(doc: &mut Doc, pi: usize, found: &mut Vec<Found>) {
    let text = doc.text;
    if doc.paras[pi].boiler || doc.paras[pi].headline {
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
        let mut hit: Option<Found> = None;
        // According to X, CLAUSE.
        if word(text, &toks[lo]).eq_ignore_ascii_case("according")
            && lo + 1 < hi
            && word(text, &toks[lo + 1]) == "to"
        {
            if let Some(comma) = (lo + 2..hi).find(|&k| word(text, &toks[k]) == ",") {
                if let Some(np) = doc.np_after(toks, lo + 2, comma) {
                    let start = toks.get(comma + 1).map_or(s.end, |t| t.start);
                    let end = doc.clause_end(pi, s.start);
                    if end > start && word_count(&text[start..end]) >= 3 {
                        let attr = doc.attribution(
                            toks,
                            np,
                            Some(toks[lo].start..toks[lo + 1].end),
                            pi,
                            0.6,
                        );
                        hit = Some(Found {
                            span: start..end,
                            kind: QuoteKind::Indirect,
                            attr: Some(attr),
                            verbatim: vec![],
                            post_end: None,
                            para: pi,
                        });
                    }
                }
            }
        }
        // CLAUSE, X said.  (Not "Addressing residents, she said:" which introduces a quote.)
        if hit.is_none() && !text[s.clone()].ends_with(':') {
            if let Some(comma) = (lo + 3..hi).rev().find(|&k| word(text, &toks[k]) == ",") {
                let tail = &toks[comma + 1..hi];
                let tail_words = tail.iter().filter(|t| t.is_word).count();
                if (2..=9).contains(&tail_words) {
                    let v = (comma + 1..hi)
                        .find(|&k| verb_at(text, &toks[k]).is_some_and(|v| v.speech && !v.manner));
                    if let Some(v) = v {
                        let np = if v == comma + 1 {
                            doc.np_after(toks, v + 1, hi)
                        } else {
                            doc.np_before(toks, v, comma + 1)
                                .filter(|np| np.start == comma + 1)
                        };
                        if let Some(np) = np {
                            let start = toks[lo].start;
                            let end = toks[comma].start;
                            if word_count(&text[start..end]) >= 4 {
                                let attr = doc.attribution(
                                    toks,
                                    np,
                                    Some(toks[v].start..toks[v].end),
                                    pi,
                                    0.65,
                                );
                                hit = Some(Found {
                                    span: start..end,
                                    kind: QuoteKind::Indirect,
                                    attr: Some(attr),
                                    verbatim: vec![],
                                    post_end: None,
                                    para: pi,
                                });
                            }
                        }
                    }
                }
            }
        }
        // X said (that) CLAUSE.
        if hit.is_none() {
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
                let Some(np) = doc.subject_of(toks, v, lo) else {
                    continue;
                };
                let mut c = v + 1;
                let next = word(text, &toks[c]).to_lowercase();
                if matches!(
                    next.as_str(),
                    "to" | "by" | "for" | "of" | "up" | "out" | "with" | "." | ","
                ) && !(next == "," && info.speech)
                {
                    continue;
                }
                if info.takes_listener {
                    if let Some(obj) = doc.np_after(toks, c, hi) {
                        c = obj.end;
                    } else if toks[c].is_word
                        && lexicon::pronoun(word(text, &toks[c])).is_none()
                        && !lower_is(word(text, &toks[c]), &["that"])
                    {
                        c += 1;
                    }
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
                    break;
                }
                let start = toks[c].start;
                let end = doc.clause_end(pi, s.start).max(start);
                if word_count(&text[start..end]) < 4 {
                    break;
                }
                let conf = if info.speech { 0.6 } else { 0.45 };
                let attr = doc.attribution(toks, np, Some(toks[v].start..toks[v].end), pi, conf);
                hit = Some(Found {
                    span: start..end,
                    kind: QuoteKind::Indirect,
                    attr: Some(attr),
                    verbatim: vec![],
                    post_end: None,
                    para: pi,
                });
                break;
            }
        }
        if let Some(h) = hit {
            found.push(h);
        }
    }
}

/// A display quote with the speaker's name glued on: "We shall meet again.Vladimir Putin".
fn pull_quote(doc: &mut Doc, pi: usize, found: &mut Vec<Found>) {
    let text = doc.text;
    let (range, boiler) = (doc.paras[pi].range.clone(), doc.paras[pi].boiler);
    if boiler || doc.overlaps_quote(range.clone()) {
        return;
    }
    let s = &text[range.clone()];
    let Some(glue) = s.char_indices().find_map(|(i, c)| {
        let next = s[i + c.len_utf8()..].chars().next()?;
        (matches!(c, '.' | '!' | '?' | '…') && next.is_uppercase()).then_some(i + c.len_utf8())
    }) else {
        return;
    };
    let name = &s[glue..];
    let name_words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=4).contains(&name_words.len())
        || !name_words.iter().all(|w| {
            is_cap(w)
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
    let attr = doc.attribution(&toks, np, None, pi, 0.8);
    found.push(Found {
        span: range.start..range.start + glue,
        kind: QuoteKind::Pull,
        attr: Some(attr),
        verbatim: vec![],
        post_end: None,
        para: pi,
    });
}

fn to_quote(text: &str, f: Found) -> Option<Quote> {
    let mut start = f.span.start;
    let mut end = f.span.end.min(text.len());
    // Trim white space; offsets stay on character boundaries because we only move over ASCII
    // white space or whole characters.
    let s = text.get(start..end)?;
    start += s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
            .len();
    end = start + text[start..end].trim_end().len();
    if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let attr = f.attr;
    let verbatim = if f.verbatim.len() > 1 || f.kind != QuoteKind::Direct {
        f.verbatim
            .iter()
            .filter(|r| r.start < r.end)
            .map(|r| Span::of(text, r.start, r.end))
            .collect()
    } else {
        Vec::new()
    };
    Some(Quote {
        text: text[start..end].to_string(),
        start,
        end,
        kind: f.kind,
        speaker: attr.as_ref().and_then(|a| a.speaker.clone()),
        speaker_type: attr
            .as_ref()
            .and_then(|a| a.speaker.as_ref().and(a.speaker_type)),
        speaker_mention: attr
            .as_ref()
            .and_then(|a| a.mention.clone())
            .map(|m| Span::of(text, m.start, m.end)),
        cue: attr
            .as_ref()
            .and_then(|a| a.cue.clone())
            .map(|c| Span::of(text, c.start, c.end)),
        confidence: attr
            .as_ref()
            .map_or(0.3, |a| (a.confidence * 100.0).round() / 100.0),
        verbatim,
    })
}
