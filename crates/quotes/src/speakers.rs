//! In-document speaker resolution: every way an article names a person or body ("Russian
//! President Vladimir Putin", "Putin", "he", "the Russian leader", "the Kremlin") is mapped to
//! one canonical name, the fullest name the article establishes.
//!
//! The resolver is built from the name mentions outside quotations, in document order.
//! Surnames and first names go to the most recent entity that carries them; pronouns go to
//! the most recent compatible person, preferring sentence subjects and recent speakers (not the
//! plural body mentioned last); role descriptions go to the person introduced with a role of
//! the same class.

use rustc_hash::FxHashMap;

use crate::lexicon::{self, Pronoun};
use crate::scorer::{pronoun_scorer, SpeakerScorer, FEATURES};

mod descriptions;
mod names;

use names::{
    acronym_letters, canonical_of, initials_of, is_cap, name_key, strip_possessive, usual_gender,
};
pub use names::{is_name_word, split_roles};
pub(crate) use names::{is_nationality, plural_demonym};

/// One person or body the document talks about.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The canonical name: the first full name form the document uses.
    pub canonical: String,
    /// Lower-case name tokens of every form seen ("vladimir", "putin").
    pub names: Vec<String>,
    /// Lower-case role words the document attached to it ("russian", "president").
    pub roles: Vec<String>,
    pub female: Option<bool>,
    pub is_org: bool,
    /// A country or US state: never what "he" or "she" refers to.
    pub place: bool,
    /// Confident that this is a person (a known first name, a title, or a speaker).
    pub person: bool,
    /// A capitalised run of two or more words that is no organisation: a person without a
    /// first name we know, or a place ("South Carolina"). Pronouns reach it only when no
    /// confident person fits as well.
    pub maybe_person: bool,
    /// How often the document names it or gives it a quote: its salience.
    pub count: u32,
    /// Byte position of the first mention.
    pub first_seen: usize,
    /// Byte position of the latest mention by name.
    pub last_seen: usize,
}

/// Small words inside a body's name, not looked up ("of" in "Bank of America").
const BODY_NAME_SMALL_WORDS: &[&str] = &["of", "for", "on", "the", "a", "and"];

impl Entity {
    /// Whether a role of `class` may be this entity's when the article never gave it: a
    /// person, no body, with no role of another class.
    fn fits_role(&self, class: &str) -> bool {
        self.person
            && !self.is_org
            && self
                .roles
                .iter()
                .all(|r| lexicon::role_class(r).is_none_or(|c| c == class))
    }
}

/// How often a person must have been named or quoted to be the one a role description
/// refers to when nobody was introduced with that role.
const SALIENT: u32 = 3;

/// How near (in bytes) a namesake's latest full mention must be for a bare surname to go to
/// it rather than to the most salient bearer: about a paragraph.
const NEAR_MENTION: usize = 600;

/// How many recent entities a description or pronoun is compared with: enough for any real
/// article, and a bound that keeps pathological input linear.
const RECENT: usize = 256;

/// A mention of an entity at a byte position.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    /// First mention in its sentence: likely the subject.
    pub subject: bool,
    /// After a lower-case word that is no reporting verb or conjunction ("in the event that
    /// Clinton faces", "a call with Trump"): an object or a subordinate clause's subject.
    pub oblique: bool,
}

/// Where a name mention stands in its sentence (what the pronoun ranker reads).
#[derive(Debug, Clone, Copy, Default)]
pub struct Syntax {
    /// First mention in its sentence.
    pub subject: bool,
    /// After a lower-case word that is no reporting verb or conjunction.
    pub oblique: bool,
}

/// The document's entities and their mentions in order.
#[derive(Debug, Default)]
pub struct Resolver {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    /// Byte positions where a quote was attributed, with the entity (recent speakers).
    pub speakers: Vec<(usize, usize)>,
    /// Entities by lower-case name word, in creation order.
    by_name: FxHashMap<String, Vec<usize>>,
    /// Every pronoun resolution with its candidates' features (training data export).
    #[cfg(feature = "training")]
    pub pronoun_cases: std::cell::RefCell<Vec<PronounCase>>,
}

