"""The job: inputs -> per-document stage -> ``documents`` and ``quotes`` -> corpus speakers,
quote variants, near-duplicates, stories and translation links -> ``speakers``,
``quote_speakers``, ``variants``, ``duplicates``, ``stories``, ``translations`` and
``statements``
(Parquet tables under OUT). Each table is written through Spark's output
commit (a task that is retried or killed leaves nothing behind), and the later stages read the
written ``documents`` back, so the per-document stage runs once.
"""

import argparse
import json
import time

from pyspark.sql import SparkSession

from . import documents as docs_stage
from . import duplicates as dup_stage
from . import inputs
from . import speakers as speaker_stage
from . import stories as story_stage
from . import translations as translation_stage
from . import variants as variant_stage


def parse(argv):
    p = argparse.ArgumentParser(prog="quotetrace-spark", description=__doc__)
    p.add_argument("--out", required=True, help="output directory (any Hadoop-writable path)")
    p.add_argument("--no-variants", action="store_true", help="skip the quote variant stage")
    p.add_argument("--no-duplicates", action="store_true", help="skip the near-duplicate stage")
    p.add_argument("--no-stories", action="store_true", help="skip the story stage")
    p.add_argument("--no-translations", action="store_true",
                   help="skip the translation and paraphrase links (made within stories, on "
                        "the variant groups: skipped too without either)")
    p.add_argument("--story-window-days", type=int, default=0, metavar="DAYS",
                   help="cut the corpus into story windows of this many days of publication "
                        "(default 0: no date windows, see spark/README.md)")
    p.add_argument("--story-overlap-days", type=int, default=7, metavar="DAYS",
                   help="days two consecutive date windows share (default 7)")
    p.add_argument("--story-max-window", type=int, default=200_000, metavar="DOCS",
                   help="most documents one story task clusters; a larger window is cut in "
                        "arrival order (default 200000)")
    p.add_argument("--ingest-batch", type=int, default=4096, metavar="DOCS",
                   help="the store's batch the translation links follow (quotetrace ingest "
                        "--batch; default 4096)")
    p.add_argument("--mode", default="errorifexists",
                   choices=["errorifexists", "overwrite", "resume"],
                   help="what to do when a table exists (default: fail); resume: keep the "
                        "stages an earlier run into OUT committed (their tables' _SUCCESS "
                        "markers), up to the first that was not; run that one and every later "
                        "one again")
    p.add_argument("--table", action="append", default=[], metavar="PARQUET",
                   help="a Parquet table of articles (a `text` or `html` column; id, title, url, "
                        "published, outlet, author when present); repeatable")
    p.add_argument("paths", nargs="*", help="input files or directories, as for quotetrace extract")
    return p.parse_args(argv)


def _stage(spark, name):
    """Files the Spark jobs that follow under ``name`` (the job group): the event log then
    tells each of our stages' tasks, CPU time and shuffle bytes apart
    (bench/spark_metrics.py)."""
    spark.sparkContext.setJobGroup(name, f"quotetrace: {name}")


