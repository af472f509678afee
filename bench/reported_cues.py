#!/usr/bin/env python3
"""Per-cue recall on PolNeAR (the `all` set): for the N most frequent annotated cues (lower
case), how many of their attributions a prediction file matches, matching exactly as
../shared/bench/score_polnear.py does (one-to-one, greedy by overlap, each span covering at
least half of the other).

usage: reported_cues.py SPLIT_DIR PRED.jsonl [N] [LABEL=PRED.jsonl ...]
Prints a Markdown table: cue, attributions, then found / recall for each prediction file.
"""
import collections
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "shared", "bench"))
if os.environ.get("QT_SHARED_BENCH"):
    sys.path.insert(0, os.environ["QT_SHARED_BENCH"])
import score_polnear as sp  # noqa: E402


def cues(split):
    """Per article, the cue text of each attribution with a content, in load_gold's order."""
    out = {}
    for art, (text, _) in sp.load_gold(split).items():
        out[art] = []
    by_article = {}
    import glob
    for ann in sorted(glob.glob(os.path.join(split, "attributions", "*.ann"))):
        art = os.path.basename(ann)[:-4].rsplit("_", 1)[0]
        by_article.setdefault(art, ann)
    for art in out:
        text = open(os.path.join(split, "text", art + ".txt"), encoding="utf-8").read()
        spans, events = {}, []
        for line in open(by_article[art], encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if line.startswith("T") and len(parts) >= 2:
                kind, *rng = parts[1].split(" ", 1)
                segs = [tuple(map(int, s.split())) for s in rng[0].split(";")] if rng else []
                spans[parts[0]] = segs
            elif line.startswith("E") and len(parts) >= 2:
                events.append(dict(x.split(":") for x in parts[1].split()))
        for roles in events:
            if roles.get("Content") not in spans:
                continue
            segs = spans.get(roles.get("Cue"), [])
            out[art].append(" ".join(text[a:b] for a, b in segs).lower() or "(no cue)")
    return out


def matched(gold, pred_path):
    """Per article, the indices of the gold attributions a prediction matches."""
    preds = {}
    for line in open(pred_path, encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        art = os.path.basename(str(r.get("doc", "")))
        art = art[:-4] if art.endswith(".txt") else art
        if art not in gold:
            continue
        b2c = sp.byte_to_char(gold[art][0])
        preds[art] = [set(range(b2c[q["start"]], b2c[q["end"]])) for q in r.get("quotes", [])]
    out = {}
    for art, (_, atts) in gold.items():
        ps = preds.get(art, [])
        pairs = sorted(((len(p & g["chars"]), i, j) for i, p in enumerate(ps)
                        for j, g in enumerate(atts)
                        if p & g["chars"] and len(p & g["chars"]) >= 0.5 * len(p)
                        and len(p & g["chars"]) >= 0.5 * len(g["chars"])), reverse=True)
        up, ug = set(), set()
        for _, i, j in pairs:
            if i not in up and j not in ug:
                up.add(i)
                ug.add(j)
        out[art] = ug
    return out


def main():
    split, n = sys.argv[1], 30
    systems = []
    for arg in sys.argv[2:]:
        if arg.isdigit():
            n = int(arg)
        elif "=" in arg:
            label, path = arg.split("=", 1)
            systems.append((label, path))
        else:
            systems.append(("quotetrace", arg))
    gold = sp.load_gold(split)
    cue_of = cues(split)
    hits = [matched(gold, path) for _, path in systems]
    total = collections.Counter()
    found = [collections.Counter() for _ in systems]
    for art, names in cue_of.items():
        for j, c in enumerate(names):
            total[c] += 1
            for k, h in enumerate(hits):
                found[k][c] += j in h[art]
    print(f"| cue | attributions | " + " | ".join(f"{label} found (recall)"
                                                  for label, _ in systems) + " |")
    print("|---|---:|" + "---:|" * len(systems))
    for c, t in total.most_common(n):
        cells = " | ".join(f"{f[c]} ({f[c] / t:.2f})" for f in found)
        print(f"| `{c}` | {t} | {cells} |")
    rest = sum(total.values()) - sum(t for _, t in total.most_common(n))
    rest_found = [sum(f.values()) - sum(f[c] for c, _ in total.most_common(n)) for f in found]
    cells = " | ".join(f"{r} ({r / max(rest, 1):.2f})" for r in rest_found)
    print(f"| all other cues | {rest} | {cells} |")


if __name__ == "__main__":
    main()
