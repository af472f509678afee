#!/usr/bin/env python3
"""List the named attributions whose canonical speaker extract got wrong (standard library).

usage: speakers_errors.py SPLIT_DIR CANON.jsonl PRED.jsonl [--all]

Matches predictions to attributions as ../shared/bench/score_canonical.py does (its own
functions, imported) and prints one line per matched named attribution that is not exact:
article, gold type and canonical name, the gold Source span, the predicted speaker, and the
predicted mention. For error analysis on the train split (never tune on dev).
"""
import collections, json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
import score_canonical as sc  # noqa: E402


def main():
    split, canon, pred = sys.argv[1:4]
    which = "all" if "--all" in sys.argv else "quoted"
    gold = sc.load(split, canon)
    src = {}
    for line in open(canon, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            src[(r["article"], r["event"])] = r["source"]
    preds = {}
    for line in open(pred, encoding="utf-8"):
        r = json.loads(line)
        art = os.path.basename(str(r.get("doc", "")))[:-4]
        if art not in gold:
            continue
        t = sc.b2c_table(gold[art][0])
        preds[art] = [dict(chars=set(range(t[q["start"]], t[q["end"]])), kind=q.get("kind"),
                           speaker=q.get("speaker") or "",
                           mention=(q.get("speaker_mention") or {}).get("text", ""))
                      for q in r.get("quotes", [])]
    counts = collections.Counter()
    for art, (text, atts) in sorted(gold.items()):
        golds = [a for a in atts if which == "all" or a["quoted"]]
        ps = [p for p in preds.get(art, []) if which == "all" or p["kind"] != "indirect"]
        pairs = sorted(((len(p["chars"] & g["chars"]), i, j) for i, p in enumerate(ps)
                        for j, g in enumerate(golds)
                        if len(p["chars"] & g["chars"]) >= 0.5 * max(len(p["chars"]), len(g["chars"]))
                        and p["chars"] & g["chars"]), reverse=True)
        up, ug = set(), set()
        for _, i, j in pairs:
            if i in up or j in ug:
                continue
            up.add(i); ug.add(j)
            lab = golds[j]["label"]
            if not lab or not lab.get("canonical") or lab["type"] == "unnamed":
                continue
            ok, _ = sc.right(lab, ps[i]["speaker"])
            counts[(lab["type"], ok)] += 1
            if not ok:
                print(f"{art[:40]:40} {lab['type'][:3]} gold={lab['canonical']!r:28} "
                      f"src={lab['source'][:30]!r:32} pred={ps[i]['speaker']!r:30} "
                      f"mention={ps[i]['mention']!r}")
    print(dict(counts), file=sys.stderr)


if __name__ == "__main__":
    main()
