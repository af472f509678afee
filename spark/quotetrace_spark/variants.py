"""Quote variant groups with Spark shuffles, decided by the store's own rule.

The store links a quote, as it arrives (document ``seq``, then ``quote_index``), to the group
of an earlier quote with the same words (the words key), else to the group of the earlier
group's first quote ("representative") that shares an LSH bucket with it, has a compatible
speaker, and whose link confidence is best (``quotetrace_link::variant_confidence``); it
starts a group otherwise. Which quotes are representatives depends on every earlier decision,
so the rule is sequential; but a quote's decision reads only quotes that share its words key
or one of its buckets. So:

1. Keys: each quote's words key and LSH bucket keys, by the store's code
   (``quotetrace._native.variant_keys``); a quote too short to link is a group of its own.
2. Components: the quotes joined by shared keys, transitively: min-label propagation through
   the (words key, bucket) pairs of the distinct wordings (quotes with one words key share
   it, and its buckets), with pointer jumping, one join pair per round.
3. Groups: each component's quotes, in arrival order, through the store's own rule
   (``quotetrace._native.variant_groups``, the function ``ingest`` runs for each quote) on
   one executor. A component is closed under what a decision reads, so its groups are the
   groups the store gives the whole corpus.

Corpus speakers come from the ``quote_speakers`` table (the store's speakers, see
speakers.py). The store skips a document it already holds (the same name and text): its
quotes are left out here too.

Not reproduced: the store's translation and paraphrase links (``meaning.rs``), which move a
lone quote's group into another group of its story after the story is assigned; here groups
are textual variants only.

Where it can break first: a component is one task's work. A quote repeated very widely is one
component of all its copies (as in the store, where it is one group); edited variants chain
groups together only through shared buckets.
"""

import pandas as pd
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .buckets import apply_by_group

_KEYS = T.StructType([T.StructField("key", T.LongType()),
                      T.StructField("buckets", T.ArrayType(T.LongType()))])
_GROUPED = ("seq long, quote_index int, group_seq long, group_quote_index int, "
            "confidence double, link string")


@F.pandas_udf(_KEYS)
def _keys(text: pd.Series) -> pd.DataFrame:
    from quotetrace import _native

    got = [_native.variant_keys(t if isinstance(t, str) else "") for t in text]
    return pd.DataFrame({"key": [g[0] if g else None for g in got],
                         "buckets": [g[1] if g else None for g in got]})


def _decide(frame):
    """applyInPandas: one component's quotes -> each quote's group (its first quote) and
    link, in arrival order by the store's rule."""
    from quotetrace import _native

    frame = frame.sort_values("qid", kind="stable")
    speakers = [None if pd.isna(s) else int(s) for s in frame["speaker_id"]]
    links = _native.variant_groups(list(zip(frame["text"], speakers)))
    seqs, indexes = frame["seq"].tolist(), frame["quote_index"].tolist()
    return pd.DataFrame({
        "seq": seqs, "quote_index": indexes,
        "group_seq": [seqs[g] for g, _ in links],
        "group_quote_index": [indexes[g] for g, _ in links],
        "confidence": [link[0] if link else None for _, link in links],
        "link": [link[1] if link else None for _, link in links],
    })


def components(edges, max_rounds=64):
    """(qid, label): the least qid of each quote's component in the graph of (qid, node)
    pairs. Every round propagates the least label one step through the nodes, then jumps
    each label to its own label (a label is a qid of the same component)."""
    label = edges.select("qid").distinct().withColumn("label", F.col("qid")).localCheckpoint()
    for _ in range(max_rounds):
        at_node = edges.join(label, "qid").groupBy("node").agg(F.min("label").alias("nl"))
        step = edges.join(at_node, "node").groupBy("qid").agg(F.min("nl").alias("label"))
        up = step.select(F.col("qid").alias("l"), F.col("label").alias("up"))
        jumped = (step.join(up, step["label"] == up["l"], "left")
                  .select("qid", F.least("label", F.coalesce("up", "label")).alias("label"))
                  .localCheckpoint())
        moved = (jumped.join(label.withColumnRenamed("label", "was"), "qid")
                 .filter(F.col("label") != F.col("was")).count())
        label = jumped
        if moved == 0:
            return label
    raise RuntimeError(f"variant components did not settle in {max_rounds} rounds")


def variants(documents, quotes, quote_speakers):
    """The ``variants`` table: every stored quote (seq, quote_index, doc, start, end) with its
    group (group_seq, group_quote_index: the group's first quote, the store's cluster id),
    and the link that joined it (confidence, link "same" or "edited"; null for a first
    quote)."""
    spark = quotes.sparkSession
    stored = (documents.groupBy("doc", "text").agg(F.min("seq").alias("seq")).select("seq"))
    q = (quotes.join(stored, "seq")
         .select("seq", "quote_index", "doc", "start", "end", "text")
         .join(quote_speakers, ["seq", "quote_index"], "left"))
    # Arrival order as a number: a sort of the (seq, quote_index) pairs only.
    order = q.select("seq", "quote_index").orderBy("seq", "quote_index")
    numbered = spark.createDataFrame(
        order.rdd.zipWithIndex().map(lambda ri: (ri[0][0], ri[0][1], ri[1])),
        "seq long, quote_index int, qid long")
    keyed = (q.join(numbered, ["seq", "quote_index"]).withColumn("k", _keys("text"))
             .localCheckpoint())
    linkable = keyed.filter(F.col("k.key").isNotNull())
    # Quotes with the same words key are in one component (they share that key), and they
    # have the same buckets: the components are found over the distinct words keys, far fewer
    # than the quotes where wordings repeat (wire copy, synthetic corpora).
    edges = (linkable.select(F.col("k.key").alias("qid"), F.explode("k.buckets").alias("node"))
             .unionByName(linkable.select(F.col("k.key").alias("qid"),
                                          F.col("k.key").alias("node")))
             .distinct().localCheckpoint())
    labels = components(edges).withColumnRenamed("qid", "key")
    grouped = (linkable.withColumn("key", F.col("k.key")).join(labels, "key")
               .select("label", "qid", "seq", "quote_index", "text", "speaker_id")
               .transform(lambda f: apply_by_group(f, "label", _decide, _GROUPED)))
    alone = keyed.filter(F.col("k.key").isNull()).select(
        "seq", "quote_index", F.col("seq").alias("group_seq"),
        F.col("quote_index").alias("group_quote_index"),
        F.lit(None).cast("double").alias("confidence"), F.lit(None).cast("string").alias("link"))
    table = (grouped.unionByName(alone)
             .join(q.select("seq", "quote_index", "doc", "start", "end"), ["seq", "quote_index"])
             .select("seq", "quote_index", "doc", "start", "end", "group_seq",
                     "group_quote_index", "confidence", "link"))
    return table
