//! A speaker phrase resolved to a canonical speaker and its type, and the `Attribution` built from it.

use super::words::*;
use super::*;

mod author;
pub(super) mod bodies;
mod campaigns;
mod makers;
mod owned;

impl Doc<'_> {
    /// Resolves a speaker phrase at a position to a canonical speaker.
    pub(super) fn resolve(
        &mut self,
        toks: &[Token],
        np: Np,
        para_idx: usize,
    ) -> (Option<String>, Option<usize>, NpKind, bool) {
        let text = self.text;
        let np = self.apposed_name(toks, np).unwrap_or(np);
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
        if let Some(name) = self.campaign_phrase(toks, np, &words, para_idx, window_start) {
            return (Some(name), None, NpKind::Description, true);
        }
        // "The Saudis", "Israelis": a people speaking as one is its country, when named.
        let demonym = match words.as_slice() {
            [w] | [_, w] if words.len() == 1 || lower_is(words[0], &["the"]) => {
                self.resolver.demonym_country(w, pos)
            }
            _ => None,
        };
        // Only a pronoun or a role ("the senator") is ranked against the names before it.
        let named = if matches!(np.kind, NpKind::Pronoun(_) | NpKind::Description) {
            self.named_in_attributed(pos)
        } else {
            Vec::new()
        };
        let scope = Scope {
            pos,
            window_start,
            sentence_start: self.sentence_of(para_idx, pos).start,
            named_in_content: &named,
        };
        let entity = match np.kind {
            _ if demonym.is_some() => demonym,
            NpKind::Pronoun(p) => {
                let e = self.resolver.resolve_pronoun(scope, p);
                if let Some(e) = e {
                    self.resolver.note_gender(e, p);
                }
                e
            }
            NpKind::Name => {
                let (roles, names) = split_roles(name_part(&words));
                let female = title_gender(&roles);
                let mut names: Vec<&str> = name_words(&names)
                    .into_iter()
                    .filter(|w| is_cap(w) || lexicon::NAME_PARTICLES.contains(w))
                    .collect();
                self.resolver.drop_place(&mut names, pos);
                if names.is_empty() {
                    self.resolver
                        .resolve_description_in(&words, toks[np.end - 1].end, scope)
                } else {
                    self.resolver
                        .resolve_name_as(&names, pos, female)
                        .or_else(|| {
                            self.resolver
                                .resolve_name_as(&names[names.len() - 1..], pos, female)
                        })
                }
            }
            NpKind::Description => self
                .resolver
                .resolve_description_in(&words, toks[np.end - 1].end, scope)
                .or_else(|| {
                    let e = self
                        .body_or_author(&words, pos)
                        .or_else(|| self.document_owner(toks, np, &words, para_idx, window_start))
                        .or_else(|| self.document_maker(&words, pos))?;
                    body = !self.resolver.entities[e].person;
                    Some(e)
                }),
        };
        // "Beijing said", "the government in Riyadh": a capital speaking is its country's
        // government, named as the article names the country.
        if let Some(country) = self.capital_speaking(&words, np.kind, entity, pos) {
            return country;
        }
        if let Some(name) = self.campaign_after(toks, np, &words, entity) {
            return (Some(name), None, NpKind::Description, true);
        }
        if let Some(e) = entity {
            // A name a body noun went to ("The newspaper said" for "The Clarion") is a body
            // from now on: never made a person for speaking, and what "it" may refer to. Not
            // for "the company": a company named without a mark is a guess that only holds
            // where it is made.
            let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
            if body
                && np.kind == NpKind::Description
                && lexicon::body_kind(&head)
                    .is_some_and(|&(_, _, k)| k != lexicon::BodyKind::Company)
            {
                self.resolver.entities[e].is_org = true;
            }
            self.resolver.note_speaker(pos, e);
            return (
                Some(self.resolver.entities[e].canonical.clone()),
                Some(e),
                np.kind,
                body,
            );
        }
        let speaker = match np.kind {
            // "I" outside any quotation: in an interview's answer the person interviewed, in
            // a signed piece its author.
            NpKind::Pronoun(Pronoun::Local)
                if words.len() == 1 && lower_is(words[0], &["i", "me", "my"]) =>
            {
                self.interviewee(para_idx).or_else(|| self.signed_author())
            }
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
            // "The F.B.I. said": a body named by its abbreviation after "the".
            NpKind::Description
                if words.len() == 2
                    && lower_is(words[0], &["the"])
                    && words[1].starts_with(|c: char| c.is_ascii_uppercase())
                    && is_abbreviation(words[1]) =>
            {
                body = true;
                Some(words[1].to_string())
            }
            NpKind::Description => match makers::maker_named(&words) {
                // "A Quinnipiac University poll": the body that made it, named as written.
                Some(maker) => {
                    body = true;
                    Some(maker)
                }
                None => Some(words.join(" ")),
            },
        };
        let speaker = speaker.and_then(|s| uncut(s, np.kind == NpKind::Description));
        (speaker, None, np.kind, body)
    }

    /// The country a capital city that speaks stands for ("Beijing said" -> "China"): its
    /// entity when the article names it, else its usual English name; `None` when the words
    /// are no capital's name alone or name a person of the article.
    fn capital_speaking(
        &mut self,
        words: &[&str],
        kind: NpKind,
        entity: Option<usize>,
        pos: usize,
    ) -> Option<(Option<String>, Option<usize>, NpKind, bool)> {
        if kind != NpKind::Name || entity.is_some_and(|e| self.resolver.entities[e].person) {
            return None;
        }
        let (_, names) = split_roles(name_part(words));
        let country = lexicon::capital_country(&names.join(" ").to_lowercase())?;
        let country_words: Vec<&str> = country.split(' ').collect();
        let named = self
            .resolver
            .resolve_name(&country_words, pos)
            .filter(|&e| {
                // The country itself, not a person or namesake of that name ("Jordan").
                let names = &self.resolver.entities[e].names;
                lexicon::is_country(names) && names.join(" ") == country.to_lowercase()
            });
        if let Some(e) = named {
            self.resolver.note_speaker(pos, e);
            let name = self.resolver.entities[e].canonical.clone();
            return Some((Some(name), Some(e), NpKind::Name, true));
        }
        Some((Some(country.to_string()), None, NpKind::Name, true))
    }

    /// The entities the quotation being attributed names, when there is one (for the pronoun
    /// ranker: "“Dr. Carson is back,” he said" is not Carson's).
    fn named_in_attributed(&self, pos: usize) -> Vec<usize> {
        let Some(content) = self.attributing.clone() else {
            return Vec::new();
        };
        // Its words, from the tokens of the paragraphs it runs over.
        let first = self.paras.partition_point(|p| p.range.end <= content.start);
        let words = self.paras[first..]
            .iter()
            .take_while(|p| p.range.start < content.end)
            .flat_map(|p| {
                let a = p.tokens.partition_point(|t| t.start < content.start);
                let b = p.tokens.partition_point(|t| t.start < content.end);
                &p.tokens[a..b]
            })
            .filter(|t| t.is_word)
            .map(|t| word(self.text, t));
        self.resolver.named_in(words, pos)
    }

    /// "The President of Kestria, Andrei Volkan, said …": a description followed by a name
    /// set off by commas is that person, named. The name, when there is one.
    fn apposed_name(&self, toks: &[Token], np: Np) -> Option<Np> {
        let comma = |k: usize| toks.get(k).is_some_and(|t| word(self.text, t) == ",");
        if np.kind != NpKind::Description || !comma(np.end) {
            return None;
        }
        let name = self.np_after(toks, np.end + 1, toks.len())?;
        (name.kind == NpKind::Name && comma(name.end)).then_some(name)
    }

    pub(super) fn attribution(
        &mut self,
        pattern: &'static str,
        toks: &[Token],
        np: Np,
        cue: Option<Range<usize>>,
        para_idx: usize,
        confidence: f32,
    ) -> Attribution {
        let (speaker, entity, kind, body) = self.resolve(toks, np, para_idx);
        let resolved = entity.is_some();
        let resolution = match (kind, entity.is_some(), speaker.is_some()) {
            (NpKind::Pronoun(_), true, _) => "a pronoun, to the nearest compatible person",
            (NpKind::Pronoun(_), false, _) => "a pronoun with no compatible person before it",
            (NpKind::Name, true, _) if kind != np.kind => {
                "the name inside a description (after a possessive or a common noun)"
            }
            (NpKind::Name, true, _) => {
                "a name, to the document's entity (a bare surname: its most salient bearer)"
            }
            (NpKind::Description, true, _) => {
                "a description, to the one introduced with its role, else the salient person"
            }
            (NpKind::Name, false, _) => "a name no other mention resolves, as written",
            (NpKind::Description, false, true) => "a description that names nobody, as written",
            (NpKind::Description, false, false) => "a description that names nobody",
        };
        let speaker_type = speaker.as_ref().map(|name| match entity {
            // "Police", "Authorities": a group named by its common noun is a description,
            // whatever the capital of a sentence's start made of it.
            _ if !name.contains(' ') && PEOPLE_PLURALS.contains_lower(name) => {
                SpeakerType::Description
            }
            // "Estonians", "The Saudis" with no country named: a people, no person.
            _ if is_people_of_country(name) => SpeakerType::Description,
            // A country speaking as such ("Russia said") is a body, as the guidelines type it.
            Some(e) if self.resolver.entities[e].is_org || self.resolver.entities[e].place => {
                SpeakerType::Organization
            }
            Some(_) if body || is_abbreviation(name) => SpeakerType::Organization,
            Some(_) => SpeakerType::Person,
            None if body => SpeakerType::Organization,
            None => match kind {
                NpKind::Name
                    if body
                        || is_abbreviation(name)
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
            why: Explanation {
                pattern,
                resolution,
            },
        }
    }
}

/// A speaker written as the text has it, unless the phrase was cut short. A phrase cut after
/// its article or possessive ("The", "a", "the other") has no noun and is never a speaker;
/// "Many", "Some", "One" stand for people and stay. A description cut before its noun or
/// after a preposition ("the only world leader to", "the detailed", "Tuesday's debate to") is
/// a phrase the subject search ran into, no one who speaks; a name before the cut stays ("the
/// FBI to" is "the FBI").
fn uncut(s: String, description: bool) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.iter().all(|w| lexicon::DETERMINERS.contains_lower(w))
        && words.last().is_some_and(|w| CUT_AFTER.contains_lower(w))
    {
        return None;
    }
    let cut = |w: &&str| lexicon::BEFORE_NOUN.contains_lower(w) || words.len() == 2 && ends_cut(w);
    if !description || words.len() < 2 || !words.last().is_some_and(cut) {
        return Some(s);
    }
    let kept = &words[..words.len() - words.iter().rev().take_while(|w| cut(w)).count()];
    let name = match kept {
        [the, rest @ ..] if lower_is(the, &["the"]) => rest,
        all => all,
    };
    let is_name = !name.is_empty()
        && name
            .iter()
            .all(|w| is_cap(w) && !w.ends_with("'s") && !w.ends_with("’s"));
    is_name.then(|| kept.join(" "))
}

/// Whether the last word of a two-word description leaves it without its noun: an adjective
/// that needs one ("the detailed", "Trump's repeated", "the only").
fn ends_cut(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    l.len() > 4 && l.ends_with("ed") || matches!(l.as_str(), "only" | "same" | "first" | "last")
}

/// Whether a speaker's name is a plural demonym, alone or after "the": "Estonians", "The
/// Saudis".
fn is_people_of_country(name: &str) -> bool {
    match name.split(' ').collect::<Vec<_>>().as_slice() {
        [w] => crate::speakers::plural_demonym(w).is_some(),
        [the, w] if the.eq_ignore_ascii_case("the") => crate::speakers::plural_demonym(w).is_some(),
        _ => false,
    }
}

/// The gender a title before a name gives: `Some(false)` for "Mr.", `Some(true)` for "Mrs.",
/// "Ms.", "Miss".
fn title_gender(roles: &[&str]) -> Option<bool> {
    roles
        .iter()
        .find_map(|r| lexicon::TITLE_GENDERS.get_ascii(r.trim_end_matches('.')))
}
