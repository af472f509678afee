//! A quote's variant group, as the store decides it when the quote arrives: the same words
//! seen before (`QuoteIndex::keys`), else the best representative of an earlier group found
//! through the LSH buckets. [`add_quote`] runs it against the database; [`variant_groups`]
//! runs the same code on quotes held in memory, for the Spark job (`quotetrace._native`),
//! which hands it the quotes that could ever meet, in arrival order.

use super::*;
use quotetrace_link::meaning::LinkKind;

/// What a quote joins: (the group, link confidence, the group's speaker, how it is linked).
pub(crate) type Joined = (i64, f64, Option<i64>, LinkKind);

/// The most representatives a quote is compared with (the lowest ids of its buckets).
const CANDIDATES: usize = 48;

/// The group a quote joins, if any. `speaker` is its corpus speaker; `representative(id)`
/// gives the text and speaker of an earlier group's first quote.
pub(crate) fn find_group(
    index: &QuoteIndex,
    speaker: Option<i64>,
    words: &[String],
    key: i64,
    signature: Option<&Signature>,
    mut representative: impl FnMut(i64) -> Result<(String, Option<i64>)>,
) -> Result<Option<Joined>> {
    // Different known speakers never share a statement.
    let compatible = |other: Option<i64>| speaker.is_none() || other.is_none() || speaker == other;
    if words.len() >= variants::MIN_WORDS {
        if let Some(&(cl, sp)) = index
            .keys
            .get(&key)
            .and_then(|found| found.iter().find(|(_, sp)| compatible(*sp)))
        {
            return Ok(Some((index.group_of(cl), 1.0, sp, LinkKind::Same)));
        }
    }
    let Some(s) = signature else {
        return Ok(None);
    };
    let mut cands: Vec<i64> = Vec::new();
    for b in variant_buckets(s) {
        index.bands.get(b, &mut cands);
    }
    cands.sort_unstable();
    cands.dedup();
    let mut best: Option<Joined> = None;
    for c in cands.into_iter().take(CANDIDATES) {
        let (text, sp) = representative(c)?;
        if !compatible(sp) {
            continue;
        }
        let theirs = variants::quote_words(&text);
        if let Some(conf) = variants::variant_confidence(words, &theirs) {
            if best.is_none_or(|(_, b, _, _)| conf > b) {
                let kind = if theirs == words {
                    LinkKind::Same
                } else {
                    LinkKind::Edited
                };
                best = Some((index.group_of(c), conf, sp, kind));
            }
        }
    }
    Ok(best)
}

/// Files a stored quote's words key under its group `cl` (with the group's speaker); true
/// when the key did not name that group yet (the caller saves the pair).
pub(crate) fn remember_key(
    index: &mut QuoteIndex,
    key: i64,
    cl: i64,
    speaker: Option<i64>,
) -> bool {
    let found = index.keys.entry(key).or_default();
    match found.binary_search_by_key(&cl, |&(c, _)| c) {
        Ok(_) => false,
        Err(at) => {
            found.insert(at, (cl, speaker));
            true
        }
    }
}

/// Files a new group's first quote in the LSH buckets.
pub(crate) fn remember_representative(
    index: &mut QuoteIndex,
    signature: Option<&Signature>,
    id: i64,
) -> Result<()> {
    if let Some(s) = signature {
        for b in variant_buckets(s) {
            index.bands.insert(b, short_id(id)?);
            index.unsaved += 1;
        }
    }
    Ok(())
}

/// The quote's words key and LSH bucket keys, as the store computes them; `None` for a quote
/// too short to join or start a variant group with another (it is a group of its own).
pub fn variant_keys(text: &str) -> Option<(i64, Vec<u64>)> {
    let words = variants::quote_words(text);
    if words.len() < variants::MIN_WORDS {
        return None;
    }
    let buckets =
        variant_signature(&words).map_or_else(Vec::new, |s| variant_buckets(&s).collect());
    Some((words_key(&words), buckets))
}

/// One quote's variant link: the position (in the input) of its group's first quote, the
/// link confidence and kind (`None` for a quote that starts a group).
pub type VariantLink = (usize, Option<(f64, &'static str)>);

/// The variant groups of quotes given in arrival order as `(text, corpus speaker)`, decided
/// by the store's rule as each arrives (no translation links). Quotes that share no words key
/// and no LSH bucket, directly or through others, never affect each other, so any set closed
/// under sharing gives what the whole corpus gives.
pub fn variant_groups(quotes: &[(String, Option<i64>)]) -> Result<Vec<VariantLink>> {
    let mut index = QuoteIndex {
        keys: HashMap::new(),
        bands: BandIndex::exact(QUOTE_BUCKET_IDS),
        unsaved: 0,
        moved: HashMap::new(),
    };
    // Ids from 1, as the store's rows (the buckets hold no 0).
    let mut out: Vec<VariantLink> = Vec::with_capacity(quotes.len());
    for (i, (text, speaker)) in quotes.iter().enumerate() {
        let id = i as i64 + 1;
        let words = variants::quote_words(text);
        let key = words_key(&words);
        let signature = variant_signature(&words);
        let joined = find_group(&index, *speaker, &words, key, signature.as_ref(), |c| {
            let (text, sp) = &quotes[(c - 1) as usize];
            Ok((text.clone(), *sp))
        })?;
        let cl = joined.map_or(id, |(c, _, _, _)| c);
        if words.len() >= variants::MIN_WORDS {
            remember_key(
                &mut index,
                key,
                cl,
                joined.map_or(*speaker, |(_, _, sp, _)| sp),
            );
        }
        if joined.is_none() {
            remember_representative(&mut index, signature.as_ref(), id)?;
        }
        out.push(((cl - 1) as usize, joined.map(|(_, c, _, k)| (c, k.name()))));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_the_stores_rule_in_arrival_order() {
        let q = |t: &str, sp: Option<i64>| (t.to_string(), sp);
        let said = "we will not retreat from this fight while there is a single family left";
        let got = variant_groups(&[
            q(said, Some(1)),
            // The same words, another known speaker: a statement of its own.
            q(said, Some(2)),
            // The same words, no speaker: the first group with those words.
            q(&said.to_uppercase(), None),
            q("too short to link", None),
            q(
                "something else entirely was said about the budget by the minister",
                None,
            ),
        ])
        .unwrap();
        let groups: Vec<usize> = got.iter().map(|(g, _)| *g).collect();
        assert_eq!(groups, vec![0, 1, 0, 3, 4]);
        assert_eq!(got[2].1, Some((1.0, "same")));
        assert_eq!(got[0].1, None);
        assert!(variant_keys("too short to link").is_none());
    }
}
