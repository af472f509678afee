//! The signed author of a first-person piece (an op-ed, a letter): who "I" is when "I" says
//! something outside any quotation. The author is named by a closing line about them ("Jane
//! Roe, a law professor, is a member of ...") or by a byline ("By Jane Roe") at the top.

use super::super::words::*;
use super::super::*;

impl Doc<'_> {
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
