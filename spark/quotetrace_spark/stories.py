"""Stories on Spark: the corpus cut into overlapping windows, each clustered in arrival order
by the store's own story clusterer on one executor, and the overlaps reconciled into one
story id per story.

1. **Windows.** By default the whole corpus is one window, cut only where one task must stop:
   a window of more than ``max_docs`` documents is cut in arrival order (``seq``) into
   sub-windows of ``max_docs`` documents, each overlapping the next by a tenth of that. A
   sub-window is a contiguous stretch of the stream the embedded store reads, clustered as
   the store clusters it. With ``width`` > 0 the corpus is first cut by publication date:
   windows of ``width`` days from the corpus's first day, one every ``width - overlap``
   days, so that consecutive windows share ``overlap`` days (then each is cut by size as
   above). Dates are read as the clusterer reads them (``published``, ``YYYY-MM-DD``). An
   undated document takes the day of the nearest dated document before it in arrival order,
   or, when none comes before it, of the first dated one after it: in a feed, what arrives
   together is news of the same days, and the store compares an undated article with the
   stories open when it arrives, its arrival-order neighbours. Date windows are off by
   default because a window's clusterer weighs terms by that window's articles only: on a
   small corpus, a 30-day window holds too few to weigh them as the store does (ECB+ with
   event dates: pairwise F1 0.85 against the store's stories with 30-day windows; 1.0 as one
   window; spark/README.md).
2. **Clustering.** Each (sub-)window is one Spark task (a shuffle by window); its documents
   go through ``quotetrace._native.cluster_stories`` in arrival order: what ``quotetrace
   ingest`` does with the same documents in the same order, refinements included. A corpus
   that is one window gets exactly the store's stories.
3. **Reconciliation.** A (window, local story) pair is a node; a document in two windows ties
   its two nodes together. Connected components of the nodes are the stories (label
   propagation: each node starts with the smallest ``seq`` of its documents, and nodes and
   shared documents take the smallest label they meet until none changes): a story that
   crosses a window edge has documents in the overlap, so its two halves become one. The
   story id is the component's smallest ``seq``, the arrival number of the story's first
   document: the same on every run, whatever the partitioning.

Where it differs from one machine, across windows: the store runs one clusterer over the
whole stream (its term weights from every earlier article); a window's clusterer starts
afresh. A story is split where nothing of it falls in an overlap, and two stories that one
window joined are joined everywhere (the union is transitive, so a window that lumps
stories together chains them through the overlaps).
"""

import pandas as pd
from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

_ASSIGNED = "win long, sub int, seq long, story long"


@F.pandas_udf(T.IntegerType())
def _day(published: pd.Series) -> pd.Series:
    from quotetrace import _native

    days = _native.story_days([p if isinstance(p, str) else None for p in published])
    return pd.Series(days, dtype="Int32")


def _cluster(frame):
    """applyInPandas: one (sub-)window's documents -> (win, sub, seq, local story). A repeat of
    a document (the same id and text as an earlier one of the window) is not clustered: the
    store keeps it as the document it already has; it takes that document's story."""
    from quotetrace import _native

    frame = frame.sort_values("seq", kind="stable")
    first, docs, repeats = {}, [], []
    for seq, doc, title, text, published in zip(frame["seq"], frame["doc"], frame["title"],
                                                 frame["text"], frame["published"]):
        key = (doc, text.strip())
        if key in first:
            repeats.append((int(seq), first[key]))
            continue
        first[key] = int(seq)
        docs.append((int(seq), title if isinstance(title, str) else None, text,
                     published if isinstance(published, str) else None))
    stories = dict(_native.cluster_stories(docs))
    stories.update({seq: stories[of] for seq, of in repeats})
    win, sub = int(frame["win"].iloc[0]), int(frame["sub"].iloc[0])
    return pd.DataFrame({"win": win, "sub": sub, "seq": list(stories),
                         "story": list(stories.values())},
                        columns=["win", "sub", "seq", "story"])


def _days(docs):
    """(seq, day): every document's day counted from the corpus's first, or its arrival-order
    neighbour's (see above). A window function per input file (``seq >> 32``), and per file
    the last dated day of the files before it, from one small aggregate per file made on the
    driver; None everywhere when nothing is dated."""
    spark = docs.sparkSession
    dated = docs.select("seq", _day("published").alias("own")) \
        .withColumn("file", F.shiftright("seq", 32)).localCheckpoint()
    own = F.when(F.col("own").isNotNull(), F.struct("seq", "own"))
    ends = {r["file"]: (r["first"] and r["first"]["own"], r["last"] and r["last"]["own"],
                        r["least"])
            for r in dated.groupBy("file").agg(F.min(own).alias("first"),
                                               F.max(own).alias("last"),
                                               F.min("own").alias("least")).collect()}
    dated_files = sorted(f for f, (first, _, _) in ends.items() if first is not None)
    if not dated_files:
        return dated.select("seq", F.lit(None).cast("int").alias("day"))
    origin = min(ends[f][2] for f in dated_files)
    carried, last = [], None
    for f in sorted(ends):
        carried.append((f, last))
        if ends[f][1] is not None:
            last = ends[f][1]
    before = spark.createDataFrame(carried, "file long, carried int")
    in_file = Window.partitionBy("file").orderBy("seq")
    prev = F.last("own", ignorenulls=True).over(
        in_file.rowsBetween(Window.unboundedPreceding, Window.currentRow))
    nxt = F.first("own", ignorenulls=True).over(
        in_file.rowsBetween(Window.currentRow, Window.unboundedFollowing))
    first = ends[dated_files[0]][0]
    day = F.coalesce(prev, "carried", nxt, F.lit(first)) - F.lit(origin)
    return dated.join(F.broadcast(before), "file").select("seq", day.alias("day"))


