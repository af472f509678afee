//! Countries and US states: names that are places, never a person a pronoun refers to, and
//! never the start of a person's name ("In New Hampshire Sanders won").

use crate::lower::{with_lower, WordSet};

/// Names of countries and US states.
pub(crate) static PLACES: WordSet = WordSet::new(&[
    "afghanistan",
    "alabama",
    "alaska",
    "albania",
    "algeria",
    "angola",
    "argentina",
    "arizona",
    "arkansas",
    "armenia",
    "australia",
    "austria",
    "azerbaijan",
    "bahrain",
    "bangladesh",
    "belarus",
    "belgium",
    "bolivia",
    "bosnia",
    "brazil",
    "bulgaria",
    "burma",
    "california",
    "cambodia",
    "cameroon",
    "canada",
    "chile",
    "china",
    "colombia",
    "colorado",
    "congo",
    "connecticut",
    "croatia",
    "cuba",
    "cyprus",
    "delaware",
    "denmark",
    "ecuador",
    "egypt",
    "england",
    "eritrea",
    "estonia",
    "ethiopia",
    "europe",
    "finland",
    "florida",
    "france",
    "germany",
    "ghana",
    "greece",
    "guatemala",
    "haiti",
    "hawaii",
    "honduras",
    "hungary",
    "iceland",
    "idaho",
    "illinois",
    "india",
    "indiana",
    "indonesia",
    "iowa",
    "iran",
    "iraq",
    "ireland",
    "italy",
    "japan",
    "kansas",
    "kazakhstan",
    "kentucky",
    "kenya",
    "korea",
    "kosovo",
    "kuwait",
    "laos",
    "latvia",
    "lebanon",
    "libya",
    "lithuania",
    "louisiana",
    "maine",
    "malaysia",
    "maryland",
    "massachusetts",
    "mexico",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "moldova",
    "mongolia",
    "montana",
    "morocco",
    "mozambique",
    "myanmar",
    "nebraska",
    "nepal",
    "netherlands",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "new zealand",
    "nicaragua",
    "niger",
    "nigeria",
    "north carolina",
    "north dakota",
    "north korea",
    "norway",
    "ohio",
    "oklahoma",
    "oman",
    "oregon",
    "pakistan",
    "palestine",
    "panama",
    "paraguay",
    "pennsylvania",
    "peru",
    "philippines",
    "poland",
    "portugal",
    "qatar",
    "rhode island",
    "romania",
    "russia",
    "rwanda",
    "saudi arabia",
    "scotland",
    "senegal",
    "serbia",
    "singapore",
    "slovakia",
    "slovenia",
    "somalia",
    "south africa",
    "south carolina",
    "south dakota",
    "south korea",
    "south sudan",
    "spain",
    "sudan",
    "sweden",
    "switzerland",
    "syria",
    "taiwan",
    "tennessee",
    "texas",
    "thailand",
    "tunisia",
    "turkey",
    "uganda",
    "ukraine",
    "united kingdom",
    "united states",
    "uruguay",
    "utah",
    "uzbekistan",
    "venezuela",
    "vermont",
    "vietnam",
    "wales",
    "west virginia",
    "wisconsin",
    "wyoming",
    "yemen",
    "zambia",
    "zimbabwe",
]);

/// Whether the words (any case) name a country or a US state. A one-word place that is also
/// a first name ("Georgia", "Jordan", "Chad") is not counted: it may be a person.
pub fn is_place(words: &[&str]) -> bool {
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    if words.len() == 1 && super::is_first_name(words[0]) {
        return false;
    }
    let places = &PLACES;
    // "New" opens sentences too and is no name word on its own: "Hampshire" stands for "New
    // Hampshire" in a run that starts after it. The key is "new " and the words joined by
    // spaces, lower-cased: on the stack when they are ASCII (as every place is).
    const NEW: &[u8] = b"new ";
    let mut buf = [0u8; 64];
    let len = NEW.len() + words.iter().map(|w| w.len() + 1).sum::<usize>() - 1;
    if len <= buf.len() && words.iter().all(|w| w.is_ascii()) {
        buf[..NEW.len()].copy_from_slice(NEW);
        let mut at = NEW.len();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                buf[at] = b' ';
                at += 1;
            }
            buf[at..at + w.len()].copy_from_slice(w.as_bytes());
            at += w.len();
        }
        buf[..at].make_ascii_lowercase();
        let found = |b: &[u8]| std::str::from_utf8(b).is_ok_and(|k| places.contains(k));
        return found(&buf[NEW.len()..at]) || found(&buf[..at]);
    }
    let key = words
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    places.contains(key.as_str()) || places.contains(format!("new {key}").as_str())
}

/// How many leading words of a capitalised run name a place before a person's name ("New
/// Hampshire Bernie Sanders" -> 2); 0 when the run does not open with a place or nothing is
/// left after it.
pub fn place_prefix(words: &[&str]) -> usize {
    (1..words.len().min(4))
        .rev()
        .find(|&n| is_place(&words[..n]))
        .unwrap_or(0)
}

