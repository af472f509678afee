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

    /// The first run of two to four capitalised name words whose first is a known first name
    /// (titles before it skipped).
    fn person_named_in(&self, toks: &[Token]) -> Option<String> {
        let text = self.text;
        let words: Vec<&str> = toks.iter().map(|t| word(text, t)).collect();
        let mut i = 0;
        while i < words.len() {
            if lexicon::is_first_name(words[i]) && is_cap(words[i]) && !lexicon::is_title(words[i])
            {
                let mut e = i + 1;
                while e < words.len() && e - i < 4 && is_cap(words[e]) && is_name_word(words[e]) {
                    e += 1;
                }
                if e - i >= 2 {
                    let name: Vec<&str> = words[i..e]
                        .iter()
                        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
                        .collect();
                    return Some(name.join(" "));
                }
            }
            i += 1;
        }
        None
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
        let start = i;
        while i < words.len() && i - start < 4 && is_cap(words[i]) && is_name_word(words[i]) {
            i += 1;
        }
        let name = &words[start..i];
        let ends = byline
            || words
                .get(i)
                .is_some_and(|w| *w == "," || lower_is(w, &["is", "was"]));
        (name.len() >= 2 && lexicon::is_first_name(name[0]) && ends).then(|| name.join(" "))
    }
}
