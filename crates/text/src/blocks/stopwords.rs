//! English function words, for the stopword density of a block (as jusText uses it: prose
//! is dense in them, menus, bylines and captions are not). Lower-case ASCII, sorted.

#[cfg(test)]
const STOPWORDS: &[&[u8]] = &[
    b"a",
    b"about",
    b"above",
    b"after",
    b"again",
    b"against",
    b"all",
    b"almost",
    b"also",
    b"although",
    b"always",
    b"am",
    b"among",
    b"an",
    b"and",
    b"another",
    b"any",
    b"are",
    b"around",
    b"as",
    b"at",
    b"be",
    b"because",
    b"been",
    b"before",
    b"being",
    b"below",
    b"between",
    b"both",
    b"but",
    b"by",
    b"can",
    b"could",
    b"did",
    b"do",
    b"does",
    b"doing",
    b"done",
    b"down",
    b"during",
    b"each",
    b"either",
    b"else",
    b"enough",
    b"even",
    b"ever",
    b"every",
    b"few",
    b"for",
    b"from",
    b"further",
    b"had",
    b"has",
    b"have",
    b"having",
    b"he",
    b"her",
    b"here",
    b"hers",
    b"herself",
    b"him",
    b"himself",
    b"his",
    b"how",
    b"however",
    b"i",
    b"if",
    b"in",
    b"into",
    b"is",
    b"it",
    b"its",
    b"itself",
    b"just",
    b"least",
    b"less",
    b"like",
    b"many",
    b"may",
    b"me",
    b"might",
    b"more",
    b"most",
    b"much",
    b"must",
    b"my",
    b"myself",
    b"neither",
    b"never",
    b"no",
    b"nor",
    b"not",
    b"now",
    b"of",
    b"off",
    b"often",
    b"on",
    b"once",
    b"one",
    b"only",
    b"onto",
    b"or",
    b"other",
    b"others",
    b"our",
    b"ours",
    b"ourselves",
    b"out",
    b"over",
    b"own",
    b"perhaps",
    b"quite",
    b"rather",
    b"said",
    b"same",
    b"says",
    b"she",
    b"should",
    b"since",
    b"so",
    b"some",
    b"still",
    b"such",
    b"than",
    b"that",
    b"the",
    b"their",
    b"theirs",
    b"them",
    b"themselves",
    b"then",
    b"there",
    b"these",
    b"they",
    b"this",
    b"those",
    b"though",
    b"through",
    b"thus",
    b"to",
    b"too",
    b"toward",
    b"towards",
    b"under",
    b"until",
    b"up",
    b"upon",
    b"us",
    b"very",
    b"was",
    b"we",
    b"were",
    b"what",
    b"whatever",
    b"when",
    b"whenever",
    b"where",
    b"whether",
    b"which",
    b"while",
    b"who",
    b"whoever",
    b"whom",
    b"whose",
    b"why",
    b"will",
    b"with",
    b"within",
    b"without",
    b"would",
    b"yet",
    b"you",
    b"your",
    b"yours",
    b"yourself",
    b"yourselves",
];

/// Whether `word` (lower-case ASCII) is an English function word. The same list as
/// `STOPWORDS`, by length (a test checks that they agree): a few byte comparisons a word.
pub(crate) fn is_stopword(word: &[u8]) -> bool {
    match word.len() {
        1 => matches!(word, b"a" | b"i"),
        2 => matches!(
            word,
            b"am"
                | b"an"
                | b"as"
                | b"at"
                | b"be"
                | b"by"
                | b"do"
                | b"he"
                | b"if"
                | b"in"
                | b"is"
                | b"it"
                | b"me"
                | b"my"
                | b"no"
                | b"of"
                | b"on"
                | b"or"
                | b"so"
                | b"to"
                | b"up"
                | b"us"
                | b"we"
        ),
        3 => matches!(
            word,
            b"all"
                | b"and"
                | b"any"
                | b"are"
                | b"but"
                | b"can"
                | b"did"
                | b"few"
                | b"for"
                | b"had"
                | b"has"
                | b"her"
                | b"him"
                | b"his"
                | b"how"
                | b"its"
                | b"may"
                | b"nor"
                | b"not"
                | b"now"
                | b"off"
                | b"one"
                | b"our"
                | b"out"
                | b"own"
                | b"she"
                | b"the"
                | b"too"
                | b"was"
                | b"who"
                | b"why"
                | b"yet"
                | b"you"
        ),
        4 => matches!(
            word,
            b"also"
                | b"been"
                | b"both"
                | b"does"
                | b"done"
                | b"down"
                | b"each"
                | b"else"
                | b"even"
                | b"ever"
                | b"from"
                | b"have"
                | b"here"
                | b"hers"
                | b"into"
                | b"just"
                | b"less"
                | b"like"
                | b"many"
                | b"more"
                | b"most"
                | b"much"
                | b"must"
                | b"once"
                | b"only"
                | b"onto"
                | b"ours"
                | b"over"
                | b"said"
                | b"same"
                | b"says"
                | b"some"
                | b"such"
                | b"than"
                | b"that"
                | b"them"
                | b"then"
                | b"they"
                | b"this"
                | b"thus"
                | b"upon"
                | b"very"
                | b"were"
                | b"what"
                | b"when"
                | b"whom"
                | b"will"
                | b"with"
                | b"your"
        ),
        5 => matches!(
            word,
            b"about"
                | b"above"
                | b"after"
                | b"again"
                | b"among"
                | b"being"
                | b"below"
                | b"could"
                | b"doing"
                | b"every"
                | b"least"
                | b"might"
                | b"never"
                | b"often"
                | b"other"
                | b"quite"
                | b"since"
                | b"still"
                | b"their"
                | b"there"
                | b"these"
                | b"those"
                | b"under"
                | b"until"
                | b"where"
                | b"which"
                | b"while"
                | b"whose"
                | b"would"
                | b"yours"
        ),
        6 => matches!(
            word,
            b"almost"
                | b"always"
                | b"around"
                | b"before"
                | b"during"
                | b"either"
                | b"enough"
                | b"having"
                | b"itself"
                | b"myself"
                | b"others"
                | b"rather"
                | b"should"
                | b"theirs"
                | b"though"
                | b"toward"
                | b"within"
        ),
        7 => matches!(
            word,
            b"against"
                | b"another"
                | b"because"
                | b"between"
                | b"further"
                | b"herself"
                | b"himself"
                | b"however"
                | b"neither"
                | b"perhaps"
                | b"through"
                | b"towards"
                | b"whether"
                | b"whoever"
                | b"without"
        ),
        8 => matches!(word, b"although" | b"whatever" | b"whenever" | b"yourself"),
        9 => matches!(word, b"ourselves"),
        10 => matches!(word, b"themselves" | b"yourselves"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorted_and_found() {
        assert!(super::STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        for w in super::STOPWORDS {
            assert!(super::is_stopword(w));
        }
        assert!(super::is_stopword(b"the"));
        assert!(!super::is_stopword(b"minister"));
    }
}
