//! Corpus speakers: the name forms different articles use for one person ("Putin", "Vladimir
//! Putin", "Vladimir Vladimirovich Putin", "President Putin") become one speaker, while two
//! people who share a surname ("Bill Clinton", "Hillary Clinton") stay apart.
//!
//! Names are keyed on their surname. A full name joins the speaker with the same surname whose
//! first name agrees (equal, or an initial of it); a surname alone joins the most frequent
//! speaker with that surname, unless two different full names share it evenly, in which case
//! it stays a speaker of its own rather than being guessed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Titles stripped before keying ("President Putin" is "Putin").
const TITLES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "minister",
    "prime",
    "chancellor",
    "secretary",
    "mayor",
    "judge",
    "general",
    "gen",
    "prof",
    "professor",
    "sir",
    "lady",
    "lord",
    "king",
    "queen",
    "pope",
    "former",
    "vice",
    "the",
];

/// One corpus speaker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorpusSpeaker {
    pub id: u64,
    /// The most frequent full name form.
    pub name: String,
    /// Lower-case surname.
    pub surname: String,
    /// Lower-case first name, when known.
    pub first: Option<String>,
    /// Name forms seen, with counts.
    pub forms: Vec<(String, u64)>,
    pub is_org: bool,
}

/// All corpus speakers, indexed by surname.
#[derive(Debug, Default)]
pub struct SpeakerIndex {
    speakers: Vec<CorpusSpeaker>,
    by_surname: HashMap<String, Vec<usize>>,
    /// How often each speaker was seen (the sum of its forms' counts), by position.
    totals: Vec<u64>,
}

fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a (lower-case) name word is a title ("President", "Dr.").
fn is_title(word: &str) -> bool {
    TITLES.contains(&word.trim_end_matches('.'))
}

/// Words of a name form other than titles.
fn form_core_len(form: &str) -> usize {
    name_words(form).iter().filter(|w| !is_title(w)).count()
}

fn looks_like_person(words: &[String], original: &str) -> bool {
    // Capitalised words only, at most five, no organisation-like words.
    let caps = original.split_whitespace().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
    });
    caps && !words.is_empty() && words.len() <= 5
}

/// The key under which a canonical name is indexed, and whether it is taken for a person
/// (`person`: what extraction said, `None` when it did not say: the name's shape decides).
/// Only names with the same key are ever compared: a person's is the surname, a body's its
/// whole name. This is what lets the speakers of a corpus be resolved key by key, in
/// parallel (the Spark job), with the answers of one index over the whole corpus.
pub fn speaker_key(name: &str, person: Option<bool>) -> (String, bool) {
    let words = name_words(name);
    let core: Vec<&String> = words.iter().filter(|w| !is_title(w)).collect();
    let person = person.unwrap_or_else(|| looks_like_person(&words, name)) && !core.is_empty();
    if person {
        (
            core.last().map_or_else(String::new, |w| w.to_string()),
            true,
        )
    } else {
        (words.join(" "), false)
    }
}

impl SpeakerIndex {
    /// The corpus speaker for a canonical in-document name, creating it if new.
    pub fn resolve(&mut self, name: &str) -> u64 {
        self.resolve_typed(name, None)
    }

    /// The corpus speaker for a canonical in-document name whose extraction said whether it is
    /// a person (`Some(true)`), an organisation (`Some(false)`) or did not say (`None`: the name's
    /// shape decides). A body and a person never become one speaker, whatever words they share.
    pub fn resolve_typed(&mut self, name: &str, person: Option<bool>) -> u64 {
        let words = name_words(name);
        let core: Vec<&String> = words.iter().filter(|w| !is_title(w)).collect();
        let (key, person) = speaker_key(name, person);
        let idx = if person {
            let first = (core.len() > 1).then(|| core[0].clone());
            self.find_person(&key, first.as_deref())
                .unwrap_or_else(|| self.create(name, &key, first, false))
        } else {
            self.by_surname
                .get(&key)
                .and_then(|ids| ids.iter().copied().find(|&i| self.speakers[i].is_org))
                .unwrap_or_else(|| self.create(name, &key, None, true))
        };
        self.totals[idx] += 1;
        let s = &mut self.speakers[idx];
        // The display name is the best form: the most frequent with a first name, else the
        // most frequent, else the first seen. Only this form's count changes, so the best is
        // the display name's form or this one (a popular speaker has hundreds of forms).
        let current = s.forms.iter().position(|(f, _)| *f == s.name);
        let updated = match s.forms.iter().position(|(f, _)| f == name) {
            Some(i) => {
                s.forms[i].1 += 1;
                i
            }
            None => {
                s.forms.push((name.to_string(), 1));
                s.forms.len() - 1
            }
        };
        let rank = |i: usize| {
            let (f, n) = &s.forms[i];
            (form_core_len(f) > 1, *n, std::cmp::Reverse(i))
        };
        let best = match current {
            Some(c) if c == updated || rank(c) > rank(updated) => c,
            Some(_) => updated,
            None => (0..s.forms.len())
                .max_by_key(|&i| rank(i))
                .unwrap_or(updated),
        };
        if s.forms[best].0 != s.name {
            s.name = s.forms[best].0.clone();
        }
        if s.first.is_none() && !s.is_org && core.len() > 1 {
            s.first = Some(core[0].clone());
        }
        s.id
    }

