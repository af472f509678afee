//! Translations and paraphrases: a quote that found no textual variant joins the group of a
//! quote saying the same thing in other words, among the few candidates its story and a date
//! window give (never the whole corpus). What "the same thing" means is
//! [`quotetrace_link::meaning`]'s business; this module picks the candidates, keeps their
//! meaning keys in memory and writes the links.

use super::meaning_rule::{choose, has_words, Cand, TRANSLATION_DAYS, TRANSLATION_DOCUMENTS};
use super::*;
use quotetrace_link::meaning::Meaning;

/// Meaning keys kept in memory (about 300 bytes each); past this the cache starts over.
const CACHED_MEANINGS: usize = 200_000;

/// Meaning keys of recently stored quotes, by quote id, so that the candidates of a story are
/// not embedded again for every new article.
#[derive(Default)]
pub(crate) struct MeaningCache {
    map: HashMap<i64, Meaning>,
}

impl MeaningCache {
    pub(crate) fn insert(&mut self, id: i64, m: Meaning) {
        if self.map.len() >= CACHED_MEANINGS {
            self.map.clear();
        }
        self.map.insert(id, m);
    }

    fn get_or_make(&mut self, id: i64, text: &str) -> &Meaning {
        if self.map.len() >= CACHED_MEANINGS && !self.map.contains_key(&id) {
            self.map.clear();
        }
        self.map.entry(id).or_insert_with(|| Meaning::of(text))
    }

    /// Makes sure quote `id` has its meaning keys, reading its text only when it has not.
    fn ensure(&mut self, tx: &Transaction, id: i64) -> Result<()> {
        if !self.map.contains_key(&id) {
            let text: String = tx
                .prepare_cached("SELECT text FROM quotes WHERE id = ?1")?
                .query_row([id], |r| r.get(0))?;
            self.get_or_make(id, &text);
        }
        Ok(())
    }
}

/// Days since 0000-03-01 of a `YYYY-MM-DD` date key, `None` for an undated one.
pub(crate) fn day_number(key: &str) -> Option<i64> {
    let y: i64 = key.get(0..4)?.parse().ok()?;
    let m: i64 = key.get(5..7)?.parse().ok()?;
    let d: i64 = key.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1)
}

/// A `YYYY-MM-DD` date key of a day number ([`day_number`]'s inverse: the civil-from-days
/// steps of H. Hinnant's derivation, on the same March-based count).
fn date_key(days: i64) -> String {
    let era = days.div_euclid(146_097);
    let doe = days - era * 146_097; // day of the 400-year era
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of the March-based year
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let (month, carry) = if mp < 10 { (mp + 3, 0) } else { (mp - 9, 1) };
    format!("{:04}-{month:02}-{day:02}", era * 400 + yoe + carry)
}

fn cand(r: &rusqlite::Row) -> rusqlite::Result<Cand> {
    Ok(Cand {
        id: r.get(0)?,
        kind: r.get(1)?,
        speaker: r.get(2)?,
        speaker_text: r.get(3)?,
        cluster: r.get(4)?,
        day: day_number(r.get_ref(5)?.as_str().unwrap_or("")),
    })
}

/// Links the quotes of document `doc` (of `story`) that started a variant group (no earlier
/// wording matched them) to the group of the quote in another recent article of the story
/// that says the same thing in other words, best pairs first, their groups with them; a group
/// takes at most one quote of an article.
pub(crate) fn link_translations(
    tx: &Transaction,
    index: &mut QuoteIndex,
    cache: &mut MeaningCache,
    doc: i64,
    story: i64,
) -> Result<()> {
    const COLS: &str = "q.id, q.kind, q.speaker, q.speaker_text, q.cluster, q.date_key";
    let alone: Vec<Cand> = {
        let mut st = tx.prepare_cached(&format!(
            "SELECT {COLS} FROM quotes q WHERE q.doc = ?1 AND q.cluster = q.id"
        ))?;
        let rows = st.query_map([doc], cand)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    for q in &alone {
        cache.ensure(tx, q.id)?;
    }
    let alone: Vec<Cand> = alone
        .into_iter()
        .filter(|q| cache.map.get(&q.id).is_some_and(has_words))
        .collect();
    if alone.is_empty() {
        return Ok(());
    }
    // Through the story's most recent documents, not the speaker's quotes: a speaker may have
    // been quoted a hundred thousand times, and a story can hold thousands of articles.
    // Within the date window (an undated article, or one in an undated story, is compared
    // with the story's recent ones whatever their dates).
    let (from, to) = match alone[0].day {
        Some(d) => (
            date_key(d - TRANSLATION_DAYS),
            date_key(d + TRANSLATION_DAYS),
        ),
        None => ("0000".to_string(), UNDATED.to_string()),
    };
    let others: Vec<Cand> = {
        let mut st = tx.prepare_cached(&format!(
            "SELECT {COLS} FROM
               (SELECT id FROM documents WHERE story = ?1 AND id != ?2
                  AND (published IS NULL OR published BETWEEN ?4 AND ?5)
                ORDER BY id DESC LIMIT ?3) d
             JOIN quotes q ON q.doc = d.id"
        ))?;
        let rows = st.query_map(
            params![story, doc, TRANSLATION_DOCUMENTS as i64, from, to],
            cand,
        )?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    for o in &others {
        cache.ensure(tx, o.id)?;
    }
    let mut taken: HashSet<i64> = {
        let mut st = tx.prepare_cached("SELECT DISTINCT cluster FROM quotes WHERE doc = ?1")?;
        let rows = st.query_map([doc], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let chosen = choose(&alone, &others, |id| cache.map.get(&id), &mut taken);
    let mut relink = tx.prepare_cached(
        "UPDATE quotes SET variant_confidence = ?2, variant_kind = ?3 WHERE id = ?1",
    )?;
    let mut regroup = tx.prepare_cached("UPDATE quotes SET cluster = ?2 WHERE cluster = ?1")?;
    for c in chosen {
        let (q, o) = (&alone[c.quote], &others[c.to]);
        // The group it started goes with it (textual variants that joined it since, in this
        // batch or a story move's later articles).
        regroup.execute(params![q.id, o.cluster])?;
        relink.execute(params![q.id, c.confidence, c.kind.name()])?;
        index.moved.insert(q.id, o.cluster);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        let d = |s| day_number(s).unwrap();
        assert_eq!(d("2024-03-01") - d("2024-02-28"), 2);
        assert_eq!(d("2023-03-01") - d("2023-02-28"), 1);
        assert_eq!(d("2025-01-01") - d("2024-12-31"), 1);
        assert_eq!(day_number("9999"), None);
        assert_eq!(day_number("2024-13-01"), None);
        for key in [
            "2024-02-29",
            "2024-03-01",
            "2023-12-31",
            "2025-01-01",
            "2000-02-28",
            "1999-03-31",
        ] {
            assert_eq!(date_key(day_number(key).unwrap()), key);
        }
    }
}
