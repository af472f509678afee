//! Function words (determiners, prepositions, conjunctions, auxiliaries, adverbs) that mark
//! where a speaker phrase, a clause or a cue begins and ends.

use crate::lower::WordSet;

/// Adverbs and auxiliaries that may stand between a speaker and the verb ("also said", "had
/// earlier told").
pub(crate) static ADVERBS: WordSet = WordSet::new(&[
    "again",
    "already",
    "also",
    "always",
    "angrily",
    "bluntly",
    "can",
    "could",
    "curtly",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "earlier",
    "even",
    "finally",
    "first",
    "flatly",
    "frequently",
    "further",
    "had",
    "has",
    "has since",
    "hasn't",
    "have",
    "herself",
    "himself",
    "just",
    "later",
    "long",
    "may",
    "might",
    "must",
    "never",
    "not",
    "now",
    "often",
    "once",
    "openly",
    "previously",
    "privately",
    "publicly",
    "quickly",
    "recently",
    "repeatedly",
    "reportedly",
    "should",
    "simply",
    "since",
    "softly",
    "still",
    "then",
    "today",
    "will",
    "won't",
    "would",
    "wouldn't",
    "yesterday",
]);

/// Prepositions and words that end a speaker description after the verb ("said Trump in a
/// statement").
pub(crate) static NP_STOP: WordSet = WordSet::new(&[
    "about",
    "adding",
    "after",
    "and",
    "as",
    "at",
    "because",
    "before",
    "but",
    "by",
    "during",
    "earlier",
    "explaining",
    "friday",
    "from",
    "if",
    "in",
    "last",
    "later",
    "monday",
    "noting",
    "on",
    "referring",
    "saturday",
    "speaking",
    "sunday",
    "that",
    "this",
    "through",
    "thursday",
    "to",
    "today",
    "tuesday",
    "via",
    "wednesday",
    "when",
    "while",
    "who",
    "with",
    "yesterday",
]);

/// Words that end a noun phrase when walking back from a verb.
pub(crate) static CLAUSE_BREAKS: WordSet = WordSet::new(&[
    "after", "ago", "although", "and", "are", "as", "be", "because", "been", "before", "being",
    "but", "if", "is", "later", "or", "since", "so", "than", "that", "then", "though", "until",
    "was", "were", "when", "where", "whether", "which", "while", "who", "whom",
]);

/// Words that open a subordinate or coordinate clause: after a quotation, one in lower case
/// means the quoted sentence goes on (`"…" that Jones can win, said X`), not a speaker.
pub(crate) static CLAUSE_OPENERS: WordSet = WordSet::new(&[
    "after", "although", "and", "as", "because", "before", "but", "even", "if", "once", "or",
    "since", "so", "than", "that", "though", "unless", "until", "when", "whenever", "where",
    "whereas", "whether", "while",
]);

/// Sentence adverbs and connectives that open a sentence before a comma ("Moreover, …",
/// "Meanwhile, …"): never the subject of the clause that follows.
pub(crate) static SENTENCE_OPENERS: WordSet = WordSet::new(&[
    "accordingly",
    "additionally",
    "admittedly",
    "afterward",
    "afterwards",
    "ahead",
    "also",
    "apparently",
    "arguably",
    "besides",
    "certainly",
    "clearly",
    "consequently",
    "currently",
    "earlier",
    "eventually",
    "finally",
    "fortunately",
    "furthermore",
    "generally",
    "hence",
    "historically",
    "however",
    "importantly",
    "increasingly",
    "indeed",
    "initially",
    "instead",
    "interestingly",
    "ironically",
    "lately",
    "later",
    "likewise",
    "meanwhile",
    "moreover",
    "nevertheless",
    "nonetheless",
    "notably",
    "now",
    "obviously",
    "otherwise",
    "overall",
    "perhaps",
    "presumably",
    "previously",
    "realistically",
    "recently",
    "separately",
    "similarly",
    "soon",
    "specifically",
    "still",
    "surprisingly",
    "then",
    "therefore",
    "thus",
    "traditionally",
    "typically",
    "ultimately",
    "unfortunately",
    "yet",
]);

/// Words a noun must follow: a speaker phrase that ends on one was cut short.
pub(crate) static CUT_AFTER: WordSet = WordSet::new(&[
    "a", "an", "another", "her", "his", "its", "most", "other", "that", "the", "their", "these",
    "this", "those",
]);

/// Prepositions that tie a person or group to where they are or whom they speak for
/// ("officials in Moscow", "a spokesman for the ministry", "doctors at Mercy Hospital").
pub(crate) static AFFILIATION_PREPOSITIONS: WordSet =
    WordSet::new(&["at", "for", "from", "in", "with"]);

