#!/usr/bin/env python3
"""Peer baseline for scraped text: jusText on a page's paragraphs, as JSON lines.

What it does
    Reads JSONL pages {"id", "text"} (Markdown or plain text, as ../shared/bench/data/scraped
    has them), splits each text into paragraphs at blank lines, wraps each paragraph in a <p>
    (HTML-escaped) and runs jusText 3 with its English stoplist and default settings
    (justext.justext(html, justext.get_stoplist("English"))). The paragraphs jusText does
    not call boilerplate are printed, blank-line separated, as {"id", "text"}.

    Only the jusText calls are timed (reading, splitting and writing are not), one page at a
    time in one process; --repeat N runs everything N times and reports the fastest pass.

Outputs
    --out FILE: the JSONL records; --stats FILE: {"pages", "elapsed_s", "pages_per_s"}.

Usage (bench/scraped_quality.sh installs jusText into bench/.venv):
    bench/.venv/bin/python bench/peers/justext_paragraphs.py --out OUT.jsonl --stats S.json \\
        ../shared/bench/data/scraped/dev.jsonl
"""
import argparse
import html
import json
import re
import sys
import time

import justext


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("--out", required=True)
    ap.add_argument("--stats")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with open(args.pages, encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    stoplist = justext.get_stoplist("English")
    docs = []
    for p in pages:
        paras = [b.strip() for b in re.split(r"\n\s*\n", p.get("text") or "") if b.strip()]
        body = "".join("<p>" + html.escape(b) + "</p>" for b in paras)
        docs.append((p.get("id"), "<html><body>" + body + "</body></html>"))
    best = None
    outputs = None
    for _ in range(max(1, args.repeat)):
        results = []
        started = time.perf_counter()
        for pid, page in docs:
            kept = [par.text for par in justext.justext(page, stoplist) if not par.is_boilerplate]
            results.append((pid, "\n\n".join(kept)))
        elapsed = time.perf_counter() - started
        if best is None or elapsed < best:
            best = elapsed
        if outputs is None:
            outputs = results
    with open(args.out, "w", encoding="utf-8") as f:
        for pid, text in outputs:
            f.write(json.dumps({"id": pid, "text": text}, ensure_ascii=False) + "\n")
    stats = {"pages": len(docs), "elapsed_s": round(best, 3),
             "pages_per_s": round(len(docs) / best, 1) if best else None}
    print(json.dumps(stats), file=sys.stderr)
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(stats, f)


if __name__ == "__main__":
    main()
