//! The extraction pipeline for one document: quotation spans → attribution → kinds →
//! speakers. See the crate docs for what this is and is not for.

use std::ops::Range;
use std::rc::Rc;

use quotetrace_model::{Boilerplate, Quote, QuoteKind, Span, SpeakerType};
use quotetrace_text::{self as text, Quotation, Token};

use crate::lexicon::{self, Pronoun};
use crate::speakers::{is_name_word, split_roles, Resolver, Scope, Syntax};

mod labels;
mod mentions;
mod patterns;
mod phrases;
mod reported;
mod resolve;
mod subjects;
mod words;

#[cfg(test)]
pub(crate) use reported::generated_word_lists;
use reported::{cue_kind, indirect_speech, learned_speech, pull_quote};
#[cfg(feature = "training")]
pub use reported::{set_collect_only, take_cases, ReportedCase};
use words::*;

/// Everything extracted from one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub quotes: Vec<Quote>,
    /// Why each quote has its speaker, in the order of `quotes`.
    pub explanations: Vec<Explanation>,
    /// Every pronoun resolution with its candidates' features (training data export).
    #[cfg(feature = "training")]
    pub pronoun_cases: Vec<crate::speakers::PronounCase>,
    pub boilerplate: Vec<Boilerplate>,
    pub warnings: Vec<String>,
}

struct Para {
    range: Range<usize>,
    tokens: Rc<[Token]>,
    sentences: Vec<Range<usize>>,
    boiler: bool,
    headline: bool,
    /// Kept as text but outside the page's main stretches of article (a sidebar, a teaser
    /// kept for its prose): read for names, never a source of quotes.
    aside: bool,
}

impl Para {
    /// Whether quotes may be reported from this paragraph: not boilerplate, no headline (it
    /// echoes the body: "Mayor vows new bridge"), no aside.
    fn quotes_here(&self) -> bool {
        !self.boiler && !self.headline && !self.aside
    }
}

/// What kind of phrase names the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NpKind {
    Pronoun(Pronoun),
    Name,
    Description,
}

/// A speaker phrase: token indices `[start, end)` inside a paragraph's tokens.
#[derive(Debug, Clone, Copy)]
struct Np {
    start: usize,
    end: usize,
    kind: NpKind,
}

/// The attribution of one quote, resolved.
#[derive(Debug, Clone)]
struct Attribution {
    mention: Option<Range<usize>>,
    cue: Option<Range<usize>>,
    speaker: Option<String>,
    speaker_type: Option<SpeakerType>,
    confidence: f32,
    why: Explanation,
}

/// Why a quote has the speaker it has: the pattern that attributed it and how its speaker
/// phrase was resolved. Printed by `quotetrace extract --explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    /// The attribution pattern ("after the quote: X said", "continues the previous speaker").
    pub pattern: &'static str,
    /// How the speaker phrase became the speaker ("a pronoun, to the nearest compatible
    /// person").
    pub resolution: &'static str,
}

impl Default for Explanation {
    fn default() -> Explanation {
        Explanation {
            pattern: "no attribution found",
            resolution: "no speaker",
        }
    }
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}; {}", self.pattern, self.resolution)
    }
}

struct Doc<'a> {
    text: &'a str,
    paras: Vec<Para>,
    resolver: Resolver,
    /// Byte ranges (opening mark .. past closing mark) of every quotation.
    quoted: Vec<Range<usize>>,
    /// The words of the quotation whose speaker is being looked for, while one is.
    attributing: Option<Range<usize>>,
    /// The speaker labels that open paragraphs, read once when a label needs them
    /// (`labels.rs`).
    turn_labels: std::cell::OnceCell<Vec<(&'a str, bool)>>,
}

