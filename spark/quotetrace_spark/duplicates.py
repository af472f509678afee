"""Near-duplicate articles with Spark shuffles, on the embedded store's keys and rules.

1. Bands: each document's MinHash signature (computed on the executors by the store's code)
   gives ``MINHASH_BANDS`` LSH bucket keys (``quotetrace._native.minhash_bands``, the store's
   ``minhash::bands``).
2. Candidates: in each bucket, the store keeps the first ``DOC_BUCKET_IDS`` documents stored
   (its guard against a hot bucket) and compares a new document with those; here each
   document is paired with the first ``DOC_BUCKET_IDS`` earlier documents of each bucket it
   is in (by arrival order, ``seq``): the same candidate pairs, and a bucket of n documents
   costs at most 64 n pairs, never n^2 / 2.
3. Verification: a pair is a near-duplicate when the estimated Jaccard similarity of the two
   signatures is at least ``DUPLICATE_SIMILARITY`` (the store's threshold, the store's
   ``minhash::similarity``).
4. Originals, as the store assigns them when documents arrive: a document's original is the
   original of its earliest verified earlier candidate (that candidate itself when it has
   none). Each document points at its earliest verified candidate; pointer jumping (a join
   per round, rounds = log2 of the longest chain) takes every pointer to its root. A
   document similar to two groups joins the one its earliest candidate belongs to, as in the
   store; connected components of the pairs, which this job used before, merged the two
   groups, and on 100,000 synthetic articles made 8,524 pairs where the store has 5,702 (now
   5,702 of 5,702: bench/README.md).
"""

import pyarrow as pa
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema
from pyspark.sql.window import Window

# The stages' output columns, in Arrow; Spark's schemas are derived from them (one
# definition, not two, as in documents.py).
_BANDS = pa.schema([("seq", pa.int64()), ("bucket", pa.int64())])
_EDGES = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("similarity", pa.float64())])


def _bands(batches):
    from quotetrace import _native

    for batch in batches:
        seqs, keys = [], []
        for seq, sig in zip(batch.column("seq").to_pylist(), batch.column("signature").to_pylist()):
            for key in _native.minhash_bands(sig):
                seqs.append(seq)
                keys.append(key)
        yield pa.RecordBatch.from_pydict({"seq": seqs, "bucket": keys}, schema=_BANDS)


def _verify(batches):
    from quotetrace import _native

    threshold = _native.DUPLICATE_SIMILARITY
    for batch in batches:
        d = batch.to_pydict()
        keep = {"a": [], "b": [], "similarity": []}
        for a, b, sa, sb in zip(d["a"], d["b"], d["sig_a"], d["sig_b"]):
            s = _native.minhash_similarity(sa, sb)
            if s >= threshold:
                keep["a"].append(a)
                keep["b"].append(b)
                keep["similarity"].append(s)
        yield pa.RecordBatch.from_pydict(keep, schema=_EDGES)


def originals(edges, max_rounds=64):
    """(seq, group) for every document of a verified pair (a, b), a < b: group = the root of
    b's pointer to its earliest verified candidate, as the store's ``find_duplicate`` gives it;
    roots (documents no earlier one duplicates) are their own group."""
    pointer = (edges.groupBy(F.col("b").alias("seq")).agg(F.min("a").alias("target"))
               .localCheckpoint())
    for _ in range(max_rounds):
        up = pointer.select(F.col("seq").alias("mid"), F.col("target").alias("up"))
        jumped = (pointer.join(up, pointer["target"] == up["mid"], "left")
                  .select("seq", F.coalesce("up", "target").alias("target")).localCheckpoint())
        moved = (jumped.join(pointer.withColumnRenamed("target", "was"), "seq")
                 .filter(F.col("target") != F.col("was")).count())
        pointer = jumped
        if moved == 0:
            break
    roots = pointer.select(F.col("target").alias("seq")).distinct() \
        .withColumn("target", F.col("seq"))
    return pointer.union(roots).withColumnRenamed("target", "group")


def duplicates(documents, bucket_ids):
    """The ``duplicates`` table: one row per document of a near-duplicate group (original
    included), with its group's original, and the verified pairs."""
    sigs = documents.filter(F.col("signature").isNotNull()).select("seq", "signature")
    bands = sigs.mapInArrow(_bands, from_arrow_schema(_BANDS))
    ranked = bands.withColumn("rank", F.row_number().over(
        Window.partitionBy("bucket").orderBy("seq")))
    heads = ranked.filter(F.col("rank") <= bucket_ids).select(
        F.col("bucket"), F.col("seq").alias("a"))
    pairs = (bands.join(heads, "bucket").filter(F.col("a") < F.col("seq"))
             .select("a", F.col("seq").alias("b")).distinct())
    s = sigs.select(F.col("seq").alias("s"), "signature")
    with_sigs = (pairs.join(s.withColumnRenamed("signature", "sig_a"), pairs.a == F.col("s")).drop("s")
                 .join(s.withColumnRenamed("signature", "sig_b"), F.col("b") == F.col("s")).drop("s"))
    edges = with_sigs.mapInArrow(_verify, from_arrow_schema(_EDGES)).localCheckpoint()
    groups = originals(edges)
    names = documents.select("seq", "doc")
    table = (groups.join(names, "seq")
             .join(names.select(F.col("seq").alias("group"), F.col("doc").alias("original_doc")), "group")
             .select("seq", "doc", F.col("group").alias("original_seq"), "original_doc"))
    return table, edges