/// One pronoun resolution: the pronoun's byte position and each candidate mention's entity
/// name and features, nearest first (filled only in training builds).
#[derive(Debug, Clone)]
pub struct PronounCase {
    pub pos: usize,
    pub candidates: Vec<(String, [f32; FEATURES])>,
}

/// Where an anaphor stands: its byte position, the start of the window its antecedent is
/// looked for in, the start of its sentence, and the entities named inside the words it is
/// said to have said (a speaker seldom names himself: "“Dr. Carson is back,” he said").
#[derive(Debug, Clone, Copy)]
pub struct Scope<'n> {
    pub pos: usize,
    pub window_start: usize,
    pub sentence_start: usize,
    pub named_in_content: &'n [usize],
}

impl Resolver {
    /// Marks entity `e` a person, of the usual gender of `first` when none is known yet: a
    /// first name the text introduces as a person's ("a resident named Caroline").
    pub fn mark_person(&mut self, e: usize, first: &str) {
        let Some(entity) = self.entities.get_mut(e) else {
            return;
        };
        if entity.is_org {
            return;
        }
        entity.person = true;
        entity.maybe_person = true;
        if entity.female.is_none() {
            entity.female = usual_gender(first);
        }
    }

    /// Marks entity `e` a body ("Xinhua, the official Chinese news agency,") unless a first
    /// name or a title made it a person.
    pub fn mark_body(&mut self, e: usize) {
        if let Some(entity) = self.entities.get_mut(e) {
            if !entity.person {
                entity.is_org = true;
                entity.maybe_person = false;
                entity.female = None;
            }
        }
    }