impl<'a> Doc<'a> {
    /// `text` is what extraction reads (Markdown syntax blanked), `ranges` its paragraphs,
    /// `boiler` which of them are boilerplate, `titles` which the markup says are headings and
    /// `asides` which are kept outside the article's main stretches.
    fn new(
        text: &'a str,
        ranges: Vec<Range<usize>>,
        boiler: &[bool],
        titles: &[bool],
        asides: &[bool],
    ) -> (Doc<'a>, Vec<Quotation>, Vec<String>) {
        let (quotations, warnings) = text::find_quotations(text, &ranges);
        let paras: Vec<Para> = ranges
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let s = &text[r.clone()];
                let unfinished = !s
                    .trim_end_matches(['"', '”', '’', '\''])
                    .ends_with(['.', '!', '?', ':', ',']);
                // An opening line in title case is a headline even when it ends with a stop
                // ("Senator Slams The Press In Debate Answer.").
                let headline = (i == 0
                    && ranges.len() > 1
                    && s.len() < 160
                    && (unfinished || strict_title_case(s)))
                    || (s.len() < 160 && unfinished && title_case(s))
                    || titles.get(i).copied().unwrap_or(false);
                Para {
                    range: r.clone(),
                    tokens: text::tokens(text, r.clone()).into(),
                    sentences: text::sentences(text, r.clone()),
                    boiler: boiler.get(i).copied().unwrap_or(false),
                    headline,
                    aside: asides.get(i).copied().unwrap_or(false),
                }
            })
            .collect();
        let quoted = quotations
            .iter()
            .map(|q| q.open..q.close_end.max(q.content.end))
            .collect();
        let mut doc = Doc {
            text,
            paras,
            resolver: Resolver::default(),
            quoted,
            attributing: None,
            turn_labels: std::cell::OnceCell::new(),
        };
        doc.scan_mentions();
        (doc, quotations, warnings)
    }

    fn inside_quote(&self, pos: usize) -> bool {
        let i = self.quoted.partition_point(|r| r.start <= pos);
        i > 0 && self.quoted[i - 1].end > pos
    }

    /// Whether any quotation overlaps `range` (quotations are sorted and disjoint).
    fn overlaps_quote(&self, range: Range<usize>) -> bool {
        let i = self.quoted.partition_point(|r| r.end <= range.start);
        self.quoted.get(i).is_some_and(|q| q.start < range.end)
    }

    fn sentence_of(&self, para_idx: usize, pos: usize) -> Range<usize> {
        let p = &self.paras[para_idx];
        let i = p.sentences.partition_point(|s| s.end <= pos);
        p.sentences
            .get(i)
            .filter(|s| s.start <= pos)
            .cloned()
            .unwrap_or(p.range.clone())
    }

    /// End of the sentence that contains `pos`, without its final punctuation.
    fn clause_end(&self, para_idx: usize, pos: usize) -> usize {
        let s = self.sentence_of(para_idx, pos);
        let t = &self.text[s.start..s.end];
        let end = s.start + t.trim_end_matches(['.', '!', '?', '…', ' ']).len();
        // A run-on "sentence" (no punctuation for pages) must not make every quote in it as
        // long as the page.
        floor_boundary(self.text, end.min(pos.max(s.start) + MAX_CLAUSE))
    }
}

/// A quote on its way out, before conversion to the model type.
struct Found {
    span: Range<usize>,
    kind: QuoteKind,
    attr: Option<Attribution>,
    verbatim: Vec<Range<usize>>,
    /// End of the attribution that follows the quote, when there is one (for merging).
    post_end: Option<usize>,
    para: usize,
}

impl Found {
    /// Reported speech: the whole span is the statement, with no verbatim piece and no
    /// attribution after it to merge.
    fn indirect(span: Range<usize>, attr: Attribution, para: usize) -> Found {
        Found {
            span,
            kind: QuoteKind::Indirect,
            attr: Some(attr),
            verbatim: vec![],
            post_end: None,
            para,
        }
    }

    /// A quotation as its marks delimit it: the content is the statement, all verbatim, with
    /// no attribution after it to merge.
    fn direct(q: &Quotation, attr: Option<Attribution>, para: usize) -> Found {
        Found {
            span: q.content.clone(),
            kind: QuoteKind::Direct,
            attr,
            verbatim: q.pieces.clone(),
            post_end: None,
            para,
        }
    }

    /// Takes in `q`, which continues this quote: the span runs to its end, its pieces are
    /// verbatim too, and the attribution after this quote no longer follows it.
    fn continue_with(&mut self, q: &Quotation) {
        self.span.end = q.content.end;
        self.verbatim.extend(q.pieces.iter().cloned());
        self.post_end = None;
    }
}

