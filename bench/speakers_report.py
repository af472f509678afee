#!/usr/bin/env python3
"""Helpers for bench/speakers_quality.sh (standard library only).

  speakers_report.py speed BIN TRAIN_TEXT_DIR N RUNS CORPUS.jsonl > SPEED.json
      Writes N articles (the train texts repeated, unique ids) to CORPUS.jsonl, runs
      `BIN extract --jobs 1 CORPUS.jsonl > /dev/null` RUNS times and reports the median wall
      time as articles/s (the same corpus and measure as bench/quotes_speed.sh's --jobs 1 row).

  speakers_report.py table TITLE CANON.jsonl POLNEAR.jsonl SPEED.json
      CANON.jsonl is score_canonical.py's output, POLNEAR.jsonl score_polnear.py's (one JSON
      line per gold set each). Prints the table of issue 14: for `quoted` and `all`, person
      exact, person surname, organisation, named recall, F1 and speaker accuracy; then the
      speed.
"""
import glob
import json
import os
import statistics
import subprocess
import sys
import time

from report_main import run
from report_table import print_table


def cmd_speed(binary, text_dir, n, runs, corpus):
    n, runs = int(n), int(runs)
    files = sorted(glob.glob(os.path.join(text_dir, "*.txt")))
    if not files:
        sys.exit(f"no texts under {text_dir}")
    texts = [(os.path.basename(f)[:-4], open(f, encoding="utf-8").read()) for f in files]
    with open(corpus, "w", encoding="utf-8") as fh:
        for i in range(n):
            name, text = texts[i % len(texts)]
            fh.write(json.dumps({"id": f"{name}#{i // len(texts)}", "text": text},
                                ensure_ascii=False) + "\n")
    walls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([binary, "extract", "--jobs", "1", corpus], stdout=subprocess.DEVNULL,
                       check=True)
        walls.append(time.perf_counter() - t0)
    med = statistics.median(walls)
    json.dump({"docs": n, "runs": runs, "walls_s": [round(w, 3) for w in walls],
               "median_s": round(med, 3), "articles_per_s": round(n / med, 1)}, sys.stdout)
    sys.stdout.write("\n")


def by_set(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            out[r["set"]] = r
    return out


def cmd_table(title, canon_path, polnear_path, speed_path):
    canon, pol = by_set(canon_path), by_set(polnear_path)
    speed = json.load(open(speed_path, encoding="utf-8"))
    header = ["set", "person exact", "surname", "organisation", "named recall", "F1",
              "speaker_acc", "persons", "orgs"]
    rows = []
    for s in ("quoted", "all"):
        c, p = canon.get(s, {}), pol.get(s, {})
        f = lambda v: "-" if v is None else f"{v:.3f}"
        rows.append([s, f(c.get("person_exact_acc")), f(c.get("person_surname_acc")),
                     f(c.get("org_acc")), f(c.get("named_recall")), f(p.get("f1")),
                     f(p.get("speaker_acc")), str(c.get("person_n", "-")),
                     str(c.get("org_n", "-"))])
    print_table(title, header, rows, left=1)
    print(f"extract speed, --jobs 1: {speed['articles_per_s']:.0f} articles/s "
          f"(median of {speed['runs']} runs over {speed['docs']} train articles)")


def main():
    run(__doc__, {"speed": (cmd_speed, 5, False), "table": (cmd_table, 4, False)})


if __name__ == "__main__":
    main()