def _committed(spark, out, names):
    """Whether each of the tables ``names`` under ``out`` was committed: Spark's output commit
    writes its ``_SUCCESS`` marker last."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    for name in names:
        path = jvm.org.apache.hadoop.fs.Path(f"{out}/{name}/_SUCCESS")
        if not path.getFileSystem(conf).exists(path):
            return False
    return True


# Rows per Arrow batch. The per-document stage's rows are whole input files (a WARC archive
# can be 1 GB): a few at a time. The later stages' rows are quotes, keys, signatures and
# dates: thousands at a time, so that their Python functions are called once per batch, not
# once per 8 rows.
_FILES_PER_BATCH = "8"
_ROWS_PER_BATCH = "4096"


def run(argv):
    args = parse(argv)
    spark = SparkSession.builder.appName("quotetrace").getOrCreate()
    from quotetrace import _native

    out = args.out.rstrip("/")
    resume = args.mode == "resume"
    mode = "overwrite" if resume else args.mode
    timings = {}

    ran = []

    def todo(name, tables):
        """Whether the stage must run; files its Spark jobs under the stage's name. With
        --mode resume a stage is kept when its tables are committed and no earlier stage ran
        again (a stage reads what the earlier ones wrote)."""
        if resume and not ran and _committed(spark, out, tables):
            print(f"quotetrace-spark: {name}: kept from the earlier run", flush=True)
            return False
        ran.append(name)
        _stage(spark, name)
        return True

    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", _FILES_PER_BATCH)
    if todo("documents", ["documents"]):
        t = time.time()
        files = inputs.files(spark, args.paths, args.table)
        extracted = docs_stage.extract(files)
        # documents first; everything else reads it back (the per-document stage runs once).
        docs, _ = docs_stage.tables(extracted)
        # Each part file in arrival order (no shuffle): `quotetrace import` merges the parts
        # by `seq`, one row of each at a time.
        docs.sortWithinPartitions("seq").write.mode(mode).parquet(f"{out}/documents")
        timings["documents_s"] = time.time() - t
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", _ROWS_PER_BATCH)

    written = spark.read.parquet(f"{out}/documents")
    if todo("quotes", ["quotes"]):
        t = time.time()
        _, quotes = docs_stage.tables(written.select(*docs_stage.EXTRACTED.fieldNames()))
        quotes.write.mode(mode).parquet(f"{out}/quotes")
        timings["quotes_s"] = time.time() - t

    summary = {"documents": written.count(), "quotes": spark.read.parquet(f"{out}/quotes").count()}

    if todo("speakers", ["speakers", "quote_speakers"]):
        t = time.time()
        speakers, quote_speakers = speaker_stage.speakers(spark.read.parquet(f"{out}/quotes"))
        speakers.write.mode(mode).parquet(f"{out}/speakers")
        quote_speakers.write.mode(mode).parquet(f"{out}/quote_speakers")
        timings["speakers_s"] = time.time() - t
    summary["speakers"] = spark.read.parquet(f"{out}/speakers").count()
    if not args.no_variants:
        if todo("variants", ["variants"]):
            t = time.time()
            table = variant_stage.variants(written, spark.read.parquet(f"{out}/quotes"),
                                           spark.read.parquet(f"{out}/quote_speakers"))
            table.write.mode(mode).parquet(f"{out}/variants")
            timings["variants_s"] = time.time() - t
        sizes = (spark.read.parquet(f"{out}/variants")
                 .groupBy("group_seq", "group_quote_index").count().filter("count > 1"))
        summary["variant_groups"] = sizes.count()
        summary["quotes_in_variant_groups"] = int(sizes.agg({"count": "sum"}).first()[0] or 0)
    if not args.no_duplicates:
        if todo("duplicates", ["duplicates"]):
            t = time.time()
            table, edges = dup_stage.duplicates(written, _native.DOC_BUCKET_IDS)
            table.write.mode(mode).parquet(f"{out}/duplicates")
            timings["duplicates_s"] = time.time() - t
            summary["verified_pairs"] = edges.count()
        dups = spark.read.parquet(f"{out}/duplicates")
        summary["duplicate_groups"] = dups.select("original_seq").distinct().count()
        summary["documents_in_groups"] = dups.count()
    if not args.no_stories:
        if todo("stories", ["stories"]):
            t = time.time()
            table, figures = story_stage.stories(written, args.story_window_days,
                                                 args.story_overlap_days, args.story_max_window)
            table.write.mode(mode).parquet(f"{out}/stories")
            timings["stories_s"] = time.time() - t
            summary.update(figures)
        summary["stories"] = spark.read.parquet(f"{out}/stories").select("story").distinct().count()
    if not (args.no_translations or args.no_variants or args.no_stories):
        if todo("translations", ["translations", "statements"]):
            t = time.time()
            links, statements = translation_stage.translations(
                written, spark.read.parquet(f"{out}/quotes"),
                spark.read.parquet(f"{out}/quote_speakers"),
                spark.read.parquet(f"{out}/variants"), spark.read.parquet(f"{out}/stories"),
                args.ingest_batch)
            links.write.mode(mode).parquet(f"{out}/translations")
            statements.write.mode(mode).parquet(f"{out}/statements")
            timings["translations_s"] = time.time() - t
        summary["translation_links"] = spark.read.parquet(f"{out}/translations").count()
    summary.update({k: round(v, 2) for k, v in timings.items()})
    print("quotetrace-spark: " + json.dumps(summary), flush=True)
    spark.stop()
    return summary
