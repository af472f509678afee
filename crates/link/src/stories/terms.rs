//! The terms the clusterer weighs: their kinds, an article's weighted terms ([`Entry`]) and a
//! story centroid's ([`Centroid`]).
//!
//! Saved states (the story checkpoint beside a store, as postcard or JSON) hold entries and
//! centroid terms as tuples, `[term, weight, kind]` and `[term, mean, mean of squares, kind]`
//! with the kind as its number; the named structs here read and write exactly that shape
//! through private tuple forms, so states saved before and after they were named are
//! interchangeable, byte for byte.

use serde::{Deserialize, Serialize};

/// What a term says about an event: an ordinary word says what kind of thing happened;
/// *identity* terms say which occurrence — a name or name pair (who, where) or a specific
/// (a number, a weekday or a date: how many, when). Ordered: a term that is a name in one
/// article and a word in another counts as a name in a story (the highest kind wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum TermKind {
    Word = 0,
    Name = 1,
    Specific = 2,
}

impl TermKind {
    /// Its position in per-kind arrays (its saved number).
    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// The kind saved as `number`; numbers above the highest kind read as the highest.
    fn from_saved(number: u8) -> TermKind {
        match number {
            0 => TermKind::Word,
            1 => TermKind::Name,
            _ => TermKind::Specific,
        }
    }
}

/// One weighted term of an article.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "EntryRepr", into = "EntryRepr")]
pub(super) struct Entry {
    pub(super) term: u64,
    pub(super) weight: f32,
    pub(super) kind: TermKind,
}

/// One term of a story centroid. The mean of squares gives the members' typical norm under
/// the current IDF, which turns the centroid dot product into an average similarity to the
/// members.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "CentroidRepr", into = "CentroidRepr")]
pub(super) struct Centroid {
    pub(super) term: u64,
    /// The mean of the members' (IDF-free) weights.
    pub(super) mean: f32,
    /// The mean of their squares.
    pub(super) mean_sq: f32,
    /// The highest of the members' kinds.
    pub(super) kind: TermKind,
}

/// How an [`Entry`] is saved: (term, weight, kind number).
#[derive(Serialize, Deserialize)]
struct EntryRepr(u64, f32, u8);

impl From<EntryRepr> for Entry {
    fn from(EntryRepr(term, weight, kind): EntryRepr) -> Entry {
        Entry {
            term,
            weight,
            kind: TermKind::from_saved(kind),
        }
    }
}

impl From<Entry> for EntryRepr {
    fn from(e: Entry) -> EntryRepr {
        EntryRepr(e.term, e.weight, e.kind as u8)
    }
}

/// How a [`Centroid`] term is saved: (term, mean, mean of squares, kind number), the kind
/// possibly a flag in old states (see [`kind_or_flag`]).
#[derive(Serialize, Deserialize)]
struct CentroidRepr(
    u64,
    f32,
    f32,
    #[serde(deserialize_with = "kind_or_flag")] u8,
);

impl From<CentroidRepr> for Centroid {
    fn from(CentroidRepr(term, mean, mean_sq, kind): CentroidRepr) -> Centroid {
        Centroid {
            term,
            mean,
            mean_sq,
            kind: TermKind::from_saved(kind),
        }
    }
}

impl From<Centroid> for CentroidRepr {
    fn from(c: Centroid) -> CentroidRepr {
        CentroidRepr(c.term, c.mean, c.mean_sq, c.kind as u8)
    }
}

