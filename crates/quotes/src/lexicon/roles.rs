//! Descriptions of speakers: the determiners that open them, the titles that come before a
//! name and the role nouns that name a function.

use std::sync::OnceLock;

use crate::lower::{with_lower, word_set, WordSet};

/// Words that open a description of a speaker ("the Russian leader", "a spokesman").
pub const DETERMINERS: &[&str] = &[
    "a", "an", "another", "her", "his", "its", "one", "several", "some", "that", "the", "their",
    "these", "this", "those", "two", "three", "many", "most", "other", "both",
];

/// Titles and roles that come before a name ("President", "Sen.", "Finance Minister").
const TITLES: &[&str] = &[
    "adm.",
    "admiral",
    "ambassador",
    "archbishop",
    "assemblyman",
    "assemblywoman",
    "attorney",
    "bishop",
    "cabinet",
    "capt.",
    "captain",
    "cardinal",
    "ceo",
    "cfo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col.",
    "colonel",
    "commissioner",
    "congressman",
    "congresswoman",
    "coo",
    "councilman",
    "councilwoman",
    "councillor",
    "cto",
    "deputy",
    "director",
    "dr.",
    "emir",
    "gen.",
    "general",
    "gov.",
    "governor",
    "judge",
    "justice",
    "king",
    "leader",
    "lt.",
    "mayor",
    "md",
    "minister",
    "mr.",
    "mrs.",
    "ms.",
    "miss",
    "officer",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prof.",
    "professor",
    "queen",
    "rabbi",
    "rep.",
    "reps.",
    "representative",
    "rev.",
    "secretary",
    "sen.",
    "sens.",
    "senator",
    "sgt.",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "sultan",
    "superintendent",
    "treasurer",
    "vice",
    "lord",
    "lady",
    "dame",
    "sheriff",
    "detective",
    "inspector",
    "commander",
    "marshal",
    "nominee",
    "candidate",
    "founder",
    "executive",
    "economist",
    "analyst",
    "strategist",
    "pollster",
    "adviser",
    "advisor",
    "aide",
    "manager",
    "lawyer",
    "attorney",
    "activist",
    "pastor",
    "moderator",
    "co-moderator",
    "alderman",
    "alderwoman",
    "recorder",
    "filmmaker",
    "reporter",
    "correspondent",
    "columnist",
    "editor",
    "editor-in-chief",
    "anchor",
    "author",
    "actor",
    "actress",
    "singer",
    "coach",
    "undersheriff",
    "cmdr.",
    "sergeant",
    "maj.",
    "cpl.",
    "vp",
    "whip",
    "secretary-treasurer",
    "comptroller",
    "auditor",
    "trustee",
    "delegate",
    "chaplain",
    "hacker",
    "lieutenant",
    "novelist",
    "historian",
    "physician",
    "surgeon",
    "neurosurgeon",
    "entrepreneur",
    "investor",
    "businessman",
    "businesswoman",
    "billionaire",
    "producer",
    "director-general",
    "publisher",
    "commentator",
    "blogger",
    "pundit",
    "host",
    "consultant",
];

/// Whether `word` (any case) is a title or role word.
pub fn is_title(word: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    let set = SET.get_or_init(|| word_set(TITLES));
    with_lower(word, |w| set.contains(w))
}

/// Role nouns that name a function, with the class used to match descriptions ("the Russian
/// leader" can refer to a president).
pub fn role_class(word: &str) -> Option<&'static str> {
    with_lower(word, role_class_lower)
}

fn role_class_lower(word: &str) -> Option<&'static str> {
    Some(match word.trim_end_matches('.') {
        "president" | "leader" | "head" | "premier" | "chancellor" | "king" | "queen" | "emir"
        | "sultan" | "monarch" | "prime" | "pm" => "leader",
        "minister" | "secretary" => "minister",
        "senator" | "sen" | "congressman" | "congresswoman" | "lawmaker" | "legislator" | "rep"
        | "representative" | "assemblyman" | "assemblywoman" => "lawmaker",
        "governor" | "gov" => "governor",
        "mayor" => "mayor",
        "spokesman" | "spokeswoman" | "spokesperson" => "spokesperson",
        "nominee" | "candidate" | "contender" | "frontrunner" | "front-runner" | "hopeful" => {
            "candidate"
        }
        "judge" | "justice" => "judge",
        "general" | "gen" | "commander" | "admiral" => "general",
        "chairman" | "chairwoman" | "chair" | "ceo" | "executive" | "director" | "founder" => {
            "executive"
        }
        "ambassador" | "envoy" | "diplomat" => "diplomat",
        "businessman" | "businesswoman" | "billionaire" | "mogul" | "developer" => "businessman",
        "professor" | "prof" | "economist" | "analyst" | "expert" | "scholar" | "researcher" => {
            "expert"
        }
        "lawyer" | "attorney" => "lawyer",
        "pope" | "bishop" | "archbishop" | "cardinal" | "rabbi" | "imam" => "cleric",
        _ => return None,
    })
}