    fn find_person(&self, surname: &str, first: Option<&str>) -> Option<usize> {
        let ids = self.by_surname.get(surname)?;
        // A common surname has thousands of bearers: no allocation, one pass.
        let mut people = ids.iter().copied().filter(|&i| !self.speakers[i].is_org);
        match first {
            Some(f) => people.find(|&i| match self.speakers[i].first.as_deref() {
                Some(g) => {
                    g == f
                        || (f.len() <= 2 && g.starts_with(f.trim_end_matches('.')))
                        || (g.len() <= 2 && f.starts_with(g.trim_end_matches('.')))
                        // One first name in two transliterations ("Aleksei" / "Alexei").
                        || crate::names::same_spelling(f, g)
                }
                None => true,
            }),
            None => {
                // A bare surname: the dominant bearer, if one clearly dominates. The two
                // most frequent, ties to the later one.
                let mut top: [Option<(u64, usize)>; 2] = [None, None];
                for i in people {
                    let c = (self.totals[i], i);
                    if top[0].is_none_or(|t| c > t) {
                        top[1] = top[0];
                        top[0] = Some(c);
                    } else if top[1].is_none_or(|t| c > t) {
                        top[1] = Some(c);
                    }
                }
                match top {
                    [None, _] => None,
                    [Some((_, i)), None] => Some(i),
                    [Some((a, i)), Some((b, _))] => (a >= 3 * b).then_some(i),
                }
            }
        }
    }

    fn create(&mut self, name: &str, surname: &str, first: Option<String>, is_org: bool) -> usize {
        let idx = self.speakers.len();
        self.speakers.push(CorpusSpeaker {
            id: idx as u64 + 1,
            name: name.to_string(),
            surname: surname.to_string(),
            first,
            forms: Vec::new(),
            is_org,
        });
        self.totals.push(0);
        self.by_surname
            .entry(surname.to_string())
            .or_default()
            .push(idx);
        idx
    }

    /// Rebuilds the index from stored speakers (ids 1, 2, 3, ... in order).
    pub fn from_speakers(speakers: Vec<CorpusSpeaker>) -> SpeakerIndex {
        let mut idx = SpeakerIndex::default();
        for s in speakers {
            idx.by_surname
                .entry(s.surname.clone())
                .or_default()
                .push(idx.speakers.len());
            idx.totals.push(s.forms.iter().map(|(_, n)| n).sum());
            idx.speakers.push(s);
        }
        idx
    }

    /// Every speaker.
    pub fn all(&self) -> &[CorpusSpeaker] {
        &self.speakers
    }

    /// A speaker by id.
    pub fn get(&self, id: u64) -> Option<&CorpusSpeaker> {
        self.speakers.get(id.checked_sub(1)? as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_body_never_joins_a_person() {
        let mut idx = SpeakerIndex::default();
        let person = idx.resolve_typed("Ford", Some(true));
        let body = idx.resolve_typed("Ford", Some(false));
        assert_ne!(person, body);
        assert_eq!(idx.resolve_typed("Gerald Ford", Some(true)), person);
        assert_eq!(idx.resolve_typed("Ford", Some(false)), body);
        assert!(idx.get(body).is_some_and(|s| s.is_org));
    }

    #[test]
    fn name_forms_join_and_namesakes_stay_apart() {
        let mut idx = SpeakerIndex::default();
        let putin = idx.resolve("Vladimir Putin");
        assert_eq!(idx.resolve("Putin"), putin);
        assert_eq!(idx.resolve("Vladimir Vladimirovich Putin"), putin);
        assert_eq!(idx.resolve("President Putin"), putin);
        let aleksei = idx.resolve("Aleksei Krivoruchko");
        assert_eq!(idx.resolve("Alexei Krivoruchko"), aleksei);
        assert_ne!(idx.resolve("Anna Krivoruchko"), aleksei);
        let mark = idx.resolve("Mark Sand");
        assert_ne!(idx.resolve("Mary Sand"), mark);
        let bill = idx.resolve("Bill Clinton");
        let hillary = idx.resolve("Hillary Clinton");
        assert_ne!(bill, hillary);
        assert_eq!(idx.resolve("Hillary Clinton"), hillary);
        assert_eq!(idx.get(putin).unwrap().name, "Vladimir Putin");
        let kremlin = idx.resolve("Kremlin");
        assert_ne!(kremlin, putin);
        assert_eq!(idx.resolve("Kremlin"), kremlin);
    }

    #[test]
    fn the_display_name_is_the_best_form_as_counts_change() {
        let mut idx = SpeakerIndex::default();
        let id = idx.resolve("Putin");
        assert_eq!(idx.get(id).unwrap().name, "Putin");
        // A form with a first name wins over a more frequent bare surname.
        idx.resolve("Putin");
        idx.resolve("Vladimir Putin");
        assert_eq!(idx.get(id).unwrap().name, "Vladimir Putin");
        // Among full forms, the more frequent; on a tie, the first seen.
        idx.resolve("Vladimir V. Putin");
        assert_eq!(idx.get(id).unwrap().name, "Vladimir Putin");
        idx.resolve("Vladimir V. Putin");
        assert_eq!(idx.get(id).unwrap().name, "Vladimir V. Putin");
        // The same rule over every form, as the index does it when nothing is known.
        let s = idx.get(id).unwrap();
        let best = s
            .forms
            .iter()
            .enumerate()
            .max_by_key(|(i, (f, n))| (form_core_len(f) > 1, *n, std::cmp::Reverse(*i)))
            .map(|(_, (f, _))| f.clone());
        assert_eq!(best.as_deref(), Some(s.name.as_str()));
        // A stored speaker whose name is none of its forms gets the best one.
        let mut stored = idx.get(id).unwrap().clone();
        stored.name = "someone else".into();
        let mut idx = SpeakerIndex::from_speakers(vec![stored]);
        idx.resolve("Putin");
        assert_eq!(idx.get(id).unwrap().name, "Vladimir V. Putin");
    }
}