/// Reads a centroid term's kind number; states saved before names and specifics were told
/// apart hold a flag (identity or not), read as [`TermKind::Name`] or [`TermKind::Word`].
fn kind_or_flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    // Binary states (which do not describe their own types) were all saved with kinds.
    if !d.is_human_readable() {
        return u8::deserialize(d);
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum KindOrFlag {
        Kind(u8),
        Flag(bool),
    }
    Ok(match KindOrFlag::deserialize(d)? {
        KindOrFlag::Kind(k) => k,
        KindOrFlag::Flag(identity) => u8::from(identity),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use TermKind::*;

    fn entry(term: u64, weight: f32, kind: TermKind) -> Entry {
        Entry { term, weight, kind }
    }

    fn centroid(term: u64, mean: f32, mean_sq: f32, kind: TermKind) -> Centroid {
        Centroid {
            term,
            mean,
            mean_sq,
            kind,
        }
    }

    #[test]
    fn kinds_are_ordered_word_name_specific() {
        assert!(Word < Name && Name < Specific);
        assert_eq!(Word.max(Name), Name);
        assert_eq!(Specific.max(Name), Specific);
        assert_eq!([Word, Name, Specific].map(TermKind::index), [0, 1, 2]);
    }

    #[test]
    fn states_saved_as_tuples_read_into_named_fields() {
        let entries: Vec<Entry> = serde_json::from_str("[[7,0.5,0],[8,1.5,1],[9,2.0,2]]").unwrap();
        assert_eq!(
            entries,
            [
                entry(7, 0.5, Word),
                entry(8, 1.5, Name),
                entry(9, 2.0, Specific)
            ]
        );
        let centroids: Vec<Centroid> =
            serde_json::from_str("[[7,0.5,0.25,0],[8,0.5,0.25,1],[9,0.5,0.25,2]]").unwrap();
        assert_eq!(
            centroids,
            [
                centroid(7, 0.5, 0.25, Word),
                centroid(8, 0.5, 0.25, Name),
                centroid(9, 0.5, 0.25, Specific)
            ]
        );
    }

    #[test]
    fn centroid_kinds_read_from_old_flags() {
        let old: Vec<Centroid> =
            serde_json::from_str("[[7, 0.5, 0.25, true], [8, 0.5, 0.25, false]]").unwrap();
        assert_eq!(
            old,
            [centroid(7, 0.5, 0.25, Name), centroid(8, 0.5, 0.25, Word)]
        );
    }

    #[test]
    fn kinds_past_the_highest_read_as_specific() {
        let e: Entry = serde_json::from_str("[7,0.5,9]").unwrap();
        assert_eq!(e.kind, Specific);
        let c: Centroid = serde_json::from_str("[7,0.5,0.25,3]").unwrap();
        assert_eq!(c.kind, Specific);
        let bytes = postcard::to_stdvec(&(7u64, 0.5f32, 0.25f32, 200u8)).unwrap();
        assert_eq!(
            postcard::from_bytes::<Centroid>(&bytes).unwrap().kind,
            Specific
        );
    }

    #[test]
    fn named_terms_save_as_the_old_tuples() {
        let entries = [
            entry(7, 0.5, Word),
            entry(8, 1.5, Name),
            entry(9, 2.0, Specific),
        ];
        assert_eq!(
            serde_json::to_string(&entries).unwrap(),
            "[[7,0.5,0],[8,1.5,1],[9,2.0,2]]"
        );
        let c = centroid(u64::MAX, 0.5, 0.25, Name);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            format!("[{},0.5,0.25,1]", u64::MAX)
        );
        // The binary checkpoint: the same bytes as the tuples it held before.
        let old_entry = (9u64, 2.0f32, 2u8);
        assert_eq!(
            postcard::to_stdvec(&entries[2]).unwrap(),
            postcard::to_stdvec(&old_entry).unwrap()
        );
        let old_centroid = (u64::MAX, 0.5f32, 0.25f32, 1u8);
        assert_eq!(
            postcard::to_stdvec(&c).unwrap(),
            postcard::to_stdvec(&old_centroid).unwrap()
        );
        for kind in [Word, Name, Specific] {
            let c = centroid(300, 0.125, 0.5, kind);
            let back: Centroid = postcard::from_bytes(&postcard::to_stdvec(&c).unwrap()).unwrap();
            assert_eq!(back, c);
        }
    }
}
