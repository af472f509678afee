//! Candidates for reported speech the exact rules missed: every cue word of the learned list
//! (cue_words.rs; the training export uses all of cue_words_all.rs) in a sentence proposes a
//! content span after it ("X said that …", "the poll found …", "X called for …") and, after a
//! comma, one before it ("…, X said", "…, according to X"), each with its speaker phrase. The
//! features describe the cue, its neighbours, the speaker phrase and the content's shape; the
//! exact rules' lexicon stays a feature.

use std::borrow::Cow;

use super::super::words::*;
use super::super::*;
use super::cue_words::CUE_WORDS;
#[cfg(feature = "training")]
use super::cue_words_all::CUE_WORDS_ALL as ALL_WORDS;
use super::guards;
use super::model::Scored;

#[cfg(not(feature = "training"))]
const ALL_WORDS: &[&str] = CUE_WORDS;

/// Where the content lies from the cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    After,
    Before,
}

/// One proposal: content byte range, cue token, speaker phrase, features.
pub(super) struct Candidate {
    pub(super) content: Range<usize>,
    pub(super) cue: usize,
    pub(super) cue_end: usize,
    pub(super) np: Option<Np>,
    pub(super) scored: Scored,
}

/// Whether `w` (any case) is in `words` (sorted, lower case). The word is lower-cased on the
/// stack (no cue word is longer than 24 bytes); a bitmap of the words' hashes rules out
/// nearly every other word before the binary search. Every word of a sentence is asked:
/// this is faster here than the lexicon's `WordSet` (measured: 0.4% of extraction's
/// instructions), and the generated lists stay as generated.
fn is_in(words: &'static [&'static str], w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 24 {
        return false;
    }
    let h = small_hash(b);
    if bitmap(words)[h / 64] & (1 << (h % 64)) == 0 {
        return false;
    }
    let mut buf = [0u8; 24];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    let key = &buf[..b.len()];
    words.binary_search_by(|e| e.as_bytes().cmp(key)).is_ok()
}

const BITMAP_BITS: usize = 8192;

/// FNV-1a of the ASCII-lower-cased bytes.
fn small_hash(b: &[u8]) -> usize {
    let mut h: u32 = 0x811C_9DC5;
    for &x in b {
        h = (h ^ u32::from(x.to_ascii_lowercase())).wrapping_mul(0x0100_0193);
    }
    h as usize % BITMAP_BITS
}

/// The hash bitmap of a word list (the runtime list, or the training export's), built once.
fn bitmap(words: &'static [&'static str]) -> &'static [u64; BITMAP_BITS / 64] {
    use std::sync::OnceLock;
    static MAPS: OnceLock<[[u64; BITMAP_BITS / 64]; 2]> = OnceLock::new();
    let maps = MAPS.get_or_init(|| {
        let build = |list: &[&str]| {
            let mut m = [0u64; BITMAP_BITS / 64];
            for w in list {
                let h = small_hash(w.as_bytes());
                m[h / 64] |= 1 << (h % 64);
            }
            m
        };
        [build(CUE_WORDS), build(ALL_WORDS)]
    });
    if std::ptr::eq(words, CUE_WORDS) {
        &maps[0]
    } else {
        &maps[1]
    }
}

/// `w` in lower case, borrowed when it already is.
fn lower(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

fn len_bucket(n: usize) -> &'static str {
    match n {
        0..=2 => "1",
        3..=5 => "3",
        6..=10 => "6",
        11..=20 => "11",
        21..=40 => "21",
        _ => "41",
    }
}

fn np_kind(np: Option<Np>) -> &'static str {
    match np.map(|n| n.kind) {
        None => "none",
        Some(NpKind::Pronoun(_)) => "pron",
        Some(NpKind::Name) => "name",
        Some(NpKind::Description) => "desc",
    }
}