/// Extracts the quotations of one document from `text` (Markdown syntax already blanked, see
/// `crate::input`), given its paragraphs, which of them are boilerplate or headings, and the
/// boilerplate list to report.
pub(crate) fn extract_prepared(
    text: &str,
    ranges: Vec<Range<usize>>,
    boiler: &[bool],
    titles: &[bool],
    asides: &[bool],
    boilerplate: Vec<Boilerplate>,
) -> Extraction {
    let (mut doc, quotations, warnings) = Doc::new(text, ranges, boiler, titles, asides);
    let mut found: Vec<Found> = Vec::new();
    let mut qi = 0;
    for pi in 0..doc.paras.len() {
        let par_range = doc.paras[pi].range.clone();
        let in_para: Vec<Quotation> = {
            let mut v = Vec::new();
            while qi < quotations.len() && quotations[qi].open < par_range.end {
                if quotations[qi].open >= par_range.start {
                    v.push(quotations[qi].clone());
                }
                qi += 1;
            }
            v
        };
        if doc.paras[pi].boiler {
            continue;
        }
        let mut prev_close = par_range.start;
        for (n, q) in in_para.iter().enumerate() {
            let this_prev_close = prev_close;
            prev_close = q.close_end;
            if !doc.paras[pi].quotes_here() {
                continue;
            }
            let content = &text[q.content.clone()];
            let words = word_count(content);
            if words == 0 || is_data_string(text, q.open, q.close_end) {
                continue;
            }
            doc.attributing = Some(q.content.clone());
            // The paragraph where the quotation ends (it may run over several).
            let end_pi = (pi..doc.paras.len())
                .find(|&k| doc.paras[k].range.end >= q.content.end)
                .unwrap_or(pi);
            let next_open = in_para
                .get(n + 1)
                .map_or(doc.paras[end_pi].range.end, |x| x.open);
            let next_open = if end_pi == pi {
                next_open
            } else {
                doc.paras[end_pi].range.end
            };
            // "A," she said, "B." — B continues A when only A's attribution stands between.
            if let Some(last) = found.last_mut() {
                let follows_attr = last.para == pi
                    && last.kind == QuoteKind::Direct
                    && last.post_end.is_some_and(|e| {
                        e <= q.open
                            && text[e..q.open].chars().all(|c| {
                                c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '—' | '–')
                            })
                    });
                let second_clause = follows_attr && has_second_clause(&text[last.span.end..q.open]);
                if follows_attr
                    && !second_clause
                    && !doc.post_attribution_peek(end_pi, q.close_end, next_open)
                {
                    last.continue_with(q);
                    continue;
                }
            }
            let sent = doc.sentence_of(pi, q.open);
            let pre_from = floor_boundary(
                text,
                sent.start
                    .max(this_prev_close)
                    .max(q.open.saturating_sub(MAX_CLAUSE)),
            );
            let pre = doc.pre_attribution(pi, pre_from, q.open);
            let pre_words = word_count(&text[pre_from..q.open]);
            let colon_intro = text[pre_from..q.open].trim_end().ends_with(':');
            let pre_intro = matches!(pre, Some((_, true, _)));
            if let (Some((attr, true, _)), true) = (&pre, colon_intro) {
                found.push(Found::direct(q, Some(attr.clone()), pi));
                continue;
            }
            let post = if pre_intro && text[pre_from..q.open].trim_end().ends_with(',') {
                None
            } else {
                doc.post_attribution(end_pi, q.close_end, next_open)
            };
            let post = match (post, &pre) {
                (None, Some((attr, true, _))) => {
                    found.push(Found::direct(q, Some(attr.clone()), pi));
                    continue;
                }
                (post, _) => post,
            };
            // "Trump issued the following statement: “…”" (no reporting verb), or an
            // introduction ending the previous paragraph ("Jared Potts echoed:").
            if post.is_none() && pre.is_none() {
                let intro = if colon_intro {
                    Some((pi, pre_from, q.open))
                } else if pre_words == 0
                    && pi > 0
                    && !doc.paras[pi - 1].boiler
                    && text[doc.paras[pi - 1].range.clone()].ends_with(':')
                    && q.open == par_range.start
                {
                    let prev = doc.paras[pi - 1].range.clone();
                    let sent = doc.sentence_of(pi - 1, prev.end - 1);
                    Some((pi - 1, sent.start, prev.end))
                } else {
                    None
                };
                if let Some((ip, from, to)) = intro {
                    if let Some(attr) = doc.intro_attribution(ip, from, to) {
                        found.push(Found::direct(q, Some(attr), pi));
                        continue;
                    }
                }
            }
            if let Some((attr, post_end)) = post {
                let (span, kind) = if pre_words >= 2 && words < 12 {
                    (pre_from..q.content.end, QuoteKind::Partial)
                } else {
                    (q.content.clone(), QuoteKind::Direct)
                };
                found.push(Found {
                    span,
                    kind,
                    attr: Some(attr),
                    verbatim: q.pieces.clone(),
                    post_end: Some(post_end),
                    para: pi,
                });
                continue;
            }
            if let (Some((attr, false, content_start)), false) = (pre, is_title_quote(content)) {
                let end = doc.clause_end(end_pi, q.close_end.saturating_sub(1).max(q.content.end));
                let end = end.max(q.content.end);
                let kind = if words >= 3 {
                    QuoteKind::Partial
                } else {
                    QuoteKind::Indirect
                };
                found.push(Found {
                    span: content_start..end,
                    kind,
                    attr: Some(attr),
                    verbatim: q.pieces.clone(),
                    post_end: None,
                    para: pi,
                });
                continue;
            }
            if words < 3 {
                continue;
            }
            // No cue of its own: it continues the previous speaker, or is introduced by the
            // end of the previous paragraph ("X said:"), or stands unattributed.
            let starts_sentence = pre_words == 0;
            // "Lena Sorel agreed. “…”", "Quist “felt a duty” to act, Lind said. “…”": the
            // sentence before, after any earlier quotation of the paragraph, ends naming who
            // says it.
            if starts_sentence {
                let sentences = &doc.paras[pi].sentences;
                let before = sentences[..sentences.partition_point(|s| s.end <= q.open)]
                    .last()
                    .map(|s| s.start.max(this_prev_close)..s.end)
                    .filter(|s| s.start < s.end);
                if let Some(before) = before {
                    if let Some(attr) = doc.sentence_said_before(pi, before.start, before.end) {
                        found.push(Found::direct(q, Some(attr), pi));
                        continue;
                    }
                }
            }
            if let Some(last) = found.last_mut() {
                let same_para_after_attr = last.para == pi
                    && last.post_end.is_some_and(|e| {
                        e <= q.open
                            && text[e..q.open]
                                .chars()
                                .all(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'))
                    });
                if same_para_after_attr && last.kind == QuoteKind::Direct {
                    last.continue_with(q);
                    continue;
                }
                let close_enough =
                    last.para + 1 >= pi && last.attr.as_ref().is_some_and(|a| a.speaker.is_some());
                if starts_sentence && close_enough {
                    let mut attr = last.attr.clone().unwrap_or(Attribution {
                        mention: None,
                        cue: None,
                        speaker: None,
                        speaker_type: None,
                        confidence: 0.5,
                        why: Explanation::default(),
                    });
                    attr.cue = None;
                    attr.confidence = (attr.confidence * 0.7).min(0.65);
                    attr.why.pattern = "no cue of its own: continues the previous speaker";
                    found.push(Found::direct(q, Some(attr), pi));
                    continue;
                }
            }
            if words >= 4 && starts_sentence && !is_title_quote(content) {
                found.push(Found::direct(q, None, pi));
            }
        }
        doc.attributing = None;
        labels::labelled_speech(&mut doc, pi, &mut found);
        indirect_speech(&mut doc, pi, &mut found);
        learned_speech(&mut doc, pi, &mut found);
        pull_quote(&mut doc, pi, &mut found);
    }
    found.sort_by_key(|f| f.span.start);
    end_before_inner_quotes(text, &quotations, &mut found);
    quotation_whole_as_its_words(text, &quotations, &mut found);
    mark_quoted_fragments(text, &quotations, &mut found);
    let (quotes, explanations) = found
        .into_iter()
        .filter_map(|f| {
            let why = f.attr.as_ref().map(|a| a.why).unwrap_or_default();
            to_quote(text, f).map(|q| (q, why))
        })
        .unzip();
    Extraction {
        #[cfg(feature = "training")]
        pronoun_cases: doc.resolver.pronoun_cases.take(),
        quotes,
        explanations,
        boilerplate,
        warnings,
    }
}

