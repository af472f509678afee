"""The two routes for the per-document stage on Spark, on the same JSONL files:
in process through the Python package (what spark/ does: mapInArrow over each file's bytes)
against RDD.pipe of the quotetrace binary (`quotetrace extract -`, a JSONL record per line).
Each route counts the documents and the quotes (no write), in its own spark-submit, and prints
its wall time (CPU time cannot be compared: `/usr/bin/time` misses the pipe's child processes,
forked by PySpark's worker daemon). PYSPARK_PYTHON must have pyspark and the quotetrace wheel:

  PYTHONPATH=spark PYSPARK_PYTHON=target/spark-venv/bin/python spark-submit --master 'local[1]' bench/spark_pipe.py inprocess|pipe QT_BIN FILE...
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "spark"))

from pyspark.sql import SparkSession  # noqa: E402


def main():
    route, binary, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    spark = SparkSession.builder.appName(f"quotetrace-{route}").getOrCreate()
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "8")
    t = time.time()
    if route == "inprocess":
        from pyspark.sql import functions as F
        from quotetrace_spark import documents, inputs

        rows = documents.extract(inputs.files(spark, files))
        r = F.from_json("record", documents.RECORD)
        agg = rows.select(F.count(F.lit(1)).alias("d"),
                          F.sum(F.coalesce(F.size(r.quotes), F.lit(0))).alias("q")).first()
        docs, quotes = agg.d, agg.q
    else:
        lines = spark.sparkContext.textFile(",".join(files)).pipe(f"{binary} extract --quiet -")
        docs, quotes = lines.map(lambda l: (1, len(json.loads(l).get("quotes") or []))) \
            .reduce(lambda a, b: (a[0] + b[0], a[1] + b[1]))
    print(f"{route}: {docs} documents, {quotes} quotes, {time.time() - t:.1f} s wall", flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
