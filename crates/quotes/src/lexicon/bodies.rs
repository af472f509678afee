//! Generic nouns for a body ("the paper", "the agency", "the union") and the name words that
//! mark a named body of that kind ("Times", "Bureau", "Teamsters").

use crate::lower::WordSet;

/// A kind of body a generic noun names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum BodyKind {
    Press,
    Agency,
    Union,
    School,
    Company,
}

/// Each kind of body: its head nouns and the name words of a named body of the kind.
pub(crate) static BODY_KINDS: &[(&WordSet, &WordSet, BodyKind)] = &[
    (&PRESS_HEADS, &PRESS_NAMES, BodyKind::Press),
    (&AGENCY_HEADS, &AGENCY_NAMES, BodyKind::Agency),
    (&UNION_HEADS, &UNION_NAMES, BodyKind::Union),
    (&SCHOOL_HEADS, &SCHOOL_NAMES, BodyKind::School),
    (&COMPANY_HEADS, &COMPANY_NAMES, BodyKind::Company),
];

/// The kind of body a generic head noun names ("paper" -> press), with the name words that
/// mark a named body of that kind.
pub(crate) fn body_kind(
    noun: &str,
) -> Option<&'static (&'static WordSet, &'static WordSet, BodyKind)> {
    BODY_KINDS.iter().find(|(heads, _, _)| heads.contains(noun))
}

/// Head nouns for a country speaking as a body: "the kingdom said".
pub(crate) static COUNTRY_HEADS: WordSet =
    WordSet::new(&["country", "emirate", "kingdom", "nation", "republic"]);

/// Head nouns for a newspaper or a broadcaster.
pub(crate) static PRESS_HEADS: WordSet = WordSet::new(&[
    "broadcaster",
    "channel",
    "daily",
    "magazine",
    "network",
    "newspaper",
    "outlet",
    "paper",
    "publication",
    "site",
    "tabloid",
    "website",
]);

/// Name words of a newspaper or a broadcaster.
pub(crate) static PRESS_NAMES: WordSet = WordSet::new(&[
    "abc",
    "bloomberg",
    "breitbart",
    "cbs",
    "chronicle",
    "cnn",
    "daily",
    "examiner",
    "fox",
    "gazette",
    "globe",
    "guardian",
    "herald",
    "inquirer",
    "journal",
    "magazine",
    "msnbc",
    "nbc",
    "network",
    "news",
    "observer",
    "politico",
    "post",
    "press",
    "radio",
    "register",
    "reuters",
    "star",
    "sun",
    "telegraph",
    "times",
    "tribune",
]);

/// Head nouns for a government agency.
pub(crate) static AGENCY_HEADS: WordSet = WordSet::new(&[
    "administration",
    "agency",
    "authority",
    "bureau",
    "commission",
    "department",
    "ministry",
    "office",
    "regulator",
    "service",
]);

/// Name words of a government agency.
pub(crate) static AGENCY_NAMES: WordSet = WordSet::new(&[
    "administration",
    "agency",
    "authority",
    "bureau",
    "commission",
    "department",
    "inspector",
    "investigations",
    "ministry",
    "office",
    "service",
]);

/// Head nouns for a union.
pub(crate) static UNION_HEADS: WordSet = WordSet::new(&["union"]);

/// Name words of a union.
pub(crate) static UNION_NAMES: WordSet = WordSet::new(&[
    "association",
    "brotherhood",
    "federation",
    "teamsters",
    "union",
    "workers",
]);

/// Head nouns for a school.
pub(crate) static SCHOOL_HEADS: WordSet = WordSet::new(&["college", "school", "university"]);

/// Name words of a school.
pub(crate) static SCHOOL_NAMES: WordSet =
    WordSet::new(&["academy", "college", "institute", "school", "university"]);

/// Head nouns for a company.
pub(crate) static COMPANY_HEADS: WordSet = WordSet::new(&[
    "airline",
    "automaker",
    "bank",
    "carmaker",
    "carrier",
    "company",
    "conglomerate",
    "corporation",
    "firm",
    "insurer",
    "lender",
    "manufacturer",
    "retailer",
    "startup",
]);

/// Name words of a company.
pub(crate) static COMPANY_NAMES: WordSet = WordSet::new(&[
    "airlines",
    "airways",
    "apparel",
    "bank",
    "brands",
    "capital",
    "co",
    "company",
    "corp",
    "corporation",
    "energy",
    "enterprises",
    "entertainment",
    "foods",
    "group",
    "holdings",
    "inc",
    "industries",
    "llc",
    "logistics",
    "ltd",
    "motors",
    "partners",
    "pharmaceuticals",
    "plc",
    "solutions",
    "systems",
    "technologies",
]);