/// Whether the attribution between two quotations says more than who spoke: a participle of
/// a reporting verb ("she said, noting that …", "he said, adding, …") or a second one after a
/// connective ("Trump said before adding:", "said one official, who added that …"). The
/// next quotation then starts a statement of its own.
fn has_second_clause(between: &str) -> bool {
    let mut seen_verb = false;
    let mut prev = "";
    for w in between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if lexicon::reporting_verb(w).is_some() {
            let connected = matches!(prev, "and" | "then" | "before" | "who" | "also" | "later");
            if seen_verb && (w.ends_with("ing") || connected) {
                return true;
            }
            seen_verb = true;
        }
        prev = w;
    }
    false
}

/// A partial or indirect quote whose clause runs over a quotation reported on its own ("Gore
/// insisted it was “premature” to back her, adding, “I have no doubt …”") ends before that
/// quotation and the marks and punctuation before it: each statement is reported once. A
/// quotation closed earlier in the clause keeps its closing mark. `found` is sorted by start.
fn end_before_inner_quotes(text: &str, quotations: &[Quotation], found: &mut [Found]) {
    for i in 0..found.len() {
        if found[i].kind == QuoteKind::Direct {
            continue;
        }
        let outer = found[i].span.clone();
        let inner = found[i + 1..]
            .iter()
            .take_while(|f| f.span.start < outer.end)
            .find(|f| f.span.start > outer.start && f.span.end <= outer.end)
            .map(|f| f.span.start);
        if let Some(at) = inner {
            let q = quotations.partition_point(|q| q.content.start < at);
            let open = quotations
                .get(q)
                .filter(|q| q.content.start == at && q.open > outer.start)
                .map(|q| q.open);
            let before = &text[outer.start..open.unwrap_or(at)];
            let cut = before.trim_end_matches(|c: char| {
                c.is_whitespace()
                    || matches!(c, ',' | ';' | ':' | '—' | '–' | '-')
                    || (open.is_none() && (c == '`' || is_quote_char(c)))
            });
            let end = outer.start + cut.len();
            found[i].span.end = end;
            found[i].verbatim.retain(|r| r.end <= end);
        }
    }
}

