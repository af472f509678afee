//! Generic nouns for a body or a document resolved to who stands behind them: "the agency",
//! "the paper", "the union" to the named body of that kind mentioned last; "the statement",
//! "the letter", "the ad" to the body or person the article says made it.

use super::super::words::*;
use super::super::*;
use crate::lower::WordSet;
use crate::speakers::Mention;

/// How far back (in bytes, a few paragraphs) a body or country a generic noun stands for may
/// have been mentioned last.
const NEAR_BODY: usize = 1500;

impl Doc<'_> {
    /// The entity behind a description "the <body noun>" or "the <document noun>" at byte
    /// `pos`, and whether it is a body.
    pub(in super::super) fn body_or_author(&self, words: &[&str], pos: usize) -> Option<usize> {
        let [det, .., head] = words else {
            return None;
        };
        if !lower_is(det, &["the", "this", "that"]) || words.len() > 4 {
            return None;
        }
        // "The IMF" after "the International Monetary Fund": the body its letters stand for.
        if let [_, abbr] = words {
            if let Some(e) = self.resolver.expansion_of(abbr, pos) {
                return Some(e);
            }
        }
        let head = head.to_lowercase();
        let body_kind = lexicon::body_kind(&head);
        let country = lexicon::COUNTRY_HEADS.contains(&head);
        if body_kind.is_none() && !country && !lexicon::DOCUMENTS.contains(&head) {
            return None;
        }
        // "the Heritage Foundation website": the body is named; a person's name before the
        // noun ("the Clinton statement") is left as written.
        let named: Vec<&str> = words[1..words.len() - 1]
            .iter()
            .copied()
            .filter(|w| is_cap(w))
            .collect();
        if !named.is_empty() {
            return self
                .resolver
                .resolve_name(&named, pos)
                .filter(|&e| self.resolver.entities[e].is_org);
        }
        if country {
            return self.last_country(pos);
        }
        match body_kind {
            // "The administration" is a government's, never a body named before it.
            Some((_, marks, _)) if head == "administration" => self.last_body(pos, marks),
            // Only a bare "the newspaper": "the new paper", "the company website" say more
            // than an unmarked name can be checked against.
            Some(&(_, marks, kind)) => self.last_body(pos, marks).or_else(|| {
                if words.len() != 2 {
                    None
                } else if kind == lexicon::BodyKind::Company {
                    self.last_unmarked_company(pos)
                } else {
                    self.last_unmarked_body(pos, kind == lexicon::BodyKind::Press)
                }
            }),
            None => self.author(&head, pos),
        }
    }

    /// The entities of the mentions before `pos`, latest first, within the last few paragraphs
    /// ([`NEAR_BODY`]), and the bodies quotes were credited to there: a body a generic noun
    /// was resolved to ("The newspaper said" for "The Clarion") stays as near as where it
    /// last spoke.
    fn near_before(&self, pos: usize) -> impl Iterator<Item = usize> + '_ {
        let r = &self.resolver;
        let upto = r.mentions.partition_point(|m| m.end <= pos);
        let mut near: Vec<(usize, usize)> = r.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| pos - m.start <= NEAR_BODY)
            .map(|m| (m.start, m.entity))
            .collect();
        near.extend(
            r.speakers
                .iter()
                .filter(|&&(at, e)| at < pos && pos - at <= NEAR_BODY && r.entities[e].is_org)
                .copied(),
        );
        near.sort_by_key(|n| std::cmp::Reverse(n.0));
        near.into_iter().map(|(_, e)| e)
    }

    /// The country mentioned last before `pos`, within the last few paragraphs: "the
    /// kingdom", "the country" after "Saudi Arabia rejected the report".
    fn last_country(&self, pos: usize) -> Option<usize> {
        let r = &self.resolver;
        self.near_before(pos)
            .find(|&e| lexicon::is_country(&r.entities[e].names))
    }

    /// When no body of the noun's kind is named: the body mentioned last, within the last
    /// few paragraphs, whose kind nothing says. For an agency or an outlet an acronym ("the
    /// FBI", "NY1"); for a newspaper also a one-word name, no organisation word, that the
    /// article always writes after "the" ("The Clarion"). Never a person or a place; never
    /// for a company (an acronym there is as often a party or an agency: "the RNC").
    fn last_unmarked_body(&self, pos: usize, press: bool) -> Option<usize> {
        let r = &self.resolver;
        let text = self.text;
        let upto = r.mentions.partition_point(|m| m.end <= pos);
        let after_the =
            |m: &Mention| word_before(text, m.start).is_some_and(|w| lower_is(w, &["the"]));
        let mentions = &r.mentions[..upto];
        self.near_before(pos).find(|&i| {
            let e = &r.entities[i];
            let body_like = if is_acronym(&e.canonical) {
                true
            } else {
                press
                    && e.names.len() == 1
                    && !lexicon::is_org_word(&e.names[0])
                    && mentions.iter().filter(|m| m.entity == i).all(&after_the)
            };
            body_like
                && !e.person
                && !e.place
                && e.female.is_none()
                && !e.names.iter().any(|n| lexicon::is_place(&[n.as_str()]))
        })
    }

    /// "The company" when no company is named with a mark ("Inc.", "Motors"): the one-word
    /// name mentioned last, within the last few paragraphs, that the article names at least
    /// twice, once as a sentence's subject, never after "in", "near", "to" or "from" (a town),
    /// and never as a person, a place, a people or a body of another kind ("Brakmor",
    /// "Twitter").
    fn last_unmarked_company(&self, pos: usize) -> Option<usize> {
        let r = &self.resolver;
        let text = self.text;
        let located = |m: &Mention| {
            word_before(text, m.start).is_some_and(|w| {
                lower_is(
                    w,
                    &[
                        "in",
                        "near",
                        "outside",
                        "across",
                        "around",
                        "throughout",
                        "to",
                        "from",
                    ],
                )
            })
        };
        let upto = r.mentions.partition_point(|m| m.end <= pos);
        let marked = |n: &String| {
            lexicon::BODY_KINDS
                .iter()
                .any(|(_, marks, _)| marks.contains(n.trim_end_matches('.')))
        };
        self.near_before(pos).find(|&i| {
            let e = &r.entities[i];
            e.names.len() == 1
                && e.count >= 2
                && !e.person
                && !e.maybe_person
                && !e.place
                && e.female.is_none()
                && !is_acronym(&e.canonical)
                && !lexicon::is_org_word(&e.names[0])
                && !lexicon::is_first_name(&e.names[0])
                && !lexicon::is_place(&[e.names[0].as_str()])
                && !crate::speakers::is_nationality(&e.canonical)
                && !e.names.iter().any(marked)
                && {
                    let ms = r.mentions[..upto].iter().filter(|m| m.entity == i);
                    let (mut subject, mut town) = (false, false);
                    for m in ms {
                        subject |= m.subject;
                        town |= located(m);
                    }
                    subject && !town
                }
        })
    }

    /// The body whose name carries one of `marks`, mentioned last before `pos`.
    fn last_body(&self, pos: usize, marks: &WordSet) -> Option<usize> {
        let r = &self.resolver;
        let upto = r.mentions.partition_point(|m| m.end <= pos);
        r.mentions[..upto]
            .iter()
            .rev()
            .map(|m| m.entity)
            .find(|&e| {
                let e = &r.entities[e];
                !e.person
                    && (e.is_org || e.names.len() > 1)
                    && e.names
                        .iter()
                        .any(|n| marks.contains(n.trim_end_matches('.')))
            })
    }

    /// Who made the document named by `noun` at `pos`, from the sentence that mentioned the
    /// same noun last before it ([`Self::author_at`]). A mention that names no maker and is
    /// itself a reference back ("the editorial read", after "their Friday editorial") sends
    /// the search to the mention before it, three at most.
    fn author(&self, noun: &str, pos: usize) -> Option<usize> {
        let text = self.text;
        let mut end = pos.min(text.len());
        for _ in 0..3 {
            let at = find_word_back(&text[..end], noun)?;
            if let Some(e) = self.author_at(noun, at) {
                return Some(e);
            }
            if !word_before(text, at).is_some_and(|w| lower_is(w, &["the", "this", "that"])) {
                return None;
            }
            end = at;
        }
        None
    }

    /// Who made the document named by `noun` at byte `at`, from its sentence: the name just
    /// before the noun ("the FBI's statement"), else the sentence's first name or body
    /// description before the noun ("Exxon sent a letter", "The ministry said in a
    /// statement"), else for "in a statement, X said" the first name after it.
    fn author_at(&self, noun: &str, at: usize) -> Option<usize> {
        let text = self.text;
        let para = self.paras.partition_point(|p| p.range.end <= at);
        if para >= self.paras.len() {
            return None;
        }
        let sentence = self.sentence_of(para, at);
        let r = &self.resolver;
        let ms: Vec<&Mention> = r
            .mentions
            .iter()
            .filter(|m| m.start >= sentence.start && m.end <= sentence.end)
            .collect();
        // "a report from WCCO-TV", "a survey by the Pew Research Center": the name after it.
        let after = at + noun.len();
        if let Some(m) = ms.iter().find(|m| {
            m.start > after && m.start - after <= 24 && {
                // The name may start a word or two before its mention ("WCCO-TV Channel 4").
                let gap = text[after..m.start].trim().to_ascii_lowercase();
                let mut words = gap.split_whitespace();
                matches!(words.next(), Some("from" | "by")) && words.count() <= 2
            }
        }) {
            return Some(m.entity);
        }
        if let Some(m) = ms
            .iter()
            .find(|m| m.end <= at && at - m.end <= 8)
            .or_else(|| ms.iter().find(|m| m.end <= at))
        {
            return Some(m.entity);
        }
        let lead: Vec<&str> = text[sentence.start..at]
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let verb = lead.iter().position(|w| {
            lexicon::reporting_verb(w).is_some() || lexicon::ISSUE_VERBS.contains_lower(w)
        });
        if let Some(k) = verb.filter(|&k| (2..=4).contains(&k)) {
            let subject = &lead[..k];
            if lower_is(subject[0], &["the"]) {
                let e = r
                    .resolve_description(subject, at)
                    .or_else(|| self.body_or_author(subject, at));
                if e.is_some() {
                    return e;
                }
            }
        }
        if lead.len() == 2 && lower_is(lead[0], &["in"]) {
            return ms.iter().find(|m| m.start > at).map(|m| m.entity);
        }
        None
    }
}

/// The word just before byte `at`, across white space only ("the" in "the FBI"; none after a
/// comma or at the start of the text).
fn word_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].trim_end();
    if before.len() == at {
        return None;
    }
    before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .filter(|w| !w.is_empty())
}

/// The byte position of the last whole-word, case-insensitive occurrence of `noun` in `text`.
fn find_word_back(text: &str, noun: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut end = lower.len();
    while let Some(i) = lower[..end].rfind(noun) {
        let b = lower.as_bytes();
        let left = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let right = b
            .get(i + noun.len())
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        if left && right {
            return Some(i);
        }
        end = i;
    }
    None
}
