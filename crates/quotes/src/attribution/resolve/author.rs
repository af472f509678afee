//! Who "I" is when "I" says something outside any quotation: in an interview printed as
//! questions and answers ("Q: …" / "A: …"), the person interviewed, named before the first
//! question; in a first-person piece (an op-ed, a letter), its signed author, named by a
//! closing line about them ("Jane Roe, a law professor, is a member of ...") or by a byline
//! ("By Jane Roe") at the top.

use super::super::words::*;
use super::super::*;

/// How a paragraph of a printed interview opens: a question ("Q: ", "Q. ", "Q " or a "Q"
/// glued to the question's first word, as scraped bold labels leave it), an answer ("A: ",
/// "A. ", "A — "), or neither.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Turn {
    Question,
    Answer,
}

fn turn(par: &str) -> Option<Turn> {
    let b = par.as_bytes();
    let label = |c: u8| {
        b.first() == Some(&c)
            && (matches!(b.get(1), Some(b':' | b'.')) && b.get(2) == Some(&b' ')
                || par[1..].starts_with(" — ")
                || par[1..].starts_with(" - "))
    };
    if label(b'A') {
        return Some(Turn::Answer);
    }
    let glued = b.first() == Some(&b'Q')
        && b.get(1).is_some_and(u8::is_ascii_uppercase)
        && b.get(2).is_some_and(u8::is_ascii_lowercase);
    (label(b'Q') || b.starts_with(b"Q ") || glued).then_some(Turn::Question)
}

impl Doc<'_> {
    /// In an interview printed as questions and answers (two answers and two questions at
    /// least), the person who answers, when paragraph `para_idx` is an answer or follows one:
    /// the first person named with a known first name before the first question (the title
    /// and the introduction).
    pub(in super::super) fn interviewee(&self, para_idx: usize) -> Option<String> {
        let turns: Vec<Option<Turn>> = self
            .paras
            .iter()
            .map(|p| turn(&self.text[p.range.clone()]))
            .collect();
        let count = |t: Turn| turns.iter().filter(|&&x| x == Some(t)).count();
        if count(Turn::Answer) < 2 || count(Turn::Question) < 2 {
            return None;
        }
        // The turn this paragraph belongs to: its own label, else the last one before it.
        let current = turns.get(..=para_idx)?.iter().rev().find_map(|t| *t);
        if current != Some(Turn::Answer) {
            return None;
        }
        let first_question = turns.iter().position(|&t| t == Some(Turn::Question))?;
        self.paras[..first_question]
            .iter()
            .find_map(|p| self.person_named_in(&p.tokens))
    }

    /// The first person's name ([`person_run`]) whose first word is no title.
    fn person_named_in(&self, toks: &[Token]) -> Option<String> {
        let text = self.text;
        let words: Vec<&str> = toks.iter().map(|t| word(text, t)).collect();
        (0..words.len()).find_map(|i| {
            let end = person_run(&words, i).filter(|_| !lexicon::is_title(words[i]))?;
            let name: Vec<&str> = words[i..end]
                .iter()
                .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
                .collect();
            Some(name.join(" "))
        })
    }

    /// The author's name, from the last paragraph or a byline in the first three; `None`
    /// when neither names a person.
    pub(in super::super) fn signed_author(&self) -> Option<String> {
        let last = self.paras.iter().rev().find(|p| !p.tokens.is_empty())?;
        if last.range.len() < 400 {
            if let Some(name) = self.name_at_start(&last.tokens, false) {
                return Some(name);
            }
        }
        self.paras
            .iter()
            .take(3)
            .filter(|p| p.range.len() < 80)
            .find_map(|p| self.name_at_start(&p.tokens, true))
    }

    /// The person's name that opens a paragraph: after "By" for a byline, else followed by a
    /// comma or "is"/"was" (a closing line about the author). Titles before the name are
    /// skipped; the first name must be a known one.
    fn name_at_start(&self, toks: &[Token], byline: bool) -> Option<String> {
        let text = self.text;
        let words: Vec<&str> = toks.iter().take(12).map(|t| word(text, t)).collect();
        let mut i = 0;
        if byline {
            if !words.first().is_some_and(|w| lower_is(w, &["by"])) {
                return None;
            }
            i = 1;
        }
        while i < words.len() && lexicon::is_title(words[i]) {
            i += 1;
        }
        let end = person_run(&words, i).filter(|_| is_name_word(words[i]))?;
        let ends = byline
            || words
                .get(end)
                .is_some_and(|w| *w == "," || lower_is(w, &["is", "was"]));
        ends.then(|| words[i..end].join(" "))
    }
}

/// Where a person's name starting at word `start` ends: a known first name, capitalised, then
/// one to three capitalised name words; `None` when there is no such run.
fn person_run(words: &[&str], start: usize) -> Option<usize> {
    let first = words.get(start)?;
    if !(is_cap(first) && lexicon::is_first_name(first)) {
        return None;
    }
    let mut end = start + 1;
    while end < words.len() && end - start < 4 && is_cap(words[end]) && is_name_word(words[end]) {
        end += 1;
    }
    (end - start >= 2).then_some(end)
}
