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
    p.add_argument("--mode", default="errorifexists", choices=["errorifexists", "overwrite"],
                   help="what to do when a table exists (default: fail)")
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


def run(argv):
    args = parse(argv)
    spark = SparkSession.builder.appName("quotetrace").getOrCreate()
    # One Arrow batch holds whole input files (a WARC archive can be 1 GB): a few at a time.
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "8")
    from quotetrace import _native

    out = args.out.rstrip("/")
    timings = {}
    _stage(spark, "documents")
    t = time.time()
    files = inputs.files(spark, args.paths, args.table)
    extracted = docs_stage.extract(files)
    # documents first; everything else reads it back (the per-document stage runs once).
    docs, _ = docs_stage.tables(extracted)
    # Each part file in arrival order (no shuffle): `quotetrace import` merges the parts by
    # `seq`, one row of each at a time.
    docs.sortWithinPartitions("seq").write.mode(args.mode).parquet(f"{out}/documents")
    timings["documents_s"] = time.time() - t

    _stage(spark, "quotes")
    t = time.time()
    written = spark.read.parquet(f"{out}/documents")
    _, quotes = docs_stage.tables(written.select(*docs_stage.EXTRACTED.fieldNames()))
    quotes.write.mode(args.mode).parquet(f"{out}/quotes")
    timings["quotes_s"] = time.time() - t

    summary = {"documents": written.count(), "quotes": spark.read.parquet(f"{out}/quotes").count()}

    _stage(spark, "speakers")
    t = time.time()
    speakers, quote_speakers = speaker_stage.speakers(spark.read.parquet(f"{out}/quotes"))
    speakers.write.mode(args.mode).parquet(f"{out}/speakers")
    quote_speakers.write.mode(args.mode).parquet(f"{out}/quote_speakers")
    timings["speakers_s"] = time.time() - t
    summary["speakers"] = spark.read.parquet(f"{out}/speakers").count()
    if not args.no_variants:
        _stage(spark, "variants")
        t = time.time()
        table = variant_stage.variants(written, spark.read.parquet(f"{out}/quotes"),
                                       spark.read.parquet(f"{out}/quote_speakers"))
        table.write.mode(args.mode).parquet(f"{out}/variants")
        timings["variants_s"] = time.time() - t
        sizes = (spark.read.parquet(f"{out}/variants")
                 .groupBy("group_seq", "group_quote_index").count().filter("count > 1"))
        summary["variant_groups"] = sizes.count()
        summary["quotes_in_variant_groups"] = int(sizes.agg({"count": "sum"}).first()[0] or 0)
    if not args.no_duplicates:
        _stage(spark, "duplicates")
        t = time.time()
        table, edges = dup_stage.duplicates(written, _native.DOC_BUCKET_IDS)
        table.write.mode(args.mode).parquet(f"{out}/duplicates")
        timings["duplicates_s"] = time.time() - t
        dups = spark.read.parquet(f"{out}/duplicates")
        summary["duplicate_groups"] = dups.select("original_seq").distinct().count()
        summary["documents_in_groups"] = dups.count()
        summary["verified_pairs"] = edges.count()
    if not args.no_stories:
        _stage(spark, "stories")
        t = time.time()
        table, figures = story_stage.stories(written, args.story_window_days,
                                             args.story_overlap_days, args.story_max_window)
        table.write.mode(args.mode).parquet(f"{out}/stories")
        timings["stories_s"] = time.time() - t
        summary["stories"] = spark.read.parquet(f"{out}/stories").select("story").distinct().count()
        summary.update(figures)
    if not (args.no_translations or args.no_variants or args.no_stories):
        _stage(spark, "translations")
        t = time.time()
        links, statements = translation_stage.translations(
            written, spark.read.parquet(f"{out}/quotes"),
            spark.read.parquet(f"{out}/quote_speakers"), spark.read.parquet(f"{out}/variants"),
            spark.read.parquet(f"{out}/stories"), args.ingest_batch)
        links.write.mode(args.mode).parquet(f"{out}/translations")
        statements.write.mode(args.mode).parquet(f"{out}/statements")
        timings["translations_s"] = time.time() - t
        summary["translation_links"] = spark.read.parquet(f"{out}/translations").count()
    summary.update({k: round(v, 2) for k, v in timings.items()})
    print("quotetrace-spark: " + json.dumps(summary), flush=True)
    spark.stop()
    return summary
