//! A campaign or an administration a person runs, named as the body it is ("her campaign",
//! "the Okafor campaign", "His campaign … would not offer" -> "Okafor campaign"; "his team"
//! where the article is about campaigns), never the person; a person in it ("campaign manager
//! Jeff Weaver") stays the person.

use super::super::words::*;
use super::super::*;

/// The bodies a person runs: the word in the text, then the name the body goes by ("the
/// Okafor camp" is the Okafor campaign).
const RUNS: [(&str, &str); 3] = [
    ("campaign", "campaign"),
    ("camp", "campaign"),
    ("administration", "administration"),
];
/// A person's team is their campaign in an article about campaigns ("Trump's team", "his
/// team"): the text must speak of a campaign somewhere.
const TEAM: &str = "team";

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
        let run = self.run_word(last)?;
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
                    named_in_content: &[],
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
        let run = self.run_word(word(self.text, next))?;
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

    /// The body a word after its owner names ("campaign", "camp", "administration"; "team"
    /// where the article speaks of a campaign).
    fn run_word(&self, w: &str) -> Option<&'static str> {
        if w.eq_ignore_ascii_case(TEAM) {
            return self.speaks_of_campaigns().then_some("campaign");
        }
        RUNS.into_iter()
            .find(|(r, _)| w.eq_ignore_ascii_case(r))
            .map(|(_, name)| name)
    }

    /// Whether the text has the word "campaign" (any case, any ending: "campaigns",
    /// "campaigning").
    fn speaks_of_campaigns(&self) -> bool {
        let b = self.text.as_bytes();
        b.windows(8).enumerate().any(|(i, w)| {
            w.eq_ignore_ascii_case(b"campaign") && (i == 0 || !b[i - 1].is_ascii_alphabetic())
        })
    }

    /// Whether token `k` names people in the body before it ("campaign manager Jeff Weaver",
    /// "administration officials", "campaign staff"): a title or a role noun, or a word for
    /// people. Anything else leaves the body the speaker: a verb, known to the lexicon or not
    /// ("her campaign sent out a message saying"), an adverb, or a thing it made ("her
    /// campaign website said").
    pub(super) fn noun_after(&self, toks: &[Token], k: usize) -> bool {
        toks.get(k).filter(|t| t.is_word).is_some_and(|t| {
            let w = word(self.text, t);
            names_people(w) || lower_is(w, &["staff", "staffer", "aide", "worker", "volunteer"])
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
