"""Translation and paraphrase links on Spark: a quote that started a variant group (no earlier
wording matched it) joins the group of a quote in another recent article of its story that
says the same thing in other words, as the store's ``meaning.rs`` links it.

1. **Candidates.** The store looks for a translation only within the article's story, among
   the story's 50 most recent articles within 3 days of its date (never the whole corpus),
   as they are when the article's batch is stored (``ingest --batch``, 4,096 articles a
   transaction by default: later articles of the same batch included).
   The key is the story: one shuffle of the stored quotes by ``story`` (the ``stories``
   table), with each quote's variant group (``variants``) and corpus speaker
   (``quote_speakers``).
2. **Links.** Each story's articles go, in arrival order, through
   ``quotetrace._native.story_translations``: the store's own rule (meaning keys, average link
   over a candidate group's quotes, a stricter bar when the two speakers are different full
   names, a group takes at most one quote of an article), run as the store runs it when it
   files each article in its story.
3. **Statements.** The variant groups joined along the links (connected components, the
   label propagation of ``variants.py``) are the ``statements``: the store's ``quotes.cluster``.

Where it differs from one machine: the store links an article within the story it has when
its batch is stored, and again within a later story when a refinement moves it (keeping the
links of the first); here every article is linked once, within its final story. Where the
clusterer moves no article the two are the same. Measured against ``quotetrace ingest`` in
spark/README.md.

Where it can break first: a story is one task's work, and each article is compared with at
most 50 earlier ones, so the cost grows with the story's size, linearly; the largest story is
bounded by the story stage's window (``--story-max-window``).
"""

import pandas as pd
from pyspark.sql import functions as F

from .buckets import apply_by_bucket
from .variants import components

_LINKS = ("seq long, quote_index int, to_group_seq long, to_group_quote_index int, "
          "confidence double, link string")


def _link_stories(frame, batch):
    """One bucket of stories' quotes -> the links their lone quotes make, story by story
    (one pass over the rows: no pandas work per story, which cost more than the links on a
    corpus of many small stories)."""
    from quotetrace import _native

    frame = frame.sort_values(["story", "seq", "quote_index"], kind="stable")
    out = []

    def link(docs, at, number):
        if not docs:
            return
        by_number = list(number)
        for d, q, to, confidence, kind in _native.story_translations(docs, batch):
            seq, indexes = at[d]
            gs, gi = by_number[to]
            out.append((seq, indexes[q], gs, gi, confidence, kind))

    story, number, docs, at = None, {}, [], []
    for r in frame.itertuples(index=False):
        if r.story != story:
            link(docs, at, number)
            story, number, docs, at = r.story, {}, [], []
        group = (int(r.group_seq), int(r.group_quote_index))
        if not at or at[-1][0] != r.seq:
            published = r.published if isinstance(r.published, str) else None
            docs.append((int(r.position), published, []))
            at.append((int(r.seq), []))
        docs[-1][2].append((r.text, r.kind,
                            None if pd.isna(r.speaker_id) else int(r.speaker_id),
                            r.speaker if isinstance(r.speaker, str) else None,
                            number.setdefault(group, len(number)),
                            group == (int(r.seq), int(r.quote_index))))
        at[-1][1].append(int(r.quote_index))
    link(docs, at, number)
    return pd.DataFrame(out, columns=["seq", "quote_index", "to_group_seq",
                                      "to_group_quote_index", "confidence", "link"])


def _group_id(seq, index):
    """A variant group as one orderable value: its first quote's (seq, quote_index)."""
    return F.struct(seq.alias("seq"), index.alias("quote_index"))


def translations(documents, quotes, quote_speakers, variants, stories, batch=4096):
    """(``translations``, ``statements``): the links (a lone quote, with its group, joins the
    group of ``to_group_seq``/``to_group_quote_index``: confidence, link ``translation`` or
    ``paraphrase``), and every stored quote's statement (``statement_seq``,
    ``statement_quote_index``: the first quote of the union of its variant group and the
    groups linked to it). ``batch`` is the store's: ``quotetrace ingest --batch`` (default
    4096) articles a transaction, within which an article is linked with later ones too."""
    spark = documents.sparkSession
    # Each readable document's place in arrival order (the store's batches are counted so).
    order = documents.filter(F.col("error").isNull()).select("seq").orderBy("seq")
    positions = spark.createDataFrame(
        order.rdd.zipWithIndex().map(lambda ri: (ri[0][0], ri[1])), "seq long, position long")
    q = (variants.select("seq", "quote_index", "group_seq", "group_quote_index")
         .join(quotes.select("seq", "quote_index", "text", "kind", "speaker"),
               ["seq", "quote_index"])
         .join(quote_speakers, ["seq", "quote_index"], "left")
         .join(stories.select("seq", "story"), "seq")
         .join(documents.select("seq", "published"), "seq")
         .join(positions, "seq"))
    links = (q.select("story", "seq", "quote_index", "position", "published", "text", "kind",
                      "speaker", "speaker_id", "group_seq", "group_quote_index")
             .transform(lambda f: apply_by_bucket(f, "story", lambda b: _link_stories(b, batch),
                                                  _LINKS))
             .localCheckpoint())
    # Components of the groups along the links: each link is a node both groups touch.
    from_group = links.select(_group_id(F.col("seq"), F.col("quote_index")).alias("g"),
                              "to_group_seq", "to_group_quote_index")
    edges = (from_group.select(F.col("g").alias("qid"), F.col("g").alias("node"))
             .unionByName(from_group.select(
                 _group_id(F.col("to_group_seq"), F.col("to_group_quote_index")).alias("qid"),
                 F.col("g").alias("node")))
             .distinct())
    labels = components(edges) if links.head(1) else None
    grouped = variants.select("seq", "quote_index", "group_seq", "group_quote_index").withColumn(
        "g", _group_id(F.col("group_seq"), F.col("group_quote_index")))
    if labels is None:
        statements = grouped.withColumn("label", F.col("g"))
    else:
        statements = (grouped.join(labels.withColumnRenamed("qid", "g"), "g", "left")
                      .withColumn("label", F.coalesce("label", "g")))
    statements = statements.select(
        "seq", "quote_index", F.col("label.seq").alias("statement_seq"),
        F.col("label.quote_index").alias("statement_quote_index"))
    return links, statements