/// Words after which the next word is a noun (or the verb of an infinitive), never the
/// finite verb of a clause whose subject is right before it: articles, determiners,
/// quantifiers, possessive determiners and prepositions.
pub(crate) static BEFORE_NOUN: WordSet = WordSet::new(&[
    "a", "about", "across", "against", "among", "an", "another", "any", "at", "between", "both",
    "by", "during", "each", "either", "every", "few", "for", "from", "her", "his", "in", "into",
    "its", "like", "many", "my", "neither", "no", "of", "on", "our", "over", "per", "several",
    "some", "such", "than", "the", "their", "these", "this", "those", "through", "to", "toward",
    "towards", "under", "upon", "via", "whose", "with", "without", "your",
]);

/// Determiners that make their noun phrase singular: a bare verb form after such a subject
/// ("a big question remains") is a noun.
pub(crate) static SINGULAR_DETERMINERS: WordSet =
    WordSet::new(&["a", "an", "another", "each", "every", "one", "this"]);

/// Determiners that make their noun phrase plural: a verb form in -s after such a subject
/// ("several battleground states could …") is a noun.
pub(crate) static PLURAL_DETERMINERS: WordSet = WordSet::new(&[
    "both", "few", "five", "four", "many", "several", "these", "those", "three", "two",
]);

/// Pronouns whose "'s" is "is" or "has" ("he's said", "it's known"), not a possessive.
pub(crate) static CONTRACTED: WordSet = WordSet::new(&[
    "he", "here", "how", "it", "let", "she", "that", "there", "what", "where", "who",
]);

/// Auxiliaries and modals: a clause has its finite verb.
pub(crate) static FINITE: WordSet = WordSet::new(&[
    "are", "can", "could", "did", "do", "does", "had", "has", "have", "is", "may", "might", "must",
    "shall", "should", "was", "were", "will", "would",
]);

/// Forms of "have", "be" and "do" that open a capitalised run ("Had Smith …") as a verb.
pub(crate) static AUXILIARIES: WordSet = WordSet::new(&[
    "are", "did", "do", "does", "had", "has", "have", "is", "was", "were",
]);

/// Forms of "be" before a passive participle ("is expected", "it's known").
pub(crate) static BE_FORMS: WordSet = WordSet::new(&[
    "'s", "are", "be", "been", "being", "is", "was", "were", "’s",
]);

/// Verbs an infinitive depends on, whose subject is the infinitive's ("Okafor tried to argue
/// that …", "Varga wants to make clear …"). Not the negative ones ("declined to say"): what
/// follows was not said.
pub(crate) static CATENATIVE_VERBS: WordSet = WordSet::new(&[
    "appear",
    "appeared",
    "appears",
    "began",
    "begin",
    "begins",
    "chose",
    "continue",
    "continued",
    "continues",
    "decided",
    "hope",
    "hoped",
    "hopes",
    "intend",
    "intended",
    "intends",
    "managed",
    "need",
    "needed",
    "needs",
    "plan",
    "planned",
    "plans",
    "seek",
    "seeks",
    "seem",
    "seemed",
    "seems",
    "sought",
    "started",
    "tried",
    "tries",
    "try",
    "used",
    "want",
    "wanted",
    "wants",
]);

/// Adjectives and participles that take "be" and an infinitive whose subject is the
/// sentence's ("Okafor is expected to announce …", "Varga was quick to point out …").
pub(crate) static BE_CATENATIVES: WordSet = WordSet::new(&[
    "able",
    "about",
    "certain",
    "due",
    "eager",
    "expected",
    "going",
    "likely",
    "poised",
    "prepared",
    "quick",
    "ready",
    "scheduled",
    "set",
    "slated",
    "sure",
    "unlikely",
    "willing",
]);

/// Conjunctions of time or cause that open a clause framing the news ("after the union
/// rejected the offer").
pub(crate) static CIRCUMSTANCE: WordSet = WordSet::new(&[
    "after", "as", "because", "before", "once", "since", "until", "when", "while",
]);

/// Words that join a cue rather than start its content ("called for", "pointed to").
pub(crate) static PARTICLES: WordSet =
    WordSet::new(&["about", "as", "for", "in", "of", "on", "out", "to", "up"]);

/// Short function words a headline leaves in lower case ("Jane Roe Slams Plan for the
/// Harbor").
pub(crate) static TITLE_SMALL_WORDS: WordSet = WordSet::new(&[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "nor", "of",
    "on", "or", "over", "per", "than", "the", "to", "up", "via", "vs", "vs.", "with",
]);

/// The small words of a short quotation that is a title ("Meet the Press").
pub(crate) static QUOTE_TITLE_SMALL_WORDS: WordSet =
    WordSet::new(&["a", "and", "for", "in", "of", "on", "the", "to"]);