/// Head nouns of a name that is a place or an event, never a person: "Wall Street", "the
/// Republican National Convention", "Times Square". Surnames that are also such nouns
/// ("Hall", "Park", "Bay") are left out.
pub(crate) static PLACE_HEADS: WordSet = WordSet::new(&[
    "airport",
    "avenue",
    "boulevard",
    "canal",
    "conference",
    "convention",
    "festival",
    "island",
    "islands",
    "ocean",
    "peninsula",
    "plaza",
    "road",
    "sea",
    "square",
    "stadium",
    "strait",
    "street",
    "summit",
]);

/// Whether a name run ends with the head noun of a place or an event ("Wall Street", "National
/// Convention", a lone "Convention" whose modifier was dropped): what "he" or "she" never
/// refers to.
pub fn has_place_head(words: &[&str]) -> bool {
    words
        .last()
        .is_some_and(|w| with_lower(w, |l| PLACE_HEADS.contains(l.trim_end_matches("'s"))))
}

/// Whether lower-case name words joined by a space (an entity's `names`) are a country's name
/// (a place of [`PLACES`] that is no US state). Unlike [`is_place`], "Israel" is one though it
/// is also a first name.
pub(crate) fn is_country(names: &[String]) -> bool {
    let name = names.join(" ");
    PLACES.contains(&name) && !US_STATES.contains(&name)
}

/// The US states among [`PLACES`] (lower case, words joined by a space): places that are
/// no country ("the country" is never "Iowa").
pub(crate) static US_STATES: WordSet = WordSet::new(&[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
]);

/// Demonyms no ending marks ("French", "Dutch", "Greek").
pub(crate) static IRREGULAR_DEMONYMS: WordSet = WordSet::new(&[
    "basque", "czech", "dutch", "french", "greek", "swiss", "thai", "welsh",
]);

/// Demonyms that end in "-i" ("Israeli", "Qatari"), which the endings of a demonym
/// ("-ian", "-ese", "-ish", "-can") miss.
pub(crate) static DEMONYMS_IN_I: WordSet = WordSet::new(&[
    "afghani",
    "azerbaijani",
    "bangladeshi",
    "emirati",
    "iraqi",
    "israeli",
    "kuwaiti",
    "nepali",
    "omani",
    "pakistani",
    "qatari",
    "saudi",
    "somali",
    "yemeni",
]);

/// National capitals that speak for their country's government as reporters write them
/// ("Beijing rejected the claim", "Moscow said"), with the country's usual English name.
/// Capitals that are also common first names or surnames (Paris, London, Victoria), that
/// name a state or a person as often (Washington), or a club as often in sports news (Madrid:
/// Real Madrid) are left out.
static CAPITALS: &[(&str, &str)] = &[
    ("abu dhabi", "United Arab Emirates"),
    ("addis ababa", "Ethiopia"),
    ("amman", "Jordan"),
    ("ankara", "Turkey"),
    ("athens", "Greece"),
    ("baghdad", "Iraq"),
    ("beijing", "China"),
    ("beirut", "Lebanon"),
    ("berlin", "Germany"),
    ("brasilia", "Brazil"),
    ("budapest", "Hungary"),
    ("cairo", "Egypt"),
    ("canberra", "Australia"),
    ("caracas", "Venezuela"),
    ("damascus", "Syria"),
    ("doha", "Qatar"),
    ("hanoi", "Vietnam"),
    ("havana", "Cuba"),
    ("islamabad", "Pakistan"),
    ("kabul", "Afghanistan"),
    ("khartoum", "Sudan"),
    ("kiev", "Ukraine"),
    ("kyiv", "Ukraine"),
    ("manila", "Philippines"),
    ("minsk", "Belarus"),
    ("moscow", "Russia"),
    ("nairobi", "Kenya"),
    ("new delhi", "India"),
    ("ottawa", "Canada"),
    ("pyongyang", "North Korea"),
    ("riyadh", "Saudi Arabia"),
    ("seoul", "South Korea"),
    ("taipei", "Taiwan"),
    ("tehran", "Iran"),
    ("tokyo", "Japan"),
    ("warsaw", "Poland"),
];

/// The country a capital's name (lower-case words joined by a space) stands for when it
/// speaks: "Beijing" -> "China".
pub(crate) fn capital_country(name: &str) -> Option<&'static str> {
    CAPITALS
        .iter()
        .find(|(capital, _)| *capital == name)
        .map(|&(_, country)| country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_name_their_country_but_not_the_ambiguous_ones() {
        assert_eq!(capital_country("beijing"), Some("China"));
        assert_eq!(capital_country("new delhi"), Some("India"));
        for ambiguous in ["paris", "london", "washington", "madrid", "victoria"] {
            assert_eq!(capital_country(ambiguous), None, "{ambiguous}");
        }
    }

    #[test]
    fn places() {
        assert!(has_place_head(&["Wall", "Street"]) && !has_place_head(&["Anna", "Hall"]));
        assert!(is_place(&["North", "Korea"]));
        assert!(is_place(&["Iowa"]));
        assert!(!is_place(&["Jordan"]));
        assert!(!is_place(&["Ted", "Cruz"]));
        assert_eq!(place_prefix(&["New", "Hampshire", "Sanders"]), 2);
        assert_eq!(place_prefix(&["Hampshire", "Sanders"]), 1);
        assert_eq!(place_prefix(&["Iowa"]), 0);
        assert_eq!(place_prefix(&["Steve", "Israel"]), 0);
    }
}
