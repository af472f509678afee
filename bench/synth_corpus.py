#!/usr/bin/env python3
"""Generate a synthetic-but-realistic news corpus by recombining paragraphs of real articles.

usage: synth_corpus.py SOURCE_DIR N OUT.jsonl [--seed S]

Each synthetic article takes a headline-like first line and 6-14 paragraphs drawn from the
source articles (PolNeAR train texts), so its sentences, quotations and attributions are real
news prose while the article as a whole is new. Every article gets an id, an outlet (one of 40),
a date (spread over two years) and a URL. A small share (2%) are near-copies of an earlier
synthetic article with light edits (a dropped paragraph, a changed word), as syndication makes.
Streams its output: memory stays small for any N.
"""
import glob
import json
import os
import random
import sys


def main():
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    rng = random.Random(seed)
    paragraphs, heads = [], []
    for path in sorted(glob.glob(os.path.join(src, "*.txt"))):
        text = open(path, encoding="utf-8").read()
        parts = [p.strip() for p in text.split("\n\n") if p.strip()]
        if not parts:
            continue
        heads.append(parts[0][:150])
        paragraphs.extend(p for p in parts[1:] if len(p) > 40)
    outlets = [f"Outlet {i:02d}" for i in range(40)]
    recent = []
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            if recent and rng.random() < 0.02:
                base = rng.choice(recent)
                body = list(base["body"])
                if len(body) > 3:
                    body.pop(rng.randrange(1, len(body)))
                k = rng.randrange(len(body))
                body[k] = body[k].replace(" the ", " a ", 1)
                head = base["head"]
            else:
                head = rng.choice(heads)
                body = rng.sample(paragraphs, rng.randint(6, 14))
            outlet = rng.choice(outlets)
            day = rng.randrange(730)
            date = f"{2015 + day // 365}-{(day % 365) // 31 + 1:02d}-{day % 28 + 1:02d}"
            rec = {"id": f"synth-{i}", "title": head, "outlet": outlet, "published": date,
                   "url": f"https://{outlet.lower().replace(' ', '')}.example/{i}",
                   "text": head + "\n\n" + "\n\n".join(body)}
            f.write(json.dumps(rec) + "\n")
            recent.append({"head": head, "body": body})
            if len(recent) > 200:
                recent.pop(0)


if __name__ == "__main__":
    main()