    /// Registers a name phrase (already split into role words and name words) at a position.
    /// Returns the entity index.
    pub fn add_name(
        &mut self,
        start: usize,
        end: usize,
        name_words: &[&str],
        roles: &[&str],
        syntax: Syntax,
        titled: bool,
    ) -> Option<usize> {
        let is_org = name_words
            .iter()
            .any(|w| lexicon::is_org_word(strip_possessive(w)));
        // A body's name is looked up by its words, not by the small words between them
        // ("Bank of America": "bank", "america").
        let words: Vec<String> = name_words
            .iter()
            .map(|w| name_key(w))
            .filter(|w| {
                let small = is_org && BODY_NAME_SMALL_WORDS.contains(&w.as_str());
                !w.is_empty() && !small
            })
            .collect();
        if words.is_empty() {
            return None;
        }
        let surname = words.last().cloned().unwrap_or_default();
        let first = words[0].clone();
        let expanded = match name_words {
            [w] => self.expansion_of(w, start),
            _ => None,
        };
        let found = if expanded.is_some() {
            expanded
        } else if is_org {
            self.find_org(&words)
        } else if words.len() == 1 {
            self.find_by_name(&surname, start)
        } else {
            // Same surname and a compatible first name (or one of them has no first name).
            // A surname known only with a gender ("Mr. Obama") is not a namesake of the other
            // gender ("Michelle Obama").
            let gender = lexicon::first_name_gender(&first).filter(|&g| g != b'u');
            self.with_name(&surname).find(|&i| {
                let e = &self.entities[i];
                !e.is_org
                    && e.names.last() == Some(&surname)
                    && (e.names[0] == first
                        || e.names.contains(&first)
                        || e.names.len() == 1 && gender.is_none_or(|g| e.female != Some(g != b'f')))
            })
        };
        let idx = match found {
            Some(i) => {
                let e = &mut self.entities[i];
                e.count += 1;
                e.last_seen = start;
                if words.len() > 1 && !e.is_org {
                    e.maybe_person = true;
                    if lexicon::first_name_gender(&first).is_some() {
                        e.person = true;
                        if e.female.is_none() {
                            e.female = usual_gender(&first);
                        }
                    }
                }
                if words.len() > 1 && e.names.len() == 1 && !e.is_org {
                    e.canonical = canonical_of(name_words);
                    e.names = words.clone();
                } else {
                    for w in &words {
                        if !e.names.contains(w) {
                            e.names.push(w.clone());
                        }
                    }
                }
                i
            }
            None => {
                let known_first = words.len() > 1 && lexicon::first_name_gender(&first).is_some();
                let female = if is_org || words.len() < 2 {
                    None
                } else if lexicon::is_female_name(&first) {
                    Some(true)
                } else if lexicon::first_name_gender(&first) == Some(b'm') {
                    Some(false)
                } else {
                    None
                };
                self.entities.push(Entity {
                    canonical: canonical_of(name_words),
                    names: words.clone(),
                    roles: Vec::new(),
                    female,
                    is_org,
                    place: lexicon::is_place(name_words) || lexicon::has_place_head(name_words),
                    person: !is_org && (known_first || titled),
                    maybe_person: !is_org && words.len() > 1,
                    count: 1,
                    first_seen: start,
                    last_seen: start,
                });
                self.entities.len() - 1
            }
        };
        for w in &words {
            self.index_name(w, idx);
        }
        let e = &mut self.entities[idx];
        for r in roles {
            let r = r.to_lowercase();
            match r.as_str() {
                "mrs." | "ms." | "miss" | "congresswoman" | "chairwoman" | "spokeswoman"
                | "queen" | "princess" | "lady" | "dame" => e.female = Some(true),
                "mr." | "congressman" | "chairman" | "spokesman" | "king" | "prince" | "sir"
                | "lord" => {
                    e.female.get_or_insert(false);
                }
                _ => {}
            }
            if !e.roles.contains(&r) {
                e.roles.push(r);
            }
        }
        if titled && !e.is_org {
            e.person = true;
        }
        self.mentions.push(Mention {
            start,
            end,
            entity: idx,
            subject: syntax.subject,
            oblique: syntax.oblique,
        });
        Some(idx)
    }

    /// The surname (as the article writes it) of the person a possessive before a kin noun
    /// refers to: "Barack Obama and his wife Michelle", "Okafor's wife, Jane". `owner` is the
    /// possessive word, `pos` its byte position; "his" and "her" go to the latest person named
    /// by a full name before it, in the same paragraph (from byte `para_start`), whose gender
    /// does not contradict the pronoun.
    pub fn kin_surname(&self, owner: &str, pos: usize, para_start: usize) -> Option<String> {
        let named_person = |e: usize| {
            let e = &self.entities[e];
            e.person && !e.is_org && !e.place && e.names.len() >= 2
        };
        let female = match lexicon::pronoun(owner) {
            Some(Pronoun::Male) => Some(false),
            Some(Pronoun::Female) => Some(true),
            _ => None,
        };
        let entity = if let Some(f) = female {
            self.mentions
                .iter()
                .rev()
                .skip_while(|m| m.start >= pos)
                .take_while(|m| m.start >= para_start)
                .map(|m| m.entity)
                .find(|&e| named_person(e) && self.entities[e].female != Some(!f))?
        } else {
            let name = strip_possessive(owner);
            if !is_cap(name) {
                return None;
            }
            self.resolve_name(&[name], pos)
                .filter(|&e| named_person(e))?
        };
        self.entities[entity]
            .canonical
            .rsplit(' ')
            .next()
            .map(str::to_string)
    }

    /// Completes the canonical name of a person known by a first name alone with the family's
    /// surname ("Michelle" of "Barack Obama and his wife Michelle" is Michelle Obama). The
    /// surname is not indexed: "Obama said" stays with the person the article names so.
    pub fn add_family_name(&mut self, e: usize, surname: &str) {
        if let Some(ent) = self.entities.get_mut(e) {
            if ent.names.len() == 1 && !ent.is_org && !ent.canonical.contains(' ') {
                ent.canonical = format!("{} {}", ent.canonical, surname);
            }
        }
    }

