#!/usr/bin/env python3
"""Score page metadata (title, author, publication date) against the WCXB ground truth.

usage: html_meta_score.py GROUND_TRUTH_DIR PRED.jsonl [--name NAME] [--errors N]

GROUND_TRUTH_DIR: ../shared/bench/data/wcxb-test/ground-truth (one <id>.json per page, with
    ground_truth.title / .author / .publish_date).
PRED.jsonl: one object per page: {"doc": "<id>", "title": ..., "author": ..., "published": ...}
    (the shape of quotetrace-html's html_eval example and of bench/peers/trafilatura_extract.py).

Comparison: exact match after lower-casing and folding whitespace; dates compare on their
first 10 characters (YYYY-MM-DD). Two figures per field:
  acc       over the pages whose gold value is non-empty (the reference figures in
            ../shared/bench/README.md: trafilatura 2.3 title 0.560, author 0.622, date 0.849);
  acc_all   over all pages, where an empty gold value is matched by an empty prediction
            (so predicting a value for a page without one counts as wrong).
Prints one JSON object; --errors N also prints N mismatches per field to stderr.
Standard library only.
"""
import json
import os
import sys

FIELDS = (("title", "title", None), ("author", "author", None), ("date", "published", 10))
GOLD_KEYS = {"title": "title", "author": "author", "date": "publish_date"}


def norm(value, width=None):
    text = " ".join(str(value or "").lower().split())
    return text[:width] if width else text


def main():
    args = sys.argv[1:]
    name, errors = None, 0
    if "--name" in args:
        i = args.index("--name")
        name = args[i + 1]
        del args[i:i + 2]
    if "--errors" in args:
        i = args.index("--errors")
        errors = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    gt_dir, pred_path = args
    gold = {}
    for fname in sorted(os.listdir(gt_dir)):
        if fname.endswith(".json"):
            with open(os.path.join(gt_dir, fname), encoding="utf-8") as fh:
                rec = json.load(fh)
            gold[str(rec.get("file_id") or fname[:-5])] = rec.get("ground_truth") or {}
    pred = {}
    with open(pred_path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                pred[os.path.basename(str(rec.get("doc", ""))).split(".")[0]] = rec
    result = {"system": name, "pages": len(gold), "predicted": len(set(gold) & set(pred))}
    for field, pred_key, width in FIELDS:
        hit = total = hit_all = 0
        shown = 0
        for doc, g in gold.items():
            gv = norm(g.get(GOLD_KEYS[field]), width)
            pv = norm((pred.get(doc) or {}).get(pred_key), width)
            hit_all += gv == pv
            if gv:
                total += 1
                hit += gv == pv
                if gv != pv and shown < errors:
                    shown += 1
                    print(f"[{field}] {doc}: gold={gv!r} pred={pv!r}", file=sys.stderr)
        result[field] = {"acc": round(hit / total, 4) if total else None, "gold_pages": total,
                         "acc_all": round(hit_all / len(gold), 4) if gold else None}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
