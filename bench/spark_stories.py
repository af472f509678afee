#!/usr/bin/env python3
"""The Spark job's story stage (spark/quotetrace_spark/stories.py) against `quotetrace ingest`'s
stories on the same documents, under several window settings, without a cluster: the
documents table is made in this process by the package's extract_file (as the job's
per-document stage makes it), the story stage runs on a local[2] Spark session, and the
store is built by `quotetrace ingest` of the same files.

usage: spark_stories.py --qt QUOTETRACE --out DIR [--gold GOLD.jsonl --score SCORE.py]
                        [--windows DAYS:OVERLAP:MAXDOCS,...] FILE.jsonl...
Prints one JSON line per setting: stories on Spark and in the store, pairwise P/R/F1 against
the store, whether the partitions are the same, and B-cubed F1 against GOLD when given.
Run it with the Python of the Spark virtualenv (pyspark, pyarrow and the quotetrace wheel).
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "spark"))


def documents_table(paths, out):
    """The documents table's columns the story stage reads, as the job makes them."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from quotetrace import _native

    cols = {k: [] for k in ("seq", "doc", "title", "text", "published", "error")}
    for no, path in enumerate(paths):
        with open(path, "rb") as f:
            rows = _native.extract_file(path, f.read())
        for i, (doc, line, text, _) in enumerate(rows):
            r = json.loads(line)
            values = ((no << 32) + i, doc, r.get("title"), text, r.get("published"), r.get("error"))
            for k, v in zip(cols, values):
                cols[k].append(v)
    os.makedirs(out, exist_ok=True)
    schema = pa.schema([("seq", pa.int64())] + [(k, pa.string()) for k in list(cols)[1:]])
    pq.write_table(pa.table(cols, schema=schema), os.path.join(out, "part-0.parquet"))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--qt", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--gold")
    p.add_argument("--score")
    p.add_argument("--windows", default="0:7:200000,0:7:300,90:14:200000,30:7:200000")
    p.add_argument("files", nargs="+")
    args = p.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["PYTHONPATH"] = os.path.join(ROOT, "spark") + os.pathsep + os.environ.get(
        "PYTHONPATH", "")
    from pyspark.sql import SparkSession
    from quotetrace_spark import stories as st
    from quotetrace_spark.compare import partition_f1, same_partition, store_stories

    docs, store = os.path.join(args.out, "documents"), os.path.join(args.out, "store")
    if not os.path.exists(docs):
        documents_table(args.files, docs)
    if not os.path.exists(store):
        subprocess.run([args.qt, "ingest", "--quiet", "--store", store, *args.files], check=True)
    stored = store_stories(args.qt, store)
    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "8").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    for setting in args.windows.split(","):
        width, overlap, max_docs = (int(x) for x in setting.split(":"))
        t = time.time()
        table, figures = st.stories(spark.read.parquet(docs), width, overlap, max_docs)
        found = {r["doc"]: r["story"] for r in table.collect()}
        row = {"days": width, "overlap": overlap, "max_docs": max_docs, **figures,
               "seconds": round(time.time() - t, 1), "stories": len(set(found.values())),
               "store_stories": len(set(stored.values())),
               "same": same_partition(found, stored)}
        row.update(zip(("p", "r", "f1"), (round(x, 4) for x in partition_f1(found, stored))))
        if args.gold and args.score:
            pred = os.path.join(args.out, "pred.jsonl")
            with open(pred, "w", encoding="utf-8") as f:
                f.writelines(json.dumps({"doc": d, "story": s}) + "\n" for d, s in found.items())
            scored = subprocess.run([sys.executable, args.score, args.gold, pred], check=True,
                                    capture_output=True, text=True).stdout
            row["gold_bcubed_f1"] = json.loads(scored)["bcubed_f1"]
        print(json.dumps(row), flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