/// A reported quote that is one quotation whole, marks and all ("Sorel said “Too many.”"), is
/// its quoted words, a partial quote: `text` never holds the enclosing marks.
fn quotation_whole_as_its_words(text: &str, quotations: &[Quotation], found: &mut [Found]) {
    for f in found.iter_mut().filter(|f| f.kind != QuoteKind::Direct) {
        let span = &text[f.span.clone()];
        let start = f.span.start + (span.len() - span.trim_start().len());
        let end = start + span.trim().len();
        let at = quotations.partition_point(|q| q.open < start);
        if let Some(q) = quotations
            .get(at)
            .filter(|q| q.open == start && q.close_end == end && q.closed && q.paragraphs == 1)
        {
            f.span = q.content.clone();
            f.verbatim = q.pieces.clone();
            f.kind = QuoteKind::Partial;
        }
    }
}

/// Reported speech that holds a quotation of three words or more ("Cruz said he would
/// “carpet-bomb them into oblivion”", found by a cue and its clause rather than by the marks)
/// is a partial quote, as the rules call one they find from the marks: `indirect` is reported
/// speech without quotation marks (CONTRACT.md). Its quoted pieces become its verbatim words.
fn mark_quoted_fragments(text: &str, quotations: &[Quotation], found: &mut [Found]) {
    for f in found.iter_mut().filter(|f| f.kind == QuoteKind::Indirect) {
        let from = quotations.partition_point(|q| q.content.start < f.span.start);
        let inside: Vec<&Quotation> = quotations[from..]
            .iter()
            .take_while(|q| q.content.end <= f.span.end)
            .filter(|q| q.closed)
            .collect();
        if inside
            .iter()
            .any(|q| word_count(&text[q.content.clone()]) >= 3)
        {
            f.kind = QuoteKind::Partial;
            f.verbatim = inside.iter().flat_map(|q| q.pieces.clone()).collect();
        }
    }
}

fn to_quote(text: &str, f: Found) -> Option<Quote> {
    let mut start = f.span.start;
    let mut end = f.span.end.min(text.len());
    // Trim white space; offsets stay on character boundaries because we only move over ASCII
    // white space or whole characters.
    let s = text.get(start..end)?;
    start += s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
            .len();
    end = start + text[start..end].trim_end().len();
    if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let attr = f.attr;
    let cue_kind = (f.kind == QuoteKind::Indirect).then(|| {
        let cue = attr.as_ref().and_then(|a| a.cue.clone());
        let mention = attr.as_ref().and_then(|a| a.mention.clone());
        cue_kind(cue.map_or("", |c| &text[c]), mention.map(|m| &text[m]))
    });
    let verbatim = if f.verbatim.len() > 1 || f.kind != QuoteKind::Direct {
        f.verbatim
            .iter()
            .filter(|r| r.start < r.end)
            .map(|r| Span::of(text, r.start, r.end))
            .collect()
    } else {
        Vec::new()
    };
    Some(Quote {
        text: text[start..end].to_string(),
        start,
        end,
        kind: f.kind,
        speaker: attr.as_ref().and_then(|a| a.speaker.clone()),
        speaker_type: attr
            .as_ref()
            .and_then(|a| a.speaker.as_ref().and(a.speaker_type)),
        speaker_mention: attr
            .as_ref()
            .and_then(|a| a.mention.clone())
            .map(|m| Span::of(text, m.start, m.end)),
        cue: attr
            .as_ref()
            .and_then(|a| a.cue.clone())
            .map(|c| Span::of(text, c.start, c.end)),
        confidence: attr
            .as_ref()
            .map_or(0.3, |a| (a.confidence * 100.0).round() / 100.0),
        verbatim,
        cue_kind,
    })
}
