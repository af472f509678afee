"""Corpus speakers with Spark shuffles: each quote's speaker key (a person's surname, a body's
whole name, as the store's speaker index files them; none for a description or a quote
without a name), a shuffle by key, and each key's quotes resolved in arrival order by the
store's own index on the executors (``quotetrace._native.resolve_speakers``).

The store only ever compares a name with names of the same key, so this is the one-machine
answer: the same speakers, the same display names and name forms. Ids are given in order of
each speaker's first quote (``seq``, ``quote_index``), the order in which the embedded store
creates them, so they match a store that ingested the same inputs in the same order.

Where it can break first: a key with very many quotes (a common surname such as "Smith", or
"police" were it not a description) is one task's work, held in one pandas frame. The guard is
the key itself: descriptions never get one, and a person's key is a surname, so the largest
group is the most quoted surname of the corpus, not a hot generic word.
"""

import pandas as pd
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .buckets import apply_by_bucket

_RESOLVED = ("kind string, key string, local long, seq long, quote_index int, name string, "
             "form_names array<string>, form_counts array<long>, is_org boolean")


@F.pandas_udf(T.StringType())
def _key(speaker: pd.Series, speaker_type: pd.Series) -> pd.Series:
    from quotetrace import _native

    return pd.Series([
        _native.speaker_key_of(s if isinstance(s, str) else None,
                               t if isinstance(t, str) else None)
        for s, t in zip(speaker, speaker_type)
    ], dtype=object)


# Deterministic in fact, but marked otherwise so that Spark computes it once per quote (it
# evaluated it twice: once for the filter on it, once for the column).
_key = _key.asNondeterministic()


def _resolve_keys(frame):
    """One bucket of keys' quotes -> a row per quote ('q', its local speaker) and a row per
    speaker ('s', with its first quote, display name, forms and kind), key by key in one pass
    over the rows (no pandas work per key)."""
    from quotetrace import _native

    frame = frame.sort_values(["key", "seq", "quote_index"], kind="stable")
    rows = []

    def resolve(key, quotes, places):
        if not quotes:
            return
        ids, speakers = _native.resolve_speakers(quotes)
        first = {}
        for local, (seq, index) in zip(ids, places):
            if local is None:
                continue
            rows.append(("q", key, local, seq, index, None, None, None, None))
            first.setdefault(local, (seq, index))
        for local, name, forms, is_org in speakers:
            seq, index = first[local]
            rows.append(("s", key, local, seq, index, name,
                         [f for f, _ in forms], [c for _, c in forms], is_org))

    key, quotes, places = None, [], []
    for k, s, t, seq, index in zip(frame["key"], frame["speaker"], frame["speaker_type"],
                                   frame["seq"], frame["quote_index"]):
        if k != key:
            resolve(key, quotes, places)
            key, quotes, places = k, [], []
        quotes.append((s if isinstance(s, str) else None, t if isinstance(t, str) else None))
        places.append((int(seq), int(index)))
    resolve(key, quotes, places)
    return pd.DataFrame(rows, columns=["kind", "key", "local", "seq", "quote_index", "name",
                                       "form_names", "form_counts", "is_org"])


def speakers(quotes):
    """From the ``quotes`` table: ``speakers`` (speaker_id, name, is_org, forms, quotes,
    first_seq) and ``quote_speakers`` (seq, quote_index, speaker_id)."""
    keyed = (quotes.select("seq", "quote_index", "speaker", "speaker_type")
             .withColumn("key", _key("speaker", "speaker_type"))
             .filter(F.col("key").isNotNull()))
    resolved = apply_by_bucket(keyed, "key", _resolve_keys, _RESOLVED).cache()
    # Ids in order of first quote: a distributed sort of the speakers only (far fewer than
    # the quotes), numbered with zipWithIndex (no single-partition window).
    spoken = resolved.filter(F.col("kind") == "s").orderBy("seq", "quote_index")
    numbered = spoken.rdd.zipWithIndex().map(lambda ri: (*ri[0], ri[1] + 1))
    table = spoken.sparkSession.createDataFrame(numbered, T.StructType(
        [*spoken.schema.fields, T.StructField("speaker_id", T.LongType(), False)]))
    ids = table.select("key", "local", "speaker_id")
    quote_speakers = (resolved.filter(F.col("kind") == "q")
                      .join(ids, ["key", "local"])
                      .select("seq", "quote_index", "speaker_id"))
    counts = quote_speakers.groupBy("speaker_id").agg(F.count("*").alias("quotes"))
    speakers_table = (table.join(counts, "speaker_id")
                      .withColumn("forms", F.expr(
                          "transform(arrays_zip(form_names, form_counts), "
                          "x -> named_struct('form', x.form_names, 'count', x.form_counts))"))
                      .select("speaker_id", "name", "is_org", "forms", "quotes",
                              F.col("seq").alias("first_seq")))
    return speakers_table, quote_speakers
