"""The per-document stage, on the executors: each input file's documents read and extracted by
the quotetrace package in process (``quotetrace._native.extract_file``: the command's reader,
``extract_document`` and the store's MinHash signature, with the GIL released), in Arrow
batches (``mapInArrow``); then the ``documents`` and ``quotes`` tables from the contract lines.

A document's ``record`` is the line ``quotetrace extract`` prints for it, byte for byte; the
other columns are read from it by Spark (``from_json``), so they cannot disagree with it.
"""

import os

import pyarrow as pa
from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.pandas.types import from_arrow_schema

# Documents of one file are numbered within it: seq = file_no * FILE_SPAN + index.
FILE_SPAN = 1 << 32

_ARROW = pa.schema([
    pa.field("seq", pa.int64(), False),
    pa.field("source", pa.string(), False),
    pa.field("doc", pa.string(), False),
    pa.field("record", pa.string(), False),
    pa.field("text", pa.string(), True),
    pa.field("signature", pa.binary(), True),
])

# The same columns as Spark sees them (nullability kept): one definition, not two.
EXTRACTED = from_arrow_schema(_ARROW)

_SPAN = T.StructType([T.StructField("text", T.StringType()), T.StructField("start", T.LongType()),
                      T.StructField("end", T.LongType())])
QUOTE = T.StructType([
    T.StructField("text", T.StringType()),
    T.StructField("start", T.LongType()),
    T.StructField("end", T.LongType()),
    T.StructField("kind", T.StringType()),
    T.StructField("speaker", T.StringType()),
    T.StructField("speaker_type", T.StringType()),
    T.StructField("speaker_mention", _SPAN),
    T.StructField("cue", _SPAN),
    T.StructField("confidence", T.DoubleType()),
    T.StructField("verbatim", T.ArrayType(_SPAN)),
    T.StructField("cue_kind", T.StringType()),
])
RECORD = T.StructType([
    T.StructField("title", T.StringType()),
    T.StructField("url", T.StringType()),
    T.StructField("outlet", T.StringType()),
    T.StructField("author", T.StringType()),
    T.StructField("published", T.StringType()),
    T.StructField("lang", T.StringType()),
    T.StructField("quotes", T.ArrayType(QUOTE)),
    T.StructField("warnings", T.ArrayType(T.StringType())),
    T.StructField("error", T.StringType()),
])


def _extract(batches):
    """mapInArrow: (file_no, name, content) batches -> one row per document."""
    from quotetrace import _native

    # Threads per task: Spark gives each task one core unless told otherwise.
    jobs = int(os.environ.get("QUOTETRACE_TASK_THREADS", "1"))
    for batch in batches:
        cols = batch.to_pydict()
        out = {f.name: [] for f in _ARROW}
        for file_no, name, content in zip(cols["file_no"], cols["name"], cols["content"]):
            rows = _native.extract_file(name, content, jobs=jobs)
            for i, (doc, line, text, sig) in enumerate(rows):
                out["seq"].append(file_no * FILE_SPAN + i)
                out["source"].append(name)
                out["doc"].append(doc)
                out["record"].append(line)
                out["text"].append(text)
                out["signature"].append(sig)
            if len(out["seq"]) >= 512:
                yield pa.RecordBatch.from_pydict(out, schema=_ARROW)
                out = {f.name: [] for f in _ARROW}
        if out["seq"]:
            yield pa.RecordBatch.from_pydict(out, schema=_ARROW)


def extract(files):
    """The per-document rows of the input files: seq, source, doc, record, text, signature."""
    return files.mapInArrow(_extract, EXTRACTED)


def tables(extracted):
    """The ``documents`` and ``quotes`` tables from the per-document rows."""
    parsed = extracted.withColumn("r", F.from_json("record", RECORD))
    documents = parsed.select(
        "seq", "doc", "source",
        F.col("r.title").alias("title"), F.col("r.url").alias("url"),
        F.col("r.outlet").alias("outlet"), F.col("r.author").alias("author"),
        F.col("r.published").alias("published"), F.col("r.lang").alias("lang"),
        F.when(F.col("r.quotes").isNull(), F.lit(0)).otherwise(F.size("r.quotes"))
        .cast("int").alias("quote_count"),
        F.col("r.warnings").alias("warnings"), F.col("r.error").alias("error"),
        "text", "signature", "record",
    )
    quotes = parsed.select(
        "seq", "doc", F.posexplode("r.quotes").alias("quote_index", "q")
    ).select("seq", "doc", F.col("quote_index").cast("int").alias("quote_index"), "q.*")
    return documents, quotes
