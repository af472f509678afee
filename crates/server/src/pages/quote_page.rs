//! The quote page: the provenance of a statement (first appearance, each appearance with its
//! changed words, the outlets, the spread on a timeline).

use super::*;

/// A stretch of a word diff: `same`, `added` or `removed`.
pub(crate) struct DiffPart {
    pub kind: &'static str,
    pub text: String,
}

/// One appearance of a quote on its provenance page.
pub(crate) struct Appearance {
    pub quote: QuoteView,
    pub url: Option<String>,
    pub parts: Vec<DiffPart>,
    pub changed: bool,
    pub first: bool,
    pub this: bool,
    pub duplicate_of: Option<String>,
    pub confidence: String,
    /// How it joined the group: "same words", "edited", "translation", "paraphrase".
    pub link: &'static str,
}

pub(crate) fn diff_parts(first: &str, text: &str) -> Vec<DiffPart> {
    let mut parts: Vec<DiffPart> = Vec::new();
    let push = |parts: &mut Vec<DiffPart>, kind: &'static str, word: String| match parts.last_mut()
    {
        Some(p) if p.kind == kind => {
            p.text.push(' ');
            p.text.push_str(&word);
        }
        _ => parts.push(DiffPart { kind, text: word }),
    };
    // Within a run of changes, what went out is shown before what came in.
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let flush = |parts: &mut Vec<DiffPart>, removed: &mut Vec<String>, added: &mut Vec<String>| {
        for w in removed.drain(..) {
            push(parts, "removed", w);
        }
        for w in added.drain(..) {
            push(parts, "added", w);
        }
    };
    for e in variants::diff(first, text) {
        match e {
            Edit::Same(w) => {
                flush(&mut parts, &mut removed, &mut added);
                push(&mut parts, "same", w);
            }
            Edit::Added(w) => added.push(w),
            Edit::Removed(w) => removed.push(w),
        }
    }
    flush(&mut parts, &mut removed, &mut added);
    parts
}

#[derive(Template)]
#[template(path = "quote.html")]
pub(crate) struct QuotePage {
    pub(crate) title: String,
    pub(crate) q: String,
    pub(crate) quote: QuoteView,
    pub(crate) speaker: Option<(String, String)>,
    pub(crate) first: QuoteView,
    pub(crate) appearances: Vec<Appearance>,
    pub(crate) outlets: Vec<String>,
    pub(crate) timeline: Option<Timeline>,
    pub(crate) variants: usize,
    pub(crate) total: usize,
    /// Whether the first appearance is dated (else when it first appeared is not known).
    pub(crate) first_dated: bool,
    pub(crate) undated: usize,
}

pub(crate) async fn quote(
    State(app): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, PageError> {
    let Path(id) = id?;
    let (row, trace) = api::trace_of_quote(&app, id, PAGE_APPEARANCES).await?;
    let first_text = trace.first.quote.text.clone();
    let appearances: Vec<Appearance> = trace
        .appearances
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let parts = diff_parts(&first_text, &a.quote.text);
            Appearance {
                changed: parts.iter().any(|p| p.kind != "same"),
                parts,
                quote: quote_view(&a.quote),
                url: a
                    .quote
                    .meta
                    .url
                    .clone()
                    .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
                first: i == 0,
                this: a.quote.id == id,
                duplicate_of: a.duplicate_of.map(|d| format!("/documents/{d}")),
                confidence: format!("{:.2}", a.quote.variant_confidence),
                link: match a.quote.variant_kind.as_deref() {
                    Some("same") => "same words",
                    Some("translation") => "translation",
                    Some("paraphrase") => "paraphrase",
                    _ => "edited",
                },
            }
        })
        .collect();
    let events: Vec<Event> = appearances
        .iter()
        .map(|a| Event {
            date: (a.quote.date != "undated").then(|| a.quote.date.clone()),
            lane: a.quote.outlet.clone(),
            href: a.quote.href.clone(),
            title: format!("{} — {}: {}", a.quote.date, a.quote.outlet, a.quote.title),
        })
        .collect();
    let speaker = trace
        .appearances
        .iter()
        .find_map(|a| a.quote.speaker.clone().zip(a.quote.speaker_id))
        .map(|(n, i)| (n, format!("/speakers/{i}")));
    Ok(render(&QuotePage {
        title: short(&row.text, 60),
        q: String::new(),
        quote: quote_view(&row),
        speaker,
        first: quote_view(&trace.first.quote),
        variants: appearances.iter().filter(|a| a.changed).count(),
        timeline: timeline::layout(&events, LANES, true),
        outlets: trace.outlets.clone(),
        total: trace.appearances_total,
        first_dated: trace.first_dated,
        undated: trace.undated,
        appearances,
    }))
}