    /// Adds another first name a person goes by (a nickname: "Bobby" of "Robert C. “Bobby”
    /// Scott"), so that "Bobby Scott" names the same person. The canonical name stays.
    pub fn add_first_name_alias(&mut self, e: usize, alias: &str) {
        let key = name_key(alias);
        let Some(ent) = self.entities.get_mut(e) else {
            return;
        };
        if key.is_empty() || ent.is_org || ent.names.len() < 2 || ent.names.contains(&key) {
            return;
        }
        let at = ent.names.len() - 1;
        ent.names.insert(at, key.clone());
        self.index_name(&key, e);
    }

    /// Makes entity `e` findable by the name key `key`.
    fn index_name(&mut self, key: &str, e: usize) {
        let ids = self.by_name.entry(key.to_string()).or_default();
        if ids.last() != Some(&e) {
            ids.push(e);
        }
    }

    /// Entities that carry a name word, most recent first.
    fn with_name<'s>(&'s self, word: &str) -> impl Iterator<Item = usize> + 's {
        self.by_name
            .get(word)
            .into_iter()
            .flat_map(|ids| ids.iter().rev().copied())
    }

    fn find_by_name(&self, word: &str, pos: usize) -> Option<usize> {
        self.find_by_name_as(word, pos, None)
    }

    /// [`Self::find_by_name`] among the entities whose gender is not the opposite of `female`
    /// ("Mr. Obama" is not Michelle Obama).
    fn find_by_name_as(&self, word: &str, pos: usize, female: Option<bool>) -> Option<usize> {
        let fits = |i: usize| female.is_none() || self.entities[i].female != female.map(|f| !f);
        // Surname first, then first name. Among namesakes ("Bill Clinton" and "Hillary
        // Clinton") the most salient (named and quoted most often so far), with a bonus for
        // one named within about a paragraph before; the most recent on a tie.
        let latest = self
            .with_name(word)
            .filter(|&i| fits(i) && self.entities[i].last_seen <= pos)
            .max_by_key(|&i| self.entities[i].last_seen);
        let mut best: Option<((u32, u32), usize)> = None;
        for i in self.with_name(word).filter(|&i| fits(i)) {
            let e = &self.entities[i];
            let near = Some(i) == latest && pos - e.last_seen <= NEAR_MENTION;
            // An organisation that carries the word ("Smith Foundation") only when no
            // person does. On a tie the bonus yields to salience: a relative named once
            // nearby ("his father, Rafael Cruz") is not the candidate named four times.
            let score = if e.is_org {
                (0, 0)
            } else {
                (e.count + if near { 3 } else { 0 }, e.count)
            };
            if e.names.last().is_some_and(|n| n == word) && best.is_none_or(|(c, _)| score > c) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i)
            .or_else(|| self.with_name(word).find(|&i| fits(i)))
    }

    /// The body an acronym at byte `pos` stands for, when the article has named it in full
    /// before ("the International Monetary Fund" ... "the IMF"; "the Northern Fisheries
    /// Council (NFC)"): the name of several words, no person's, introduced last before `pos`
    /// whose initials the acronym's letters are (a body, a country: "U.S." for "United
    /// States").
    pub fn expansion_of(&self, word: &str, pos: usize) -> Option<usize> {
        let letters = acronym_letters(word)?;
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.first_seen < pos && !e.person && initials_of(&e.canonical, &letters))
            .max_by_key(|(_, e)| e.first_seen)
            .map(|(i, _)| i)
    }

    fn find_org(&self, words: &[String]) -> Option<usize> {
        let first = words.first()?;
        self.with_name(first).find(|&i| {
            let e = &self.entities[i];
            e.is_org
                && (e.names == words
                    || words.iter().filter(|w| e.names.contains(w)).count() * 2
                        > words.len().max(e.names.len()))
        })
    }

    /// Marks an entity as a speaker at a position (speakers are people or bodies, never places).
    pub fn note_speaker(&mut self, pos: usize, entity: usize) {
        if let Some(e) = self.entities.get_mut(entity) {
            if !e.is_org {
                e.person = true;
            }
            e.count += 2;
        }
        self.speakers.push((pos, entity));
    }

    /// Records the gender of an entity once a pronoun is resolved to it.
    pub fn note_gender(&mut self, entity: usize, p: Pronoun) {
        if let Some(e) = self.entities.get_mut(entity) {
            if e.female.is_none() {
                match p {
                    Pronoun::Female => e.female = Some(true),
                    Pronoun::Male => e.female = Some(false),
                    _ => {}
                }
            }
        }
    }

    /// The entity a single name word or name phrase refers to at `pos`.
    pub fn resolve_name(&self, words: &[&str], pos: usize) -> Option<usize> {
        self.resolve_name_as(words, pos, None)
    }

    /// [`Self::resolve_name`] for a name whose title gives the gender (`Some(true)` for "Mrs.",
    /// `Some(false)` for "Mr."): an entity of the other gender is not a candidate.
    pub fn resolve_name_as(
        &self,
        words: &[&str],
        pos: usize,
        female: Option<bool>,
    ) -> Option<usize> {
        let lower: Vec<String> = words.iter().map(|w| name_key(w)).collect();
        let last = lower.last()?;
        let found = self.with_name(last).find(|&i| {
            let e = &self.entities[i];
            e.names.last() == Some(last)
                && lower.iter().all(|w| e.names.contains(w))
                && (female.is_none() || e.female != female.map(|f| !f))
        });
        found.or_else(|| {
            if lower.len() == 1 {
                self.find_by_name_as(last, pos, female)
            } else {
                None
            }
        })
    }

    /// Drops a place that opens a name run when a person's name follows it ("In New Hampshire
    /// Sanders won": a known first name, or a name the document already knows), so that
    /// "Russia Today" stays whole.
    pub fn drop_place(&self, names: &mut Vec<&str>, pos: usize) {
        let place = lexicon::place_prefix(names);
        if place == 0 {
            return;
        }
        let rest = &names[place..];
        if rest
            .iter()
            .any(|w| lexicon::is_org_word(strip_possessive(w)))
        {
            return;
        }
        if lexicon::is_first_name(rest[0]) || self.resolve_name(rest, pos).is_some() {
            names.drain(..place);
        }
    }

    /// The entities a quotation's words name: each capitalised word that is the last name of
    /// an entity known before `pos` ("Carson" in "“Dr. Carson is back”"), at most eight.
    pub fn named_in<'w>(&self, words: impl Iterator<Item = &'w str>, pos: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for w in words {
            if out.len() >= 8 {
                break;
            }
            if !is_cap(w) {
                continue;
            }
            let key = name_key(w);
            for i in self.with_name(&key) {
                let e = &self.entities[i];
                if e.first_seen < pos && e.names.last() == Some(&key) && !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        out
    }

    /// The entity a pronoun at `pos` refers to.
    pub fn resolve_pronoun(&self, scope: Scope, p: Pronoun) -> Option<usize> {
        let compatible = |e: &Entity| match p {
            Pronoun::Male => (e.person || e.maybe_person) && !e.place && e.female != Some(true),
            Pronoun::Female => (e.person || e.maybe_person) && !e.place && e.female != Some(false),
            Pronoun::Neuter | Pronoun::Plural => e.is_org,
            Pronoun::Local => false,
        };
        #[cfg_attr(not(feature = "training"), allow(unused_variables))]
        let (best, case) = self.rank_antecedents(scope, Some(p), compatible);
        #[cfg(feature = "training")]
        self.pronoun_cases.borrow_mut().push(case);
        best
    }

    /// The person a role description of `class` nobody was introduced with refers to at
    /// `scope.pos` ("the justice said" where nobody is called a justice): ranked as a pronoun
    /// of either gender is, among the persons named near before it with no role of another
    /// class.
    pub fn resolve_role_anaphor(&self, scope: Scope, class: &str) -> Option<usize> {
        self.rank_antecedents(scope, None, |e| !e.place && e.fits_role(class))
            .0
    }

    /// The best-scoring antecedent among the mentions before `scope.pos` (back to the
    /// window's start, at most nine compatible ones), by the pronoun scorer; the latest
    /// compatible speaker when no mention fits. `p` is the pronoun (`None`: a person of
    /// either gender). Also the candidates' features, for training.
    fn rank_antecedents(
        &self,
        scope: Scope,
        p: Option<Pronoun>,
        compatible: impl Fn(&Entity) -> bool,
    ) -> (Option<usize>, PronounCase) {
        let Scope {
            pos,
            window_start,
            sentence_start,
            named_in_content,
        } = scope;
        let last_speaker = self
            .speakers
            .iter()
            .rev()
            .take(64)
            .find(|(at, e)| *at < pos && *at >= window_start && compatible(&self.entities[*e]))
            .map(|(_, e)| *e);
        let mut best: Option<(f32, usize)> = None;
        let mut rank = 0.0f32;
        let upto = self.mentions.partition_point(|m| m.end <= pos);
        let scorer = pronoun_scorer();
        #[cfg_attr(not(feature = "training"), allow(unused_mut))]
        let mut case = PronounCase {
            pos,
            candidates: Vec::new(),
        };
        for m in self.mentions[..upto].iter().rev() {
            if m.start < window_start {
                break;
            }
            let e = &self.entities[m.entity];
            if !compatible(e) {
                continue;
            }
            let quoted_before = self
                .speakers
                .iter()
                .rev()
                .take(64)
                .any(|(at, s)| *s == m.entity && *at < pos);
            let flag = |b: bool| if b { 1.0 } else { 0.0 };
            let features: [f32; FEATURES] = [
                1.0,
                rank,
                flag(m.subject),
                flag(m.start >= sentence_start),
                flag(Some(m.entity) == last_speaker),
                flag(p == Some(Pronoun::Female) && e.female == Some(true)),
                flag(p == Some(Pronoun::Male) && e.female == Some(false)),
                flag(!e.person),
                (1.0 + e.count as f32).ln(),
                flag(quoted_before),
                // Learned on "he" and "she" only: a body's mention keeps no such penalty; a
                // role anaphor ("the justice") is a person's, as "he" is.
                flag(m.oblique && matches!(p, Some(Pronoun::Male | Pronoun::Female) | None)),
                flag(named_in_content.contains(&m.entity)),
            ];
            #[cfg(feature = "training")]
            case.candidates.push((e.canonical.clone(), features));
            let score = scorer.score(&features);
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, m.entity));
            }
            rank += 1.0;
            if rank > 8.0 {
                break;
            }
        }
        (best.map(|(_, e)| e).or(last_speaker), case)
    }

    /// The country a plural demonym stands for ("the Saudis" for "Saudi Arabia", "Israelis"
    /// for "Israel"): a country the document named before `pos` whose name and the demonym
    /// share their opening letters.
    pub fn demonym_country(&self, word: &str, pos: usize) -> Option<usize> {
        let singular = plural_demonym(word)?;
        if lexicon::ROLE_RUN_WORDS.contains_lower(singular) {
            return None;
        }
        let d = singular.to_lowercase();
        self.entities.iter().position(|e| {
            let name = e.names.join(" ");
            let shared = d
                .bytes()
                .zip(name.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            // Not `place`: a country that spoke was taken for a person.
            e.first_seen < pos
                && lexicon::is_country(&e.names)
                && shared >= 4
                && shared + 2 >= name.len().min(d.len())
        })
    }
}