/// A short lower-case key for a token ("," for punctuation, "CAP" for a capitalised word
/// other than a pronoun), to keep the hashed vocabulary small.
fn key<'a>(text: &'a str, toks: &[Token], i: usize, lo: usize, hi: usize) -> Cow<'a, str> {
    if i < lo || i >= hi {
        return Cow::Borrowed("#");
    }
    let w = word(text, &toks[i]);
    if toks[i].is_word && is_cap(w) && lexicon::pronoun(w).is_none() {
        return Cow::Borrowed("CAP");
    }
    lower(w)
}

impl Doc<'_> {
    /// The candidates of the sentence `s` (tokens `[lo, hi)` of paragraph `pi`) for the cue
    /// words `words` (sorted, lower case).
    pub(super) fn reported_candidates(
        &self,
        known: &dyn Fn(&Range<usize>) -> bool,
        words: &'static [&'static str],
        pi: usize,
        s: Range<usize>,
        lo: usize,
        hi: usize,
    ) -> Vec<Candidate> {
        let text = self.text;
        let toks = &self.paras[pi].tokens;
        let mut out = Vec::new();
        for v in lo..hi {
            let t = &toks[v];
            let w = word(text, t);
            if !(t.is_word || w == ":") || !is_in(words, w) || self.inside_quote(t.start) {
                continue;
            }
            // A noun ("a big question"), or a passive with nobody saying ("is expected to").
            // Or a question put to the subject ("Asked whether …, Roth said").
            if guards::cue_is_noun(text, toks, v, lo)
                || guards::passive_cue(text, toks, v, lo)
                || guards::question_opening(text, toks, v, lo)
            {
                continue;
            }
            if let Some(cs) = self.after_candidate(known, pi, &s, lo, hi, v) {
                out.extend(cs);
            }
            if let Some(c) = self.before_candidate(known, pi, lo, hi, v) {
                out.push(c);
            }
        }
        out
    }

    /// "X said (that) CONTENT", "According to X, CONTENT", "X: CONTENT".
    fn after_candidate(
        &self,
        known: &dyn Fn(&Range<usize>) -> bool,
        pi: usize,
        s: &Range<usize>,
        lo: usize,
        hi: usize,
        v: usize,
    ) -> Option<Vec<Candidate>> {
        let text = self.text;
        let toks = &self.paras[pi].tokens;
        let w = word(text, &toks[v]);
        let mut cue_end = v + 1;
        let mut np;
        let mut c = v + 1;
        if w.eq_ignore_ascii_case("according") {
            if toks.get(v + 1).is_none_or(|t| word(text, t) != "to") {
                return None;
            }
            let comma = (v + 2..hi).find(|&k| word(text, &toks[k]) == ",")?;
            np = self.np_after(toks, v + 2, comma);
            cue_end = v + 2;
            c = comma + 1;
        } else if w == ":" {
            np = self.np_before(toks, v, lo);
        } else {
            // "CONTENT, said Dan Pike": the name is the subject, not what was said.
            if super::inverted_subject(self, toks, v, lo, hi).is_some()
                || matches!(
                    super::relative_in_subject(self, toks, v, lo, hi),
                    Some(super::Relative::Reports)
                )
            {
                return None;
            }
            np = self.subject_of(toks, v, lo);
            while c < hi && PARTICLES.contains_lower(word(text, &toks[c])) {
                c += 1;
                cue_end = c;
            }
            let listener = verb_at(text, &toks[v]).is_some_and(|i| i.takes_listener);
            if listener {
                if let Some(obj) = self.listener_after(toks, c, hi) {
                    c = obj.end;
                }
            }
        }
        while c < hi && matches!(word(text, &toks[c]), "," | ":") {
            c += 1;
        }
        if c >= hi
            || guards::unsaid_content(text, toks, c, hi)
            || guards::pointer_content(text, toks, c, hi)
        {
            return None;
        }
        // An action that frames another event ("… after the union rejected the offer").
        if !guards::core_saying(w)
            && np.is_some_and(|n| guards::circumstance(text, toks, n.start, lo))
        {
            return None;
        }
        let start = toks[c].start;
        let end = self.clause_end(pi, s.start).max(start);
        if np.is_some_and(|n| n.start >= c) {
            np = None;
        }
        let mut out = Vec::new();
        if !known(&(start..end)) {
            let whole = self.after_with_end(pi, lo, hi, v, c, start..end, np, "sent")?;
            out.push(Candidate { cue_end, ..whole });
        }
        // The content may stop at the first comma or conjunction after a few words ("…, which
        // …", "…, meaning …", "… and …"): a second proposal, the model choosing.
        let stop = (c + 3..hi).find(|&k| {
            let w = word(text, &toks[k]);
            (w == "," || w == ";" || lower_is(w, &["while", "but", "because", "after", "and"]))
                && !self.inside_quote(toks[k].start)
        });
        if let Some(k) = stop {
            let stop_word = key(text, toks, k, lo, hi);
            let next = key(text, toks, k + 1, lo, hi);
            if let Some(whole) = out.first_mut() {
                whole.scored.add(&["sentstop=", &stop_word, " ", &next]);
            }
            let short = toks[c].start..toks[k].start;
            if short.end < end && !known(&short) {
                if let Some(mut cand) = self.after_with_end(pi, lo, hi, v, c, short, np, "stop") {
                    cand.scored.add(&["stopat=", &stop_word, " ", &next]);
                    let w = lower(word(text, &toks[v]));
                    cand.scored.add(&["stopw=", &stop_word, " ", &w]);
                    out.push(Candidate { cue_end, ..cand });
                }
            }
        } else if let Some(whole) = out.first_mut() {
            whole.scored.add(&["sentstop=none"]);
        }
        Some(out)
    }

    /// One "after" proposal with the content `content` starting at token `c`.
    #[allow(clippy::too_many_arguments)]
    fn after_with_end(
        &self,
        pi: usize,
        lo: usize,
        hi: usize,
        v: usize,
        c: usize,
        content: Range<usize>,
        np: Option<Np>,
        end_kind: &str,
    ) -> Option<Candidate> {
        let text = self.text;
        let words = word_count(&text[content.clone()]);
        if words < 2 {
            return None;
        }
        let mut scored = Scored::default();
        self.features(&mut scored, pi, lo, hi, v, Side::After, np, c, words);
        scored.add(&["end=", end_kind]);
        let w = lower(word(text, &self.paras[pi].tokens[v]));
        scored.add(&["wend=", &w, "|", end_kind]);
        if self.overlaps_quote(content.clone()) {
            scored.add(&["content_quoted|", end_kind]);
        }
        Some(Candidate {
            content,
            cue: v,
            cue_end: v + 1,
            np,
            scored,
        })
    }

    /// "CONTENT, X said.", "CONTENT, said X.", "CONTENT, according to X.", "CONTENT, a poll
    /// found."
    fn before_candidate(
        &self,
        known: &dyn Fn(&Range<usize>) -> bool,
        pi: usize,
        lo: usize,
        hi: usize,
        v: usize,
    ) -> Option<Candidate> {
        let text = self.text;
        let toks = &self.paras[pi].tokens;
        if guards::participle_opening(text, toks, lo) {
            return None;
        }
        let from = v.saturating_sub(8).max(lo + 3);
        let comma = (from..v).rev().find(|&k| word(text, &toks[k]) == ",")?;
        let start = toks[lo].start;
        let end = toks[comma].start;
        if known(&(start..end)) {
            return None;
        }
        let words = word_count(&text[start..end]);
        if words < 3 {
            return None;
        }
        let w = word(text, &toks[v]);
        let mut cue_end = v + 1;
        let np = if w.eq_ignore_ascii_case("according") {
            cue_end = v + 2;
            self.np_after(toks, v + 2, hi)
        } else if v == comma + 1 {
            self.np_after(toks, v + 1, hi)
        } else {
            self.np_before(toks, v, comma + 1)
        };
        let mut scored = Scored::default();
        self.features(&mut scored, pi, lo, hi, v, Side::Before, np, comma, words);
        let after = word_count(&text[toks[v].end..toks[hi - 1].end]);
        scored.add(&["after=", len_bucket(after)]);
        scored.add(&["wafter=", &lower(w), "|", len_bucket(after)]);
        if self.overlaps_quote(start..end) {
            scored.add(&["content_quoted|B"]);
        }
        Some(Candidate {
            content: start..end,
            cue: v,
            cue_end,
            np,
            scored,
        })
    }

    /// The features of a candidate with cue token `v`, content starting (After) or ending
    /// (Before) at token `edge`, `words` words long.
    #[allow(clippy::too_many_arguments)]
    fn features(
        &self,
        f: &mut Scored,
        pi: usize,
        lo: usize,
        hi: usize,
        v: usize,
        side: Side,
        np: Option<Np>,
        edge: usize,
        words: usize,
    ) {
        let text = self.text;
        let toks = &self.paras[pi].tokens;
        let d = if side == Side::After { "A" } else { "B" };
        let w = lower(word(text, &toks[v]));
        let p1 = key(text, toks, v.wrapping_sub(1), lo, hi);
        let p2 = key(text, toks, v.wrapping_sub(2), lo, hi);
        let n1 = key(text, toks, v + 1, lo, hi);
        let n2 = key(text, toks, v + 2, lo, hi);
        let src = np_kind(np);
        f.add(&["bias"]);
        f.add(&["d=", d]);
        f.add(&["w=", &w]);
        f.add(&["wd=", &w, "|", d]);
        f.add(&["p1=", &p1, "|", d]);
        f.add(&["p2p1=", &p2, " ", &p1]);
        f.add(&["n1=", &n1, "|", d]);
        f.add(&["wn1=", &w, " ", &n1]);
        f.add(&["wp1=", &p1, " ", &w]);
        f.add(&["n1n2=", &n1, " ", &n2, "|", d]);
        let stem = w
            .strip_suffix("ing")
            .or_else(|| w.strip_suffix("ed"))
            .or_else(|| w.strip_suffix("es"))
            .or_else(|| w.strip_suffix('s'))
            .unwrap_or(&w);
        f.add(&["stem=", stem, "|", d]);
        f.add(&["src=", src, "|", d]);
        f.add(&["wsrc=", &w, "|", src, "|", d]);
        if let Some(np) = np {
            let last = word(text, &toks[np.end - 1]);
            let head = if is_cap(last) && np.kind == NpKind::Name {
                Cow::Borrowed("CAP")
            } else {
                lower(last)
            };
            f.add(&["srchead=", &head]);
            f.add(&["srcheadw=", &head, " ", &w]);
            let gap = if side == Side::After {
                v.saturating_sub(np.end)
            } else {
                np.start.saturating_sub(v + 1)
            };
            f.add(&["srcgap=", len_bucket(gap), "|", d]);
        }
        let len = len_bucket(words);
        f.add(&["len=", len, "|", d]);
        f.add(&["wlen=", &w, "|", len, "|", d]);
        f.add(&["pos=", len_bucket(v - lo), "|", d]);
        f.add(&["rest=", len_bucket(hi - v), "|", d]);
        let e = key(text, toks, edge, lo, hi);
        f.add(&["edge=", &e, "|", d]);
        match verb_at(text, &toks[v]) {
            Some(i) if i.speech => f.add(&["lex=speech|", d]),
            Some(i) if i.manner => f.add(&["lex=manner|", d]),
            Some(_) => f.add(&["lex=verb|", d]),
            None => f.add(&["lex=none|", d]),
        }
        let sent = toks[lo].start..toks[hi - 1].end;
        if self.overlaps_quote(sent) {
            f.add(&["quoted|", d]);
        }
        let last = word(text, &toks[hi - 1]);
        f.add(&["last=", if last == "?" { "?" } else { "." }, "|", d]);
        if is_cap(word(text, &toks[v])) {
            f.add(&["capcue|", d]);
        }
    }
}
