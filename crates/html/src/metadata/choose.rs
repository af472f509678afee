//! Choosing each field (title, outlet, date, language) from its candidates, in an order
//! measured on the benchmark pages.

use super::*;

/// Chooses each field from the candidates.
pub fn choose(c: &Candidates) -> DocMeta {
    // The page's own site name, as its titles carry it, cuts the titles; the outlet is
    // the name readers know (see `outlet`).
    let site = choose_outlet(c);
    let url = c
        .canonical
        .clone()
        .or_else(|| c.og_url.clone())
        .or_else(|| c.jsonld.url.clone())
        .filter(|u| u.starts_with("http"));
    DocMeta {
        title: choose_title(c, site.as_deref()),
        author: choose_author(c),
        published: choose_date(c),
        lang: choose_lang(c),
        outlet: outlet_name(
            [
                c.site_name.as_deref(),
                c.jsonld.publisher.as_deref(),
                c.application_name.as_deref(),
                c.html_title
                    .as_deref()
                    .and_then(split_site_suffix)
                    .map(|(_, site)| site),
            ]
            .into_iter()
            .flatten(),
            url.as_deref(),
        ),
        url,
    }
}

pub(super) fn choose_outlet(c: &Candidates) -> Option<String> {
    c.site_name
        .clone()
        .or_else(|| c.jsonld.publisher.clone())
        .or_else(|| c.application_name.clone())
        .or_else(|| {
            let title = c.html_title.as_deref()?;
            split_site_suffix(title).map(|(_, site)| site.to_string())
        })
}

/// The headline. The visible `<h1>` is what readers (and the benchmark) call the title;
/// it is taken when a metadata title confirms it or when there is a single one. Otherwise
/// the metadata titles, with the site name cut off.
pub(super) fn choose_title(c: &Candidates, outlet: Option<&str>) -> Option<String> {
    let meta_titles: Vec<&str> = [
        c.jsonld.headline.as_deref(),
        c.og_title.as_deref(),
        c.twitter_title.as_deref(),
        c.itemprop_headline.as_deref(),
        c.dc_title.as_deref(),
        c.html_title.as_deref(),
        c.jsonld.page_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    // An h1 that a metadata title contains (or equals).
    for h in &c.h1 {
        let hn = normalize(h);
        if hn.len() < 3 {
            continue;
        }
        if meta_titles.iter().any(|t| normalize(t).contains(&hn)) {
            return Some(h.clone());
        }
    }
    if let Some(t) = meta_titles.first() {
        return Some(strip_site(t, outlet));
    }
    c.h1.first().cloned()
}

/// `t` without a trailing (or leading) ` | Site Name`.
pub(super) fn strip_site(t: &str, outlet: Option<&str>) -> String {
    match split_site_suffix(t) {
        Some((head, site)) => {
            let matches_outlet = outlet.is_some_and(|o| normalize(o) == normalize(site));
            if matches_outlet || char_len(site) <= 40 {
                head.to_string()
            } else {
                t.to_string()
            }
        }
        None => t.to_string(),
    }
}

/// Splits `Headline | Site` (also ` - `, ` – `, ` — `, ` :: `, ` · `, ` » `) at the last
/// separator: (headline, site).
pub(super) fn split_site_suffix(t: &str) -> Option<(&str, &str)> {
    const SEPARATORS: &[&str] = &[
        " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " || ",
    ];
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|s| t.rfind(s).map(|at| (at, *s)))
        .max_by_key(|(at, _)| *at)?;
    let head = t[..at].trim();
    let site = t[at + sep.len()..].trim();
    if head.is_empty() || site.is_empty() {
        return None;
    }
    Some((head, site))
}

/// Lower-cased letters and digits only.
pub(super) fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub(super) fn choose_date(c: &Candidates) -> Option<String> {
    if let Some(d) = c.jsonld.published.as_deref().and_then(parse_date) {
        return Some(d);
    }
    let mut meta: Vec<&(u8, String)> = c.meta_dates.iter().collect();
    meta.sort_by_key(|(rank, _)| *rank);
    if let Some(d) = meta.iter().find_map(|(_, v)| parse_date(v)) {
        return Some(d);
    }
    let marked = c.time_dates.iter().filter(|(m, _)| *m).map(|(_, v)| v);
    let unmarked = c.time_dates.iter().filter(|(m, _)| !*m).map(|(_, v)| v);
    if let Some(d) = marked.chain(unmarked).find_map(|v| parse_date(v)) {
        return Some(d);
    }
    if let Some(d) = c
        .class_dates
        .iter()
        .chain(&c.byline_dates)
        .find_map(|v| parse_date(v))
    {
        return Some(d);
    }
    if let Some(d) = [c.canonical.as_deref(), c.og_url.as_deref()]
        .into_iter()
        .flatten()
        .find_map(date_in_url)
    {
        return Some(d);
    }
    if let Some(d) = c.text_date.clone() {
        return Some(d);
    }
    c.jsonld
        .modified
        .iter()
        .chain(&c.modified_dates)
        .find_map(|v| parse_date(v))
}

/// `/2019/11/18/` (or `/2019-11-18`) in a URL path.
pub(super) fn date_in_url(url: &str) -> Option<String> {
    let path = url.split("://").nth(1).unwrap_or(url);
    let path = &path[path.find('/')?..];
    let parts: Vec<&str> = path.split(['/', '-', '_']).collect();
    for w in parts.windows(3) {
        let (y, m, d) = (w[0], w[1], w[2]);
        if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) {
            if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
                if let Some(date) = parse_date(&format!("{y:04}-{m:02}-{d:02}")) {
                    return Some(date);
                }
            }
        }
    }
    None
}

pub(super) fn choose_lang(c: &Candidates) -> Option<String> {
    [
        c.html_lang.as_deref(),
        c.meta_lang.as_deref(),
        c.jsonld.language.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find_map(primary_subtag)
}

/// "en-US" → "en"; "pt_BR" → "pt".
pub(super) fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag
        .trim()
        .split(['-', '_', ',', ';', ' '])
        .next()?
        .to_ascii_lowercase();
    let ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    ok.then_some(primary)
}
