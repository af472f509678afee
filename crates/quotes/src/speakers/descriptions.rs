//! Descriptions resolved to an entity: "the Russian leader", "the longtime senator", "the
//! ministry" to the one introduced with that role or body word, else to the salient person the
//! role fits.

use super::{Resolver, Scope, RECENT, SALIENT};
use crate::lexicon;

impl Resolver {
    /// The entity a description ("the Russian leader", "the ministry") refers to at `pos`.
    pub fn resolve_description(&self, words: &[&str], end: usize) -> Option<usize> {
        match self.description_target(words, end) {
            Target::Entity(e) => e,
            Target::Salient(class) => self.salient_fitting(class, end),
        }
    }

    /// As `resolve_description`, but a role nobody was introduced with goes to the person
    /// the pronoun ranker puts first among those it fits (`resolve_role_anaphor`).
    pub fn resolve_description_in(
        &self,
        words: &[&str],
        end: usize,
        scope: Scope,
    ) -> Option<usize> {
        match self.description_target(words, end) {
            Target::Entity(e) => e,
            Target::Salient(class) => self.resolve_role_anaphor(scope, class),
        }
    }

    /// Where the latest mention of entity `i` that ends by `pos` and is no oblique ("in
    /// Chelsea", "for Ash") starts.
    fn last_mention_before(&self, i: usize, pos: usize) -> Option<usize> {
        let upto = self.mentions.partition_point(|m| m.end <= pos);
        self.mentions[..upto]
            .iter()
            .rev()
            .find(|m| m.entity == i && !m.oblique)
            .map(|m| m.start)
    }

    /// The salient person a role fits (named or quoted three times or more, with no role of
    /// another class) when nobody was introduced with it.
    fn salient_fitting(&self, class: &str, end: usize) -> Option<usize> {
        (0..self.entities.len())
            .rev()
            .take(RECENT)
            .filter(|&i| {
                let e = &self.entities[i];
                e.fits_role(class) && e.first_seen < end && e.count >= SALIENT
            })
            .max_by_key(|&i| (self.entities[i].count, i))
    }

    fn description_target(&self, words: &[&str], end: usize) -> Target {
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        // The head is the word before "of" ("head of state", "President of Kestria") or,
        // for a people noun or a role, another preposition ("officials in Moscow", "a
        // spokesman for the ministry"; not "the Center for Responsive Politics").
        let before_of = lower
            .iter()
            .position(|w| w == "of")
            .or_else(|| {
                lower.iter().enumerate().position(|(i, w)| {
                    i > 0
                        && lexicon::AFFILIATION_PREPOSITIONS.contains(w)
                        && (lexicon::PEOPLE_PLURALS.contains(&lower[i - 1])
                            || lexicon::role_class(&lower[i - 1]).is_some())
                })
            })
            .filter(|&i| i > 0)
            .map(|i| &lower[i - 1]);
        let Some(head) = before_of.or_else(|| {
            lower
                .iter()
                .rev()
                .find(|w| !matches!(w.as_str(), "of" | "the" | "for"))
        }) else {
            return Target::Entity(None);
        };
        let before = |i: usize| self.entities[i].first_seen < end;
        if lexicon::is_org_word(head) && lexicon::role_class(head).is_none() {
            return Target::Entity(self.with_name(head).find(|&i| {
                self.entities[i].is_org
                    && self.entities[i].names.iter().any(|n| n == head)
                    && before(i)
            }));
        }
        let Some(class) = lexicon::role_class(head)
            .or_else(|| lower.iter().rev().find_map(|w| lexicon::role_class(w)))
        else {
            // No role word ("the retired neurosurgeon"): the most recent person introduced
            // with the same head noun ("Ben Carson, a retired neurosurgeon,").
            return Target::Entity((0..self.entities.len()).rev().take(RECENT).find(|&i| {
                let e = &self.entities[i];
                !e.is_org && before(i) && e.roles.iter().any(|r| r == head)
            }));
        };
        let modifiers: Vec<&String> = lower
            .iter()
            .filter(|w| lexicon::role_class(w).is_none() && !lexicon::DETERMINERS.contains(w))
            .collect();
        // Among those introduced with a role of the class, the one with the very office ("Sen."
        // for "the senator", not "Rep."), then the most modifiers shared, then the one named
        // most recently ("McCain said. The longtime senator said ...").
        let mut best: Option<((bool, usize, usize), usize)> = None;
        for i in (0..self.entities.len()).rev().take(RECENT) {
            let e = &self.entities[i];
            if e.is_org
                || !before(i)
                || !e
                    .roles
                    .iter()
                    .any(|r| lexicon::role_class(r) == Some(class))
            {
                continue;
            }
            let shared = modifiers
                .iter()
                .filter(|m| {
                    e.roles
                        .iter()
                        .any(|r| r == **m || r.starts_with(m.as_str()) || m.starts_with(r.as_str()))
                })
                .count();
            let same_office = e.roles.iter().any(|r| same_office(r, head));
            let recency = self.last_mention_before(i, end).unwrap_or(e.first_seen);
            let key = (same_office, shared, recency);
            if best.is_none_or(|(k, _)| key > k) {
                best = Some((key, i));
            }
        }
        // Nobody was introduced with the role: the salient person it fits, or nobody. A
        // spokesperson, or anyone described by whom they work for or where they are ("a
        // spokeswoman for YouTube", "officials in Moscow"), is never the article's principal.
        let speaks_for = class == "spokesperson"
            || lower
                .iter()
                .any(|w| lexicon::AFFILIATION_PREPOSITIONS.contains(w));
        match best {
            Some((_, i)) => Target::Entity(Some(i)),
            None if speaks_for => Target::Entity(None),
            None => Target::Salient(class),
        }
    }
}

/// Whether a role word an entity was introduced with names the same office as a description's
/// head: the word itself or its abbreviation ("sen." for "senator", "gov" for "governor").
fn same_office(role: &str, head: &str) -> bool {
    let role = role.trim_end_matches('.');
    role == head || (role.len() >= 3 && head.len() > role.len() && head.starts_with(role))
}

/// What a description refers to: an entity (or nobody) found from the words alone, or the
/// person a role fits when nobody was introduced with it (`Salient`, the role's class).
enum Target {
    Entity(Option<usize>),
    Salient(&'static str),
}
