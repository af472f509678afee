"""Corpus speakers with Spark shuffles: each quote's speaker key (a person's surname, a body's
whole name, as the store's speaker index files them; none for a description or a quote
without a name), a shuffle by key, and each key's quotes resolved in arrival order by the
store's own index on the executors (``quotetrace._native.SpeakerResolver``).

The store only ever compares a name with names of the same key, so this is the one-machine
answer: the same speakers, the same display names and name forms. Ids are given in order of
each speaker's first quote (``seq``, ``quote_index``), the order in which the embedded store
creates them, so they match a store that ingested the same inputs in the same order.

Where it can break first: a key with very many quotes (a common surname such as "Smith", or
"trump" on election news: 735,937 quotes of a million synthetic articles) is one task's work,
because its quotes must be resolved in arrival order (a bare surname joins the bearer that
dominates so far). The guard: the quotes are shuffled by key and sorted within each
partition by (key, arrival) (Spark's sort spills to disk), and each partition streams through
the resolver in Arrow batches (``mapInPandas``, ``spark.sql.execution.arrow.maxRecordsPerBatch``
rows at a time); the store's index for the current key (``quotetrace._native.SpeakerResolver``)
is carried from batch to batch. A task holds one batch of quotes and one key's speakers,
never a key's quotes: a hot key costs time in one task, not memory. Descriptions ("police",
"a spokesman") get no key at all.
"""

import pandas as pd
from pyspark.sql import functions as F
from pyspark.sql import types as T


_RESOLVED = ("kind string, key string, local long, seq long, quote_index int, name string, "
             "form_names array<string>, form_counts array<long>, is_org boolean")
_COLUMNS = ["kind", "key", "local", "seq", "quote_index", "name", "form_names", "form_counts",
            "is_org"]


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


def _stream_keys(batches):
    """mapInPandas over one partition sorted by (key, seq, quote_index): a row per quote
    ('q', its local speaker) and a row per speaker of each key once the key's last quote has
    passed ('s', with its first quote, display name, forms and kind)."""
    from quotetrace import _native

    key, resolver, first = None, None, {}

    def finished():
        rows = []
        for local, name, forms, is_org in resolver.speakers():
            seq, index = first[local]
            rows.append(("s", key, local, seq, index, name,
                         [f for f, _ in forms], [c for _, c in forms], is_org))
        return rows

    for frame in batches:
        keys = frame["key"].tolist()
        speakers_ = [s if isinstance(s, str) else None for s in frame["speaker"].tolist()]
        types = [t if isinstance(t, str) else None for t in frame["speaker_type"].tolist()]
        seqs = frame["seq"].tolist()
        indexes = frame["quote_index"].tolist()
        rows = []
        start = 0
        while start < len(keys):
            end = start
            while end < len(keys) and keys[end] == keys[start]:
                end += 1
            if keys[start] != key:
                if resolver is not None:
                    rows.extend(finished())
                key, resolver, first = keys[start], _native.SpeakerResolver(), {}
            ids = resolver.resolve(list(zip(speakers_[start:end], types[start:end])))
            for local, seq, index in zip(ids, seqs[start:end], indexes[start:end]):
                if local is None:
                    continue
                rows.append(("q", key, local, int(seq), int(index), None, None, None, None))
                first.setdefault(local, (int(seq), int(index)))
            start = end
        if rows:
            yield pd.DataFrame(rows, columns=_COLUMNS)
    if resolver is not None:
        yield pd.DataFrame(finished(), columns=_COLUMNS)


def speakers(quotes):
    """From the ``quotes`` table: ``speakers`` (speaker_id, name, is_org, forms, quotes,
    first_seq) and ``quote_speakers`` (seq, quote_index, speaker_id)."""
    keyed = (quotes.select("seq", "quote_index", "speaker", "speaker_type")
             .withColumn("key", _key("speaker", "speaker_type"))
             .filter(F.col("key").isNotNull()))
    partitions = int(quotes.sparkSession.conf.get("spark.sql.shuffle.partitions"))
    resolved = (keyed.repartition(partitions, "key")
                .sortWithinPartitions("key", "seq", "quote_index")
                .mapInPandas(_stream_keys, _RESOLVED)
                .cache())
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
