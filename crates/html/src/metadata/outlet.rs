//! The outlet's name as readers know it.
//!
//! Pages name their publisher in many ways, and not all are names: a section ("U.S." on a
//! Reuters page), a hosting service ("Hosted" on AP's hosted pages), a handle ("usatoday",
//! "@politifact"), a URL, or a name with a tagline ("LinkNaija | Nigeria's popular news
//! platform"). The name is taken from the page's candidates when it is one, with the tagline
//! cut; a short table of common news domains names the outlets whose pages are known to
//! mislead; failing all, the page's domain (without `www.`) names it.
//!
//! Not for: grouping an outlet's pages for statistics (`quotetrace_link::outlet_key`).

/// Well-known news domains and the names their readers know them by. A page on the domain or
/// any of its subdomains gets this name, whatever its metadata says.
const KNOWN: &[(&str, &str)] = &[
    ("abcnews.go.com", "ABC News"),
    ("aljazeera.com", "Al Jazeera"),
    ("ap.org", "Associated Press"),
    ("apnews.com", "Associated Press"),
    ("axios.com", "Axios"),
    ("bbc.co.uk", "BBC News"),
    ("bbc.com", "BBC News"),
    ("bloomberg.com", "Bloomberg"),
    ("businessinsider.com", "Business Insider"),
    ("cbsnews.com", "CBS News"),
    ("cleveland.com", "Cleveland.com"),
    ("cnbc.com", "CNBC"),
    ("cnn.com", "CNN"),
    ("detroitnews.com", "The Detroit News"),
    ("economist.com", "The Economist"),
    ("floridatoday.com", "Florida Today"),
    ("foxnews.com", "Fox News"),
    ("freep.com", "Detroit Free Press"),
    ("ft.com", "Financial Times"),
    ("huffpost.com", "HuffPost"),
    ("independent.co.uk", "The Independent"),
    ("latimes.com", "Los Angeles Times"),
    ("livescience.com", "Live Science"),
    ("msnbc.com", "MSNBC"),
    ("nbcnews.com", "NBC News"),
    ("nj.com", "NJ.com"),
    ("npr.org", "NPR"),
    ("nypost.com", "New York Post"),
    ("nytimes.com", "The New York Times"),
    ("oregonlive.com", "The Oregonian"),
    ("politico.com", "Politico"),
    ("politifact.com", "PolitiFact"),
    ("reuters.com", "Reuters"),
    ("theguardian.com", "The Guardian"),
    ("thehill.com", "The Hill"),
    ("usatoday.com", "USA Today"),
    ("washingtonpost.com", "The Washington Post"),
    ("wsj.com", "The Wall Street Journal"),
];

/// Separators between a name and its tagline or a second name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " || ",
];

/// The outlet's name: the known name of the page's domain, else the first candidate that is a
/// name (its tagline cut), else the domain. `url`: the page's own address, if known.
pub fn outlet_name<'a>(
    candidates: impl IntoIterator<Item = &'a str>,
    url: Option<&str>,
) -> Option<String> {
    let host = url.and_then(host_of);
    if let Some(known) = host.as_deref().and_then(known_name) {
        return Some(known.to_string());
    }
    for c in candidates {
        if let Some(name) = as_name(c, host.as_deref()) {
            return Some(name);
        }
    }
    host
}

/// The host of an absolute URL, lower-cased, without `www.` or a port.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

fn known_name(host: &str) -> Option<&'static str> {
    KNOWN.iter().find_map(|&(domain, name)| {
        let on = host == domain
            || host
                .strip_suffix(domain)
                .is_some_and(|sub| sub.ends_with('.'));
        on.then_some(name)
    })
}

/// `candidate` as an outlet name, or `None` when it is no name: a URL or bare domain, a
/// handle that only repeats the domain, or empty.
fn as_name(candidate: &str, host: Option<&str>) -> Option<String> {
    let mut name = candidate.trim();
    // "LinkNaija | Nigeria's popular news platform": the name comes first.
    if let Some(at) = SEPARATORS.iter().filter_map(|s| name.find(s)).min() {
        name = name[..at].trim();
    }
    let name = name.trim_start_matches('@').trim();
    if name.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return None;
    }
    if name.contains("://") || looks_like_domain(name) {
        return None;
    }
    // A lower-case handle that is the domain's own label ("usatoday" on usatoday.com) says
    // no more than the domain, and less well.
    let handle = !name.contains(' ') && !name.chars().any(char::is_uppercase);
    if handle && host.is_some_and(|h| h.split('.').any(|label| label == name)) {
        return None;
    }
    Some(name.to_string())
}

/// "www.example.ru", "example.com": a host name, not a publication's name. ("Space.com" and
/// "AppleInsider" are names: a capital tells.)
fn looks_like_domain(s: &str) -> bool {
    !s.contains(' ')
        && s.contains('.')
        && !s.chars().any(char::is_uppercase)
        && s.rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_list_is_sorted_and_lower_case() {
        assert!(KNOWN.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(KNOWN.iter().all(|(d, _)| *d == d.to_lowercase()));
    }

    #[test]
    fn a_known_domain_names_its_pages_whatever_they_say() {
        let name = |c: &str, url: &str| outlet_name([c], Some(url)).unwrap();
        assert_eq!(name("U.S.", "https://www.reuters.com/article/x"), "Reuters");
        assert_eq!(
            name("Hosted", "https://hosted.ap.org/article/x"),
            "Associated Press"
        );
        assert_eq!(
            name("usatoday", "https://eu.usatoday.com/story/x"),
            "USA Today"
        );
    }

    #[test]
    fn names_keep_their_name_and_lose_their_tagline() {
        let url = Some("https://www.harborledger.example/news/1");
        for (candidate, want) in [
            (
                "Harbor Ledger | Your county's daily since 1902",
                "Harbor Ledger",
            ),
            ("Harbor Ledger - News, Sport and Weather", "Harbor Ledger"),
            ("The Harbor Ledger", "The Harbor Ledger"),
            ("@HarborLedger", "HarborLedger"),
            ("Ledger.com", "Ledger.com"),
        ] {
            assert_eq!(
                outlet_name([candidate], url).as_deref(),
                Some(want),
                "{candidate}"
            );
        }
    }

    #[test]
    fn urls_domains_and_handles_give_way_to_the_domain() {
        let url = Some("https://www.harborledger.example/news/1");
        for candidate in [
            "https://www.harborledger.example",
            "www.harborledger.example",
            "harborledger",
            "",
            " | ",
        ] {
            assert_eq!(
                outlet_name([candidate], url).as_deref(),
                Some("harborledger.example"),
                "{candidate:?}"
            );
        }
        // A later candidate that is a name wins over the domain.
        assert_eq!(
            outlet_name(["harborledger", "Harbor Ledger"], url).as_deref(),
            Some("Harbor Ledger")
        );
        // Without a URL, no name is no outlet.
        assert_eq!(outlet_name(["www.harborledger.example"], None), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://user@WWW.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(host_of("not a url"), None);
        assert_eq!(host_of("file:///tmp/x.html"), None);
    }
}
