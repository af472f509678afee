//! The language of an article's text.
//!
//! Extraction's rules (cues, pronouns, names, boilerplate wording) are English. A text in
//! another language must be recognised and left alone rather than mined for "speakers" such as
//! a sentence's first word. English is recognised first by its function words, which is cheap
//! and exact on news prose; only a text where they are rare is given to `whatlang`, a trigram
//! and script detector covering 69 languages, and its answer counts only when it says it is
//! reliable.
//!
//! Not for: languages of single sentences or quotes (too short to tell), or mixed pages.

/// The words at most looked at; a language shows in the first thousands of words.
const MAX_WORDS: usize = 2000;
/// The bytes at most given to the detector: enough for a reliable answer, bounded cost.
const MAX_DETECT_BYTES: usize = 4096;
/// Fewer words than this and the language is unknown.
const MIN_WORDS: usize = 8;

/// English function words, the most frequent in news prose (`is_en_word` matches them).
#[cfg(test)]
const EN: &[&str] = &[
    "the", "and", "of", "to", "a", "in", "that", "is", "was", "he", "she", "for", "it", "with",
    "said", "on", "as", "his", "her", "by",
];

/// A language guess for a document's text, as an ISO 639-1 code (`"en"`, `"de"`, `"ru"`), or
/// `None` when the text is too short or the guess is not reliable ("unknown", not "not
/// English").
pub fn guess_language(text: &str) -> Option<&'static str> {
    let mut total = 0usize;
    let mut hits = 0usize;
    for w in text.split_whitespace().take(MAX_WORDS) {
        total += 1;
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        if is_en_word(w) {
            hits += 1;
        }
    }
    if total >= MIN_WORDS && hits * 100 >= total * 12 {
        return Some("en");
    }
    // Scripts without spaces (Chinese, Japanese) have few "words": judge those by bytes.
    if total < MIN_WORDS && text.chars().filter(|c| c.is_alphabetic()).take(40).count() < 40 {
        return None;
    }
    let sample = &text[..floor_char_boundary(text, MAX_DETECT_BYTES)];
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    let code = iso639_1(info.lang())?;
    // English that lacks function words (lists, headlines) stays unknown rather than
    // becoming another language's text by a weak trigram match.
    (code != "en" || hits * 100 >= total * 4).then_some(code)
}

/// Whether `w` is one of the English function words `EN` in any ASCII case: lower-cased on the
/// stack and matched, rather than compared with each of the twenty.
fn is_en_word(w: &str) -> bool {
    let mut buf = [0u8; 4];
    let Some(b) = buf.get_mut(..w.len()) else {
        return false;
    };
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    matches!(
        &b[..],
        b"the"
            | b"and"
            | b"of"
            | b"to"
            | b"a"
            | b"in"
            | b"that"
            | b"is"
            | b"was"
            | b"he"
            | b"she"
            | b"for"
            | b"it"
            | b"with"
            | b"said"
            | b"on"
            | b"as"
            | b"his"
            | b"her"
            | b"by"
    )
}

/// Whether extraction's English rules apply to a text of language `lang`: English or unknown.
pub fn is_english_or_unknown(lang: Option<&str>) -> bool {
    lang.is_none_or(|l| l == "en")
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The two-letter code of the languages whatlang knows that have one.
fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn en_words_in_any_ascii_case() {
        for w in [
            "the", "THE", "Said", "a", "hEr", "", "thee", "thé", "with.", "withe", "ſaid",
        ] {
            assert_eq!(
                is_en_word(w),
                EN.iter().any(|e| w.eq_ignore_ascii_case(e)),
                "{w}"
            );
        }
        assert!(EN
            .iter()
            .all(|e| is_en_word(e) && is_en_word(&e.to_uppercase())));
    }

    #[test]
    fn english_news_prose() {
        let t = "The mayor said on Tuesday that the bridge would reopen in the spring, and \
                 she thanked the crews who had worked through the winter.";
        assert_eq!(guess_language(t), Some("en"));
    }

    #[test]
    fn other_languages_are_named() {
        let cases = [
            (
                "de",
                "Der Bürgermeister sagte am Dienstag, dass die Brücke im Frühjahr wieder \
                 geöffnet werde, und dankte den Arbeitern, die den ganzen Winter über \
                 gearbeitet hatten.",
            ),
            (
                "ru",
                "Мэр заявил во вторник, что мост откроется весной, и поблагодарил рабочих, \
                 которые трудились всю зиму без выходных.",
            ),
            (
                "it",
                "Quando il sindaco ha parlato martedì, ha detto che il ponte sarà riaperto in \
                 primavera e ha ringraziato gli operai che hanno lavorato tutto l'inverno.",
            ),
            (
                "es",
                "El alcalde dijo el martes que el puente volverá a abrir en primavera y \
                 agradeció a los trabajadores que trabajaron durante todo el invierno.",
            ),
        ];
        for (code, text) in cases {
            assert_eq!(guess_language(text), Some(code), "{text}");
        }
    }

    #[test]
    fn short_or_unclear_text_is_unknown() {
        assert_eq!(guess_language(""), None);
        assert_eq!(guess_language("Ferry saved"), None);
        assert_eq!(guess_language("1 2 3 4 5 6 7 8 9 10"), None);
    }

    #[test]
    fn english_lists_stay_unknown_or_english() {
        // Few function words: not English by the fast test, and never another language.
        let t = "Home News Sport Business Weather Markets Technology Science Health Politics \
                 Opinion Video Podcasts Newsletters Subscribe Login Register Contact Careers";
        assert!(
            is_english_or_unknown(guess_language(t)),
            "{:?}",
            guess_language(t)
        );
    }

    #[test]
    fn cuts_on_a_char_boundary() {
        let t = "Ж".repeat(5000);
        let _ = guess_language(&t);
    }
}
