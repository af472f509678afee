//! A campaign or an administration a person runs, named as the body it is ("her campaign",
//! "the Okafor campaign", "His campaign … would not offer" -> "Okafor campaign"), never the
//! person; a person in it ("campaign manager Jeff Weaver") stays the person.

use super::super::words::*;
use super::super::*;

/// The bodies a person runs, as the word that names them.
const RUNS: [&str; 2] = ["campaign", "administration"];
/// The possessive pronouns that name the person running one.
const OWNERS: &[&str] = &["his", "her", "their"];

impl Doc<'_> {
    /// "her campaign", "the Okafor campaign" as one description: the owner, then the body.
    pub(super) fn campaign_phrase(
        &mut self,
        toks: &[Token],
        np: Np,
        words: &[&str],
        para_idx: usize,
        window_start: usize,
    ) -> Option<String> {
        let [owner @ .., last] = words else {
            return None;
        };
        if np.kind != NpKind::Description || owner.is_empty() {
            return None;
        }
        let owner: Vec<&str> = owner
            .iter()
            .copied()
            .skip_while(|w| lower_is(w, &["the"]))
            .collect();
        let run = RUNS.into_iter().find(|r| last == r)?;
        if owner.is_empty() || self.noun_after(toks, np.end) {
            return None;
        }
        let pos = toks[np.start].start;
        let e = match lexicon::pronoun(owner[0]) {
            Some(p) if owner.len() == 1 && lower_is(owner[0], OWNERS) => {
                let scope = Scope {
                    pos,
                    window_start,
                    sentence_start: self.sentence_of(para_idx, pos).start,
                };
                self.resolver.resolve_pronoun(scope, p)
            }
            _ if owner.iter().all(|w| is_cap(w) && is_name_word(w)) => {
                let names: Vec<&str> = owner
                    .iter()
                    .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
                    .collect();
                self.resolver.resolve_name(&names, pos)
            }
            _ => None,
        }?;
        self.run_name(e, run)
    }

    /// "his campaign", "the Sanders campaign", "Obama's administration" where the mention is
    /// the owner alone (the pronoun or the name, `entity` resolved) and the next word names
    /// the body.
    pub(super) fn campaign_after(
        &self,
        toks: &[Token],
        np: Np,
        words: &[&str],
        entity: Option<usize>,
    ) -> Option<String> {
        let next = toks.get(np.end).filter(|t| t.is_word)?;
        let run = RUNS.into_iter().find(|w| word(self.text, next) == *w)?;
        let owner = match np.kind {
            NpKind::Pronoun(_) => words.len() == 1 && lower_is(words[0], OWNERS),
            NpKind::Name => true,
            NpKind::Description => false,
        };
        if !owner || self.noun_after(toks, np.end + 1) {
            return None;
        }
        self.run_name(entity?, run)
    }

    /// Whether token `k` is a noun going on with the phrase before it: the body speaks when a
    /// verb, an auxiliary, an adverb or punctuation follows; a noun ("campaign manager Jeff
    /// Weaver", "administration officials") names people in it.
    pub(super) fn noun_after(&self, toks: &[Token], k: usize) -> bool {
        toks.get(k).filter(|t| t.is_word).is_some_and(|t| {
            let w = word(self.text, t);
            verb_at(self.text, t).is_none()
                && !FINITE.contains_ascii(w)
                && !ADVERBS.contains_lower(w)
        })
    }

    /// "Sanders campaign": the person's surname, then the body they run; `None` when the
    /// entity is no person.
    fn run_name(&self, e: usize, run: &str) -> Option<String> {
        let entity = &self.resolver.entities[e];
        if !entity.person {
            return None;
        }
        let surname = entity
            .canonical
            .split_whitespace()
            .last()
            .unwrap_or(&entity.canonical);
        Some(format!("{surname} {run}"))
    }
}
