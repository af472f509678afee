#!/usr/bin/env python3
"""Small helpers for bench/quotes_quality.sh (standard library only).

  quotes_report.py stats NAME PRED.jsonl SECONDS > STATS.json
      Count documents, documents with an `error` field, and quotes in a predictions file and
      turn a wall-clock time into articles/s.

  quotes_report.py table TITLE ROW [ROW ...]
      ROW is NAME=SCORE.jsonl,STATS.json where SCORE.jsonl is score_polnear.py's output (one
      JSON line per gold set) and STATS.json has docs/failed/articles_per_s. Prints a
      side-by-side table: system, set, P, R, F1, speaker acc, docs failed, articles/s.
"""
import json
import sys

from report_main import run
from report_table import print_table


def cmd_stats(name, pred, seconds):
    seconds = float(seconds)
    docs = failed = quotes = 0
    with open(pred, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            docs += 1
            failed += "error" in rec
            quotes += len(rec.get("quotes") or [])
    json.dump({"system": name, "docs": docs, "failed": failed, "quotes": quotes,
               "elapsed_s": round(seconds, 3),
               "articles_per_s": round(docs / seconds, 3) if seconds > 0 else None},
              sys.stdout)
    sys.stdout.write("\n")


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def cmd_table(title, *rows):
    header = ["system", "set", "P", "R", "F1", "spk acc", "tp", "fp", "fn",
              "docs failed", "articles/s"]
    lines = []
    for row in rows:
        name, files = row.split("=", 1)
        score_path, stats_path = files.split(",", 1)
        stats = json.load(open(stats_path, encoding="utf-8"))
        for line in open(score_path, encoding="utf-8"):
            if not line.strip():
                continue
            s = json.loads(line)
            lines.append([name, s["set"], fmt(s["precision"], ".3f"), fmt(s["recall"], ".3f"),
                          fmt(s["f1"], ".3f"), fmt(s["speaker_acc"], ".3f"),
                          str(s["tp"]), str(s["fp"]), str(s["fn"]),
                          # errors, plus gold articles the system printed no line for
                          f"{stats.get('failed', 0) + s.get('docs_without_prediction_line', 0)}"
                          f"/{s.get('docs')}",
                          fmt(stats.get("articles_per_s"), ".1f")])
    lines.sort(key=lambda r: r[1] != "quoted")  # stable: systems keep their order
    print_table(title, header, lines, left=2)


def main():
    run(__doc__, {"stats": (cmd_stats, 3, False), "table": (cmd_table, 2, True)})


if __name__ == "__main__":
    main()
