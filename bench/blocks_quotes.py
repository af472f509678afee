#!/usr/bin/env python3
"""Which blocks a page's quotes may come from, chosen on the block classifier's training pages.

usage: blocks_quotes.py DUMP.jsonl EXTRACT_ARTICLES_BIN

DUMP: the training pages with their cross-fitted stage-2 probabilities, as the trainer writes
them (`train_blocks ... --dump DUMP.jsonl`, see bench/train_blocks.sh; the first file's pages:
WCXB-test pages that are not in the scraped dev set). Each page's blocks are joined again
(blank lines between) and read as an article by `extract_articles` (crates/quotes/examples:
every quote the extraction finds, no block left out); each quote falls in one block, labelled
article or not by the page's gold. For each rule deciding which kept blocks may give quotes,
the table prints the share of the quotes it lets through that come from non-article blocks
(the leak rate of bench/scraped_quality.sh, on these pages) and the share of the article
blocks' quotes it keeps. The rule in crates/text/src/blocks/stretch.rs is the row marked *;
its constants are mirrored here. The dev set is never read.
"""
import json
import subprocess
import sys

KEPT_FROM = 0.4  # weights.rs THRESHOLD: a block is kept for its text from here
CHOSEN = (0.5, 5.0, 0.05)  # stretch.rs: STRETCH_P, BLOCK_WORDS, MAIN_SHARE


def quotes_by_block(pages, binary):
    joined = "".join(json.dumps({"id": d["id"], "text": "\n\n".join(d["text"])}) + "\n"
                     for d in pages)
    out = subprocess.run([binary], input=joined, capture_output=True, text=True, check=True)
    found = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        found[r["doc"]] = r["quotes"]
    rows = []
    for d in pages:
        offsets, pos = [], 0
        for t in d["text"]:
            n = len(t.encode("utf-8"))
            offsets.append((pos, pos + n))
            pos += n + 2
        for q in found.get(d["id"], []):
            block = next((i for i, (a, b) in enumerate(offsets) if a <= q["start"] < b), None)
            if block is not None:
                rows.append((d["id"], block, d["label"][block] >= 0.5))
    return rows


def runs(gain):
    """Kadane's maximal positive runs, as (gain, first, last) — stretch.rs's `runs`."""
    out, total, start, top, last = [], 0.0, 0, 0.0, -1
    for i, g in enumerate(gain):
        if total + g <= 0:
            if top > 0:
                out.append((top, start, last))
            total, top, start = 0.0, 0.0, i + 1
            continue
        total += g
        if total > top:
            top, last = total, i
    if top > 0:
        out.append((top, start, last))
    return out


def stretches(p, words, stretch_p, block_words, share):
    gain = [(w + block_words) * (x - stretch_p) for x, w in zip(p, words)]
    found = runs(gain)
    best = max((g for g, _, _ in found), default=0.0)
    main = [False] * len(p)
    for g, a, b in found:
        if g >= share * best:
            while a > 0 and p[a - 1] >= KEPT_FROM:
                a -= 1
            while b + 1 < len(p) and p[b + 1] >= KEPT_FROM:
                b += 1
            for i in range(a, b + 1):
                main[i] = True
    return main


def score(pages, rows, allowed):
    masks = {d["id"]: allowed(d) for d in pages}
    through = leaked = article = kept_article = 0
    for pid, block, is_article in rows:
        ok = masks[pid][block]
        through += ok
        leaked += ok and not is_article
        article += is_article
        kept_article += ok and is_article
    return leaked / max(through, 1), kept_article / max(article, 1), through


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    pages = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    rows = quotes_by_block(pages, sys.argv[2])
    print(f"{len(pages)} pages, {len(rows)} quotes, "
          f"{sum(not a for _, _, a in rows)} of them in blocks that are not the article")
    print()
    print("| quotes from | leak rate | article quotes kept | quotes |")
    print("|---|---:|---:|---:|")
    for t in (KEPT_FROM, 0.5, 0.6, 0.7):
        leak, kept, n = score(pages, rows, lambda d: [x >= t for x in d["p2"]])
        print(f"| blocks with p >= {t:.1f}{' (the kept text)' if t == KEPT_FROM else ''} "
              f"| {100 * leak:.1f}% | {kept:.3f} | {n} |")
    for sp in (0.45, 0.5, 0.55, 0.6):
        for bw in (0.0, 5.0):
            cfg = (sp, bw, CHOSEN[2])
            leak, kept, n = score(pages, rows, lambda d: [
                m and x >= KEPT_FROM for m, x in zip(stretches(d["p2"], d["words"], *cfg), d["p2"])])
            mark = " *" if cfg == CHOSEN else ""
            print(f"| kept blocks in the main stretches (p {sp}, +{bw:g} words, share "
                  f"{CHOSEN[2]}){mark} | {100 * leak:.1f}% | {kept:.3f} | {n} |")


if __name__ == "__main__":
    main()
