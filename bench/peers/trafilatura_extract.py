#!/usr/bin/env python3
"""Peer baseline for HTML pages: trafilatura's main text and metadata, as JSON lines.

What it does
    Reads every *.html / *.html.gz page of DIR (sorted by name), gunzips it, and runs
    trafilatura on the raw bytes (trafilatura does its own charset detection):
      text:     trafilatura.extract(page)            (default settings, plain-text output)
      metadata: trafilatura.extract_metadata(page)   (title, author, date as YYYY-MM-DD,
                                                      sitename, url)
    and prints one JSON line per page, in the same shape as quotetrace-html's html_eval
    example: {"doc", "text", "title", "author", "published", "outlet", "lang"}.

    --mode text     only the text (what the Zyte benchmark scores)
    --mode meta     only the metadata (what the WCXB scorer compares)
    --mode both     both (default)

    Only the trafilatura calls are timed (reading and gunzip are not), single process, one
    page at a time; an exception on a page is caught, counted and the page emitted empty.
    --repeat N runs everything N times and reports the fastest pass (output of the first).

Outputs
    stdout (or --out FILE): the JSONL records.
    stderr: a one-line summary; --stats FILE: the same as JSON
            (pages, failed, elapsed_s, pages_per_s).

Usage (with the bench virtualenv; bench/html_quality.sh installs trafilatura into it):
    bench/.venv/bin/python bench/peers/trafilatura_extract.py --mode text \\
        --out bench/out/trafilatura.zyte.jsonl ../shared/bench/data/zyte/html
"""
import argparse
import gzip
import json
import os
import sys
import time

from peer_stats import write_stats


def pages(directory):
    """Yield (page id, bytes) for the *.html and *.html.gz files of a directory, sorted."""
    for name in sorted(os.listdir(directory)):
        if name.endswith(".html.gz"):
            doc = name[: -len(".html.gz")]
            with gzip.open(os.path.join(directory, name), "rb") as fh:
                yield doc, fh.read()
        elif name.endswith(".html"):
            doc = name[: -len(".html")]
            with open(os.path.join(directory, name), "rb") as fh:
                yield doc, fh.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--mode", choices=("text", "meta", "both"), default="both")
    ap.add_argument("--out")
    ap.add_argument("--stats")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run the extraction N times and report the fastest pass")
    args = ap.parse_args()

    import trafilatura  # imported here so --help works without it

    docs = list(pages(args.dir))
    best = None
    records = []
    failed = 0
    for rep in range(max(1, args.repeat)):
        elapsed = 0.0
        for doc, raw in docs:
            rec = {"doc": doc, "text": "", "title": None, "author": None, "published": None,
                   "outlet": None, "lang": None}
            t0 = time.perf_counter()
            try:
                if args.mode in ("text", "both"):
                    rec["text"] = trafilatura.extract(raw) or ""
                if args.mode in ("meta", "both"):
                    meta = trafilatura.extract_metadata(raw)
                    if meta is not None:
                        rec["title"] = meta.title
                        rec["author"] = meta.author
                        rec["published"] = meta.date
                        rec["outlet"] = meta.sitename
            except Exception as exc:  # noqa: BLE001 - a peer failure is counted, not fatal
                rec["error"] = f"{type(exc).__name__}: {exc}"
            elapsed += time.perf_counter() - t0
            if rep == 0:
                failed += "error" in rec
                records.append(rec)
        best = elapsed if best is None else min(best, elapsed)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    n, elapsed = len(records), best or 0.0
    stats = {"system": f"trafilatura {trafilatura.__version__}", "mode": args.mode, "pages": n,
             "failed": failed, "elapsed_s": round(elapsed, 3),
             "pages_per_s": round(n / elapsed, 2) if elapsed > 0 else None}
    print(json.dumps(stats), file=sys.stderr)
    write_stats(args.stats, stats)


if __name__ == "__main__":
    main()