def _windows(docs, width, overlap):
    """(seq, win): each document once per date window its day falls in (window ``k`` holds
    days ``[k*stride, k*stride + width)`` from the first); all in window 0 when ``width`` is
    0 or nothing is dated."""
    if width == 0:
        return docs.select("seq", F.lit(0).cast("long").alias("win"))
    stride = width - overlap
    lo = F.greatest(F.lit(0).cast("long"),
                    F.floor((F.col("day") - width) / stride).cast("long") + 1)
    hi = F.floor(F.col("day") / stride).cast("long")
    return _days(docs).select(
        "seq", F.when(F.col("day").isNull(), F.array(F.lit(0).cast("long")))
        .otherwise(F.sequence(lo, hi)).alias("wins")
    ).select("seq", F.explode("wins").alias("win"))


def _split(placed, max_docs):
    """(seq, win, sub): windows over ``max_docs`` documents cut in arrival order into
    sub-windows of ``max_docs`` that overlap by a tenth of it; others are sub-window 0, and
    how many windows were cut. A document's rank in its window is its rank in its input
    file (``seq >> 32``, a window function per file) plus the documents of the window's
    earlier files (counts per window and file, added up on the driver): no task sorts a
    whole window."""
    spark = placed.sparkSession
    placed = placed.withColumn("file", F.shiftright("seq", 32))
    counts = placed.groupBy("win", "file").count().collect()
    sizes = {}
    for r in counts:
        sizes[r["win"]] = sizes.get(r["win"], 0) + r["count"]
    big = sorted(w for w, n in sizes.items() if n > max_docs)
    if not big:
        return placed.select("seq", "win", F.lit(0).alias("sub")), 0
    offsets, total = [], {}
    for r in sorted((r for r in counts if r["win"] in set(big)), key=lambda r: (r["win"], r["file"])):
        offsets.append((r["win"], r["file"], total.get(r["win"], 0)))
        total[r["win"]] = total.get(r["win"], 0) + r["count"]
    offset = spark.createDataFrame(offsets, "win long, file long, offset long")
    step = max_docs - max(1, max_docs // 10)
    in_file = Window.partitionBy("win", "file").orderBy("seq")
    ranked = (placed.join(F.broadcast(offset), ["win", "file"])
              .withColumn("r", F.col("offset") + F.row_number().over(in_file) - 1))
    lo = F.greatest(F.lit(0), F.floor((F.col("r") - max_docs) / step).cast("int") + 1)
    hi = F.floor(F.col("r") / step).cast("int")
    subs = ranked.select("seq", "win", F.explode(F.sequence(lo, hi)).alias("sub"))
    small = placed.filter(~F.col("win").isin(big)).select("seq", "win", F.lit(0).alias("sub"))
    return small.union(subs), len(big)


def _components(assigned, max_rounds=1000):
    """(win, sub, story, label): each node's component label, the smallest seq in it."""
    node = ["win", "sub", "story"]
    labels = assigned.groupBy(*node).agg(F.min("seq").alias("label")).localCheckpoint()
    shared = (assigned.join(assigned.groupBy("seq").count().filter(F.col("count") > 1), "seq")
              .select("seq", *node).localCheckpoint())
    rounds = 0
    while rounds < max_rounds:
        rounds += 1
        per_doc = (shared.join(labels, node).groupBy("seq").agg(F.min("label").alias("m")))
        offered = shared.join(per_doc, "seq").groupBy(*node).agg(F.min("m").alias("m"))
        updated = (labels.join(offered, node, "left")
                   .select(*node, F.least("label", F.coalesce("m", "label")).alias("label"))
                   .localCheckpoint())
        changed = (updated.join(labels.withColumnRenamed("label", "was"), node)
                   .filter(F.col("label") != F.col("was")).count())
        labels = updated
        if changed == 0:
            break
    return labels, rounds


def stories(documents, width=0, overlap=7, max_docs=200_000):
    """The ``stories`` table (seq, doc, story) from the ``documents`` table, and figures of the
    run (windows, windows cut, reconciliation rounds)."""
    if max_docs < 10:
        raise ValueError(f"a story window of at most {max_docs} documents is too small")
    if width and not 0 <= overlap < width:
        raise ValueError(f"the story overlap ({overlap} days) must be at least 0 and under "
                         f"the window's width ({width} days)")
    docs = documents.filter(F.col("error").isNull() & F.col("text").isNotNull()) \
        .select("seq", "doc", "title", "text", "published")
    placed, cut = _split(_windows(docs, width, overlap).localCheckpoint(), max_docs)
    assigned = (placed.join(docs, "seq").groupBy("win", "sub")
                .applyInPandas(_cluster, _ASSIGNED).localCheckpoint())
    labels, rounds = _components(assigned)
    # Any of a document's nodes: they are all in one component.
    home = assigned.groupBy("seq").agg(F.min(F.struct("win", "sub", "story")).alias("n")) \
        .select("seq", "n.*")
    table = (home.join(labels, ["win", "sub", "story"])
             .join(docs.select("seq", "doc"), "seq")
             .select("seq", "doc", F.col("label").alias("story")))
    figures = {"story_windows": assigned.select("win", "sub").distinct().count(),
               "story_windows_cut": cut, "story_rounds": rounds}
    return table, figures
