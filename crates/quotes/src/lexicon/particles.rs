//! Small words inside names: particles of surnames ("van", "bin") and the words that join the
//! words of a name phrase ("of", "the").

use crate::lower::WordSet;

/// Lower-case particles of surnames that continue a name run ("Ursula von der Leyen").
pub(crate) static NAME_PARTICLES: WordSet = WordSet::new(&[
    "al", "ben", "bin", "da", "de", "del", "der", "di", "dos", "du", "ibn", "la", "le", "van",
    "von",
]);

/// Words of a name phrase that never name anyone on their own ("of", "the", "van").
pub(crate) static NAME_CONNECTORS: WordSet = WordSet::new(&[
    "al", "bin", "da", "de", "di", "du", "la", "le", "of", "the", "van", "von",
]);
