#!/usr/bin/env python3
"""Helpers for bench/html_quality.sh (standard library only).

  html_report.py wcxb-main-text GT_DIR OUT.json
      Writes WCXB's ground-truth main content in score_extract.py's ground-truth shape
      ({"<id>": {"articleBody": main_content}}), so the same scorer can rate main text on
      WCXB too.

  html_report.py table TITLE ROW [ROW ...]
      ROW is NAME=ZYTE_SCORE.json,ZYTE_STATS.json,WCXB_TEXT_SCORE.json,WCXB_META_SCORE.json
      (a missing file is written as "-"): score_extract.py outputs, the timing JSON that
      html_eval / trafilatura_extract.py print on standard error, and html_meta_score.py's
      output. Prints a side-by-side table.
"""
import json
import os

from report_main import run
from report_table import print_table


def cmd_wcxb_main_text(gt_dir, out_path):
    gold = {}
    for name in sorted(os.listdir(gt_dir)):
        if name.endswith(".json"):
            with open(os.path.join(gt_dir, name), encoding="utf-8") as fh:
                rec = json.load(fh)
            gt = rec.get("ground_truth") or {}
            gold[str(rec.get("file_id") or name[:-5])] = {"articleBody": gt.get("main_content") or ""}
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(gold, fh)


def load(path):
    if not path or path == "-" or not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        text = fh.read().strip()
    # Timing lines may follow other stderr lines: take the last JSON line.
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    return {}


def fmt(v, spec=".3f"):
    return "-" if v is None else format(v, spec)


def cmd_table(title, *rows):
    header = ["system", "Zyte P", "Zyte R", "Zyte F1", "pages/s", "WCXB text F1",
              "title", "author", "date", "title*", "author*", "date*"]
    lines = []
    for row in rows:
        name, files = row.split("=", 1)
        zyte, stats, wtext, wmeta = (files.split(",") + ["-"] * 4)[:4]
        z, st, wt, wm = load(zyte), load(stats), load(wtext), load(wmeta)
        speed = st.get("pages_per_s")
        lines.append([
            name, fmt(z.get("precision")), fmt(z.get("recall")), fmt(z.get("f1")),
            fmt(speed, ".1f"), fmt(wt.get("f1")),
            fmt((wm.get("title") or {}).get("acc")), fmt((wm.get("author") or {}).get("acc")),
            fmt((wm.get("date") or {}).get("acc")),
            fmt((wm.get("title") or {}).get("acc_all")), fmt((wm.get("author") or {}).get("acc_all")),
            fmt((wm.get("date") or {}).get("acc_all")),
        ])
    print_table(title, header, lines, left=1, align_header=True)
    print("title/author/date: WCXB exact-match accuracy over pages with a gold value;")
    print("title*/author*/date*: over all 511 pages (an empty gold value wants an empty answer).")
    print("pages/s: Zyte 181 pages, one thread, extraction only (no I/O, no gunzip).")


def main():
    run(__doc__, {
        "wcxb-main-text": (cmd_wcxb_main_text, 2, False),
        "table": (cmd_table, 2, True),
    })


if __name__ == "__main__":
    main()
