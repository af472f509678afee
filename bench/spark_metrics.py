#!/usr/bin/env python3
"""Per stage of the quotetrace Spark job, from Spark's event log (spark/run-local.sh with
QT_SPARK_EVENT_LOG=DIR): tasks, executor run time and CPU time, shuffle bytes written and read,
and the bytes each article costs.

    python3 bench/spark_metrics.py EVENT_LOG_FILE ARTICLES [--json]

The job files its Spark jobs under a job group per stage (``documents``, ``quotes``,
``speakers``, ``variants``, ``duplicates``, ``stories``, ``translations``;
``quotetrace_spark/job.py``), so every task is counted in the stage that ran it, the
summary counts the job prints included. Task wall time includes the Python workers' time; the
CPU time is the JVM's only (the Python workers' CPU is not in Spark's metrics). Shuffle bytes are what the map side wrote (Spark's
"Shuffle Bytes Written", compressed, as sent between machines); reads are local plus remote.
"""

import json
import sys
from collections import defaultdict


def stage_metrics(path):
    """{stage name: {tasks, run_s, longest_s, cpu_s, shuffle_write, shuffle_read, output,
    input}} (longest_s: the longest task, where a hot key or a big group shows)."""
    group_of_stage, rows = {}, defaultdict(lambda: defaultdict(float))
    with open(path, encoding="utf-8") as f:
        for line in f:
            ev = json.loads(line)
            kind = ev.get("Event")
            if kind == "SparkListenerJobStart":
                props = ev.get("Properties") or {}
                group = props.get("spark.jobGroup.id") or "other"
                for sid in ev.get("Stage IDs", []):
                    group_of_stage[sid] = group
            elif kind == "SparkListenerTaskEnd":
                m = ev.get("Task Metrics") or {}
                r = rows[group_of_stage.get(ev.get("Stage ID"), "other")]
                r["tasks"] += 1
                r["run_s"] += m.get("Executor Run Time", 0) / 1e3
                r["longest_s"] = max(r["longest_s"], m.get("Executor Run Time", 0) / 1e3)
                r["cpu_s"] += m.get("Executor CPU Time", 0) / 1e9
                w = m.get("Shuffle Write Metrics") or {}
                r["shuffle_write"] += w.get("Shuffle Bytes Written", 0)
                rd = m.get("Shuffle Read Metrics") or {}
                r["shuffle_read"] += (rd.get("Remote Bytes Read", 0)
                                      + rd.get("Local Bytes Read", 0))
                r["output"] += (m.get("Output Metrics") or {}).get("Bytes Written", 0)
                r["input"] += (m.get("Input Metrics") or {}).get("Bytes Read", 0)
    return {k: dict(v) for k, v in rows.items()}


ORDER = ["documents", "quotes", "speakers", "variants", "duplicates", "stories",
         "translations", "other"]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rows, articles = stage_metrics(sys.argv[1]), int(sys.argv[2])
    if "--json" in sys.argv[3:]:
        print(json.dumps({"articles": articles, "stages": rows}))
        return
    print("| stage | tasks | task wall s | longest task s | JVM CPU s | shuffle written | "
          "per article | shuffle read | Parquet written |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in sorted(rows, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER)):
        r = rows[name]
        print(f"| {name} | {int(r['tasks'])} | {r['run_s']:.1f} | {r['longest_s']:.1f} | "
              f"{r['cpu_s']:.1f} | "
              f"{r['shuffle_write'] / 1e6:.1f} MB | {r['shuffle_write'] / articles:.0f} B | "
              f"{r['shuffle_read'] / 1e6:.1f} MB | {r['output'] / 1e6:.1f} MB |")


if __name__ == "__main__":
    main()
